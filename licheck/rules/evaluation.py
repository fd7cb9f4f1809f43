"""Evaluating a rule set over references and their resolved records.

``evaluate`` classifies each resolved record's license, derives every record's effective license
from its ``base_model`` chain, builds a ``Context`` per reference (``gather``) and emits one
``Finding`` per (rule, reference) whose conditions all hold. A rule with a ``score`` takes its
severity from that scorer. A Hub reference without a record counts as unverified, never as
fine. This module does no I/O and never changes the records it is given.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from licheck.lock import LockView
from licheck.records import (
    EffectiveLicense,
    Finding,
    LicenseInfo,
    ModelKey,
    ModelRecord,
    Reference,
    Severity,
    Status,
)
from licheck.rules import drift
from licheck.rules.context import Context
from licheck.rules.findings import make_finding
from licheck.rules.gather import Knowledge, LockLookup
from licheck.rules.matching import Contexts, RuleIndex, Verdicts
from licheck.rules.pack import Rule
from licheck.rules.provenance.chain import RecordIndex, effective_license
from licheck.rules.ruleset import RuleSet
from licheck.rules.taxonomy import Taxonomy

SUPPRESS_ALL = "*"
LicensePair = tuple[str | None, str | None]


@dataclass(frozen=True)
class Evaluation:
    """Findings (most severe first), the classified license of every resolved record, and its
    effective license with chain and origin.

    ``suppressed`` keeps the findings an inline ignore silenced, so a report can count them.
    ``license_index`` classifies every (license, license_name) pair seen in records, their
    histories and families, so a report can show past and sibling licenses.
    """

    findings: tuple[Finding, ...]
    licenses: dict[ModelKey, LicenseInfo]
    suppressed: tuple[Finding, ...] = field(default=())
    effective: dict[ModelKey, EffectiveLicense] = field(default_factory=dict)
    license_index: dict[LicensePair, LicenseInfo] = field(default_factory=dict)


def evaluate(
    ruleset: RuleSet,
    references: Sequence[Reference],
    records: Mapping[ModelKey, ModelRecord],
    *,
    today: dt.date | None = None,
    locked: LockLookup | None = None,
    lock: LockView | None = None,
) -> Evaluation:
    """Run every rule on every reference.

    ``today`` is the day event recency counts from (default: ``drift.today()``); ``locked``
    tells whether a reference is in licheck.lock or preserved (None: unknown, which counts as
    exposed). ``lock`` is the comparison with licheck.lock: it supersedes ``locked`` and adds
    the lock states the ``lock`` predicate reads, plus findings for unused lock entries.
    """
    know = knowledge(ruleset, records, today=today, locked=locked, lock=lock)
    findings: list[Finding] = []
    suppressed: list[Finding] = []
    index, contexts = RuleIndex(ruleset.rules), Contexts(know)
    verdicts = Verdicts(index, contexts) if know.locked is None else None
    for ref in references:
        if verdicts is not None:
            placed = verdicts.findings(ref)
            if not ref.suppressed:  # nearly every reference: no ignore comment to consult
                findings.extend(finding for _, finding in placed)
                continue
            for rule, finding in placed:
                (suppressed if is_suppressed(ref, rule) else findings).append(finding)
            continue
        ctx = contexts.context(ref)
        matched = index.matching(ctx)
        if not matched:
            continue
        values = contexts.fields(ctx)
        for rule in matched:
            finding = make_finding(rule, ctx, values)
            (suppressed if is_suppressed(ref, rule) else findings).append(finding)
    if lock is not None:
        findings.extend(_unused_entries(ruleset, know, lock))
    return Evaluation(
        _sorted(findings),
        dict(know.licenses),
        _sorted(suppressed),
        dict(know.effective),
        license_index(records, ruleset.taxonomy),
    )


def knowledge(
    ruleset: RuleSet,
    records: Mapping[ModelKey, ModelRecord],
    *,
    today: dt.date | None = None,
    locked: LockLookup | None = None,
    lock: LockView | None = None,
) -> Knowledge:
    """Classify every resolved record and derive its effective license (once per run).

    ``build_context(knowledge(...), ref)`` gives the context ``evaluate`` uses for ``ref``;
    ``licheck explain`` uses it to show the same facts.
    """
    taxonomy = ruleset.taxonomy
    licenses = {
        key: taxonomy.classify(rec.license, rec.license_name, rec.license_link)
        for key, rec in records.items()
        if rec.status is Status.OK
    }
    index = RecordIndex(records)
    effective = {
        key: effective_license(rec, index, licenses, taxonomy, ruleset.provenance.relations)
        for key, rec in records.items()
        if rec.status is Status.OK and key.source.on_hub
    }
    return Knowledge(
        ruleset, records, licenses, index, effective, today or drift.today(), locked, lock
    )


def _unused_entries(ruleset: RuleSet, know: Knowledge, lock: LockView) -> list[Finding]:
    """Findings for lock entries no reference uses, located at their line in the lock file.

    Only rules that test the ``lock`` predicate apply: there is no live reference for the
    other rules to judge.
    """
    out: list[Finding] = []
    for entry in lock.diff.unused:
        ref = Reference(
            lock.path,
            max(entry.line, 1),
            1,
            entry.model,
            entry.source,
            entry.revision,
            context="lock:unused",
        )
        record = ModelRecord(
            entry.model,
            entry.source,
            entry.revision,
            Status.NOT_RESOLVED,
            reason="listed in licheck.lock only",
        )
        ctx = Context(
            ref,
            record,
            lock_states=("unused",),
            lock_entry=entry,
            locked=True,
            taxonomy=ruleset.taxonomy,
            vendors_file=ruleset.vendors,
            today=know.today,
        )
        for rule in ruleset.rules:
            if any(c.predicate == "lock" for c in rule.conditions) and rule.matches(ctx):
                out.append(make_finding(rule, ctx))
    return out


def license_index(
    records: Mapping[ModelKey, ModelRecord], taxonomy: Taxonomy
) -> dict[LicensePair, LicenseInfo]:
    """Every (license, license_name) pair of the records, histories and families, classified."""
    pairs: dict[LicensePair, None] = {}
    for rec in records.values():
        if rec.status is not Status.OK:
            continue
        pairs[(rec.license, rec.license_name)] = None
        for entry in rec.history or ():
            pairs[(entry.license, entry.license_name)] = None
        for member in rec.family or ():
            pairs[(member.license, member.license_name)] = None
    return {pair: taxonomy.classify(*pair) for pair in pairs}


def is_suppressed(ref: Reference, rule: Rule) -> bool:
    """Whether an inline ignore on the reference names this rule (by id, name or category)
    or ``*``."""
    if not ref.suppressed:
        return False
    names = {rule.id.lower(), rule.name, rule.category, SUPPRESS_ALL}
    return any(token.strip().lower() in names for token in ref.suppressed)


def unknown_suppressions(ruleset: RuleSet, references: Sequence[Reference]) -> list[str]:
    """``path:line: name`` for every inline ignore naming no rule, rule name or category.

    A misspelt ignore would otherwise silence nothing without anyone noticing.
    """
    known = {SUPPRESS_ALL}
    for rule in ruleset.rules:
        known |= {rule.id.lower(), rule.name, rule.category}
    return [
        f"{ref.path}:{ref.line}: {token.strip()}"
        for ref in references
        for token in ref.suppressed
        if token.strip().lower() not in known
    ]


def _sorted(findings: list[Finding]) -> tuple[Finding, ...]:
    return tuple(sorted(findings, key=order_key))


# Severity.rank negated, looked up without the property: the key is made for every finding.
_DESCENDING = {severity: -severity.rank for severity in Severity}


def order_key(f: Finding) -> tuple[int, str, int, str, int, str]:
    """The engine's order of findings: most severe first, then by place, rule and model."""
    return (_DESCENDING[f.severity], f.path or "", f.line or 0, f.rule, f.column or 0, f.model)
