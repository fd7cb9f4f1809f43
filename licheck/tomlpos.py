"""Where each value of a TOML document is written, found by its key path.

``tomllib`` parses TOML but forgets positions. ``value_offsets`` walks the text of a document
tomllib has already accepted, the way a TOML parser does (table headers, arrays of tables and
their element counts, dotted keys, inline tables, arrays, the four kinds of strings), and records
the offset of every value under its concrete path: ``("tool", "app", "model")``, ``("serve", 1,
"id")``. Comments, keys and the text inside other strings are stepped over, never searched, so a
commented-out id cannot take the place of the real one. One pass, linear in the text. Should the
walk meet something it does not follow, it stops and the values after that point are simply not
placed (callers fall back to line 1); it never raises and never decides what a value means.
Used by the scan's TOML extractor and for the lines of ``[tool.licheck]`` waivers.
"""

from __future__ import annotations

import contextlib
import re
import sys

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

Path = tuple[str | int, ...]

_SPACE = re.compile(r"(?:[ \t\r\n]+|#[^\n]*)*")  # blank lines and comments between tokens
_INLINE = re.compile(r"[ \t]*")
_BARE = re.compile(r"[A-Za-z0-9_-]+")
_BASIC = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_LITERAL = re.compile(r"'[^'\n]*'")
# A multi-line string ends at the first run of three quotes; up to two more belong to it.
_ML_BASIC = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"{3,5}', re.S)
_ML_LITERAL = re.compile(r"'''(?:[^']|'(?!''))*'{3,5}")
_SCALAR = re.compile(r"[^,\]}#\r\n]+")  # numbers, booleans, dates (which may hold a space)
MAX_DEPTH = 200


class _Stop(Exception):
    """The walk met text it does not follow: keep what was placed so far."""


class _Walk:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.found: dict[Path, int] = {}
        # Arrays of tables by concrete path: how many elements their headers have opened.
        self.arrays: dict[Path, int] = {}

    def run(self) -> None:
        text = self.text
        table: Path = ()
        while True:
            self.skip()
            if self.pos >= len(text):
                return
            if text.startswith("[[", self.pos):
                self.pos += 2
                keys = self.key()
                self.expect("]]")
                parent = self.concrete(keys[:-1]) + keys[-1:]
                count = self.arrays.get(parent, 0)
                self.arrays[parent] = count + 1
                table = (*parent, count)
            elif text.startswith("[", self.pos):
                self.pos += 1
                keys = self.key()
                self.expect("]")
                table = self.concrete(keys)
            else:
                self.pair(table, 0)

    def concrete(self, keys: Path) -> Path:
        """A header's key path with the current element of each array of tables it crosses."""
        out: list[str | int] = []
        for part in keys:
            out.append(part)
            count = self.arrays.get(tuple(out))
            if count:
                out.append(count - 1)
        return tuple(out)

    def skip(self) -> None:
        self.pos = _SPACE.match(self.text, self.pos).end()  # type: ignore[union-attr]

    def inline(self) -> None:
        self.pos = _INLINE.match(self.text, self.pos).end()  # type: ignore[union-attr]

    def expect(self, token: str) -> None:
        self.inline()
        if not self.text.startswith(token, self.pos):
            raise _Stop
        self.pos += len(token)

    def key(self) -> Path:
        """A dotted key (``a."b.c".'d'``) as its parts."""
        parts: list[str | int] = []
        while True:
            self.inline()
            parts.append(self.simple_key())
            self.inline()
            if not self.text.startswith(".", self.pos):
                return tuple(parts)
            self.pos += 1

    def simple_key(self) -> str:
        for pattern in (_BARE, _BASIC, _LITERAL):
            found = pattern.match(self.text, self.pos)
            if found is not None:
                self.pos = found.end()
                raw = found.group(0)
                if pattern is _BARE:
                    return raw
                if raw[0] == '"' and "\\" in raw:
                    return str(tomllib.loads(f"k = {raw}")["k"])
                return raw[1:-1]
        raise _Stop

    def pair(self, table: Path, depth: int) -> None:
        keys = self.key()
        self.expect("=")
        self.inline()
        self.value((*table, *keys), depth)

    def value(self, path: Path, depth: int) -> None:
        if depth > MAX_DEPTH:
            raise _Stop
        text, start = self.text, self.pos
        self.found[path] = start
        if text.startswith('"""', start):
            self.match(_ML_BASIC)
        elif text.startswith("'''", start):
            self.match(_ML_LITERAL)
        elif text.startswith('"', start):
            self.match(_BASIC)
        elif text.startswith("'", start):
            self.match(_LITERAL)
        elif text.startswith("[", start):
            self.pos += 1
            self.items(path, depth, "]")
        elif text.startswith("{", start):
            self.pos += 1
            self.items(path, depth, "}")
        else:
            self.match(_SCALAR)

    def match(self, pattern: re.Pattern[str]) -> None:
        found = pattern.match(self.text, self.pos)
        if found is None:
            raise _Stop
        self.pos = found.end()

    def items(self, path: Path, depth: int, close: str) -> None:
        """The elements of an array (``]``) or the pairs of an inline table (``}``)."""
        index = 0
        while True:
            self.skip()
            if self.text.startswith(close, self.pos):
                self.pos += 1
                return
            if close == "]":
                self.value((*path, index), depth + 1)
                index += 1
            else:
                self.pair(path, depth + 1)
            self.skip()
            if self.text.startswith(",", self.pos):
                self.pos += 1
            elif not self.text.startswith(close, self.pos):
                raise _Stop


def value_offsets(text: str) -> dict[Path, int]:
    """The offset of every value (its first character: the opening quote of a string, the ``[``
    of an array) in a document tomllib accepts, by concrete key path."""
    walk = _Walk(text)
    # The values placed before a surprise keep their offsets.
    with contextlib.suppress(_Stop, RecursionError, tomllib.TOMLDecodeError):
        walk.run()
    return walk.found
