"""Alternatives in ``rules/vendors.toml``: model families that have stayed permissive, each
naming the drifting vendors whose models it can stand in for.

The vendor-drift rule cites them in its advice and ``licheck vendors`` lists them. Loading checks
every key; nothing here judges a model or looks anything up.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from licheck.rules._toml import Table
from licheck.rules.vendor_events import read_confidence

_KEYS = ("name", "models", "license", "replaces", "summary", "source", "confidence")


@dataclass(frozen=True)
class Alternative:
    """A model family that has stayed permissive, for the vendors whose models it can replace."""

    slug: str
    name: str
    models: tuple[str, ...]
    license: str
    replaces: tuple[str, ...]
    summary: str
    source: str
    confidence: str

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form for finding details and listings."""
        return {
            "name": self.name,
            "models": list(self.models),
            "license": self.license,
            "summary": self.summary,
            "source": self.source,
            "confidence": self.confidence,
        }


def load_alternatives(section: Table, vendor_slugs: set[str]) -> tuple[Alternative, ...]:
    """Every ``[alternatives.<slug>]`` table, in file order."""
    return tuple(_alternative(slug, table, vendor_slugs) for slug, table in section.children())


def _alternative(slug: str, table: Table, vendor_slugs: set[str]) -> Alternative:
    table.check_keys(_KEYS)
    replaces = table.text_list("replaces")
    for name in replaces:
        if name not in vendor_slugs:
            raise table.error("replaces", f"'{name}' is not the slug of a known vendor")
    return Alternative(
        slug=slug,
        name=table.text("name"),
        models=table.text_list("models"),
        license=table.text("license"),
        replaces=replaces,
        summary=table.text("summary"),
        source=table.text("source"),
        confidence=read_confidence(table),
    )
