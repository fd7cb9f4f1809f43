"""The shortcuts the rules and report stages take for speed give what the plain ways give: a
finding set up field by field is the constructor's, a policy that changes nothing keeps the
engine's order, references sort by ``Reference.order`` as by ``<``, cached keys follow their
fields, the lazy SARIF log is the plain one, and Markdown escapes as the regular expression did.
"""

from __future__ import annotations

import json
import re
from dataclasses import fields, replace
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from licheck.policy.apply import apply_policy
from licheck.policy.parse import ProjectPolicy
from licheck.records import Finding, ModelKey, PinKind, Reference, Severity, Source
from licheck.report.markdown import escape
from licheck.report.sarif import render_sarif, to_sarif
from licheck.rules import evaluate
from licheck.rules.findings import build, finding_at, fingerprint, identity, placed
from licheck.rules.ruleset import load_ruleset
from tests.test_report_formats import example_report
from tests.test_rules_evaluation import TODAY
from tests.test_rules_matching import _records, _references

RULESET = load_ruleset()
REFS = [
    Reference("a.py", 3, 7, "Qwen/Qwen2.5-7B", context="python:from_pretrained"),
    Reference("b/c.yaml", 1, 1, "org/m", revision="A" * 40, context="yaml:base_model"),
    Reference("a.py", 3, 7, "Qwen/Qwen2.5-7B", revision="refs/pr/1"),
    Reference("Modelfile", 1, 6, "llama3.2", Source.OLLAMA),
]


def test_a_placed_finding_is_the_one_the_constructor_makes() -> None:
    rule = RULESET.rules[0]
    for ref in REFS:
        for severity in Severity:
            details = {"model": ref.model, "nested": {"k": [1]}}
            fast = placed(rule, ref, "message", "advice", details, severity)
            slow = finding_at(rule, ref, "message", "advice", dict(details), severity)
            assert fast == slow and vars(fast) == vars(slow) and repr(fast) == repr(slow)
            assert list(vars(fast)) == [f.name for f in fields(Finding)]
            assert fast.details == details and fast.details is not details
            parts = (rule.id, ref.model, ref.path, ref.revision or "", ref.context)
            assert fast.fingerprint == fingerprint(rule.id, ref) == identity(parts)
            made = build(
                rule,
                model=ref.model,
                message="message",
                advice="advice",
                path=ref.path,
                line=ref.line,
                column=ref.column,
                fingerprint=identity(parts),
                details=details,
                severity=severity,
            )
            assert fast == made


def test_a_policy_that_changes_nothing_keeps_the_engine_order() -> None:
    references = _references()
    evaluation = evaluate(RULESET, references, _records(references), today=TODAY)
    policy = ProjectPolicy()
    sorted_again = apply_policy(evaluation, references, RULESET, policy, today=TODAY)
    trusted = apply_policy(evaluation, references, RULESET, policy, today=TODAY, ordered=True)
    assert trusted.findings == sorted_again.findings == evaluation.findings
    assert len(evaluation.findings) > 10
    # Not ordered, the findings are sorted (a caller may hand them in any order).
    shuffled = replace(evaluation, findings=tuple(reversed(evaluation.findings)))
    assert apply_policy(shuffled, references, RULESET, policy, today=TODAY).findings == (
        evaluation.findings
    )


def test_references_sort_by_their_order_key_as_by_less_than() -> None:
    refs = [*REFS, *_references()]
    refs += [replace(r, column=r.column + 1) for r in refs[:5]]
    assert sorted(refs, key=Reference.order) == sorted(refs)
    assert [id(r) for r in sorted(refs, key=Reference.order)] == [id(r) for r in sorted(refs)]


def test_cached_keys_and_pins_follow_the_fields() -> None:
    ref = REFS[1]
    assert ref.key == ModelKey("org/m", Source.HF, "a" * 40) and ref.pin is PinKind.COMMIT
    moved = replace(ref, revision="main")
    assert moved.key == ModelKey("org/m", Source.HF, "main") and moved.pin is PinKind.BRANCH
    assert ref == replace(ref) and hash(ref) == hash(replace(ref))
    assert "key" not in {f.name for f in fields(Reference)}


def test_the_lazy_sarif_log_is_the_plain_one() -> None:
    report = example_report()
    bundled = tuple(
        replace(m, facts_source="facts.json", recorded_at="2026-12-01T00:00:00Z") if i % 2 else m
        for i, m in enumerate(report.models)
    )
    for one in (report, replace(report, models=bundled)):
        text = render_sarif(one)
        assert text == json.dumps(to_sarif(one), indent=2, ensure_ascii=False) + "\n"
    assert "factsSource" in render_sarif(replace(report, models=bundled))


_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~@$])")


def _escape_as_before(text: str) -> str:
    from licheck.report.safe_text import visible

    flat = visible(" ".join(text.split()))
    flat = flat.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _SPECIAL.sub(r"\\\1", flat)


@given(st.text(alphabet=st.sampled_from("\\`*_{}[]()#+!|~@$&<>; a\né\x1b"), max_size=30))
def test_markdown_escapes_as_the_regular_expression_did(text: str) -> None:
    assert escape(text) == _escape_as_before(text)


def test_the_ml_bom_is_written_as_by_two_passes_and_registered_dependencies() -> None:
    import hashlib
    import uuid
    from datetime import datetime, timezone

    from cyclonedx.output.json import JsonV1Dot6

    from licheck.report import cyclonedx

    when = datetime(2026, 12, 6, tzinfo=timezone.utc)
    report = example_report()
    bom = cyclonedx.build_bom(report, timestamp=when)
    # The library's own way of saying the project depends on every model.
    slow = cyclonedx.build_bom(report, timestamp=when)
    slow.dependencies.clear()
    project = slow.metadata.component
    assert project is not None
    slow.register_dependency(project, slow.components)
    assert list(bom.dependencies) == list(slow.dependencies) and len(bom.dependencies) > 3
    # The serial is a hash of the draft; the document is written again with it set.
    slow.serial_number = uuid.UUID(int=0)
    draft = JsonV1Dot6(slow).output_as_string(indent=2)
    digest = hashlib.sha256(draft.encode()).hexdigest()
    slow.serial_number = uuid.uuid5(cyclonedx._SERIAL_NAMESPACE, digest)
    want = JsonV1Dot6(slow).output_as_string(indent=2) + "\n"
    assert cyclonedx.render_cyclonedx(report, timestamp=when) == want
    assert str(slow.serial_number) in want


def test_template_fields_made_later_are_the_context_fields() -> None:
    from licheck.rules import FIELDS, knowledge
    from licheck.rules.findings import render
    from licheck.rules.matching import LATER, Contexts

    references = _references()
    contexts = Contexts(knowledge(RULESET, _records(references), today=TODAY))
    for ref in references:
        ctx = contexts.context(ref)
        full = ctx.fields()
        assert set(full) == set(FIELDS)
        lazy = contexts.fields(ctx)
        assert LATER and not LATER & set(lazy)  # not made yet
        for rule in RULESET.rules:
            for template in (rule.message, rule.advice):
                assert render(template, lazy) == render(template, full)
        assert {name: lazy[name] for name in FIELDS} == full
        assert set(lazy) >= LATER  # made once asked for
        placed_too = contexts.fields(ctx) | {"path": "elsewhere.py"}
        assert {name: placed_too[name] for name in FIELDS} == full | {"path": "elsewhere.py"}


def test_fields_made_later_come_from_the_models_first_context() -> None:
    # A lock callback may answer each reference differently; the model's fields were always
    # made from its first context, and those made later must be too, even when a later
    # reference is the first to ask for them.
    from licheck.rules import FIELDS, knowledge
    from licheck.rules.matching import LATER, Contexts

    def locked(ref: Reference) -> bool | None:
        return None if ref.line % 2 else True

    references = _references()
    contexts = Contexts(knowledge(RULESET, _records(references), today=TODAY, locked=locked))
    made = []
    for ref in references:
        ctx = contexts.context(ref)
        made.append((ref, ctx, contexts.fields(ctx)))
    firsts: dict[tuple[str, Source, str | None], Any] = {}
    for ref, ctx, _ in made:
        firsts.setdefault((ref.model, ref.source, ref.revision), ctx)
    differs = 0
    for ref, ctx, lazy in reversed(made):
        first = firsts[(ref.model, ref.source, ref.revision)]
        want = first.model_fields() | ctx.reference_fields()
        assert {name: lazy[name] for name in FIELDS} == want
        differs += any(want[name] != ctx.fields()[name] for name in LATER)
    assert differs  # some model's references do read differently on their own
