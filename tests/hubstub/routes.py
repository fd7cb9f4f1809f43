"""What the Hub stand-in answers for each route, as (status, headers, body) triples.

Shapes and error headers follow what huggingface_hub 2.x expects from the real Hub: errors always
carry the ``X-Error-Code`` / ``X-Error-Message`` headers its ``hf_raise_for_status`` reads. This
module holds no server state (no counters, no injected failures): ``server.py`` does that.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlencode

from tests.hubstub.data import Account, HubData, LfsBlob, Repo, Revision

_EXPAND_KEYS = """author baseModels cardData childrenModelCount config createdAt disabled downloads
downloadsAllTime evalResults gated gguf inference inferenceProviderMapping lastModified library_name
likes mask_token model-index pipeline_tag private resourceGroup safetensors sha siblings spaces
tags transformersInfo trendingScore usedStorage widgetData"""
EXPANDABLE = frozenset(_EXPAND_KEYS.split())
DISABLED_MESSAGE = "Access to this resource is disabled."


@dataclass
class Answer:
    """An HTTP answer before it is written to the socket."""

    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""

    @classmethod
    def json(cls, payload: Any, status: int = 200, headers: dict[str, str] | None = None) -> Answer:
        """A JSON answer."""
        body = json.dumps(payload).encode()
        return cls(status, {"Content-Type": "application/json", **(headers or {})}, body)

    @classmethod
    def error(
        cls, status: int, code: str | None, message: str, headers: dict[str, str] | None = None
    ) -> Answer:
        """An error the way the Hub sends it: JSON body plus the X-Error-* headers."""
        extra = {"X-Error-Message": message, **(headers or {})}
        if code:
            extra["X-Error-Code"] = code
        return cls.json({"error": message}, status, extra)


def repo_not_found(account: Account | None) -> Answer:
    """Missing or private-to-someone-else: 401 when anonymous, 404 with a token (as the Hub)."""
    message = "Repository not found"
    return Answer.error(401 if account is None else 404, "RepoNotFound", message)


def check_access(repo: Repo | None, account: Account | None, metadata: bool) -> Answer | None:
    """The error for a repo the caller may not read, or None when it may.

    ``metadata`` is True for API routes: gated repos answer those (like the real Hub), except the
    synthetic ``gated_metadata`` one which exercises the client's GatedRepo path.
    """
    if repo is None or (
        repo.private and (account is None or not account.may_read_private(repo.id))
    ):
        return repo_not_found(account)
    if repo.disabled:
        return Answer.error(403, None, DISABLED_MESSAGE)
    gate_applies = repo.gated and (not metadata or repo.gated_metadata)
    if gate_applies and (account is None or not account.passed_gate(repo.id)):
        message = f"Access to model {repo.id} is restricted. You must have access to it."
        return Answer.error(401 if account is None else 403, "GatedRepo", message)
    return None


def listing_of(author: str) -> str:
    """The key ``fail`` knows the listings of ``author``'s repos by (no repo id has a ``*``)."""
    return f"{author}/*"


def revision_not_found(revision: str) -> Answer:
    """An unknown branch, tag or commit."""
    return Answer.error(404, "RevisionNotFound", f"Invalid rev id: {revision}")


def _object_id(repo: Repo) -> str:
    return hashlib.sha1(repo.id.encode()).hexdigest()[:24]


def _blob_id(text: str) -> str:
    data = text.encode()
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def _git_id(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def _sibling(rev: Revision, name: str, blobs: bool) -> dict[str, Any]:
    """One ``siblings`` entry; with ``blobs`` its size and git blob id, plus ``lfs`` (sha256,
    size and pointer size) for an LFS file, whose blob id is its pointer's."""
    sibling: dict[str, Any] = {"rfilename": name}
    if not blobs:
        return sibling
    blob = rev.lfs.get(name)
    if blob is None:
        text = rev.files[name]
        return sibling | {"size": len(text.encode()), "blobId": _blob_id(text)}
    pointer = blob.pointer
    lfs = {"size": blob.size, "sha256": blob.sha256, "pointerSize": len(pointer)}
    return sibling | {"size": blob.size, "blobId": _git_id(pointer), "lfs": lfs}


def model_payload(repo: Repo, rev: Revision, blobs: bool = False) -> dict[str, Any]:
    """Every key the stand-in knows for a model at a revision (the un-expanded answer)."""
    siblings = [_sibling(rev, name, blobs) for name in sorted({*rev.files, *rev.lfs})]
    payload: dict[str, Any] = {
        "_id": _object_id(repo),
        "id": repo.id,
        "modelId": repo.id,
        "author": repo.author,
        "sha": rev.sha,
        "lastModified": rev.date,
        "createdAt": repo.created_at,
        "private": repo.private,
        "gated": repo.gated,
        "disabled": repo.disabled,
        "downloads": 0,
        "likes": 0,
        "library_name": repo.library_name,
        "pipeline_tag": repo.pipeline_tag,
        "tags": list(rev.tags),
        "siblings": siblings,
        "spaces": [],
    }
    if rev.card_data is not None:
        payload["cardData"] = rev.card_data
    return payload


def expanded(payload: dict[str, Any], expand: list[str]) -> dict[str, Any]:
    """Only ``_id``, ``id`` and the requested keys, as the real Hub answers ``?expand=``."""
    keep = {"_id", "id", *expand}
    return {k: v for k, v in payload.items() if k in keep}


def bad_expand(expand: list[str]) -> Answer | None:
    """A 400 for an expand key the Hub does not know."""
    unknown = [e for e in expand if e not in EXPANDABLE]
    if unknown:
        return Answer.error(400, None, f"Invalid expand value(s): {', '.join(unknown)}")
    return None


def list_item(repo: Repo, query: dict[str, list[str]]) -> dict[str, Any]:
    """One entry of ``GET /api/models``: a short form unless expand/full/cardData ask for more
    (``blobs=true`` adds the files' sizes and blob ids, as it does for one model)."""
    full = model_payload(repo, repo.main, blobs=query.get("blobs", [""])[0].lower() == "true")
    expand = query.get("expand", [])
    if expand:
        return expanded(full, expand)
    short = ["_id", "id", "modelId", "likes", "downloads", "private", "pipeline_tag"]
    short += ["library_name", "tags", "createdAt"]
    wants_full = query.get("full", [""])[0].lower() == "true"
    if wants_full or query.get("cardData", [""])[0].lower() == "true":
        short += ["cardData", "sha", "lastModified", "gated", "author"]
    if wants_full:
        short += ["siblings"]
    return {k: full[k] for k in short if k in full}


def list_models(data: HubData, account: Account | None, query: dict[str, list[str]]) -> list[Repo]:
    """Repos ``GET /api/models`` lists for this caller, filtered like the Hub does."""
    author = query.get("author", [""])[0].lower()
    search = query.get("search", [""])[0].lower()
    filters = query.get("filter", [])
    out = []
    for repo in data.repos.values():
        if repo.disabled or (repo.private and not (account and account.may_read_private(repo.id))):
            continue
        if repo.gated_metadata and not (account and account.passed_gate(repo.id)):
            continue  # its metadata is behind the gate: not listed to those outside it either
        if author and (repo.author or "").lower() != author:
            continue
        if search and search not in repo.id.lower():
            continue
        if any(f not in repo.main.tags for f in filters):
            continue
        out.append(repo)
    return sorted(out, key=lambda r: r.id.lower())


def page(
    items: list[Any], query: dict[str, list[str]], base: str, page_size: int
) -> tuple[list[Any], dict[str, str]]:
    """A slice of ``items``, plus a ``Link: <...>; rel="next"`` header while more remain."""
    start = int(query.get("cursor", ["0"])[0] or 0)
    size = page_size
    if query.get("limit"):
        size = min(size, max(1, int(query["limit"][0])))
    chunk = items[start : start + size]
    headers: dict[str, str] = {}
    if start + size < len(items):
        rest = {k: v for k, v in query.items() if k != "cursor"}
        rest["cursor"] = [str(start + size)]
        headers["Link"] = f'<{base}?{urlencode(rest, doseq=True)}>; rel="next"'
    return chunk, headers


def commit_entry(repo: Repo, rev: Revision) -> dict[str, Any]:
    """One item of ``GET /api/models/{id}/commits/{rev}``."""
    user = repo.author or "huggingface"
    return {
        "id": rev.sha,
        "title": rev.title,
        "message": rev.title + "\n",
        "date": rev.date,
        "authors": [{"user": user, "avatar": f"https://example.invalid/avatars/{quote(user)}"}],
    }


def refs_payload(repo: Repo, include_prs: bool) -> dict[str, Any]:
    """``GET /api/models/{id}/refs``."""
    payload: dict[str, Any] = {
        "branches": [
            {"name": n, "ref": f"refs/heads/{n}", "targetCommit": s}
            for n, s in repo.branches.items()
        ],
        "converts": [],
        "tags": [
            {"name": n, "ref": f"refs/tags/{n}", "targetCommit": s} for n, s in repo.tags.items()
        ],
    }
    if include_prs:
        payload["pullRequests"] = [
            {"name": n, "ref": f"refs/pr/{n}", "targetCommit": s}
            for n, s in repo.pull_requests.items()
        ]
    return payload


def resolve_file(
    repo: Repo, rev: Revision, path: str, with_body: bool, cdn: str | None = None
) -> Answer:
    """``HEAD|GET /{id}/resolve/{rev}/{path}``: the file with X-Repo-Commit and ETag.

    An LFS file is a 302 to the CDN (another origin, ``cdn``), carrying what huggingface_hub
    reads from it: X-Linked-Etag (the sha256), X-Linked-Size, X-Repo-Commit and the pointer's
    ETag, as the Hub sends them.
    """
    blob = rev.lfs.get(path)
    if blob is not None and cdn is not None:
        headers = {
            "Location": f"{cdn}/lfs/{quote(repo.id)}/{rev.sha}/{quote(path)}",
            "X-Repo-Commit": rev.sha,
            "ETag": f'"{_git_id(blob.pointer)}"',
            "X-Linked-Etag": f'"{blob.sha256}"',
            "X-Linked-Size": str(blob.size),
        }
        return Answer(302, headers, b"")
    if path not in rev.files:
        message = f"{path} does not exist on {rev.sha}"
        return Answer.error(404, "EntryNotFound", message, {"X-Repo-Commit": rev.sha})
    data = rev.files[path].encode()
    headers = {
        "Content-Type": "text/plain; charset=utf-8",
        "X-Repo-Commit": rev.sha,
        "ETag": f'"{_blob_id(rev.files[path])}"',
        "Content-Length": str(len(data)),
    }
    return Answer(200, headers, data if with_body else b"")


def lfs_bytes(blob: LfsBlob, range_header: str | None, with_body: bool) -> Answer:
    """The CDN's answer for an LFS blob: the bytes, or from an offset with ``Range: bytes=N-``
    (206 and Content-Range), as huggingface_hub asks when it resumes a download."""
    data, status = blob.data, 200
    headers = {"Content-Type": "application/octet-stream", "ETag": f'"{blob.sha256}"'}
    if range_header and range_header.startswith("bytes="):
        start_text, _, end_text = range_header[6:].partition("-")
        start = int(start_text or 0)
        end = int(end_text) if end_text else len(data) - 1
        if start >= len(data):
            return Answer(416, {"Content-Range": f"bytes */{len(data)}"}, b"")
        headers["Content-Range"] = f"bytes {start}-{min(end, len(data) - 1)}/{len(data)}"
        data, status = data[start : end + 1], 206
    headers["Content-Length"] = str(len(data))
    return Answer(status, headers, data if with_body else b"")
