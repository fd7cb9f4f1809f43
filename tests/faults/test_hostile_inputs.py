"""Hostile file contents and names: alias bombs, depth bombs, control characters, bad numbers.

Each case runs the real code (``scan``, ``scan_text``, ``load_config`` or the CLI) and checks
what a user sees: a report is still written, the odd file is listed under ``skipped`` with its
reason or the run stops with a clear error and the right exit code, and time and memory stay
bounded (a subprocess with a timeout, or ``tracemalloc`` around an in-process scan).
"""

from __future__ import annotations

import io
import json
import math
import os
import time
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

from licheck.cli import main
from licheck.config import load_config
from licheck.errors import EXIT_OK, EXIT_USAGE, ConfigError, ExtractError
from licheck.hub.cache import HubCache
from licheck.hub.settings import DEFAULT_ENDPOINT
from licheck.progress import ResolveProgress
from licheck.records import ModelRecord, Source, Status
from licheck.scan import scan, scan_text
from tests.faults.runner import Done, licheck_run, write

TIME_LIMIT = 60.0
# A licheck run on a small tree stays near 100 MB; the alias bomb used to take 6.3 GB.
RSS_CEILING_KB = 400_000
LOADER = 'AutoModel.from_pretrained("Qwen/Qwen2.5-7B")\n'


def run_cli(tmp_path: Path, *args: str) -> tuple[Done, float, int]:
    """``licheck ARGS`` in its own process: the run, its wall time and its peak RSS in KB."""
    env = {**os.environ, "LICHECK_CACHE_DIR": str(tmp_path / "licheck-cache")}
    env.pop("CI", None)
    done = licheck_run(list(args), tmp_path, env)
    return done, done.seconds, done.peak_kb


def skipped_of(report: dict[str, Any]) -> dict[str, str]:
    return {s["path"]: s["reason"] for s in report["skipped"]}


def peak_bytes(action: Any) -> tuple[Any, int]:
    """What ``action()`` returns and the peak of Python allocations while it ran."""
    tracemalloc.start()
    try:
        value = action()
        return value, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


# ---------------------------------------------------------------------------------------------
# Item 4: YAML alias bombs
# ---------------------------------------------------------------------------------------------


def laughs(levels: int, width: int = 9) -> str:
    """A "billion laughs" document: each level lists the previous one ``width`` times."""
    leaf = ", ".join(['"Qwen/Qwen2.5-7B"'] * width)
    lines = [f"a0: &a0 [{leaf}]"]
    for level in range(1, levels):
        lines.append(f"a{level}: &a{level} [{', '.join([f'*a{level - 1}'] * width)}]")
    lines.append(f"base_model: *a{levels - 1}")
    return "\n".join(lines) + "\n"


def test_billion_laughs_is_skipped_naming_the_bound_and_the_scan_goes_on(tmp_path: Path) -> None:
    project = write(
        tmp_path / "project",
        {
            "bomb.yaml": laughs(9),
            "fine.py": LOADER,
            "fine.yaml": "base_model: mistralai/Mistral-7B-v0.1\n",
        },
    )
    done, elapsed, rss = run_cli(
        tmp_path, "scan", str(project), "--offline", "--format", "json", "--fail-on", "never"
    )
    assert done.returncode == EXIT_OK, done.stderr
    report = json.loads(done.stdout)
    reason = skipped_of(report)["bomb.yaml"]
    assert "alias" in reason and "100000" in reason
    assert {r["path"] for r in report["references"]} == {"fine.py", "fine.yaml"}
    assert elapsed < 20 and rss < RSS_CEILING_KB, (elapsed, rss)


def test_alias_bomb_in_process_is_bounded_in_memory(tmp_path: Path) -> None:
    write(tmp_path, {"bomb.yaml": laughs(6), "fine.py": LOADER})
    started = time.monotonic()
    result, peak = peak_bytes(lambda: scan(tmp_path, jobs=1))
    assert [s.path for s in result.skipped] == ["bomb.yaml"]
    assert [r.path for r in result.references] == ["fine.py"]
    assert peak < 50_000_000 and time.monotonic() - started < 10, peak


def test_alias_bomb_in_a_markdown_yaml_block_is_bounded() -> None:
    # Docs blocks go through the same walk; a block that cannot be read is left out (docs.py).
    text = f"# Setup\n\n```yaml\n{laughs(9)}```\n"
    started = time.monotonic()
    scan_text("README.md", text, include_docs=True)
    assert time.monotonic() - started < 5


@pytest.mark.parametrize(
    "text",
    [
        "base_model: &a [*a, *a, *a]\n",  # a list that contains itself, under a model key
        "x: &a [*a, *a, *a, *a]\n",  # ... and elsewhere
        "m: &m {env: [*m, *m]}\n",  # env entries walked again from the top
        "m: &m {models: &n [*m, *n, {id: Qwen/Qwen2.5-7B}]}\n",
    ],
)
def test_recursive_alias_is_refused_not_followed(text: str) -> None:
    started = time.monotonic()
    with pytest.raises(ExtractError, match="alias"):
        scan_text("loop.yaml", text)
    assert time.monotonic() - started < 5


def test_multi_document_file_with_a_bomb_is_skipped_whole(tmp_path: Path) -> None:
    # Chosen: one Skipped entry per file, no partial references from a file that was refused.
    write(tmp_path, {"ci.yaml": "base_model: mistralai/Mistral-7B-v0.1\n---\n" + laughs(7)})
    result = scan(tmp_path, jobs=1)
    assert result.references == ()
    assert [s.path for s in result.skipped] == ["ci.yaml"]
    assert result.skipped[0].reason == "YAML aliases expand past 100000 nodes in document 2"


COMPOSE = """\
x-vllm: &vllm
  image: vllm/vllm-openai:v0.6.0
  command: ["--model", "Qwen/Qwen2.5-7B-Instruct"]
  environment: &env
    HF_HOME: /cache
services:
  chat:
    <<: *vllm
  embed:
    <<: *vllm
    environment:
      <<: *env
      MODEL_NAME: BAAI/bge-small-en-v1.5
"""

ACTIONS = """\
defaults: &defaults
  with:
    base_model: mistralai/Mistral-7B-v0.1
jobs:
  one:
    steps:
      - *defaults
      - *defaults
  two:
    steps:
      - <<: *defaults
        run: huggingface-cli download meta-llama/Llama-3.1-8B
"""


def test_ordinary_anchors_and_merge_keys_still_yield_their_references() -> None:
    compose = {(r.model, r.line) for r in scan_text("docker-compose.yml", COMPOSE)}
    assert ("Qwen/Qwen2.5-7B-Instruct", 3) in compose
    assert ("BAAI/bge-small-en-v1.5", 13) in compose
    actions = {(r.model, r.line) for r in scan_text(".github/workflows/ci.yml", ACTIONS)}
    assert actions == {("mistralai/Mistral-7B-v0.1", 3), ("meta-llama/Llama-3.1-8B", 12)}


def test_an_alias_used_many_times_gives_one_reference_per_place() -> None:
    # Twenty services share one anchored model: the place is one, so is the reference.
    services = "".join(f"  s{i}: *m\n" for i in range(20))
    refs = scan_text("compose.yaml", f"x: &m {{model: Qwen/Qwen2.5-7B}}\nservices:\n{services}")
    assert [(r.model, r.line) for r in refs] == [("Qwen/Qwen2.5-7B", 1)]


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("models.yaml", "models:\n- name: a\n" + "  name: a\n" * 20_000),
        ("models.json", '{"models": [{' + '"name": "a", ' * 20_000 + '"x": 1}]}'),
    ],
)
def test_a_models_entry_repeating_one_key_is_read_in_linear_time(name: str, text: str) -> None:
    # Each ``name`` key used to look through all its siblings again: 90 s for this file.
    started = time.monotonic()
    assert scan_text(name, text) == []
    assert time.monotonic() - started < 5


def test_a_large_file_without_aliases_is_not_refused() -> None:
    # 150,000 nodes, more than the fixed part of the bound: the bound grows with the file.
    rows = "".join(f"  - [{i}, {i + 1}, {i + 2}, {i + 3}, x]\n" for i in range(25_000))
    refs = scan_text("big.yaml", f"base_model: Qwen/Qwen2.5-7B\nrows:\n{rows}")
    assert [r.model for r in refs] == ["Qwen/Qwen2.5-7B"]


# ---------------------------------------------------------------------------------------------
# Item 6: depth bombs
# ---------------------------------------------------------------------------------------------

DEPTH = 5000


def test_deeply_nested_pyproject_is_a_config_error_naming_the_file(tmp_path: Path) -> None:
    project = write(
        tmp_path / "project",
        {"pyproject.toml": f"[project]\nx = {'[' * DEPTH}{']' * DEPTH}\n", "fine.py": LOADER},
    )
    done, elapsed, rss = run_cli(tmp_path, "scan", str(project), "--offline")
    assert done.returncode == EXIT_USAGE, done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    assert str(project / "pyproject.toml") in done.stderr
    assert "nested too deeply" in done.stderr
    assert elapsed < 20 and rss < RSS_CEILING_KB, (elapsed, rss)


def test_deeply_nested_pyproject_through_load_config(tmp_path: Path) -> None:
    path = write(tmp_path, {"pyproject.toml": f"x = {'[' * DEPTH}{']' * DEPTH}\n"})
    with pytest.raises(ConfigError, match=r"pyproject\.toml: .*nested too deeply"):
        load_config(path / "pyproject.toml")


def test_deeply_nested_rule_pack_is_a_rule_file_error_naming_it(tmp_path: Path) -> None:
    pack = "[[rule]]\nid = 'X1'\nwhen = " + "[" * DEPTH + "]" * DEPTH + "\n"
    project = write(
        tmp_path / "project",
        {
            "pyproject.toml": '[tool.licheck]\nrules = ["packs"]\n',
            "packs/deep.toml": pack,
            "fine.py": LOADER,
        },
    )
    done, _elapsed, _rss = run_cli(tmp_path, "scan", str(project), "--offline")
    assert done.returncode == EXIT_USAGE, done.stderr
    assert "Traceback" not in done.stderr
    assert "deep.toml" in done.stderr and "nested too deeply" in done.stderr


DEEP_FILES = {
    "deep.toml": f'model = "Qwen/Qwen2.5-7B"\nx = {"[" * DEPTH}{"]" * DEPTH}\n',
    "deep.json": f'{{"model": "Qwen/Qwen2.5-7B", "x": {"[" * DEPTH}{"]" * DEPTH}}}\n',
    "deep.yaml": f"model: Qwen/Qwen2.5-7B\nx: {'[' * DEPTH}{']' * DEPTH}\n",
    "deepmap.yaml": f"model: Qwen/Qwen2.5-7B\nx: {'{a: ' * DEPTH}1{'}' * DEPTH}\n",
    "parens.py": LOADER + f"x = {'(' * 10_000}1{')' * 10_000}\n",
    "lists.py": LOADER + f"x = {'[' * 10_000}{']' * 10_000}\n",
    # Below the parser's own limits, but deeper than a recursive walk of the tree can go.
    "calls.py": LOADER + "x = f" + "()" * 600 + "\n",
    "sums.py": LOADER + "model = x" + " + 'a'" * 2000 + "\n",
    "attrs.py": LOADER + "model = a" + ".b" * 2000 + "\n",
    "subscripts.py": LOADER + "model = a" + "[0]" * 2000 + "\n",
}


def test_deeply_nested_scanned_files_are_skipped_with_a_reason(tmp_path: Path) -> None:
    write(tmp_path, {**DEEP_FILES, "fine.py": LOADER})
    started = time.monotonic()
    result, peak = peak_bytes(lambda: scan(tmp_path, jobs=1))
    reasons = {s.path: s.reason for s in result.skipped}
    assert set(reasons) == set(DEEP_FILES)
    for path in ("deep.toml", "deep.json", "deep.yaml", "deepmap.yaml"):
        assert "nested too deeply" in reasons[path], (path, reasons[path])
    for path in ("calls.py", "sums.py", "attrs.py", "subscripts.py"):
        assert reasons[path] == "Python nested too deeply", (path, reasons[path])
    for path in ("parens.py", "lists.py"):
        assert reasons[path].startswith("Python"), (path, reasons[path])
    assert [r.path for r in result.references] == ["fine.py"]
    assert peak < 100_000_000 and time.monotonic() - started < 20, peak


@pytest.mark.parametrize("name", ["calls.py", "sums.py", "deep.yaml"])
def test_deeply_nested_text_is_an_extract_error_not_a_crash(name: str) -> None:
    with pytest.raises(ExtractError, match="nested too deeply"):
        scan_text(name, DEEP_FILES[name])


def test_deeply_nested_files_through_the_cli_still_write_a_report(tmp_path: Path) -> None:
    project = write(tmp_path / "project", {**DEEP_FILES, "fine.py": LOADER})
    done, elapsed, rss = run_cli(
        tmp_path, "scan", str(project), "--offline", "--format", "json", "--fail-on", "never"
    )
    assert done.returncode == EXIT_OK, done.stderr
    report = json.loads(done.stdout)
    assert set(skipped_of(report)) == set(DEEP_FILES)
    assert elapsed < 20 and rss < RSS_CEILING_KB, (elapsed, rss)


# ---------------------------------------------------------------------------------------------
# Item 9: control characters in names and texts
# ---------------------------------------------------------------------------------------------

EVIL = "evil\x1b[2J\nname.py"
BELL = "title\x1b]0;pwned\x07.py"


@pytest.fixture
def evil_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("LICHECK_CACHE_DIR", str(tmp_path / "licheck-cache"))
    monkeypatch.delenv("CI", raising=False)
    root = tmp_path / "project"
    root.mkdir()
    (root / EVIL).write_text(
        'from_pretrained("Qwen/Qwen2.5-7B", revision="v1\\x1b[31m\\n")  '
        "# licheck: ignore[NO-SUCH-RULE]\n",
        encoding="utf-8",
    )
    (root / BELL).write_bytes(b"model = 1\n\x00binary")
    return root


def assert_no_raw_controls(text: str) -> None:
    assert "\x1b" not in text and "\x07" not in text
    assert not any(line.startswith("name.py") for line in text.splitlines()), text


def test_text_report_escapes_control_characters_in_names(
    evil_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["scan", str(evil_project), "--offline", "--fail-on", "never"])
    captured = capsys.readouterr()
    assert code == EXIT_OK
    assert_no_raw_controls(captured.out)
    assert_no_raw_controls(captured.err)  # the suppression warning names the file too
    assert "evil\\x1b[2J\\nname.py:1:" in captured.out
    assert "title\\x1b]0;pwned\\x07.py: binary file" in captured.out
    assert "revision v1\\x1b[31m\\n" in captured.out
    assert "evil\\x1b[2J\\nname.py:1" in captured.err


def test_markdown_report_escapes_control_characters_and_keeps_tables(
    evil_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (evil_project / "pipe|name.py").write_text(LOADER, encoding="utf-8")
    code = main(["scan", str(evil_project), "--offline", "--fail-on", "never", "-f", "markdown"])
    out = capsys.readouterr().out
    assert code == EXIT_OK
    assert_no_raw_controls(out)
    assert "evil\\x1b[2J\\nname.py" in out
    assert "- `title\\x1b]0;pwned\\x07.py`: binary file" in out
    # Every table row keeps its columns: 2 for the severity table, 8 for the models table
    # (whose Revision cell holds the revision with ESC and a newline).
    rows = [line for line in out.splitlines() if line.startswith("|")]
    assert rows and all(row.replace("\\|", "").count("|") in (3, 9) for row in rows), rows


def test_machine_formats_keep_the_exact_path(
    evil_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sarif = tmp_path / "out.sarif"
    args = ["scan", str(evil_project), "--offline", "--fail-on", "never", "-q"]
    code = main([*args, "-f", "sarif", "-o", str(sarif), "-f", "json"])
    report = json.loads(capsys.readouterr().out)
    assert code == EXIT_OK
    assert {r["path"] for r in report["references"]} == {EVIL}
    assert report["references"][0]["revision"] == "v1\x1b[31m\n"
    assert skipped_of(report) == {BELL: "binary file"}
    uris = {
        loc["physicalLocation"]["artifactLocation"]["uri"]
        for run in json.loads(sarif.read_text(encoding="utf-8"))["runs"]
        for result in run["results"]
        for loc in result["locations"]
    }
    assert uris == {EVIL}


def test_error_messages_escape_the_path_they_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "no\x1b[2Jsuch\n.toml"
    code = main(["scan", str(tmp_path), "--offline", "--config", str(missing)])
    err = capsys.readouterr().err
    assert code == EXIT_USAGE
    assert_no_raw_controls(err)
    assert "no\\x1b[2Jsuch\\n.toml: no such file" in err


def test_usage_errors_escape_the_argument_they_quote(capsys: pytest.CaptureFixture[str]) -> None:
    # pre-commit passes file names as arguments; one that looks like an option is quoted back.
    # (The click that typer 0.28 vendors escapes it itself; older ones print it raw.)
    code = main(["scan", "--\x1b[2Jevil\nname.py"])
    err = capsys.readouterr().err
    assert code == EXIT_USAGE
    assert_no_raw_controls(err)
    assert "\\x1b[2Jevil\\" in err


def test_progress_line_escapes_the_model_name() -> None:
    progress = ResolveProgress(io.StringIO(), color=False)
    progress(ModelRecord("org/evil\x1b]0;x\x07", Source.HF, None, Status.OK))
    assert progress.text().endswith("org/evil\\x1b]0;x\\x07")


def test_lock_check_escapes_the_paths_it_lists(
    evil_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["lock", str(evil_project), "--check", "--offline"])
    err = capsys.readouterr().err
    assert code == 1
    assert_no_raw_controls(err)
    assert "unlocked: Qwen/Qwen2.5-7B at evil\\x1b[2J\\nname.py:1" in err


def seed_hostile_hub_answer(cache_dir: Path) -> None:
    """A cached Hub answer whose license name and gate carry escape sequences and a newline."""
    cache = HubCache.open(cache_dir)
    record = ModelRecord(
        "Qwen/Qwen2.5-7B",
        Source.HF,
        None,
        Status.OK,
        sha="a" * 40,
        license="other",
        license_name="evil\x1b]0;pwned\x07license\nFORGED LINE",
        gated="manual\x1b[2J",
    )
    cache.put(DEFAULT_ENDPOINT, record)
    cache.close()


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_hub_text_in_reports_is_escaped(
    tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    seed_hostile_hub_answer(tmp_path / "cache")
    project = write(tmp_path / "project", {"a.py": LOADER})
    args = ["scan", str(project), "--offline", "--cache-dir", str(tmp_path / "cache")]
    code = main([*args, "--fail-on", "never", "-f", fmt])
    out = capsys.readouterr().out
    assert code == EXIT_OK
    assert_no_raw_controls(out)
    assert "FORGED LINE" in out
    assert not any(line.startswith("FORGED") for line in out.splitlines())


def test_explain_shows_no_raw_escape_sequence_from_the_hub(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed_hostile_hub_answer(tmp_path / "cache")
    args = ["explain", "Qwen/Qwen2.5-7B", "--offline", "--cache-dir", str(tmp_path / "cache")]
    code = main(args)
    out = capsys.readouterr().out
    assert code == EXIT_OK
    assert "evil\\x1b]0;pwned\\x07license" in out
    assert "\x1b" not in out and "\x07" not in out
    # A newline in a Hub field stays inside its line: no line of the output starts forged.
    assert not any(line.lstrip().startswith("FORGED") for line in out.splitlines())


def test_mermaid_label_shows_escape_sequences() -> None:
    from licheck.report.mermaid import label

    assert label("org/\x1b[2Jmodel\nnext") == '"org/\\x1b[2Jmodel next"'


# ---------------------------------------------------------------------------------------------
# Item 11a: cache_ttl_hours range
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["-5", "-0.5", "nan", "inf", "-inf"])
def test_bad_cache_ttl_is_a_config_error_naming_the_key(tmp_path: Path, value: str) -> None:
    path = write(tmp_path, {"pyproject.toml": f"[tool.licheck]\ncache_ttl_hours = {value}\n"})
    with pytest.raises(ConfigError, match=r"pyproject.toml: \[tool.licheck\] cache_ttl_hours"):
        load_config(path / "pyproject.toml")


def test_negative_cache_ttl_exits_2_through_the_cli(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, {"pyproject.toml": "[tool.licheck]\ncache_ttl_hours = -5\n", "a.py": LOADER})
    code = main(["scan", str(tmp_path), "--offline"])
    assert code == EXIT_USAGE
    assert "cache_ttl_hours" in capsys.readouterr().err


@pytest.mark.parametrize(("value", "hours"), [("0", 0.0), ("0.5", 0.5), ("48", 48.0)])
def test_zero_and_positive_cache_ttl_are_accepted(tmp_path: Path, value: str, hours: float) -> None:
    # Zero means "always ask again" for branch answers (hub/cache.py: age >= ttl is expired).
    path = write(tmp_path, {"pyproject.toml": f"[tool.licheck]\ncache_ttl_hours = {value}\n"})
    assert math.isclose(load_config(path / "pyproject.toml").cache_ttl_hours, hours)
