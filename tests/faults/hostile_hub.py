"""Hostile answers for the Hub stand-in, and a foreign host that records who called it.

Each behaviour answers one request by hand through ``HubStub.behave``: trickled and stalled
answers, bodies that are huge or malformed, Link and Location headers that point elsewhere, a
server that echoes the caller's token into card fields. Every loop here is bounded in time and
count and stops on its own; the servers listen on loopback addresses only.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.hubstub.handler import Handler
from tests.hubstub.routes import Answer

Behaviour = Callable[[Handler], None]
# Every hostile answer gives up on its own after this long, so no test thread lingers.
SERVER_BOUND = 20.0


def _headers(handler: Handler, status: int, headers: dict[str, str]) -> None:
    handler.send_response(status)
    for name, value in headers.items():
        handler.send_header(name, value)
    handler.end_headers()


def trickle(every: float = 0.5, length: int = 100_000) -> Behaviour:
    """A 200 whose body arrives one byte every ``every`` seconds: no read ever times out."""

    def behave(handler: Handler) -> None:
        handler.close_connection = True
        _headers(handler, 200, {"Content-Type": "application/json", "Content-Length": str(length)})
        end = time.monotonic() + SERVER_BOUND
        try:
            handler.wfile.write(b"{")
            while time.monotonic() < end:
                time.sleep(every)
                handler.wfile.write(b" ")
                handler.wfile.flush()
        except OSError:
            pass  # the client gave up and closed: what the test wants

    return behave


def stall(seconds: float = SERVER_BOUND) -> Behaviour:
    """Accept the request and say nothing at all (no status line) for ``seconds``."""

    def behave(handler: Handler) -> None:
        handler.close_connection = True
        time.sleep(seconds)

    return behave


def declared_huge(size: int = 200_000_000) -> Behaviour:
    """A 200 that announces ``size`` bytes, then sends them slowly (a reader must not wait)."""

    def behave(handler: Handler) -> None:
        handler.close_connection = True
        _headers(handler, 200, {"Content-Type": "application/json", "Content-Length": str(size)})
        try:
            handler.wfile.write(b'{"id": "' + b"x" * 1000)
            time.sleep(SERVER_BOUND)
        except OSError:
            pass

    return behave


def endless(total: int = 64 * 1024 * 1024) -> Behaviour:
    """A chunked 200 with no length that streams ``total`` bytes of a JSON string, fast."""

    def behave(handler: Handler) -> None:
        handler.close_connection = True
        _headers(handler, 200, {"Content-Type": "application/json", "Transfer-Encoding": "chunked"})
        chunk = b"a" * 65536
        sent = 0
        try:
            handler.wfile.write(b'9\r\n{"id": "x\r\n')
            while sent < total:
                handler.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                sent += len(chunk)
            handler.wfile.write(b'2\r\n"}\r\n0\r\n\r\n')
        except OSError:
            pass

    return behave


def body(payload: bytes, status: int = 200, content_type: str = "application/json") -> Behaviour:
    """A fixed body: truncated or wrong-shaped JSON, HTML where JSON belongs."""

    def behave(handler: Handler) -> None:
        handler.write(Answer(status, {"Content-Type": content_type}, payload))

    return behave


def with_link(url: str) -> Behaviour:
    """The normal answer with its ``Link: rel="next"`` pointing at ``url``."""

    def behave(handler: Handler) -> None:
        answer = handler.answer()
        answer.headers["Link"] = f'<{url}>; rel="next"'
        handler.write(answer)

    return behave


def redirect(location: str, status: int = 307) -> Behaviour:
    """A redirect to ``location`` (another host, or a loop back to the same path)."""

    def behave(handler: Handler) -> None:
        handler.write(Answer(status, {"Location": location}, b""))

    return behave


def echo_token(handler: Handler) -> None:
    """The normal answer with the caller's token written into every card field licheck shows
    (and into a LICENSE file's text, and commit titles)."""
    token = handler.token() or "no-token-sent"
    answer = handler.answer()
    if answer.status != 200:
        handler.write(answer)
        return
    if "/resolve/" in handler.path:
        answer.body = f"Licensed to {token}. ".encode() + answer.body
        answer.headers["Content-Length"] = str(len(answer.body))
        handler.write(answer)
        return
    data: Any = json.loads(answer.body)
    items = data if isinstance(data, list) else [data]
    for item in items:
        if not isinstance(item, dict):
            continue
        card = item.setdefault("cardData", {})
        if isinstance(card, dict):
            card["license"] = "other"
            card["license_name"] = f"license-for-{token}"
            card["license_link"] = f"https://example.invalid/terms?token={token}"
            card["base_model"] = f"echo/{token}"
        if "title" in item:
            item["title"] = f"commit by {token}"
    answer.body = json.dumps(data).encode()
    answer.headers["Content-Length"] = str(len(answer.body))
    handler.write(answer)


@dataclass
class Foreign:
    """A second loopback server (another host: 127.0.0.2) that records every request."""

    seen: list[tuple[str, bool]] = field(default_factory=list)  # (path, carried a token)
    url: str = ""


@contextmanager
def foreign_host() -> Iterator[Foreign]:
    """Serve ``[]`` on 127.0.0.2 (a different origin from the stand-in's 127.0.0.1)."""
    foreign = Foreign()

    class Recorder(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            """Silence the access log."""

        def do_GET(self) -> None:
            foreign.seen.append((self.path, "Authorization" in self.headers))
            payload = b"[]"
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

    server = ThreadingHTTPServer(("127.0.0.2", 0), Recorder)
    server.daemon_threads = True
    foreign.url = f"http://127.0.0.2:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield foreign
    finally:
        server.shutdown()
        server.server_close()
