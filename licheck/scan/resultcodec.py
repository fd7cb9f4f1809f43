"""How the scan cache writes one file's outcome as text, and reads it back.

An entry is compact JSON: the file's references (its path is the caller's), the reason it was
skipped, or the mark ``FILTERED`` for a file its extractor's prefilter ruled out. Reading an
entry that does not decode raises, so the cache can treat it as missing and rebuild it.
"""

from __future__ import annotations

import json
from typing import Any

import orjson

from licheck.records import Reference, Skipped, Source, Use
from licheck.scan.files import Outcome

# The outcome stored for a file its extractor's prefilter ruled out (compared by identity): a
# re-scan counts it as scanned without reading it again, and not as a file taken from the cache.
FILTERED: Outcome = ([], None)
_FILTERED_TEXT = '{"filtered":1}'


def encode(outcome: Outcome) -> str:
    if outcome is FILTERED:
        return _FILTERED_TEXT
    refs, skip = outcome
    if skip is not None:
        return json.dumps({"skip": skip.reason})
    rows = [
        [
            r.line,
            r.column,
            r.model,
            r.source.value,
            r.revision,
            r.context,
            list(r.suppressed),
            r.docs,
            [[u.line, u.column, u.context] for u in r.uses],
            r.candidate,
        ]
        for r in refs
    ]
    return json.dumps({"refs": rows}, separators=(",", ":"))


def decode(rel: str, text: str) -> Outcome:
    """The stored outcome for ``rel``; raises (ValueError, KeyError, TypeError) when corrupt."""
    if text == _FILTERED_TEXT:
        return FILTERED
    # orjson reads what json.dumps wrote twice as fast; what it refuses (NaN, which no entry
    # holds) raises its JSONDecodeError, a ValueError: a corrupt entry.
    data: dict[str, Any] = orjson.loads(text)
    if "skip" in data:
        reason = data["skip"]
        if not isinstance(reason, str):
            raise TypeError("skip reason")
        return [], Skipped(rel, reason)
    refs = []
    for line, column, model, source, revision, context, suppressed, docs, uses, cand in data[
        "refs"
    ]:
        refs.append(
            Reference(
                rel,
                int(line),
                int(column),
                str(model),
                Source(source),
                None if revision is None else str(revision),
                str(context),
                suppressed=tuple(map(str, suppressed)),
                docs=bool(docs),
                uses=tuple(Use(int(a), int(b), str(c)) for a, b, c in uses),
                candidate=bool(cand),
            )
        )
    return refs, None
