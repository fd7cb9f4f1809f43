"""The GitHub Action: action.yml's shape, and its script run locally with GitHub's variables.

The script runs this checkout's licheck through LICHECK_PYTHON (no pip install), offline, on a
small fake workspace; the outputs file, the step summary and the SARIF file are what a workflow
would see.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.hubstub import HubStub

ROOT = Path(__file__).resolve().parent.parent
ACTION = ROOT / "action.yml"
SCRIPT = ROOT / ".github" / "action" / "run.sh"
BASH = shutil.which("bash")
UNPINNED = 'from transformers import AutoModel\nm = AutoModel.from_pretrained("{model}")\n'

needs_bash = pytest.mark.skipif(BASH is None, reason="the action script needs bash")


def load_action() -> dict[str, object]:
    data = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_action_has_the_keys_github_requires() -> None:
    action = load_action()
    for key in ("name", "description", "inputs", "outputs", "runs"):
        assert action.get(key), f"action.yml lacks {key}"
    runs = action["runs"]
    assert isinstance(runs, dict)
    assert runs["using"] == "composite"
    assert runs["steps"], "a composite action needs steps"
    for step in runs["steps"]:
        if "run" in step:
            assert step.get("shell"), f"composite run steps must name a shell: {step}"


def test_action_inputs_and_outputs() -> None:
    action = load_action()
    inputs = action["inputs"]
    outputs = action["outputs"]
    assert isinstance(inputs, dict)
    assert isinstance(outputs, dict)
    defaults = {name: spec.get("default") for name, spec in inputs.items()}
    assert defaults["path"] == "."
    assert defaults["fail-on"] == "high"
    assert defaults["format"] == "sarif"
    assert defaults["version"] == ""
    assert "extra-args" in defaults
    for spec in inputs.values():
        assert spec.get("description")
    assert {"sarif-file", "finding-count", "exit-code"} <= set(outputs)
    step_ids = {step.get("id") for step in action["runs"]["steps"]}  # type: ignore[index]
    text = ACTION.read_text(encoding="utf-8")
    for name, spec in outputs.items():
        match = re.fullmatch(r"\$\{\{ steps\.([\w-]+)\.outputs\.([\w-]+) \}\}", spec["value"])
        assert match, f"output {name} must come from a step output"
        assert match.group(1) in step_ids
        assert f"set_output {match.group(2)} " in SCRIPT.read_text(encoding="utf-8")
    # Every input the action uses is declared, and every declared input reaches the script.
    used = set(re.findall(r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}", text))
    assert used == set(inputs)


def _steps() -> list[dict[str, Any]]:
    steps = load_action()["runs"]["steps"]  # type: ignore[index]
    assert isinstance(steps, list)
    return steps


def test_action_runs_the_script() -> None:
    step = next(step for step in _steps() if step.get("id") == "licheck")
    assert ".github/action/run.sh" in step["run"]
    assert "$GITHUB_ACTION_PATH" in step["run"]


def test_action_restores_the_cache_licheck_uses_before_it_runs() -> None:
    steps = _steps()
    ids = [step.get("id") for step in steps]
    cached = [
        i for i, step in enumerate(steps) if str(step.get("uses", "")).startswith("actions/cache@")
    ]
    assert cached and cached[0] < ids.index("licheck")
    folder = steps[cached[0]]["with"]["path"]
    assert steps[ids.index("licheck")]["env"]["LICHECK_CACHE_DIR"] == folder
    assert "github.sha" in steps[cached[0]]["with"]["key"]  # a fresh entry per commit
    assert SCRIPT.is_file()


@needs_bash
def test_script_is_valid_bash() -> None:
    assert BASH is not None
    subprocess.run([BASH, "-n", str(SCRIPT)], check=True)


@dataclass
class ActionRun:
    """What one local run of the action left behind."""

    code: int
    log: str
    outputs: dict[str, str]
    summary: str


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A small project with one unpinned reference and one in a folder to exclude."""
    ws = tmp_path / "workspace"
    (ws / "src").mkdir(parents=True)
    (ws / "src" / "app.py").write_text(
        UNPINNED.format(model="Qwen/Qwen2.5-7B-Instruct"), encoding="utf-8"
    )
    (ws / "scratch dir").mkdir()
    (ws / "scratch dir" / "try.py").write_text(
        UNPINNED.format(model="mistralai/Mistral-7B-v0.1"), encoding="utf-8"
    )
    return ws


def run_action(
    tmp_path: Path, workspace: Path, *, hub_url: str | None = None, **inputs: str
) -> ActionRun:
    assert BASH is not None
    runner = tmp_path / "runner"
    runner.mkdir(exist_ok=True)
    outputs, summary = runner / "github_output", runner / "step_summary"
    outputs.write_text("", encoding="utf-8")
    summary.write_text("", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "INPUT_", "GITHUB_"))}
    env.update(
        GITHUB_ACTIONS="true",
        GITHUB_WORKSPACE=str(workspace),
        GITHUB_OUTPUT=str(outputs),
        GITHUB_STEP_SUMMARY=str(summary),
        GITHUB_ACTION_PATH=str(ROOT),
        RUNNER_TEMP=str(runner),
        CI="true",
        LICHECK_PYTHON=sys.executable,
        LICHECK_CACHE_DIR=str(tmp_path / "cache"),
        PYTHONPATH=str(ROOT),
        HF_HOME=str(tmp_path / "hf_home"),
    )
    if hub_url is not None:
        env["HF_ENDPOINT"] = hub_url
    env.update({f"INPUT_{k.upper()}": v for k, v in inputs.items()})
    done = subprocess.run(
        [BASH, str(SCRIPT)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    pairs = [line.split("=", 1) for line in outputs.read_text(encoding="utf-8").splitlines()]
    return ActionRun(
        code=done.returncode,
        log=done.stdout + done.stderr,
        outputs={name: value for name, value in pairs},
        summary=summary.read_text(encoding="utf-8"),
    )


@needs_bash
def test_clean_run_writes_sarif_summary_and_outputs(tmp_path: Path, workspace: Path) -> None:
    run = run_action(
        tmp_path, workspace, extra_args="--offline --exclude 'scratch dir/**'", fail_on="high"
    )
    assert run.code == 0, run.log
    assert run.outputs["exit-code"] == "0"
    # Offline and unpinned: model-unverified (medium) and unpinned-revision (low).
    assert run.outputs["finding-count"] == "2"
    sarif_path = Path(run.outputs["sarif-file"])
    assert sarif_path.parent == Path(run.outputs["report-dir"])
    sarif = json.loads(sarif_path.read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"
    results = sarif["runs"][0]["results"]
    assert len(results) == 2
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert uris == {"src/app.py"}, "the quoted --exclude must keep 'scratch dir' out"
    assert "# licheck report" in run.summary
    assert "Qwen/Qwen2.5-7B-Instruct" in run.summary
    assert "Qwen/Qwen2.5-7B-Instruct" in run.log, "the text report belongs in the job log"
    assert "::group::" not in run.log, "LICHECK_PYTHON: nothing is installed"


@needs_bash
def test_findings_at_fail_on_fail_the_step_after_outputs(tmp_path: Path, workspace: Path) -> None:
    run = run_action(tmp_path, workspace, extra_args="--offline", fail_on="medium", format="json")
    assert run.code == 1
    assert run.outputs["exit-code"] == "1"
    assert run.outputs["finding-count"] == "4"
    assert run.outputs["sarif-file"] == "", "no sarif among the formats"
    assert "mistralai/Mistral-7B-v0.1" in run.summary


@needs_bash
def test_several_formats(tmp_path: Path, workspace: Path) -> None:
    run = run_action(tmp_path, workspace, extra_args="--offline", format="json, markdown sarif")
    assert run.code == 0, run.log
    report_dir = Path(run.outputs["report-dir"])
    assert sorted(p.name for p in report_dir.iterdir()) == [
        "licheck.json",
        "licheck.md",
        "licheck.sarif",
    ]
    data = json.loads((report_dir / "licheck.json").read_text(encoding="utf-8"))
    assert len(data["findings"]) == int(run.outputs["finding-count"]) == 4


@needs_bash
def test_usage_error_still_reports(tmp_path: Path, workspace: Path) -> None:
    run = run_action(tmp_path, workspace, extra_args="--offline", format="pdf")
    assert run.code == 2
    assert run.outputs["exit-code"] == "2"
    assert run.outputs["finding-count"] == ""
    assert "exit code 2" in run.summary
    assert "pdf" in run.log


@needs_bash
def test_a_stale_sarif_file_is_not_reported(tmp_path: Path, workspace: Path) -> None:
    first = run_action(tmp_path, workspace, extra_args="--offline")
    assert first.code == 0, first.log
    assert Path(first.outputs["sarif-file"]).is_file()
    again = run_action(tmp_path, workspace, extra_args="--offline", fail_on="sometimes")
    assert again.code == 2, again.log
    assert again.outputs["sarif-file"] == ""
    assert not Path(first.outputs["sarif-file"]).exists()


@needs_bash
def test_unbalanced_quotes_in_extra_args_are_a_usage_error(tmp_path: Path, workspace: Path) -> None:
    run = run_action(tmp_path, workspace, extra_args="--exclude 'oops")
    assert run.code == 2
    assert "extra-args" in run.log


@needs_bash
def test_facts_input_answers_an_offline_scan(tmp_path: Path, workspace: Path) -> None:
    shutil.copy(ROOT / "examples" / "demo" / "licheck-facts.json", workspace / "org-facts.json")
    run = run_action(
        tmp_path,
        workspace,
        extra_args="--offline --exclude 'scratch dir/**'",
        format="json",
        facts="org-facts.json",
    )
    # Answered, not unverified: the bundle's facts give the publisher's drift (high) and fail.
    assert run.code == 1, run.log
    report = json.loads((Path(run.outputs["report-dir"]) / "licheck.json").read_text("utf-8"))
    rules = {finding["rule"] for finding in report["findings"]}
    assert "LC401" in rules and "LC202" not in rules, rules
    (record,) = [m for m in report["models"] if m["model"] == "Qwen/Qwen2.5-7B-Instruct"]
    assert record["status"] == "ok"
    assert record["facts_source"].endswith("org-facts.json")
    assert "from facts bundle" in run.log
    assert run.outputs["facts-file"] == "", "no export was asked for"


@needs_bash
def test_export_facts_writes_the_bundle_the_scan_used(
    tmp_path: Path, workspace: Path, hub: HubStub
) -> None:
    first = run_action(
        tmp_path,
        workspace,
        hub_url=hub.url,
        extra_args="--exclude 'scratch dir/**'",
        fail_on="never",
    )
    assert first.code == 0, first.log
    assert first.outputs["facts-file"] == "", "no export was asked for"
    asked = len(hub.requests)
    run = run_action(
        tmp_path,
        workspace,
        hub_url=hub.url,
        extra_args="--exclude 'scratch dir/**'",
        export_facts="out/licheck-facts.json",
        fail_on="never",
    )
    assert run.code == 0, run.log
    assert len(hub.requests) == asked, "the export reads the scan's cache, offline"
    written = Path(run.outputs["facts-file"])
    assert written == workspace / "out" / "licheck-facts.json"
    bundle = json.loads(written.read_text(encoding="utf-8"))
    assert bundle["format"] == "licheck/facts/v1"
    models = {entry["model"] for entry in bundle["models"]}
    assert "Qwen/Qwen2.5-7B-Instruct" in models
    assert "mistralai/Mistral-7B-v0.1" not in models, "an excluded file's model is not used"
