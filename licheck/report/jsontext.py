"""Indented JSON text, the same bytes as ``json.dumps(obj, indent=...)``, made faster.

With ``indent`` the standard library encodes in pure Python, one generator per container, which
is most of what rendering a report of thousands of findings costs. ``dumps`` writes the same
layout by joining each container's items, and leaves strings to the library's C escaping
functions and numbers to their ``repr``, exactly as ``json.dumps`` does. It supports what
reports hold: dicts (str, int, float, bool and None keys), lists, tuples, str, int, float, bool,
None, and ``default`` for anything else. Unlike ``json.dumps`` it does not look for reference
cycles (reports are trees; a cycle would end in RecursionError rather than ValueError).

A ``Lazy`` array is written as the list of its items would be, but its items are made one at a
time while writing and let go once written, so a report of tens of thousands of findings never
holds all their dicts and their text at once; each container is joined in one copy.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

# The C escaping functions json.dumps itself uses (pure-Python stand-ins where C is missing).
_ascii: Callable[[str], str] = json.encoder.encode_basestring_ascii
_utf8: Callable[[str], str] = json.encoder.encode_basestring
_INFINITY = float("inf")


class Lazy:
    """A JSON array whose items ``dumps`` makes from ``items`` one at a time (json.dumps cannot
    write it: give it ``list(items)`` instead, which ``dumps`` writes the same)."""

    def __init__(self, items: Iterable[Any]) -> None:
        self.items = items


def _wrap(items: list[str], inner: str, opening: str, closing: str) -> str:
    # The container's text in one copy: brackets glued to the first and last item.
    items[0] = opening + inner + items[0]
    items[-1] = items[-1] + closing
    return ("," + inner).join(items)


def _float(value: float) -> str:
    # json.dumps's allow_nan=True spellings.
    if value != value:
        return "NaN"
    if value == _INFINITY:
        return "Infinity"
    if value == -_INFINITY:
        return "-Infinity"
    return float.__repr__(value)


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
    string = _ascii if ensure_ascii else _utf8
    step = " " * indent

    def key(k: Any) -> str:
        if isinstance(k, str):
            return string(k)
        if k is True:
            return '"true"'
        if k is False:
            return '"false"'
        if k is None:
            return '"null"'
        if isinstance(k, int):
            return string(int.__repr__(k))
        if isinstance(k, float):
            return string(_float(k))
        raise TypeError(f"keys must be str, int, float, bool or None, not {type(k).__name__}")

    def mapping(o: dict[Any, Any], newline: str, tail: str = "") -> str:
        if not o:
            return "{}" + tail
        inner = newline + step
        items = [
            (string(k) if type(k) is str else key(k)) + ": " + value(v, inner) for k, v in o.items()
        ]
        return _wrap(items, inner, "{", newline + "}" + tail)

    def array(o: Iterable[Any], newline: str, tail: str = "") -> str:
        inner = newline + step
        items = [value(v, inner) for v in o]
        return _wrap(items, inner, "[", newline + "]" + tail) if items else "[]" + tail

    def value(o: Any, newline: str) -> str:
        kind = type(o)  # the common exact types first; subclasses take the checks below
        if kind is str:
            return string(o)
        if kind is dict:
            return mapping(o, newline)
        if isinstance(o, str):
            return string(o)
        if o is None:
            return "null"
        if o is True:
            return "true"
        if o is False:
            return "false"
        if isinstance(o, int):
            return int.__repr__(o)
        if isinstance(o, float):
            return _float(o)
        if isinstance(o, dict):
            return mapping(o, newline)
        if isinstance(o, (list, tuple)):
            return array(o, newline)
        if isinstance(o, Lazy):
            return array(o.items, newline)
        if default is None:
            raise TypeError(f"Object of type {type(o).__name__} is not JSON serializable")
        return value(default(o), newline)

    if type(obj) is dict:
        return mapping(obj, "\n", end)
    if type(obj) is list:
        return array(obj, "\n", end)
    return value(obj, "\n") + end
