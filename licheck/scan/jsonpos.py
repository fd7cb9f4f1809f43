"""A JSON parser that keeps the line and column of every value.

The standard ``json`` module forgets positions; references need them. Strings are decoded by the
standard library's C scanner, so this stays fast. It is lenient the way editors' JSON is
(``//`` and ``/* */`` comments, trailing commas) so tsconfig-style files are not reported as
broken. Any malformed input raises ExtractError naming the line; nothing else escapes.
"""

from __future__ import annotations

import re
from _json import scanstring

from licheck.errors import ExtractError
from licheck.scan.configtree import CNode
from licheck.scan.text import LineIndex

_SPACE = re.compile(r"(?:\s+|//[^\n]*|/\*.*?\*/)*", re.S)
_SCALAR = re.compile(r"-?(?:\d+)(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null|NaN|-?Infinity")
MAX_DEPTH = 200


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = LineIndex(text)
        self.pos = 0

    def fail(self, what: str = "JSON syntax error") -> ExtractError:
        line, _ = self.lines.position(min(self.pos, len(self.text)))
        return ExtractError(f"{what} at line {line}")

    def skip(self) -> None:
        self.pos = _SPACE.match(self.text, self.pos).end()  # type: ignore[union-attr]

    def node(self, kind: str, start: int) -> CNode:
        line, column = self.lines.position(start)
        return CNode(kind, line, column)

    def string(self) -> str:
        try:
            value, end = scanstring(self.text, self.pos + 1, True)
        except ValueError:
            raise self.fail() from None
        self.pos = end
        return value

    def value(self, depth: int) -> CNode:
        if depth > MAX_DEPTH:
            raise self.fail("JSON nested too deeply")
        self.skip()
        start = self.pos
        char = self.text[start : start + 1]
        if char == "{":
            return self.container(depth, "map", "}")
        if char == "[":
            return self.container(depth, "seq", "]")
        node = self.node("scalar", start)
        if char == '"':
            node.value = self.string()
            return node
        match = _SCALAR.match(self.text, start)
        if match is None or match.end() == start:
            raise self.fail()
        self.pos = match.end()
        node.value = None if match.group(0) == "null" else match.group(0)
        return node

    def container(self, depth: int, kind: str, close: str) -> CNode:
        node = self.node(kind, self.pos)
        self.pos += 1
        while True:
            self.skip()
            if self.text.startswith(close, self.pos):
                self.pos += 1
                return node
            if kind == "map":
                if not self.text.startswith('"', self.pos):
                    raise self.fail()
                key = self.string()
                self.skip()
                if not self.text.startswith(":", self.pos):
                    raise self.fail()
                self.pos += 1
                node.items.append((key, self.value(depth + 1)))
            else:
                node.elems.append(self.value(depth + 1))
            self.skip()
            if self.text.startswith(",", self.pos):
                self.pos += 1
            elif not self.text.startswith(close, self.pos):
                raise self.fail()


def parse_json(text: str) -> CNode:
    """The whole document as a tree; raises ExtractError on malformed JSON."""
    parser = _Parser(text)
    root = parser.value(0)
    parser.skip()
    if parser.pos != len(text):
        raise parser.fail()
    return root
