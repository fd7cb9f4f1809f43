"""``licheck facts diff`` and the drift watch, on two recordings from the Hub stand-in between
which the publisher relicensed a model (tests/facts_recording.py).

The watch script (.github/action/watch.sh) runs as a workflow would, with a fake ``gh`` on PATH
that records its arguments and answers ``issue list`` from a file.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from licheck.cli import main as licheck
from tests.facts_recording import MODEL, export, project, relicensed
from tests.hubstub import HubStub

ROOT = Path(__file__).resolve().parent.parent
WATCH = ROOT / ".github" / "action" / "watch.sh"
WORKFLOW = ROOT / ".github" / "action" / "watch.yml"
BASH = shutil.which("bash")
needs_bash = pytest.mark.skipif(BASH is None, reason="the watch script needs bash")
FAKE_GH = """#!/usr/bin/env python3
import json, os, sys
with open(os.environ["FAKE_GH_LOG"], "a", encoding="utf-8") as log:
    log.write(json.dumps(sys.argv[1:]) + "\\n")
if sys.argv[1:3] == ["issue", "list"]:
    sys.stdout.write(open(os.environ["FAKE_GH_ISSUES"], encoding="utf-8").read())
"""


@pytest.fixture(scope="module")
def recordings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path, Path]]:
    """The project, its bundle before the relicensing, and after it."""
    base = tmp_path_factory.mktemp("facts-diff")
    root = project(base / "app")
    old, new = base / "old.json", base / "new.json"
    with pytest.MonkeyPatch.context() as env:
        assert export(None, root, old, base / "cache-old", env) == 0
        data = relicensed(MODEL, "other", "qwen-research")
        assert export(data, root, new, base / "cache-new", env) == 0
    yield root, old, new


def _diff(old: Path, new: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = licheck(["facts", "diff", str(old), new])
    return code, capsys.readouterr().out


def test_a_relicensing_shows_up_and_raises_the_severity(
    recordings: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    _, old, new = recordings
    code, out = _diff(old, str(new), capsys)
    assert code == 1
    assert f"{MODEL} @ default branch: license: apache-2.0 -> other (qwen-research)" in out
    assert f"{MODEL} @ default branch: branch-moved: " in out
    assert "[raises LC102->high, LC121->medium]" in out  # research-only now; license changed
    assert licheck(["facts", "diff", str(old), str(new), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["raised"] is True
    license_change = next(c for c in data["changes"] if c["what"] == "license")
    assert license_change["model"] == MODEL and "LC102->high" in license_change["raises"]


def test_no_change_exits_zero(
    recordings: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    _, old, _ = recordings
    code, out = _diff(old, str(old), capsys)
    assert code == 0 and "no upstream change" in out


def test_the_other_way_round_raises_only_what_the_rules_raise(
    recordings: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    _, old, new = recordings
    code, out = _diff(new, str(old), capsys)
    assert "license: other (qwen-research) -> apache-2.0" in out
    # Back to Apache: the research-only finding is gone, and an Apache model of a drifting
    # publisher is what the vendor-drift rule watches.
    assert code == 1 and "LC102" not in out and "LC401->high" in out


def test_diff_against_the_live_hub(
    recordings: tuple[Path, Path, Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    _, old, _ = recordings
    monkeypatch.delenv("HF_TOKEN", raising=False)
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    with HubStub(relicensed(MODEL, "other", "qwen-research")) as stub:
        monkeypatch.setenv("HF_ENDPOINT", stub.url)
        code, out = _diff(old, "hub", capsys)
    assert code == 1
    assert "license: apache-2.0 -> other (qwen-research)" in out


def test_usage_errors_exit_two(recordings: tuple[Path, Path, Path], tmp_path: Path) -> None:
    _, old, _ = recordings
    assert licheck(["facts", "diff", str(old), str(tmp_path / "missing.json")]) == 2
    assert licheck(["facts", "diff", str(old), str(old), "--format", "xml"]) == 2
    assert licheck(["facts", "diff", str(old), "hub", "--offline"]) == 2


# -- the drift watch -------------------------------------------------------------------------


def test_workflow_example_runs_the_watch_script() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert workflow["permissions"]["issues"] == "write"
    trigger = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert trigger["schedule"][0]["cron"]
    steps = workflow["jobs"]["watch"]["steps"]
    step = next(s for s in steps if "watch.sh" in s.get("run", ""))
    assert step["env"]["GH_TOKEN"] == "${{ github.token }}"


def _watch(
    tmp_path: Path, old: Path, new: Path, issues: list[dict[str, object]]
) -> tuple[int, list[list[str]], str]:
    assert BASH is not None
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    gh = bin_dir / "gh"
    gh.write_text(FAKE_GH.replace("python3", sys.executable, 1), encoding="utf-8")
    gh.chmod(0o755)
    log, listing = tmp_path / "gh.log", tmp_path / "issues.json"
    log.write_text("", encoding="utf-8")
    listing.write_text(json.dumps(issues), encoding="utf-8")
    summary = tmp_path / "summary.md"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "GITHUB_", "GH"))}
    env.update(
        PATH=f"{bin_dir}{os.pathsep}{env.get('PATH', '')}",
        FAKE_GH_LOG=str(log),
        FAKE_GH_ISSUES=str(listing),
        LICHECK_PYTHON=sys.executable,
        PYTHONPATH=str(ROOT),
        RUNNER_TEMP=str(tmp_path),
        GITHUB_STEP_SUMMARY=str(summary),
        WATCH_FACTS=str(old),
        WATCH_AGAINST=str(new),
        WATCH_LABEL="licheck",
        HF_ENDPOINT="http://127.0.0.1:9",
    )
    done = subprocess.run(
        [BASH, str(WATCH)], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
    )
    calls = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    body = (tmp_path / "licheck-watch-body.md").read_text(encoding="utf-8")
    return done.returncode, calls, body


@needs_bash
def test_watch_opens_one_issue_for_a_relicensing(
    recordings: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    _, old, new = recordings
    code, calls, body = _watch(tmp_path, old, new, [])
    assert code == 1
    assert [c[:2] for c in calls] == [["issue", "list"], ["issue", "create"]]
    create = calls[1]
    assert (
        create[create.index("--title") + 1] == "licheck: upstream changes to this project's models"
    )
    assert create[create.index("--label") + 1] == "licheck"
    assert f"`{MODEL}` @ default branch: license: apache-2.0 -> other (qwen-research)" in body
    assert "(raises LC102->high" in body
    assert "license: apache-2.0" in (tmp_path / "summary.md").read_text(encoding="utf-8")


@needs_bash
def test_watch_comments_on_the_open_issue(
    recordings: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    _, old, new = recordings
    open_issues = [
        {"number": 3, "title": "licheck: upstream changes to this project's models (old)"},
        {"number": 12, "title": "licheck: upstream changes to this project's models"},
    ]
    code, calls, _ = _watch(tmp_path, old, new, open_issues)
    assert code == 1
    assert calls[-1][:3] == ["issue", "comment", "12"]
    assert not any(c[:2] == ["issue", "create"] for c in calls)


@needs_bash
def test_watch_stays_quiet_without_a_change(
    recordings: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    _, old, _ = recordings
    code, calls, body = _watch(tmp_path, old, old, [])
    assert code == 0 and calls == []
    assert "found these upstream changes" in body and "->" not in body
