"""The license taxonomy: Hub license ids and ``license_name`` values -> SPDX id and a category.

Loaded from ``rules/licenses.toml``. ``Taxonomy.classify`` is the only place a raw license from
a model card becomes a ``LicenseInfo`` (a card listing several licenses gets one per license and
the strictest category); ``classify_text`` names the license of a LICENSE file by
the text markers the taxonomy lists, and ``rank`` orders categories from least to most
restrictive. It must not fetch anything, and it never guesses: a value it does not know
classifies as ``unknown``, which the rules treat as a risk.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from licheck.records import LicenseInfo, split_licenses
from licheck.rules._toml import Table, load_toml

UNKNOWN = "unknown"
OTHER = "other"

_SPDX = re.compile(r"LicenseRef-[A-Za-z0-9.-]+|[A-Za-z0-9][A-Za-z0-9.+-]*")
_CATEGORY = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")
_REF_UNSAFE = re.compile(r"[^A-Za-z0-9.-]+")
_ENTRY_KEYS = ("title", "spdx", "category")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class LicenseEntry:
    """One license as the taxonomy file describes it."""

    key: str
    title: str
    spdx: str
    category: str
    note: str | None = None
    # Phrases that all appear in this license's text (compared case- and space-insensitively).
    markers: tuple[str, ...] = ()
    # "license" for a Hub license id, "name" for a license_name used with `license: other`.
    kind: str = "license"

    def info(self) -> LicenseInfo:
        """This entry as a card would declare it (``other`` + name for a license_name entry)."""
        if self.kind == "name":
            return LicenseInfo(OTHER, self.key, self.spdx, self.category, title=self.title)
        return LicenseInfo(self.key, None, self.spdx, self.category, title=self.title)


def normalize(value: str | None) -> str | None:
    """The lookup form of a license id or name: stripped, lower-case, None when blank."""
    if value is None:
        return None
    value = value.strip().lower()
    return value or None


def _flat(text: str) -> str:
    return _SPACES.sub(" ", text).strip().lower()


class Taxonomy:
    """Categories plus license ids and names, looked up case-insensitively."""

    def __init__(
        self,
        path: Path,
        categories: Mapping[str, str],
        licenses: Mapping[str, LicenseEntry],
        names: Mapping[str, LicenseEntry],
        strictness: tuple[str, ...] = (),
    ) -> None:
        self.path = path
        self.categories = dict(categories)
        self.licenses = dict(licenses)
        self.names = dict(names)
        # Least to most restrictive; by default the file order with `unknown` last.
        order = strictness or (*(c for c in categories if c != UNKNOWN), UNKNOWN)
        self.strictness = {category: index for index, category in enumerate(order)}

    def with_entries(
        self, licenses: Mapping[str, LicenseEntry], names: Mapping[str, LicenseEntry]
    ) -> Taxonomy:
        """A copy holding these entries instead (the categories and their order stay)."""
        order = tuple(sorted(self.strictness, key=self.strictness.__getitem__))
        return Taxonomy(self.path, self.categories, licenses, names, order)

    def rank(self, category: str) -> int:
        """How restrictive a category is (higher is stricter); an unlisted one ranks as unknown."""
        return self.strictness.get(category, self.strictness[UNKNOWN])

    def most_restrictive(self, categories: Iterable[str]) -> str:
        """The strictest of ``categories``; ``unknown`` when there are none."""
        return max(categories, key=self.rank, default=UNKNOWN)

    def text_matches(self, text: str) -> tuple[LicenseEntry, ...]:
        """Every distinct entry whose markers all appear in ``text``."""
        flat = _flat(text)
        found: dict[tuple[str, str], LicenseEntry] = {}
        for entry in (*self.licenses.values(), *self.names.values()):
            if entry.markers and all(_flat(m) in flat for m in entry.markers):
                found.setdefault((entry.kind, entry.key), entry)
        return tuple(found.values())

    def classify_text(self, text: str) -> LicenseEntry | None:
        """The one license a LICENSE text clearly names; None when none or several match."""
        matches = self.text_matches(text)
        return matches[0] if len(matches) == 1 else None

    def resolve_each(
        self, license_id: str | None, license_name: str | None
    ) -> tuple[LicenseEntry | None, ...]:
        """The entry of each license a card declares (several when it lists several); the
        ``license_name`` goes with an ``other`` among them."""
        parts = split_licenses(license_id)
        if len(parts) <= 1:
            return (self._resolve(license_id, license_name),)
        return tuple(self._resolve(p, license_name if _is_other(p) else None) for p in parts)

    def resolve(self, license_id: str | None, license_name: str | None) -> LicenseEntry | None:
        """The taxonomy entry for a card's ``license`` / ``license_name``, if any matches: for a
        card listing several licenses, the strictest one's, and None when one is unrecognised
        (an unknown license is the strictest of all)."""
        entries = self.resolve_each(license_id, license_name)
        if len(entries) == 1 or any(e is None for e in entries):
            return entries[0] if len(entries) == 1 else None
        return max((e for e in entries if e is not None), key=lambda e: self.rank(e.category))

    def _resolve(self, license_id: str | None, license_name: str | None) -> LicenseEntry | None:
        lid, lname = normalize(license_id), normalize(license_name)
        if lid is None or lid == OTHER:
            # With `other` (or no id at all) the name is the only thing that says what it is.
            found = self._by_name(lname) if lname else None
            if found is not None:
                return found
            return self.licenses.get(lid) if lid else None
        # A name written into the `license:` field itself still deserves a match.
        return self.licenses.get(lid) or self.names.get(lid)

    def _by_name(self, name: str) -> LicenseEntry | None:
        return self.names.get(name) or self.licenses.get(name)

    def classify(
        self, license_id: str | None, license_name: str | None, link: str | None = None
    ) -> LicenseInfo:
        """Classify a card's license fields; anything unrecognised is category ``unknown``.

        A card listing several licenses gives each its own ``LicenseInfo`` (in ``parts``) and
        the whole the strictest category, with every SPDX id joined by ``AND``: a list may mean
        a choice or that all apply, and only the second reading is safe.
        """
        lid = license_id.strip() if license_id and license_id.strip() else None
        lname = license_name.strip() if license_name and license_name.strip() else None
        link = link.strip() if link and link.strip() else None
        parts = split_licenses(lid)
        if len(parts) > 1:
            return self._classify_list(lid, parts, lname, link)
        entry = self._resolve(lid, lname)
        if entry is None:
            return LicenseInfo(id=lid, name=lname, spdx=None, category=UNKNOWN, link=link)
        spdx = entry.spdx
        if entry.key == OTHER and lname:
            # SPDX's convention for a license it does not list: a LicenseRef named after it.
            spdx = "LicenseRef-" + (_REF_UNSAFE.sub("-", lname).strip("-") or "other")
        return LicenseInfo(
            id=lid, name=lname, spdx=spdx, category=entry.category, link=link, title=entry.title
        )

    def _classify_list(
        self, lid: str | None, ids: tuple[str, ...], lname: str | None, link: str | None
    ) -> LicenseInfo:
        parts = tuple(self.classify(i, lname if _is_other(i) else None) for i in ids)
        strictest = max(parts, key=lambda p: self.rank(p.category))  # the first, on a tie
        spdx_ids = sorted((p.spdx for p in parts if p.spdx), key=str.lower)
        # An AND expression is the same whatever the order: sorted, so a reordered card's list
        # reads as the same license.
        spdx = " AND ".join(spdx_ids) if len(spdx_ids) == len(parts) else None
        return LicenseInfo(
            id=lid,
            name=lname,
            spdx=spdx,
            category=strictest.category,
            link=link,
            title=" + ".join(p.title or p.label for p in parts),
            parts=parts,
        )


def _is_other(license_id: str) -> bool:
    return normalize(license_id) == OTHER


def load_taxonomy(path: Path) -> Taxonomy:
    """Read and validate ``licenses.toml``."""
    root = Table(path, "", load_toml(path))
    root.check_keys(("categories", "licenses", "license_names"), ("strictness",))
    categories: dict[str, str] = {}
    cats = root.table("categories")
    for name in cats.data:
        if not _CATEGORY.fullmatch(name):
            raise cats.error(name, "a category name must be lower-case kebab-case")
        categories[name] = cats.text(name)
    if UNKNOWN not in categories:
        raise cats.error(None, f"the '{UNKNOWN}' category is required")

    strictness = _strictness(root, categories)
    licenses = _entries(root.table("licenses"), categories)
    for required in (UNKNOWN, OTHER):
        if required not in licenses:
            raise root.error("licenses", f"the '{required}' license id is required")
    names: dict[str, LicenseEntry] = {}
    aliases: list[tuple[str, Table]] = []
    for key, table in root.table("license_names").children():
        if is_alias(table):
            aliases.append((key, table))
        else:
            _store(names, key, read_entry(key, table, categories, "name"), table)
    for key, table in aliases:
        _store(names, key, read_alias(table, licenses, names), table)
    return Taxonomy(path, categories, licenses, names, strictness)


def _strictness(root: Table, categories: Mapping[str, str]) -> tuple[str, ...]:
    if "strictness" not in root.data:
        return ()
    order = root.text_list("strictness")
    if sorted(order) != sorted(categories):
        raise root.error(
            "strictness", f"must list every category exactly once: {_known(categories)}"
        )
    return order


def _entries(section: Table, categories: Mapping[str, str]) -> dict[str, LicenseEntry]:
    found: dict[str, LicenseEntry] = {}
    for key, table in section.children():
        _store(found, key, read_entry(key, table, categories), table)
    return found


def _store(into: dict[str, LicenseEntry], key: str, entry: LicenseEntry, table: Table) -> None:
    norm = normalize(key)
    if norm is None or norm in into:
        raise table.error(None, "duplicate or empty key (keys compare case-insensitively)")
    into[norm] = entry


def read_entry(
    key: str, table: Table, categories: Mapping[str, str], kind: str = "license"
) -> LicenseEntry:
    """One ``[licenses.<id>]`` (kind "license") or ``[license_names.<name>]`` (kind "name")."""
    table.check_keys(_ENTRY_KEYS, ("note", "markers"))
    spdx = table.text("spdx")
    if not _SPDX.fullmatch(spdx):
        raise table.error("spdx", f"'{spdx}' is neither an SPDX id nor LicenseRef-<letters/digits>")
    category = table.text("category")
    if category not in categories:
        raise table.error("category", f"unknown category '{category}'; known: {_known(categories)}")
    note = table.opt_text("note")
    markers = table.text_list("markers") if "markers" in table.data else ()
    return LicenseEntry(
        normalize(key) or key, table.text("title"), spdx, category, note, markers, kind
    )


def read_alias(
    table: Table, licenses: Mapping[str, LicenseEntry], names: Mapping[str, LicenseEntry]
) -> LicenseEntry:
    """The entry a ``same_as`` / ``same_as_name`` table points at."""
    # Aliases point one step only, so a typo cannot build a loop.
    table.check_keys((), ("same_as", "same_as_name"))
    if len(table.data) != 1:
        raise table.error(None, "give either same_as or same_as_name, not both")
    if "same_as" in table.data:
        target, pool, what = table.text("same_as"), licenses, "license id"
        key = "same_as"
    else:
        target, pool, what = table.text("same_as_name"), names, "license_name"
        key = "same_as_name"
    entry = pool.get(normalize(target) or "")
    if entry is None:
        raise table.error(key, f"'{target}' is not a known {what} with its own entry")
    return entry


def is_alias(table: Table) -> bool:
    """Whether a ``license_names`` table is an alias rather than an entry of its own."""
    return "same_as" in table.data or "same_as_name" in table.data


def _known(categories: Mapping[str, str]) -> str:
    return ", ".join(sorted(categories))
