"""What a ``licheck preserve`` run is asked to keep, and which commit each model is kept at.

A target is a model at a revision: every Hub model the project references (its scan's
references), or the ``MODEL[@REV]`` arguments. Its commit is, in this order, the sha
``licheck.lock`` records for it (``lock``), a full commit sha written as its revision (``pin``),
or what its branch, tag or short sha names on the Hub today (``head``, or ``pin`` for a short
sha): the first two need no question to the Hub. References the Hub cannot serve (Ollama tags,
local paths, id templates) are not targets; they are listed with the reason. No I/O here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from licheck.errors import ConfigError
from licheck.lock import LockEntry
from licheck.preserve.names import model_problem
from licheck.records import (
    ModelKey,
    PinKind,
    Reference,
    Source,
    canonical_revision,
    classify_revision,
)

_REVISION_BAD = re.compile(r"[\x00-\x20\x7f]")


@dataclass(frozen=True)
class Target:
    """One model at one revision to preserve; ``key`` is its licheck.lock key."""

    model: str
    revision: str | None
    key: ModelKey
    locked_sha: str | None = None

    @property
    def label(self) -> str:
        """``model`` or ``model@revision``, as a person wrote it."""
        return f"{self.model}@{self.revision}" if self.revision else self.model

    @property
    def known_sha(self) -> tuple[str, str] | None:
        """(how, sha) when the commit is known without asking the Hub: the lock's, else a
        full sha given as the revision."""
        if self.locked_sha is not None:
            return ("lock", self.locked_sha)
        if self.revision is not None and classify_revision(self.revision) is PinKind.COMMIT:
            return ("pin", self.revision.strip().lower())  # the store and the Hub: lower-case
        return None

    @property
    def how_asked(self) -> str:
        """How the commit is chosen when the Hub must say it: ``pin`` for a short sha,
        ``head`` for a branch, a tag or the default branch."""
        pinned = self.revision is not None and classify_revision(self.revision).pinned
        return "pin" if pinned else "head"


@dataclass(frozen=True)
class NotATarget:
    """A reference ``licheck preserve`` cannot keep, and why."""

    model: str
    reason: str


def _locked_sha(entry: LockEntry | None) -> str | None:
    sha = entry.sha if entry is not None else None
    return sha if sha is not None and classify_revision(sha) is PinKind.COMMIT else None


def from_references(
    references: Iterable[Reference], lock: Mapping[ModelKey, LockEntry]
) -> tuple[list[Target], list[NotATarget]]:
    """One target per distinct Hub model and revision the project references."""
    targets: dict[ModelKey, Target] = {}
    others: dict[str, NotATarget] = {}
    for ref in references:
        if not ref.source.on_hub:
            why = f"{ref.source.value} references are not Hub models; nothing to fetch"
            others.setdefault(ref.model, NotATarget(ref.model, why))
            continue
        if ref.key not in targets:
            sha = _locked_sha(lock.get(ref.key))
            targets[ref.key] = Target(ref.model, ref.revision, ref.key, sha)
    return sorted(targets.values(), key=lambda t: t.key), sorted(
        others.values(), key=lambda n: n.model
    )


def parse_spec(spec: str) -> tuple[str, str | None]:
    """``MODEL[@REV]`` as (model, revision); ConfigError for a malformed one."""
    model, at, revision = spec.strip().partition("@")
    problem = model_problem(model, legacy=True)
    if problem is not None:
        raise ConfigError(f"model argument {problem}")
    if at and (not revision or _REVISION_BAD.search(revision)):
        raise ConfigError(f"{spec!r}: give a branch, tag or commit sha after '@'")
    return model, revision or None


def from_specs(specs: Iterable[str], lock: Mapping[ModelKey, LockEntry]) -> list[Target]:
    """One target per ``MODEL[@REV]`` argument; its lock entry matched on the id in any case
    and the revision as written."""
    by_id = {(k.model.lower(), k.revision): k for k in lock if k.source.on_hub}
    targets: dict[tuple[str, str | None], Target] = {}
    for spec in specs:
        model, revision = parse_spec(spec)
        found = by_id.get((model.lower(), canonical_revision(revision)))
        key = found or ModelKey(model, Source.HF, revision)
        sha = _locked_sha(lock.get(found)) if found is not None else None
        targets.setdefault((model.lower(), revision), Target(model, revision, key, sha))
    return list(targets.values())
