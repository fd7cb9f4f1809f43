"""Lock entries: what one entry records, and building entries from a resolved scan.

An entry records, for one model at the revision the code asks for, what was true when a person
last reviewed it: the commit the revision resolved to, the license fields, hashes of the card's
license fields and of the LICENSE file, gating, origin and base chain. ``lock_entries`` turns a
``Report`` into the entries ``licheck lock`` writes; ``file`` reads and writes them, ``view``
compares them with a scan. Nothing here resolves anything or touches a file.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone

from licheck.records import LicenseInfo, ModelKey, ModelRecord, Report, Source, Status


@dataclass(frozen=True)
class LockEntry:
    """One locked model at one referenced revision (``revision`` None: the default branch)."""

    model: str
    source: Source
    revision: str | None
    sha: str | None
    license: str | None
    license_name: str | None
    spdx: str | None
    card_hash: str | None
    license_file_hash: str | None
    gated: str | bool | None
    origin: str | None
    base_models: tuple[tuple[str, str | None], ...]
    checked: str
    line: int = field(default=0, compare=False)
    # A verified copy kept by ``licheck preserve``: its commit, the sha256 of its manifest, and
    # the store holding it (relative to the project when inside it). None: not preserved.
    preserved_sha: str | None = None
    preserved_manifest: str | None = None
    preserved_store: str | None = None

    @property
    def key(self) -> ModelKey:
        """The resolver key this entry locks."""
        return ModelKey(self.model, self.source, self.revision)

    @property
    def verified(self) -> bool:
        """Whether the entry records what the Hub said: False for a Hub model locked by its id
        only (no card hash), which vouches for no license."""
        return not self.source.on_hub or self.card_hash is not None


def lockable(record: ModelRecord) -> bool:
    """Whether ``licheck lock`` may write a new entry for ``record``: the Hub answered (``ok``,
    or ``unavailable``: missing, private, disabled) or it is not a Hub model. A model that could
    not be verified (offline and not in the cache, a network error) is never locked, since
    nobody has seen what it is; an entry it already had is kept."""
    return record.status is not Status.UNVERIFIED


def reviewed(entry: LockEntry, record: ModelRecord | None) -> bool:
    """Whether ``entry`` stands for a review of the model as it is now. An entry locked by id
    only (a model the Hub could not show then) counts while the model still cannot be checked;
    once the Hub shows its facts, nobody has reviewed them and it is as good as no entry."""
    return entry.verified or record is None or record.status is not Status.OK


def card_hash(record: ModelRecord) -> str:
    """A digest of the card's license fields: changes whenever the declared license changes."""
    text = "\n".join(
        part or "" for part in (record.license, record.license_name, record.license_link)
    )
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def entry_for(
    key: ModelKey,
    record: ModelRecord,
    info: LicenseInfo | None,
    origin: str | None,
    now: datetime | None = None,
) -> LockEntry:
    """The lock entry describing ``record`` as resolved now."""
    resolved = record.status is Status.OK
    return LockEntry(
        model=key.model,
        source=key.source,
        revision=key.revision,
        sha=record.sha if resolved else None,
        license=record.license if resolved else None,
        license_name=record.license_name if resolved else None,
        spdx=info.spdx if info is not None else None,
        card_hash=card_hash(record) if resolved else None,
        license_file_hash=(
            "sha256:" + record.license_file.sha256 if record.license_file is not None else None
        ),
        gated=record.gated,
        origin=origin,
        base_models=tuple((b.model, b.relation) for b in record.base_models),
        checked=(now or datetime.now(timezone.utc)).strftime("%Y-%m-%dT%H:%M:%SZ"),
    )


def carry_preserved(new: LockEntry, old: LockEntry | None) -> LockEntry:
    """``new`` with the preserved copy ``old`` recorded (re-locking never forgets a copy)."""
    if old is None or old.preserved_sha is None:
        return new
    return replace(
        new,
        preserved_sha=old.preserved_sha,
        preserved_manifest=old.preserved_manifest,
        preserved_store=old.preserved_store,
    )


def lock_entries(
    report: Report, previous: Mapping[ModelKey, LockEntry], now: datetime | None = None
) -> list[LockEntry]:
    """The lock entries describing ``report``'s models.

    An entry whose facts did not change keeps its old ``checked`` time, so re-locking an
    unchanged project leaves the file as it was; a model that could not be resolved now
    (offline, an error) keeps its previous entry rather than losing what was reviewed, and
    without one gets none (``lockable``): the caller names it.
    """
    entries: list[LockEntry] = []
    for record in report.models:
        key = record.key
        old = previous.get(key)
        if record.status is not Status.OK and old is not None:
            entries.append(old)
            continue
        if not lockable(record):
            continue
        effective = report.effective.get(key)
        origin = effective.origin[0] if effective is not None and effective.origin else None
        new = entry_for(key, record, report.license_of(record), origin, now)
        new = carry_preserved(new, old)
        if old is not None and replace(new, checked=old.checked) == old:
            new = old
        entries.append(new)
    return entries
