"""The indexed, shared evaluation gives exactly the findings of testing every rule on a fresh
context per reference."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

from licheck import lock
from licheck.records import Finding, ModelKey, ModelRecord, Reference, Source, Status
from licheck.rules import RuleSet, build_context, evaluate, knowledge
from licheck.rules.evaluation import is_suppressed
from licheck.rules.findings import make_finding
from licheck.rules.gather import Knowledge
from licheck.rules.matching import RuleIndex
from licheck.rules.ruleset import load_ruleset
from tests.test_rules_evaluation import CASES, TODAY, rec


def _references() -> list[Reference]:
    # Every case, and each again elsewhere, in docs, unpinned and suppressed: references to the
    # same model must share its facts but keep their own place, pin and ignores.
    out: list[Reference] = []
    for _name, reference, _facts, _expected in CASES:
        out.append(reference)
        out.append(replace(reference, path="docs/other.md", line=9, docs=True))
        out.append(replace(reference, path="b.py", line=1, suppressed=("*",)))
        out.append(replace(reference, revision="main", line=2))
    return out


def _records(references: list[Reference]) -> dict[ModelKey, ModelRecord]:
    records: dict[ModelKey, ModelRecord] = {}
    for _name, reference, facts, _expected in CASES:
        if facts is not None:
            record = rec(reference, **facts)
            records[record.key] = record
    records.update({k: replace(v, status=Status.UNAVAILABLE) for k, v in list(records.items())[:2]})
    return records


def _naive(ruleset: RuleSet, references: list[Reference], know: Knowledge) -> list[Finding]:
    out = []
    for ref in references:
        ctx = build_context(know, ref)
        out += [
            make_finding(rule, ctx)
            for rule in ruleset.rules
            if rule.matches(ctx) and not is_suppressed(ref, rule)
        ]
    return out


def test_same_findings_as_every_rule_on_every_fresh_context(ruleset: RuleSet) -> None:
    references = _references()
    records = _records(references)
    evaluation = evaluate(
        ruleset, references, records, today=TODAY, locked=lambda r: r.line % 2 == 0
    )
    know = knowledge(ruleset, records, today=TODAY, locked=lambda r: r.line % 2 == 0)
    expected = _naive(ruleset, references, know)
    assert len(expected) > len(CASES)
    assert sorted(evaluation.findings, key=repr) == sorted(expected, key=repr)
    assert {f.path for f in evaluation.findings} >= {"docs/other.md", "src/app.py"}


def test_index_admits_exactly_the_rules_that_match(ruleset: RuleSet) -> None:
    references = _references()
    records = _records(references)
    know = knowledge(ruleset, records, today=TODAY)
    index = RuleIndex(ruleset.rules)
    seen = set()
    for ref in references + [replace(r, source=Source.LOCAL) for r in references]:
        ctx = build_context(know, ref)
        seen.add(index.facts(ctx))
        assert index.matching(ctx) == [rule for rule in ruleset.rules if rule.matches(ctx)]
    assert len(seen) > 5  # the index was asked about several fact combinations


def test_verdicts_judged_once_per_model_are_the_findings_of_each_reference(
    tmp_path: Path,
) -> None:
    # The scan's way: lock facts from a LockView, so each model as written is judged once and
    # each finding placed at its reference. The team pack's rules tell documentation from
    # code, and one of its templates names the place.
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "team.toml").write_text(
        _team_rule("TEAM001", "in-docs", "{model} at {path}:{line}", "true")
        + _team_rule("TEAM002", "in-code", "{model} in code", "false")
    )
    rules = load_ruleset([tmp_path / "rules"])
    references = _references()
    records = _records(references)
    keys = sorted({ref.key for ref in references if ref.line % 2 == 0})
    now = datetime(2026, 12, 1, tzinfo=timezone.utc)
    entries = [lock.entry_for(k, records.get(k) or rec_of(k), None, None, now) for k in keys]
    lock.write(tmp_path / lock.LOCK_NAME, entries)
    view = lock.view(tmp_path, references, records, enforce=True, whole_tree=False)
    evaluation = evaluate(rules, references, records, today=TODAY, lock=view)
    expected = _naive(rules, references, knowledge(rules, records, today=TODAY, lock=view))
    assert len(expected) > len(CASES)
    assert sorted(evaluation.findings, key=repr) == sorted(expected, key=repr)
    # Half the models are locked: the lock rules fire on the other half only.
    states = {tuple(f.details["lock"]) for f in evaluation.findings if "lock" in f.details}
    assert keys and states == {("unlocked",)}
    team = {f.rule: f for f in evaluation.findings if f.rule.startswith("TEAM")}
    assert team["TEAM001"].message.endswith(f"at docs/other.md:{team['TEAM001'].line}")
    assert team["TEAM002"].path != "docs/other.md"


def _team_rule(rule_id: str, name: str, message: str, docs: str) -> str:
    return (
        f'[[rule]]\nid = "{rule_id}"\nname = "{name}"\nseverity = "info"\n'
        f'category = "team-policy"\nsummary = "s"\nhelp = "h"\nmessage = "{message}"\n'
        f'advice = "a"\nwhen = {{ docs = {docs} }}\n'
    )


def rec_of(key: ModelKey) -> ModelRecord:
    return ModelRecord(key.model, key.source, key.revision, Status.NOT_RESOLVED)
