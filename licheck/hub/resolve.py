"""Resolve every model key of a scan into a ``ModelRecord``: cache first, then the Hub in parallel.

Every key gets a record, whatever happens: non-Hub sources are ``not-resolved``, offline misses
are ``unverified``, and fetch failures carry their reason. Settings are read from the
environment at call time (huggingface_hub reads ``HF_ENDPOINT`` only once, at import). This
module must not import huggingface_hub; ``client.py`` does, lazily, inside its functions.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from licheck.hub.cache import DEFAULT_TTL, HubCache
from licheck.hub.client import fetch_model, strip_credentials
from licheck.hub.facts import new_record
from licheck.models import ModelKey, ModelRecord, Status

DEFAULT_ENDPOINT = "https://huggingface.co"
_TRUE = frozenset({"1", "true", "yes", "on"})
_NOT_ON_HUB = {  # by value, so a source added to models.py later still gets a reason
    "ollama": "an Ollama library model: not on the Hugging Face Hub, nothing to look up",
    "local": "a local path: not looked up on the Hub",
    "family": "a model id template the scan could not complete: not looked up on the Hub",
}


def _truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in _TRUE


@dataclass(frozen=True)
class HubSettings:
    """How to reach the Hub and the cache. ``token`` is never shown in a repr or a message.

    ``endpoint=None`` means ``HF_ENDPOINT`` at call time, else huggingface.co; ``token=None``
    lets huggingface_hub find a saved token. ``retries`` is the number of extra attempts after
    a transient failure, ``backoff`` the first wait in seconds (doubling each time).
    """

    endpoint: str | None = None
    token: str | None = field(default=None, repr=False)
    offline: bool = False
    cache_dir: Path | None = None
    use_cache: bool = True
    branch_ttl: float = DEFAULT_TTL
    workers: int = 8
    retries: int = 2
    backoff: float = 0.5
    timeout: float = 10.0
    max_wait: float = 30.0

    @classmethod
    def from_env(cls, **overrides: Any) -> HubSettings:
        """Settings from HF_ENDPOINT, HF_TOKEN and HF_HUB_OFFLINE, then ``overrides``."""
        env = os.environ
        token = env.get("HF_TOKEN") or env.get("HUGGING_FACE_HUB_TOKEN") or ""
        values: dict[str, Any] = {
            "endpoint": (env.get("HF_ENDPOINT") or "").strip() or None,
            "token": token.strip() or None,
            "offline": _truthy(env.get("HF_HUB_OFFLINE"))
            or _truthy(env.get("TRANSFORMERS_OFFLINE")),
        }
        values.update(overrides)
        return cls(**values)

    @property
    def effective_endpoint(self) -> str:
        """The endpoint to call, as given (it may embed credentials; never print it)."""
        raw = self.endpoint or os.environ.get("HF_ENDPOINT", "").strip() or DEFAULT_ENDPOINT
        return raw.rstrip("/")


def describe_endpoint(settings: HubSettings) -> str:
    """The endpoint without credentials, query or fragment: safe for messages and cache keys."""
    return strip_credentials(settings.effective_endpoint)


def _not_on_hub(key: ModelKey) -> ModelRecord:
    reason = _NOT_ON_HUB.get(key.source.value, f"source {key.source.value!r} is not looked up")
    return new_record(key, Status.NOT_RESOLVED, reason)


def _fetch(key: ModelKey, settings: HubSettings) -> ModelRecord:
    return fetch_model(
        key,
        endpoint=settings.effective_endpoint,
        token=settings.token,
        retries=settings.retries,
        backoff=settings.backoff,
        timeout=settings.timeout,
        max_wait=settings.max_wait,
    )


def resolve_models(
    keys: Iterable[ModelKey],
    settings: HubSettings,
    on_done: Callable[[ModelRecord], None] | None = None,
) -> dict[ModelKey, ModelRecord]:
    """A record for every distinct key, in first-seen order; ``on_done`` sees each as it lands.

    Keys that differ only by source (a Hub id and the same id as a URL) share one lookup. Fetches
    run in a bounded thread pool; ``on_done`` is always called from the calling thread.
    """
    unique = list(dict.fromkeys(keys))
    done: dict[ModelKey, ModelRecord] = {}

    def deliver(group: list[ModelKey], record: ModelRecord) -> None:
        for key in group:
            mine = record if record.source is key.source else replace(record, source=key.source)
            done[key] = mine
            if on_done is not None:
                on_done(mine)

    groups: dict[tuple[str, str | None], list[ModelKey]] = {}
    for key in unique:
        if key.source.on_hub:
            groups.setdefault((key.model, key.revision), []).append(key)
        else:
            deliver([key], _not_on_hub(key))
    if groups:
        shown = describe_endpoint(settings)
        cache = None
        if settings.use_cache:
            cache = HubCache.open(settings.cache_dir, branch_ttl=settings.branch_ttl)
        try:
            missing = _from_cache(groups, settings, cache, shown, deliver)
            if missing:
                _fetch_all(missing, settings, cache, shown, deliver)
        finally:
            if cache is not None:
                cache.close()
    return {key: done[key] for key in unique}


def _from_cache(
    groups: dict[tuple[str, str | None], list[ModelKey]],
    settings: HubSettings,
    cache: HubCache | None,
    shown: str,
    deliver: Callable[[list[ModelKey], ModelRecord], None],
) -> list[list[ModelKey]]:
    """Deliver cache hits (and offline misses); return the groups still to fetch."""
    missing: list[list[ModelKey]] = []
    for (model, revision), group in groups.items():
        # Offline, a stale answer beats none: the record says it came from the cache.
        hit = cache.get(shown, model, revision, allow_stale=settings.offline) if cache else None
        if hit is not None:
            deliver(group, hit)
        elif settings.offline:
            reason = "offline and not in the cache" if cache else "offline, and the cache is off"
            deliver(group, new_record(group[0], Status.UNVERIFIED, reason))
        else:
            missing.append(group)
    return missing


def _fetch_all(
    missing: list[list[ModelKey]],
    settings: HubSettings,
    cache: HubCache | None,
    shown: str,
    deliver: Callable[[list[ModelKey], ModelRecord], None],
) -> None:
    workers = max(1, min(settings.workers, len(missing)))
    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="licheck-hub")
    try:
        futures: dict[Future[ModelRecord], list[ModelKey]] = {
            pool.submit(_fetch, group[0], settings): group for group in missing
        }
        for future in as_completed(futures):
            group = futures[future]
            try:
                record = future.result()
            except Exception as exc:  # fetch_model maps errors itself; this is a last guard
                reason = f"unexpected error while resolving: {type(exc).__name__}"
                record = new_record(group[0], Status.UNVERIFIED, reason)
            if cache is not None:
                cache.put(shown, record)
            deliver(group, record)
    except BaseException:
        # Ctrl-C: do not wait for queued lookups, let the running ones time out on their own.
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
