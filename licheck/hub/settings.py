"""How the hub stage reaches the Hub and its cache, and how far it digs: ``HubSettings``.

Plain data read from the environment at call time (huggingface_hub reads ``HF_ENDPOINT`` only
once, at import, so licheck passes the endpoint itself). Nothing here touches the network or
imports huggingface_hub, and nothing may print the token or an endpoint that embeds credentials.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from licheck.hub.bundled import Bundled
from licheck.hub.cache import DEFAULT_TTL
from licheck.hub.outcomes import (
    DEFAULT_MAX_BYTES,
    DEFAULT_REQUEST_LIMIT,
    Connection,
    strip_credentials,
)
from licheck.hub.pacing import Pacer

DEFAULT_ENDPOINT = "https://huggingface.co"
# The whole Hub stage's time limit (``--timeout``): a CI job gets a report, never a hang.
DEFAULT_STAGE_TIMEOUT = 300.0
_TRUE = frozenset({"1", "true", "yes", "on"})


def _truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in _TRUE


@dataclass(frozen=True)
class HubSettings:
    """How to reach the Hub and the cache. ``token`` is never shown in a repr or a message.

    ``endpoint=None`` means ``HF_ENDPOINT`` at call time, else huggingface.co; ``token=None``
    lets huggingface_hub find a saved token. ``retries`` is the number of extra attempts after
    a transient failure, ``backoff`` the first wait in seconds (doubling each time).

    Bounds: ``timeout`` is each network read's timeout, ``request_limit`` one answer's
    wall-clock limit and ``max_bytes`` its size; ``stage_timeout`` ends the whole stage (what
    is not answered by then is ``unverified`` with that reason).

    Provenance bounds (used by ``resolve_provenance`` only): ``max_depth`` base_model levels are
    followed above each referenced model; ``history_limit`` commits of the default branch are
    inspected per model; ``author_limit`` repos are listed per publisher (one listing serves
    every family of that publisher; past it, each family is searched on its own with at most
    ``family_limit`` repos); ``deep=False`` turns the license history, family and LICENSE file
    lookups off (chain and head stay on). A referenced model's head lookup waits for its
    publisher's listing (asked anyway for its family) ``listing_patience`` seconds at most (a
    quarter of ``stage_timeout`` at most), then asks ``model_info`` itself.

    Where the license history is read: ``drifting`` is the lower-cased namespaces of the
    publishers the rules know to have moved from open to closed. With it, the history is read
    only where it can change a verdict: pinned references (what changed since the pin) and
    models of those publishers; ``full_history`` (``--deep``) reads it for every referenced
    model. ``drifting=None`` (not told) reads every history.

    ``facts``: facts bundles under the cache (answers when offline or when the Hub fails),
    which also logs the cache rows the run used (``licheck facts export``).
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
    request_limit: float = DEFAULT_REQUEST_LIMIT
    max_bytes: int = DEFAULT_MAX_BYTES
    stage_timeout: float = DEFAULT_STAGE_TIMEOUT
    max_depth: int = 8
    history_limit: int = 20
    family_limit: int = 50
    author_limit: int = 1000
    listing_patience: float = 10.0
    deep: bool = True
    drifting: frozenset[str] | None = None
    full_history: bool = False
    facts: Bundled | None = field(default=None, compare=False)

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

    def connection(self) -> Connection:
        """What the client needs for one stage: endpoint, token, retry, time and size bounds.

        The stage's deadline starts now.
        """
        return Connection(
            endpoint=self.effective_endpoint,
            token=self.token,
            retries=self.retries,
            backoff=self.backoff,
            timeout=self.timeout,
            max_wait=self.max_wait,
            request_limit=self.request_limit,
            max_bytes=self.max_bytes,
            deadline=time.monotonic() + self.stage_timeout,
            stage_limit=self.stage_timeout,
            pacer=Pacer(reserve=max(1, self.workers)),
        )

    def reads_history(self, model: str, pinned: bool) -> bool:
        """Whether the license history of ``model`` is read (see the class docstring)."""
        if self.full_history or self.drifting is None or pinned:
            return True
        namespace, sep, _ = model.partition("/")
        return bool(sep) and namespace.lower() in self.drifting


def describe_endpoint(settings: HubSettings) -> str:
    """The endpoint without credentials, query or fragment: safe for messages and cache keys."""
    return strip_credentials(settings.effective_endpoint)
