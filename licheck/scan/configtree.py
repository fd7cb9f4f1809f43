"""YAML, JSON and TOML as one small tree whose nodes know their line and column.

configwalk.py applies the key rules once to this tree instead of once per format. YAML uses
PyYAML's composer (SafeLoader only: no tags are constructed, nothing is executed), JSON a
position-keeping parser (jsonpos.py), TOML the standard parser, with each value's position
found by its key path (licheck.tomlpos), never by searching for its text. Parse failures raise
ExtractError naming the line.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from functools import cache
from typing import Any

from licheck.errors import ExtractError
from licheck.scan.text import LineIndex
from licheck.tomlpos import Path, value_offsets

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib


class CNode:
    """A scalar (``value``), a mapping (``items``) or a sequence (``elems``) with its position.

    ``block`` marks a YAML literal/folded scalar, whose text starts on the line after ``line``.
    A parser that finds positions only on demand passes ``locate`` and a token number for
    ``line``: most nodes of most documents are never reported, so their positions are never
    computed.
    """

    __slots__ = ("_column", "_line", "_locate", "block", "elems", "items", "kind", "value")

    def __init__(
        self,
        kind: str,
        line: int = 0,
        column: int = 0,
        value: str | None = None,
        block: bool = False,
        locate: Callable[[int], tuple[int, int]] | None = None,
    ) -> None:
        self.kind = kind
        self.value = value
        self.items: list[tuple[str, CNode]] = []
        self.elems: list[CNode] = []
        self.block = block
        self._line = line  # with ``locate``: the token number to ask it about
        self._column = column
        self._locate = locate

    def _position(self) -> tuple[int, int]:
        if self._locate is not None:
            self._line, self._column = self._locate(self._line)
            self._locate = None
        return self._line, self._column

    @property
    def line(self) -> int:
        """1-based line where the node starts."""
        return self._position()[0]

    @property
    def column(self) -> int:
        """1-based column where the node starts."""
        return self._position()[1]

    def __repr__(self) -> str:
        return f"CNode({self.kind!r}, {self.line}, {self.column}, {self.value!r})"


_NULLS = frozenset({"", "~", "null", "Null", "NULL"})  # YAML 1.1 plain nulls, as SafeLoader
_NULL_TAG = "tag:yaml.org,2002:null"
_IMPLICIT = ""  # the tag _loader's resolver gives untagged nodes


def _from_yaml_node(node: Any, memo: dict[int, CNode], depth: int = 0) -> CNode:
    """One composed ``yaml.Node`` (told apart by its ``id``, the cheapest test) as a CNode.

    Containers are memoised by identity, so an alias is one node and a recursive alias ends
    here; the walk in configwalk.py enters an aliased node at each use and counts those visits.
    """
    kind = node.id
    if kind == "scalar":
        return _yaml_scalar(node)
    if id(node) in memo:
        return memo[id(node)]
    if depth > 200:
        raise ExtractError("YAML nested too deeply")
    mark = node.start_mark
    out = CNode("map" if kind == "mapping" else "seq", mark.line + 1, mark.column + 1)
    memo[id(node)] = out
    if kind == "mapping":
        items = out.items
        for key, value in node.value:
            if key.id == "scalar":
                child = (
                    _yaml_scalar(value)
                    if value.id == "scalar"
                    else _from_yaml_node(value, memo, depth + 1)
                )
                items.append((str(key.value), child))
    else:
        out.elems = [_from_yaml_node(v, memo, depth + 1) for v in node.value]
    return out


def _yaml_scalar(node: Any) -> CNode:
    mark = node.start_mark
    style = node.style
    value = node.value
    tag = node.tag
    plain = not style
    # SafeLoader's null (explicit, or a plain null word left to the resolver), and as before,
    # plain "", "~" and "null" whatever their tag.
    null = (
        tag == _NULL_TAG
        or (plain and tag == _IMPLICIT and value in _NULLS)
        or (plain and value in ("", "~", "null"))
    )
    return CNode(
        "scalar",
        mark.line + 1,
        mark.column + 1,
        None if null else str(value),
        style in ("|", ">"),
    )


@cache
def _loader() -> Any:
    """libyaml's parser without PyYAML's implicit tag resolution (a regex per scalar, in Python).

    Only the null tag matters here, and ``_from_yaml_node`` recognises plain nulls itself.
    """
    import yaml

    base = getattr(yaml, "CBaseLoader", None)
    if base is None:  # pragma: no cover - PyYAML built without libyaml
        return yaml.SafeLoader

    class Loader(base):  # type: ignore[misc,valid-type]
        def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
            return _IMPLICIT

    return Loader


def parse_yaml(text: str) -> list[CNode]:
    """Every document of a YAML stream."""
    import yaml  # here, not at the top: runs without YAML files (most commits) skip its cost

    try:
        docs = list(yaml.compose_all(text, Loader=_loader()))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 0
        # libyaml stops a depth bomb itself ("exceeded maximum nesting depth"); say so.
        what = "nested too deeply" if "depth" in (exc.problem or "") else "syntax error"
        raise ExtractError(f"YAML {what} at line {line}") from None
    except (yaml.YAMLError, RecursionError, ValueError) as exc:
        raise ExtractError(f"YAML cannot be parsed: {type(exc).__name__}") from None
    memo: dict[int, CNode] = {}
    return [_from_yaml_node(doc, memo) for doc in docs if doc is not None]


class _TomlPlaces:
    """Positions of a TOML document's values, worked out on first demand from its key paths
    (``licheck.tomlpos``): most documents report nothing and never pay for the walk."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = LineIndex(text)
        self.paths: list[Path] = []
        self._offsets: dict[Path, int] | None = None

    def ask(self, path: Path) -> int:
        """A number ``locate`` will answer for the value at ``path``."""
        self.paths.append(path)
        return len(self.paths) - 1

    def locate(self, number: int) -> tuple[int, int]:
        if self._offsets is None:
            self._offsets = value_offsets(self.text)
        offset = self._offsets.get(self.paths[number])
        return self.lines.position(offset) if offset is not None else (1, 1)


def _from_toml(value: object, where: _TomlPlaces, path: Path = ()) -> CNode:
    if len(path) > 200:
        raise ExtractError("TOML nested too deeply")
    if isinstance(value, dict):
        node = CNode("map", 1, 1)
        node.items = [(str(k), _from_toml(v, where, (*path, str(k)))) for k, v in value.items()]
        return node
    if isinstance(value, list):
        node = CNode("seq", 1, 1)
        node.elems = [_from_toml(v, where, (*path, i)) for i, v in enumerate(value)]
        return node
    text = value if isinstance(value, str) else str(value)
    return CNode("scalar", where.ask(path), value=text, locate=where.locate)


def parse_toml(text: str) -> CNode:
    """A TOML document; each value placed where its key path says it is written."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"line (\d+)", str(exc))
        raise ExtractError(f"TOML syntax error at line {found.group(1) if found else 0}") from None
    except RecursionError:
        raise ExtractError("TOML nested too deeply") from None
    return _from_toml(data, _TomlPlaces(text))
