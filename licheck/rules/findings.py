"""The one place findings are built, and the one fingerprint scheme they carry.

A finding's ``fingerprint`` is the first 16 hex digits of the SHA-256 of its identity: fields
joined by U+001F, never its line, so code review and SARIF consumers follow it across edits.
A finding at a reference (``finding_at``; ``make_finding`` renders the rule's templates and
applies its scorer) is identified by rule, model, path, revision and context; a finding about a
``[tool.licheck]`` waiver (``licheck.policy.waivers``) by rule, model pattern, rules and file.
No I/O; nothing here decides whether a rule fires.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from typing import Any

from licheck.records import Finding, Reference, Severity
from licheck.rules import drift
from licheck.rules.context import Context
from licheck.rules.pack import Rule


def identity(parts: Sequence[str]) -> str:
    """The fingerprint of a finding identified by ``parts`` (16 hex digits)."""
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def fingerprint(rule_id: str, ref: Reference) -> str:
    """A stable identity for a finding at ``ref`` that survives line moves (16 hex digits)."""
    return identity((rule_id, ref.model, ref.path, ref.revision or "", ref.context))


def build(
    rule: Rule,
    *,
    model: str,
    message: str,
    advice: str,
    path: str | None,
    line: int | None,
    column: int | None,
    fingerprint: str,
    details: dict[str, Any],
    severity: Severity | None = None,
) -> Finding:
    """A finding of ``rule``: its id, name, category and severity (the rule's unless a scorer
    gave another), and what it says where."""
    return Finding(
        rule=rule.id,
        name=rule.name,
        category=rule.category,
        severity=rule.severity if severity is None else severity,
        model=model,
        message=message,
        advice=advice,
        path=path,
        line=line,
        column=column,
        fingerprint=fingerprint,
        details=details,
    )


def finding_at(
    rule: Rule,
    ref: Reference,
    message: str,
    advice: str,
    details: dict[str, Any],
    severity: Severity | None = None,
) -> Finding:
    """A finding of ``rule`` placed at ``ref``, with the fingerprint every reference finding has."""
    return placed(
        rule, ref, message, advice, details, rule.severity if severity is None else severity
    )


def make_finding(rule: Rule, ctx: Context, values: Mapping[str, str] | None = None) -> Finding:
    """The finding ``rule`` produces for ``ctx`` (conditions are assumed to hold).

    ``values`` is ``ctx.fields()`` when the caller already has it.
    """
    if values is None:
        values = ctx.fields()
    details, severity = judged(rule, ctx)
    message, advice = render(rule.message, values), render(rule.advice, values)
    return placed(rule, ctx.reference, message, advice, details, severity)


def judged(rule: Rule, ctx: Context) -> tuple[dict[str, Any], Severity]:
    """What a finding of ``rule`` on ``ctx`` says apart from its place and text: its details
    (with the score of a scored rule) and its severity."""
    details = ctx.facts(rule.topics)
    scored = drift.SCORERS[rule.score](ctx) if rule.score else None
    if scored is None:
        return details, rule.severity
    return {**details, "score": scored.to_dict()}, scored.severity


def placed(
    rule: Rule,
    ref: Reference,
    message: str,
    advice: str,
    details: dict[str, Any],
    severity: Severity,
) -> Finding:
    """The finding of ``rule`` at ``ref`` saying ``message`` and ``advice``, with its own copy
    of ``details``."""
    # build's finding, its fields set directly: a run places every finding here (thousands), and
    # the frozen dataclass's __init__ costs five times as much, one object.__setattr__ per
    # field. Finding has no __post_init__ or slots; tests compare the two ways field by field.
    finding = _new(Finding)
    finding.__dict__.update(
        rule=rule.id,
        name=rule.name,
        category=rule.category,
        severity=severity,
        model=ref.model,
        message=message,
        advice=advice,
        path=ref.path,
        line=ref.line,
        column=ref.column,
        fingerprint=fingerprint(rule.id, ref),
        details=dict(details),
    )
    return finding


_new = object.__new__


def render(template: str, values: Mapping[str, str]) -> str:
    """``template`` filled from ``values``."""
    # Empty optional fields (a license without a note) must not leave stray spaces.
    return " ".join(template.format_map(values).split())
