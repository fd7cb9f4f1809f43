"""The provenance and drift policy in ``rules/provenance.toml``: relation inference, the family
split categories, and the vendor-drift score (factor weights, severity thresholds, recency).

Loading checks every key so a typo fails with the file and the key. The factor names are fixed
here (``DRIFT_FACTORS``), because each needs code that decides whether it applies; their weights,
descriptions and the thresholds are data. This module reads a file; it scores nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from licheck.model_id import ModelId
from licheck.records import Severity
from licheck.rules._toml import Table, load_toml, type_name
from licheck.rules.taxonomy import Taxonomy

RELATIONS = ("finetune", "adapter", "quantized", "merge")
DRIFT_FACTORS = (
    "drifting-publisher",
    "not-pinned",
    "not-locked",
    "not-preserved",
    "family-split",
    "family-unknown",
    "recent-event",
)


@dataclass(frozen=True)
class RelationPolicy:
    """How to name a relation the card and tags left out."""

    default: str
    several_bases: str
    quantized: tuple[str, ...]
    adapter: tuple[str, ...]
    max_depth: int

    def infer(self, model: str, bases: int) -> str:
        """The relation to assume for ``model`` deriving from one of its ``bases`` bases."""
        if bases > 1:
            return self.several_bases
        name = ModelId(model).name.lower()
        if any(hint in name for hint in self.quantized):
            return "quantized"
        if any(hint in name for hint in self.adapter):
            return "adapter"
        return self.default


@dataclass(frozen=True)
class Factor:
    """One vendor-drift score factor: its weight and what it means."""

    name: str
    weight: int
    description: str


@dataclass(frozen=True)
class DriftPolicy:
    """The vendor-drift score: factors, thresholds (lowest first) and the recency window."""

    recent_days: int
    events_shown: int
    factors: tuple[Factor, ...]
    thresholds: tuple[tuple[Severity, int], ...]

    def weight(self, name: str) -> int:
        """The weight of factor ``name``."""
        return next(f.weight for f in self.factors if f.name == name)

    def severity(self, score: int) -> Severity:
        """The highest severity whose threshold ``score`` reaches (else the lowest listed)."""
        reached = [sev for sev, minimum in self.thresholds if score >= minimum]
        return reached[-1] if reached else self.thresholds[0][0]


@dataclass(frozen=True)
class ProvenancePolicy:
    """Everything ``provenance.toml`` says."""

    relations: RelationPolicy
    split_categories: tuple[str, ...]
    family_show: int
    drift: DriftPolicy


def load_provenance(path: Path, taxonomy: Taxonomy) -> ProvenancePolicy:
    """Read and validate ``provenance.toml`` (categories are checked against the taxonomy)."""
    root = Table(path, "", load_toml(path))
    root.check_keys(("relations", "family", "vendor_drift"))
    rel = root.table("relations")
    rel.check_keys(("default", "several_bases", "quantized", "adapter", "max_depth"))
    relations = RelationPolicy(
        default=_relation(rel, "default"),
        several_bases=_relation(rel, "several_bases"),
        quantized=tuple(h.lower() for h in rel.text_list("quantized")),
        adapter=tuple(h.lower() for h in rel.text_list("adapter")),
        max_depth=_count(rel, "max_depth", minimum=1),
    )
    family = root.table("family")
    family.check_keys(("split_categories", "show"))
    split = family.text_list("split_categories")
    for category in split:
        if category not in taxonomy.categories:
            known = ", ".join(sorted(taxonomy.categories))
            raise family.error("split_categories", f"unknown category '{category}'; known: {known}")
    return ProvenancePolicy(relations, split, _count(family, "show", minimum=1), _drift(root))


def _drift(root: Table) -> DriftPolicy:
    table = root.table("vendor_drift")
    table.check_keys(("recent_days", "events_shown", "factors", "thresholds"))
    factors_table = table.table("factors")
    factors_table.check_keys(DRIFT_FACTORS)
    factors = []
    for name in DRIFT_FACTORS:
        entry = factors_table.table(name)
        entry.check_keys(("weight", "description"))
        factors.append(Factor(name, _count(entry, "weight", minimum=0), entry.text("description")))
    limits = table.table("thresholds")
    limits.check_keys((), tuple(s.value for s in Severity))
    if not limits.data:
        raise limits.error(None, "needs at least one severity threshold")
    thresholds = sorted(
        ((Severity(name), _count(limits, name, minimum=0)) for name in limits.data),
        key=lambda pair: pair[0].rank,
    )
    for (low, low_min), (high, high_min) in pairwise(thresholds):
        if high_min <= low_min:
            raise limits.error(
                high.value, f"must be above the {low.value} threshold ({low_min}), got {high_min}"
            )
    return DriftPolicy(
        recent_days=_count(table, "recent_days", minimum=0),
        events_shown=_count(table, "events_shown", minimum=1),
        factors=tuple(factors),
        thresholds=tuple(thresholds),
    )


def _relation(table: Table, key: str) -> str:
    value = table.text(key)
    if value not in RELATIONS:
        raise table.error(key, f"'{value}' is not one of: {', '.join(RELATIONS)}")
    return value


def _count(table: Table, key: str, *, minimum: int) -> int:
    value = table.data.get(key)
    if not isinstance(value, int) or isinstance(value, bool):
        raise table.error(key, f"expected an integer, got {type_name(value)}")
    if value < minimum:
        raise table.error(key, f"must be at least {minimum}, got {value}")
    return value
