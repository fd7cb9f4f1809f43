"""The licheck.lock file: TOML, sorted by model and revision, one ``[[model]]`` table per entry,
so diffs in review stay small. Reads (a malformed lock is a ConfigError) and writes atomically.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from licheck.atomic import write_atomic
from licheck.errors import ConfigError
from licheck.lock.entries import LockEntry
from licheck.records import ModelKey, Source
from licheck.tomlio import read_toml

LOCK_NAME = "licheck.lock"
LOCK_VERSION = 1

_HEADER = (
    "# licheck.lock: the models this project references, as last reviewed.\n"
    "# Written by `licheck lock`; commit it. `licheck scan --locked` and `licheck lock --check`\n"
    "# compare the live state with it. Entries are sorted by model and revision.\n"
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
