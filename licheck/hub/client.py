"""The one module that talks to huggingface_hub: each Hub call licheck makes, with its retries.

Every function here never raises and never says "fine" on a failure: it returns the facts, or a
``Failed`` (or a record with a non-ok status) whose reason a person can act on. huggingface_hub
is imported inside functions so that ``import licheck.hub`` (and every offline or cached run)
stays free of it. Nothing here may write a token into a reason or a log line, and nothing here
caches: ``lookup.py`` and ``scheduler.py`` decide what to ask and what to keep.

Every request goes through ``_get``: huggingface_hub's own HTTP session, headers, repo-id
validation and error mapping (``hf_raise_for_status``), with the bounds of ``bounds.py`` around
it (a wall-clock limit per answer and per stage, a size cap, pagination kept on the endpoint's
origin, the token masked out of everything the Hub sends back). ``HfApi`` methods read answers
whole and follow ``Link`` headers anywhere, so they are not used.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import Any, Generic, TypeVar
from urllib.parse import quote, urljoin

from licheck import __version__
from licheck.hub.blobs import Digest, digest_file
from licheck.hub.bounds import (
    AnswerTooLarge,
    TookTooLong,
    check_declared_size,
    read_capped,
    redact,
    redact_bytes,
    same_origin,
    shown_origin,
    within,
)
from licheck.hub.facts import Commit, Resolved, member_from_info, new_record, resolved_from_info
from licheck.hub.listing import RepoListing, parse_listing
from licheck.hub.outcomes import (
    NOT_FOUND,
    Connection,
    Failed,
    Retry,
    download_outcome,
    outcome,
    strip_credentials,
)
from licheck.hub.pacing import route_kind
from licheck.hub.supported import check_once
from licheck.records import FamilyMember, ModelKey, ModelRecord, Status

log = logging.getLogger(__name__)

__all__ = [
    "EXPAND",
    "NOT_FOUND",
    "Downloaded",
    "Listing",
    "classify",
    "download_file",
    "fetch_author",
    "fetch_commits",
    "fetch_family",
    "fetch_file",
    "fetch_listing",
    "fetch_model",
    "progress_bars",
]

# Only the keys licheck reads: smaller answers, and available since huggingface_hub 0.24.
EXPAND = ("cardData", "tags", "gated", "private", "sha", "lastModified", "createdAt", "siblings")
FAMILY_EXPAND = ("cardData", "tags", "gated")
AUTHOR_PAGE = 1000  # the most items the Hub sends in one page of /api/models
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

    Waits are ``backoff * 2**attempt`` or the server's Retry-After, never over ``max_wait`` nor
    past the stage's deadline. Each attempt gets ``request_limit`` seconds of wall clock (less
    when the stage ends sooner); one that runs over is not retried.
    """
    attempts = max(0, conn.retries) + 1
    for attempt in range(attempts):
        left = conn.time_left()
        if left is not None and left <= 0:
            return conn.out_of_time()
        limit = conn.request_limit if left is None else min(conn.request_limit, left)
        try:
            return within(call, limit)
        except TookTooLong:
            if limit < conn.request_limit:
                return conn.out_of_time()
            reason = f"the Hub sent no complete answer within {limit:g} s; gave up"
            return Failed(Status.UNVERIFIED, reason)
        except AnswerTooLarge as exc:
            return Failed(Status.UNVERIFIED, str(exc))
        except Exception as exc:
            result = outcome(_kind(exc), exc, revision, conn.shown, _secret(conn))
            if isinstance(result, Failed):
                return result
            log.debug("%s: attempt %d/%d failed: %s", what, attempt + 1, attempts, result.reason)
            if attempt + 1 < attempts:
                wait = result.wait if result.wait is not None else conn.backoff * 2**attempt
                left = conn.time_left()
                wait = min(max(0.0, wait), conn.max_wait, left if left is not None else wait)
                conn.sleep(max(0.0, wait))
                continue
            return Failed(Status.UNVERIFIED, f"{result.reason}; gave up after {attempts} attempts")
    raise AssertionError("unreachable: the loop always returns")  # pragma: no cover


# huggingface_hub.utils exports build_hf_headers, get_session, validate_repo_id and
# hf_raise_for_status (in 0.24 and 2.x alike) without declaring them to type checkers: hence
# the attr-defined ignores below.


def _headers(conn: Connection) -> dict[str, str]:
    """huggingface_hub's headers for a call (user agent, the token it finds), within bounds.

    Building them can make a request of its own: huggingface_hub 2.x fetches an agent registry
    from the endpoint the first time (read timeouts only), so it gets the same time limits as
    any call; ``TookTooLong`` when they run out. The first call warns when the installed
    huggingface_hub is outside the range licheck supports.
    """
    check_once()
    import huggingface_hub.utils as hf_utils

    def build() -> dict[str, str]:
        headers: dict[str, str] = hf_utils.build_hf_headers(  # type: ignore[attr-defined]
            token=conn.token, library_name="licheck", library_version=__version__
        )
        return headers

    left = conn.time_left()
    return within(build, conn.request_limit if left is None else min(conn.request_limit, left))


def _bearer(headers: dict[str, str], conn: Connection) -> str | None:
    """The token in ``headers`` (else ``conn``'s own), to mask wherever the Hub echoes it."""
    for name, value in headers.items():
        if name.lower() == "authorization" and value.lower().startswith("bearer "):
            return value[7:].strip() or conn.token
    return conn.token


def _secret(conn: Connection) -> str | None:
    """The token these calls send (``conn``'s own, or the one huggingface_hub finds)."""
    try:
        return _bearer(_headers(conn), conn)
    except Exception:  # a token huggingface_hub refuses is never sent
        return conn.token


def signed_in(conn: Connection) -> bool:
    """Whether calls through ``conn`` carry a token: its own, or the one huggingface_hub finds
    (HF_TOKEN, a saved login), judged by the headers it would send. Never returns the token."""
    try:
        return any(name.lower() == "authorization" for name in _headers(conn))
    except Exception:  # a token huggingface_hub refuses: the calls themselves will say so
        return False


_DROPPED_HEADERS = frozenset({"content-encoding", "content-length", "transfer-encoding"})


@dataclass(frozen=True)
class _Answer:
    """One answer read whole, and the token its request carried (to mask in what it says)."""

    response: Any  # the library's response, body in memory: .json(), .content, .links work
    secret: str | None

    def json(self) -> Any:
        """The parsed JSON body with the token masked in every string."""
        return redact(self.response.json(), self.secret)


def _get(url: str, conn: Connection, params: dict[str, Any] | None = None) -> _Answer:
    """GET ``url`` through huggingface_hub's session; the answer read whole, at most
    ``conn.max_bytes``; huggingface_hub's error for a failed status.

    Redirects are followed by the session, which drops the Authorization header when one
    leaves the origin (requests and httpx alike).
    """
    import huggingface_hub.utils as hf_utils

    session: Any = hf_utils.get_session()  # type: ignore[attr-defined]
    headers = _headers(conn)
    kind = route_kind(url)
    if conn.pacer is not None:
        conn.pacer.before(kind, conn.deadline)
    response: Any
    if callable(getattr(session, "stream", None)):  # httpx(2): huggingface_hub 1.0 on
        with session.stream(
            "GET", url, params=params, headers=headers, timeout=conn.timeout
        ) as streamed:
            check_declared_size(streamed.headers, conn.max_bytes)
            body = read_capped(streamed.iter_bytes(), conn.max_bytes)
            kept = [
                (name, value)
                for name, value in streamed.headers.multi_items()
                if name.lower() not in _DROPPED_HEADERS
            ]
            # The body is already decoded: a new response without the encoding headers.
            response = type(streamed)(
                streamed.status_code, headers=kept, content=body, request=streamed.request
            )
    else:  # requests: huggingface_hub before 1.0
        response = session.get(
            url, params=params, headers=headers, timeout=conn.timeout, stream=True
        )
        try:
            check_declared_size(response.headers, conn.max_bytes)
            body = read_capped(response.iter_content(1 << 16), conn.max_bytes)
        finally:
            response.close()
        # requests has no public setter; ``_content`` is what ``.content`` returns once read
        # (unchanged since requests 1.0; the oldest-huggingface_hub CI run exercises it).
        response._content = body
    if conn.pacer is not None:
        conn.pacer.observe(kind, response.headers)
    hf_utils.hf_raise_for_status(response)  # type: ignore[attr-defined]
    return _Answer(response, _bearer(headers, conn))


@dataclass(frozen=True)
class Listing(Generic[T]):
    """The items of a paginated listing; ``note`` says why it stopped early, if it did."""

    items: list[T]
    note: str | None = None


def _paged(
    url: str, params: dict[str, Any], limit: int, conn: Connection
) -> tuple[list[Any], str | None]:
    """At most ``limit`` raw items of a listing, following ``Link: rel="next"`` pages.

    A next link is followed only on the endpoint's own origin: the calls carry the token, and a
    page must not be able to send it elsewhere. Any other link ends the listing with a note.
    """
    items: list[Any] = []
    next_url: str | None = url
    query: dict[str, Any] | None = params
    while next_url is not None and len(items) < limit:
        answer = _get(next_url, conn, query)
        page = answer.json()
        if not isinstance(page, list):
            raise ValueError(f"the Hub sent a {type(page).__name__} where a list was expected")
        items.extend(page)
        link = (answer.response.links or {}).get("next") or {}
        target = link.get("url") if isinstance(link, dict) else None
        if not target:
            break
        target = urljoin(next_url, str(target))
        if not same_origin(target, conn.endpoint):
            where = shown_origin(target)
            note = f"the Hub's next page is on another host ({where}); not followed"
            return items[:limit], note
        next_url, query = target, None  # the next link carries its own query
    return items[:limit], None


def _model_info(data: dict[str, Any]) -> Any:
    """huggingface_hub's ``ModelInfo`` for one answer (it parses card data and siblings)."""
    from huggingface_hub.hf_api import ModelInfo

    build: Any = ModelInfo
    return build(**data)


def _with_blobs(conn: Connection, params: dict[str, Any], ask: Callable[[dict[str, Any]], T]) -> T:
    """``ask(params)`` with ``blobs=true`` added (the files' git blob ids let a LICENSE text
    shared by many repos be fetched once); once the Hub refuses that (HTTP 400), without for
    the rest of the run (huggingface_hub never sends the two together, so the Hub's answer to
    them is not documented)."""
    if "blobs" in conn.refused:
        return ask(params)
    try:
        return ask({**params, "blobs": "true"})
    except Exception as exc:
        if getattr(getattr(exc, "response", None), "status_code", None) != 400:
            raise
        conn.refused.add("blobs")
        log.debug("the Hub refused blobs=true with expand; asking without blob ids")
        return ask(params)


def _model_data(url: str, conn: Connection) -> Any:
    """One ``model_info`` answer: the ``EXPAND`` keys, with blob ids when the Hub gives them."""
    return _with_blobs(conn, {"expand": list(EXPAND)}, lambda p: _get(url, conn, p).json())


def fetch_model(key: ModelKey, conn: Connection) -> Resolved:
    """``model_info`` for ``key`` (card data, tags, gating, sha, dates, file names and, when
    the Hub sends them, the files' blob ids): one request."""

    def call() -> Any:
        import huggingface_hub.utils as hf_utils

        hf_utils.validate_repo_id(key.model)  # type: ignore[attr-defined]
        url = f"{conn.endpoint}/api/models/{key.model}"
        if key.revision is not None:
            url += f"/revision/{quote(key.revision, safe='')}"
        data = _model_data(url, conn)
        if not isinstance(data, dict):
            raise ValueError(f"the Hub sent a {type(data).__name__} where an object was expected")
        return _model_info(data)

    result = _attempt(call, conn, key.model, key.revision)
    if isinstance(result, Failed):
        extra: dict[str, Any] = {"gated": True} if result.gated else {}
        return Resolved(new_record(key, result.status, result.reason, **extra))
    return resolved_from_info(key, result)


def fetch_commits(
    model: str, revision: str, limit: int, conn: Connection
) -> Listing[Commit] | Failed:
    """The newest ``limit`` commits reachable from ``revision``, newest first.

    Only the pages holding those commits are requested (``list_repo_commits`` would read every
    page of a long history).
    """

    def call() -> Listing[Commit]:
        url = f"{conn.endpoint}/api/models/{model}/commits/{quote(revision, safe='')}"
        items, note = _paged(url, {}, max(1, limit), conn)
        return Listing([Commit.from_api(item) for item in items], note)

    return _attempt(call, conn, f"{model} commits", revision)


def fetch_family(
    namespace: str, stem: str, limit: int, conn: Connection
) -> Listing[FamilyMember] | Failed:
    """``list_models(author=namespace, search=stem)``: at most ``limit`` repos with licenses."""

    def call() -> Listing[FamilyMember]:
        params = {
            "author": namespace,
            "search": stem,
            "limit": max(1, limit),
            "expand": list(FAMILY_EXPAND),
        }
        items, note = _paged(f"{conn.endpoint}/api/models", params, max(1, limit), conn)
        return Listing([member_from_info(info) for info in _infos(items)], note)

    return _attempt(call, conn, f"{namespace}/{stem}* family", None)


def fetch_author(namespace: str, limit: int, conn: Connection) -> Listing[Any] | Failed:
    """``list_models(author=namespace)`` with what ``model_info`` gives (``EXPAND``) at each
    repo's head: at most ``limit`` repos (``ModelInfo``s), in pages of up to ``AUTHOR_PAGE``.
    One listing serves the head lookups and every family of the publisher."""

    def call() -> Listing[Any]:
        size = max(1, min(limit, AUTHOR_PAGE))
        params = {"author": namespace, "limit": size, "expand": list(EXPAND)}
        url = f"{conn.endpoint}/api/models"
        items, note = _with_blobs(conn, params, lambda p: _paged(url, p, max(1, limit), conn))
        if note is None and len(items) >= limit:
            note = f"the listing stopped at {limit} repos (author_limit)"
        return Listing(_infos(items), note)

    return _attempt(call, conn, f"{namespace}/* listing", None)


def _infos(items: list[Any]) -> list[Any]:
    infos = []
    for item in items:
        if not isinstance(item, dict):
            raise ValueError("the Hub sent a model listing item that is not an object")
        item.setdefault("siblings", None)  # as list_models does: ModelInfo expects the key
        infos.append(_model_info(item))
    return infos


def fetch_file(model: str, revision: str, path: str, conn: Connection) -> bytes | Failed:
    """The bytes of ``path`` at ``revision`` (one GET; gated repos give a ``gated`` Failed)."""

    def call() -> bytes:
        from huggingface_hub import hf_hub_url

        url = hf_hub_url(model, path, revision=revision, endpoint=conn.endpoint)
        answer = _get(url, conn)
        return redact_bytes(bytes(answer.response.content), answer.secret)

    return _attempt(call, conn, f"{model}/{path}", revision)


def fetch_listing(model: str, revision: str, conn: Connection) -> RepoListing | Failed:
    """Every file of ``model`` at ``revision`` with the ids the Hub gives it, the commit the
    revision names and the card's license facts there (``model_info(files_metadata=True)``)."""

    def call() -> RepoListing:
        import huggingface_hub.utils as hf_utils

        hf_utils.validate_repo_id(model)  # type: ignore[attr-defined]
        url = f"{conn.endpoint}/api/models/{model}/revision/{quote(revision, safe='')}"
        return parse_listing(_get(url, conn, {"blobs": "true"}).json())

    return _attempt(call, conn, f"{model} files", revision)


@dataclass(frozen=True)
class Downloaded:
    """A file huggingface_hub downloaded, and the digest of its bytes."""

    path: Path
    digest: Digest


# Raised by hf_hub_download only: a file the Hub lists but does not serve, or a HEAD that
# failed with no cached copy to fall back on (a network failure, in a fresh download folder).
_DOWNLOAD_ERROR_NAMES = ("LocalEntryNotFoundError", "EntryNotFoundError")


def _download_kind(exc: BaseException) -> str | None:
    import huggingface_hub.utils as utils

    for name in _DOWNLOAD_ERROR_NAMES:
        cls = _errors().get(name) or getattr(utils, name, None)
        if isinstance(cls, type) and isinstance(exc, cls):
            return name
    return _kind(exc)


def download_file(
    model: str, sha: str, path: str, folder: Path, conn: Connection
) -> Downloaded | Failed:
    """``hf_hub_download`` of ``path`` at commit ``sha`` into ``folder`` (its ``local_dir``).

    huggingface_hub makes the requests (HEAD for the file's ids, then GET, following an LFS
    redirect without the token when it leaves the Hub's origin) and resumes a partial download
    it left in ``folder``. ``path`` must already be judged safe: huggingface_hub joins it to
    ``folder`` as it is. Transient failures are retried with backoff; there is no wall-clock
    limit, since weights may take hours (each read still times out). A file holding the token
    this call sent is deleted at once; its digest says so (``has_secret``).
    """
    from huggingface_hub import hf_hub_download

    secret = _secret(conn)
    attempts = max(0, conn.retries) + 1
    for attempt in range(attempts):
        try:
            got = hf_hub_download(
                model,
                path,
                revision=sha,
                local_dir=str(folder),
                endpoint=conn.endpoint,
                token=conn.token,
                etag_timeout=conn.timeout,
                library_name="licheck",
                library_version=__version__,
            )
        except Exception as exc:
            error: BaseException = exc
            kind = _download_kind(error)
            if kind == "LocalEntryNotFoundError" and exc.__cause__ is not None:
                # huggingface_hub's wrapper for "the HEAD failed and nothing is cached": the
                # cause (a refused connection, a 5xx, a disabled repo) says what to do.
                error = exc.__cause__
                kind = _download_kind(error)
            result = download_outcome(kind, error, path, conn.shown, secret)
            result = _without_endpoint(result, conn)
            if isinstance(result, Failed):
                return result
            log.debug("%s/%s: attempt %d/%d failed: %s", model, path, attempt + 1, attempts, result)
            if attempt + 1 < attempts:
                wait = result.wait if result.wait is not None else conn.backoff * 2**attempt
                conn.sleep(min(max(0.0, wait), conn.max_wait))
                continue
            return Failed(Status.UNVERIFIED, f"{result.reason}; gave up after {attempts} attempts")
        local = Path(got)
        digest = digest_file(local, secret)
        if digest.has_secret:  # the caller learns that much, and finds no file to keep
            local.unlink(missing_ok=True)
        return Downloaded(local, digest)
    raise AssertionError("unreachable: the loop always returns")  # pragma: no cover


def _without_endpoint(result: Failed | Retry, conn: Connection) -> Failed | Retry:
    """``result`` with the endpoint as configured (it may embed credentials) shown bare."""
    raw = conn.endpoint
    if raw == strip_credentials(raw) or raw not in result.reason:
        return result
    reason = result.reason.replace(raw, conn.shown)
    if isinstance(result, Failed):
        return Failed(result.status, reason, result.gated)
    return Retry(reason, result.wait)


@contextmanager
def progress_bars(shown: bool) -> Iterator[None]:
    """huggingface_hub's own download bars (file, bytes, rate) on or off for the block.

    Off is forced; on leaves the user's choice (``HF_HUB_DISABLE_PROGRESS_BARS``) alone. The
    previous state is restored afterwards.
    """
    import huggingface_hub.utils as hf_utils

    was_off = bool(hf_utils.are_progress_bars_disabled())  # type: ignore[attr-defined]
    if not shown and not was_off:
        hf_utils.disable_progress_bars()  # type: ignore[attr-defined]
    try:
        yield
    finally:
        if not shown and not was_off:
            hf_utils.enable_progress_bars()  # type: ignore[attr-defined]
