"""YAML, JSON and TOML as one small tree whose nodes know their line and column.

configs.py applies the key rules once to this tree instead of once per format. YAML uses
PyYAML's composer (SafeLoader only: no tags are constructed, nothing is executed), JSON a
position-keeping parser (jsonpos.py), TOML the standard parser plus a search of the text for
each string's position. Parse failures raise ExtractError naming the line.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from licheck.errors import ExtractError
from licheck.scan.text import LineIndex

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

if TYPE_CHECKING:
    import yaml


@dataclass
class CNode:
    """A scalar (``value``), a mapping (``items``) or a sequence (``elems``) with its position.

    ``block`` marks a YAML literal/folded scalar, whose text starts on the line after ``line``.
    """

    kind: str
    line: int
    column: int
    value: str | None = None
    items: list[tuple[str, CNode]] = field(default_factory=list)
    elems: list[CNode] = field(default_factory=list)
    block: bool = False


def _from_yaml_node(node: yaml.Node, memo: dict[int, CNode], depth: int = 0) -> CNode:
    if id(node) in memo:
        return memo[id(node)]
    if depth > 200:
        raise ExtractError("YAML nested too deeply")
    mark = node.start_mark
    out = CNode("scalar", mark.line + 1, mark.column + 1)
    memo[id(node)] = out
    import yaml  # already loaded by parse_yaml: a dictionary lookup

    if isinstance(node, yaml.MappingNode):
        out.kind = "map"
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                out.items.append((str(key.value), _from_yaml_node(value, memo, depth + 1)))
    elif isinstance(node, yaml.SequenceNode):
        out.kind = "seq"
        out.elems = [_from_yaml_node(v, memo, depth + 1) for v in node.value]
    else:
        style = getattr(node, "style", None)
        null = node.tag == "tag:yaml.org,2002:null" or (
            node.value in ("", "~", "null") and not style
        )
        out.value = None if null else str(node.value)
        out.block = style in ("|", ">")
    return out


def parse_yaml(text: str) -> list[CNode]:
    """Every document of a YAML stream."""
    import yaml  # here, not at the top: runs without YAML files (most commits) skip its cost

    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        docs = list(yaml.compose_all(text, Loader=loader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 0
        raise ExtractError(f"YAML syntax error at line {line}") from None
    except (yaml.YAMLError, RecursionError, ValueError) as exc:
        raise ExtractError(f"YAML cannot be parsed: {type(exc).__name__}") from None
    memo: dict[int, CNode] = {}
    return [_from_yaml_node(doc, memo) for doc in docs if doc is not None]


_TOML_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'')


class _TomlPositions:
    """Hands out the positions of string literals in document order, one per use."""

    def __init__(self, text: str) -> None:
        self.lines = LineIndex(text)
        self.queues: dict[str, list[int]] = {}
        for match in _TOML_STRING.finditer(text):
            raw = match.group(0)
            value = raw[1:-1]
            if raw[0] == '"' and "\\" in value:
                try:
                    value = tomllib.loads(f"v = {raw}")["v"]
                except tomllib.TOMLDecodeError:
                    continue
            self.queues.setdefault(value, []).append(match.start())

    def take(self, value: str) -> tuple[int, int]:
        queue = self.queues.get(value)
        if not queue:
            return 1, 1
        offset = queue.pop(0) if len(queue) > 1 else queue[0]
        return self.lines.position(offset)


def _from_toml(value: object, where: _TomlPositions, depth: int = 0) -> CNode:
    if depth > 200:
        raise ExtractError("TOML nested too deeply")
    if isinstance(value, dict):
        node = CNode("map", 1, 1)
        node.items = [(str(k), _from_toml(v, where, depth + 1)) for k, v in value.items()]
        return node
    if isinstance(value, list):
        node = CNode("seq", 1, 1)
        node.elems = [_from_toml(v, where, depth + 1) for v in value]
        return node
    if isinstance(value, str):
        line, column = where.take(value)
        return CNode("scalar", line, column, value)
    return CNode("scalar", 1, 1, str(value))


def parse_toml(text: str) -> CNode:
    """A TOML document; string positions found by searching the text."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"line (\d+)", str(exc))
        raise ExtractError(f"TOML syntax error at line {found.group(1) if found else 0}") from None
    except RecursionError:
        raise ExtractError("TOML nested too deeply") from None
    return _from_toml(data, _TomlPositions(text))
