"""The shape a bundled lookup record must have before licheck reads it as a Hub answer.

A record in a bundle is what the cache stores for one lookup (``licheck.hub.cache``): each field
is checked for its type, the status and source for their known values, and the model and
revision for agreeing with the entry that holds it. Returns why a record is unusable (or None);
it never raises and never fixes a value up.
"""

from __future__ import annotations

from typing import Any

from licheck.records import Source, Status

_TEXT = (
    "reason",
    "sha",
    "last_modified",
    "created_at",
    "license",
    "license_name",
    "license_link",
)
_STATUSES = frozenset(s.value for s in Status)
_SOURCES = frozenset(s.value for s in Source)
_MAX_TEXT = 4096


def _text(value: Any) -> bool:
    return value is None or (isinstance(value, str) and len(value) <= _MAX_TEXT)


def check_record(record: Any, model: str, revision: str | None) -> str | None:
    """Why ``record`` cannot stand for the lookup of ``model`` at ``revision``, or None."""
    if not isinstance(record, dict):
        return "'record' is not an object"
    if record.get("model") != model:
        return f"'record.model' is {record.get('model')!r}, not the entry's model"
    if record.get("revision") != revision:
        return f"'record.revision' is {record.get('revision')!r}, not the lookup's revision"
    if record.get("status") not in _STATUSES:
        return f"'record.status' {record.get('status')!r} is not one of {sorted(_STATUSES)}"
    if record.get("source") not in _SOURCES:
        return f"'record.source' {record.get('source')!r} is not one of {sorted(_SOURCES)}"
    for name in _TEXT:
        if not _text(record.get(name)):
            return f"'record.{name}' is not a string (of at most {_MAX_TEXT} characters) or null"
    gated = record.get("gated")
    if gated is not None and not isinstance(gated, (bool, str)):
        return "'record.gated' is not true, false, a gate mode or null"
    if record.get("private") is not None and not isinstance(record.get("private"), bool):
        return "'record.private' is not true, false or null"
    bases = record.get("base_models", [])
    if not isinstance(bases, list) or not all(
        isinstance(b, list) and len(b) == 2 and isinstance(b[0], str) and _text(b[1]) for b in bases
    ):
        return "'record.base_models' is not a list of [model, relation] pairs"
    paths = record.get("license_paths", [])
    if not isinstance(paths, list) or not all(isinstance(p, str) for p in paths):
        return "'record.license_paths' is not a list of strings"
    return None
