"""The Hub stand-in's repositories, loaded from ``tests/data/hub/models.json``.

Pure data and lookups (which commit a revision names, a branch's history, who may see a repo).
It knows nothing about HTTP; ``server.py`` turns these answers into responses.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "hub" / "models.json"

_HEX = re.compile(r"[0-9a-f]{7,40}")
_PR = re.compile(r"refs/pr/(\d+)")


@dataclass(frozen=True)
class LfsBlob:
    """A file the stand-in stores in LFS: its bytes, and what the Hub says of them.

    ``sha256`` and ``size`` are what the listing, the resolve redirect and the CDN claim; they
    match the bytes unless a test wants a Hub that lies (a bad sha256, an absurd size).
    """

    data: bytes
    sha256: str
    size: int

    @classmethod
    def of(cls, data: bytes) -> LfsBlob:
        """An honest blob: the listed sha256 and size are the bytes'."""
        return cls(data, hashlib.sha256(data).hexdigest(), len(data))

    @property
    def pointer(self) -> bytes:
        """The git-lfs pointer file git stores in place of the bytes."""
        return (
            f"version https://git-lfs.github.com/spec/v1\noid sha256:{self.sha256}\n"
            f"size {self.size}\n"
        ).encode()


@dataclass(frozen=True)
class Revision:
    """One commit of a repository: its card data, Hub tags and files (text in git, bytes in
    LFS)."""

    sha: str
    parent: str | None
    date: str
    title: str
    card_data: dict[str, Any] | None
    tags: tuple[str, ...]
    files: dict[str, str] = field(hash=False, compare=False)
    lfs: dict[str, LfsBlob] = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class Account:
    """A fake user behind a fake token: the orgs it belongs to, the gates it passed."""

    user: str
    orgs: frozenset[str]
    gates: frozenset[str]

    def may_read_private(self, repo_id: str) -> bool:
        """Private repos are readable by members of the owning namespace."""
        return repo_id.split("/", 1)[0] in self.orgs or repo_id.startswith(f"{self.user}/")

    def passed_gate(self, repo_id: str) -> bool:
        """Whether this account accepted the gate of ``repo_id`` ("*" means every gate)."""
        return "*" in self.gates or repo_id in self.gates


@dataclass(frozen=True)
class Repo:
    """A model repository with its refs and every commit it holds."""

    id: str
    aliases: tuple[str, ...]
    synthetic: bool
    private: bool
    disabled: bool
    gated: str | bool
    gated_metadata: bool
    created_at: str
    library_name: str | None
    pipeline_tag: str | None
    branches: dict[str, str] = field(hash=False, compare=False)
    tags: dict[str, str] = field(hash=False, compare=False)
    pull_requests: dict[str, str] = field(hash=False, compare=False)
    commits: dict[str, Revision] = field(hash=False, compare=False)

    @property
    def author(self) -> str | None:
        """The namespace, or None for a legacy id without one."""
        return self.id.split("/", 1)[0] if "/" in self.id else None

    def resolve(self, revision: str | None) -> Revision | None:
        """The commit ``revision`` names: a branch, tag, PR ref, full or short sha; None = main."""
        rev = revision or "main"
        for prefix, table in (("refs/heads/", self.branches), ("refs/tags/", self.tags)):
            if rev.startswith(prefix) and rev[len(prefix) :] in table:
                return self.commits[table[rev[len(prefix) :]]]
        if rev in self.branches:
            return self.commits[self.branches[rev]]
        if rev in self.tags:
            return self.commits[self.tags[rev]]
        pr = _PR.fullmatch(rev)
        if pr and pr.group(1) in self.pull_requests:
            return self.commits[self.pull_requests[pr.group(1)]]
        if _HEX.fullmatch(rev):
            matches = [sha for sha in self.commits if sha.startswith(rev)]
            if len(matches) == 1:
                return self.commits[matches[0]]
        return None

    def history(self, head: Revision) -> list[Revision]:
        """Commits reachable from ``head``, newest first."""
        out = [head]
        while out[-1].parent:
            out.append(self.commits[out[-1].parent])
        return out

    @property
    def main(self) -> Revision:
        """The head of the main branch."""
        return self.commits[self.branches["main"]]


@dataclass(frozen=True)
class HubData:
    """Every repository, alias and fake account the stand-in serves."""

    repos: dict[str, Repo]
    aliases: dict[str, str]
    accounts: dict[str, Account]
    # Dataset repos: served under /api/datasets/, unknown to /api/models/.
    datasets: frozenset[str] = frozenset()

    def lookup(self, repo_id: str) -> Repo | None:
        """The repository stored under exactly ``repo_id`` (aliases are not followed here)."""
        return self.repos.get(repo_id)

    def canonical(self, repo_id: str) -> str | None:
        """The current id an old (renamed or legacy) id redirects to, if any."""
        return self.aliases.get(repo_id)

    def knows(self, repo_id: str) -> bool:
        """Whether ``repo_id`` is a stored id or an alias."""
        return repo_id in self.repos or repo_id in self.aliases


def build_repo(raw: dict[str, Any]) -> Repo:
    """A ``Repo`` from its raw form (one entry of the data file's ``models``)."""
    return _repo(raw)


def _repo(raw: dict[str, Any]) -> Repo:
    commits = {
        r["sha"]: Revision(
            sha=r["sha"],
            parent=r["parent"],
            date=r["date"],
            title=r["title"],
            card_data=r["cardData"],
            tags=tuple(r["tags"]),
            files=dict(r["files"]),
        )
        for r in raw["revisions"]
    }
    refs = raw["refs"]
    return Repo(
        id=raw["id"],
        aliases=tuple(raw.get("aliases", ())),
        synthetic=bool(raw["synthetic"]),
        private=bool(raw["private"]),
        disabled=bool(raw["disabled"]),
        gated=raw["gated"],
        gated_metadata=bool(raw.get("gated_metadata", False)),
        created_at=raw["createdAt"],
        library_name=raw.get("library_name"),
        pipeline_tag=raw.get("pipeline_tag"),
        branches=dict(refs["branches"]),
        tags=dict(refs["tags"]),
        pull_requests=dict(refs["pull_requests"]),
        commits=commits,
    )


def load(path: Path = DATA_FILE) -> HubData:
    """Read the stand-in's data file."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    repos = {r.id: r for r in map(_repo, raw["models"])}
    aliases = {alias: r.id for r in repos.values() for alias in r.aliases}
    accounts = {
        token: Account(a["user"], frozenset(a["orgs"]), frozenset(a["gates"]))
        for token, a in raw["accounts"].items()
    }
    datasets = frozenset(raw.get("datasets", ()))
    return HubData(repos=repos, aliases=aliases, accounts=accounts, datasets=datasets)


def plain(models: Sequence[str], datasets: Sequence[str] = ()) -> HubData:
    """A Hub holding ``models`` (each one public apache-2.0 commit) and ``datasets``: for tests
    that only ask whether an id is a model."""
    repos = {}
    for model in models:
        sha = hashlib.sha1(model.encode()).hexdigest()
        revision = {
            "sha": sha,
            "parent": None,
            "date": "2025-01-01T00:00:00.000Z",
            "title": "Initial commit",
            "cardData": {"license": "apache-2.0"},
            "tags": ["license:apache-2.0"],
            "files": {"README.md": "---\nlicense: apache-2.0\n---\n"},
        }
        repos[model] = _repo(
            {
                "id": model,
                "synthetic": True,
                "private": False,
                "disabled": False,
                "gated": False,
                "createdAt": "2025-01-01T00:00:00.000Z",
                "refs": {"branches": {"main": sha}, "tags": {}, "pull_requests": {}},
                "revisions": [revision],
            }
        )
    return HubData(repos=repos, aliases={}, accounts={}, datasets=frozenset(datasets))
