"""Vendor knowledge: which publisher a model belongs to and its dated licensing events.

Loaded from ``rules/vendors.toml``. Whether a vendor is drifting from open to closed is derived
here from the kinds of its events (``CLOSING_KINDS``); the data file never says so by hand. The
file also lists alternatives: model families that have stayed permissive, each naming the
drifting vendors it can stand in for. Nothing here looks anything up on the network.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from licheck.models import Source
from licheck.rules._toml import Table, load_toml, type_name

if TYPE_CHECKING:
    from licheck.rules.alternatives import Alternative

# Moves that make a vendor's next release less likely to be open weights under an open license.
CLOSING_KINDS = frozenset(
    {"api-only-flagship", "relicensed-restrictive", "restrictive-tier", "leadership-change"}
)
EVENT_KINDS = CLOSING_KINDS | {"relicensed-permissive", "open-release"}
CONFIDENCES = ("verified", "secondary", "unverified")

_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2}))?")
_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_EVENT_KEYS = ("date", "kind", "models", "summary", "source", "confidence")


@dataclass(frozen=True, order=True)
class EventDate:
    """A date known to the day, the month or only the year (0 marks an unknown part).

    Ordering puts a partial date at the start of its period, so a precisely dated event in the
    same month or year counts as the later one.
    """

    year: int
    month: int = 0
    day: int = 0

    def __str__(self) -> str:
        if not self.month:
            return f"{self.year:04d}"
        if not self.day:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


@dataclass(frozen=True)
class VendorEvent:
    """One dated licensing or availability event of a vendor."""

    date: EventDate
    kind: str
    models: tuple[str, ...]
    summary: str
    source: str
    confidence: str

    @property
    def closing(self) -> bool:
        """Whether this event is a move from open towards closed."""
        return self.kind in CLOSING_KINDS

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form for finding details and reports."""
        return {
            "date": str(self.date),
            "kind": self.kind,
            "models": list(self.models),
            "summary": self.summary,
            "source": self.source,
            "confidence": self.confidence,
        }


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
    """All vendors, with lookups by Hub namespace and Ollama name."""

    def __init__(
        self,
        path: Path,
        reviewed: dt.date,
        vendors: tuple[Vendor, ...],
        alternatives: tuple[Alternative, ...] = (),
    ) -> None:
        self.path = path
        self.reviewed = reviewed
        self._vendors = vendors
        self.alternatives = alternatives
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
            namespace, sep, _ = model.strip().partition("/")
            return self._by_namespace.get(namespace.lower()) if sep else None
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
    root.check_keys(("reviewed", "vendors"), ("alternatives",))
    reviewed = root.data["reviewed"]
    if not isinstance(reviewed, dt.date) or isinstance(reviewed, dt.datetime):
        raise root.error("reviewed", "expected a TOML date such as 2026-11-29")
    vendors: list[Vendor] = []
    seen: dict[str, str] = {}
    for slug, table in root.table("vendors").children():
        vendor = _vendor(slug, table)
        claims = [f"namespace {n.lower()}" for n in vendor.namespaces]
        claims += [f"ollama prefix {p.lower()}" for p in vendor.ollama]
        for claim in claims:
            if claim in seen:
                raise table.error(None, f"{claim} is already claimed by vendor '{seen[claim]}'")
            seen[claim] = slug
        vendors.append(vendor)
    alternatives: tuple[Alternative, ...] = ()
    if "alternatives" in root.data:
        from licheck.rules.alternatives import load_alternatives

        slugs = {v.slug for v in vendors}
        alternatives = load_alternatives(root.table("alternatives"), slugs)
    return Vendors(path, reviewed, tuple(vendors), alternatives)


def read_confidence(table: Table) -> str:
    """The ``confidence`` key of an event or alternative, checked."""
    confidence = table.text("confidence")
    if confidence not in CONFIDENCES:
        raise table.error("confidence", f"expected one of: {', '.join(CONFIDENCES)}")
    return confidence


def _vendor(slug: str, table: Table) -> Vendor:
    if not _SLUG.fullmatch(slug):
        raise table.error(None, "a vendor slug must be lower-case kebab-case")
    table.check_keys(("name", "namespaces", "ollama", "events"))
    events = [_event(t) for t in table.tables("events")]
    # Stable sort: events on the same date keep their file order.
    events.sort(key=lambda e: e.date)
    return Vendor(
        slug=slug,
        name=table.text("name"),
        namespaces=table.text_list("namespaces"),
        ollama=table.text_list("ollama"),
        events=tuple(events),
    )


def _event(table: Table) -> VendorEvent:
    table.check_keys(_EVENT_KEYS)
    kind = table.text("kind")
    if kind not in EVENT_KINDS:
        raise table.error("kind", f"unknown kind '{kind}'; known: {', '.join(sorted(EVENT_KINDS))}")
    confidence = read_confidence(table)
    return VendorEvent(
        date=_event_date(table),
        kind=kind,
        models=table.text_list("models"),
        summary=table.text("summary"),
        source=table.text("source"),
        confidence=confidence,
    )


def _event_date(table: Table) -> EventDate:
    value = table.data["date"]
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return EventDate(value.year, value.month, value.day)
    if isinstance(value, str):
        match = _PARTIAL_DATE.fullmatch(value.strip())
        if match and 1 <= int(match.group(2) or 1) <= 12:
            return EventDate(int(match.group(1)), int(match.group(2) or 0))
    problem = "expected a TOML date (2024-06-06) or a 'YYYY-MM' / 'YYYY' string"
    raise table.error("date", f"{problem}, got {type_name(value)} {value!r}")
