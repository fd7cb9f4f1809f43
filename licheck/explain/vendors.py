"""``licheck vendors``: the vendor knowledge (rules/vendors.toml and any additions) as text or
data.

Lists every vendor with its namespaces, whether it is drifting closed (derived from its event
kinds), and its events with date, kind, confidence and source; then the alternatives. Events a
project's or an organisation's rules added say which file added them, and the listing names
those files. Reads the loaded ``Vendors``; never changes or judges them.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from licheck.rules.vendors import Vendor, Vendors

SCHEMA = "licheck/vendors/v1"


def _vendor(vendor: Vendor) -> dict[str, Any]:
    return {
        "vendor": vendor.slug,
        "name": vendor.name,
        "namespaces": list(vendor.namespaces),
        "ollama": list(vendor.ollama),
        "drifting": vendor.drifting,
        "events": [e.to_dict() for e in vendor.events],
    }


def to_dict(vendors: Vendors, today: dt.date | None = None) -> dict[str, Any]:
    """The vendor file as plain data (events oldest first, as in the file)."""
    data = {
        "schema": SCHEMA,
        "reviewed": vendors.reviewed.isoformat(),
        "age_days": vendors.age_days(today),
        "vendors": [_vendor(v) for v in vendors.all()],
        "alternatives": [{"slug": a.slug, **a.to_dict(), "replaces": list(a.replaces)}
                         for a in vendors.alternatives],
    }  # fmt: skip
    if vendors.additions:  # only then: a listing of the built-ins alone stays as it was
        data["additions"] = list(vendors.additions)
    return data


def render_json(vendors: Vendors, today: dt.date | None = None) -> str:
    """The JSON listing, newline-terminated."""
    return json.dumps(to_dict(vendors, today), indent=2) + "\n"


def render_text(vendors: Vendors, today: dt.date | None = None) -> str:
    """The text listing, newline-terminated."""
    age = vendors.age_days(today)
    lines = [f"rules/vendors.toml, reviewed {vendors.reviewed.isoformat()} ({age} days ago)"]
    if vendors.additions:
        lines.append(f"with additions from: {', '.join(vendors.additions)}")
    lines.append("")
    for vendor in vendors.all():
        drifting = "yes" if vendor.drifting else "no"
        lines.append(f"{vendor.slug}  {vendor.name}  drifting: {drifting}")
        ollama = ", ".join(vendor.ollama) or "none"
        lines.append(f"  namespaces: {', '.join(vendor.namespaces)}; ollama: {ollama}")
        for event in vendor.events:
            lines.append(
                f"  {str(event.date).ljust(10)}  {event.kind.ljust(22)}  "
                f"{event.confidence.ljust(10)}  {event.summary}"
            )
            lines.append(f"{'':14}source: {event.source}")
            if event.defined_in is not None:
                lines.append(f"{'':14}added by: {event.defined_in}")
        lines.append("")
    if vendors.alternatives:
        lines.append("Alternatives (families that have stayed permissive)")
        for alt in vendors.alternatives:
            lines.append(
                f"  {alt.name} ({alt.license}), for {', '.join(alt.replaces)}: {alt.summary}"
            )
            lines.append(f"    {alt.confidence}; source: {alt.source}")
        lines.append("")
    return "\n".join(lines)
