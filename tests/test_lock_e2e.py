"""`licheck lock`, `licheck lock --check` and `licheck scan --locked` against the Hub stand-in."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from licheck.cli import main
from licheck.lock import LOCK_NAME, read

APP = """\
from transformers import AutoModelForCausalLM

chat = AutoModelForCausalLM.from_pretrained("Qwen/Qwen2.5-7B-Instruct", revision="main")
drift = AutoModelForCausalLM.from_pretrained("fixture-org/drifting-model")
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, hub_env: Path) -> Path:
    monkeypatch.setenv("LICHECK_CACHE_DIR", str(hub_env))
    monkeypatch.delenv("CI", raising=False)
    root = tmp_path / "proj"
    root.mkdir()
    (root / "app.py").write_text(APP)
    return root


def scan(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, Any]]:
    code = main(["scan", *args, "--format", "json", "--quiet"])
    return code, json.loads(capsys.readouterr().out)


def rules_of(report: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for finding in report["findings"]:
        out.setdefault(finding["rule"], []).append(finding)
    return out


def test_lock_writes_sorted_entries_and_is_idempotent(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["lock", str(project)]) == 0
    assert "wrote licheck.lock with 2 models (2 added, 0 removed)" in capsys.readouterr().err
    text = (project / LOCK_NAME).read_text()
    assert text.index("fixture-org/drifting-model") < text.index("Qwen/Qwen2.5-7B-Instruct")
    entries = {e.model: e for e in read(project / LOCK_NAME).values()}
    qwen = entries["Qwen/Qwen2.5-7B-Instruct"]
    assert qwen.revision == "main" and qwen.sha and len(qwen.sha) == 40
    assert qwen.license == "apache-2.0" and qwen.spdx == "Apache-2.0"
    assert qwen.origin == "Qwen" and qwen.base_models[0][0] == "Qwen/Qwen2.5-7B"
    assert qwen.card_hash and qwen.card_hash.startswith("sha256:")
    assert main(["lock", str(project), "-q"]) == 0
    assert (project / LOCK_NAME).read_text() == text  # nothing changed, nothing rewritten
    assert main(["lock", str(project), "--check"]) == 0


def test_locked_scan_flags_new_and_unused_models(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["lock", str(project), "-q"])
    code, report = scan([str(project), "--locked"], capsys)
    assert "LC501" not in rules_of(report)
    (project / "app.py").write_text(
        APP.replace("fixture-org/drifting-model", "deepseek-ai/DeepSeek-R1")
    )
    code, report = scan([str(project), "--locked", "--fail-on", "high"], capsys)
    found = rules_of(report)
    assert [f["model"] for f in found["LC501"]] == ["deepseek-ai/DeepSeek-R1"]
    assert found["LC501"][0]["category"] == "unlocked" and found["LC501"][0]["severity"] == "high"
    unused = found["LC502"][0]
    assert unused["model"] == "fixture-org/drifting-model" and unused["path"] == LOCK_NAME
    lock_lines = (project / LOCK_NAME).read_text().splitlines()
    assert lock_lines[unused["line"] - 1] == "[[model]]"
    assert code == 1
    assert main(["lock", str(project), "--check"]) == 1
    assert "unlocked: deepseek-ai/DeepSeek-R1" in capsys.readouterr().err


def test_without_locked_no_lock_findings_unless_ci(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / LOCK_NAME).write_text("version = 1\n")
    _, report = scan([str(project)], capsys)
    assert "LC501" not in rules_of(report)
    monkeypatch.setenv("CI", "true")
    _, report = scan([str(project)], capsys)
    assert len(rules_of(report)["LC501"]) == 2


def test_upstream_license_change_and_moved_branch(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["lock", str(project), "-q"])
    path = project / LOCK_NAME
    text = path.read_text()
    # Rewrite the lock as if it had been written when the drifting repo was still Apache and
    # main of Qwen pointed at another commit.
    drift_block = text[text.index('id = "fixture-org/drifting-model"') :]
    old_hash = re.search(r'card_hash = "(sha256:[0-9a-f]+)"', drift_block)
    assert old_hash
    text = text.replace(old_hash.group(1), "sha256:" + "0" * 64, 1)
    qwen_sha = next(e.sha for e in read(path).values() if e.model == "Qwen/Qwen2.5-7B-Instruct")
    assert qwen_sha
    path.write_text(text.replace(qwen_sha, "1" * 40))
    _, report = scan([str(project), "--locked"], capsys)
    found = rules_of(report)
    changed = found["LC503"][0]
    assert changed["model"] == "fixture-org/drifting-model"
    assert changed["severity"] == "high" and changed["category"] == "license-changed"
    assert changed["details"]["locked"]["card_hash"] == "sha256:" + "0" * 64
    moved = found["LC504"][0]
    assert moved["model"] == "Qwen/Qwen2.5-7B-Instruct" and "1111111" in moved["message"]
    assert main(["lock", str(project), "--check"]) == 1


def test_explicit_files_never_report_unused_entries(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    main(["lock", str(project), "-q"])
    (project / "other.py").write_text("x = 1\n")
    monkeypatch.chdir(project)
    code, report = scan(["other.py", "--locked", "--offline"], capsys)
    assert "LC502" not in rules_of(report) and code == 0


def test_offline_relock_keeps_what_was_reviewed(
    project: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    main(["lock", str(project), "-q"])
    before = (project / LOCK_NAME).read_text()
    empty_cache = tmp_path / "empty-cache"
    assert main(["lock", str(project), "--offline", "--cache-dir", str(empty_cache)]) == 0
    assert (project / LOCK_NAME).read_text() == before


def test_offline_lock_on_a_cold_cache_locks_nothing_it_never_saw(
    project: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    cold = ["--offline", "--cache-dir", str(tmp_path / "cold-cache")]
    assert main(["lock", str(project), *cold]) == 3
    err = capsys.readouterr().err
    for model in ("Qwen/Qwen2.5-7B-Instruct", "fixture-org/drifting-model"):
        assert f"not locked: {model}" in err
    assert "offline and not in the cache" in err
    assert read(project / LOCK_NAME) == {}
    # ... so a later --locked run still reports both as needing review, offline or not.
    _, report = scan([str(project), "--locked", *cold], capsys)
    assert {f["model"] for f in rules_of(report)["LC501"]} == {
        "Qwen/Qwen2.5-7B-Instruct",
        "fixture-org/drifting-model",
    }
    assert main(["lock", str(project), "--check", *cold]) == 1
    capsys.readouterr()
    # Online, the same command locks both and succeeds.
    assert main(["lock", str(project), "-q"]) == 0
    assert len(read(project / LOCK_NAME)) == 2


def test_offline_lock_adds_what_the_cache_verified_and_leaves_out_the_rest(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["lock", str(project), "-q"])  # both models reviewed, the cache warm
    app = project / "app.py"
    app.write_text(APP + 'small = AutoModelForCausalLM.from_pretrained("Qwen/Qwen2.5-3B")\n')
    assert main(["lock", str(project), "--offline"]) == 3
    err = capsys.readouterr().err
    assert "not locked: Qwen/Qwen2.5-3B (offline and not in the cache)" in err
    assert "1 left out" in err
    models = {e.model for e in read(project / LOCK_NAME).values()}
    assert models == {"Qwen/Qwen2.5-7B-Instruct", "fixture-org/drifting-model"}


def test_an_entry_locked_without_facts_is_not_a_review(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A lock an earlier licheck wrote offline: the id only, no commit, no license.
    (project / LOCK_NAME).write_text(
        'version = 1\n\n[[model]]\nid = "fixture-org/drifting-model"\nsource = "hf"\n'
        'checked = "2026-01-01T00:00:00Z"\n\n[[model]]\nid = "Qwen/Qwen2.5-7B-Instruct"\n'
        'source = "hf"\nrevision = "main"\nchecked = "2026-01-01T00:00:00Z"\n'
    )
    _, report = scan([str(project), "--locked"], capsys)
    unlocked = {f["model"] for f in rules_of(report).get("LC501", [])}
    assert unlocked == {"fixture-org/drifting-model", "Qwen/Qwen2.5-7B-Instruct"}
    assert main(["lock", str(project), "--check"]) == 1
    capsys.readouterr()
    assert main(["lock", str(project), "-q"]) == 0  # online: reviewed now, with every fact
    assert all(e.card_hash for e in read(project / LOCK_NAME).values())
    assert main(["lock", str(project), "--check"]) == 0


def test_lock_needs_a_directory(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lock", str(project / "app.py")]) == 2
    assert "not a directory" in capsys.readouterr().err
