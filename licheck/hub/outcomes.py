"""What a failed Hub call means for licheck: a final outcome with a reason, or another attempt.

Pure functions on an already-recognised error kind (``client.py`` does the recognising, since it
alone imports huggingface_hub). Reasons are read by people: they name what to do, and they must
never contain a token or an endpoint's credentials.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from licheck.hub.pacing import Pacer, parse_limit
from licheck.records import Status

RETRY_STATUS = frozenset({408, 429, 500, 502, 503, 504})
DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_WAIT = 30.0
# One answer's wall-clock limit, and its size limit. model_info of a repo with tens of thousands
# of files is a few MB; a LICENSE file far less.
DEFAULT_REQUEST_LIMIT = 60.0
DEFAULT_MAX_BYTES = 32 * 1024 * 1024
NOT_FOUND = "not found on the Hub (missing, or private to another account)"
DISABLED = "disabled on the Hub (access to this repository is disabled)"
GATED = (
    "gated: the Hub refused to show this model's metadata without approved access "
    "(accept its terms on the Hub, then set HF_TOKEN)"
)
GATED_FILE = (
    "gated: the Hub refuses this file until the model's terms are accepted "
    "(accept them on the Hub, then set HF_TOKEN)"
)


@dataclass(frozen=True)
class Connection:
    """Where and how to call the Hub. ``endpoint`` may embed credentials: never print it.

    ``timeout`` bounds each network read, ``request_limit`` each whole answer (wall clock),
    ``max_bytes`` its size. ``deadline`` (a ``time.monotonic()`` value) ends the whole stage:
    past it nothing more is asked; ``stage_limit`` is its length in seconds, for messages.
    ``pacer`` (None: no pacing) waits for the Hub's rate-limit window before a request would
    overdraw it.
    """

    endpoint: str
    token: str | None = field(default=None, repr=False)
    retries: int = 2
    backoff: float = 0.5
    timeout: float = DEFAULT_TIMEOUT
    max_wait: float = DEFAULT_MAX_WAIT
    sleep: Callable[[float], None] = field(default=time.sleep, compare=False)
    request_limit: float = DEFAULT_REQUEST_LIMIT
    max_bytes: int = DEFAULT_MAX_BYTES
    deadline: float | None = None
    stage_limit: float | None = None
    # Shared by the run's workers: the Hub's announced budgets (``pacing.py``).
    pacer: Pacer | None = field(default=None, compare=False, repr=False)
    # Optional query parameters this endpoint refused during the run (asked without them since).
    refused: set[str] = field(default_factory=set, compare=False, repr=False)

    @property
    def shown(self) -> str:
        """The endpoint as messages and cache keys show it."""
        return strip_credentials(self.endpoint)

    def time_left(self) -> float | None:
        """Seconds until the stage's deadline (None: no deadline)."""
        return None if self.deadline is None else self.deadline - time.monotonic()

    def out_of_time(self) -> Failed:
        """The outcome of a call the stage's deadline left no time for."""
        limit = f" ({self.stage_limit:g} s, --timeout)" if self.stage_limit is not None else ""
        return Failed(Status.UNVERIFIED, f"not verified: the Hub stage's time limit{limit} ran out")


@dataclass(frozen=True)
class Retry:
    """A failure worth another attempt; ``wait`` is the server's Retry-After, if it sent one."""

    reason: str
    wait: float | None = None


@dataclass(frozen=True)
class Failed:
    """A final failure: the status a record gets and the reason a person reads."""

    status: Status
    reason: str
    gated: bool = False  # the Hub refused because of a gate (metadata or files)


def strip_credentials(url: str) -> str:
    """``url`` without user info, query or fragment, and without a trailing slash."""
    parts = urlsplit(url)
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit((parts.scheme, host, parts.path.rstrip("/"), "", ""))


def scrub(text: str, token: str | None) -> str:
    """``text`` with the token (if any) masked, first line only, bounded length."""
    line = text.strip().splitlines()[0] if text.strip() else ""
    if token:
        line = line.replace(token, "***")
    return line[:240]


def describe(exc: BaseException, token: str | None) -> str:
    """``Type: first line of the message`` with the token masked."""
    message = scrub(str(exc), token)
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


def retry_after(response: Any) -> float | None:
    """The Retry-After header in seconds, else (on a 429) the seconds until the announced
    rate-limit window resets; None when neither says (HTTP dates are ignored: the backoff
    applies)."""
    headers = getattr(response, "headers", None)
    value = headers.get("Retry-After") if headers is not None else None
    try:
        if value is not None:
            return max(0.0, float(value))
    except (TypeError, ValueError):
        pass
    if headers is not None and getattr(response, "status_code", None) == 429:
        limit = parse_limit(headers)
        if limit is not None and limit.remaining == 0:
            return limit.reset
    return None


def _http(exc: BaseException, token: str | None) -> Failed | Retry:
    response = getattr(exc, "response", None)
    status = getattr(response, "status_code", None)
    if status in RETRY_STATUS:
        return Retry(f"the Hub answered HTTP {status}", retry_after(response))
    detail = scrub(getattr(exc, "server_message", None) or "", token)
    if status == 401:
        reason = "the Hub refused the credentials (HTTP 401): check HF_TOKEN or the saved token"
        return Failed(Status.UNVERIFIED, reason)
    reason = f"the Hub answered HTTP {status}" + (f": {detail}" if detail else "")
    return Failed(Status.UNVERIFIED, reason)


def outcome(
    kind: str | None, exc: BaseException, revision: str | None, shown: str, token: str | None
) -> Failed | Retry:
    """Map an error of a recognised ``kind`` (a huggingface_hub error class name, ``transport``
    for connection failures, None for anything else) to a final outcome or a retry."""
    if kind == "GatedRepoError":
        return Failed(Status.UNVERIFIED, GATED, gated=True)
    if kind == "RepositoryNotFoundError":
        return Failed(Status.UNAVAILABLE, NOT_FOUND)
    if kind == "DisabledRepoError":
        return Failed(Status.UNAVAILABLE, DISABLED)
    if kind == "RevisionNotFoundError":
        return Failed(Status.UNAVAILABLE, f"revision {revision} not found on the Hub")
    if kind == "OfflineModeIsEnabled":
        return Failed(Status.UNVERIFIED, "huggingface_hub is in offline mode (HF_HUB_OFFLINE)")
    if kind == "HFValidationError":
        return Failed(Status.UNAVAILABLE, f"not a valid Hub model id ({describe(exc, token)})")
    if kind == "HfHubHTTPError":
        return _http(exc, token)
    if kind == "transport":
        return Retry(f"could not reach the Hub at {shown} ({describe(exc, token)})")
    reason = f"unexpected error from the Hub client: {describe(exc, token)}"
    return Failed(Status.UNVERIFIED, reason)


def download_outcome(
    kind: str | None, exc: BaseException, path: str, shown: str, token: str | None
) -> Failed | Retry:
    """Map an error ``hf_hub_download`` raised for ``path`` to a final outcome or a retry.

    Downloads add two kinds to ``outcome``'s: a file the Hub lists but does not serve
    (``EntryNotFoundError``) and a failed lookup with nothing cached to fall back on
    (``LocalEntryNotFoundError``, worth another attempt). A gate refuses files, not metadata.
    """
    if kind == "EntryNotFoundError":
        return Failed(Status.UNAVAILABLE, f"the Hub lists {path} but does not serve it")
    if kind == "LocalEntryNotFoundError":
        return Retry(f"could not reach the Hub at {shown} for {path} ({describe(exc, token)})")
    if kind == "GatedRepoError":
        return Failed(Status.UNVERIFIED, GATED_FILE, gated=True)
    if kind == "RevisionNotFoundError":
        return Failed(Status.UNAVAILABLE, "the commit is not on the Hub (any more)")
    return outcome(kind, exc, None, shown, token)
