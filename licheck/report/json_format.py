"""The JSON report: a documented contract (schema ``licheck/report/v2``, see README).

Keys may be added in later versions; existing keys keep their meaning and type. Provenance keys
of a model (``origin``, ``effective_license``, ``history``, ``family``) are null when the fact
was not looked up, never an empty "all clear".
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from licheck import __version__
from licheck.records import (
    ChainStep,
    EffectiveLicense,
    Finding,
    LicenseInfo,
    ModelKey,
    ModelRecord,
    Reference,
    Report,
    Severity,
    Source,
    Waived,
)
from licheck.report import VALUE, jsontext

SCHEMA = "licheck/report/v2"


def _reference(ref: Reference) -> dict[str, Any]:
    return {
        "model": ref.model,
        "source": VALUE[ref.source],
        "path": ref.path,
        "line": ref.line,
        "column": ref.column,
        "revision": ref.revision,
        "pin": VALUE[ref.pin],
        "context": ref.context,
        "uses": [{"line": u.line, "column": u.column, "context": u.context} for u in ref.uses]
        if ref.uses
        else [],
        "confirmed": ref.confirmed,
    }


def _license(info: LicenseInfo | None, *, link: bool = False) -> dict[str, Any] | None:
    if info is None:
        return None
    out = {"id": info.id, "name": info.name, "spdx": info.spdx, "category": info.category}
    if link:
        out["link"] = info.link
    return out


def _classified(report: Report, license_id: str | None, name: str | None) -> dict[str, Any]:
    info = report.license_index.get((license_id, name))
    if info is None:  # a report built without the rules stage: raw values, category unknown
        return {"id": license_id, "name": name, "spdx": None, "category": None}
    return _license(info) or {}


def _step(step: ChainStep) -> dict[str, Any]:
    return {
        "model": step.model,
        "relation": step.relation,
        "relation_inferred": step.relation_inferred,
        "parent": step.parent,
        "depth": step.depth,
        "status": step.status,
        "license": _license(step.license),
    }


def _chain(record: ModelRecord, effective: EffectiveLicense | None) -> list[dict[str, Any]]:
    if effective is not None:
        return [_step(s) for s in effective.chain]
    # Not evaluated: the declared bases only, with nothing known about them.
    return [
        {
            "model": b.model,
            "relation": b.relation,
            "relation_inferred": False,
            "parent": record.model,
            "depth": 1,
            "status": None,
            "license": None,
        }
        for b in record.base_models
    ]


def _effective(effective: EffectiveLicense | None) -> dict[str, Any] | None:
    if effective is None:
        return None
    return {
        "category": effective.category,
        "known_category": effective.known_category,
        "complete": effective.complete,
        "licenses": [{"model": m, **(_license(i) or {})} for m, i in effective.sources],
        "notes": list(effective.notes),
    }


def _head(report: Report, record: ModelRecord) -> ModelRecord | None:
    return report.records.get(ModelKey(record.model, Source.HF, None))


def _history(report: Report, record: ModelRecord) -> list[dict[str, Any]] | None:
    history = record.history
    if history is None and (head := _head(report, record)) is not None:
        history = head.history
    if history is None:
        return None
    return [
        {
            "date": e.date,
            "commit": e.commit,
            "license": _classified(report, e.license, e.license_name),
        }
        for e in history
    ]


def _family(report: Report, record: ModelRecord) -> list[dict[str, Any]] | None:
    family = record.family
    if family is None and (head := _head(report, record)) is not None:
        family = head.family
    if family is None:
        return None
    return [
        {"model": m.model, "license": _classified(report, m.license, m.license_name)}
        for m in family
    ]


def _model(report: Report, record: ModelRecord, uses: int) -> dict[str, Any]:
    effective = report.effective.get(record.key)
    bundled: dict[str, Any] = {}
    if record.facts_source is not None:  # only when a facts bundle answered
        bundled = {
            "facts_source": record.facts_source,
            "recorded_at": record.recorded_at,
            "facts_stale": record.facts_stale,
        }
    return {
        "model": record.model,
        "source": record.source.value,
        "revision": record.revision,
        "status": record.status.value,
        "reason": record.reason,
        "sha": record.sha,
        "last_modified": record.last_modified,
        "license": _license(report.license_of(record), link=True),
        "gated": record.gated,
        "private": record.private,
        "base_models": _chain(record, effective),
        "references": uses,
        "cached": record.from_cache,
        "origin": list(effective.origin) if effective is not None else None,
        "effective_license": _effective(effective),
        "history": _history(report, record),
        "family": _family(report, record),
        # Why a fact is missing or partial (offline, gated, a listing cut short at a foreign
        # link, the chain depth cap), keyed by the fact.
        "notes": dict(sorted(record.notes.items())),
        **bundled,
    }


def finding_to_dict(finding: Finding) -> dict[str, Any]:
    """One finding in the report's shape (``licheck explain --format json`` uses it too)."""
    return {
        "id": finding.fingerprint,
        "rule": finding.rule,
        "name": finding.name,
        "category": finding.category,
        "severity": VALUE[finding.severity],
        "model": finding.model,
        "path": finding.path,
        "line": finding.line,
        "column": finding.column,
        "message": finding.message,
        "advice": finding.advice,
        "details": finding.details,
    }


def waived_to_dict(waived: Waived) -> dict[str, Any]:
    """A waived finding: the finding's keys plus the ``waiver`` that accepted it."""
    return {
        **finding_to_dict(waived.finding),
        "waiver": {
            "model": waived.waiver,
            "rules": list(waived.rules),
            "reason": waived.reason,
            "expires": waived.expires,
        },
    }


def to_dict(report: Report, *, lazy: bool = False) -> dict[str, Any]:
    """The report as plain data, in the documented shape.

    ``lazy``: its long arrays (references, models, findings) are ``jsontext.Lazy``, made while
    the text is written, so they never all exist at once.
    """
    many: Any = jsontext.Lazy if lazy else list
    uses = Counter(ref.key for ref in report.references)
    severities = Counter(f.severity.value for f in report.findings)
    return {
        "schema": SCHEMA,
        "tool": {"name": "licheck", "version": __version__},
        "offline": report.offline,
        "summary": {
            "files_scanned": report.files_scanned,
            "references": len(report.references),
            "models": len(report.models),
            "findings": {s.value: severities.get(s.value, 0) for s in Severity},
            "skipped": len(report.skipped),
            "waived": len(report.waived),
            "candidates": len(report.candidates),
        },
        "references": many(_reference(r) for r in report.references),
        "models": many(_model(report, m, uses[m.key]) for m in report.models),
        "findings": many(finding_to_dict(f) for f in report.findings),
        "waived": [waived_to_dict(w) for w in report.waived],
        "skipped": [{"path": s.path, "reason": s.reason} for s in report.skipped],
        "candidates": [
            {**_reference(c.reference), "confirmed": None, "reason": c.reason}
            for c in report.candidates
        ],
    }


def render_json(report: Report) -> str:
    """The JSON text, indented and newline-terminated for diff-friendly files."""
    return jsontext.dumps(to_dict(report, lazy=True), indent=2, default=str, end="\n")
