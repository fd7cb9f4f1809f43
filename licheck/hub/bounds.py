"""The limits a hostile or broken Hub cannot get past: time, size, origin, and echoed secrets.

A Hub answer is untrusted input. A server can trickle bytes so that no read ever times out,
send an answer of any size, point a pagination link at another host, or echo the caller's token
back inside card fields. These helpers bound each of those; ``client.py`` applies them to every
call. Nothing here touches the network or imports huggingface_hub.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterable
from typing import Any, TypeVar
from urllib.parse import urlsplit

T = TypeVar("T")
REDACTED = "***"
_DEFAULT_PORTS = {"http": 80, "https": 443}


class TookTooLong(Exception):
    """A call did not finish within its time limit (it is left to finish on its own)."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"no complete answer within {seconds:g} s")
        self.seconds = seconds


class AnswerTooLarge(Exception):
    """The Hub's answer passed the size limit; the rest of it was not read."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"the Hub's answer is larger than {limit:,} bytes; it was not read")
        self.limit = limit


class _Runner:
    """A daemon thread that runs one call at a time, handed over through its inbox, and goes
    back to the idle list when a call ends (even one its caller stopped waiting for)."""

    def __init__(self) -> None:
        self.inbox: queue.SimpleQueue[Callable[[], None]] = queue.SimpleQueue()
        threading.Thread(target=self._serve, name="licheck-hub-call", daemon=True).start()

    def _serve(self) -> None:
        while True:
            self.inbox.get()()
            with _idle_lock:
                if len(_idle) >= _IDLE_MAX:
                    return
                _idle.append(self)


# Runners are reused so that each keeps one thread id: huggingface_hub before 1.0 keeps one
# HTTP session (and its open connections) per thread.
_IDLE_MAX = 32
_idle: list[_Runner] = []
_idle_lock = threading.Lock()


def within(call: Callable[[], T], seconds: float) -> T:
    """``call()`` if it finishes within ``seconds``; else ``TookTooLong``.

    Read timeouts alone cannot bound a request: a server that sends one byte every few seconds
    restarts them forever. So the call runs on a daemon thread and the caller waits at most
    ``seconds``; a late call is abandoned (its answer is dropped, and a daemon thread never
    keeps the process alive at exit). With no time left, nothing is started.
    """
    if seconds <= 0:
        raise TookTooLong(0.0)
    done = threading.Event()
    box: list[tuple[bool, Any]] = []

    def job() -> None:
        try:
            box.append((True, call()))
        except BaseException as exc:  # handed to the waiting thread, which raises it
            box.append((False, exc))
        finally:
            done.set()

    with _idle_lock:
        runner = _idle.pop() if _idle else None
    (runner or _Runner()).inbox.put(job)
    if not done.wait(seconds):
        raise TookTooLong(seconds)
    ok, value = box[0]
    if not ok:
        raise value
    result: T = value
    return result


def read_capped(chunks: Iterable[bytes], limit: int) -> bytes:
    """The concatenated ``chunks``; ``AnswerTooLarge`` once they pass ``limit`` bytes."""
    parts: list[bytes] = []
    total = 0
    for chunk in chunks:
        total += len(chunk)
        if total > limit:
            raise AnswerTooLarge(limit)
        parts.append(chunk)
    return b"".join(parts)


def check_declared_size(headers: Any, limit: int) -> None:
    """Refuse before reading when ``Content-Length`` already says the answer is too large."""
    value = headers.get("Content-Length") if headers is not None else None
    try:
        declared = int(value) if value is not None else None
    except (TypeError, ValueError):
        declared = None
    if declared is not None and declared > limit:
        raise AnswerTooLarge(limit)


def origin(url: str) -> tuple[str, str, int | None]:
    """(scheme, host, port) of ``url``, with the scheme's default port filled in."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        port = parts.port
    except ValueError:  # a malformed port: an origin nothing else shares
        return (scheme, parts.netloc.lower(), -1)
    return (scheme, (parts.hostname or "").lower(), port or _DEFAULT_PORTS.get(scheme))


def same_origin(url: str, endpoint: str) -> bool:
    """Whether ``url`` is on the endpoint's own scheme, host and port."""
    return origin(url) == origin(endpoint)


def shown_origin(url: str) -> str:
    """The ``scheme://host:port`` of ``url`` for a message (no path, query or credentials)."""
    scheme, host, port = origin(url)
    return f"{scheme}://{host}" + (f":{port}" if port is not None else "")


def redact(value: Any, secret: str | None) -> Any:
    """``value`` (parsed JSON) with every occurrence of ``secret`` in its strings masked."""
    if not secret:
        return value
    if isinstance(value, str):
        return value.replace(secret, REDACTED) if secret in value else value
    if isinstance(value, list):
        return [redact(item, secret) for item in value]
    if isinstance(value, dict):
        return {redact(k, secret): redact(v, secret) for k, v in value.items()}
    return value


def redact_bytes(data: bytes, secret: str | None) -> bytes:
    """``data`` with the secret masked (a LICENSE file that echoes the token)."""
    if not secret:
        return data
    return data.replace(secret.encode("utf-8"), REDACTED.encode())
