"""JSON-ready finding details for the provenance topics of a ``Context``.

One function per topic (``provenance``, ``history``, ``head``, ``family``, ``license_file``,
``drift``); ``Context.facts`` calls ``facts`` for the topics a rule's predicates declare. Reads
the context only; decides nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from licheck.records import EffectiveLicense, LicenseInfo
from licheck.rules import drift
from licheck.rules.provenance.fields import alternatives, missing, stricter_inherited

if TYPE_CHECKING:
    from licheck.rules.context import Context

TOPICS = frozenset({"provenance", "history", "head", "family", "license_file", "drift"})


def _lic_dict(info: LicenseInfo | None) -> dict[str, Any] | None:
    if info is None:
        return None
    return {"id": info.id, "name": info.name, "spdx": info.spdx, "category": info.category}


def facts(ctx: Context, topic: str) -> dict[str, Any]:
    """JSON-ready details for one provenance topic."""
    if topic == "provenance":
        return _provenance(ctx)
    if topic == "history" and ctx.changes is not None:
        return {"license_changes": [c.to_dict() for c in ctx.changes]}
    if topic == "head" and ctx.head is not None:
        head, rec = ctx.head, ctx.record
        return {
            "pinned": {
                "revision": ctx.reference.revision,
                "sha": rec.sha,
                "license": _lic_dict(ctx.license),
            },
            "head": {
                "sha": head.head.sha,
                "license": _lic_dict(head.license),
                "since": head.since,
                "since_commit": head.since_commit,
            },
            "direction": head.direction,
        }
    if topic == "family" and ctx.family is not None:
        members = [
            {"model": s.model, "license": _lic_dict(s.license), "split": s.split}
            for s in ctx.family
        ]
        return {"family": members, "family_split": [m["model"] for m in members if m["split"]]}
    if topic == "license_file" and ctx.license_file is not None:
        lf = ctx.license_file
        return {
            "license_file": {
                "path": lf.path,
                "sha256": lf.sha256,
                "license": _lic_dict(lf.license),
                "matches": list(lf.matches),
                "contradicts": lf.contradicts,
            },
            "card_license": _lic_dict(ctx.license),
        }
    if topic == "drift":
        return _drift_facts(ctx)
    return {}


def _provenance(ctx: Context) -> dict[str, Any]:
    eff = ctx.effective
    if eff is None:
        return {}
    return {
        "declared_license": _lic_dict(ctx.license),
        "effective_license": effective_dict(eff),
        "origin": list(eff.origin),
        "chain": eff.describe_chain(ctx.reference.model),
        "inherited_stricter": [
            {"model": m, "license": _lic_dict(i)} for m, i in stricter_inherited(ctx)
        ],
        "missing_ancestors": missing(ctx),
        "notes": list(eff.notes),
    }


def effective_dict(eff: EffectiveLicense) -> dict[str, Any]:
    """The effective license as JSON-ready data (shared with reports and ``explain``)."""
    return {
        "category": eff.category,
        "known_category": eff.known_category,
        "complete": eff.complete,
        "licenses": [{"model": model, **(_lic_dict(info) or {})} for model, info in eff.sources],
    }


def _drift_facts(ctx: Context) -> dict[str, Any]:
    pubs = drift.drifting(ctx)
    if not pubs:
        return {}
    first = pubs[0].vendor
    return {
        "vendor": first.slug,
        "vendor_name": first.name,
        "publishers": [
            {"vendor": p.vendor.slug, "name": p.vendor.name, "origin_of": p.root} for p in pubs
        ],
        "vendor_events": [e.to_dict() for e in drift.closing_events(ctx)],
        "alternatives": [a.to_dict() for a in alternatives(ctx)],
    }
