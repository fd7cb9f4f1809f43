"""Template fields for the provenance facts of a ``Context``, and the helpers its details share.

``FIELDS`` documents the names rule templates may use for the effective license, history, head,
family, LICENSE file and vendor drift; ``fields`` gives their text (``details`` gives the
JSON-ready details). Text only: nothing here decides whether a rule fires.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from licheck.records import LicenseInfo
from licheck.rules import drift
from licheck.rules.alternatives import Alternative
from licheck.rules.provenance.chain import inherited
from licheck.rules.vendors import VendorEvent

if TYPE_CHECKING:
    from licheck.rules.context import Context

FIELDS: dict[str, str] = {
    "effective_license": "the licenses the weights carry with their whole chain",
    "effective_category": "the most restrictive category of those (unknown if a gap)",
    "origin": "Hub namespaces of the chain's roots",
    "chain": "the base_model chain on one line",
    "inherited_stricter": "inherited licenses stricter than the declared one, with their models",
    "missing_ancestors": "ancestors that could not be checked, with why",
    "change_from": "the license before the newest change in the repo's history",
    "change_from_date": "date of the last commit with that license",
    "change_to": "the license after that change",
    "change_date": "date of the commit that changed it",
    "change_commit": "sha of that commit",
    "change_count": "how many license changes the history shows",
    "head_license": "the license on the default branch",
    "head_category": "its category",
    "head_since": "since when the default branch carries it ('an unknown date' if not known)",
    "head_sha": "the default branch's commit",
    "family_split": "siblings whose licenses split the family, with their licenses",
    "family_size": "number of siblings looked at",
    "file_license": "the license the LICENSE file names",
    "file_category": "its category",
    "file_path": "the LICENSE file's path in the repo",
    "drift_publisher": "the drifting publisher(s) behind the model (own or origin)",
    "drift_count": "how many open-to-closed events they have on record",
    "drift_since": "date of the first of those events",
    "drift_earlier": "the earlier events cited, newest first",
    "drift_score": "the vendor-drift exposure score",
    "drift_factors": "the score's applied factors with their weights",
    "preserved_copy": "where the verified copy is preserved, or why none counts (a sentence)",
    "alternatives": "families that have stayed permissive (rules/vendors.toml)",
}


def _lic(info: LicenseInfo) -> str:
    return f"{info.label} ({info.category})"


def stricter_inherited(ctx: Context) -> tuple[tuple[str, LicenseInfo], ...]:
    """Known inherited licenses stricter than the one the model declares (a mismatch)."""
    eff, lic, tax = ctx.effective, ctx.license, ctx.taxonomy
    if eff is None or lic is None or tax is None or lic.category == "unknown":
        return ()
    mine = tax.rank(lic.category)
    return tuple(
        (model, info)
        for model, info in inherited(eff, ctx.reference.model)
        if info.category != "unknown" and tax.rank(info.category) > mine
    )


def missing(ctx: Context) -> list[str]:
    """Ancestors the walk could not check, as ``model (status)``."""
    chain = ctx.effective.chain if ctx.effective else ()
    return [
        f"{s.model} ({s.status.replace('-', ' ')})"
        for s in chain
        if s.status not in ("ok", "cycle")
    ]


def latest_event(ctx: Context) -> VendorEvent | None:
    """The newest closing event of the drifting publishers (else of the model's own vendor)."""
    events = drift.closing_events(ctx)
    if events:
        return events[0]
    return ctx.vendor.latest_closing_event if ctx.vendor else None


def _by_license(sources: tuple[tuple[str, LicenseInfo], ...]) -> str:
    grouped: dict[LicenseInfo, list[str]] = {}
    for model, info in sources:
        grouped.setdefault(info, []).append(model)
    return "; ".join(f"{_lic(i)} from {' and '.join(ms)}" for i, ms in grouped.items())


def _names(items: list[str], show: int) -> str:
    if len(items) <= show:
        return ", ".join(items)
    return ", ".join(items[:show]) + f" and {len(items) - show} more"


def fields(ctx: Context) -> dict[str, str]:
    """Text for every name in ``FIELDS`` (empty where the fact is missing)."""
    eff, model = ctx.effective, ctx.reference.model
    out = dict.fromkeys(FIELDS, "")
    if eff is not None:
        licenses = [_lic(i) for i in eff.licenses]
        out |= {
            "effective_license": " + ".join(licenses) if licenses else "unknown",
            "effective_category": eff.category,
            "origin": ", ".join(eff.origin) or "unknown",
            "chain": eff.describe_chain(model),
            "inherited_stricter": _by_license(stricter_inherited(ctx)),
            "missing_ancestors": ", ".join(missing(ctx)),
        }
    if ctx.changes:
        newest = ctx.changes[0]
        out |= {
            "change_from": _lic(newest.before),
            "change_from_date": newest.before_date[:10],
            "change_to": _lic(newest.after),
            "change_date": newest.after_date[:10],
            "change_commit": newest.after_commit,
            "change_count": str(len(ctx.changes)),
        }
    if ctx.head is not None:
        out |= {
            "head_license": ctx.head.license.label,
            "head_category": ctx.head.license.category,
            "head_since": ctx.head.since[:10] if ctx.head.since else "an unknown date",
            "head_sha": ctx.head.head.sha or "unknown",
        }
    show = ctx.provenance.family_show if ctx.provenance else 4
    if ctx.family is not None:
        split = [
            f"{s.model} ({s.license.label}, {s.license.category})" for s in ctx.family if s.split
        ]
        out |= {"family_split": _names(split, show), "family_size": str(len(ctx.family))}
    if ctx.license_file is not None and ctx.license_file.license is not None:
        out |= {
            "file_license": ctx.license_file.license.label,
            "file_category": ctx.license_file.license.category,
            "file_path": ctx.license_file.path,
        }
    return out | _drift_fields(ctx)


def _drift_fields(ctx: Context) -> dict[str, str]:
    pubs = drift.drifting(ctx)
    events = drift.closing_events(ctx)
    if not pubs or not events:
        return {}
    shown = ctx.provenance.drift.events_shown if ctx.provenance else 3
    earlier = [f"{e.date} {e.kind} ({', '.join(e.models) or 'no model'})" for e in events[1:shown]]
    others = alternatives(ctx)
    out = {
        "drift_publisher": " and ".join(p.label for p in pubs),
        "drift_count": str(len(events)),
        "drift_since": str(min(e.date for e in events)),
        "drift_earlier": "; ".join(earlier) or "none",
        "alternatives": ", ".join(f"{a.name} ({a.license})" for a in others) or "none on record",
    }
    _, where = drift.preservation(ctx)
    out["preserved_copy"] = where[:1].upper() + where[1:] + "."
    scored = drift.score(ctx)
    if scored is not None:
        applied = [f"{name} +{weight}" for name, weight in scored.applied]
        out |= {"drift_score": str(scored.total), "drift_factors": ", ".join(applied)}
    return out


def alternatives(ctx: Context) -> tuple[Alternative, ...]:
    vendors = ctx.vendors_file
    if vendors is None:
        return ()
    return vendors.alternatives_for(tuple(p.vendor.slug for p in drift.drifting(ctx)))
