"""Pace Hub requests by the budget the Hub announces, so a run slows down before a 429.

The Hub sends its rate limits in the IETF draft's form (draft-ietf-httpapi-ratelimit-headers,
as huggingface_hub 2.x parses them): ``RateLimit: "api";r=<remaining>;t=<seconds to reset>``
and ``RateLimit-Policy: "fixed window";"api";q=<quota>;w=<window seconds>``. ``parse_limit``
reads them leniently: a form it does not know is None (no pacing), never an error.

``Pacer`` keeps one budget per kind of route (API calls and file downloads have separate
budgets on the Hub) and is shared by every worker thread of a run: ``before`` waits, when the
known budget is down to the requests that may already be in flight, until the window resets.
Pure bookkeeping plus a sleep: no network, no huggingface_hub.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

_LIMIT = re.compile(r'"?(?P<name>[\w-]+)"?\s*;\s*r\s*=\s*(?P<r>\d+)\s*;\s*t\s*=\s*(?P<t>\d+)')
_POLICY = re.compile(r"q\s*=\s*(?P<q>\d+).*?w\s*=\s*(?P<w>\d+)")
# A wait longer than this is not pacing but a closed door: the retries and their backoff
# (and the stage's --timeout) decide what happens then.
MAX_PACING_WAIT = 300.0


@dataclass(frozen=True)
class Limit:
    """One announced budget: requests left, seconds until the window resets, the quota."""

    resource: str
    remaining: int
    reset: float
    quota: int | None = None
    window: float | None = None


def _header(headers: Mapping[str, str], name: str) -> str | None:
    for key, value in headers.items():
        if key.lower() == name:
            return str(value)
    return None


def parse_limit(headers: Mapping[str, str]) -> Limit | None:
    """The budget in ``headers`` (``RateLimit`` and ``RateLimit-Policy``), None when absent or
    in a form this does not know."""
    try:
        raw = _header(headers, "ratelimit")
        match = _LIMIT.search(raw) if raw else None
        if match is None:
            return None
        quota = window = None
        policy = _header(headers, "ratelimit-policy")
        found = _POLICY.search(policy) if policy else None
        if found is not None:
            quota, window = int(found.group("q")), float(found.group("w"))
        remaining, reset = int(match.group("r")), float(match.group("t"))
        return Limit(match.group("name"), remaining, reset, quota, window)
    except (TypeError, ValueError, AttributeError):  # an odd header object: no pacing
        return None


def route_kind(url: str) -> str:
    """Which of the Hub's budgets a request draws on: ``api`` or ``files`` (resolve)."""
    return "api" if "/api/" in url else "files"


@dataclass
class _Budget:
    left: int
    resets_at: float


@dataclass
class Pacer:
    """Budgets seen so far, per route kind; ``reserve`` requests may be in flight unseen."""

    reserve: int = 8
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    waited: float = 0.0  # total seconds spent waiting (for benchmarks and -v logs)
    waits: int = 0
    _budgets: dict[str, _Budget] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def observe(self, kind: str, headers: Mapping[str, str]) -> None:
        """Record the budget an answer announced (nothing when it announced none)."""
        limit = parse_limit(headers)
        if limit is None:
            return
        with self._lock:
            self._budgets[kind] = _Budget(limit.remaining, self.clock() + limit.reset)

    def before(self, kind: str, deadline: float | None = None) -> float:
        """Take one request from ``kind``'s budget, first waiting for the window to reset when
        it is spent (all but ``reserve``). Returns the seconds waited; never waits past
        ``deadline`` (a ``clock`` value) nor ``MAX_PACING_WAIT``."""
        with self._lock:
            budget = self._budgets.get(kind)
            if budget is None:
                return 0.0
            now = self.clock()
            if now >= budget.resets_at:  # a new window: its budget is unknown until seen
                del self._budgets[kind]
                return 0.0
            budget.left -= 1
            if budget.left >= self.reserve:
                return 0.0
            wait = budget.resets_at - now
        wait = min(wait, MAX_PACING_WAIT)
        if deadline is not None:
            wait = min(wait, max(0.0, deadline - self.clock()))
        if wait > 0:
            self.sleep(wait)
            with self._lock:
                self.waited += wait
                self.waits += 1
        return wait
