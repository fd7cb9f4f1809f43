"""The JSON report: a documented contract (schema ``licheck/report/v1``, see README).

Keys may be added in later versions; existing keys keep their meaning and type.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from licheck import __version__
from licheck.models import Finding, ModelRecord, Reference, Report, Severity

SCHEMA = "licheck/report/v1"


def _reference(ref: Reference) -> dict[str, Any]:
    return {
        "model": ref.model,
        "source": ref.source.value,
        "path": ref.path,
        "line": ref.line,
        "column": ref.column,
        "revision": ref.revision,
        "pin": ref.pin.value,
        "context": ref.context,
    }


def _model(report: Report, record: ModelRecord, uses: int) -> dict[str, Any]:
    info = report.license_of(record)
    license_obj: dict[str, Any] | None = None
    if info is not None:
        license_obj = {
            "id": info.id,
            "name": info.name,
            "spdx": info.spdx,
            "category": info.category,
            "link": info.link,
        }
    return {
        "model": record.model,
        "source": record.source.value,
        "revision": record.revision,
        "status": record.status.value,
        "reason": record.reason,
        "sha": record.sha,
        "last_modified": record.last_modified,
        "license": license_obj,
        "gated": record.gated,
        "private": record.private,
        "base_models": [{"model": b.model, "relation": b.relation} for b in record.base_models],
        "references": uses,
        "cached": record.from_cache,
    }


def _finding(finding: Finding) -> dict[str, Any]:
    return {
        "id": finding.fingerprint,
        "rule": finding.rule,
        "name": finding.name,
        "category": finding.category,
        "severity": finding.severity.value,
        "model": finding.model,
        "path": finding.path,
        "line": finding.line,
        "column": finding.column,
        "message": finding.message,
        "advice": finding.advice,
        "details": finding.details,
    }


def to_dict(report: Report) -> dict[str, Any]:
    """The report as plain data, in the documented shape."""
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
        },
        "references": [_reference(r) for r in report.references],
        "models": [_model(report, m, uses[m.key]) for m in report.models],
        "findings": [_finding(f) for f in report.findings],
        "skipped": [{"path": s.path, "reason": s.reason} for s in report.skipped],
    }


def render_json(report: Report) -> str:
    """The JSON text, indented and newline-terminated for diff-friendly files."""
    return json.dumps(to_dict(report), indent=2, sort_keys=False, default=str) + "\n"
