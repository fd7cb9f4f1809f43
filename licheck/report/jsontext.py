"""Indented JSON text, the same bytes as ``json.dumps(obj, indent=...)``, made faster.

With ``indent`` the standard library encodes in pure Python, one generator per container, which
is most of what rendering a report of thousands of findings costs. ``dumps`` writes the same
layout by joining each container's items, and leaves strings to the library's C escaping
functions and numbers to their ``repr``, exactly as ``json.dumps`` does. It supports what
reports hold: dicts (str, int, float, bool and None keys), lists, tuples, str, int, float, bool,
None, and ``default`` for anything else. Unlike ``json.dumps`` it does not look for reference
cycles (reports are trees; a cycle would end in RecursionError rather than ValueError).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

# The C escaping functions json.dumps itself uses (pure-Python stand-ins where C is missing).
_ascii: Callable[[str], str] = json.encoder.encode_basestring_ascii
_utf8: Callable[[str], str] = json.encoder.encode_basestring
_INFINITY = float("inf")


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
) -> str:
    """``json.dumps(obj, indent=indent, default=default, ensure_ascii=ensure_ascii)``."""
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

    def mapping(o: dict[Any, Any], newline: str) -> str:
        if not o:
            return "{}"
        inner = newline + step
        items = [
            (string(k) if type(k) is str else key(k)) + ": " + value(v, inner) for k, v in o.items()
        ]
        return "{" + inner + ("," + inner).join(items) + newline + "}"

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
            if not o:
                return "[]"
            inner = newline + step
            return "[" + inner + ("," + inner).join([value(v, inner) for v in o]) + newline + "]"
        if default is None:
            raise TypeError(f"Object of type {type(o).__name__} is not JSON serializable")
        return value(default(o), newline)

    return value(obj, "\n")
