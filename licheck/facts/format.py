"""The facts bundle format (``licheck/facts/v1``): cache rows to a JSON document and back.

A bundle is untrusted data: it is read with a size bound, every entry is checked against the
schema, and a bad entry is skipped with a reason (the whole file is refused only when it is not
a bundle at all: unreadable, too large, not JSON, another format). Writing is deterministic
(sorted entries, sorted keys) so two exports of the same facts are byte-identical apart from
the times, and never carries a token: ``signed_in`` is dropped, and a row whose text holds the
token is left out. Layout and fields are documented in README's "Facts bundles".
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from licheck import __version__
from licheck.errors import ConfigError
from licheck.facts.schema import check_record
from licheck.hub.bundled import FACTS, RECORDS, Row, iso_time

FORMAT = "licheck/facts/v1"
MAX_BYTES = 64 * 1024 * 1024  # far above a project's facts (a few KiB per model)


class FactsError(ConfigError):
    """A file that is not a usable facts bundle; the message names the file."""


@dataclass
class Loaded:
    """The rows of one bundle, its header fields, and the entries skipped with their reason."""

    path: Path
    rows: list[Row]
    header: dict[str, Any]
    skipped: list[str] = field(default_factory=list)


def _parse_time(value: object) -> float | None:
    if not isinstance(value, str):
        return None
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        return None
    return moment.timestamp()


def to_document(
    rows: Iterable[Row],
    *,
    note: str | None = None,
    token: str | None = None,
    referenced: Iterable[tuple[str, str | None]] = (),
) -> tuple[dict[str, Any], list[str]]:
    """The bundle for ``rows`` (``referenced``: the (model, revision) pairs the project names),
    and what was left out (rows holding ``token``)."""
    left_out: list[str] = []
    models: dict[str, list[dict[str, Any]]] = {}
    facts: list[dict[str, Any]] = []
    for row in rows:
        if token and token in row.data:
            left_out.append(f"{row.first} {row.second}: holds the token; not exported")
            continue
        base: dict[str, Any] = {
            "endpoint": row.endpoint,
            "fetched_at": iso_time(row.stored_at),
            "immutable": row.immutable,
        }
        value = json.loads(row.data)
        if row.table == RECORDS:
            if isinstance(value, dict):
                value.pop("signed_in", None)  # who asked is account data: never exported
            entry = {"revision": row.second or None, **base, "record": value}
            models.setdefault(row.first, []).append(entry)
        else:
            facts.append({"kind": row.first, "key": row.second, **base, "value": value})
    document: dict[str, Any] = {
        "format": FORMAT,
        "licheck_version": __version__,
        "exported_at": iso_time(time.time()),
    }
    if note:
        document["note"] = note
    pairs = sorted(set(referenced), key=lambda p: (p[0], p[1] or ""))
    if pairs:
        document["referenced"] = [{"model": m, "revision": r} for m, r in pairs]
    document["models"] = [
        {
            "model": model,
            "lookups": sorted(entries, key=lambda e: (e["revision"] or "", e["endpoint"])),
        }
        for model, entries in sorted(models.items())
    ]
    document["facts"] = sorted(facts, key=lambda f: (f["kind"], f["key"], f["endpoint"]))
    return document, left_out


_HEADER = ("format", "note", "licheck_version", "exported_at")


def _sorted(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _sorted(value[k]) for k in sorted(value)}
    if isinstance(value, list):
        return [_sorted(v) for v in value]
    return value


def dumps(document: dict[str, Any]) -> str:
    """The document as written: the header fields first, every other key sorted, indented."""
    order = [k for k in _HEADER if k in document] + sorted(set(document) - set(_HEADER))
    ordered = {k: _sorted(document[k]) for k in order}
    return json.dumps(ordered, indent=1, ensure_ascii=False) + "\n"


def write(path: Path, document: dict[str, Any]) -> None:
    """Write the bundle, gzip-compressed when the name ends in ``.gz``."""
    from licheck.atomic import write_atomic

    data = dumps(document).encode("utf-8")
    if path.name.endswith(".gz"):
        data = gzip.compress(data, mtime=0)  # mtime 0: the same facts give the same bytes
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, data)


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        with path.open("rb") as handle:
            magic = handle.read(2)
            handle.seek(0)
            if magic == b"\x1f\x8b":
                with gzip.GzipFile(fileobj=handle) as unzipped:
                    data = unzipped.read(max_bytes + 1)
            else:
                data = handle.read(max_bytes + 1)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise FactsError(f"facts bundle {path}: cannot be read: {exc}") from None
    if len(data) > max_bytes:
        raise FactsError(f"facts bundle {path}: larger than {max_bytes} bytes; refused")
    return data


def read(path: Path, *, max_bytes: int = MAX_BYTES) -> Loaded:
    """The rows of the bundle at ``path``; FactsError when it is not a usable bundle."""
    data = _read_bytes(path, max_bytes)
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise FactsError(f"facts bundle {path}: not JSON: {exc}") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        found = document.get("format") if isinstance(document, dict) else None
        raise FactsError(f"facts bundle {path}: format is {found!r}, expected {FORMAT!r}")
    loaded = Loaded(path, [], {k: v for k, v in document.items() if k not in ("models", "facts")})
    models = document.get("models", [])
    facts = document.get("facts", [])
    if not isinstance(models, list) or not isinstance(facts, list):
        raise FactsError(f"facts bundle {path}: 'models' and 'facts' must be lists")
    origin = path.name
    for index, entry in enumerate(models):
        where = f"models[{index}]"
        if not isinstance(entry, dict) or not isinstance(entry.get("model"), str):
            loaded.skipped.append(f"{where}: not an object with a 'model' string")
            continue
        lookups = entry.get("lookups")
        if not isinstance(lookups, list):
            loaded.skipped.append(f"{where} ({entry['model']}): 'lookups' is not a list")
            continue
        for number, lookup in enumerate(lookups):
            row = _record_row(entry["model"], lookup, origin)
            if isinstance(row, str):
                loaded.skipped.append(f"{where}.lookups[{number}] ({entry['model']}): {row}")
            else:
                loaded.rows.append(row)
    for index, fact in enumerate(facts):
        row = _fact_row(fact, origin)
        if isinstance(row, str):
            loaded.skipped.append(f"facts[{index}]: {row}")
        else:
            loaded.rows.append(row)
    return loaded


def _common(entry: object) -> tuple[str, float, bool] | str:
    """The endpoint, fetch time and immutability of an entry, or why it is unusable."""
    if not isinstance(entry, dict):
        return "not an object"
    endpoint, fetched = entry.get("endpoint"), _parse_time(entry.get("fetched_at"))
    if not isinstance(endpoint, str):
        return "'endpoint' is not a string"
    if fetched is None:
        return "'fetched_at' is not an ISO-8601 time with a zone"
    if not isinstance(entry.get("immutable"), bool):
        return "'immutable' is not true or false"
    return endpoint, fetched, bool(entry["immutable"])


def _record_row(model: str, lookup: Any, origin: str) -> Row | str:
    common = _common(lookup)
    if isinstance(common, str):
        return common
    revision = lookup.get("revision")
    if revision is not None and not isinstance(revision, str):
        return "'revision' is not a string or null"
    problem = check_record(lookup.get("record"), model, revision)
    if problem is not None:
        return problem
    data = json.dumps({**lookup["record"], "signed_in": False}, sort_keys=True)
    return Row(RECORDS, common[0], model, revision or "", common[1], common[2], data, origin)


def _fact_row(fact: Any, origin: str) -> Row | str:
    common = _common(fact)
    if isinstance(common, str):
        return common
    kind, key = fact.get("kind"), fact.get("key")
    if not isinstance(kind, str) or not isinstance(key, str) or not kind or not key:
        return "'kind' and 'key' must be non-empty strings"
    if "value" not in fact:
        return f"{kind} {key}: no 'value'"
    data = json.dumps(fact["value"], sort_keys=True)
    return Row(FACTS, common[0], kind, key, common[1], common[2], data, origin)


def referenced(loaded: Loaded) -> list[tuple[str, str | None]]:
    """The (model, revision) pairs the exporting project named (valid entries only)."""
    entries = loaded.header.get("referenced")
    if not isinstance(entries, list):
        return []
    return [
        (e["model"], e.get("revision"))
        for e in entries
        if isinstance(e, dict)
        and isinstance(e.get("model"), str)
        and (e.get("revision") is None or isinstance(e.get("revision"), str))
    ]
