"""String values the Python resolver builds: concatenation, ``%``, ``str.format`` and joins.

Works on lists of possible values (``Val``); an unknown piece stays a ``{hole}`` and marks the
result as a pattern. Bounded by MAX_VALUES so combinations cannot explode. Pure functions.
"""

from __future__ import annotations

import string
from collections.abc import Sequence
from dataclasses import dataclass

MAX_VALUES = 64


Where = tuple[int, int]  # (ast lineno, col_offset) of the literal a value comes from


@dataclass(frozen=True)
class Val:
    """One possible string value; ``pattern`` when it still holds ``{holes}``.

    ``at`` is where the literal that gives the value its model name is written: the string
    itself, or, for a value glued from parts, the longest literal part. It is part of the
    value's identity: the same text written in two places is two references.
    """

    text: str
    pattern: bool = False
    at: Where | None = None


def dedupe(vals: list[Val]) -> list[Val]:
    """``vals`` without repeats, in order, capped."""
    if len(vals) < 2:  # most reads find one value or none: nothing to hash
        return vals[:]
    return list(dict.fromkeys(vals))[:MAX_VALUES]


def product(parts: Sequence[list[Val]]) -> list[Val]:
    """Every concatenation of one value from each part (capped at MAX_VALUES)."""
    # (text, pattern, where, length of the text that gave ``where``), grown part by part.
    out: list[tuple[str, bool, Where | None, int]] = [("", False, None, 0)]
    for options in parts:
        out = [
            (
                text + b.text,
                pattern or b.pattern,
                *((b.at, len(b.text)) if b.at is not None and len(b.text) > size else (at, size)),
            )
            for text, pattern, at, size in out
            for b in options
        ][:MAX_VALUES]
    return [Val(text, pattern, at) for text, pattern, at, _ in out]


def joined(separator: str, parts: Sequence[list[Val]]) -> list[Val]:
    """``separator.join(...)`` over every combination of ``parts``."""
    glued = [
        p if i == 0 else [Val(separator + v.text, v.pattern, v.at) for v in p]
        for i, p in enumerate(parts)
    ]
    return product(glued)


def percent(templates: list[Val], args: list[list[Val]]) -> list[Val]:
    """``template % args`` for each template (``%s``-style, positional)."""
    out: list[Val] = []
    for template in templates:
        pieces = template.text.replace("%%", "\0").split("%")
        first = Val(pieces[0].replace("\0", "%"), template.pattern, template.at)
        parts: list[list[Val]] = [[first]]
        for i, piece in enumerate(pieces[1:]):
            parts.append(args[i] if i < len(args) else [Val("{value}", True)])
            parts.append([Val(piece[1:].replace("\0", "%"), at=template.at)])
        out += product(parts)
    return dedupe(out)


def brace_format(
    templates: list[Val], args: list[list[Val]], kwargs: dict[str, list[Val]]
) -> list[Val]:
    """``template.format(*args, **kwargs)`` for each template."""
    out: list[Val] = []
    for template in templates:
        try:
            parsed = list(string.Formatter().parse(template.text))
        except ValueError:
            continue
        parts: list[list[Val]] = []
        auto = 0
        for literal, field_name, _spec, _conv in parsed:
            parts.append([Val(literal, template.pattern, template.at)])
            if field_name is None:
                continue
            if field_name == "":
                field_name, auto = str(auto), auto + 1
            if field_name.isdigit() and int(field_name) < len(args):
                parts.append(args[int(field_name)])
            else:
                parts.append(kwargs.get(field_name, [Val("{" + field_name + "}", True)]))
        out += product(parts)
    return dedupe(out)
