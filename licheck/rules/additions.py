"""A project's or an organisation's own rule data: the files of its rules folders and the data
tables of ``[tool.licheck]``, read into ``RuleSource`` records for the loaders to merge.

A rules folder is a folder of ``*.toml`` files (or one such file). What a file holds is told by
its top-level keys, any mix of: ``rule`` (a rule pack, as ``rules/core.toml``), ``licenses`` and
``license_names`` (new licenses, as ``rules/licenses.toml``), ``regrade`` (another category for
a known license), ``vendors`` and ``alternatives`` (new vendors, events added to known ones, new
alternatives, as ``rules/vendors.toml``). Any other key is an error naming the file and the key:
the category list, the event kinds, the provenance policy and the scan's vocabulary are built
in. This module finds and reads files; merging is ``license_additions`` and
``vendor_additions``, rule packs are ``pack``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from licheck.config import RULE_DATA_KEYS
from licheck.errors import RuleFileError
from licheck.rules._toml import Table, load_toml

# What [tool.licheck] may hold inline: data, not rule packs (a pack lives in a folder).
INLINE_KEYS = RULE_DATA_KEYS
FILE_KEYS = ("rule", *INLINE_KEYS)
# Built-in files whose settings no folder overrides; a copy of one in a rules folder is refused
# by name, with the reason, rather than as a list of unknown keys.
BUILT_IN_ONLY = {
    "provenance.toml": "the provenance and drift policy (weights, thresholds) is built in",
    "scan.toml": "the scan's vocabulary (legacy ids, API providers) is built in",
}


@dataclass(frozen=True)
class RuleSource:
    """One file of a rules folder, or the data tables of ``[tool.licheck]``.

    ``table`` is its root (keys are named from it in errors: ``license_names.acme.category`` or
    ``tool.licheck.license_names.acme.category``); ``label`` is how reports and messages name
    where an addition came from.
    """

    table: Table
    label: str

    @property
    def path(self) -> Path:
        """The file it was read from."""
        return self.table.path

    def section(self, key: str) -> Table | None:
        """The ``key`` table of this source (``licenses``, ``vendors`` ...), if it has one."""
        return self.table.table(key) if key in self.table.data else None


def label_of(path: Path) -> str:
    """A path as messages show it: relative to the working directory when inside it, so
    reports made at a repository's root name ``compliance/rules/licenses.toml``."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError):
        return str(path)


def folder_sources(locations: Iterable[Path]) -> list[RuleSource]:
    """Every ``*.toml`` of these folders (or files), in order, file names sorted per folder."""
    sources: list[RuleSource] = []
    for location in locations:
        for path in toml_files(Path(location)):
            if path.name in BUILT_IN_ONLY:
                problem = f"{BUILT_IN_ONLY[path.name]}; a rules folder cannot hold {path.name}"
                raise RuleFileError(path, None, problem)
            table = Table(path, "", load_toml(path))
            table.check_keys((), FILE_KEYS)
            sources.append(RuleSource(table, label_of(path)))
    return sources


def inline_source(path: Path | None, data: Mapping[str, Any]) -> RuleSource | None:
    """The data tables of ``[tool.licheck]`` (``path`` is the pyproject.toml), if any."""
    picked = {key: value for key, value in data.items() if key in INLINE_KEYS}
    if not picked:
        return None
    where = path or Path("pyproject.toml")
    return RuleSource(Table(where, "tool.licheck", picked), f"{label_of(where)} [tool.licheck]")


def toml_files(location: Path) -> list[Path]:
    """``location`` itself when it is a file, else the folder's ``*.toml`` sorted by name."""
    if location.is_file():
        return [location]
    if not location.is_dir():
        raise RuleFileError(location, None, "no such rule directory or file")
    return sorted(location.glob("*.toml"))


def with_key(sources: Sequence[RuleSource], key: str) -> list[tuple[RuleSource, Table]]:
    """Each source's ``key`` table, for the sources that have one, in order."""
    return [(source, table) for source in sources if (table := source.section(key)) is not None]
