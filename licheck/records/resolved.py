"""Records of the hub stage: what the Hub says about one model at one revision
(``ModelRecord`` with its ``Status``, base models, license history, family and LICENSE file).

The facts are raw (the rules stage classifies them). Frozen and free of I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from licheck.records.references import ModelKey, Source, once


class Status(str, Enum):
    """Outcome of resolving one model."""

    OK = "ok"  # the Hub answered; the facts below are real
    UNAVAILABLE = "unavailable"  # missing, private to someone else, or disabled
    UNVERIFIED = "unverified"  # could not ask (offline, network or server error)
    NOT_RESOLVED = "not-resolved"  # not a Hub model (ollama, local): nothing to ask


@dataclass(frozen=True)
class BaseModel:
    """One ``base_model`` edge declared by a model card."""

    model: str
    relation: str | None = None  # finetune, adapter, quantized, merge, or None when unknown


@dataclass(frozen=True)
class HistoryEntry:
    """The declared license of a repo at one past commit (newest entries first in a history)."""

    date: str  # ISO-8601 commit date
    commit: str  # 40-hex sha
    license: str | None
    license_name: str | None = None
    license_link: str | None = None


@dataclass(frozen=True)
class FamilyMember:
    """A sibling repo of the same publisher and family stem, with its declared license."""

    model: str
    license: str | None
    license_name: str | None = None
    gated: str | bool | None = None


@dataclass(frozen=True)
class LicenseFile:
    """The LICENSE file a repo ships, when it could be downloaded.

    ``head`` keeps the first few KiB of text: enough for the taxonomy's text markers to name the
    license, small enough to cache.
    """

    path: str
    sha256: str
    head: str


@dataclass(frozen=True)
class ModelRecord:
    """What the Hub says about one model at one revision.

    The facts are raw: classification of the license into SPDX and a category is the rules
    stage's job. ``reason`` explains any status other than ``ok``. ``gated`` is None when
    unknown, False when open, else the gate mode (``auto`` or ``manual``).
    """

    model: str
    source: Source
    revision: str | None
    status: Status
    reason: str | None = None
    sha: str | None = None
    last_modified: str | None = None
    license: str | None = None
    license_name: str | None = None
    license_link: str | None = None
    gated: str | bool | None = None
    private: bool | None = None
    base_models: tuple[BaseModel, ...] = ()
    from_cache: bool = False
    created_at: str | None = None
    # Deeper facts (issue: provenance). None means "not looked up" (offline, bounded out, or an
    # error); an empty tuple means "looked up, nothing there". Never read None as safe.
    history: tuple[HistoryEntry, ...] | None = None
    family: tuple[FamilyMember, ...] | None = None
    license_file: LicenseFile | None = None
    # Set only when a facts bundle (``licheck facts export``) answered instead of the Hub or the
    # cache: which bundle, when its answer was fetched (ISO-8601 UTC), and whether that is older
    # than ``facts_max_age_days`` (None: not from a bundle).
    facts_source: str | None = None
    recorded_at: str | None = None
    facts_stale: bool | None = None
    # Why a deeper lookup was incomplete, e.g. {"license_file": "gated: terms not accepted"}.
    notes: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    @once  # read per record by the rules and every report; its fields are frozen
    def key(self) -> ModelKey:
        """The lookup key this record answers."""
        return ModelKey(self.model, self.source, self.revision)

    @property
    def answered_by(self) -> str | None:
        """``from facts bundle NAME, recorded YYYY-MM-DD`` when a bundle answered, else None."""
        if self.facts_source is None:
            return None
        day = (self.recorded_at or "unknown date")[:10]
        return f"from {self.facts_source}, recorded {day}"
