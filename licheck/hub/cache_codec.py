"""The JSON the cache (and a facts bundle) keeps for one lookup, and its way back to a record.

``encode`` writes the record's facts, its LICENSE paths and whether a token was sent (never the
token); ``decode`` reads them back as a record served from the cache. Pure functions, no I/O.
"""

from __future__ import annotations

import json

from licheck.hub.facts import Resolved
from licheck.records import BaseModel, ModelRecord, Source, Status


def encode(resolved: Resolved) -> str:
    """The JSON stored for one lookup: the record's facts (never a token) and its LICENSE paths."""
    record = resolved.record
    data = {
        "model": record.model,
        "source": record.source.value,
        "revision": record.revision,
        "status": record.status.value,
        "reason": record.reason,
        "sha": record.sha,
        "last_modified": record.last_modified,
        "created_at": record.created_at,
        "license": record.license,
        "license_name": record.license_name,
        "license_link": record.license_link,
        "gated": record.gated,
        "private": record.private,
        "base_models": [[b.model, b.relation] for b in record.base_models],
        "license_paths": list(resolved.license_paths),
        "signed_in": resolved.signed_in,  # whether a token was sent, never the token
    }
    return json.dumps(data, sort_keys=True)


def decode(text: str) -> Resolved:
    """A lookup written by ``encode``, marked as served from the cache."""
    data = json.loads(text)
    created = data.get("created_at")
    record = ModelRecord(
        model=data["model"],
        source=Source(data["source"]),
        revision=data["revision"],
        status=Status(data["status"]),
        reason=data.get("reason"),
        sha=data.get("sha"),
        last_modified=data.get("last_modified"),
        license=data.get("license"),
        license_name=data.get("license_name"),
        license_link=data.get("license_link"),
        gated=data.get("gated"),
        private=data.get("private"),
        base_models=tuple(BaseModel(m, r) for m, r in data.get("base_models", [])),
        from_cache=True,
        created_at=created if isinstance(created, str) else None,
    )
    paths = tuple(p for p in data.get("license_paths") or () if isinstance(p, str))
    return Resolved(record, paths, data.get("signed_in") is True)
