"""The Hub stand-in's rate limits: fixed windows per budget, announced on every answer.

The real Hub announces its limits in the IETF draft's form (what huggingface_hub 2.x parses):
``RateLimit: "api";r=<left>;t=<seconds to reset>`` and
``RateLimit-Policy: "fixed window";"api";q=<quota>;w=<window>``, with one budget for API calls
and one for file downloads (``resolvers``), and answers 429 with ``Retry-After`` once a budget
is spent. The default quotas are too large to matter; tests set small ones with
``HubStub.rate_limit``. Pure bookkeeping: no HTTP.
"""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass

UNLIMITED = 1_000_000


@dataclass
class Window:
    """One budget's fixed window: its quota, length, and what was used since it started."""

    quota: int
    seconds: float
    used: int = 0
    started: float = 0.0


def budget_of(path: str, cdn: bool) -> str | None:
    """Which budget a request draws on (None: none, like the CDN's LFS bytes)."""
    if cdn:
        return None
    return "api" if path.startswith("/api/") else "resolvers"


class RateLimits:
    """The budgets of one stand-in; thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.windows: dict[str, Window] = {}
        self.refused = 0  # 429 answers since the budgets were last set
        self.set()

    def set(self, api: int = UNLIMITED, resolvers: int = UNLIMITED, window: float = 300.0) -> None:
        """New budgets, each starting a fresh window now."""
        now = time.monotonic()
        with self._lock:
            self.refused = 0
            self.windows = {
                "api": Window(api, window, 0, now),
                "resolvers": Window(resolvers, window, 0, now),
            }

    def take(self, budget: str) -> tuple[bool, dict[str, str]]:
        """Spend one request of ``budget``: whether it is allowed, and the headers to send."""
        now = time.monotonic()
        with self._lock:
            window = self.windows[budget]
            if now - window.started >= window.seconds:
                window.started, window.used = now, 0
            allowed = window.used < window.quota
            if allowed:
                window.used += 1
            else:
                self.refused += 1
            left = window.quota - window.used
            reset = max(1, math.ceil(window.started + window.seconds - now))
        headers = {
            "RateLimit": f'"{budget}";r={left};t={reset}',
            "RateLimit-Policy": f'"fixed window";"{budget}";q={window.quota};w={window.seconds:g}',
        }
        if not allowed:
            headers["Retry-After"] = str(reset)
        return allowed, headers
