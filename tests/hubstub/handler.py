"""The request handler of the Hub stand-in: parse the path, apply the knobs, pick the route.

It records each request on the ``HubStub`` that owns the server (never a token value), sleeps the
injected latency, serves injected failures, then asks ``routes.py`` for the answer.
"""

from __future__ import annotations

import time
from http.server import BaseHTTPRequestHandler
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, unquote, urlsplit

from tests.hubstub import routes
from tests.hubstub.data import Account, HubData
from tests.hubstub.ratelimit import budget_of
from tests.hubstub.routes import Answer, listing_of

if TYPE_CHECKING:
    from tests.hubstub.server import HubStub

_API_SUFFIXES = frozenset({"revision", "commits", "refs", "tree"})


def _split_id(data: HubData, segments: list[str]) -> tuple[str, list[str]]:
    """Split path segments into a repo id (``ns/name`` or a legacy ``name``) and the rest."""
    if len(segments) >= 2 and data.knows(f"{segments[0]}/{segments[1]}"):
        return f"{segments[0]}/{segments[1]}", segments[2:]
    if data.knows(segments[0]) or len(segments) == 1 or segments[1] in _API_SUFFIXES:
        return segments[0], segments[1:]
    return f"{segments[0]}/{segments[1]}", segments[2:]


class Handler(BaseHTTPRequestHandler):
    """Serves one connection of the stand-in (HTTP/1.1 keep-alive)."""

    protocol_version = "HTTP/1.1"
    server_version = "licheck-hubstub/1"

    @property
    def stub(self) -> HubStub:
        return self.server.stub  # type: ignore[attr-defined, no-any-return]

    @property
    def on_cdn(self) -> bool:
        """Whether this request reached the stand-in's CDN listener (another origin)."""
        return bool(getattr(self.server, "is_cdn", False))

    def log_message(self, format: str, *args: object) -> None:
        """Silence the default stderr access log."""

    def do_GET(self) -> None:
        self._serve(with_body=True)

    def do_HEAD(self) -> None:
        self._serve(with_body=False)

    def _account(self) -> tuple[bool, Account | None]:
        header = self.headers.get("Authorization", "")
        token = header[7:].strip() if header.lower().startswith("bearer ") else ""
        return bool(token), self.stub.data.accounts.get(token) if token else None

    def _serve(self, with_body: bool) -> None:
        split = urlsplit(self.path)
        query = parse_qs(split.query, keep_blank_values=True)
        has_token = bool(self.token())
        self.stub.record(self.command, split.path, query, has_token, self.on_cdn)
        if self.stub.latency:
            time.sleep(self.stub.latency)
        author = query.get("author", [None])[0]
        behaviour = self.stub.behaviour_for(split.path, author)
        if behaviour is not None:
            behaviour(self)
            return
        budget = budget_of(split.path, self.on_cdn)
        if budget is None:
            self.write(self.answer(), with_body)
            return
        allowed, limits = self.stub.limits.take(budget)
        if allowed:
            answer = self.answer()
        else:
            answer = Answer.error(429, None, "You have exceeded our rate limit (stand-in)")
        answer.headers.update(limits)
        self.write(answer, with_body)

    def answer(self) -> Answer:
        """The answer the stand-in would normally give this request (behaviours build on it)."""
        split = urlsplit(self.path)
        query = parse_qs(split.query, keep_blank_values=True)
        has_token, account = self._account()
        with_body = self.command != "HEAD"
        segments = [unquote(s) for s in split.path.strip("/").split("/")]
        model = self._model_of(segments)
        if segments == ["api", "models"] and "author" in query:
            model = listing_of(query["author"][0])
        failure = self.stub.take_failure(model)
        if failure is not None and failure.status == 0:
            self.close_connection = True
            return Answer(0)
        if failure is not None:
            extra = {}
            if failure.retry_after is not None:
                extra["Retry-After"] = f"{failure.retry_after:g}"
            message = f"injected failure {failure.status} (licheck hub stand-in)"
            answer = Answer.error(failure.status, None, message, extra)
        elif has_token and account is None:
            # The Hub's answer to a bad token; huggingface_hub special-cases this message.
            answer = Answer.error(401, None, "Invalid credentials in Authorization header")
        else:
            answer = self._route(segments, query, account, with_body)
        return answer

    def _model_of(self, segments: list[str]) -> str | None:
        data = self.stub.data
        if segments[:2] == ["api", "models"] and len(segments) > 2:
            return _split_id(data, segments[2:])[0]
        if "resolve" in segments[1:3]:
            return "/".join(segments[: segments.index("resolve")])
        return None

    def _route(
        self, segments: list[str], query: dict[str, list[str]], account: Account | None, body: bool
    ) -> Answer:
        data = self.stub.data
        if segments == ["api", "agent-harnesses"]:
            return Answer.json({"standardEnvVars": [], "harnesses": {}})
        if segments == ["api", "models"]:
            blobs = query.get("blobs", [""])[0].lower() == "true"
            if blobs and query.get("expand") and self.stub.refuse_blobs_with_expand:
                return Answer.error(400, None, "blobs cannot be combined with expand (stand-in)")
            repos = routes.list_models(data, account, query)
            base = f"{self.stub.url}/api/models"
            chunk, headers = routes.page(repos, query, base, self.stub.page_size)
            return Answer.json([routes.list_item(r, query) for r in chunk], headers=headers)
        if segments[:2] == ["api", "models"] and len(segments) > 2:
            repo_id, rest = _split_id(data, segments[2:])
            return self._api_model(repo_id, rest, query, account)
        if segments[:2] == ["api", "datasets"] and len(segments) == 4:
            dataset = "/".join(segments[2:])
            if dataset in data.datasets:
                return Answer.json({"id": dataset, "private": False, "gated": False})
            return routes.repo_not_found(account)
        if segments[0] == "lfs" and len(segments) >= 4:
            return self._lfs(segments[1:], body)
        if self.on_cdn:
            return Answer.error(404, None, "Not Found")
        if "resolve" in segments[1:3]:
            at = segments.index("resolve")
            repo_id, rest = "/".join(segments[:at]), segments[at + 1 :]
            return self._resolve(repo_id, rest, account, body)
        return Answer.error(404, None, "Not Found")

    def _lfs(self, segments: list[str], body: bool) -> Answer:
        """``GET /lfs/{id}/{sha}/{path}`` on the CDN: an LFS blob (the URL is its signature)."""
        data = self.stub.data
        repo_id, rest = _split_id(data, segments)
        repo = data.lookup(repo_id)
        rev = repo.commits.get(rest[0]) if repo is not None and rest else None
        blob = rev.lfs.get("/".join(rest[1:])) if rev is not None else None
        if blob is None:
            return Answer.error(404, None, "Not Found")
        return routes.lfs_bytes(blob, self.headers.get("Range"), body)

    def _redirect(self, old: str, new: str) -> Answer:
        split = urlsplit(self.path)
        location = split.path.replace(old, new, 1) + (f"?{split.query}" if split.query else "")
        return Answer(307, {"Location": location}, b"")

    def _api_model(
        self, repo_id: str, rest: list[str], query: dict[str, list[str]], account: Account | None
    ) -> Answer:
        data = self.stub.data
        if (target := data.canonical(repo_id)) is not None:
            return self._redirect(repo_id, target)
        repo = data.lookup(repo_id)
        denied = routes.check_access(repo, account, metadata=True)
        if denied is not None or repo is None:
            return denied or routes.repo_not_found(account)
        if not rest or (rest[0] == "revision" and len(rest) >= 2):
            revision = "/".join(rest[1:]) if rest else None
            rev = repo.resolve(revision)
            if rev is None:
                return routes.revision_not_found(revision or "main")
            expand = query.get("expand", [])
            if (bad := routes.bad_expand(expand)) is not None:
                return bad
            blobs = query.get("blobs", [""])[0].lower() == "true"
            if blobs and expand and self.stub.refuse_blobs_with_expand:
                return Answer.error(400, None, "blobs cannot be combined with expand (stand-in)")
            payload = routes.model_payload(repo, rev, blobs=blobs)
            return Answer.json(routes.expanded(payload, expand) if expand else payload)
        if rest[0] == "commits":
            revision = "/".join(rest[1:]) or "main"
            head = repo.resolve(revision)
            if head is None:
                return routes.revision_not_found(revision)
            commits = [routes.commit_entry(repo, r) for r in repo.history(head)]
            base = f"{self.stub.url}{urlsplit(self.path).path}"
            chunk, headers = routes.page(commits, query, base, self.stub.page_size)
            return Answer.json(chunk, headers=headers)
        if rest == ["refs"]:
            include_prs = query.get("include_prs", [""])[0] in ("1", "true", "True")
            return Answer.json(routes.refs_payload(repo, include_prs))
        return Answer.error(404, None, "Not Found")

    def _resolve(
        self, repo_id: str, rest: list[str], account: Account | None, body: bool
    ) -> Answer:
        data = self.stub.data
        if (target := data.canonical(repo_id)) is not None:
            return self._redirect(repo_id, target)
        repo = data.lookup(repo_id)
        denied = routes.check_access(repo, account, metadata=False)
        if denied is not None or repo is None:
            return denied or routes.repo_not_found(account)
        if len(rest) < 2:
            return Answer.error(404, "EntryNotFound", "no file named")
        rev = repo.resolve(rest[0])
        if rev is None:
            return routes.revision_not_found(rest[0])
        return routes.resolve_file(repo, rev, "/".join(rest[1:]), body, self.stub.cdn_url)

    def token(self) -> str:
        """The bearer token this request carries ('' without one), for behaviours that echo it."""
        header = self.headers.get("Authorization", "")
        return header[7:].strip() if header.lower().startswith("bearer ") else ""

    def write(self, answer: Answer, with_body: bool = True) -> None:
        """Send ``answer`` (behaviours may change it first)."""
        if answer.status == 0:  # an injected dropped connection: nothing is written
            return
        self.send_response(answer.status)
        headers = dict(answer.headers)
        headers.setdefault("Content-Length", str(len(answer.body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if with_body and answer.body:
            self.wfile.write(answer.body)
