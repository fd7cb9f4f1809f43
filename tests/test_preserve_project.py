"""`licheck preserve` on a project: every Hub model it references, at the locked sha; the copy
recorded in licheck.lock; vendor-drift scoring lower once a model is preserved; the scan's
warning when a preserved copy no longer verifies; a store inside the project never scanned."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from licheck.cli import main
from licheck.lock import LOCK_NAME, read
from licheck.rules import drift
from tests.hubstub import HubStub
from tests.hubstub.escrow import ESCROW

QWEN = "Qwen/Qwen2.5-7B-Instruct"


@pytest.fixture(autouse=True)
def _fixed_day(monkeypatch: pytest.MonkeyPatch) -> None:
    # Vendor-drift recency counts from "today": pin it so scores do not age.
    monkeypatch.setattr(drift, "today", lambda: dt.date(2026, 11, 29))


def project(tmp_path: Path, hub: HubStub, extra: str = "") -> Path:
    root = tmp_path / "project"
    root.mkdir()
    qwen_sha = hub.data.repos[QWEN].main.sha
    (root / "app.py").write_text(
        "from transformers import AutoModelForCausalLM\nimport ollama\n\n"
        f'chat = AutoModelForCausalLM.from_pretrained("{QWEN}", revision="{qwen_sha}")\n'
        f'small = AutoModelForCausalLM.from_pretrained("{ESCROW}")\n'
        'ollama.chat(model="llama3")\n' + extra
    )
    return root


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main([*map(str, args)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def scan(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[dict[str, Any], str]:
    code, out, err = run(capsys, "scan", root, "--format", "json", "--fail-on", "never")
    assert code == 0, err
    data: dict[str, Any] = json.loads(out)
    return data, err


def tree(root: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_the_lock_records_each_copy_and_a_second_run_changes_nothing(
    escrow: HubStub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root, dest = project(tmp_path, escrow), tmp_path / "escrow"
    assert run(capsys, "lock", root, "-q")[0] == 0
    code, out, err = run(capsys, "preserve", "--project", root, "--dest", dest)
    assert code == 0, out + err
    assert "the locked sha" in out and "licheck.lock: 2 entries updated" in err
    assert "not kept   llama3  ollama references are not Hub models" in out
    entries = {e.model: e for e in read(root / LOCK_NAME).values()}
    for model in (ESCROW, QWEN):
        entry = entries[model]
        assert entry.preserved_sha == entry.sha == escrow.data.repos[model].main.sha
        manifest = dest / model / entry.sha / "manifest.json"
        assert (
            entry.preserved_manifest
            == "sha256:" + hashlib.sha256(manifest.read_bytes()).hexdigest()
        )
        assert entry.preserved_store == str(dest.resolve())  # outside the project: absolute
    assert entries["llama3"].preserved_sha is None
    lock_text = (root / LOCK_NAME).read_text()
    assert f'preserved_store = "{dest.resolve()}"' in lock_text

    before = tree(dest)
    escrow.reset()
    code, out, err = run(capsys, "preserve", "--project", root, "--dest", dest)
    assert code == 0 and "licheck.lock: 0 entries updated" in err
    assert escrow.requests == []  # both commits are locked: nothing to ask, nothing to fetch
    assert tree(dest) == before and (root / LOCK_NAME).read_text() == lock_text
    # Re-locking keeps the record of the copies: the lock stays byte for byte the same.
    assert run(capsys, "lock", root, "-q")[0] == 0
    assert (root / LOCK_NAME).read_text() == lock_text


def test_vendor_drift_scores_lower_once_the_model_is_preserved(
    escrow: HubStub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root, dest = project(tmp_path, escrow), tmp_path / "escrow"
    assert run(capsys, "lock", root, "-q")[0] == 0

    def drift_finding() -> tuple[dict[str, Any], dict[str, Any], str]:
        data, err = scan(root, capsys)
        finding = next(f for f in data["findings"] if f["rule"] == "LC401" and f["model"] == QWEN)
        factors = {f["factor"]: f for f in finding["details"]["score"]["factors"]}
        return finding, factors["not-preserved"], err

    before, factor, _ = drift_finding()
    assert factor["applies"] and "No preserved copy is on record" in before["message"]
    assert run(capsys, "preserve", "--project", root, "--dest", dest)[0] == 0
    after, factor, err = drift_finding()
    sha = escrow.data.repos[QWEN].main.sha
    where = f"{dest.resolve()}/{QWEN}/{sha}"
    assert not factor["applies"] and factor["why"] == f"a verified copy is preserved at {where}"
    assert f"A verified copy is preserved at {where}." in after["message"]
    assert after["details"]["score"]["total"] == before["details"]["score"]["total"] - 2
    assert "no longer verifies" not in err

    # A copy that lost a file no longer counts, and the scan says so (without hashing).
    (dest / QWEN / sha / "files" / "config.json").unlink()
    broken, factor, err = drift_finding()
    assert factor["applies"] and "config.json is missing" in factor["why"]
    assert (
        f"{QWEN}: the preserved copy at {where} no longer verifies: config.json is missing" in err
    )
    assert broken["details"]["score"]["total"] == before["details"]["score"]["total"]
    # So does a store that is not there (a CI runner without the volume): one warning per store.
    (dest / "index.json").rename(tmp_path / "index.json")
    dest.rename(tmp_path / "moved")
    _, factor, err = drift_finding()
    assert factor["applies"] and "could not be checked" in factor["why"]
    assert err.count(f"the preserve store {dest.resolve()} named in licheck.lock") == 1


def test_a_store_inside_the_project_is_never_scanned(
    escrow: HubStub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = project(tmp_path, escrow)
    (root / "pyproject.toml").write_text('[tool.licheck]\npreserve_dir = "escrow"\n')
    code, out, err = run(capsys, "preserve", "--project", root)
    assert code == 0, out + err
    assert "no licheck.lock to record the copies in" in err
    assert (root / "escrow" / ESCROW).is_dir()
    # A config kept there names a model the project does not load: the scan must not see it.
    config = next((root / "escrow" / ESCROW).glob("*/files/config.json"))
    config.write_text('{"_name_or_path": "Qwen/Qwen2.5-3B"}\n')
    data, _ = scan(root, capsys)
    assert {r["path"] for r in data["references"]} == {"app.py"}
    (root / "pyproject.toml").write_text("[tool.licheck]\n")
    data, _ = scan(root, capsys)  # (without preserve_dir, the store is just another folder)
    assert "Qwen/Qwen2.5-3B" in {r["model"] for r in data["references"]}
