"""``licheck explain`` on hand-built records (no network), its argument parsing, and
``licheck vendors`` with the alternatives in rules/vendors.toml."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from licheck.cli import main
from licheck.errors import ConfigError
from licheck.explain import explain, parse_target
from licheck.explain.data import to_dict
from licheck.explain.text import render_text
from licheck.explain.vendors import render_text as vendors_text
from licheck.records import (
    BaseModel,
    FamilyMember,
    HistoryEntry,
    LicenseFile,
    ModelKey,
    ModelRecord,
    Source,
    Status,
)
from licheck.rules import RuleSet, builtin_rules_dir
from licheck.rules.vendors import load_vendors

TODAY = dt.date(2026, 11, 29)
SHA = "4389dded8f61595bd731e13a9626a1a954b9c298"
OLD = "97bcd72c51e1aaaaaaaaaaaaaaaaaaaaaaaaaaaa"
GGUF = "example-quants/Qwen2.5-3B-Instruct-GGUF"


@pytest.mark.parametrize(
    ("arg", "revision", "expected"),
    [
        ("Qwen/Qwen2.5-7B-Instruct", None, ModelKey("Qwen/Qwen2.5-7B-Instruct", Source.HF)),
        ("fixture-org/drifting-model", "v1.0",  # no placeholder filter on the command line
         ModelKey("fixture-org/drifting-model", Source.HF, "v1.0")),
        (f"https://huggingface.co/Qwen/Qwen2.5-7B-Instruct/tree/{SHA}", None,
         ModelKey("Qwen/Qwen2.5-7B-Instruct", Source.URL, SHA)),
        ("https://huggingface.co/Qwen/Qwen2.5-7B-Instruct", "main",
         ModelKey("Qwen/Qwen2.5-7B-Instruct", Source.URL, "main")),
        ("gpt2", None, ModelKey("gpt2", Source.HF)),
        ("qwen2.5:7b", None, ModelKey("qwen2.5:7b", Source.OLLAMA)),
    ],
)  # fmt: skip
def test_parse_target(arg: str, revision: str | None, expected: ModelKey) -> None:
    assert parse_target(arg, revision) == expected


@pytest.mark.parametrize("arg", ["not a model!", "a/b/c", "https://huggingface.co/"])
def test_parse_target_rejects_nonsense(arg: str) -> None:
    with pytest.raises(ConfigError):
        parse_target(arg, None)


def records() -> dict[ModelKey, ModelRecord]:
    def rec(model: str, **facts: Any) -> ModelRecord:
        return ModelRecord(model, Source.HF, None, Status.OK, gated=False, **facts)

    gguf = rec(
        GGUF,
        sha=SHA,
        license="apache-2.0",
        base_models=(BaseModel("Qwen/Qwen2.5-3B-Instruct", "quantized"),),
        history=(
            HistoryEntry("2024-10-05T12:00:00Z", SHA, "apache-2.0"),
            HistoryEntry("2024-10-01T12:00:00Z", OLD, None),
        ),
        family=(FamilyMember("example-quants/Qwen2.5-7B-Instruct-GGUF", "apache-2.0"),),
        license_file=LicenseFile("LICENSE", "cd" * 32, "Qwen RESEARCH LICENSE AGREEMENT"),
    )
    instruct = rec(
        "Qwen/Qwen2.5-3B-Instruct",
        license="other",
        license_name="qwen-research",
        base_models=(BaseModel("Qwen/Qwen2.5-3B", None),),
    )
    base = rec("Qwen/Qwen2.5-3B", license="other", license_name="qwen-research")
    return {r.key: r for r in (gguf, instruct, base)}


def test_explain_text_shows_chain_history_family_vendors_and_facts(ruleset: RuleSet) -> None:
    exp = explain(ModelKey(GGUF, Source.HF), ruleset, records(), today=TODAY)
    text = render_text(exp)
    lines = text.splitlines()
    assert f"{GGUF} (default branch)" in lines
    assert "    <- quantized of Qwen/Qwen2.5-3B-Instruct  qwen-research (research-only, " in text
    assert "      <- inferred finetune of Qwen/Qwen2.5-3B  qwen-research" in text
    assert "  effective license: research-only (qwen-research)" in lines
    assert "  origin: Qwen" in lines
    assert f"  2024-10-05  {SHA[:12]}  apache-2.0 (permissive, Apache-2.0)" in lines
    assert f"  2024-10-01  {OLD[:12]}  no license declared (unknown)" in lines
    assert "names qwen-research (research-only, LicenseRef-qwen-research): contradicts" in text
    assert "  example-quants/Qwen2.5-7B-Instruct-GGUF  apache-2.0 (permissive, Apache-2.0)" in text
    assert (
        "  Qwen (Alibaba Cloud) (origin publisher, through Qwen/Qwen2.5-3B; drifting closed)"
        in (lines)
    )
    assert "2026-04-20  api-only-flagship" in text and "source: chinanews.ai" in text
    assert "  HIGH  LC111 license-mismatch:" in text
    assert "  HIGH  LC112 license-file-mismatch:" in text
    assert "        inherited_stricter[0].license: qwen-research (research-only)" in lines
    # Quantized of a research model: its weights are not permissive, so no drift finding.
    assert "LC401" not in text


def test_explain_json_is_the_same_as_data(ruleset: RuleSet) -> None:
    exp = explain(ModelKey(GGUF, Source.HF), ruleset, records(), today=TODAY)
    data = json.loads(json.dumps(to_dict(exp)))
    assert data["schema"] == "licheck/explain/v1"
    assert data["model"] == GGUF and data["status"] == "ok" and data["sha"] == SHA
    prov = data["provenance"]
    assert prov["chain_text"] == (
        f"{GGUF} <- quantized of Qwen/Qwen2.5-3B-Instruct (qwen-research) "
        "<- inferred finetune of Qwen/Qwen2.5-3B (qwen-research)"
    )
    assert [(s["model"], s["relation"], s["depth"], s["status"]) for s in prov["chain"]] == [
        ("Qwen/Qwen2.5-3B-Instruct", "quantized", 1, "ok"),
        ("Qwen/Qwen2.5-3B", "finetune", 2, "ok"),
    ]
    assert prov["effective_license"]["category"] == "research-only"
    assert prov["origin"] == ["Qwen"]
    assert [h["commit"] for h in data["history"]] == [SHA, OLD]
    assert data["history"][1]["license"]["category"] == "unknown"
    assert data["license_changes"][0]["direction"] == "looser"
    assert data["family"] == [
        {
            "model": "example-quants/Qwen2.5-7B-Instruct-GGUF",
            "license": {"id": "apache-2.0", "name": None, "spdx": "Apache-2.0",
                        "category": "permissive"},
            "split": False,
        }
    ]  # fmt: skip
    assert data["license_file"]["contradicts"] == "stricter"
    assert data["vendors"][0]["vendor"] == "qwen" and data["vendors"][0]["drifting"] is True
    assert data["vendors"][0]["origin_of"] == "Qwen/Qwen2.5-3B"
    rules = {f["rule"] for f in data["findings"]}
    assert {"LC111", "LC112", "LC122", "LC301"} <= rules
    assert all(f["path"] == "<explain>" for f in data["findings"])


def test_explain_an_unresolved_model_says_what_is_missing(ruleset: RuleSet) -> None:
    key = ModelKey("acme/gone", Source.HF)
    gone = {key: ModelRecord("acme/gone", Source.HF, None, Status.UNAVAILABLE, reason="404")}
    exp = explain(key, ruleset, gone, today=TODAY)
    text = render_text(exp)
    assert "  status: unavailable" in text and "  reason: 404" in text
    assert "Provenance" not in text  # nothing to show, and no empty "all clear"
    assert "LC201 model-unavailable" in text
    data = to_dict(exp)
    assert (data["provenance"], data["history"], data["family"]) == (None, None, None)


def test_explain_offline_with_an_empty_cache(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        ["explain", "Qwen/Qwen2.5-7B-Instruct", "--offline", "--cache-dir", str(tmp_path), "-f",
         "json"]
    )  # fmt: skip
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    assert data["offline"] is True and data["status"] == "unverified"
    # Unknown is never "fine": unverified, and nothing about a license it could not read.
    assert {f["category"] for f in data["findings"]} == {"unverified", "unpinned"}
    assert data["provenance"] is None and data["history"] is None


def test_explain_rejects_an_unknown_format(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "Qwen/Qwen2.5-7B-Instruct", "--offline", "-f", "yaml"]) == 2
    assert "choose text or json" in capsys.readouterr().err


def test_vendors_command_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["vendors"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].startswith("rules/vendors.toml, reviewed ")
    assert "qwen  Qwen (Alibaba Cloud)  drifting: yes" in lines
    assert "meta  Meta  drifting: no" in lines
    assert any(
        line.startswith("  2026-04-20  api-only-flagship") and "secondary" in line for line in lines
    )
    assert "              source: chinanews.ai (launch); ai-blogs.org" in out
    assert "Alternatives (families that have stayed permissive)" in out


def test_vendors_command_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["vendors", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["schema"] == "licheck/vendors/v1"
    by_slug = {v["vendor"]: v for v in data["vendors"]}
    assert by_slug["qwen"]["drifting"] is True and by_slug["deepseek"]["drifting"] is False
    for vendor in data["vendors"]:
        for event in vendor["events"]:
            assert event["date"] and event["kind"] and event["source"] and event["confidence"]
    assert {a["slug"] for a in data["alternatives"]} == {"deepseek-r1", "phi"}


def test_alternatives_stayed_permissive_and_keep_their_sources(ruleset: RuleSet) -> None:
    vendors = ruleset.vendors
    assert vendors.alternatives
    for alt in vendors.alternatives:
        assert alt.source.strip() and alt.confidence in ("verified", "secondary", "unverified")
        assert ruleset.taxonomy.classify(alt.license, None).category in ("permissive",)
        for slug in alt.replaces:
            replaced = vendors.get(slug)
            assert replaced is not None and replaced.drifting, (alt.slug, slug)
        for model in alt.models:
            own = vendors.for_model(model, Source.HF)
            assert own is not None and not own.drifting, (alt.slug, model)
    assert vendors.alternatives_for(("stability",)) == ()
    assert [a.slug for a in vendors.alternatives_for(("qwen",))] == ["deepseek-r1", "phi"]


def test_vendor_listing_marks_age(ruleset: RuleSet) -> None:
    vendors = load_vendors(builtin_rules_dir() / "vendors.toml")
    later = vendors.reviewed + dt.timedelta(days=200)
    assert f"({200} days ago)" in vendors_text(vendors, later).splitlines()[0]


POLICY = """\
[tool.licheck]
deny_licenses = ["qwen-research"]
categories = { unpinned = false, gated = "info", license-noncommercial = "medium" }
accept = [
  { model = "fixture-org/*", rules = ["license-noncommercial"], reason = "evaluation only, #42" },
]
"""


@pytest.mark.usefixtures("hub_env", "cache_dir")
@pytest.mark.parametrize(
    "model", ["Qwen/Qwen2.5-3B-Instruct", "fixture-org/drifting-model", "Qwen/Qwen2.5-7B-Instruct"]
)
def test_explain_and_scan_agree_under_the_project_policy(
    model: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.delenv("CI", raising=False)
    (tmp_path / "pyproject.toml").write_text(POLICY)
    (tmp_path / "app.py").write_text(
        "from transformers import AutoModel\n"
        'AutoModel.from_pretrained("Qwen/Qwen2.5-3B-Instruct")\n'
        'AutoModel.from_pretrained("fixture-org/drifting-model")\n'
        'AutoModel.from_pretrained("Qwen/Qwen2.5-7B-Instruct")\n'
    )
    monkeypatch.chdir(tmp_path)
    assert main(["lock", ".", "--quiet"]) == 0  # locked: the vendor-drift score counts it
    main(["scan", ".", "--format", "json", "--quiet", "--fail-on", "never"])
    scanned = json.loads(capsys.readouterr().out)
    assert main(["explain", model, "--format", "json"]) == 0
    explained = json.loads(capsys.readouterr().out)

    def verdicts(findings: list[dict[str, Any]]) -> set[tuple[str, str]]:
        return {(f["rule"], f["severity"]) for f in findings if f["model"] == model}

    found = verdicts(scanned["findings"])
    assert found == verdicts(explained["findings"])
    assert verdicts(scanned["waived"]) == verdicts(explained["waived"])
    # The policy and the lock did change the verdicts: denied, re-graded, silenced, waived,
    # scored as locked.
    assert not any(rule == "LC301" for rule, _ in found)  # unpinned: silenced
    if model == "Qwen/Qwen2.5-7B-Instruct":
        (drift,) = [f for f in explained["findings"] if f["rule"] == "LC401"]
        factors = {f["factor"]: f["applies"] for f in drift["details"]["score"]["factors"]}
        assert factors["not-locked"] is False
    else:
        assert ("LC901", "critical") in found
    if model.startswith("fixture-org/"):
        assert {w["waiver"]["reason"] for w in explained["waived"]} == {"evaluation only, #42"}
    elif model == "Qwen/Qwen2.5-3B-Instruct":
        assert ("LC102", "medium") in found
    monkeypatch.setattr("sys.stdout.isatty", lambda: False)
    assert main(["explain", model]) == 0
    text = capsys.readouterr().out
    assert ("Waived (1)" in text) == model.startswith("fixture-org/")
