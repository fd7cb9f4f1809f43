"""The frozen records every pipeline stage passes to the next.

scan -> ``Reference`` / ``Skipped``; hub -> ``ModelRecord``; rules -> ``Finding``; report reads
them all through ``Report``. Nothing here does I/O; the stages depend on this module, never the
other way round.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from functools import total_ordering
from typing import Any


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

    def _order(self) -> tuple[str, int, int, str, str, str, str]:
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
        return self._order() < other._order()

    @property
    def pin(self) -> PinKind:
        """How firmly the revision is pinned."""
        return classify_revision(self.revision)

    @property
    def key(self) -> ModelKey:
        """The (model, revision) pair the resolver looks up for this reference."""
        return ModelKey(self.model, self.source, self.revision)


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


@dataclass(frozen=True)
class Unconfirmed:
    """A candidate the Hub did not confirm as a model (or was not asked about), and why."""

    reference: Reference
    reason: str


class Status(str, Enum):
    """Outcome of resolving one model."""

    OK = "ok"  # the Hub answered; the facts below are real
    UNAVAILABLE = "unavailable"  # missing, private to someone else, or disabled
    UNVERIFIED = "unverified"  # could not ask (offline, network or server error)
    NOT_RESOLVED = "not-resolved"  # not a Hub model (ollama, local): nothing to ask


@dataclass(frozen=True)
class BaseModel:
    """One ``base_model`` edge declared by a model card."""

    model: str
    relation: str | None = None  # finetune, adapter, quantized, merge, or None when unknown


@dataclass(frozen=True)
class HistoryEntry:
    """The declared license of a repo at one past commit (newest entries first in a history)."""

    date: str  # ISO-8601 commit date
    commit: str  # 40-hex sha
    license: str | None
    license_name: str | None = None
    license_link: str | None = None


@dataclass(frozen=True)
class FamilyMember:
    """A sibling repo of the same publisher and family stem, with its declared license."""

    model: str
    license: str | None
    license_name: str | None = None
    gated: str | bool | None = None


@dataclass(frozen=True)
class LicenseFile:
    """The LICENSE file a repo ships, when it could be downloaded.

    ``head`` keeps the first few KiB of text: enough for the taxonomy's text markers to name the
    license, small enough to cache.
    """

    path: str
    sha256: str
    head: str


@dataclass(frozen=True)
class ModelRecord:
    """What the Hub says about one model at one revision.

    The facts are raw: classification of the license into SPDX and a category is the rules
    stage's job. ``reason`` explains any status other than ``ok``. ``gated`` is None when
    unknown, False when open, else the gate mode (``auto`` or ``manual``).
    """

    model: str
    source: Source
    revision: str | None
    status: Status
    reason: str | None = None
    sha: str | None = None
    last_modified: str | None = None
    license: str | None = None
    license_name: str | None = None
    license_link: str | None = None
    gated: str | bool | None = None
    private: bool | None = None
    base_models: tuple[BaseModel, ...] = ()
    from_cache: bool = False
    created_at: str | None = None
    # Deeper facts (issue: provenance). None means "not looked up" (offline, bounded out, or an
    # error); an empty tuple means "looked up, nothing there". Never read None as safe.
    history: tuple[HistoryEntry, ...] | None = None
    family: tuple[FamilyMember, ...] | None = None
    license_file: LicenseFile | None = None
    # Why a deeper lookup was incomplete, e.g. {"license_file": "gated: terms not accepted"}.
    notes: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    @property
    def key(self) -> ModelKey:
        """The lookup key this record answers."""
        return ModelKey(self.model, self.source, self.revision)


class Severity(str, Enum):
    """Finding severities, ordered from least to most severe."""

    INFO = "info"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        """0 for info up to 4 for critical."""
        return _SEVERITY_ORDER.index(self)

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank >= other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank > other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank <= other.rank

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank < other.rank


_SEVERITY_ORDER = list(Severity)


# How a record keeps a card that lists several licenses (``license: [apache-2.0, cc-by-nc-4.0]``)
# in its one ``license`` field: the ids in the card's order, joined. Hub license ids hold no comma.
LICENSE_SEPARATOR = ", "


def join_licenses(values: Iterable[object]) -> str | None:
    """The ``license`` field for a card listing ``values``: each once (case aside), in order.

    A value that is not text (a number, a mapping) is kept as text, so it classifies as an
    unknown license rather than vanishing and leaving the others to look complete.
    """
    seen: dict[str, str] = {}
    for value in values:
        if value is None:
            continue
        text = (value if isinstance(value, str) else str(value)).strip()
        if text:
            seen.setdefault(text.lower(), text)
    return LICENSE_SEPARATOR.join(seen.values()) or None


def split_licenses(value: str | None) -> tuple[str, ...]:
    """The licenses a ``license`` field holds (one, or each of a card's list)."""
    if value is None:
        return ()
    return tuple(dict.fromkeys(part.strip() for part in value.split(",") if part.strip()))


@dataclass(frozen=True)
class LicenseInfo:
    """A license as classified by the taxonomy in ``rules/licenses.toml``.

    ``id`` is the Hub's ``license:`` value, ``name`` the ``license_name`` that goes with
    ``other``; ``category`` is one of the taxonomy's categories, ``unknown`` when nothing matched.
    A card listing several licenses gives one ``LicenseInfo`` per license in ``parts``; the
    whole takes the strictest category among them, since nobody can tell from a list whether
    the publisher meant a choice or that all apply.
    """

    id: str | None
    name: str | None
    spdx: str | None
    category: str
    link: str | None = None
    title: str | None = None
    parts: tuple[LicenseInfo, ...] = ()

    @property
    def label(self) -> str:
        """The most specific human name: license_name for ``other``, else the id; every
        license of a list joined with ``+``."""
        if self.parts:
            return " + ".join(part.label for part in self.parts)
        if self.id == "other" and self.name:
            return self.name
        return self.id or self.name or "no license declared"

    def each(self) -> tuple[LicenseInfo, ...]:
        """Every single license this one stands for: its parts, or itself."""
        return self.parts or (self,)


@dataclass(frozen=True)
class ChainStep:
    """One ``base_model`` edge of a provenance chain, as the rules stage walked it.

    ``parent`` declares ``model`` as its base with ``relation`` (inferred when the card and tags
    were silent: ``relation_inferred``). ``depth`` is 1 for a direct base. ``status`` is the
    base's record status (``ok``, ``unavailable``, ``unverified``) or why the walk stopped there
    (``not-looked-up``, ``cycle``, ``depth-limit``); ``license`` is set only for ``ok``.
    """

    model: str
    parent: str
    relation: str
    depth: int
    status: str
    license: LicenseInfo | None = None
    relation_inferred: bool = False


@dataclass(frozen=True)
class EffectiveLicense:
    """The licenses a model's weights carry once its whole ``base_model`` chain is counted.

    ``sources`` pairs each license with the model it comes from (the model itself first).
    ``category`` is the most restrictive category among them, or ``unknown`` when part of the
    chain could not be checked (``complete`` False); ``known_category`` ignores the gaps.
    ``origin`` holds the Hub namespaces of the chain's roots.
    """

    category: str
    known_category: str
    sources: tuple[tuple[str, LicenseInfo], ...] = ()
    complete: bool = True
    origin: tuple[str, ...] = ()
    chain: tuple[ChainStep, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def licenses(self) -> tuple[LicenseInfo, ...]:
        """The distinct licenses, in the order of ``sources``."""
        seen: dict[tuple[str | None, str | None], LicenseInfo] = {}
        for _model, info in self.sources:
            seen.setdefault((info.id, info.name), info)
        return tuple(seen.values())

    def describe_chain(self, model: str) -> str:
        """The chain on one line: ``A <- quantized of B (x) <- finetune of C (y)``.

        Several parents of one model are joined with ``+`` (bracketed when they have parents of
        their own); an inferred relation reads ``inferred finetune``; an ancestor that was not
        resolved shows its status instead of a license.
        """
        children: dict[str, dict[str, ChainStep]] = {}
        for step in self.chain:
            children.setdefault(step.parent.lower(), {}).setdefault(step.model.lower(), step)

        def after(name: str, seen: frozenset[str]) -> str:
            steps = list(children.get(name.lower(), {}).values())
            if not steps:
                return ""
            parts = []
            for step in steps:
                what = (
                    step.license.label
                    if step.license
                    else _STEP_STATUS.get(step.status, step.status)
                )
                key = step.model.lower()
                deeper = "" if key in seen else after(step.model, seen | {key})
                parts.append(f"{step.model} ({what}){deeper}")
            relations = {("inferred " if s.relation_inferred else "") + s.relation for s in steps}
            relation = relations.pop() if len(relations) == 1 else "derived"
            if len(parts) > 1:
                parts = [f"[{p}]" if " <- " in p else p for p in parts]
            return f" <- {relation} of " + " + ".join(parts)

        return model + after(model, frozenset({model.lower()}))


_STEP_STATUS = {
    "not-looked-up": "not looked up",
    "depth-limit": "beyond the depth limit",
    "cycle": "cycle, not followed",
}


@dataclass(frozen=True)
class Finding:
    """One rule firing on one reference.

    ``fingerprint`` is stable across line moves: it hashes rule, model and path plus the text of
    the reference, not its line number (``licheck.rules.findings`` builds every finding).
    """

    rule: str
    name: str
    category: str
    severity: Severity
    model: str
    message: str
    advice: str
    path: str | None = None
    line: int | None = None
    column: int | None = None
    fingerprint: str = ""
    details: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Waived:
    """A finding an ``accept`` waiver of ``[tool.licheck]`` covers: reported apart, never counted.

    ``waiver`` is the waiver's model pattern (an id or a glob), ``rules`` what it names (ids,
    names or categories), ``expires`` its last day as an ISO date (None: no end).
    """

    finding: Finding
    reason: str
    waiver: str
    rules: tuple[str, ...] = ()
    expires: str | None = None


@dataclass(frozen=True)
class RuleInfo:
    """What a report format needs to describe a rule (SARIF rules, Markdown legends)."""

    id: str
    name: str
    severity: Severity
    category: str
    summary: str
    help: str
    help_uri: str | None = None


@dataclass(frozen=True)
class Report:
    """The whole result of one run, as the report formats receive it."""

    root: str
    references: tuple[Reference, ...]
    models: tuple[ModelRecord, ...]
    licenses: dict[ModelKey, LicenseInfo]
    findings: tuple[Finding, ...]
    skipped: tuple[Skipped, ...]
    files_scanned: int
    offline: bool = False
    rules: tuple[RuleInfo, ...] = ()
    # Every record resolved, including base models up the chain that no reference names.
    records: dict[ModelKey, ModelRecord] = field(default_factory=dict)
    # The rules stage's view of each record's provenance (Evaluation.effective).
    effective: dict[ModelKey, EffectiveLicense] = field(default_factory=dict)
    # Every (license, license_name) pair seen in records, history and family entries, classified
    # (Evaluation.license_index), so formats can show past and sibling licenses.
    license_index: dict[tuple[str | None, str | None], LicenseInfo] = field(default_factory=dict)
    # Findings an active waiver accepted (project policy): kept so nothing is silently lost, but
    # not in ``findings``, so they neither count nor fail the run.
    waived: tuple[Waived, ...] = ()
    # Candidates not confirmed as models: listed apart, never in ``references``.
    candidates: tuple[Unconfirmed, ...] = ()

    def license_of(self, record: ModelRecord) -> LicenseInfo | None:
        """The classified license of a resolved record, if any."""
        return self.licenses.get(record.key)
