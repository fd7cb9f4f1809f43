"""The on-disk cache of Hub answers: one SQLite file, safe to share between worker threads.

Two tables. ``records``: model lookups keyed by (endpoint, model, revision); a full 40-hex
revision that resolved ``ok`` never expires (a commit's card cannot change), every other record
expires after a TTL. Only ``ok`` and ``unavailable`` records are stored: an ``unverified`` one is
a transient failure that the next run must retry; each record notes whether its lookup carried
a token (never the token), so the scheduler can ask again about a repo that looked missing to an
anonymous run. ``facts``: the deeper provenance answers (``history``, ``family``,
``license_file``, and ``license_blob``: a LICENSE text by its git blob id) as JSON keyed by
(endpoint, kind, key), each stored as immutable or not by the caller. A cache that cannot be
opened or read is a logged warning and the run goes on without it; this module must never raise
into the pipeline or store a token.

Facts bundles (``licheck.hub.bundled``) sit under the cache: an offline read that misses here
is answered from them, marked with the bundle and its age; ``rows``/``load_rows`` let
``licheck facts`` export and import the two tables.
"""

from __future__ import annotations

import contextlib
import json
import logging
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

from licheck.hub.bundled import FACTS, RECORDS, Bundled, Row, iso_time
from licheck.hub.cache_codec import decode, encode
from licheck.hub.cache_rows import select_rows, store_rows
from licheck.hub.facts import Resolved
from licheck.records import ModelRecord, PinKind, Status, classify_revision

log = logging.getLogger(__name__)
T = TypeVar("T")

FILE_NAME = "hub.sqlite3"
SCHEMA_VERSION = 3  # 2: created_at, license_paths, the facts table; 3: every license a card lists
DEFAULT_TTL = 24 * 3600.0
CACHEABLE = frozenset({Status.OK, Status.UNAVAILABLE})
_CREATE = """
CREATE TABLE IF NOT EXISTS records (
    endpoint TEXT NOT NULL,
    model TEXT NOT NULL,
    revision TEXT NOT NULL,
    stored_at REAL NOT NULL,
    immutable INTEGER NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (endpoint, model, revision)
)
"""
_CREATE_FACTS = """
CREATE TABLE IF NOT EXISTS facts (
    endpoint TEXT NOT NULL,
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    stored_at REAL NOT NULL,
    immutable INTEGER NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (endpoint, kind, key)
)
"""


def default_cache_dir() -> Path:
    """The per-user cache folder (``platformdirs``), e.g. ``~/.cache/licheck`` on Linux."""
    import platformdirs

    return platformdirs.user_cache_path("licheck")


class HubCache:
    """A thread-safe SQLite store of ``ModelRecord``s; degrades to a no-op when broken."""

    def __init__(
        self,
        path: Path,
        *,
        branch_ttl: float = DEFAULT_TTL,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.path = path
        self.branch_ttl = branch_ttl
        self._clock = clock
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        # Bundles under the cache, and the log of rows used (set by the lookup when asked).
        self.layer: Bundled | None = None
        self._open()

    @classmethod
    def open(cls, cache_dir: Path | None, *, branch_ttl: float = DEFAULT_TTL) -> HubCache:
        """The cache in ``cache_dir`` (default: the per-user cache folder)."""
        folder = Path(cache_dir) if cache_dir else default_cache_dir()
        return cls(folder / FILE_NAME, branch_ttl=branch_ttl)

    @classmethod
    def memory(cls) -> HubCache:
        """A cache that lives only for this run (``--no-cache`` with facts bundles)."""
        return cls(Path(":memory:"))

    @property
    def enabled(self) -> bool:
        """False once the cache could not be opened or used."""
        return self._conn is not None

    def _open(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(
                str(self.path), timeout=5.0, check_same_thread=False, isolation_level=None
            )
        except (sqlite3.Error, OSError) as exc:
            self._disable(exc)
            return
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                conn.close()
                self._disable(f"written by a newer licheck version (schema {version})")
                return
            if 0 < version < SCHEMA_VERSION:
                # Older answers lack fields this version reads: a cache may simply forget.
                conn.execute("DROP TABLE IF EXISTS records")
                conn.execute("DROP TABLE IF EXISTS facts")
            conn.execute(_CREATE)
            conn.execute(_CREATE_FACTS)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        except sqlite3.Error as exc:
            conn.close()
            self._disable(exc)
            return
        self._conn = conn

    def _disable(self, problem: object) -> None:
        if self._conn is not None:
            with contextlib.suppress(sqlite3.Error):
                self._conn.close()
            self._conn = None
        log.warning(
            "licheck: the Hub cache %s cannot be used (%s); continuing without it. "
            "Delete the file or pass another --cache-dir to start a fresh cache.",
            self.path,
            problem,
        )

    def _row(self, sql: str, args: tuple[str, ...], allow_stale: bool) -> str | None:
        """The ``data`` of the row ``sql`` selects, unless absent or expired."""
        with self._lock:
            if self._conn is None:
                return None
            try:
                row = self._conn.execute(sql, args).fetchone()
            except sqlite3.Error as exc:
                self._disable(exc)
                return None
        if row is None:
            return None
        stored_at, immutable, data = row
        if not immutable and not allow_stale and self._clock() - stored_at >= self.branch_ttl:
            return None
        return str(data)

    def _write(self, sql: str, args: tuple[Any, ...]) -> None:
        with self._lock:
            if self._conn is None:
                return
            try:
                self._conn.execute(sql, args)
            except sqlite3.Error as exc:
                self._disable(exc)

    def get_resolved(
        self, endpoint: str, model: str, revision: str | None, *, allow_stale: bool = False
    ) -> Resolved | None:
        """The stored lookup, or None if absent, expired (unless ``allow_stale``) or unreadable."""
        data = self._row(
            "SELECT stored_at, immutable, data FROM records "
            "WHERE endpoint = ? AND model = ? AND revision = ?",
            (endpoint, model, revision or ""),
            allow_stale,
        )
        key = (RECORDS, endpoint, model, revision or "")
        if data is None:
            return self._bundled_record(key) if allow_stale else None
        try:
            found = decode(data)
        except (ValueError, KeyError, TypeError) as exc:
            log.debug("ignoring unreadable cache entry for %s@%s: %s", model, revision, exc)
            return None
        self._used(key)
        return found

    def bundled_record(self, endpoint: str, model: str, revision: str | None) -> Resolved | None:
        """The facts bundles' answer for a lookup, or None (the Hub failed, or offline)."""
        return self._bundled_record((RECORDS, endpoint, model, revision or ""))

    def _bundled_record(self, key: tuple[str, str, str, str]) -> Resolved | None:
        row = self.layer.find(RECORDS, key[2], key[3]) if self.layer is not None else None
        if row is None or self.layer is None:
            return None
        try:
            found = decode(row.data)
        except (ValueError, KeyError, TypeError) as exc:
            log.warning("%s: skipping the entry for %s@%s: %s", row.origin, key[2], key[3], exc)
            return None
        self.layer.note(row.key)
        record = replace(
            found.record,
            from_cache=False,
            facts_source=f"facts bundle {row.origin}",
            recorded_at=iso_time(row.stored_at),
            facts_stale=self.layer.stale(row),
        )
        return Resolved(record, found.license_paths, False)

    def _used(self, key: tuple[str, str, str, str]) -> None:
        if self.layer is not None:
            self.layer.note(key)

    def get(
        self, endpoint: str, model: str, revision: str | None, *, allow_stale: bool = False
    ) -> ModelRecord | None:
        """The stored record (see ``get_resolved``)."""
        hit = self.get_resolved(endpoint, model, revision, allow_stale=allow_stale)
        return hit.record if hit is not None else None

    def put(
        self,
        endpoint: str,
        record: ModelRecord,
        license_paths: tuple[str, ...] = (),
        *,
        signed_in: bool = False,
    ) -> None:
        """Store ``record`` unless it is a transient outcome (``unverified``, ``not-resolved``)."""
        if record.status not in CACHEABLE:
            return
        immutable = record.status is Status.OK and classify_revision(record.revision) is (
            PinKind.COMMIT
        )
        data = encode(Resolved(record, license_paths, signed_in))
        self._write(
            "INSERT OR REPLACE INTO records VALUES (?, ?, ?, ?, ?, ?)",
            (endpoint, record.model, record.revision or "", self._clock(), immutable, data),
        )
        self._used((RECORDS, endpoint, record.model, record.revision or ""))

    def get_fact(self, endpoint: str, kind: str, key: str, *, allow_stale: bool = False) -> Any:
        """A stored deeper fact (decoded JSON), or None if absent, expired or unreadable."""
        data = self._row(
            "SELECT stored_at, immutable, data FROM facts "
            "WHERE endpoint = ? AND kind = ? AND key = ?",
            (endpoint, kind, key),
            allow_stale,
        )
        row_key = (FACTS, endpoint, kind, key)
        if data is None and allow_stale and self.layer is not None:
            row = self.layer.find(FACTS, kind, key)
            if row is not None:
                self.layer.note(row.key)
                data = row.data
        elif data is not None:
            self._used(row_key)
        try:
            return json.loads(data) if data is not None else None
        except ValueError:
            log.debug("ignoring unreadable cache entry %s %s", kind, key)
            return None

    def put_fact(self, endpoint: str, kind: str, key: str, value: Any, *, immutable: bool) -> None:
        """Store a deeper fact; ``immutable`` ones (answers about a commit) never expire."""
        data = json.dumps(value, sort_keys=True)
        self._write(
            "INSERT OR REPLACE INTO facts VALUES (?, ?, ?, ?, ?, ?)",
            (endpoint, kind, key, self._clock(), immutable, data),
        )
        self._used((FACTS, endpoint, kind, key))

    def rows(self) -> list[Row]:
        """Every row of both tables (for ``licheck facts export``), or [] when unusable."""
        return self._with_conn(select_rows, [])

    def load_rows(self, rows: list[Row]) -> int:
        """Store ``rows`` (``licheck facts import``) with the time they were fetched, unless
        the cache holds a newer answer for the same key; how many were stored."""
        return self._with_conn(lambda conn: store_rows(conn, rows), 0)

    def _with_conn(self, work: Callable[[sqlite3.Connection], T], default: T) -> T:
        with self._lock:
            if self._conn is None:
                return default
            try:
                return work(self._conn)
            except sqlite3.Error as exc:
                self._disable(exc)
                return default

    def close(self) -> None:
        """Close the database (further calls are no-ops)."""
        with self._lock:
            if self._conn is not None:
                with contextlib.suppress(sqlite3.Error):
                    self._conn.close()
                self._conn = None
