"""[tool.licheck] policy through the real CLI and the Hub stand-in: deny, allow, categories,
waivers (active, expired) and what they do to the exit code."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from licheck.cli import main

PROJECTS = Path(__file__).parent / "data" / "projects"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, hub_env: Path) -> Path:
    monkeypatch.setenv("LICHECK_CACHE_DIR", str(hub_env))
    monkeypatch.delenv("CI", raising=False)
    dest = tmp_path / "mixed"
    shutil.copytree(PROJECTS / "mixed", dest)
    return dest


def run(project: Path, policy: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, Any]:
    (project / "pyproject.toml").write_text("[tool.licheck]\n" + policy)
    code = main(["scan", str(project), "--format", "json", "--quiet"])
    return code, json.loads(capsys.readouterr().out)


def test_deny_list_is_critical(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, report = run(project, 'deny_licenses = ["qwen-research"]\n', capsys)
    denied = [f for f in report["findings"] if f["category"] == "license-denied"]
    assert {f["model"] for f in denied} == {"Qwen/Qwen2.5-3B-Instruct"}
    assert denied[0]["severity"] == "critical" and code == 1


def test_waiver_moves_findings_aside_and_expiry_brings_them_back(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    waiver = (
        'accept = [{model = "Qwen/Qwen2.5-3B-Instruct", rules = ["license-noncommercial"], '
        'reason = "evaluation only, ticket 7", expires = %s}]\n'
    )
    _, active = run(project, waiver % "2999-01-01", capsys)
    # The waiver names a model, but pyproject's [tool.licheck] is policy, not a dependency.
    assert not [r for r in active["references"] if r["path"] == "pyproject.toml"]
    waived = [w for w in active["waived"] if w["model"] == "Qwen/Qwen2.5-3B-Instruct"]
    assert waived and waived[0]["waiver"]["reason"] == "evaluation only, ticket 7"
    assert not [
        f
        for f in active["findings"]
        if f["model"] == "Qwen/Qwen2.5-3B-Instruct" and f["category"] == "license-noncommercial"
    ]
    _, expired = run(project, waiver % "2020-01-01", capsys)
    assert any(f["category"] == "license-noncommercial" for f in expired["findings"])
    late = [f for f in expired["findings"] if f["name"] == "waiver-expired"]
    assert late and late[0]["path"] == "pyproject.toml" and late[0]["line"] == 2


def test_categories_silence_and_regrade(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, report = run(project, 'categories = { unpinned = false, gated = "high" }\n', capsys)
    cats = {f["category"]: f["severity"] for f in report["findings"]}
    assert "unpinned" not in cats and cats["gated"] == "high"


def test_unknown_category_is_a_usage_error(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "pyproject.toml").write_text("[tool.licheck]\ncategories = { unpined = false }\n")
    assert main(["scan", str(project), "--quiet"]) == 2
    assert "unpined" in capsys.readouterr().err
