"""Reading licheck's TOML data files so that every problem names the file and the key.

``Table`` wraps one TOML table with its dotted key path (``rule[3].when``) and turns every
missing, unknown or mistyped key into a ``RuleFileError``. It knows nothing about what rules,
licenses or vendors mean; the loaders built on it do.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

from licheck.errors import RuleFileError
from licheck.rules import parsed
from licheck.tomlio import parse_toml, read_text

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def load_toml(path: Path) -> dict[str, Any]:
    """Parse ``path``; unreadable files and syntax errors become ``RuleFileError``.

    Within ``parsed.kept``, a text parsed in an earlier run comes from the cache instead.
    """

    def error(problem: str) -> RuleFileError:
        return RuleFileError(path, None, problem)

    text = read_text(path, error)
    cache = parsed.active()
    found = cache.get(text) if cache is not None else None
    if found is not None:
        return found
    data = parse_toml(text, error)
    if cache is not None:
        cache.put(text, data)
    return data


def join_key(prefix: str, name: str) -> str:
    """``prefix.name``, quoting ``name`` the way TOML would when it is not a bare key."""
    part = name if _BARE_KEY.fullmatch(name) else '"' + name.replace('"', '\\"') + '"'
    return f"{prefix}.{part}" if prefix else part


def type_name(value: object) -> str:
    """The TOML-facing name of a value's type, for error messages."""
    names = {
        bool: "a boolean",
        str: "a string",
        int: "an integer",
        float: "a float",
        list: "an array",
        dict: "a table",
    }
    return names.get(type(value), type(value).__name__)


class Table:
    """One TOML table being read, with its file and key path for error messages."""

    def __init__(self, path: Path, key: str, data: Mapping[str, Any]) -> None:
        self.path = path
        self.key = key
        self.data = data

    def key_of(self, name: str) -> str:
        """The full dotted key of ``name`` inside this table."""
        return join_key(self.key, name)

    def error(self, name: str | None, problem: str) -> RuleFileError:
        """A ``RuleFileError`` for ``name`` in this table (or the table itself when None)."""
        return RuleFileError(self.path, self.key_of(name) if name else (self.key or None), problem)

    def check_keys(self, required: Collection[str], optional: Collection[str] = ()) -> None:
        """Reject unknown keys and report the first missing required one."""
        allowed = set(required) | set(optional)
        for name in self.data:
            if name not in allowed:
                expected = ", ".join(sorted(allowed))
                raise self.error(name, f"unknown key; expected one of: {expected}")
        for name in required:
            if name not in self.data:
                raise self.error(name, "missing required key")

    def text(self, name: str) -> str:
        """A required, non-blank string."""
        value = self.data.get(name)
        if not isinstance(value, str):
            raise self.error(name, f"expected a string, got {type_name(value)}")
        if not value.strip():
            raise self.error(name, "must not be empty")
        return value.strip()

    def opt_text(self, name: str) -> str | None:
        """An optional non-blank string (None when absent)."""
        return self.text(name) if name in self.data else None

    def text_list(self, name: str) -> tuple[str, ...]:
        """A required array of non-blank strings (may be empty)."""
        value = self.data.get(name)
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.error(name, "expected an array of non-empty strings")
        return tuple(v.strip() for v in value)

    def table(self, name: str) -> Table:
        """A required sub-table."""
        value = self.data.get(name)
        if not isinstance(value, dict):
            raise self.error(name, f"expected a table, got {type_name(value)}")
        return Table(self.path, self.key_of(name), value)

    def tables(self, name: str) -> list[Table]:
        """A required array of tables (``[[name]]``), each keyed ``name[i]``."""
        value = self.data.get(name)
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.error(name, "expected an array of tables")
        return [Table(self.path, f"{self.key_of(name)}[{i}]", v) for i, v in enumerate(value)]

    def children(self) -> list[tuple[str, Table]]:
        """Every value of this table as a sub-table, in file order (for keyed sections)."""
        return [(name, self.table(name)) for name in self.data]
