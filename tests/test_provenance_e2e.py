"""End to end on the local Hub stand-in: ``licheck explain`` and ``licheck scan`` see the
provenance chain, license history, family and vendor drift of real-fact fixtures (Qwen2.5 sizes,
an Apache GGUF of Qwen2.5-3B, an Apache fine-tune of Llama 3.1, a repo relicensed on main while
the project pins the old sha, Stable Diffusion 3 Medium) and stay quiet on the controls."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from licheck.cli import main
from licheck.rules import drift

OLD_DRIFTING = "eae16031de8f27029cc71a77ad881390f1f1c041"  # fixture-org/drifting-model @ v1.0
GGUF = "example-quants/Qwen2.5-3B-Instruct-GGUF"
LLAMA_FT = "fixture-org/llama-3.1-8b-support-ft"
DRIFTING = "fixture-org/drifting-model"
SD3 = "stabilityai/stable-diffusion-3-medium"
QWEN7 = "Qwen/Qwen2.5-7B-Instruct"
CONTROLS = ("sentence-transformers/all-MiniLM-L6-v2", "deepseek-ai/DeepSeek-R1")
NEW_CATEGORIES = {
    "license-mismatch",
    "license-changed",
    "family-split",
    "vendor-drift",
    "provenance-unchecked",
}


@pytest.fixture(autouse=True)
def fixed_day(monkeypatch: pytest.MonkeyPatch) -> None:
    # Vendor-drift recency counts from "today": pin it so severities do not age.
    monkeypatch.setattr(drift, "today", lambda: dt.date(2026, 11, 29))


def explain(args: list[str], capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    assert main(["explain", *args, "--format", "json"]) == 0
    data: dict[str, Any] = json.loads(capsys.readouterr().out)
    return data


def by_rule(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {f["rule"]: f for f in data["findings"]}


def categories(findings: list[dict[str, Any]], model: str | None = None) -> set[str]:
    return {f["category"] for f in findings if model is None or f["model"] == model}


# --- explain -------------------------------------------------------------------------------------


@pytest.mark.usefixtures("hub_env", "cache_dir")
def test_explain_gguf_of_a_research_model(capsys: pytest.CaptureFixture[str]) -> None:
    data = explain([GGUF], capsys)
    prov = data["provenance"]
    assert prov["chain_text"] == (
        f"{GGUF} <- quantized of Qwen/Qwen2.5-3B-Instruct (qwen-research) "
        "<- finetune of Qwen/Qwen2.5-3B (qwen-research)"
    )
    assert prov["effective_license"]["category"] == "research-only"
    assert prov["origin"] == ["Qwen"]
    mismatch = by_rule(data)["LC111"]
    assert mismatch["severity"] == "high" and mismatch["category"] == "license-mismatch"
    assert [i["model"] for i in mismatch["details"]["inherited_stricter"]] == [
        "Qwen/Qwen2.5-3B-Instruct",
        "Qwen/Qwen2.5-3B",
    ]
    assert "vendor-drift" not in categories(data["findings"])


@pytest.mark.usefixtures("hub_env", "cache_dir")
def test_explain_apache_finetune_of_llama(capsys: pytest.CaptureFixture[str]) -> None:
    data = explain([LLAMA_FT], capsys)
    assert data["provenance"]["effective_license"]["category"] == "custom-restricted"
    assert data["provenance"]["origin"] == ["meta-llama"]
    mismatch = by_rule(data)["LC111"]
    assert mismatch["severity"] == "high"
    assert (
        "llama3.1 (custom-restricted) from meta-llama/Llama-3.1-8B-Instruct"
        in (mismatch["message"])
    )


@pytest.mark.usefixtures("hub_env", "cache_dir")
def test_explain_pinned_to_a_revision_main_has_relicensed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = explain([DRIFTING, "--revision", OLD_DRIFTING], capsys)
    assert data["license"]["spdx"] == "Apache-2.0"
    superseded = by_rule(data)["LC123"]
    assert superseded["severity"] == "high" and superseded["category"] == "license-changed"
    assert superseded["message"].startswith(
        f"You are pinned to revision {OLD_DRIFTING} of {DRIFTING}, licensed apache-2.0"
    )
    assert "main is now qwen-research (research-only) since 2025-02-01" in superseded["message"]
    assert superseded["details"]["head"]["since"].startswith("2025-02-01")
    assert "LC121" not in by_rule(data)  # the same change is not reported twice
    history = [(h["date"][:10], h["license"]["category"]) for h in data["history"]]
    assert history[0] == ("2025-02-10", "research-only")
    assert ("2024-03-01", "permissive") in history
    assert main(["explain", DRIFTING, "--revision", OLD_DRIFTING]) == 0
    text = capsys.readouterr().out
    assert "License history (newest first)" in text
    assert "  2025-02-01  e59e12973488  qwen-research (research-only" in text
    assert f"  pinned {OLD_DRIFTING}: apache-2.0 (permissive, Apache-2.0); main (8246d4b61937)" in (
        text
    )


@pytest.mark.usefixtures("hub_env", "cache_dir")
def test_explain_qwen_family_and_vendor_drift(capsys: pytest.CaptureFixture[str]) -> None:
    data = explain([QWEN7], capsys)
    found = by_rule(data)
    drift_finding = found["LC401"]
    assert drift_finding["severity"] == "high"
    factors = {f["factor"]: f["applies"] for f in drift_finding["details"]["score"]["factors"]}
    assert factors["family-split"] and factors["not-pinned"] and factors["recent-event"]
    assert not factors["family-unknown"]
    split = found["LC131"]
    assert split["severity"] == "medium"
    assert "Qwen/Qwen2.5-3B-Instruct (qwen-research, research-only)" in split["message"]
    assert "Qwen/Qwen2.5-72B-Instruct (qwen, custom-restricted)" in split["message"]
    family = {m["model"]: m for m in data["family"]}
    assert family["Qwen/Qwen2.5-3B-Instruct"]["split"] is True
    assert QWEN7 not in family
    assert main(["explain", QWEN7]) == 0
    text = capsys.readouterr().out
    assert "    <- finetune of Qwen/Qwen2.5-7B  apache-2.0 (permissive, Apache-2.0)" in text
    assert "<- splits the family" in text
    assert "Qwen (Alibaba Cloud) (publisher; drifting closed)" in text
    assert "score 12 -> high:" in text  # exposed on every count: nothing pinned or kept


@pytest.mark.usefixtures("hub_env", "cache_dir")
def test_explain_stability_license_history(capsys: pytest.CaptureFixture[str]) -> None:
    data = explain([SD3], capsys)
    changed = by_rule(data)["LC122"]
    assert changed["severity"] == "low"
    assert (changed["details"]["license_changes"][-1]["date"]) == "2024-07-05"
    assert "from stabilityai-nc-research-community (non-commercial)" in changed["message"]
    assert "LC103" in by_rule(data)  # the community license itself
    assert "vendor-drift" not in categories(data["findings"])  # not permissive weights


@pytest.mark.usefixtures("hub_env", "cache_dir")
def test_explain_license_file_and_missing_ancestor(capsys: pytest.CaptureFixture[str]) -> None:
    mismatch = explain(["fixture-org/license-file-mismatch"], capsys)
    assert by_rule(mismatch)["LC113"]["details"]["license_file"]["license"]["spdx"] == (
        "Apache-2.0"
    )
    orphan = explain(["fixture-org/orphan-finetune"], capsys)
    unchecked = by_rule(orphan)["LC114"]
    assert unchecked["details"]["missing_ancestors"] == ["nobody-here/vanished-model (unavailable)"]
    assert orphan["provenance"]["effective_license"]["category"] == "unknown"


@pytest.mark.usefixtures("hub_env", "cache_dir")
@pytest.mark.parametrize("model", CONTROLS)
def test_controls_raise_none_of_the_provenance_findings(
    model: str, capsys: pytest.CaptureFixture[str]
) -> None:
    data = explain([model], capsys)
    assert not categories(data["findings"]) & NEW_CATEGORIES
    assert data["provenance"]["effective_license"]["category"] == "permissive"


@pytest.mark.usefixtures("hub_env", "cache_dir")
def test_explain_offline_from_a_warm_cache(hub: Any, capsys: pytest.CaptureFixture[str]) -> None:
    online = explain([GGUF], capsys)
    before = len(hub.requests)
    offline = explain([GGUF, "--offline"], capsys)
    assert len(hub.requests) == before
    assert offline["offline"] is True
    assert offline["provenance"]["chain_text"] == online["provenance"]["chain_text"]
    assert {f["rule"] for f in offline["findings"]} == {f["rule"] for f in online["findings"]}


# --- scan ----------------------------------------------------------------------------------------


APP = f"""
from transformers import AutoModelForCausalLM
from sentence_transformers import SentenceTransformer

chat = AutoModelForCausalLM.from_pretrained("{QWEN7}")
small = AutoModelForCausalLM.from_pretrained("{GGUF}")
embedder = SentenceTransformer("sentence-transformers/all-MiniLM-L6-v2")
reasoner = AutoModelForCausalLM.from_pretrained("deepseek-ai/DeepSeek-R1")
"""
PIPE = f"""
from diffusers import DiffusionPipeline

pipe = DiffusionPipeline.from_pretrained("{SD3}")
"""
FIXTURE_ORG = f"""
from transformers import AutoModelForCausalLM

tuned = AutoModelForCausalLM.from_pretrained("{LLAMA_FT}")
pinned = AutoModelForCausalLM.from_pretrained("{DRIFTING}", revision="{OLD_DRIFTING}")
"""


def scan(project: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    main(["scan", str(project), "--format", "json", "--quiet", "--fail-on", "never"])
    data: dict[str, Any] = json.loads(capsys.readouterr().out)
    return data


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / "src").mkdir(parents=True)
    (root / "src" / "app.py").write_text(APP)
    (root / "src" / "images.py").write_text(PIPE)
    return root


@pytest.mark.usefixtures("hub_env", "cache_dir")
def test_scan_reports_chain_history_family_and_drift(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = scan(project, capsys)
    findings = report["findings"]
    models = {m["model"]: m for m in report["models"]}

    qwen = models[QWEN7]
    assert qwen["origin"] == ["Qwen"]
    assert qwen["base_models"][0] == {
        "model": "Qwen/Qwen2.5-7B",
        "relation": "finetune",
        "relation_inferred": False,
        "parent": QWEN7,
        "depth": 1,
        "status": "ok",
        "license": {"id": "apache-2.0", "name": None, "spdx": "Apache-2.0",
                    "category": "permissive"},
    }  # fmt: skip
    assert qwen["effective_license"]["category"] == "permissive"
    assert qwen["history"] and qwen["history"][0]["license"]["category"] == "permissive"
    assert {m["model"] for m in qwen["family"]} >= {"Qwen/Qwen2.5-3B-Instruct"}
    drift_finding = next(f for f in findings if f["model"] == QWEN7 and f["rule"] == "LC401")
    assert drift_finding["severity"] == "high"
    assert "family-split" in categories(findings, QWEN7)

    gguf = models[GGUF]
    assert [s["model"] for s in gguf["base_models"]] == [
        "Qwen/Qwen2.5-3B-Instruct",
        "Qwen/Qwen2.5-3B",
    ]
    assert gguf["base_models"][1]["depth"] == 2
    assert gguf["effective_license"]["category"] == "research-only"
    assert "license-mismatch" in categories(findings, GGUF)

    assert "license-changed" in categories(findings, SD3)
    assert [h["date"][:10] for h in models[SD3]["history"]][-1] == "2024-06-12"
    for control in CONTROLS:
        assert not categories(findings, control) & NEW_CATEGORIES, control

    main(["scan", str(project), "--no-color", "--fail-on", "never"])
    text = capsys.readouterr().out
    assert f"    {QWEN7} <- finetune of Qwen/Qwen2.5-7B (apache-2.0)" in text
    assert (
        f"    {GGUF} <- quantized of Qwen/Qwen2.5-3B-Instruct (qwen-research) "
        "<- finetune of Qwen/Qwen2.5-3B (qwen-research)"
    ) in text


@pytest.mark.usefixtures("hub_env", "cache_dir")
def test_scan_finds_the_pinned_and_finetuned_fixtures(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "src" / "tuned.py").write_text(FIXTURE_ORG)
    report = scan(project, capsys)
    findings = report["findings"]
    assert "license-mismatch" in categories(findings, LLAMA_FT)
    pinned = next(f for f in findings if f["model"] == DRIFTING and f["rule"] == "LC123")
    assert pinned["severity"] == "high"
    assert "main is now qwen-research (research-only) since 2025-02-01" in pinned["message"]
    assert not [f for f in findings if f["model"] == DRIFTING and f["rule"] == "LC121"]
    drifting = next(m for m in report["models"] if m["model"] == DRIFTING)
    assert drifting["revision"] == OLD_DRIFTING
    assert drifting["license"]["category"] == "permissive"
    assert drifting["history"][0]["license"]["category"] == "research-only"
