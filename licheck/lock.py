"""``licheck.lock``: the reviewed state of every model a project references.

A lock entry records, for one model at the revision the code asks for, what was true when a
person last reviewed it: the commit the revision resolved to, the license fields, hashes of the
card's license fields and of the LICENSE file, gating, origin and base chain. Comparing a scan
with the lock tells CI what is new (unlocked), gone (unused) or changed upstream since review.

This module reads, writes and compares lock data; it never resolves anything itself. The file is
TOML, sorted by model and revision, one table per entry, so diffs in review stay small.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from functools import cached_property
from pathlib import Path
from typing import Any

from licheck.atomic import write_atomic
from licheck.errors import ConfigError
from licheck.records import LicenseInfo, ModelKey, ModelRecord, Reference, Source, Status
from licheck.tomlio import read_toml

LOCK_NAME = "licheck.lock"
LOCK_VERSION = 1

_HEADER = (
    "# licheck.lock: the models this project references, as last reviewed.\n"
    "# Written by `licheck lock`; commit it. `licheck scan --locked` and `licheck lock --check`\n"
    "# compare the live state with it. Entries are sorted by model and revision.\n"
)


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


def _to_table(entry: LockEntry) -> dict[str, Any]:
    # TOML has no null: absent keys mean "unknown" and read back as None.
    table: dict[str, Any] = {"id": entry.model, "source": entry.source.value}
    optional: dict[str, Any] = {
        "revision": entry.revision,
        "sha": entry.sha,
        "license": entry.license,
        "license_name": entry.license_name,
        "spdx": entry.spdx,
        "card_hash": entry.card_hash,
        "license_file_hash": entry.license_file_hash,
        "gated": entry.gated,
        "origin": entry.origin,
    }
    table.update({k: v for k, v in optional.items() if v is not None})
    if entry.base_models:
        table["base_models"] = [
            {"id": m, **({"relation": r} if r else {})} for m, r in entry.base_models
        ]
    table["checked"] = entry.checked
    preserved = {
        "preserved_sha": entry.preserved_sha,
        "preserved_manifest": entry.preserved_manifest,
        "preserved_store": entry.preserved_store,
    }
    table.update({k: v for k, v in preserved.items() if v is not None})
    return table


def dumps(entries: Iterable[LockEntry]) -> str:
    """The lock file text: header, version, entries sorted by model then revision."""
    import tomli_w

    ordered = sorted(entries, key=lambda e: (e.model.lower(), e.revision or "", e.source.value))
    body = tomli_w.dumps({"version": LOCK_VERSION, "model": [_to_table(e) for e in ordered]})
    return _HEADER + "\n" + body


def write(path: Path, entries: Iterable[LockEntry]) -> None:
    """Write the lock atomically, so an interrupted run never leaves half a file."""
    write_atomic(path, dumps(entries).encode("utf-8"))


_ENTRY_KEYS = {
    "id",
    "source",
    "revision",
    "sha",
    "license",
    "license_name",
    "spdx",
    "card_hash",
    "license_file_hash",
    "gated",
    "origin",
    "base_models",
    "checked",
    "preserved_sha",
    "preserved_manifest",
    "preserved_store",
}
_PRESERVED_KEYS = ("preserved_sha", "preserved_manifest", "preserved_store")


def _entry_lines(text: str) -> list[int]:
    """1-based line of each ``[[model]]`` header, in file order, for report locations."""
    return [n for n, line in enumerate(text.splitlines(), 1) if line.strip() == "[[model]]"]


def _parse_entry(table: Any, where: str, line: int) -> LockEntry:
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: must be a table")
    unknown = set(table) - _ENTRY_KEYS
    if unknown:
        raise ConfigError(f"{where}: unknown key {sorted(unknown)[0]!r}")
    if not isinstance(table.get("id"), str):
        raise ConfigError(f"{where}: id must be a string")
    try:
        source = Source(table.get("source", "hf"))
    except ValueError:
        raise ConfigError(f"{where}: source {table.get('source')!r} is not known") from None
    bases = table.get("base_models", [])
    if not isinstance(bases, list) or not all(
        isinstance(b, dict) and isinstance(b.get("id"), str) for b in bases
    ):
        raise ConfigError(f"{where}: base_models must be a list of {{id, relation}} tables")
    for key in _PRESERVED_KEYS:
        if key in table and not isinstance(table[key], str):
            raise ConfigError(f"{where}: {key} must be a string")
    return LockEntry(
        model=table["id"],
        source=source,
        revision=table.get("revision"),
        sha=table.get("sha"),
        license=table.get("license"),
        license_name=table.get("license_name"),
        spdx=table.get("spdx"),
        card_hash=table.get("card_hash"),
        license_file_hash=table.get("license_file_hash"),
        gated=table.get("gated"),
        origin=table.get("origin"),
        base_models=tuple((b["id"], b.get("relation")) for b in bases),
        checked=str(table.get("checked", "")),
        line=line,
        preserved_sha=table.get("preserved_sha"),
        preserved_manifest=table.get("preserved_manifest"),
        preserved_store=table.get("preserved_store"),
    )


def read(path: Path) -> dict[ModelKey, LockEntry]:
    """Entries of the lock at ``path`` by key; a malformed lock is a ConfigError (exit 2)."""
    data, text = read_toml(path, lambda problem: ConfigError(f"{path}: {problem}"))
    if data.get("version") != LOCK_VERSION:
        raise ConfigError(f"{path}: version must be {LOCK_VERSION}, found {data.get('version')!r}")
    tables = data.get("model", [])
    if not isinstance(tables, list):
        raise ConfigError(f"{path}: model must be an array of tables ([[model]])")
    lines = _entry_lines(text)
    entries: dict[ModelKey, LockEntry] = {}
    for index, table in enumerate(tables):
        line = lines[index] if index < len(lines) else 0
        entry = _parse_entry(table, f"{path}: model[{index}]", line)
        entries[entry.key] = entry
    return entries


@dataclass(frozen=True)
class LockDiff:
    """How a scan differs from the lock."""

    unlocked: tuple[Reference, ...] = ()
    unused: tuple[LockEntry, ...] = ()
    license_changed: tuple[tuple[LockEntry, ModelRecord], ...] = ()
    sha_moved: tuple[tuple[LockEntry, ModelRecord], ...] = ()

    @property
    def stale(self) -> bool:
        """True when the lock no longer describes the project."""
        return bool(self.unlocked or self.unused or self.license_changed or self.sha_moved)


def compare(
    lock: Mapping[ModelKey, LockEntry],
    references: Iterable[Reference],
    records: Mapping[ModelKey, ModelRecord],
) -> LockDiff:
    """Compare the lock with what the scan referenced and what the Hub (or cache) says now.

    Records that are not ``ok`` say nothing about change: offline, a model can still be checked
    for being locked, but not for having moved. A reference whose entry is no review of the
    model (``reviewed``) is unlocked.
    """
    refs = list(references)
    referenced = {r.key for r in refs}
    unlocked = tuple(
        r for r in refs if r.key not in lock or not reviewed(lock[r.key], records.get(r.key))
    )
    unused = tuple(e for k, e in sorted(lock.items()) if k not in referenced)
    changed: list[tuple[LockEntry, ModelRecord]] = []
    moved: list[tuple[LockEntry, ModelRecord]] = []
    for key in sorted(referenced & set(lock)):
        entry, record = lock[key], records.get(key)
        if record is None or record.status is not Status.OK:
            continue
        file_hash = (
            "sha256:" + record.license_file.sha256 if record.license_file is not None else None
        )
        if (entry.card_hash and entry.card_hash != card_hash(record)) or (
            entry.license_file_hash and file_hash and entry.license_file_hash != file_hash
        ):
            changed.append((entry, record))
        if entry.sha and record.sha and entry.sha != record.sha:
            moved.append((entry, record))
    return LockDiff(unlocked, unused, tuple(changed), tuple(moved))


LOCK_STATES = ("locked", "unlocked", "unused", "license-changed", "sha-moved")


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


@dataclass(frozen=True)
class CopyCheck:
    """What a scan knows of a locked model's preserved copy, from a cheap look (the store is
    reachable, the manifest is there and is the one licheck.lock names; hashes are left to
    ``licheck preserve --verify``). ``state``: ``ok``, ``broken`` or ``unreachable``."""

    state: str
    where: str
    sha: str
    reason: str | None = None

    @property
    def ok(self) -> bool:
        """Whether the copy is there as recorded."""
        return self.state == "ok"


@dataclass(frozen=True)
class LockView:
    """What the rules need to know about the lock for one run.

    ``present`` is False when the project has no lock file: then nothing is known about being
    locked (vendor-drift counts that as exposure), and ``states`` reports references as
    unlocked only when ``enforce`` asks for it (``--locked``, or CI with a lock file).
    """

    path: str
    entries: Mapping[ModelKey, LockEntry]
    diff: LockDiff
    present: bool
    enforce: bool
    copies: Mapping[ModelKey, CopyCheck] = field(default_factory=dict)

    @cached_property
    def _unlocked(self) -> frozenset[ModelKey]:
        return frozenset(r.key for r in self.diff.unlocked)

    def locked(self, ref: Reference) -> bool | None:
        """Whether the reference's model and revision are in the lock, reviewed (None: no lock
        file)."""
        if not self.present:
            return None
        return ref.key in self.entries and ref.key not in self._unlocked

    def entry(self, ref: Reference) -> LockEntry | None:
        """The lock entry for the reference, if any."""
        return self.entries.get(ref.key)

    def copy(self, ref: Reference) -> CopyCheck | None:
        """The check of the reference's preserved copy, if the lock records one."""
        return self.copies.get(ref.key)

    def states(self, ref: Reference) -> tuple[str, ...]:
        """Lock states of a reference: locked or unlocked, plus what changed since locking."""
        if ref.key not in self.entries or ref.key in self._unlocked:
            return ("unlocked",) if self.enforce else ()
        states = ["locked"]
        if any(e.key == ref.key for e, _ in self.diff.license_changed):
            states.append("license-changed")
        if any(e.key == ref.key for e, _ in self.diff.sha_moved):
            states.append("sha-moved")
        return tuple(states)


def view(
    root: Path,
    references: Iterable[Reference],
    records: Mapping[ModelKey, ModelRecord],
    *,
    enforce: bool,
    whole_tree: bool,
) -> LockView:
    """Read ``root/licheck.lock`` (if any) and compare it with the scan.

    ``whole_tree`` is False when only some files were scanned (pre-commit passes the staged
    ones): lock entries those files do not mention are then not reported as unused.
    """
    path = root / LOCK_NAME
    present = path.is_file()
    entries = read(path) if present else {}
    diff = compare(entries, references, records)
    if not whole_tree:
        diff = LockDiff(diff.unlocked, (), diff.license_changed, diff.sha_moved)
    return LockView(LOCK_NAME, entries, diff, present, enforce)
