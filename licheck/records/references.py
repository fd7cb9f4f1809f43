"""Records of the scan stage: what a reference points at, where it is written, and how its
revision pins it (``Source``, ``PinKind``, ``Reference``, ``ModelKey``, ``ScanResult``).

Frozen and free of I/O, like every module of ``licheck.records``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache, total_ordering
from typing import Any, Generic, TypeVar, overload


class Source(str, Enum):
    """Where a reference points.

    ``hf`` is a Hub id, ``url`` a Hub id found as a ``huggingface.co`` URL (both resolve on the
    Hub), ``ollama`` an Ollama library tag, ``local`` a path on disk (never resolved), ``family``
    a template the scan could not finish such as ``Qwen/Qwen2.5-{size}-Instruct`` (never
    resolved; its namespace is still known).
    """

    HF = "hf"
    URL = "url"
    OLLAMA = "ollama"
    LOCAL = "local"
    FAMILY = "family"

    @property
    def on_hub(self) -> bool:
        """Whether references of this source are looked up on the Hub."""
        return self in (Source.HF, Source.URL)


class PinKind(str, Enum):
    """How firmly a reference's revision fixes the bytes it downloads."""

    COMMIT = "commit"  # a full 40-hex sha: immutable
    SHORT_COMMIT = "short-commit"  # 7..39 hex: pinned, but ambiguous in principle
    BRANCH = "branch"  # a named ref that moves (main, a tag-like name we cannot tell apart)
    PULL_REQUEST = "pr"  # refs/pr/N: someone else's unmerged change
    NONE = "none"  # no revision given: the default branch at download time

    @property
    def pinned(self) -> bool:
        """True for revisions that name a commit."""
        return self in (PinKind.COMMIT, PinKind.SHORT_COMMIT)


# Hex in either case: git, which holds every Hub repository, reads an object name's hex digits
# case-insensitively (``git rev-parse`` of an upper-case sha names the same commit), and takes
# a 40-hex name as that object even when a ref of the same name exists. So an upper-case full
# sha is as firm a pin as the lower-case one the Hub prints.
_FULL_SHA = re.compile(r"[0-9a-fA-F]{40}")
_SHORT_SHA = re.compile(r"[0-9a-fA-F]{7,39}")
_PR_REF = re.compile(r"refs/pr/\d+")


def canonical_revision(revision: str | None) -> str | None:
    """``revision`` as licheck looks it up: a full sha in lower case (git's and the Hub's own
    spelling, which huggingface_hub also needs to treat it as a commit), anything else as
    written. A short sha keeps its case: git lets a ref of that exact name win over it."""
    if revision is not None and _FULL_SHA.fullmatch(revision):
        return revision.lower()
    return revision


def classify_revision(revision: str | None) -> PinKind:
    """Classify a revision string as written in the scanned code (hex in either case)."""
    if not revision:
        return PinKind.NONE
    rev = revision.strip()
    if _FULL_SHA.fullmatch(rev):
        return PinKind.COMMIT
    if _SHORT_SHA.fullmatch(rev):
        return PinKind.SHORT_COMMIT
    if _PR_REF.fullmatch(rev):
        return PinKind.PULL_REQUEST
    return PinKind.BRANCH


@dataclass(frozen=True, order=True)
class Use:
    """A place that loads a reference's model, when it is not where the id is written: the
    loader call reading a constant defined elsewhere in the file."""

    line: int
    column: int
    context: str = ""


_T = TypeVar("_T")


class once(Generic[_T]):  # lower case: a decorator, as functools.cached_property
    """``functools.cached_property`` without its lock: made on first read, then kept in the
    instance's ``__dict__`` (a frozen dataclass's own fields never change, so two threads
    racing would make equal values). Python 3.11's lock costs more than a key is to make."""

    def __init__(self, func: Callable[[Any], _T]) -> None:
        self._func = func
        self._name = func.__name__
        self.__doc__ = func.__doc__

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> once[_T]: ...
    @overload
    def __get__(self, obj: object, owner: type | None = None) -> _T: ...
    def __get__(self, obj: object | None, owner: type | None = None) -> once[_T] | _T:
        if obj is None:
            return self
        value = obj.__dict__[self._name] = self._func(obj)
        return value


@total_ordering
@dataclass(frozen=True)
class Reference:
    """One place in the scanned tree that names a model.

    ``path`` is POSIX-style and relative to the scan root; ``line`` and ``column`` are 1-based.
    ``model`` is the id as it will be looked up (a Hub id keeps its case). ``context`` names the
    extractor and construct that found it (``python:from_pretrained``, ``yaml:base_model`` ...),
    which helps a reader judge the match. ``line`` and ``column`` are where the id is written (the
    string literal, the config value); ``uses`` lists the other places that load it, so a
    constant read by three loaders is one reference with three uses.
    """

    path: str
    line: int
    column: int
    model: str
    source: Source = Source.HF
    revision: str | None = None
    context: str = ""
    # Rule ids (or names) silenced by an inline ``licheck: ignore[...]`` comment; "*" means all.
    suppressed: tuple[str, ...] = field(default=(), compare=False)
    # Found in documentation (Markdown, reST), scanned only with --include-docs.
    docs: bool = field(default=False, compare=False)
    uses: tuple[Use, ...] = field(default=(), compare=False)
    # Found in a weak context (a model-ish name no rule names): a candidate until the Hub
    # confirms the id is a model. In ``Report.references`` it means "confirmed by the Hub".
    candidate: bool = field(default=False, compare=False)

    @property
    def confirmed(self) -> str:
        """What vouches for this reference: ``scan`` (a rule) or ``hub`` (a confirmed
        candidate)."""
        return "hub" if self.candidate else "scan"

    def order(self) -> tuple[str, int, int, str, str, str, str]:
        """The key of references' order (``sorted(refs, key=Reference.order)`` is
        ``sorted(refs)``, faster): by place, then model, source, revision and context."""
        # The revision may be None; compare it as "" so sorting never raises.
        return (
            self.path,
            self.line,
            self.column,
            self.model,
            self.source.value,
            self.revision or "",
            self.context,
        )

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Reference):
            return NotImplemented
        return self.order() < other.order()

    # Both are read many times per reference in a run (the lock, the rules, the reports) and
    # follow from frozen fields: computed once, kept in the instance's __dict__ (not a field, so
    # equality, hashing, ``replace`` and the scan cache never see them).
    @once
    def pin(self) -> PinKind:
        """How firmly the revision is pinned."""
        return classify_revision(self.revision)

    @once
    def key(self) -> ModelKey:
        """The (model, revision) pair the resolver looks up for this reference."""
        return _model_key(self.model, self.source, self.revision)


@total_ordering
@dataclass(frozen=True)
class ModelKey:
    """What the resolver resolves: a model at a revision (None means the default branch).

    A full sha is kept in lower case (``canonical_revision``), so an upper-case pin and the
    lower-case one name the same key, cache entry and lock entry.
    """

    model: str
    source: Source
    revision: str | None = None

    def __post_init__(self) -> None:
        canonical = canonical_revision(self.revision)
        if canonical != self.revision:
            object.__setattr__(self, "revision", canonical)

    def _order(self) -> tuple[str, str, str]:
        # None (the default branch) sorts first; a plain dataclass order would compare None
        # with a string and raise.
        return (self.model, self.source.value, self.revision or "")

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, ModelKey):
            return NotImplemented
        return self._order() < other._order()


@lru_cache(maxsize=1 << 14, typed=True)
def _model_key(model: str, source: Source, revision: str | None) -> ModelKey:
    # Thousands of references name a few hundred models: one key each (equal keys either way).
    return ModelKey(model, source, revision)


@dataclass(frozen=True, order=True)
class Skipped:
    """A file the scan could not read, with the reason a person can act on."""

    path: str
    reason: str


@dataclass(frozen=True)
class ScanResult:
    """Everything the scan stage found."""

    root: str
    references: tuple[Reference, ...]
    skipped: tuple[Skipped, ...]
    files_scanned: int
    # Id-shaped strings in weak contexts, for the Hub to confirm (``Reference.candidate``).
    candidates: tuple[Reference, ...] = ()
    # How the files that passed the prefilter were read this run: ``files_parsed`` by their
    # extractor, ``files_cached`` from the scan cache (what a re-scan of unchanged files costs).
    files_parsed: int = field(default=0, compare=False)
    files_cached: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Unconfirmed:
    """A candidate the Hub did not confirm as a model (or was not asked about), and why."""

    reference: Reference
    reason: str
