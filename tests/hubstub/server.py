"""A real HTTP server on 127.0.0.1 that stands in for the Hugging Face Hub in tests.

This module holds the controls tests use: recorded requests (never a token value), latency per
request and injected failures. Request parsing is in ``handler.py``, answers in ``routes.py``.
It must never listen on anything but the loopback interface.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http.server import ThreadingHTTPServer
from types import TracebackType
from typing import TYPE_CHECKING

from tests.hubstub.data import HubData, load
from tests.hubstub.handler import Handler
from tests.hubstub.ratelimit import UNLIMITED, RateLimits
from tests.hubstub.routes import listing_of

if TYPE_CHECKING:
    # A behaviour answers one request by hand (tests/faults: trickles, stalls, huge bodies).
    Behaviour = Callable[[Handler], None]


@dataclass(frozen=True)
class RecordedRequest:
    """One request as the stand-in saw it. ``authorized`` says whether a token was sent;
    ``cdn`` whether it reached the CDN listener (LFS bytes, on another origin) instead."""

    method: str
    path: str
    query: dict[str, list[str]]
    authorized: bool
    cdn: bool = False

    @property
    def kind(self) -> str:
        """What the request was for, from its path and query (benchmarks count by it)."""
        path = self.path
        if path == "/api/models":
            return "family search" if "search" in self.query else "publisher listing"
        if "/commits/" in path:
            return "commit listing"
        if "/revision/" in path:
            return "model_info at a revision"
        if "/resolve/" in path:
            return "LICENSE download"
        if path.startswith("/api/models/"):
            return "model_info"
        return path  # e.g. huggingface_hub's own /api/agent-harnesses


@dataclass
class Failure:
    """A failure injected for one model: what to answer and how many more times."""

    status: int  # 0 drops the connection without answering
    remaining: int
    retry_after: float | None


class HubStub:
    """The stand-in server plus the controls tests use (counts, latency, failures)."""

    def __init__(self, data: HubData | None = None) -> None:
        self.data = data or load()
        self.latency = 0.0
        self.page_size = 20
        self._lock = threading.Lock()
        self._requests: list[RecordedRequest] = []
        self._failures: dict[str, Failure] = {}
        self._behaviours: list[tuple[re.Pattern[str], str | None, Behaviour]] = []
        self.limits = RateLimits()
        self.refuse_blobs_with_expand = False  # answer 400 to ?blobs=true&expand=...
        self._httpd: ThreadingHTTPServer | None = None
        # LFS bytes are served from a second listener: another origin, as the Hub's CDN is,
        # so huggingface_hub drops the token when it follows a redirect there.
        self._cdn: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        """Base URL, e.g. ``http://127.0.0.1:54321`` (no trailing slash)."""
        if self._httpd is None:
            raise RuntimeError("the Hub stand-in is not running")
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def cdn_url(self) -> str | None:
        """Base URL of the CDN listener (another port: another origin), None when stopped."""
        if self._cdn is None:
            return None
        host, port = self._cdn.server_address[:2]
        return f"http://{host!s}:{port}"

    def _listen(self, name: str, cdn: bool) -> ThreadingHTTPServer:
        httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        httpd.daemon_threads = True
        httpd.stub = self  # type: ignore[attr-defined]
        httpd.is_cdn = cdn  # type: ignore[attr-defined]
        threading.Thread(target=httpd.serve_forever, name=name, daemon=True).start()
        return httpd

    def start(self) -> HubStub:
        """Listen on random loopback ports (the Hub and its CDN) in daemon threads."""
        self._httpd = self._listen("hubstub", cdn=False)
        self._cdn = self._listen("hubstub-cdn", cdn=True)
        return self

    def stop(self) -> None:
        """Stop serving and close the sockets."""
        for httpd in (self._httpd, self._cdn):
            if httpd is not None:
                httpd.shutdown()
                httpd.server_close()
        self._httpd = self._cdn = None

    def __enter__(self) -> HubStub:
        return self.start()

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def reset(self) -> None:
        """Forget recorded requests and injected failures; zero the latency; lift rate limits."""
        with self._lock:
            self._requests.clear()
            self._failures.clear()
            self._behaviours.clear()
        self.latency = 0.0
        self.page_size = 20
        self.limits.set()
        self.refuse_blobs_with_expand = False

    def rate_limit(
        self, api: int = UNLIMITED, resolvers: int = UNLIMITED, window: float = 300.0
    ) -> None:
        """Budgets per fixed window of ``window`` seconds (API calls, file downloads); over
        them the stand-in answers 429 with Retry-After, as the Hub does. Reset lifts them."""
        self.limits.set(api, resolvers, window)

    @property
    def requests(self) -> list[RecordedRequest]:
        """A copy of every request seen since the last reset, oldest first."""
        with self._lock:
            return list(self._requests)

    def request_count(self, path_prefix: str | None = None) -> int:
        """How many requests were seen (only those whose raw path starts with ``path_prefix``)."""
        return sum(
            1 for r in self.requests if path_prefix is None or r.path.startswith(path_prefix)
        )

    def fail(
        self, model: str, status: int, times: int = 1, retry_after: float | None = None
    ) -> None:
        """Answer the next ``times`` requests about ``model`` with ``status`` (0 = drop).

        ``retry_after`` adds a ``Retry-After`` header (seconds) to those answers.
        """
        with self._lock:
            self._failures[model] = Failure(status, times, retry_after)

    def fail_listing(
        self, author: str, status: int, times: int = 1, retry_after: float | None = None
    ) -> None:
        """``fail`` for the next ``times`` listings of ``author``'s repos (``/api/models``
        asked with ``author=``), the route that also answers their head lookups."""
        self.fail(listing_of(author), status, times, retry_after)

    def behave(self, path_pattern: str, behaviour: Behaviour, author: str | None = None) -> None:
        """Answer every request whose path fully matches ``path_pattern`` (a regex) with
        ``behaviour`` instead of the normal route, until the next reset; with ``author``, only
        the requests that name that author (a publisher's listing)."""
        with self._lock:
            self._behaviours.append((re.compile(path_pattern), author, behaviour))

    def behaviour_for(self, path: str, author: str | None = None) -> Behaviour | None:
        """The behaviour installed for ``path`` (asked about ``author``), if any (the first
        that matches)."""
        with self._lock:
            return next(
                (
                    b
                    for p, who, b in self._behaviours
                    if p.fullmatch(path) and who in (None, author)
                ),
                None,
            )

    def record(
        self, method: str, path: str, query: dict[str, list[str]], token: bool, cdn: bool = False
    ) -> None:
        """Called by the handler for every request it receives."""
        with self._lock:
            self._requests.append(RecordedRequest(method, path, query, token, cdn))

    def take_failure(self, model: str | None) -> Failure | None:
        """The injected failure for the next request about ``model``, if one is pending."""
        if model is None:
            return None
        with self._lock:
            failure = self._failures.get(model)
            if failure is None or failure.remaining <= 0:
                return None
            failure.remaining -= 1
            return failure
