"""A project's or an organisation's licenses merged over the built-in taxonomy.

Each ``RuleSource`` may add ``[licenses.<id>]`` and ``[license_names.<name>]`` entries in
``rules/licenses.toml``'s format (``same_as`` / ``same_as_name`` aliases too), and re-grade a
known license with ``[regrade.<id or license_name>]`` (``category`` and a required ``reason``).
The merge runs in three passes over all sources, so any source may build on any other: entries,
then aliases, then re-grades. Duplicates are errors naming the file and the key: a key that any
source or the built-in file already defines (license ids and license_names share one namespace
here, since a new name equal to a known id would change that id's category by the back door),
and a second re-grade of one license. A re-grade may make a license stricter or looser, but
never touches ``unknown`` entries: "unknown" is never re-graded into something safe. Returns a
new ``Taxonomy``; the one given is never changed.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import replace

from licheck.rules._toml import Table
from licheck.rules.additions import RuleSource, with_key
from licheck.rules.taxonomy import (
    UNKNOWN,
    LicenseEntry,
    Taxonomy,
    is_alias,
    normalize,
    read_alias,
    read_entry,
)

_REGRADE_KEYS = ("category", "reason")


class _Merge:
    """The entries being merged, with where each key was defined (for duplicate messages)."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        self.licenses = dict(taxonomy.licenses)
        self.names = dict(taxonomy.names)
        builtin = str(taxonomy.path)
        self.origin = {key: builtin for key in (*self.licenses, *self.names)}
        # id() of each re-graded entry -> (file, key as written): one re-grade per license.
        self.regraded: dict[int, tuple[str, str]] = {}

    def add(self, pool: dict[str, LicenseEntry], key: str, entry: LicenseEntry, at: Table) -> None:
        norm = normalize(key)
        if norm is None:
            raise at.error(None, "a license id or license_name must not be empty")
        if norm in self.origin:
            where = "license id" if norm in self.licenses else "license_name"
            raise at.error(
                None,
                f"'{key}' is already a {where}, defined in {self.origin[norm]} (keys compare "
                f'case-insensitively); to change its category, write [regrade."{key}"] instead',
            )
        pool[norm] = entry
        self.origin[norm] = str(at.path)

    def regrade(self, key: str, table: Table, label: str) -> None:
        table.check_keys(_REGRADE_KEYS)
        norm = normalize(key) or ""
        targets = {id(e): e for e in (self.licenses.get(norm), self.names.get(norm)) if e}
        if not targets:
            raise table.error(None, self._unknown(key))
        for target in targets:
            if target in self.regraded:
                path, first = self.regraded[target]
                raise table.error(None, f"'{key}' is already re-graded, as '{first}' in {path}")
        category = table.text("category")
        if category not in self.taxonomy.categories:
            known = ", ".join(sorted(self.taxonomy.categories))
            raise table.error("category", f"unknown category '{category}'; known: {known}")
        reason = table.text("reason")
        if any(old.category == UNKNOWN for old in targets.values()):
            raise table.error(
                None,
                f"'{key}' names no license in particular (category {UNKNOWN}); add the "
                "license_name your models declare as a license of its own instead",
            )
        for old in targets.values():
            note = f"Re-graded from {old.category} to {category} by {label}: {reason}."
            new = replace(old, category=category, note=f"{note} {old.note or ''}".strip())
            # Aliases share the entry they point at, so they follow the re-grade.
            for pool in (self.licenses, self.names):
                for name, entry in pool.items():
                    if entry is old:
                        pool[name] = new
            self.regraded[id(new)] = (str(table.path), key)

    def _unknown(self, key: str) -> str:
        close = difflib.get_close_matches(normalize(key) or "", sorted(self.origin), n=3)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        return f"'{key}' is not a license id or license_name licheck knows{hint}"


def add_licenses(taxonomy: Taxonomy, sources: Sequence[RuleSource]) -> Taxonomy:
    """``taxonomy`` with the sources' licenses, aliases and re-grades merged in (the very same
    ``taxonomy`` when no source has any)."""
    if not any(with_key(sources, key) for key in ("licenses", "license_names", "regrade")):
        return taxonomy
    merge = _Merge(taxonomy)
    categories = taxonomy.categories
    aliases: list[tuple[str, Table]] = []
    for _source, section in with_key(sources, "licenses"):
        for key, table in section.children():
            merge.add(merge.licenses, key, read_entry(key, table, categories), table)
    for _source, section in with_key(sources, "license_names"):
        for key, table in section.children():
            if is_alias(table):
                aliases.append((key, table))
            else:
                entry = read_entry(key, table, categories, "name")
                merge.add(merge.names, key, entry, table)
    for key, table in aliases:
        merge.add(merge.names, key, read_alias(table, merge.licenses, merge.names), table)
    for source, section in with_key(sources, "regrade"):
        for key, table in section.children():
            merge.regrade(key, table, source.label)
    return taxonomy.with_entries(merge.licenses, merge.names)
