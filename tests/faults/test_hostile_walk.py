"""Hostile trees: what a pull request can put in a repository to crash, hang or mislead a scan.

Each case runs the real CLI in a subprocess (so a hang is bounded by ``timeout``) or the real
``scan``, and checks that a report is still written and the odd item is named, not silently
dropped or followed.
"""

from __future__ import annotations

import json
import logging
import os
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from licheck.cli import main
from licheck.records import ScanResult, Skipped
from licheck.scan import scan
from tests.faults.runner import licheck_run, write

LOADER = 'AutoModel.from_pretrained("Qwen/Qwen3-8B")\n'
SECRET = 'AutoModel.from_pretrained("outside-org/leaked-model")\n'
OUTSIDE = "symbolic link to a path outside the scanned tree"
FIFO = "not a regular file: named pipe (FIFO)"

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX file types")


def _env(cwd: Path) -> dict[str, str]:
    env = {**os.environ, "LICHECK_CACHE_DIR": str(cwd / ".." / "licheck-cache")}
    env.pop("CI", None)
    return env


def run_cli(cwd: Path, *args: str) -> tuple[dict[str, Any], str]:
    """The JSON report and stderr of ``licheck scan ARGS --offline`` run in ``cwd``."""
    scan_args = ["scan", *args, "--offline", "--fail-on", "never", "--format", "json"]
    done = licheck_run(scan_args, cwd, _env(cwd))
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout), done.stderr


def run_cli_error(cwd: Path, *args: str) -> tuple[int, str]:
    done = licheck_run(["scan", *args, "--offline"], cwd, _env(cwd))
    assert "Traceback" not in done.stderr, done.stderr
    return done.returncode, done.stderr


def skipped(report: dict[str, Any]) -> dict[str, str]:
    return {s["path"]: s["reason"] for s in report["skipped"]}


def referenced(report: dict[str, Any]) -> set[tuple[str, str]]:
    return {(r["path"], r["model"]) for r in report["references"]}


def paths(result: ScanResult) -> list[str]:
    return sorted({r.path for r in result.references})


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    return root


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder next to the scanned tree, holding what a link must not leak."""
    return write(tmp_path / "outside", {"secret.py": SECRET, "sub/deep.py": SECRET})


# ---------------------------------------------------------------------------------------------
# 5. .gitignore lines and globs pathspec refuses
# ---------------------------------------------------------------------------------------------

BAD_LINES = ["\\", "!", "[z-a]", "trailing\\"]


def test_bad_gitignore_lines_are_warned_about_and_good_ones_kept(repo: Path) -> None:
    write(
        repo,
        {
            ".gitignore": "\n".join(["ignored.py", *BAD_LINES, "*.gen.py"]) + "\n",
            "ignored.py": LOADER,
            "a.gen.py": LOADER,
            "kept.py": LOADER,
            "pkg/.gitignore": "[z-a]\nlocal_*.py\n",
            "pkg/local_x.py": LOADER,
            "pkg/kept.py": LOADER,
        },
    )
    report, stderr = run_cli(repo.parent, "repo")
    assert {path for path, _ in referenced(report)} == {"kept.py", "pkg/kept.py"}
    for line in (2, 3, 4, 5):
        assert f"WARNING: .gitignore:{line}: " in stderr
    assert "WARNING: pkg/.gitignore:1: " in stderr
    assert "WARNING: .gitignore:1:" not in stderr and ".gitignore:6" not in stderr


def test_bad_gitignore_line_in_process_names_file_and_line(
    repo: Path, caplog: pytest.LogCaptureFixture
) -> None:
    write(repo, {"sub/.gitignore": "x.py\n[z-a]\n", "sub/x.py": LOADER, "sub/y.py": LOADER})
    with caplog.at_level(logging.WARNING, logger="licheck"):
        result = scan(repo)
    assert paths(result) == ["sub/y.py"]
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 1 and messages[0].startswith("sub/.gitignore:2: ")
    assert "[z-a]" in messages[0]


@posix_only
def test_odd_gitignore_files_neither_hang_nor_leak(repo: Path, outside: Path) -> None:
    # Like git 2.32+, a linked .gitignore is not followed; a pipe in its place is not opened.
    write(outside, {"patterns": "a.py\ntrailing\\\n"})
    write(repo, {"a.py": LOADER, "pkg/b.py": LOADER})
    (repo / ".gitignore").symlink_to(outside / "patterns")
    os.mkfifo(repo / "pkg" / ".gitignore")
    report, stderr = run_cli(repo.parent, "repo")
    assert {path for path, _ in referenced(report)} == {"a.py", "pkg/b.py"}
    assert "WARNING: .gitignore: not read (a symbolic link)" in stderr
    assert "WARNING: pkg/.gitignore: not read (named pipe (FIFO))" in stderr
    assert "trailing" not in stderr


@pytest.mark.parametrize("pattern", ["[z-a]", "\\", "!"])
@pytest.mark.parametrize("option", ["--exclude", "--include"])
def test_bad_glob_on_the_command_line_is_a_usage_error(
    repo: Path, option: str, pattern: str
) -> None:
    write(repo, {"a.py": LOADER})
    code, stderr = run_cli_error(repo.parent, "repo", option, pattern)
    assert code == 2
    assert option in stderr and repr(pattern) in stderr


def test_bad_glob_in_the_configuration_is_a_config_error(repo: Path) -> None:
    write(repo, {"a.py": LOADER, "pyproject.toml": '[tool.licheck]\nexclude = ["[z-a]"]\n'})
    code, stderr = run_cli_error(repo.parent, "repo")
    assert code == 2
    assert "[tool.licheck] exclude" in stderr and "'[z-a]'" in stderr


# ---------------------------------------------------------------------------------------------
# 7. Symbolic links
# ---------------------------------------------------------------------------------------------


@posix_only
def test_file_links_out_of_the_tree_are_not_followed(repo: Path, outside: Path) -> None:
    write(repo, {"inner.py": LOADER})
    (repo / "leak.py").symlink_to(outside / "secret.py")
    (repo / "passwd.txt").symlink_to("/etc/passwd")
    (repo / "relative.py").symlink_to("../outside/secret.py")
    (repo / "alias.py").symlink_to("inner.py")  # stays inside: read
    (repo / "LICENSE").symlink_to(outside / "secret.py")  # never read anyway: not mentioned
    report, _ = run_cli(repo.parent, "repo")
    assert referenced(report) == {("inner.py", "Qwen/Qwen3-8B"), ("alias.py", "Qwen/Qwen3-8B")}
    assert skipped(report) == {"leak.py": OUTSIDE, "passwd.txt": OUTSIDE, "relative.py": OUTSIDE}


@posix_only
def test_dangling_and_looping_links_are_skipped_with_a_reason(repo: Path) -> None:
    write(repo, {"a.py": LOADER})
    (repo / "gone.py").symlink_to("nowhere.py")
    (repo / "loop.py").symlink_to("loop.py")
    report, _ = run_cli(repo.parent, "repo")
    assert skipped(report) == {
        "gone.py": "broken symbolic link: No such file or directory",
        "loop.py": "broken symbolic link: Too many levels of symbolic links",
    }


@posix_only
def test_directory_links_are_never_entered(repo: Path, outside: Path) -> None:
    write(repo, {"pkg/a.py": LOADER})
    (repo / "out").symlink_to(outside)
    (repo / "loop").symlink_to(".")
    (repo / "pkg" / "again").symlink_to("..")
    report, _ = run_cli(repo.parent, "repo")
    assert referenced(report) == {("pkg/a.py", "Qwen/Qwen3-8B")}
    assert report["skipped"] == []


@posix_only
def test_explicit_paths_that_link_out_of_the_tree_are_refused(repo: Path, outside: Path) -> None:
    # pre-commit passes changed files by name: a pull request adding a link must not leak.
    write(repo, {"a.py": LOADER})
    (repo / "leak.py").symlink_to(outside / "secret.py")
    (repo / "out").symlink_to(outside)
    (repo / "alias.py").symlink_to("a.py")
    report, _ = run_cli(repo, "leak.py", "out/secret.py", "out", "alias.py", "a.py")
    assert referenced(report) == {("a.py", "Qwen/Qwen3-8B"), ("alias.py", "Qwen/Qwen3-8B")}
    assert skipped(report) == {"leak.py": OUTSIDE, "out/secret.py": OUTSIDE, "out": OUTSIDE}


@posix_only
def test_explicit_dangling_link_is_named_as_such(repo: Path) -> None:
    (repo / "gone.py").symlink_to("nowhere.py")
    report, _ = run_cli(repo, "gone.py")
    assert skipped(report) == {"gone.py": "broken symbolic link: No such file or directory"}


# ---------------------------------------------------------------------------------------------
# 8. Folders that cannot be listed
# ---------------------------------------------------------------------------------------------


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root lists anything")
def test_unreadable_folder_is_skipped_with_the_os_error(repo: Path) -> None:
    write(repo, {"a.py": LOADER, "locked/b.py": LOADER})
    (repo / "locked").chmod(0)
    try:
        report, _ = run_cli(repo.parent, "repo")
    finally:
        (repo / "locked").chmod(0o755)
    assert skipped(report) == {"locked": "cannot read directory: Permission denied"}


@pytest.fixture
def unlistable(monkeypatch: pytest.MonkeyPatch) -> Iterator[set[str]]:
    """Folder names whose listing fails with EACCES, as for a non-root user after chmod 000."""
    names: set[str] = set()
    real = os.scandir

    def scandir(path: Any = ".") -> Any:
        if Path(path).name in names:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    yield names


def test_folder_that_cannot_be_listed_is_reported(
    repo: Path,
    unlistable: set[str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    write(repo, {"a.py": LOADER, "locked/b.py": LOADER, "pkg/locked/c.py": LOADER})
    unlistable.add("locked")
    monkeypatch.setenv("LICHECK_CACHE_DIR", str(repo.parent / "licheck-cache"))
    code = main(["scan", str(repo), "--offline", "-f", "json", "-q", "--fail-on", "never"])
    report = json.loads(capsys.readouterr().out)
    assert code == 0
    assert skipped(report) == {
        "locked": "cannot read directory: Permission denied",
        "pkg/locked": "cannot read directory: Permission denied",
    }
    assert referenced(report) == {("a.py", "Qwen/Qwen3-8B")}


def test_root_that_cannot_be_listed_is_reported(repo: Path, unlistable: set[str]) -> None:
    unlistable.add(repo.name)
    assert scan(repo).skipped == (Skipped(".", "cannot read directory: Permission denied"),)


# ---------------------------------------------------------------------------------------------
# 11b. Named pipes, sockets, devices
# ---------------------------------------------------------------------------------------------


@posix_only
def test_fifo_given_explicitly_is_named_and_never_opened(repo: Path) -> None:
    os.mkfifo(repo / "pipe.py")
    write(repo, {"a.py": LOADER})
    report, _ = run_cli(repo, "pipe.py", "a.py")
    assert skipped(report) == {"pipe.py": FIFO}
    assert referenced(report) == {("a.py", "Qwen/Qwen3-8B")}


@posix_only
def test_fifo_in_the_tree_never_blocks_the_walk(repo: Path) -> None:
    write(repo, {"a.py": LOADER})
    os.mkfifo(repo / "pipe.py")
    os.mkfifo(repo / "pipe.bin")  # a name the scan never reads: not mentioned
    (repo / "to-pipe.py").symlink_to("pipe.py")
    report, _ = run_cli(repo.parent, "repo")
    assert skipped(report) == {"pipe.py": FIFO, "to-pipe.py": FIFO}
    assert referenced(report) == {("a.py", "Qwen/Qwen3-8B")}


@posix_only
def test_socket_and_device_given_explicitly_are_named(repo: Path) -> None:
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind(str(repo / "s.py"))
        report, _ = run_cli(repo, "s.py", "/dev/null")
    finally:
        server.close()
    assert skipped(report) == {
        "s.py": "not a regular file: socket",
        "/dev/null": "not a regular file: character device",
    }


# ---------------------------------------------------------------------------------------------
# 11c. PEP 263 coding cookies
# ---------------------------------------------------------------------------------------------


def test_python_file_is_decoded_as_its_coding_cookie_declares(repo: Path) -> None:
    body = 'caf\xe9 = "\xe9t\xe9"\nm = "\xe9"; AutoModel.from_pretrained("Qwen/Qwen3-8B")\n'
    write(
        repo,
        {
            "latin.py": ("# -*- coding: latin-1 -*-\n" + body).encode("latin-1"),
            "shebang.py": (
                "#!/usr/bin/env python\n# vim: set fileencoding=cp1252 :\n" + body
            ).encode("cp1252"),
            "utf8.py": ("# plain\n" + body).encode("utf-8"),
        },
    )
    report, _ = run_cli(repo.parent, "repo")
    found = {(r["path"], r["line"], r["column"]) for r in report["references"]}
    column = next(c for p, _, c in found if p == "utf8.py")
    assert found == {("latin.py", 3, column), ("shebang.py", 4, column), ("utf8.py", 3, column)}
    assert report["skipped"] == []


def test_cookie_too_late_or_unknown_keeps_the_file_skipped(repo: Path) -> None:
    late = '"""Doc."""\n\n# -*- coding: latin-1 -*-\nx = "\xe9"\n' + LOADER
    write(
        repo,
        {
            "late.py": late.encode("latin-1"),
            "bogus.py": ('# coding: klingon\nx = "\xe9"\n' + LOADER).encode("latin-1"),
            "wrong.py": ('# coding: ascii\nx = "\xe9"\n' + LOADER).encode("latin-1"),
            "notes.txt": ('# coding: latin-1\n"\xe9"\nQwen/Qwen3-8B\n').encode("latin-1"),
        },
    )
    report, _ = run_cli(repo.parent, "repo")
    assert skipped(report) == {
        "late.py": "not UTF-8 text",
        "bogus.py": "unusable coding cookie: unknown encoding: klingon",
        "wrong.py": "not ascii text, as its coding cookie declares",
        "notes.txt": "not UTF-8 text",  # PEP 263 is for Python sources only
    }


# ---------------------------------------------------------------------------------------------
# Everything at once
# ---------------------------------------------------------------------------------------------


@posix_only
def test_one_hostile_tree_still_gets_a_report(repo: Path, outside: Path) -> None:
    write(repo, {".gitignore": "[z-a]\n", "a.py": LOADER, "pkg/.gitignore": "\\\n"})
    os.mkfifo(repo / "pkg" / "pipe.py")
    (repo / "pkg" / "leak.py").symlink_to(outside / "secret.py")
    (repo / "pkg" / "out").symlink_to(outside)
    (repo / "gone.yaml").symlink_to("nowhere.yaml")
    report, stderr = run_cli(repo.parent, "repo")
    assert referenced(report) == {("a.py", "Qwen/Qwen3-8B")}
    assert set(skipped(report)) == {"pkg/pipe.py", "pkg/leak.py", "gone.yaml"}
    assert "WARNING: .gitignore:1:" in stderr and "WARNING: pkg/.gitignore:1:" in stderr
