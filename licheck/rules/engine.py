"""Evaluating a rule set over references and their resolved records.

``evaluate`` classifies each resolved record's license, builds a ``Context`` per reference and
emits one ``Finding`` per (rule, reference) whose conditions all hold. A Hub reference without
a record counts as unverified, never as fine. This module does no I/O and never changes the
records it is given.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from licheck.models import Finding, LicenseInfo, ModelKey, ModelRecord, Reference, Status
from licheck.rules.context import Context
from licheck.rules.pack import Rule
from licheck.rules.ruleset import RuleSet

SUPPRESS_ALL = "*"


@dataclass(frozen=True)
class Evaluation:
    """Findings (most severe first) and the classified license of every resolved record.

    ``suppressed`` keeps the findings an inline ignore silenced, so a report can count them.
    """

    findings: tuple[Finding, ...]
    licenses: dict[ModelKey, LicenseInfo]
    suppressed: tuple[Finding, ...] = field(default=())


def evaluate(
    ruleset: RuleSet, references: Sequence[Reference], records: Mapping[ModelKey, ModelRecord]
) -> Evaluation:
    """Run every rule on every reference."""
    licenses = {
        key: ruleset.taxonomy.classify(rec.license, rec.license_name, rec.license_link)
        for key, rec in records.items()
        if rec.status is Status.OK
    }
    findings: list[Finding] = []
    suppressed: list[Finding] = []
    for ref in references:
        ctx = _context(ruleset, ref, records, licenses)
        for rule in ruleset.rules:
            if not rule.matches(ctx):
                continue
            finding = make_finding(rule, ctx)
            (suppressed if is_suppressed(ref, rule) else findings).append(finding)
    return Evaluation(_sorted(findings), licenses, _sorted(suppressed))


def _context(
    ruleset: RuleSet,
    ref: Reference,
    records: Mapping[ModelKey, ModelRecord],
    licenses: Mapping[ModelKey, LicenseInfo],
) -> Context:
    record = records.get(ref.key)
    if ref.source.on_hub:
        if record is None:
            record = ModelRecord(
                ref.model, ref.source, ref.revision, Status.UNVERIFIED, reason="not looked up"
            )
        elif record.status is Status.NOT_RESOLVED:
            # A Hub model nobody asked the Hub about is unverified, whatever the caller says.
            record = replace(
                record, status=Status.UNVERIFIED, reason=record.reason or "not looked up"
            )
    elif record is None:
        reason = f"{ref.source.value} references are not looked up on the Hub"
        record = ModelRecord(
            ref.model, ref.source, ref.revision, Status.NOT_RESOLVED, reason=reason
        )
    license_info = licenses.get(ref.key) if record.status is Status.OK else None
    note = None
    if license_info is not None:
        entry = ruleset.taxonomy.resolve(license_info.id, license_info.name)
        note = entry.note if entry else None
    vendor = ruleset.vendors.for_model(ref.model, ref.source)
    return Context(ref, record, license_info, note, vendor)


def is_suppressed(ref: Reference, rule: Rule) -> bool:
    """Whether an inline ignore on the reference names this rule (by id or name) or ``*``."""
    names = {rule.id.lower(), rule.name, SUPPRESS_ALL}
    return any(token.strip().lower() in names for token in ref.suppressed)


def fingerprint(rule_id: str, ref: Reference) -> str:
    """A stable identity for a finding that survives line moves (16 hex digits)."""
    parts = (rule_id, ref.model, ref.path, ref.revision or "", ref.context)
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def make_finding(rule: Rule, ctx: Context) -> Finding:
    """The finding ``rule`` produces for ``ctx`` (conditions are assumed to hold)."""
    values = ctx.fields()
    ref = ctx.reference
    return Finding(
        rule=rule.id,
        name=rule.name,
        category=rule.category,
        severity=rule.severity,
        model=ref.model,
        message=_render(rule.message, values),
        advice=_render(rule.advice, values),
        path=ref.path,
        line=ref.line,
        column=ref.column,
        fingerprint=fingerprint(rule.id, ref),
        details=ctx.facts(rule.topics),
    )


def _render(template: str, values: Mapping[str, str]) -> str:
    # Empty optional fields (a license without a note) must not leave stray spaces.
    return " ".join(template.format_map(values).split())


def _sorted(findings: list[Finding]) -> tuple[Finding, ...]:
    return tuple(
        sorted(
            findings,
            key=lambda f: (
                -f.severity.rank,
                f.path or "",
                f.line or 0,
                f.rule,
                f.column or 0,
                f.model,
            ),
        )
    )
