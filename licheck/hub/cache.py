"""The on-disk cache of Hub answers: one SQLite file, safe to share between worker threads.

Keyed by (endpoint, model, revision). Records for a full 40-hex revision that resolved ``ok``
never expire (a commit's card cannot change); every other record expires after a TTL. Only
``ok`` and ``unavailable`` records are stored: an ``unverified`` one is a transient failure that
the next run must retry. A cache that cannot be opened or read is a logged warning and the run
goes on without it; this module must never raise into the pipeline or store a token.
"""

from __future__ import annotations

import contextlib
import json
import logging
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path

from licheck.models import ModelRecord, PinKind, Status, classify_revision

log = logging.getLogger(__name__)

FILE_NAME = "hub.sqlite3"
SCHEMA_VERSION = 1
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
        self._open()

    @classmethod
    def open(cls, cache_dir: Path | None, *, branch_ttl: float = DEFAULT_TTL) -> HubCache:
        """The cache in ``cache_dir`` (default: the per-user cache folder)."""
        folder = Path(cache_dir) if cache_dir else default_cache_dir()
        return cls(folder / FILE_NAME, branch_ttl=branch_ttl)

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
            if version not in (0, SCHEMA_VERSION):
                conn.close()
                self._disable(f"written by another licheck version (schema {version})")
                return
            conn.execute(_CREATE)
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

    def get(
        self, endpoint: str, model: str, revision: str | None, *, allow_stale: bool = False
    ) -> ModelRecord | None:
        """The stored record, or None if absent, expired (unless ``allow_stale``) or unreadable."""
        with self._lock:
            if self._conn is None:
                return None
            try:
                row = self._conn.execute(
                    "SELECT stored_at, immutable, data FROM records "
                    "WHERE endpoint = ? AND model = ? AND revision = ?",
                    (endpoint, model, revision or ""),
                ).fetchone()
            except sqlite3.Error as exc:
                self._disable(exc)
                return None
        if row is None:
            return None
        stored_at, immutable, data = row
        if not immutable and not allow_stale and self._clock() - stored_at >= self.branch_ttl:
            return None
        try:
            return ModelRecord.from_cache_dict(json.loads(data))
        except (ValueError, KeyError, TypeError) as exc:
            log.debug("ignoring unreadable cache entry for %s@%s: %s", model, revision, exc)
            return None

    def put(self, endpoint: str, record: ModelRecord) -> None:
        """Store ``record`` unless it is a transient outcome (``unverified``, ``not-resolved``)."""
        if record.status not in CACHEABLE:
            return
        immutable = record.status is Status.OK and classify_revision(record.revision) is (
            PinKind.COMMIT
        )
        data = json.dumps(record.to_cache(), sort_keys=True)
        with self._lock:
            if self._conn is None:
                return
            try:
                self._conn.execute(
                    "INSERT OR REPLACE INTO records VALUES (?, ?, ?, ?, ?, ?)",
                    (endpoint, record.model, record.revision or "", self._clock(), immutable, data),
                )
            except sqlite3.Error as exc:
                self._disable(exc)

    def close(self) -> None:
        """Close the database (further calls are no-ops)."""
        with self._lock:
            if self._conn is not None:
                with contextlib.suppress(sqlite3.Error):
                    self._conn.close()
                self._conn = None
