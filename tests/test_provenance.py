"""Effective licenses over hand-built base_model chains: what each relation carries, mismatches,
gaps that make the license unknown, cycles, the depth cap and relation inference. No network."""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from licheck.records import (
    BaseModel,
    EffectiveLicense,
    Finding,
    ModelKey,
    ModelRecord,
    Reference,
    Severity,
    Source,
    Status,
)
from licheck.rules import Evaluation, RuleSet, builtin_rules_dir, evaluate, load_ruleset

SHA = "0123456789abcdef0123456789abcdef01234567"
TODAY = dt.date(2026, 11, 29)
RESEARCH = {"license": "other", "license_name": "qwen-research"}


def rec(model: str, *bases: tuple[str, str | None], **facts: Any) -> ModelRecord:
    """A resolved default-branch record; ``bases`` are (id, relation) pairs."""
    facts.setdefault("status", Status.OK)
    facts.setdefault("gated", False)
    facts.setdefault("sha", SHA)
    status = facts.pop("status")
    return ModelRecord(
        model,
        Source.HF,
        None,
        status,
        base_models=tuple(BaseModel(m, r) for m, r in bases),
        **facts,
    )


def run(ruleset: RuleSet, model: str, *records: ModelRecord) -> tuple[Evaluation, EffectiveLicense]:
    """Evaluate a reference pinned to ``SHA`` of ``model``; the first record is the one it gets."""
    ref = Reference("src/app.py", 3, 5, model, Source.HF, SHA, "python:from_pretrained")
    referenced, *others = records
    by_key = {r.key: r for r in others} | {ref.key: replace(referenced, revision=SHA)}
    evaluation = evaluate(ruleset, [ref], by_key, today=TODAY)
    return evaluation, evaluation.effective[ModelKey(model, Source.HF, SHA)]


def only(evaluation: Evaluation, category: str) -> Finding:
    (finding,) = [f for f in evaluation.findings if f.category == category]
    return finding


def categories(evaluation: Evaluation) -> set[str]:
    return {f.category for f in evaluation.findings}


def test_apache_gguf_of_a_research_model_is_a_mismatch(ruleset: RuleSet) -> None:
    gguf = rec(
        "example-quants/Qwen2.5-3B-Instruct-GGUF",
        ("Qwen/Qwen2.5-3B-Instruct", "quantized"),
        license="apache-2.0",
    )
    instruct = rec("Qwen/Qwen2.5-3B-Instruct", ("Qwen/Qwen2.5-3B", "finetune"), **RESEARCH)
    base = rec("Qwen/Qwen2.5-3B", **RESEARCH)
    evaluation, eff = run(ruleset, gguf.model, gguf, instruct, base)
    # A quantization carries its base's license; its own looser claim does not count.
    assert eff.category == "research-only" and eff.complete
    assert [m for m, _ in eff.sources] == ["Qwen/Qwen2.5-3B-Instruct", "Qwen/Qwen2.5-3B"]
    assert eff.origin == ("Qwen",)
    mismatch = only(evaluation, "license-mismatch")
    assert (mismatch.rule, mismatch.severity) == ("LC111", Severity.HIGH)
    assert "declares apache-2.0 (permissive)" in mismatch.message
    assert "qwen-research (research-only) from Qwen/Qwen2.5-3B-Instruct and Qwen/Qwen2.5-3B" in (
        mismatch.message
    )
    assert mismatch.details["effective_license"]["category"] == "research-only"
    assert mismatch.details["inherited_stricter"][0]["model"] == "Qwen/Qwen2.5-3B-Instruct"
    assert mismatch.details["chain"] == (
        "example-quants/Qwen2.5-3B-Instruct-GGUF <- quantized of Qwen/Qwen2.5-3B-Instruct "
        "(qwen-research) <- finetune of Qwen/Qwen2.5-3B (qwen-research)"
    )
    # The permissive card does not make it vendor-drift material: its weights are not permissive.
    assert "vendor-drift" not in categories(evaluation)


def test_apache_finetune_of_llama_is_a_mismatch(ruleset: RuleSet) -> None:
    tuned = rec(
        "fixture-org/llama-3.1-8b-support-ft",
        ("meta-llama/Llama-3.1-8B-Instruct", "finetune"),
        license="apache-2.0",
    )
    llama = rec("meta-llama/Llama-3.1-8B-Instruct", license="llama3.1", gated="manual")
    evaluation, eff = run(ruleset, tuned.model, tuned, llama)
    # A fine-tune carries its own license plus its base's obligations.
    assert {i.label for i in eff.licenses} == {"apache-2.0", "llama3.1"}
    assert eff.category == "custom-restricted"
    assert eff.origin == ("meta-llama",)
    finding = only(evaluation, "license-mismatch")
    assert "llama3.1 (custom-restricted) from meta-llama/Llama-3.1-8B-Instruct" in finding.message


def test_finetune_declaring_the_same_license_is_not_a_mismatch(ruleset: RuleSet) -> None:
    tuned = rec("acme/llama-ft", ("meta-llama/Llama-3.1-8B", "finetune"), license="llama3.1")
    llama = rec("meta-llama/Llama-3.1-8B", license="llama3.1")
    evaluation, eff = run(ruleset, tuned.model, tuned, llama)
    assert eff.category == "custom-restricted"
    assert "license-mismatch" not in categories(evaluation)


def test_merge_of_apache_and_noncommercial_is_noncommercial(ruleset: RuleSet) -> None:
    merged = rec(
        "acme/merged",
        ("acme/apache-parent", None),
        ("acme/nc-parent", None),
        license="apache-2.0",
    )
    apache = rec("acme/apache-parent", license="apache-2.0")
    noncommercial = rec("acme/nc-parent", license="cc-by-nc-4.0")
    evaluation, eff = run(ruleset, merged.model, merged, apache, noncommercial)
    assert eff.category == "non-commercial"
    # Two bases and no declared relation: inferred as a merge, and said so.
    assert {(s.relation, s.relation_inferred) for s in eff.chain} == {("merge", True)}
    assert any("taken as merge" in note for note in eff.notes)
    assert eff.describe_chain(merged.model) == (
        "acme/merged <- inferred merge of acme/apache-parent (apache-2.0) + "
        "acme/nc-parent (cc-by-nc-4.0)"
    )
    assert (
        "cc-by-nc-4.0 (non-commercial) from acme/nc-parent"
        in only(evaluation, "license-mismatch").message
    )


@pytest.mark.parametrize(
    ("base", "status"),
    [
        (None, "not-looked-up"),
        (
            ModelRecord("acme/base", Source.HF, None, Status.UNAVAILABLE, reason="404"),
            "unavailable",
        ),
        (ModelRecord("acme/base", Source.HF, None, Status.UNVERIFIED, reason="503"), "unverified"),
    ],
)
def test_a_missing_ancestor_makes_the_license_unknown(
    ruleset: RuleSet, base: ModelRecord | None, status: str
) -> None:
    tuned = rec("acme/tuned", ("acme/base", "finetune"), license="apache-2.0")
    records = (tuned, base) if base is not None else (tuned,)
    evaluation, eff = run(ruleset, tuned.model, *records)
    assert (eff.category, eff.known_category, eff.complete) == ("unknown", "permissive", False)
    assert [(s.model, s.status) for s in eff.chain] == [("acme/base", status)]
    assert eff.origin == ("acme",)  # the gap is where the walk ends
    finding = only(evaluation, "provenance-unchecked")
    assert (finding.rule, finding.severity) == ("LC114", Severity.MEDIUM)
    assert f"acme/base ({status.replace('-', ' ')})" in finding.message
    assert finding.details["effective_license"]["complete"] is False
    assert "license-mismatch" not in categories(evaluation)  # a gap is not a stricter license


def test_a_gap_two_levels_up_is_found(ruleset: RuleSet) -> None:
    tuned = rec("acme/tuned", ("acme/mid", "finetune"), license="apache-2.0")
    mid = rec("acme/mid", ("nobody-here/vanished-model", "finetune"), license="apache-2.0")
    gone = ModelRecord("nobody-here/vanished-model", Source.HF, None, Status.UNAVAILABLE)
    evaluation, eff = run(ruleset, tuned.model, tuned, mid, gone)
    assert eff.category == "unknown"
    assert [(s.model, s.depth, s.status) for s in eff.chain] == [
        ("acme/mid", 1, "ok"),
        ("nobody-here/vanished-model", 2, "unavailable"),
    ]
    assert eff.origin == ("nobody-here",)
    assert "provenance-unchecked" in categories(evaluation)


def test_cycles_are_cut_not_followed(ruleset: RuleSet) -> None:
    a = rec("fixture-org/cycle-a", ("fixture-org/cycle-b", None), license="apache-2.0")
    b = rec("fixture-org/cycle-b", ("fixture-org/cycle-a", None), license="apache-2.0")
    evaluation, eff = run(ruleset, a.model, a, b)
    assert [(s.model, s.status) for s in eff.chain] == [
        ("fixture-org/cycle-b", "ok"),
        ("fixture-org/cycle-a", "cycle"),
    ]
    assert eff.category == "permissive" and eff.complete
    assert any("cycle" in note for note in eff.notes)
    assert eff.origin == ("fixture-org",)
    assert "cycle, not followed" in eff.describe_chain(a.model)
    selfish = rec("acme/self", ("acme/self", "finetune"), license="mit")
    _, own = run(ruleset, selfish.model, selfish)
    assert [(s.model, s.status) for s in own.chain] == [("acme/self", "cycle")]
    assert categories(evaluation) == set()  # pinned, permissive, no drifting publisher


def test_depth_cap_from_the_policy_file(tmp_path: Path) -> None:
    builtin = tmp_path / "rules"
    shutil.copytree(builtin_rules_dir(), builtin)
    policy = builtin / "provenance.toml"
    policy.write_text(policy.read_text().replace("max_depth = 16", "max_depth = 2"))
    capped = load_ruleset(builtin=builtin)
    chain = [rec(f"acme/m{i}", (f"acme/m{i + 1}", "finetune"), license="mit") for i in range(4)]
    chain.append(rec("acme/m4", license="mit"))
    _, eff = run(capped, "acme/m0", *chain)
    assert [(s.model, s.status) for s in eff.chain] == [
        ("acme/m1", "ok"),
        ("acme/m2", "ok"),
        ("acme/m3", "depth-limit"),
    ]
    assert eff.category == "unknown" and eff.known_category == "permissive"
    _, full = run(load_ruleset(), "acme/m0", *chain)
    assert full.complete and len(full.chain) == 4


def test_quantization_without_a_license_carries_its_base(ruleset: RuleSet) -> None:
    gguf = rec("someone/Mistral-7B-GGUF", ("mistralai/Mistral-7B-v0.3", None))
    base = rec("mistralai/Mistral-7B-v0.3", license="apache-2.0")
    evaluation, eff = run(ruleset, gguf.model, gguf, base)
    (step,) = eff.chain
    assert (step.relation, step.relation_inferred) == ("quantized", True)  # "gguf" in the name
    assert eff.category == "permissive"
    assert [m for m, _ in eff.sources] == ["mistralai/Mistral-7B-v0.3"]
    # Its own card still declares nothing: that is still a finding of its own.
    assert "license-unknown" in categories(evaluation)
    assert "license-mismatch" not in categories(evaluation)


def test_a_stricter_own_claim_on_a_quantization_still_counts(ruleset: RuleSet) -> None:
    gguf = rec("acme/model-awq", ("acme/base", "quantized"), license="cc-by-nc-4.0")
    base = rec("acme/base", license="apache-2.0")
    _, eff = run(ruleset, gguf.model, gguf, base)
    assert eff.category == "non-commercial"
    assert [m for m, _ in eff.sources] == ["acme/model-awq", "acme/base"]


def test_adapter_name_and_default_relation_are_inferred(ruleset: RuleSet) -> None:
    lora = rec("acme/helper-lora", ("acme/base", None), license="mit")
    plain = rec("acme/helper", ("acme/base", None), license="mit")
    base = rec("acme/base", license="mit")
    _, by_name = run(ruleset, lora.model, lora, base)
    _, default = run(ruleset, plain.model, plain, base)
    assert by_name.chain[0].relation == "adapter"
    assert default.chain[0].relation == "finetune"
    assert default.describe_chain(plain.model) == (
        "acme/helper <- inferred finetune of acme/base (mit)"
    )


def test_bases_resolve_by_id_whatever_the_key_case(ruleset: RuleSet) -> None:
    tuned = rec("acme/tuned", ("Acme/BASE", "finetune"), license="mit")
    base = rec("acme/base", license="gpl-3.0")
    _, eff = run(ruleset, tuned.model, tuned, base)
    assert eff.chain[0].status == "ok" and eff.category == "copyleft"


def test_effective_licenses_cover_ancestor_records_too(ruleset: RuleSet) -> None:
    tuned = rec("acme/tuned", ("acme/base", "finetune"), license="mit")
    base = rec("acme/base", license="mit")
    gone = ModelRecord("acme/gone", Source.HF, None, Status.UNAVAILABLE)
    evaluation, _ = run(ruleset, tuned.model, tuned, base, gone)
    assert set(evaluation.effective) == {replace(tuned, revision=SHA).key, base.key}
    assert evaluation.license_index[("mit", None)].spdx == "MIT"
