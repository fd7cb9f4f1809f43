"""``licheck explain --format json``: the explanation as data (schema ``licheck/explain/v1``).

The same facts as the text form, in the shapes the JSON report uses (licenses as
``{id, name, spdx, category}``, findings and waived findings as in the report's ``findings`` and
``waived``). A fact that was not looked up is null, never an empty list. Reads an
``Explanation``; decides nothing.
"""

from __future__ import annotations

from typing import Any

from licheck import __version__
from licheck.explain.build import Explanation
from licheck.records import LicenseInfo
from licheck.report.json_format import finding_to_dict, waived_to_dict
from licheck.rules.provenance.details import effective_dict

SCHEMA = "licheck/explain/v1"


def license_dict(info: LicenseInfo | None) -> dict[str, Any] | None:
    """A classified license in the report's shape."""
    if info is None:
        return None
    return {"id": info.id, "name": info.name, "spdx": info.spdx, "category": info.category}


def _provenance(exp: Explanation) -> dict[str, Any] | None:
    eff = exp.context.effective
    if eff is None:
        return None
    return {
        "chain_text": eff.describe_chain(exp.reference.model),
        "chain": [
            {
                "model": s.model,
                "relation": s.relation,
                "relation_inferred": s.relation_inferred,
                "parent": s.parent,
                "depth": s.depth,
                "status": s.status,
                "license": license_dict(s.license),
            }
            for s in eff.chain
        ],
        "origin": list(eff.origin),
        "effective_license": effective_dict(eff) | {"notes": list(eff.notes)},
    }


def _head(exp: Explanation) -> dict[str, Any] | None:
    head = exp.context.head
    if head is None:
        return None
    return {
        "sha": head.head.sha,
        "license": license_dict(head.license),
        "since": head.since,
        "since_commit": head.since_commit,
        "direction": head.direction,
    }


def _license_file(exp: Explanation) -> dict[str, Any] | None:
    reading = exp.context.license_file
    if reading is None:
        return None
    return {
        "path": reading.path,
        "sha256": reading.sha256,
        "license": license_dict(reading.license),
        "matches": list(reading.matches),
        "contradicts": reading.contradicts,
    }


def _vendors(exp: Explanation) -> list[dict[str, Any]]:
    out = []
    for publisher in exp.context.publishers:
        vendor = publisher.vendor
        out.append(
            {
                "vendor": vendor.slug,
                "name": vendor.name,
                "origin_of": publisher.root,
                "drifting": vendor.drifting,
                "events": [e.to_dict() for e in reversed(vendor.events)],
            }
        )
    return out


def to_dict(exp: Explanation) -> dict[str, Any]:
    """The explanation as plain data."""
    ctx, rec, ref = exp.context, exp.record, exp.reference
    history = None
    if exp.history is not None:
        history = [
            {"date": e.date, "commit": e.commit, "license": license_dict(info)}
            for e, info in exp.history
        ]
    family = None
    if ctx.family is not None:
        family = [
            {"model": s.model, "license": license_dict(s.license), "split": s.split}
            for s in ctx.family
        ]
    return {
        "schema": SCHEMA,
        "tool": {"name": "licheck", "version": __version__},
        "offline": exp.offline,
        "model": ref.model,
        "source": ref.source.value,
        "revision": ref.revision,
        "status": rec.status.value,
        "reason": rec.reason,
        "sha": rec.sha,
        "cached": rec.from_cache,
        "license": license_dict(ctx.license),
        "gated": rec.gated,
        "provenance": _provenance(exp),
        "history": history,
        "license_changes": [c.to_dict() for c in ctx.changes] if ctx.changes is not None else None,
        "head": _head(exp),
        "license_file": _license_file(exp),
        "family": family,
        "vendors": _vendors(exp),
        "alternatives": [a.to_dict() for a in exp.alternatives],
        "notes": dict(rec.notes),
        "findings": [finding_to_dict(f) for f in exp.findings],
        "waived": [waived_to_dict(w) for w in exp.waived],
    }
