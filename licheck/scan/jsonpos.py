"""A JSON parser that keeps the line and column of every value.

The standard ``json`` module forgets positions; references need them. Strict JSON is parsed by
the standard library's C parser and a value's position is found, only when asked, by counting
tokens; anything else goes through a position-keeping parser whose strings are decoded by the
same C scanner. It is lenient the way editors' JSON is (``//`` and ``/* */`` comments, trailing
commas) so tsconfig-style files are not reported as broken. Any malformed input raises
ExtractError naming the line; nothing else escapes.
"""

from __future__ import annotations

import json
import json.decoder
import re
from collections.abc import Callable

from licheck.errors import ExtractError
from licheck.scan.configtree import CNode
from licheck.scan.text import LineIndex

_SPACE = re.compile(r"(?:\s+|//[^\n]*|/\*.*?\*/)*", re.S)
_SCALAR = re.compile(r"-?(?:\d+)(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null|NaN|-?Infinity")
_NUMBER = re.compile(r"-?(?:\d|Infinity)|NaN")  # a value that is a number, by its first token
MAX_DEPTH = 200
# The json module's own string scanner (its C one when built): public as json.decoder.scanstring,
# though typeshed leaves it out, hence the annotation. (string, index after the quote, strict)
scanstring: Callable[[str, int, bool], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]


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
        numbers = True
        while True:
            self.skip()
            if self.text.startswith(close, self.pos):
                self.pos += 1
                if numbers:  # as the fast path: an array of numbers keeps no nodes
                    node.elems = []
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
                self.skip()
                numbers = numbers and _NUMBER.match(self.text, self.pos) is not None
                node.elems.append(self.value(depth + 1))
            self.skip()
            if self.text.startswith(",", self.pos):
                self.pos += 1
            elif not self.text.startswith(close, self.pos):
                raise self.fail()


class _Pairs(list[tuple[str, object]]):
    """An object's members in order, duplicates kept (``object_pairs_hook``)."""


class _Number(str):
    """A number as written (``parse_int``/``parse_float``), told apart from strings by type."""

    __slots__ = ()


# In strict JSON every value and key is one of these, in document order: a string, a bare
# scalar (number, true, false, null, NaN, Infinity) or an opening bracket.
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[^\s\[\]{}:,"]+|[\[{]')


class _TooDeep(Exception):
    pass


class _Locator:
    """Finds the start of the n-th token, tokenizing the text the first time it is asked."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts: list[int] = []
        self.lines: LineIndex | None = None

    def __call__(self, ordinal: int) -> tuple[int, int]:
        if self.lines is None:
            self.starts = [m.start() for m in _TOKEN.finditer(self.text)]
            self.lines = LineIndex(self.text)
        return self.lines.position(self.starts[ordinal])


class _Builder:
    """Turns ``json.loads`` output into nodes whose positions are looked up only when asked."""

    def __init__(self, text: str) -> None:
        self.locate = _Locator(text)
        self.count = 0  # tokens so far: a node's number is where its own token is

    def node(self, value: object, depth: int) -> CNode:
        if depth > MAX_DEPTH:
            raise _TooDeep  # the slow parser says where
        number = self.count
        self.count += 1
        if type(value) is _Pairs:
            node = CNode("map", number, 0, None, False, self.locate)
            items = node.items
            for key, member in value:
                self.count += 1  # the key's token
                items.append((key, self.node(member, depth + 1)))
            return node
        if type(value) is list:
            node = CNode("seq", number, 0, None, False, self.locate)
            if all(type(elem) is _Number for elem in value):
                # Vectors and tables of numbers (often most of a large file) name no model,
                # as an element or as a command's word: their nodes are never built.
                self.count += len(value)
            else:
                node.elems = [self.node(elem, depth + 1) for elem in value]
            return node
        return CNode("scalar", number, 0, _scalar(value), False, self.locate)


def _scalar(value: object) -> str | None:
    if value is True or value is False:
        return "true" if value else "false"
    return None if value is None else str(value)  # strings, and numbers as written


def parse_json(text: str) -> CNode:
    """The whole document as a tree; raises ExtractError on malformed JSON."""
    # Strict JSON goes through the C parser; only JSONC (comments, trailing commas) and broken
    # files need the character-by-character parser, which also words the error.
    try:
        data = json.loads(
            text,
            object_pairs_hook=_Pairs,
            parse_float=_Number,
            parse_int=_Number,
            parse_constant=_Number,
        )
        return _Builder(text).node(data, 0)
    except (ValueError, RecursionError, _TooDeep):
        pass
    return parse_json_slowly(text)


def parse_json_slowly(text: str) -> CNode:
    """``parse_json`` without the C parser: lenient, and the one that words errors."""
    parser = _Parser(text)
    root = parser.value(0)
    parser.skip()
    if parser.pos != len(text):
        raise parser.fail()
    return root
