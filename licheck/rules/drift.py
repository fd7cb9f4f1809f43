"""The vendor-drift view of one reference: which publishers behind it have moved from open to
closed, and how exposed the reference is to the next move (the score behind LC401's severity).

Publishers are the model's own namespace and the origin namespaces up its ``base_model`` chain.
The score adds the weights of the factors that apply (``provenance.toml``); every factor is
reported with its weight, applied or not, so a reader can see why a finding is high or low.
Nothing here decides whether a rule fires; predicates and the evaluation do.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from licheck.records import EffectiveLicense, Reference, Severity
from licheck.rules.vendors import EventDate, Vendor, VendorEvent, Vendors

if TYPE_CHECKING:
    from licheck.rules.context import Context


def today() -> dt.date:
    """The day recency is measured from (tests replace this function)."""
    return dt.date.today()


@dataclass(frozen=True)
class Publisher:
    """A vendor behind a model: its own namespace (``root`` None) or the origin of ``root``."""

    vendor: Vendor
    root: str | None = None

    @property
    def label(self) -> str:
        """How a message names it."""
        if self.root is None:
            return self.vendor.name
        return f"{self.vendor.name}, its origin publisher (through {self.root})"


def publishers(
    ref: Reference, effective: EffectiveLicense | None, vendors: Vendors
) -> tuple[Publisher, ...]:
    """The model's own vendor, then the vendors of its chain's roots (each vendor once)."""
    found: dict[str, Publisher] = {}
    own = vendors.for_model(ref.model, ref.source)
    if own is not None:
        found[own.slug] = Publisher(own)
    if effective is not None:
        chain = effective.chain
        roots = [s.model for s in chain if not any(t.parent == s.model for t in chain)]
        for root in roots:
            vendor = vendors.for_model(root, ref.source)
            if vendor is not None and vendor.slug not in found:
                found[vendor.slug] = Publisher(vendor, root)
    return tuple(found.values())


def drifting(ctx: Context) -> tuple[Publisher, ...]:
    """The publishers behind the reference that have open-to-closed events."""
    return tuple(p for p in ctx.publishers if p.vendor.drifting)


def closing_events(ctx: Context) -> tuple[VendorEvent, ...]:
    """Open-to-closed events of the drifting publishers, newest first."""
    events = [e for p in drifting(ctx) for e in p.vendor.closing_events]
    return tuple(sorted(events, key=lambda e: e.date, reverse=True))


def latest_possible(date: EventDate, limit: dt.date) -> dt.date:
    """The last day an event dated only to the month or year could have happened (<= limit)."""
    if date.day:
        day = dt.date(date.year, date.month, date.day)
    elif date.month:
        day = dt.date(date.year, date.month, calendar.monthrange(date.year, date.month)[1])
    else:
        day = dt.date(date.year, 12, 31)
    return min(day, limit)


@dataclass(frozen=True)
class Score:
    """The vendor-drift score: its total, the severity it maps to and every factor."""

    total: int
    severity: Severity
    factors: tuple[tuple[str, int, bool, str], ...]  # name, weight, applies, why

    @property
    def applied(self) -> tuple[tuple[str, int], ...]:
        """(factor, weight) of the factors that count."""
        return tuple((name, weight) for name, weight, applies, _ in self.factors if applies)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form for a finding's details."""
        return {
            "total": self.total,
            "severity": self.severity.value,
            "factors": [
                {"factor": name, "weight": weight, "applies": applies, "why": why}
                for name, weight, applies, why in self.factors
            ],
        }


def preservation(ctx: Context) -> tuple[bool, str]:
    """Whether a verified copy protects the reference (its commit, as locked), and a sentence
    saying where it is or why none counts: the ``not-preserved`` factor and the finding's text.

    A copy counts when licheck.lock records it, the scan's cheap check finds its manifest and
    files as recorded, and it is of the locked commit; anything unknown counts as no copy.
    """
    copy, entry = ctx.copy, ctx.lock_entry
    if copy is None:
        why = "no licheck.lock: " if ctx.locked is None else ""
        return False, f"{why}no preserved copy is on record (licheck preserve keeps one)"
    if copy.state == "unreachable":
        return False, f"the preserved copy at {copy.where} could not be checked: {copy.reason}"
    if not copy.ok:
        return False, f"the preserved copy at {copy.where} no longer verifies: {copy.reason}"
    if entry is not None and entry.sha and entry.sha != copy.sha:
        return False, (
            f"the preserved copy at {copy.where} is of commit {copy.sha[:12]}, "
            f"not of the locked {entry.sha[:12]}"
        )
    return True, f"a verified copy is preserved at {copy.where}"


def score(ctx: Context) -> Score | None:
    """Score how exposed the reference is to its publishers' drift; None without the
    provenance policy."""
    if ctx.provenance is None:
        return None
    policy = ctx.provenance.drift
    ref, pubs = ctx.reference, drifting(ctx)
    events = closing_events(ctx)
    checks: dict[str, tuple[bool, str]] = {
        "drifting-publisher": (
            bool(pubs),
            "; ".join(f"{p.label}: {len(p.vendor.closing_events)} closing events" for p in pubs),
        ),
        "not-pinned": (
            not ref.pin.pinned,
            f"revision {ref.revision or 'not given'} ({ref.pin.value})",
        ),
        "not-locked": (
            ctx.locked is not True,
            {None: "lock status unknown", False: "no lock entry"}.get(ctx.locked, "locked"),
        ),
    }
    preserved, where = preservation(ctx)
    checks["not-preserved"] = (not preserved, where)
    split = [s for s in ctx.family or () if s.split]
    checks["family-split"] = (
        bool(split),
        ", ".join(f"{s.model} ({s.license.label})" for s in split),
    )
    checks["family-unknown"] = (
        ctx.family is None,
        "family not looked up" if ctx.family is None else "",
    )
    recent, why = False, "no closing event"
    if events:
        newest = max(events, key=lambda e: latest_possible(e.date, ctx.today))
        days = (ctx.today - latest_possible(newest.date, ctx.today)).days
        recent = days <= policy.recent_days
        precise = "" if newest.date.day else ", counted from the last day it could be"
        why = (
            f"latest closing event {newest.date} ({newest.kind}): {days} days ago{precise} "
            f"(window {policy.recent_days} days)"
        )
    checks["recent-event"] = (recent, why)
    factors = tuple(
        (f.name, f.weight, checks[f.name][0], checks[f.name][1]) for f in policy.factors
    )
    total = sum(weight for _, weight, applies, _ in factors if applies)
    return Score(total, policy.severity(total), factors)


SCORERS = {"vendor_drift": score}
