"""The one module that talks to huggingface_hub: each Hub call licheck makes, with its retries.

Every function here never raises and never says "fine" on a failure: it returns the facts, or a
``Failed`` (or a record with a non-ok status) whose reason a person can act on. huggingface_hub
is imported inside functions so that ``import licheck.hub`` (and every offline or cached run)
stays free of it. Nothing here may write a token into a reason or a log line, and nothing here
caches: ``resolve.py`` and ``engine.py`` decide what to ask and what to keep.
"""

from __future__ import annotations

import inspect
import logging
import sys
from collections.abc import Callable
from functools import lru_cache
from itertools import islice
from types import ModuleType
from typing import Any, TypeVar
from urllib.parse import quote

from licheck import __version__
from licheck.hub.facts import Commit, Resolved, member_from_info, new_record, resolved_from_info
from licheck.hub.outcomes import NOT_FOUND, Connection, Failed, Retry, describe, outcome
from licheck.models import FamilyMember, ModelKey, ModelRecord, Status

log = logging.getLogger(__name__)

__all__ = [
    "EXPAND",
    "NOT_FOUND",
    "classify",
    "fetch_commits",
    "fetch_family",
    "fetch_file",
    "fetch_model",
]

# Only the keys licheck reads: smaller answers, and available since huggingface_hub 0.24.
EXPAND = ("cardData", "tags", "gated", "private", "sha", "lastModified", "createdAt", "siblings")
FAMILY_EXPAND = ("cardData", "tags", "gated")
# Most specific first: GatedRepoError subclasses RepositoryNotFoundError, and every Hub HTTP
# error subclasses HfHubHTTPError.
_ERROR_NAMES = (
    "GatedRepoError",
    "RepositoryNotFoundError",
    "DisabledRepoError",
    "RevisionNotFoundError",
    "OfflineModeIsEnabled",
    "HFValidationError",
    "HfHubHTTPError",
)
T = TypeVar("T")


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


def _kind(exc: BaseException) -> str | None:
    """The name of the first huggingface_hub error class ``exc`` is, ``transport``, or None."""
    for name, cls in _errors().items():
        if isinstance(exc, cls):
            return name
    return "transport" if isinstance(exc, _transport_errors()) else None


def classify(
    exc: BaseException, key: ModelKey, endpoint: str, token: str | None
) -> ModelRecord | Retry:
    """Map one exception raised while looking up ``key`` to a final record or a ``Retry``."""
    result = outcome(_kind(exc), exc, key.revision, endpoint, token)
    if isinstance(result, Retry):
        return result
    extra: dict[str, Any] = {"gated": True} if result.gated else {}
    return new_record(key, result.status, result.reason, **extra)


def _attempt(
    call: Callable[[], T], conn: Connection, what: str, revision: str | None
) -> T | Failed:
    """Run ``call``; retry transient failures with bounded exponential backoff.

    Waits are ``backoff * 2**attempt`` or the server's Retry-After, never over ``max_wait``.
    """
    attempts = max(0, conn.retries) + 1
    for attempt in range(attempts):
        try:
            return call()
        except Exception as exc:
            result = outcome(_kind(exc), exc, revision, conn.shown, conn.token)
            if isinstance(result, Failed):
                return result
            log.debug("%s: attempt %d/%d failed: %s", what, attempt + 1, attempts, result.reason)
            if attempt + 1 < attempts:
                wait = result.wait if result.wait is not None else conn.backoff * 2**attempt
                conn.sleep(min(max(0.0, wait), conn.max_wait))
                continue
            return Failed(Status.UNVERIFIED, f"{result.reason}; gave up after {attempts} attempts")
    raise AssertionError("unreachable: the loop always returns")  # pragma: no cover


def _api(conn: Connection) -> Any:
    from huggingface_hub import HfApi

    return HfApi(
        endpoint=conn.endpoint,
        token=conn.token,
        library_name="licheck",
        library_version=__version__,
    )


# huggingface_hub.utils exports build_hf_headers, paginate and hf_raise_for_status (in 0.24 and
# 2.x alike) without declaring them to type checkers: hence the attr-defined ignores below.


def _headers(conn: Connection) -> dict[str, str]:
    import huggingface_hub.utils as hf_utils

    headers: dict[str, str] = hf_utils.build_hf_headers(  # type: ignore[attr-defined]
        token=conn.token, library_name="licheck", library_version=__version__
    )
    return headers


def signed_in(conn: Connection) -> bool:
    """Whether calls through ``conn`` carry a token: its own, or the one huggingface_hub finds
    (HF_TOKEN, a saved login), judged by the headers it would send. Never returns the token."""
    try:
        return any(name.lower() == "authorization" for name in _headers(conn))
    except Exception:  # a token huggingface_hub refuses: the calls themselves will say so
        return False


def fetch_model(key: ModelKey, conn: Connection) -> Resolved:
    """``model_info`` for ``key`` (card data, tags, gating, sha, dates and file names)."""
    try:
        api = _api(conn)
    except Exception as exc:
        reason = f"could not set up the Hub client: {describe(exc, conn.token)}"
        return Resolved(new_record(key, Status.UNVERIFIED, reason))
    result = _attempt(
        lambda: api.model_info(
            key.model, revision=key.revision, expand=list(EXPAND), timeout=conn.timeout
        ),
        conn,
        key.model,
        key.revision,
    )
    if isinstance(result, Failed):
        extra: dict[str, Any] = {"gated": True} if result.gated else {}
        return Resolved(new_record(key, result.status, result.reason, **extra))
    return resolved_from_info(key, result)


@lru_cache(maxsize=1)
def _paginate() -> tuple[Callable[..., Any], bool]:
    """huggingface_hub's Link-header paginator, and whether it takes a timeout (2.x does)."""
    import huggingface_hub.utils as hf_utils

    paginate: Callable[..., Any] = hf_utils.paginate  # type: ignore[attr-defined]
    return paginate, "timeout" in inspect.signature(paginate).parameters


def fetch_commits(model: str, revision: str, limit: int, conn: Connection) -> list[Commit] | Failed:
    """The newest ``limit`` commits reachable from ``revision``, newest first.

    Uses huggingface_hub's paginator lazily so that only the pages holding those commits are
    requested (``list_repo_commits`` would read every page of a long history).
    """

    def call() -> list[Commit]:
        paginate, takes_timeout = _paginate()
        url = f"{conn.endpoint}/api/models/{model}/commits/{quote(revision, safe='')}"
        extra = {"timeout": conn.timeout} if takes_timeout else {}
        items = paginate(url, params={}, headers=_headers(conn), **extra)
        return [Commit.from_api(item) for item in islice(items, max(1, limit))]

    return _attempt(call, conn, f"{model} commits", revision)


def fetch_family(
    namespace: str, stem: str, limit: int, conn: Connection
) -> list[FamilyMember] | Failed:
    """``list_models(author=namespace, search=stem)``: at most ``limit`` repos with licenses."""

    def call() -> list[FamilyMember]:
        found = _api(conn).list_models(
            author=namespace, search=stem, limit=max(1, limit), expand=list(FAMILY_EXPAND)
        )
        return [member_from_info(info) for info in found]

    return _attempt(call, conn, f"{namespace}/{stem}* family", None)


def fetch_file(model: str, revision: str, path: str, conn: Connection) -> bytes | Failed:
    """The bytes of ``path`` at ``revision`` (one GET; gated repos give a ``gated`` Failed)."""

    def call() -> bytes:
        import huggingface_hub.utils as hf_utils
        from huggingface_hub import get_session, hf_hub_url

        url = hf_hub_url(model, path, revision=revision, endpoint=conn.endpoint)
        response = get_session().get(url, headers=_headers(conn), timeout=conn.timeout)
        hf_utils.hf_raise_for_status(response)  # type: ignore[attr-defined]
        return bytes(response.content)

    return _attempt(call, conn, f"{model}/{path}", revision)
