"""Evaluating the built-in rules over hand-built references and records."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from licheck.records import (
    Finding,
    ModelKey,
    ModelRecord,
    Reference,
    Severity,
    Source,
    Status,
)
from licheck.rules import Evaluation, RuleSet, evaluate, fingerprint, load_ruleset

SHA = "0123456789abcdef0123456789abcdef01234567"
H, M, L, INFO = Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.INFO
TODAY = dt.date(2026, 11, 29)  # vendor-drift recency counts from here


def ref(
    model: str,
    *,
    revision: str | None = SHA,
    source: Source = Source.HF,
    line: int = 3,
    suppressed: tuple[str, ...] = (),
) -> Reference:
    return Reference(
        "src/app.py",
        line,
        5,
        model,
        source,
        revision,
        "python:from_pretrained",
        suppressed,
    )


def rec(reference: Reference, status: Status = Status.OK, **facts: Any) -> ModelRecord:
    facts.setdefault("gated", False if status is Status.OK else None)
    facts.setdefault("sha", SHA if status is Status.OK else None)
    return ModelRecord(reference.model, reference.source, reference.revision, status, **facts)


def run(
    ruleset: RuleSet, reference: Reference, record: ModelRecord | None
) -> tuple[Evaluation, set[tuple[str, Severity]]]:
    records = {record.key: record} if record else {}
    evaluation = evaluate(ruleset, [reference], records, today=TODAY)
    return evaluation, {(f.category, f.severity) for f in evaluation.findings}


CASES: list[tuple[str, Reference, dict[str, Any] | None, set[tuple[str, Severity]]]] = [
    ("apache, clean publisher, pinned", ref("sentence-transformers/all-MiniLM-L6-v2"),
     {"license": "apache-2.0"}, set()),
    ("mit deepseek, pinned", ref("deepseek-ai/DeepSeek-R1"), {"license": "mit"}, set()),
    # Unpinned, lock and family unknown, a closing move this year: the drift score says high.
    ("apache from a drifting publisher", ref("Qwen/Qwen2.5-7B-Instruct", revision=None),
     {"license": "apache-2.0"}, {("vendor-drift", H), ("unpinned", L)}),
    ("public domain from a drifting publisher", ref("xai-org/some-cc0-model"),
     {"license": "cc0-1.0"}, {("vendor-drift", M)}),
    ("research-only on a branch", ref("Qwen/Qwen2.5-3B-Instruct", revision="main"),
     {"license": "other", "license_name": "qwen-research"},
     {("license-noncommercial", H), ("unpinned", L)}),
    ("qwen license", ref("Qwen/Qwen2.5-72B-Instruct"),
     {"license": "other", "license_name": "qwen"}, {("license-restricted", H)}),
    ("llama, gated manual", ref("meta-llama/Llama-3.1-8B-Instruct"),
     {"license": "llama3.1", "gated": "manual"}, {("license-restricted", H), ("gated", L)}),
    ("gated without a mode counts as manual", ref("meta-llama/Llama-3.2-1B"),
     {"license": "llama3.2", "gated": True}, {("license-restricted", H), ("gated", L)}),
    ("apache, gated auto, drifting", ref("mistralai/Mistral-7B-Instruct-v0.3"),
     {"license": "apache-2.0", "gated": "auto"}, {("vendor-drift", M), ("gated", INFO)}),
    ("non-commercial, gated auto", ref("CohereForAI/c4ai-command-r-v01"),
     {"license": "cc-by-nc-4.0", "gated": "auto"}, {("license-noncommercial", H), ("gated", INFO)}),
    ("license unknown, gated", ref("tiiuae/falcon-180B"),
     {"license": "unknown", "gated": "manual"}, {("license-unknown", H), ("gated", L)}),
    ("other with an unknown name", ref("acme/model"),
     {"license": "other", "license_name": "acme-eula"}, {("license-unknown", H)}),
    ("no license at all", ref("acme/model"), {}, {("license-unknown", H)}),
    ("cc family", ref("acme/model"), {"license": "cc"}, {("license-unknown", H)}),
    ("copyleft", ref("acme/model"), {"license": "gpl-3.0"}, {("license-copyleft", M)}),
    ("weak copyleft", ref("acme/model"), {"license": "mpl-2.0"}, {("license-copyleft", L)}),
    ("no derivatives", ref("acme/model"), {"license": "cc-by-nd-4.0"},
     {("license-restricted", H)}),
    ("pull request revision", ref("acme/model", revision="refs/pr/3"),
     {"license": "mit"}, {("unpinned", M)}),
    ("short sha", ref("acme/model", revision="0123abc"), {"license": "mit"}, {("unpinned", INFO)}),
    ("url source behaves like hf", ref("acme/model", source=Source.URL, revision=None),
     {"license": "mit"}, {("unpinned", L)}),
    ("unavailable", ref("nobody-here/vanished-model"),
     {"status": Status.UNAVAILABLE, "reason": "repository not found"}, {("unavailable", H)}),
    ("unverified", ref("Qwen/Qwen2.5-7B-Instruct"),
     {"status": Status.UNVERIFIED, "reason": "offline, not in cache"}, {("unverified", M)}),
    ("answered by a stale facts bundle", ref("acme/model"),
     {"license": "mit", "facts_source": "facts bundle org.json",
      "recorded_at": "2026-01-01T00:00:00Z", "facts_stale": True}, {("unverified", M)}),
    ("answered by a fresh facts bundle", ref("acme/model"),
     {"license": "mit", "facts_source": "facts bundle org.json",
      "recorded_at": "2026-12-01T00:00:00Z", "facts_stale": False}, set()),
    ("hub reference without a record", ref("acme/model"), None, {("unverified", M)}),
    ("hub record marked not-resolved", ref("acme/model"),
     {"status": Status.NOT_RESOLVED}, {("unverified", M)}),
    ("ollama from a drifting publisher", ref("qwen2.5:7b", source=Source.OLLAMA, revision=None),
     None, {("unverified", M), ("vendor-drift", M)}),
    ("ollama from a steady publisher", ref("llama3.1:8b", source=Source.OLLAMA, revision=None),
     None, {("unverified", M)}),
    ("ollama, unknown publisher", ref("llava:7b", source=Source.OLLAMA, revision=None),
     None, {("unverified", M)}),
    ("local path", ref("./checkpoints/model", source=Source.LOCAL, revision=None),
     None, {("unverified", INFO)}),
    ("template from a drifting publisher",
     ref("Qwen/Qwen2.5-{size}-Instruct", source=Source.FAMILY, revision=None),
     None, {("unverified", M), ("vendor-drift", M)}),
    ("template from an unknown publisher",
     ref("acme/model-{size}", source=Source.FAMILY, revision=None), None, {("unverified", M)}),
]  # fmt: skip


@pytest.mark.parametrize(("reference", "facts", "expected"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])  # fmt: skip
def test_categories_and_severities(
    ruleset: RuleSet,
    reference: Reference,
    facts: dict[str, Any] | None,
    expected: set[tuple[str, Severity]],
) -> None:
    record = rec(reference, **facts) if facts is not None else None
    evaluation, found = run(ruleset, reference, record)
    assert found == expected
    assert len(evaluation.findings) == len(expected)  # one finding per firing rule


@pytest.mark.parametrize(
    ("status", "license_id", "gated", "revision"),
    list(
        itertools.product(
            [Status.UNVERIFIED, Status.UNAVAILABLE],
            ["apache-2.0", "other", None],
            [False, "manual", None],
            [SHA, None],
        )
    ),
)
def test_unresolved_records_never_come_out_clean(
    ruleset: RuleSet, status: Status, license_id: str | None, gated: Any, revision: str | None
) -> None:
    # Stale facts on an unresolved record (say, from an old cache row) must not be trusted.
    reference = ref("Qwen/Qwen2.5-7B-Instruct", revision=revision)
    record = rec(reference, status, license=license_id, gated=gated, reason="x")
    evaluation, found = run(ruleset, reference, record)
    categories = {category for category, _ in found}
    assert status.value in categories
    assert not {c for c in categories if c.startswith("license-") or c in ("gated", "vendor-drift")}
    assert evaluation.licenses == {}


@pytest.mark.parametrize(
    ("model", "source"),
    [
        ("qwen2.5:7b", Source.OLLAMA),
        ("llama3.1", Source.OLLAMA),
        ("someone/custom", Source.OLLAMA),
        ("acme/model-{size}", Source.FAMILY),
        ("./weights", Source.LOCAL),
    ],
)
def test_non_hub_sources_never_come_out_clean(ruleset: RuleSet, model: str, source: Source) -> None:
    reference = ref(model, source=source, revision=None)
    # Even a record claiming "ok" cannot make a non-Hub reference verified by the Hub.
    record = rec(reference, Status.OK, license="mit")
    for records in ({}, {record.key: record}):
        categories = {f.category for f in evaluate(ruleset, [reference], records).findings}
        assert "unverified" in categories


def test_licenses_are_classified_for_resolved_records_only(ruleset: RuleSet) -> None:
    ok = ref("Qwen/Qwen2.5-3B-Instruct")
    gone = ref("nobody/gone")
    records = {
        ok.key: rec(ok, license="other", license_name="qwen-research", license_link="LICENSE"),
        gone.key: rec(gone, Status.UNAVAILABLE, license="mit"),
    }
    evaluation = evaluate(ruleset, [ok, gone], records)
    assert set(evaluation.licenses) == {ok.key}
    info = evaluation.licenses[ModelKey("Qwen/Qwen2.5-3B-Instruct", Source.HF, SHA)]
    assert (info.category, info.spdx, info.link) == (
        "research-only",
        "LicenseRef-qwen-research",
        "LICENSE",
    )


def _findings(ruleset: RuleSet, reference: Reference, **facts: Any) -> tuple[Finding, ...]:
    record = rec(reference, **facts)
    return evaluate(ruleset, [reference], {record.key: record}).findings


@pytest.mark.parametrize(
    ("suppressed", "left"),
    [
        ((), {"LC102", "LC302"}),
        (("LC102",), {"LC302"}),
        (("lc102",), {"LC302"}),
        (("license-research-only",), {"LC302"}),
        (("LC102", "branch-revision"), set()),
        (("*",), set()),
        (("LC999",), {"LC102", "LC302"}),
    ],
)
def test_suppression(ruleset: RuleSet, suppressed: tuple[str, ...], left: set[str]) -> None:
    reference = ref("Qwen/Qwen2.5-3B", revision="main", suppressed=suppressed)
    record = rec(reference, license="other", license_name="qwen-research")
    evaluation = evaluate(ruleset, [reference], {record.key: record})
    assert {f.rule for f in evaluation.findings} == left
    assert {f.rule for f in evaluation.suppressed} == {"LC102", "LC302"} - left


def test_fingerprint_ignores_the_line_but_not_the_reference(ruleset: RuleSet) -> None:
    base = ref("Qwen/Qwen2.5-3B", revision="main")
    moved = replace(base, line=40, column=1)
    assert fingerprint("LC102", base) == fingerprint("LC102", moved)
    facts = {"license": "other", "license_name": "qwen-research"}
    before = {f.rule: f.fingerprint for f in _findings(ruleset, base, **facts)}
    after = {f.rule: f.fingerprint for f in _findings(ruleset, moved, **facts)}
    assert before == after
    assert len(set(before.values())) == len(before)
    assert all(len(fp) == 16 and int(fp, 16) >= 0 for fp in before.values())
    others = [
        replace(base, path="src/other.py"),
        replace(base, revision="v2"),
        replace(base, model="Qwen/Qwen2.5-1.5B"),
        replace(base, context="yaml:base_model"),
    ]
    assert all(fingerprint("LC102", o) != fingerprint("LC102", base) for o in others)
    assert fingerprint("LC101", base) != fingerprint("LC102", base)


def test_vendor_drift_message_cites_latest_event(ruleset: RuleSet) -> None:
    (finding,) = [
        f
        for f in _findings(ruleset, ref("Qwen/Qwen2.5-7B-Instruct"), license="apache-2.0")
        if f.category == "vendor-drift"
    ]
    assert finding.rule == "LC401"
    assert "2026-04-20" in finding.message and "Qwen3.6-Max-Preview" in finding.message
    assert "Pin the commit sha" in finding.message and "preserve the files" in finding.message
    events = finding.details["vendor_events"]
    assert events[0]["date"] == "2026-04-20"
    assert all(e["kind"] != "open-release" for e in events)
    assert finding.details["vendor"] == "qwen"
    assert finding.details["category"] == "permissive"


def test_finding_fields_and_details(ruleset: RuleSet) -> None:
    reference = ref("Qwen/Qwen2.5-3B-Instruct", revision="main", line=14)
    findings = _findings(ruleset, reference, license="other", license_name="qwen-research")
    by_rule = {f.rule: f for f in findings}
    lic = by_rule["LC102"]
    assert (lic.name, lic.path, lic.line, lic.column) == (
        "license-research-only",
        "src/app.py",
        14,
        5,
    )
    assert lic.model == "Qwen/Qwen2.5-3B-Instruct"
    assert "qwen-research" in lic.message and "research-only" in lic.message
    assert lic.advice
    assert lic.details["spdx"] == "LicenseRef-qwen-research"
    assert lic.details["status"] == "ok"
    pin = by_rule["LC302"]
    assert pin.details["pin"] == "branch" and pin.details["revision"] == "main"
    assert "'main'" in pin.message and SHA in pin.advice


def test_messages_have_no_leftover_braces_or_double_spaces(ruleset: RuleSet) -> None:
    references = [ref(m, revision=None) for m in ("acme/a", "Qwen/b", "meta-llama/c", "acme/d")]
    licenses = ["gpl-3.0", "apache-2.0", "llama3", None]
    records = {
        r.key: rec(r, license=lic, gated="auto")
        for r, lic in zip(references, licenses, strict=True)
    }
    references.append(ref("qwen3:8b", source=Source.OLLAMA, revision=None))
    evaluation = evaluate(ruleset, references, records)
    assert len(evaluation.findings) >= 10
    for finding in evaluation.findings:
        for text in (finding.message, finding.advice):
            assert "{" not in text and "}" not in text and "  " not in text
            assert text == text.strip()


def test_findings_are_sorted_most_severe_first(ruleset: RuleSet) -> None:
    refs = [
        replace(ref("acme/b", revision=None), path="b.py"),
        replace(ref("acme/a", revision="main"), path="a.py"),
        replace(ref("Qwen/x"), path="a.py", line=1),
    ]
    records = {
        refs[0].key: rec(refs[0], license="mit"),
        refs[1].key: rec(refs[1], license="mit"),
        refs[2].key: rec(refs[2], license="other", license_name="qwen-research"),
    }
    findings = evaluate(ruleset, refs, records).findings
    keys = [(-f.severity.rank, f.path or "", f.line or 0, f.rule) for f in findings]
    assert keys == sorted(keys)
    assert findings[0].severity is Severity.HIGH
    assert [f.path for f in findings if f.severity is Severity.LOW] == ["a.py", "b.py"]


def test_team_pack_predicates_docs_and_open_gate(tmp_path: Path) -> None:
    (tmp_path / "team.toml").write_text(
        '[[rule]]\nid = "TEAM001"\nname = "open-model-in-docs"\nseverity = "info"\n'
        'category = "team-policy"\nsummary = "s"\nhelp = "h"\nmessage = "{model} in {path}"\n'
        'advice = "a"\nwhen = { docs = true, gated = false }\n'
    )
    ruleset = load_ruleset([tmp_path])
    in_docs = replace(ref("acme/open"), path="README.md", docs=True)
    in_code = ref("acme/open")
    gate_unknown = replace(ref("acme/unknown-gate"), path="README.md", docs=True)
    records = {
        in_docs.key: rec(in_docs, license="mit"),
        gate_unknown.key: rec(gate_unknown, license="mit", gated=None),
    }
    findings = evaluate(ruleset, [in_docs, in_code, gate_unknown], records).findings
    team = [f for f in findings if f.rule == "TEAM001"]
    assert [(f.model, f.message) for f in team] == [("acme/open", "acme/open in README.md")]
