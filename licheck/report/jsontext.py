"""Indented JSON text written with ``json.dumps``, with long arrays made while they are written.

A report of tens of thousands of findings should not hold all their dicts at once. A ``Lazy``
array is written as the list of its items would be, but its items are made one at a time and
let go once written. Everything else is ``json.dumps``'s own text: ``dumps`` only lays out the
containers that hold a ``Lazy`` (the report's top level), the same way ``json.dumps(indent=...)``
does, and indents each item's text to its depth (JSON strings never hold a raw newline, so
that is a plain replace).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from functools import partial
from typing import Any


class Lazy:
    """A JSON array whose items ``dumps`` makes from ``items`` one at a time (json.dumps cannot
    write it: give it ``list(items)`` instead, which ``dumps`` writes the same)."""

    def __init__(self, items: Iterable[Any]) -> None:
        self.items = items


def _holds_lazy(o: Any) -> bool:
    if isinstance(o, dict):
        return any(isinstance(v, Lazy) for v in o.values())
    return isinstance(o, list | tuple) and any(isinstance(v, Lazy) for v in o)


def _plain(o: Any) -> Any:
    # What json.dumps can take: every Lazy made into its list (only where a key is not a str).
    if isinstance(o, Lazy):
        return [_plain(v) for v in o.items]
    if isinstance(o, dict):
        return {k: _plain(v) for k, v in o.items()}
    if isinstance(o, list | tuple):
        return [_plain(v) for v in o]
    return o


def dumps(
    obj: Any,
    *,
    indent: int,
    default: Callable[[Any], Any] | None = None,
    ensure_ascii: bool = True,
    end: str = "",
) -> str:
    """``json.dumps(obj, indent=indent, default=default, ensure_ascii=ensure_ascii) + end``.

    ``Lazy`` arrays anywhere in ``obj`` are written as lists."""
    encode = partial(json.dumps, indent=indent, default=default, ensure_ascii=ensure_ascii)
    step = " " * indent

    def text(o: Any, newline: str) -> str:
        if isinstance(o, Lazy):
            return array(o.items, newline)
        if not _holds_lazy(o):
            return encode(o).replace("\n", newline)
        if isinstance(o, dict):
            if not all(isinstance(k, str) for k in o):
                return encode(_plain(o)).replace("\n", newline)
            inner = newline + step
            items = [encode(k) + ": " + text(v, inner) for k, v in o.items()]
            return "{" + inner + ("," + inner).join(items) + newline + "}"
        return array(o, newline)

    def array(items: Iterable[Any], newline: str) -> str:
        inner = newline + step
        texts = [text(v, inner) for v in items]
        return "[" + inner + ("," + inner).join(texts) + newline + "]" if texts else "[]"

    return text(obj, "\n") + end
