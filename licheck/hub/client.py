"""The one module that talks to huggingface_hub: fetch one model's metadata, map every failure.

``fetch_model`` never raises and never says "fine" on a failure: each outcome becomes a
``ModelRecord`` status with a reason a person can act on. huggingface_hub is imported inside
functions so that ``import licheck.hub`` (and every offline or cached run) stays free of it.
Nothing here may write a token into a reason or a log line.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from types import ModuleType
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from licheck import __version__
from licheck.hub.facts import facts_from_info, new_record
from licheck.models import ModelKey, ModelRecord, Status

log = logging.getLogger(__name__)

# Only the keys licheck reads: smaller answers, and available since huggingface_hub 0.24.
EXPAND = ("cardData", "tags", "gated", "private", "sha", "lastModified")
RETRY_STATUS = frozenset({408, 429, 500, 502, 503, 504})
DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_WAIT = 30.0
NOT_FOUND = "not found on the Hub (missing, or private to another account)"
DISABLED = "disabled on the Hub (access to this repository is disabled)"
GATED = (
    "gated: the Hub refused to show this model's metadata without approved access "
    "(accept its terms on the Hub, then set HF_TOKEN)"
)
_ERROR_NAMES = (
    "GatedRepoError",
    "RepositoryNotFoundError",
    "DisabledRepoError",
    "RevisionNotFoundError",
    "HfHubHTTPError",
    "OfflineModeIsEnabled",
    "HFValidationError",
)


@dataclass(frozen=True)
class _Retry:
    """A failure worth another attempt; ``wait`` is the server's Retry-After, if it sent one."""

    reason: str
    wait: float | None = None


@lru_cache(maxsize=1)
def _errors() -> dict[str, type[BaseException]]:
    """huggingface_hub's exception classes: ``errors`` in recent versions, ``utils`` in older."""
    import huggingface_hub.utils as utils

    errors: ModuleType
    try:
        import huggingface_hub.errors as errors
    except ImportError:  # pragma: no cover - versions before 0.23 had no errors module
        errors = utils
    found: dict[str, type[BaseException]] = {}
    for name in _ERROR_NAMES:
        cls = getattr(errors, name, None) or getattr(utils, name, None)
        if isinstance(cls, type) and issubclass(cls, BaseException):
            found[name] = cls
    return found


def _transport_errors() -> tuple[type[BaseException], ...]:
    """Connection and timeout errors of whichever HTTP library huggingface_hub loaded."""
    found: list[type[BaseException]] = [TimeoutError, ConnectionError]
    for module, names in (
        ("httpx2", ("TransportError",)),
        ("httpx", ("TransportError",)),
        ("requests.exceptions", ("ConnectionError", "Timeout", "ChunkedEncodingError")),
    ):
        loaded = sys.modules.get(module)
        for name in names:
            cls = getattr(loaded, name, None) if loaded is not None else None
            if isinstance(cls, type) and issubclass(cls, BaseException):
                found.append(cls)
    return tuple(found)


def strip_credentials(url: str) -> str:
    """``url`` without user info, query or fragment, and without a trailing slash."""
    parts = urlsplit(url)
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit((parts.scheme, host, parts.path.rstrip("/"), "", ""))


def _scrub(text: str, token: str | None) -> str:
    """``text`` with the token (if any) masked, first line only, bounded length."""
    line = text.strip().splitlines()[0] if text.strip() else ""
    if token:
        line = line.replace(token, "***")
    return line[:240]


def _describe(exc: BaseException, token: str | None) -> str:
    message = _scrub(str(exc), token)
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


def _retry_after(response: Any) -> float | None:
    """The Retry-After header in seconds (HTTP dates are ignored: the backoff applies)."""
    headers = getattr(response, "headers", None)
    value = headers.get("Retry-After") if headers is not None else None
    try:
        return max(0.0, float(value)) if value is not None else None
    except (TypeError, ValueError):
        return None


def _http_outcome(exc: BaseException, token: str | None) -> str | _Retry:
    response = getattr(exc, "response", None)
    status = getattr(response, "status_code", None)
    if status in RETRY_STATUS:
        return _Retry(f"the Hub answered HTTP {status}", _retry_after(response))
    detail = _scrub(getattr(exc, "server_message", None) or "", token)
    if status == 401:
        return "the Hub refused the credentials (HTTP 401): check HF_TOKEN or the saved token"
    return f"the Hub answered HTTP {status}" + (f": {detail}" if detail else "")


def classify(
    exc: BaseException, key: ModelKey, endpoint: str, token: str | None
) -> ModelRecord | _Retry:
    """Map one exception to a final ``ModelRecord`` or a ``_Retry``.

    Order matters: ``GatedRepoError`` subclasses ``RepositoryNotFoundError``, and every Hub
    error subclasses ``HfHubHTTPError``.
    """
    err = _errors()

    def record(status: Status, reason: str, **facts: Any) -> ModelRecord:
        return new_record(key, status, reason, **facts)

    def hit(name: str) -> bool:
        return name in err and isinstance(exc, err[name])

    if hit("GatedRepoError"):
        return record(Status.UNVERIFIED, GATED, gated=True)
    if hit("RepositoryNotFoundError"):
        return record(Status.UNAVAILABLE, NOT_FOUND)
    if hit("DisabledRepoError"):
        return record(Status.UNAVAILABLE, DISABLED)
    if hit("RevisionNotFoundError"):
        return record(Status.UNAVAILABLE, f"revision {key.revision} not found on the Hub")
    if hit("OfflineModeIsEnabled"):
        return record(Status.UNVERIFIED, "huggingface_hub is in offline mode (HF_HUB_OFFLINE)")
    if hit("HFValidationError"):
        return record(Status.UNAVAILABLE, f"not a valid Hub model id ({_describe(exc, token)})")
    if hit("HfHubHTTPError"):
        outcome = _http_outcome(exc, token)
        return outcome if isinstance(outcome, _Retry) else record(Status.UNVERIFIED, outcome)
    if isinstance(exc, _transport_errors()):
        return _Retry(f"could not reach the Hub at {endpoint} ({_describe(exc, token)})")
    return record(
        Status.UNVERIFIED, f"unexpected error from the Hub client: {_describe(exc, token)}"
    )


def _record_from_info(key: ModelKey, info: Any) -> ModelRecord:
    facts = facts_from_info(info)
    return new_record(
        key,
        Status.OK,
        sha=facts.sha,
        last_modified=facts.last_modified,
        license=facts.license,
        license_name=facts.license_name,
        license_link=facts.license_link,
        gated=facts.gated,
        private=facts.private,
        base_models=facts.base_models,
    )


def _api(endpoint: str | None, token: str | None) -> Any:
    from huggingface_hub import HfApi

    return HfApi(
        endpoint=endpoint, token=token, library_name="licheck", library_version=__version__
    )


def fetch_model(
    key: ModelKey,
    *,
    endpoint: str,
    token: str | None,
    retries: int,
    backoff: float,
    timeout: float = DEFAULT_TIMEOUT,
    max_wait: float = DEFAULT_MAX_WAIT,
    sleep: Callable[[float], None] = time.sleep,
) -> ModelRecord:
    """Ask the Hub about ``key``; retry transient failures with bounded exponential backoff.

    ``endpoint`` is the URL to call (it may hold credentials, which reasons never show).
    ``token=None`` lets huggingface_hub find the saved token itself. Waits are
    ``backoff * 2**attempt`` or the server's Retry-After, never longer than ``max_wait``.
    """
    shown = strip_credentials(endpoint)
    attempts = max(0, retries) + 1
    try:
        api = _api(endpoint, token)
    except Exception as exc:
        reason = f"could not set up the Hub client: {_describe(exc, token)}"
        return new_record(key, Status.UNVERIFIED, reason)
    for attempt in range(attempts):
        try:
            info = api.model_info(
                key.model, revision=key.revision, expand=list(EXPAND), timeout=timeout
            )
        except Exception as exc:
            outcome = classify(exc, key, shown, token)
            if isinstance(outcome, ModelRecord):
                return outcome
            log.debug("%s: attempt %d/%d failed: %s", key.model, attempt + 1, attempts, outcome)
            if attempt + 1 < attempts:
                wait = outcome.wait if outcome.wait is not None else backoff * 2**attempt
                sleep(min(max(0.0, wait), max_wait))
                continue
            reason = f"{outcome.reason}; gave up after {attempts} attempts"
            return new_record(key, Status.UNVERIFIED, reason)
        return _record_from_info(key, info)
    raise AssertionError("unreachable: the loop always returns")  # pragma: no cover
