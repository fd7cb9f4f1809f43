"""One resolution run: every Hub lookup at most once, in one bounded pool, driven from one thread.

The calling thread owns all state. Workers only run client calls (which never raise) and hand
their answer back; the loop then runs the follow-up (store, cache, follow base models, start the
deeper lookups). Cache hits are answered without the pool. This module decides *what* to ask;
``client.py`` asks, ``cache.py`` keeps, ``deep.py`` adds history, family and LICENSE files.
It must not import huggingface_hub.
"""

from __future__ import annotations

import heapq
import itertools
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from functools import partial
from typing import Any

from licheck.hub.cache import HubCache
from licheck.hub.facts import Resolved, new_record
from licheck.hub.heads import Heads
from licheck.hub.outcomes import Failed
from licheck.hub.publishers import Publishers
from licheck.hub.settings import HubSettings, describe_endpoint
from licheck.model_id import ModelId
from licheck.records import ModelKey, Source, Status

Slot = tuple[str, str | None]  # (model, revision): what one lookup answers
# Revisions that name a repo's head, as its publisher's listing gives it (the Hub's default
# branch is main); a pinned commit is never one of them.
HEAD_REVISIONS = frozenset({None, "main", "refs/heads/main"})
Then = Callable[[Resolved], None]


def offline_reason(cache: HubCache | None) -> str:
    """Why an offline run has no answer."""
    if cache is not None and cache.layer is not None and not cache.layer.empty:
        return "offline, and neither the cache nor the facts bundles hold it"
    return "offline and not in the cache" if cache else "offline, and the cache is off"


class Run:
    """The state of one run. ``chain`` follows base models up to ``settings.max_depth``;
    ``listings`` (a run that lists publishers for their families anyway) lets a publisher's
    listing answer the head lookups of its repos (``heads.py``)."""

    def __init__(
        self, settings: HubSettings, cache: HubCache | None, *, chain: bool, listings: bool = False
    ) -> None:
        self.settings = settings
        self.listings = listings
        self.publishers = Publishers(self)
        self.heads = Heads(self)
        self.cache = cache
        self.chain = chain
        self.shown = describe_endpoint(settings)
        self.conn = settings.connection()
        self.lookups: dict[Slot, Resolved] = {}
        self.depth: dict[Slot, int] = {}
        self.notes: dict[Slot, dict[str, str]] = {}
        self._waiting: dict[Slot, list[Then]] = {}
        self._pending: dict[Future[Any], Callable[[Any], None]] = {}
        self._ready: deque[Callable[[], None]] = deque()
        self._timers: list[tuple[float, int, Callable[[], None]]] = []  # a heap, soonest first
        self._order = itertools.count()  # ties between timers: first set, first run
        self.asked: set[Slot] = set()  # slots handed to model_info
        self._pool: ThreadPoolExecutor | None = None
        self._signed_in: bool | None = None

    # -- scheduling ---------------------------------------------------------------------------

    def submit(self, work: Callable[[], Any], then: Callable[[Any], None]) -> None:
        """Run ``work`` in the pool; ``then`` gets its answer on the calling thread."""
        if self._pool is None:
            workers = max(1, self.settings.workers)
            self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="licheck-hub")
        self._pending[self._pool.submit(_guarded, work)] = then

    def soon(self, step: Callable[[], None]) -> None:
        """Run ``step`` on the calling thread before waiting for the pool again."""
        self._ready.append(step)

    def later(self, delay: float, step: Callable[[], None]) -> None:
        """Run ``step`` on the calling thread ``delay`` seconds from now. Timers only wait on
        lookups in flight: once none is, the run ends and drops the timers left."""
        heapq.heappush(self._timers, (time.monotonic() + delay, next(self._order), step))

    def loop(self) -> None:
        """Run until no step is ready and no lookup is in flight."""
        try:
            while True:
                while self._ready:
                    self._ready.popleft()()
                if not self._pending:
                    break
                left = None
                if self._timers:
                    left = self._timers[0][0] - time.monotonic()
                    if left <= 0:
                        self._ready.append(heapq.heappop(self._timers)[2])
                        continue
                done, _ = wait(list(self._pending), left, return_when=FIRST_COMPLETED)
                for future in done:
                    then = self._pending.pop(future)
                    answer = future.result()
                    self._ready.append(partial(then, answer))
        except BaseException:
            # Ctrl-C: do not wait for queued lookups, let the running ones time out on their own.
            if self._pool is not None:
                self._pool.shutdown(wait=False, cancel_futures=True)
            raise
        if self._pool is not None:
            self._pool.shutdown(wait=True)

    # -- model lookups ------------------------------------------------------------------------

    def want(self, slot: Slot, depth: int | None = None, then: Then | None = None) -> None:
        """Look ``slot`` up once. ``depth`` (0 for referenced models) puts it on the chain."""
        if depth is not None:
            known = self.depth.get(slot)
            if known is None or depth < known:
                self.depth[slot] = depth
                if slot in self.lookups:  # reached again by a shorter path: follow further
                    self.soon(lambda: self._follow(slot))
        if slot in self.lookups:
            if then is not None:
                resolved = self.lookups[slot]
                self.soon(lambda: then(resolved))
            return
        first = slot not in self._waiting
        self._waiting.setdefault(slot, [])
        if then is not None:
            self._waiting[slot].append(then)
        if first:
            self._start(slot)

    def fact(self, kind: str, key: str) -> Any:
        """A deeper fact from the cache (None without one); offline, a stale one will do."""
        if self.cache is None:
            return None
        return self.cache.get_fact(self.shown, kind, key, allow_stale=self.settings.offline)

    def keep(self, kind: str, key: str, value: Any, *, immutable: bool) -> None:
        """Store a deeper fact in the cache, when there is one."""
        if self.cache is not None:
            self.cache.put_fact(self.shown, kind, key, value, immutable=immutable)

    def signed_in(self) -> bool:
        """Whether this run's calls carry a token (asked once, and only when it matters)."""
        if self._signed_in is None:
            # The network module loads with the first question: an offline run asks none.
            from licheck.hub.client import signed_in

            self._signed_in = signed_in(self.conn)
        return self._signed_in

    def asked_as_stranger(self, signed_in: bool) -> bool:
        """Whether a cached answer given without a token (``signed_in`` False) must be asked
        again: this run is online and has one. Private repos look missing, and gates stay
        shut, to strangers."""
        return not signed_in and not self.settings.offline and self.signed_in()

    def _start(self, slot: Slot) -> None:
        model, revision = slot
        offline = self.settings.offline
        hit = None
        if self.cache is not None:
            hit = self.cache.get_resolved(self.shown, model, revision, allow_stale=offline)
        missing = hit is not None and hit.record.status is Status.UNAVAILABLE
        if hit is not None and missing and self.asked_as_stranger(hit.signed_in):
            hit = None  # "missing" was the answer to a stranger; with a token it may show
        if hit is not None:
            self.soon(lambda: self._landed(slot, hit))
        elif offline:
            record = new_record(_key(slot), Status.UNVERIFIED, offline_reason(self.cache))
            self.soon(lambda: self._landed(slot, Resolved(record)))
        elif (
            self.listings and revision in HEAD_REVISIONS and (namespace := ModelId(model).namespace)
        ):
            if self.depth.get(slot) == 0:
                self.heads.referenced(namespace, slot)
            else:
                self.heads.other(namespace, slot)
        else:
            self.fetch(slot)

    def fetch(self, slot: Slot) -> None:
        """Ask ``model_info`` for ``slot`` (at most once)."""
        if slot in self.asked:
            return
        self.asked.add(slot)
        # The network module loads with the first question: an offline run asks none.
        from licheck.hub.client import fetch_model

        self.submit(lambda: fetch_model(_key(slot), self.conn), lambda r: self.fetched(slot, r))

    def fetched(self, slot: Slot, answer: Resolved | Failed) -> None:
        """Keep the answer about ``slot`` (a bundle's when the Hub could not answer), then
        hand it on."""
        if isinstance(answer, Failed):  # an unexpected error escaped the client
            answer = Resolved(new_record(_key(slot), answer.status, answer.reason))
        if answer.record.status is Status.UNVERIFIED and self.cache is not None:
            # The Hub could not answer: a facts bundle's answer is better than none.
            bundled = self.cache.bundled_record(self.shown, *slot)
            if bundled is not None:
                self._landed(slot, bundled)
                return
        if self.cache is not None:
            self.cache.put(
                self.shown, answer.record, answer.license_paths, signed_in=self.signed_in()
            )
        self._landed(slot, answer)

    def _landed(self, slot: Slot, resolved: Resolved) -> None:
        self.lookups[slot] = resolved
        for then in self._waiting.pop(slot, []):
            then(resolved)
        self._follow(slot)

    def _follow(self, slot: Slot) -> None:
        """Look up the base models of ``slot`` when it is on the chain and below the cap."""
        depth = self.depth.get(slot)
        record = self.lookups[slot].record
        if not self.chain or depth is None or record.status is not Status.OK:
            return
        if not record.base_models:
            return
        cap = self.settings.max_depth
        if depth >= cap:
            note = f"base models not followed: the chain depth cap ({cap}) was reached"
            self.notes.setdefault(slot, {})["chain"] = note
            return
        for base in record.base_models:
            self.want((base.model, None), depth + 1)


def _key(slot: Slot) -> ModelKey:
    return ModelKey(slot[0], Source.HF, slot[1])


def _guarded(work: Callable[[], Any]) -> Any:
    """``work()``; an exception the client did not map becomes a ``Failed`` (a last guard)."""
    try:
        return work()
    except Exception as exc:
        return Failed(Status.UNVERIFIED, f"unexpected error while resolving: {type(exc).__name__}")
