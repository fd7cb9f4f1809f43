"""Extracting the files that passed the prefilter: in-process, or in worker processes.

The engine reads and prefilters every file in the main process (fast), then hands the files
worth parsing to an ``Extraction``. Small amounts of work (every pre-commit run, most trees) are
extracted in-process, so nothing is spawned; once the bytes waiting for the parsers pass
``PARALLEL_MIN_BYTES``, a pool of forked workers takes them in chunks while the walk goes on,
with at most ``IN_FLIGHT`` chunks per worker waiting, so memory does not grow with the tree
(without a pool, each file is extracted as soon as it is queued, for the same reason).
Forking is used only where it is safe (Linux, a parent with no other threads); elsewhere the
scan stays single-process. Results come back in any order: ``tree`` sorts them. This module
never decides which files are read or what they contain.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Iterator
from typing import TYPE_CHECKING

from licheck.scan import registry
from licheck.scan.base import Extractor
from licheck.scan.files import Outcome, extract_bytes, scan_file

if TYPE_CHECKING:
    from concurrent.futures import Executor, Future

# Below this much source to parse, starting workers costs more than it saves.
PARALLEL_MIN_BYTES = 1 << 18
# Work handed to a worker at a time: small enough to balance, large enough to amortise the IPC.
CHUNK_BYTES = 1 << 17
MAX_WORKERS = 8
# Chunks handed out per worker and not yet collected. The pool's queue holds each chunk's bytes
# in this process until a worker takes it, and reading outruns parsing: unbounded, a large
# tree's every hot byte would wait in memory at once.
IN_FLIGHT = 2

_Item = tuple[str, str, int]  # path, relative path, extractor index in the chain


def worker_count(jobs: int | None) -> int:
    """How many processes may extract: 1 (in-process) unless forking is safe and worth it."""
    if jobs is not None and jobs <= 1:
        return 1
    if sys.platform != "linux" or threading.active_count() > 1:
        return 1  # fork is unsafe beside other threads and on macOS
    cpus = len(os.sched_getaffinity(0))
    return jobs if jobs is not None else min(cpus, MAX_WORKERS)


Placed = tuple[str, Outcome]  # a file's relative path and its outcome


def _extract_chunk(include_docs: bool, chunk: list[tuple[str, int, bytes]]) -> list[Outcome]:
    chain = registry.extractors(include_docs=include_docs)
    return [extract_bytes(rel, data, chain[index]) for rel, index, data in chunk]


def _ignore_interrupts() -> None:
    # Ctrl-C reaches the whole process group: the parent stops the pool; workers stay quiet.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _fork_pool(workers: int) -> Executor:
    # Imported here: only large trees pay for them.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork")
    return ProcessPoolExecutor(workers, mp_context=context, initializer=_ignore_interrupts)


class Extraction:
    """Collects the files worth parsing and extracts them, once enough work says how."""

    def __init__(
        self, include_docs: bool, max_file_size: int, workers: int, min_bytes: int | None = None
    ) -> None:
        self.include_docs = include_docs
        self.chain = registry.extractors(include_docs=include_docs)
        self.max_file_size = max_file_size
        self.workers = workers
        self.min_bytes = PARALLEL_MIN_BYTES if min_bytes is None else min_bytes
        self.pending: list[tuple[str, str, int, bytes]] = []
        self.pending_bytes = 0
        self.pool: Executor | None = None
        self.submitted: deque[tuple[Future[list[Outcome]], list[_Item]]] = deque()
        self.done: list[Placed] = []

    def add(self, path: str, rel: str, extractor: Extractor, data: bytes) -> None:
        """Queue one file that passed the prefilter (``data`` is its validated bytes)."""
        if self.workers <= 1:  # no pool will come: extract now rather than hold the bytes
            self.done.append((rel, extract_bytes(rel, data, extractor)))
            return
        self.pending.append((path, rel, self.chain.index(extractor), data))
        self.pending_bytes += len(data)
        if self.pool is None and self.workers > 1 and self.pending_bytes >= self.min_bytes:
            registry.load(self.chain)  # once here, not again in every worker
            self.pool = _fork_pool(self.workers)
        if self.pool is not None and self.pending_bytes >= CHUNK_BYTES:
            self._submit(self.pool)

    def _submit(self, pool: Executor) -> None:
        while len(self.submitted) >= self.workers * IN_FLIGHT:
            self.done += self._collect(*self.submitted.popleft())
        chunk = [(rel, index, data) for _, rel, index, data in self.pending]
        items = [(path, rel, index) for path, rel, index, _ in self.pending]
        self.pending, self.pending_bytes = [], 0
        try:
            self.submitted.append((pool.submit(_extract_chunk, self.include_docs, chunk), items))
        except RuntimeError:  # the pool broke (a worker was killed): this process does it
            self.done += [(rel, extract_bytes(rel, data, self.chain[i])) for rel, i, data in chunk]

    def _collect(self, future: Future[list[Outcome]], items: list[_Item]) -> list[Placed]:
        try:
            return list(zip([rel for _, rel, _ in items], future.result(), strict=True))
        except Exception:  # a worker died (killed, out of memory): redo its share here
            return self._inline(items)

    def _inline(self, items: list[_Item]) -> list[Placed]:
        """Re-read and extract in this process (after a worker died)."""
        chain, size = self.chain, self.max_file_size
        return [(rel, scan_file(path, rel, chain[i], size)) for path, rel, i in items]

    def outcomes(self) -> Iterator[Placed]:
        """Every queued file's relative path with its references or skip reason, in no
        particular order."""
        if self.pool is None:
            yield from self.done
            for _, rel, index, data in self.pending:
                yield rel, extract_bytes(rel, data, self.chain[index])
            self.pending = []
            return
        pool = self.pool
        try:
            if self.pending:
                self._submit(pool)
            yield from self.done
            while self.submitted:
                yield from self._collect(*self.submitted.popleft())
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None
