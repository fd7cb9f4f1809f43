"""Vendor knowledge: which publisher a model belongs to and its dated licensing events.

Loaded from ``rules/vendors.toml``. Whether a vendor is drifting from open to closed is derived
here from the kinds of its events (the file's ``[kinds]``, each ``closing`` or not); no vendor
says so by hand. The file also lists alternatives: model families that have stayed permissive,
each naming the drifting vendors it can stand in for. A project's or an organisation's additions
are merged in by ``licheck.rules.vendor_additions``. Nothing here looks anything up on the
network.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from licheck.model_id import ModelId
from licheck.records import Source
from licheck.rules._toml import Table, load_toml
from licheck.rules.vendor_events import (
    CONFIDENCES,
    EventDate,
    EventKind,
    VendorEvent,
    read_confidence,
    read_events,
    read_kinds,
)

if TYPE_CHECKING:
    from licheck.rules.alternatives import Alternative

# Names kept importable from here: the event records are part of what a vendor is.
__all__ = [
    "CONFIDENCES",
    "EventDate",
    "EventKind",
    "Vendor",
    "VendorEvent",
    "Vendors",
    "claims",
    "load_vendors",
    "read_confidence",
    "read_vendor",
]

_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_VENDOR_KEYS = ("name", "namespaces", "ollama", "events")


@dataclass(frozen=True)
class Vendor:
    """A publisher of open weights, its Hub namespaces, Ollama prefixes and events (by date)."""

    slug: str
    name: str
    namespaces: tuple[str, ...]
    ollama: tuple[str, ...]
    events: tuple[VendorEvent, ...]

    @property
    def closing_events(self) -> tuple[VendorEvent, ...]:
        """Open-to-closed events, oldest first."""
        return tuple(e for e in self.events if e.closing)

    @property
    def drifting(self) -> bool:
        """True when the vendor has any open-to-closed event on record."""
        return bool(self.closing_events)

    @property
    def latest_closing_event(self) -> VendorEvent | None:
        """The most recent open-to-closed event, if any."""
        closing = self.closing_events
        return closing[-1] if closing else None


class Vendors:
    """All vendors, with lookups by Hub namespace and Ollama name.

    ``kinds`` are the event kinds the built-in file defines; ``additions`` names the files of a
    project's or organisation's rules that added vendors, events or alternatives.
    """

    def __init__(
        self,
        path: Path,
        reviewed: dt.date,
        vendors: tuple[Vendor, ...],
        alternatives: tuple[Alternative, ...] = (),
        kinds: Mapping[str, EventKind] | None = None,
        additions: tuple[str, ...] = (),
    ) -> None:
        self.path = path
        self.reviewed = reviewed
        self._vendors = vendors
        self.alternatives = alternatives
        self.kinds = dict(kinds or {})
        self.additions = additions
        self._by_namespace = {ns.lower(): v for v in vendors for ns in v.namespaces}
        # Longest prefix first, so "codellama" is tried before "llama" would be.
        self._prefixes = sorted(
            ((p.lower(), v) for v in vendors for p in v.ollama), key=lambda pv: -len(pv[0])
        )

    def all(self) -> tuple[Vendor, ...]:
        """Every vendor, in file order."""
        return self._vendors

    def get(self, slug: str) -> Vendor | None:
        """The vendor with this slug."""
        return next((v for v in self._vendors if v.slug == slug), None)

    def alternatives_for(self, slugs: tuple[str, ...]) -> tuple[Alternative, ...]:
        """Alternatives listed for any of these vendor slugs, in file order."""
        return tuple(a for a in self.alternatives if set(a.replaces) & set(slugs))

    def age_days(self, today: dt.date | None = None) -> int:
        """Days since a person last reviewed the vendor events."""
        return ((today or dt.date.today()) - self.reviewed).days

    def for_namespace(self, namespace: str) -> Vendor | None:
        """The vendor owning a Hub namespace (case-insensitive)."""
        return self._by_namespace.get(namespace.strip().lower())

    def for_model(self, model: str, source: Source) -> Vendor | None:
        """The publisher of ``model``: by namespace on the Hub, by name prefix on Ollama.

        An unfinished template (``Source.FAMILY``) still names its namespace, so it matches too.
        """
        if source.on_hub or source is Source.FAMILY:
            namespace = ModelId(model.strip()).namespace
            return self._by_namespace.get(namespace.lower()) if namespace else None
        if source is Source.OLLAMA:
            return self._by_ollama_name(model)
        return None

    def _by_ollama_name(self, model: str) -> Vendor | None:
        # "registry.ollama.ai/library/qwen2.5:7b" and "qwen2.5@sha256:..." both mean "qwen2.5".
        name = model.strip().lower().rsplit("/", 1)[-1]
        name = re.split(r"[:@]", name, maxsplit=1)[0]
        for prefix, vendor in self._prefixes:
            if name == prefix or (name.startswith(prefix) and not name[len(prefix)].isalpha()):
                return vendor
        return None


def load_vendors(path: Path) -> Vendors:
    """Read and validate ``vendors.toml``."""
    root = Table(path, "", load_toml(path))
    root.check_keys(("reviewed", "kinds", "vendors"), ("alternatives",))
    reviewed = root.data["reviewed"]
    if not isinstance(reviewed, dt.date) or isinstance(reviewed, dt.datetime):
        raise root.error("reviewed", "expected a TOML date such as 2026-11-29")
    kinds = read_kinds(root.table("kinds"))
    vendors: list[Vendor] = []
    seen: dict[str, str] = {}
    for slug, table in root.table("vendors").children():
        vendor = read_vendor(slug, table, kinds)
        for claim in claims(vendor):
            if claim in seen:
                raise table.error(None, f"{claim} is already claimed by vendor '{seen[claim]}'")
            seen[claim] = slug
        vendors.append(vendor)
    alternatives: tuple[Alternative, ...] = ()
    if "alternatives" in root.data:
        from licheck.rules.alternatives import load_alternatives

        slugs = {v.slug for v in vendors}
        alternatives = load_alternatives(root.table("alternatives"), slugs)
    return Vendors(path, reviewed, tuple(vendors), alternatives, kinds)


def claims(vendor: Vendor) -> list[str]:
    """What ``vendor`` claims, as messages name it: its namespaces and Ollama prefixes."""
    found = [f"namespace {n.lower()}" for n in vendor.namespaces]
    return found + [f"ollama prefix {p.lower()}" for p in vendor.ollama]


def read_vendor(
    slug: str, table: Table, kinds: Mapping[str, EventKind], defined_in: str | None = None
) -> Vendor:
    """One ``[vendors.<slug>]`` table, its events sorted by date."""
    if not _SLUG.fullmatch(slug):
        raise table.error(None, "a vendor slug must be lower-case kebab-case")
    table.check_keys(_VENDOR_KEYS)
    events = read_events(table, kinds, defined_in)
    return Vendor(
        slug=slug,
        name=table.text("name"),
        namespaces=table.text_list("namespaces"),
        ollama=table.text_list("ollama"),
        events=tuple(sorted(events, key=lambda e: e.date)),
    )
