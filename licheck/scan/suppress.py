"""Inline suppressions: ``licheck: ignore[RULE-ID] reason`` and ``licheck: ignore-file``.

The comment may sit on the reference's line (where the id is written, or a line that loads it)
or alone on the line above one of them, in any comment syntax
(``#``, ``//``, ``<!-- -->``, ``;``, ``REM``): only the marker text is looked for. This module
records which rule ids a reference silences; deciding what an id means is the rules stage's job.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from licheck.records import Reference
from licheck.scan.text import LineIndex

_MARKER = re.compile(r"licheck:\s*ignore(?!-file)(?:\[([^\]]*)\])?")
_FILE_MARKER = "licheck: ignore-file"
_COMMENT_START = ("#", "//", "<!--", "--", ";", "/*", "*", "rem ", '"#', "'#")
ALL = ("*",)


def _ids(line: str) -> tuple[str, ...] | None:
    match = _MARKER.search(line)
    if match is None:
        return None
    if match.group(1) is None:
        return ALL
    ids = tuple(part.strip() for part in match.group(1).split(",") if part.strip())
    return ids or ALL


def suppressions_for(lines: LineIndex, line: int) -> tuple[str, ...]:
    """The rule ids silenced for a reference on ``line`` (empty when none)."""
    same = _ids(lines.line_text(line))
    if same is not None:
        return same
    above = lines.line_text(line - 1)
    if above.strip().lower().startswith(_COMMENT_START):
        return _ids(above) or ()
    return ()


def apply(text: str, references: Iterable[Reference]) -> list[Reference]:
    """``references`` with ``suppressed`` filled in from the comments in ``text``."""
    refs = list(references)
    if not refs or "licheck:" not in text:
        return refs
    if _FILE_MARKER in text:
        return [replace(ref, suppressed=ALL) for ref in refs]
    lines = LineIndex(text)
    out = []
    for ref in refs:
        # A comment beside the literal or beside any loader that reads it silences the reference.
        found = [suppressions_for(lines, line) for line in (ref.line, *(u.line for u in ref.uses))]
        ids = ALL if ALL in found else tuple(dict.fromkeys(i for f in found for i in f))
        out.append(replace(ref, suppressed=ids) if ids else ref)
    return out
