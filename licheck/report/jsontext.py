"""Indented JSON text, byte for byte ``json.dumps``'s, with long arrays made while written.

A report of tens of thousands of findings should not hold all their dicts at once. A ``Lazy``
array is written as the list of its items would be, but its items are made one at a time and
let go once written. ``dumps`` only lays out the containers that hold a ``Lazy`` (the report's
top level), the same way ``json.dumps(indent=...)`` does, and indents each item's text to its
depth (JSON strings never hold a raw newline, so that is a plain replace).

With an indent, ``json.dumps`` runs the standard library's pure-Python encoder (its C encoder
only writes compact text), which cost a large report most of its rendering time. So an item
made only of what both encoders write alike (``str``, ``int``, ``bool``, ``None``, lists,
tuples and dicts with ``str`` keys) is written by orjson when the indent is 2, and the
characters ``ensure_ascii`` escapes (non-ASCII and DEL) are escaped afterwards as ``json.dumps``
escapes them. Anything else (a float, which orjson formats its own way, an enum, a date, a
non-``str`` key, a value only ``default`` can write) and every other indent go to
``json.dumps``: the text is the same either way.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from functools import partial
from typing import Any

import orjson


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


def _alike(o: Any) -> bool:
    """Whether orjson writes ``o`` as json.dumps does: exact types only, since a subclass (an
    enum) or a float is where the two differ. Loops, not all(): this walks every report item."""
    kind = type(o)
    if kind is dict:
        for key, value in o.items():
            leaf = type(value)
            if type(key) is not str or not (
                leaf is str or leaf is int or leaf is bool or value is None or _alike(value)
            ):
                return False
        return True
    if kind is list or kind is tuple:
        for value in o:
            leaf = type(value)
            if not (leaf is str or leaf is int or leaf is bool or value is None or _alike(value)):
                return False
        return True
    return kind is str or kind is int or kind is bool or o is None


# How many alike items of a Lazy array one orjson call writes: a call has a cost of its own,
# and a run's text is held until written anyway.
_RUN = 256

# What json.dumps escapes with ensure_ascii and orjson writes as it is: DEL and non-ASCII.
_UNESCAPED = re.compile("[^\x00-\x7e]+")


def _escaped(match: re.Match[str]) -> str:
    # Such text only ever stands inside a JSON string; json.dumps writes each character alone
    # (\uXXXX, astral ones as surrogate pairs), so escaping the run by itself is the same.
    return json.dumps(match.group())[1:-1]


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
    stdlib = partial(json.dumps, indent=indent, default=default, ensure_ascii=ensure_ascii)
    step = " " * indent
    # The text is written as parts and joined once: a report runs to megabytes, and each
    # concatenation of the whole would copy it again (and touch as much new memory).
    parts: list[str] = []
    put = parts.append

    def fast(o: Any) -> str | None:
        # orjson's text, when it is json.dumps's (a Lazy is not alike: it goes to the layout).
        if indent != 2 or not _alike(o):
            return None
        return orjson_text(o)

    def orjson_text(o: Any, *, cut: tuple[int, int] = (0, 0)) -> str | None:
        # ``o`` is alike: orjson's text, escaped as json.dumps escapes it (None: orjson refuses).
        # ``cut``: that many characters (all ASCII) left off at its start and its end.
        try:
            raw = orjson.dumps(o, option=orjson.OPT_INDENT_2)
        except orjson.JSONEncodeError:  # an int beyond 64 bits, a lone surrogate
            return None
        out = str(memoryview(raw)[cut[0] : len(raw) - cut[1]], "utf-8") if cut[0] else raw.decode()
        if ensure_ascii and (not out.isascii() or "\x7f" in out):
            return _UNESCAPED.sub(_escaped, out)
        return out

    def write(o: Any, newline: str) -> None:
        if isinstance(o, Lazy):
            array(o.items, newline)
            return
        out = fast(o)
        if out is None:
            if _holds_lazy(o):
                layout(o, newline)
                return
            out = stdlib(o)
        put(out.replace("\n", newline))

    def layout(o: Any, newline: str) -> None:
        if not isinstance(o, dict):
            array(o, newline)
        elif not all(isinstance(k, str) for k in o):
            put(stdlib(_plain(o)).replace("\n", newline))
        else:  # not empty: it holds a Lazy
            inner = newline + step
            put("{")
            for i, (k, v) in enumerate(o.items()):
                put("," + inner if i else inner)
                write(k, inner)
                put(": ")
                write(v, inner)
            put(newline + "}")

    def array(items: Iterable[Any], newline: str) -> None:
        inner = newline + step
        start = len(parts)
        put("[")
        run: list[Any] = []  # alike items waiting to be written by one orjson call
        for v in items:
            if indent == 2 and _alike(v):
                run.append(v)
                if len(run) == _RUN:
                    written(run, newline, start)
                    run = []
                continue
            if run:
                written(run, newline, start)
                run = []
            put("," + inner if len(parts) > start + 1 else inner)
            write(v, inner)
        if run:
            written(run, newline, start)
        if len(parts) == start + 1:
            parts[start] = "[]"
        else:
            put(newline + "]")

    def written(run: list[Any], newline: str, start: int) -> None:
        # The items of ``run``, after the parts of the array that begins at ``start``. orjson
        # writes [a, b] as "[\n  a,\n  b\n]", its items one step in; put in as many more arrays
        # as ``newline`` is steps deep, its items stand where this array's items go, and what
        # stands between the innermost brackets is the items as this array joins them.
        inner = newline + step
        put("," + inner if len(parts) > start + 1 else inner)
        wrapped: Any = run
        levels = (len(newline) - 1) // indent + 1  # the run's own array and its wrappers
        for _ in range(levels - 1):
            wrapped = [wrapped]
        opening = sum(indent * k + 2 for k in range(levels)) + indent * levels  # "[\n  [\n    "
        closing = sum(indent * k + 2 for k in range(levels))  # "\n  ]\n]"
        out = orjson_text(wrapped, cut=(opening, closing))
        if out is None:  # one of them holds what orjson refuses: each goes its own way
            for i, v in enumerate(run):
                if i:
                    put("," + inner)
                write(v, inner)
            return
        put(out)

    write(obj, "\n")
    if end:
        put(end)
    return "".join(parts)  # one part (an alike document) is returned as it is, not copied
