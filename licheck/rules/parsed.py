"""The built-in rule files as parsed before, kept in the cache folder across runs.

Parsing the built-in TOML (``tomllib`` is pure Python) is most of what loading the rules costs a
run. ``kept(cache_dir)`` makes ``load_toml`` answer a file whose text it parsed in an earlier run
from ``rules-parsed.json`` in that folder, and writes the file anew when it parsed something.

The file is JSON (never pickle: a CI cache may be restored from another machine), and an entry
is keyed by the SHA-256 of the file's text; the whole file by licheck's version and the parser.
TOML's dates and times are written as tagged objects, and an entry is kept only if it reads back
equal to what the parser made. A missing, unreadable, stale or corrupt file only costs the
parse: it is never an error, and neither is a folder that cannot be written.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from licheck import __version__
from licheck.atomic import write_atomic

NAME = "rules-parsed.json"
_TAG = "\x00toml"  # the key of a tagged date or time; what parses to one is never kept
_KINDS: dict[str, Any] = {"date": dt.date, "datetime": dt.datetime, "time": dt.time}
# Whose parse the entries are: licheck's (its rule data) and the parser's (Python's tomllib).
STAMP = f"licheck {__version__}; python {sys.version_info[0]}.{sys.version_info[1]}"


class Parsed:
    """The entries of one cache file: read when a load first asks, written back if it grew.

    Each entry is kept as its JSON text, and made into data afresh for each file loaded, so
    nothing a loader does to its data can reach the file.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._entries: dict[str, str] | None = None  # read when first asked: a load may parse none
        self.used: dict[str, str] = {}
        self.grew = False

    @property
    def entries(self) -> dict[str, str]:
        """The file's entries, read on first use."""
        if self._entries is None:
            self._entries = _read(self.path)
        return self._entries

    def get(self, text: str) -> dict[str, Any] | None:
        """The data parsed before from ``text`` (None: not kept)."""
        digest = _digest(text)
        encoded = self.entries.get(digest)
        if encoded is None:
            return None
        try:
            data = json.loads(encoded, object_hook=_decoded)
        except (ValueError, TypeError, KeyError):  # a corrupt entry, a mangled tag
            return None
        self.used[digest] = encoded
        return data if isinstance(data, dict) else None

    def put(self, text: str, data: dict[str, Any]) -> None:
        """Keep ``data``, parsed from ``text``, if it reads back the same from its JSON."""
        try:
            encoded = json.dumps(data, default=_encode, separators=(",", ":"))
            back = json.loads(encoded, object_hook=_decoded)
        except (TypeError, ValueError, KeyError):  # a table that looks like a tag, say
            return
        if _same(back, data):
            self.used[_digest(text)] = encoded
            self.grew = True

    def save(self) -> None:
        """Write the entries used by this load, if any was new (an old file loses the rest)."""
        if not self.grew:
            return
        text = json.dumps({"stamp": STAMP, "entries": self.used})
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # A cache, not a record: replaced atomically, not fsynced (a lost write costs a parse).
            write_atomic(self.path, text.encode("utf-8"), durable=False)


_ACTIVE: list[Parsed] = []


def active() -> Parsed | None:
    """The cache of the load in progress (None: parse every file)."""
    return _ACTIVE[-1] if _ACTIVE else None


@contextlib.contextmanager
def kept(cache_dir: Path | None) -> Iterator[None]:
    """Within: the files' parses come from, and go to, ``cache_dir`` (None: nowhere)."""
    if cache_dir is None:
        yield
        return
    parsed = Parsed(cache_dir / NAME)
    _ACTIVE.append(parsed)
    try:
        yield
    finally:
        _ACTIVE.pop()
    parsed.save()


def _read(path: Path) -> dict[str, str]:
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):  # missing, unreadable, not UTF-8, not JSON
        return {}
    if not isinstance(stored, dict) or stored.get("stamp") != STAMP:
        return {}
    entries = stored.get("entries")
    if not isinstance(entries, dict):
        return {}
    return {k: v for k, v in entries.items() if isinstance(v, str)}


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _encode(value: object) -> dict[str, str]:
    # dt.datetime before dt.date: a datetime is a date too.
    for kind in ("datetime", "date", "time"):
        if isinstance(value, _KINDS[kind]):
            return {_TAG: kind, "iso": value.isoformat()}
    raise TypeError(f"{type(value).__name__} is not TOML")


def _decoded(table: dict[str, Any]) -> Any:
    kind = table.get(_TAG)
    if kind is None:
        return table
    return _KINDS[kind].fromisoformat(table["iso"])  # KeyError: a mangled entry, not kept


def _same(a: Any, b: Any) -> bool:
    """Equal, and of the same types throughout (1, 1.0 and True are equal, not the same)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(map(_same, a, b))
    if isinstance(a, float) and a != a:  # nan
        return bool(b != b)
    return bool(a == b)
