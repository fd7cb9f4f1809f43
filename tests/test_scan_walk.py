"""The walker and the scan stage on small fake repositories."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from licheck.records import ScanResult, Skipped
from licheck.scan import scan
from licheck.scan.python import PythonExtractor
from licheck.scan.tree import scan_file
from tests.faults.runner import write

MIXED = Path(__file__).parent / "data" / "scan" / "mixed"
LOADER = 'AutoModel.from_pretrained("Qwen/Qwen3-8B")\n'


def paths(result: ScanResult) -> list[str]:
    return sorted({r.path for r in result.references})


def test_mixed_repo_references_in_order(tmp_path: Path) -> None:
    root = tmp_path / "mixed"
    shutil.copytree(MIXED, root)
    result = scan(root)
    assert [(r.path, r.line, r.model) for r in result.references] == [
        ("configs/serve.sh", 2, "mistralai/Mistral-7B-Instruct-v0.3"),
        ("configs/train.yaml", 1, "meta-llama/Llama-3.1-8B-Instruct"),
        ("notes.txt", 1, "deepseek-ai/DeepSeek-R1"),
        ("src/app.py", 5, "Qwen/Qwen2.5-7B-Instruct"),
        ("src/app.py", 5, "Qwen/Qwen2.5-7B-Instruct"),
    ]
    # One literal, loaded unpinned on line 9 and at "main" on line 10: a reference per revision.
    qwen = [r for r in result.references if r.path == "src/app.py"]
    assert [(r.revision, [u.line for u in r.uses]) for r in qwen] == [(None, [9]), ("main", [10])]
    assert result.references[-1].revision == "main"
    assert result.skipped == ()
    # app.py, utils.py, train.yaml, serve.sh, notes.txt; LICENSE and docs are not read.
    assert result.files_scanned == 5
    assert result.root == str(root.resolve())
    with_docs = scan(root, include_docs=True)
    assert ("docs/usage.md", 4, "google/gemma-2-9b-it") in [
        (r.path, r.line, r.model) for r in with_docs.references
    ]
    assert with_docs.files_scanned == 6


def test_default_skips_and_gitignore(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            ".gitignore": "*.log\nsecret/\n/top.py\n!keep/\n",
            "top.py": LOADER,
            "sub/top.py": LOADER,
            "secret/a.py": LOADER,
            "pkg/.gitignore": "gen_*.py\n!gen_keep.py\n",
            "pkg/gen_a.py": LOADER,
            "pkg/gen_keep.py": LOADER,
            "pkg/deep/gen_b.py": LOADER,
            "myenv/pyvenv.cfg": "home = /usr\n",
            "myenv/lib/x.py": LOADER,
            ".venv/x.py": LOADER,
            "node_modules/x/y.py": LOADER,
            ".git/hooks/x.py": LOADER,
            "build/lib/x.py": LOADER,
            "dist/x.py": LOADER,
            "demo.egg-info/x.py": LOADER,
            "__pycache__/x.py": LOADER,
            ".tox/x.py": LOADER,
            "kept.py": LOADER,
        },
    )
    assert paths(scan(tmp_path)) == ["kept.py", "pkg/gen_keep.py", "sub/top.py"]


def test_git_info_exclude_is_honoured(tmp_path: Path) -> None:
    write(tmp_path, {".git/info/exclude": "local_*.py\n", "local_x.py": LOADER, "a.py": LOADER})
    assert paths(scan(tmp_path)) == ["a.py"]


def test_exclude_and_include_globs(tmp_path: Path) -> None:
    write(
        tmp_path,
        {"a.py": LOADER, "tests/b.py": LOADER, "src/c.py": LOADER, "src/d.yaml": "model: a1/b1\n"},
    )
    assert paths(scan(tmp_path, exclude=["tests/"])) == ["a.py", "src/c.py", "src/d.yaml"]
    assert paths(scan(tmp_path, exclude=["*.py"])) == ["src/d.yaml"]
    assert paths(scan(tmp_path, include=["src/**"])) == ["src/c.py", "src/d.yaml"]
    assert paths(scan(tmp_path, include=["*.py"], exclude=["src/"])) == ["a.py", "tests/b.py"]


def test_bad_files_are_skipped_with_reasons_and_the_scan_goes_on(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "big.py": "# model\n" + "x = 1\n" * 100,
            "blob.py": b"model = 1\n\x00\x01\x02",
            "latin.py": 'name = "caf\xe9 model"\n'.encode("latin-1"),
            "broken.py": "import x\n\ndef f(:\n    AutoModel.from_pretrained('a1/b1')\n",
            "bad.yaml": "model: [a, b\n",
            "bad.json": '{"model": }',
            "nb.ipynb": '{"cells": 3, "metadata": {"model": 1}}',
            "fine.py": LOADER,
            "quiet.py": "def f(:\n",  # no trigger word: never parsed, so never skipped
        },
    )
    result = scan(tmp_path, max_file_size=200)
    assert [(s.path, s.reason) for s in result.skipped] == [
        ("bad.json", "JSON syntax error at line 1"),
        ("bad.yaml", "YAML syntax error at line 2"),
        ("big.py", "larger than 200 bytes"),
        ("blob.py", "binary file"),
        ("broken.py", "Python syntax error at line 3"),
        ("latin.py", "not UTF-8 text"),
        ("nb.ipynb", "not a Jupyter notebook (no cells list)"),
    ]
    assert paths(result) == ["fine.py"]
    assert result.files_scanned == 2


def test_unreadable_file_is_skipped_with_the_os_error(tmp_path: Path) -> None:
    gone = tmp_path / "gone.py"
    refs, skipped = scan_file(gone, "gone.py", PythonExtractor(), 1000)
    assert refs == []
    assert skipped == Skipped("gone.py", "cannot read: No such file or directory")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads anything")
def test_permission_denied_is_skipped(tmp_path: Path) -> None:
    write(tmp_path, {"locked.py": LOADER})
    (tmp_path / "locked.py").chmod(0)
    try:
        result = scan(tmp_path)
    finally:
        (tmp_path / "locked.py").chmod(0o644)
    assert result.skipped == (Skipped("locked.py", "cannot read: Permission denied"),)


def test_explicit_paths_relative_to_cwd_missing_and_directories(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(
        tmp_path,
        {
            "repo/a.py": LOADER,
            "repo/pkg/b.yaml": "base_model: Qwen/Qwen2.5-3B\n",
            "repo/pkg/.venv/c.py": LOADER,
            "repo/other.py": LOADER,
            "outside/d.py": LOADER,
        },
    )
    root = tmp_path / "repo"
    monkeypatch.chdir(root)
    result = scan(
        root,
        [
            Path("a.py"),
            Path("pkg"),
            Path("missing.py"),
            tmp_path / "outside" / "d.py",
            Path("a.py"),
        ],
    )
    outside = (tmp_path / "outside" / "d.py").as_posix()
    assert paths(result) == sorted([outside, "a.py", "pkg/b.yaml"])
    assert result.skipped == (Skipped("missing.py", "no such file or directory"),)
    assert result.files_scanned == 3


def test_explicit_files_honour_exclude(tmp_path: Path) -> None:
    write(tmp_path, {"a.py": LOADER, "gen/b.py": LOADER})
    result = scan(tmp_path, [tmp_path / "a.py", tmp_path / "gen" / "b.py"], exclude=["gen/"])
    assert paths(result) == ["a.py"]


def test_prefilter_skips_parsing_but_counts_the_file(tmp_path: Path) -> None:
    write(tmp_path, {"plain.py": "def f(:\n", "data.json": "{not json"})
    result = scan(tmp_path)
    assert result.skipped == ()
    assert result.files_scanned == 2


def test_output_is_deterministic(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {
        f"d{i % 3}/f{i}.py": f'AutoModel.from_pretrained("o{i}/m{i}")\n' for i in range(12)
    }
    write(tmp_path, files)
    first, second = scan(tmp_path), scan(tmp_path)
    assert first == second
    assert [r.path for r in first.references] == sorted(r.path for r in first.references)


def test_explicit_paths_through_a_symlinked_root(tmp_path: Path) -> None:
    write(tmp_path, {"real/a.py": LOADER, "real/sub/b.py": LOADER})
    link = tmp_path / "link"
    link.symlink_to(tmp_path / "real")
    result = scan(link, [link / "a.py", link / "sub", link / "nope.py"])
    assert paths(result) == ["a.py", "sub/b.py"]
    assert result.skipped == (Skipped("nope.py", "no such file or directory"),)


def test_a_file_whose_extraction_runs_past_the_bound_is_skipped_with_the_reason() -> None:
    from licheck.scan.files import extract_bytes
    from licheck.scan.python import PythonExtractor

    # Thousands of loader calls over names bound in every function: real work for the resolver.
    body = "".join(
        f"def f{i}():\n    model = MODELS[{i}]\n    AutoModel.from_pretrained(model)\n"
        for i in range(3000)
    )
    data = ('MODELS = ["org-a/m1", "org-a/m2"]\n' + body).encode()
    refs, skipped = extract_bytes("slow.py", data, PythonExtractor(), time_limit=0.01)
    assert refs == []
    assert skipped is not None and "longer than 0.01 s" in skipped.reason
    refs, skipped = extract_bytes("slow.py", data, PythonExtractor())
    assert skipped is None
