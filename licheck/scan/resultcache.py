"""Per-file scan results kept between runs, keyed by content: ``ResultCache``.

Parsing is what a scan spends its time on, and most files do not change between two runs. So
each file that passed the prefilter has its outcome (its references, candidates included, or
the reason it was skipped), and each file the prefilter ruled out the mark ``FILTERED``, stored
under a digest of its path, its bytes as read (before any decoding), its extractor and a
fingerprint of everything else that shapes extraction (cachekey.py). Any change to one of them
is a miss, and the file is parsed again. Beside the outcomes, the table ``seen`` notes each
file's stat signature (stamps.py) with the key of the bytes read then, so a file whose
signature has not changed is answered without being read (``recall``).

The cache is one SQLite file (``scan.sqlite3``) in licheck's cache folder, beside the Hub's,
with nothing in it but digests and references: no file text, no token. A cache that cannot be
opened, read or written is a logged warning and the scan goes on without it; an entry that does
not decode is ignored and rebuilt. Entries not used for ``MAX_AGE`` are pruned. This module
never reads the scanned tree and never touches the network.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from licheck.scan.files import FAILED, SLOW, Outcome
from licheck.scan.resultcodec import decode, encode

log = logging.getLogger(__name__)

FILE_NAME = "scan.sqlite3"
MAX_AGE = 30 * 24 * 3600.0  # an entry unused this long is pruned
_TOUCH_AFTER = 7 * 24 * 3600.0  # a hit older than this has its time refreshed
# Files looked up per query, and the bytes a batch may hold in memory before it is asked.
_BATCH = 256
_BATCH_BYTES = 8 << 20
T = TypeVar("T")
_CREATE = """
CREATE TABLE IF NOT EXISTS results (
    key TEXT PRIMARY KEY,
    used_at REAL NOT NULL,
    data TEXT NOT NULL
)
"""
# ident: a digest of the fingerprint, the file's path, its relative path and its extractor.
_CREATE_SEEN = """
CREATE TABLE IF NOT EXISTS seen (
    ident TEXT PRIMARY KEY,
    used_at REAL NOT NULL,
    signature TEXT NOT NULL,
    key TEXT NOT NULL
)
"""


def lasting(outcome: Outcome) -> bool:
    """Whether ``outcome`` follows from the file alone, so the cache may keep it: not a time
    limit hit on a busy machine, nor a licheck bug that a fix of the extractor would change."""
    skip = outcome[1]
    if skip is None:
        return True
    reason = skip.reason
    return not (reason.startswith(SLOW) or (reason.startswith("licheck ") and FAILED in reason))


def _connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, timeout=10.0, isolation_level=None)
    try:
        connection.execute(_CREATE)
        connection.execute(_CREATE_SEEN)
        connection.execute("SELECT key, used_at, data FROM results LIMIT 1").fetchall()
        connection.execute("SELECT ident, used_at, signature, key FROM seen LIMIT 1").fetchall()
    except sqlite3.Error:
        connection.close()
        raise
    return connection


class ResultCache:
    """Outcomes of files already extracted, looked up by a digest of what decides them.

    ``hits`` and ``misses`` count this run's lookups: a scan of an unchanged tree has no misses.
    """

    def __init__(self, connection: sqlite3.Connection, path: Path, fingerprint: str) -> None:
        self._db: sqlite3.Connection | None = connection
        self.path = path
        self._prefix = fingerprint.encode() + b"\0"
        self._now = time.time()
        self._pending: list[tuple[str, float, str]] = []
        self._touch: list[str] = []
        self._seen: list[tuple[str, float, str, str]] = []
        self._touch_seen: list[str] = []
        self.hits = 0
        self.misses = 0

    @classmethod
    def open(cls, folder: Path, fingerprint: str) -> ResultCache | None:
        """The cache in ``folder``; None (with a warning) when it cannot be opened."""
        path = folder / FILE_NAME
        try:
            folder.mkdir(parents=True, exist_ok=True)
            try:
                connection = _connect(path)
            except sqlite3.DatabaseError as exc:
                if isinstance(exc, sqlite3.OperationalError):
                    raise  # locked, read-only, no space: not the file's fault
                # Not a database (truncated, overwritten): only derived data is lost.
                log.warning("scan cache %s is corrupt (%s); rebuilding it", path, exc)
                path.unlink()
                connection = _connect(path)
        except (OSError, sqlite3.Error) as exc:
            log.warning("scan cache %s cannot be opened (%s); scanning without it", path, exc)
            return None
        return cls(connection, path, fingerprint)

    def key(self, rel: str, extractor: str, data: bytes) -> str:
        """The entry's key for ``data`` read at ``rel`` by ``extractor``."""
        # SHA-256: hardware-accelerated on current CPUs, and every file of a tree is hashed.
        digest = hashlib.sha256(self._prefix)
        digest.update(f"{rel}\0{extractor}\0".encode())
        digest.update(data)
        return digest.hexdigest()[:40]

    def ident(self, path: str, rel: str, extractor: str) -> str:
        """Where ``seen`` notes the file at ``path`` read as ``rel`` by ``extractor``."""
        digest = hashlib.sha256(self._prefix)
        digest.update(f"{path}\0{rel}\0{extractor}".encode(errors="surrogatepass"))
        return digest.hexdigest()[:40]

    def recall(
        self, files: Iterable[tuple[T, str, str, str | None]]
    ) -> Iterator[tuple[T, str, Outcome | None]]:
        """``(item, rel, stored)`` for each ``(item, rel, ident, signature)``: the outcome of
        the bytes read when ``seen`` noted the same signature under ``ident`` (None: not noted,
        changed, or its outcome is gone), asked a batch of files per query."""
        batch: list[tuple[T, str, str, str | None]] = []
        for entry in files:
            batch.append(entry)
            if len(batch) >= _BATCH:
                yield from self._recalled(batch)
                batch = []
        yield from self._recalled(batch)

    def _recalled(
        self, batch: list[tuple[T, str, str, str | None]]
    ) -> Iterator[tuple[T, str, Outcome | None]]:
        idents = [ident for _, _, ident, signature in batch if signature is not None]
        rows = self._query(
            "SELECT s.ident, s.used_at, s.signature, s.key, r.used_at, r.data FROM seen s "
            "JOIN results r ON r.key = s.key WHERE s.ident IN ({})",
            idents,
        )
        noted = {row[0]: row[1:] for row in rows}
        for item, rel, ident, signature in batch:
            row = noted.get(ident)
            if row is None or row[1] != signature:
                yield item, rel, None
                continue
            outcome = self._outcome(row[2], rel, (row[3], row[4]), count_miss=False)
            if outcome is not None and self._now - float(row[0]) > _TOUCH_AFTER:
                self._touch_seen.append(ident)
            yield item, rel, outcome

    def note(self, ident: str, signature: str, key: str) -> None:
        """Note that the file ``ident`` had ``signature`` when the bytes stored under ``key``
        were read from it (only a settled file: stamps.py); written by ``close``."""
        self._seen.append((ident, self._now, signature, key))

    def lookup(
        self, files: Iterable[tuple[T, str, str, bytes]]
    ) -> Iterator[tuple[T, str, str, bytes, Outcome | None]]:
        """``(item, rel, key, data, stored)`` for each ``(item, rel, extractor, data)``: its key
        and what ``get`` would answer, asked a batch of files per query."""
        batch: list[tuple[T, str, str, bytes]] = []
        size = 0
        for item, rel, extractor, data in files:
            batch.append((item, rel, self.key(rel, extractor, data), data))
            size += len(data)
            if len(batch) >= _BATCH or size >= _BATCH_BYTES:
                yield from self._answer(batch)
                batch, size = [], 0
        yield from self._answer(batch)

    def _answer(
        self, batch: list[tuple[T, str, str, bytes]]
    ) -> Iterator[tuple[T, str, str, bytes, Outcome | None]]:
        rows = self._rows([key for _, _, key, _ in batch])
        for item, rel, key, data in batch:
            yield item, rel, key, data, self._outcome(key, rel, rows.get(key))

    def get(self, key: str, rel: str) -> Outcome | None:
        """The stored outcome under ``key`` (None: not stored, unreadable or corrupt)."""
        return self._outcome(key, rel, self._rows([key]).get(key))

    def _rows(self, keys: list[str]) -> dict[str, tuple[float, str]]:
        rows = self._query("SELECT key, used_at, data FROM results WHERE key IN ({})", keys)
        return {key: (used_at, data) for key, used_at, data in rows}

    def _query(self, sql: str, keys: list[str]) -> list[tuple[Any, ...]]:
        if self._db is None or not keys:
            return []
        try:
            return self._db.execute(sql.format(",".join("?" * len(keys))), keys).fetchall()
        except sqlite3.Error as exc:
            self._fail("read", exc)
            return []

    def _outcome(
        self, key: str, rel: str, row: tuple[float, str] | None, *, count_miss: bool = True
    ) -> Outcome | None:
        outcome = None
        if row is not None:
            try:
                outcome = decode(rel, row[1])
            except (ValueError, KeyError, TypeError, AttributeError):
                log.debug("scan cache: a corrupt entry for %s is rebuilt", rel)
            else:
                if self._now - float(row[0]) > _TOUCH_AFTER:
                    self._touch.append(key)
        if outcome is not None:
            self.hits += 1
        elif count_miss:
            self.misses += 1
        return outcome

    def put(self, key: str, outcome: Outcome) -> None:
        """Remember ``outcome`` under ``key``; written by ``close``."""
        self._pending.append((key, self._now, encode(outcome)))

    def close(self) -> None:
        """Write what this run learnt, prune what no run used for long, and let go."""
        db, self._db = self._db, None
        if db is None:
            return
        try:
            with db:
                db.execute("BEGIN")
                db.executemany("INSERT OR REPLACE INTO results VALUES (?, ?, ?)", self._pending)
                db.executemany(
                    "UPDATE results SET used_at = ? WHERE key = ?",
                    ((self._now, key) for key in self._touch),
                )
                db.execute("DELETE FROM results WHERE used_at < ?", (self._now - MAX_AGE,))
                db.executemany("INSERT OR REPLACE INTO seen VALUES (?, ?, ?, ?)", self._seen)
                db.executemany(
                    "UPDATE seen SET used_at = ? WHERE ident = ?",
                    ((self._now, ident) for ident in self._touch_seen),
                )
                db.execute("DELETE FROM seen WHERE used_at < ?", (self._now - MAX_AGE,))
        except sqlite3.Error as exc:
            self._fail("written", exc)
        finally:
            self._pending, self._touch, self._seen, self._touch_seen = [], [], [], []
            db.close()

    def _fail(self, what: str, exc: Exception) -> None:
        log.warning("scan cache %s cannot be %s (%s); scanning without it", self.path, what, exc)
        db, self._db = self._db, None
        if db is not None:
            db.close()
