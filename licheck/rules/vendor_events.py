"""Vendor events: their kinds, their dates (known to the day, month or year) and how an event is
read from a ``[[vendors.<slug>.events]]`` table.

The kinds are data (``[kinds]`` in ``rules/vendors.toml``); whether one is ``closing`` (a move
from open weights towards closed) is what vendor drift is derived from. This module reads and
checks tables; it judges no vendor and looks nothing up.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from licheck.rules._toml import Table, type_name

CONFIDENCES = ("verified", "secondary", "unverified")

_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2}))?")
_KIND = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_EVENT_KEYS = ("date", "kind", "models", "summary", "source", "confidence")


@dataclass(frozen=True)
class EventKind:
    """One kind of vendor event; ``closing`` marks a move from open weights towards closed (one
    that makes the vendor's next release less likely to be open weights under an open license)."""

    name: str
    closing: bool
    summary: str


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
    """One dated licensing or availability event of a vendor.

    ``closing`` is its kind's (a move from open towards closed). ``defined_in`` names the file
    of a project's or organisation's rules that added it (None: licheck's own vendors.toml).
    """

    date: EventDate
    kind: str
    models: tuple[str, ...]
    summary: str
    source: str
    confidence: str
    closing: bool
    defined_in: str | None = None

    @property
    def identity(self) -> tuple[EventDate, str, frozenset[str]]:
        """What makes two records the same event: date, kind and models."""
        return self.date, self.kind, frozenset(m.lower() for m in self.models)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form for finding details and reports."""
        out: dict[str, Any] = {
            "date": str(self.date),
            "kind": self.kind,
            "models": list(self.models),
            "summary": self.summary,
            "source": self.source,
            "confidence": self.confidence,
        }
        if self.defined_in is not None:  # added by a project's or an organisation's rules
            out["defined_in"] = self.defined_in
        return out


def read_kinds(section: Table) -> dict[str, EventKind]:
    """The ``[kinds]`` table: every event kind, and whether it is closing."""
    kinds: dict[str, EventKind] = {}
    for name, table in section.children():
        if not _KIND.fullmatch(name):
            raise table.error(None, "an event kind must be lower-case kebab-case")
        table.check_keys(("closing", "summary"))
        closing = table.data["closing"]
        if not isinstance(closing, bool):
            raise table.error("closing", f"expected true or false, got {type_name(closing)}")
        kinds[name] = EventKind(name, closing, table.text("summary"))
    if not any(kind.closing for kind in kinds.values()):
        raise section.error(None, "no kind is closing, so no vendor could ever drift")
    return kinds


def read_confidence(table: Table) -> str:
    """The ``confidence`` key of an event or alternative, checked."""
    confidence = table.text("confidence")
    if confidence not in CONFIDENCES:
        raise table.error("confidence", f"expected one of: {', '.join(CONFIDENCES)}")
    return confidence


def read_events(
    vendor: Table, kinds: Mapping[str, EventKind], defined_in: str | None = None
) -> list[VendorEvent]:
    """The ``[[vendors.<slug>.events]]`` of a vendor table, in file order.

    Two records of the same event (date, kind and models) are an error: the second would count
    twice towards the drift score and show twice in every finding.
    """
    events: list[VendorEvent] = []
    seen: dict[tuple[EventDate, str, frozenset[str]], int] = {}
    for index, table in enumerate(vendor.tables("events")):
        event = _event(table, kinds, defined_in)
        if event.identity in seen:
            first = f"{vendor.key_of('events')}[{seen[event.identity]}]"
            raise table.error(None, f"the same event (date, kind and models) as {first}")
        seen[event.identity] = index
        events.append(event)
    return events


def _event(table: Table, kinds: Mapping[str, EventKind], defined_in: str | None) -> VendorEvent:
    table.check_keys(_EVENT_KEYS)
    kind = table.text("kind")
    if kind not in kinds:
        raise table.error("kind", f"unknown kind '{kind}'; known: {', '.join(sorted(kinds))}")
    confidence = read_confidence(table)
    return VendorEvent(
        date=_event_date(table),
        kind=kind,
        models=table.text_list("models"),
        summary=table.text("summary"),
        source=table.text("source"),
        confidence=confidence,
        closing=kinds[kind].closing,
        defined_in=defined_in,
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
