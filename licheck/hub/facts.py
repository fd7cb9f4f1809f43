"""Turn a huggingface_hub ``ModelInfo`` into the raw facts a ``ModelRecord`` holds.

Duck-typed on purpose (``getattr`` with defaults): the attribute set differs between
huggingface_hub versions and between expanded and full answers. It must not import
huggingface_hub, touch the network, or judge a license (that is the rules stage's job).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from licheck.records import (
    BaseModel,
    FamilyMember,
    ModelKey,
    ModelRecord,
    Status,
    join_licenses,
)

RELATIONS = frozenset({"adapter", "merge", "quantized", "finetune"})
# Top-level files that hold a repo's license text, most specific first. ``LICENSE-MODEL`` is how
# some publishers (DeepSeek) separate the weights' license from the code's.
_LICENSE_FILE = re.compile(r"licen[cs]e(\.md|\.txt)?", re.IGNORECASE)
_MODEL_LICENSE_FILE = re.compile(r"licen[cs]e[-_]model(\.md|\.txt)?", re.IGNORECASE)
_SHA1 = re.compile(r"[0-9a-f]{40}")


@dataclass(frozen=True)
class CardFacts:
    """The license, gating and provenance facts read from one ``ModelInfo``."""

    sha: str | None
    last_modified: str | None
    license: str | None
    license_name: str | None
    license_link: str | None
    gated: str | bool | None
    private: bool | None
    base_models: tuple[BaseModel, ...]
    created_at: str | None = None
    license_paths: tuple[str, ...] = ()
    license_blob: str | None = None


@dataclass(frozen=True)
class Resolved:
    """A looked-up record plus what only the hub stage needs: the LICENSE-like files at its sha,
    whether the lookup carried a token (a repo that is private looks missing without one), and
    the git blob id of the first LICENSE file when the Hub gave it (not kept in the cache: a
    cached lookup finds its LICENSE file by commit and path)."""

    record: ModelRecord
    license_paths: tuple[str, ...] = ()
    signed_in: bool = False
    license_blob: str | None = None


@dataclass(frozen=True)
class Commit:
    """One commit of a branch as ``/commits`` lists it."""

    sha: str
    date: str | None

    @classmethod
    def from_api(cls, item: Any) -> Commit:
        """From one raw item of the commits listing (``{"id", "date", ...}``)."""
        return cls(str(item["id"]), iso_utc(item.get("date")))


def _text(value: Any) -> str | None:
    """A non-empty string, or None (card values can be lists, numbers or empty)."""
    if isinstance(value, str):
        return value.strip() or None
    return None


def _card_value(card: Any, name: str) -> Any:
    """A card-data field, whether ``card`` is a ModelCardData object or a plain dict."""
    if card is None:
        return None
    if isinstance(card, dict):
        return card.get(name)
    return getattr(card, name, None)


def iso_utc(value: Any) -> str | None:
    """An ISO-8601 UTC timestamp ending in ``Z`` from a datetime or a string.

    Strings the Hub sends (``2024-09-18T12:00:00.000Z``) are normalised the same way; anything
    unparsable is kept as it came.
    """
    if isinstance(value, str) and (text := _text(value)) is not None:
        try:
            value = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            return text
    if isinstance(value, datetime):
        moment: datetime = value if value.tzinfo else value.replace(tzinfo=timezone.utc)
        return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return None


def license_from(card: Any, tags: Iterable[str]) -> str | None:
    """The card's ``license``, else the ``license:`` tags the Hub computed; every license of a
    list, joined (``join_licenses``): dropping one could hide the strictest."""
    declared = _card_value(card, "license")
    if isinstance(declared, list):
        declared = join_licenses(declared)
    if (text := _text(declared)) is not None:
        return text
    prefix = "license:"
    return join_licenses(t[len(prefix) :] for t in tags if t.startswith(prefix))


def _tag_bases(tags: Iterable[str]) -> tuple[list[str], dict[str, str]]:
    """Base ids from ``base_model:<id>`` tags, and relations from ``base_model:<rel>:<id>``."""
    plain: list[str] = []
    relations: dict[str, str] = {}
    for tag in tags:
        if not tag.startswith("base_model:"):
            continue
        rest = tag[len("base_model:") :]
        head, sep, tail = rest.partition(":")
        if sep and head in RELATIONS and tail:
            relations.setdefault(tail, head)
        elif rest:
            plain.append(rest)
    return plain, relations


def base_models_from(card: Any, tags: Iterable[str]) -> tuple[BaseModel, ...]:
    """Declared base models (one level): ids from the card, else from the Hub's tags.

    The relation comes from the card's ``base_model_relation`` when set, else from the Hub's
    ``base_model:<relation>:<id>`` tag for that id; None when neither says.
    """
    tag_list = list(tags)
    plain, tag_relations = _tag_bases(tag_list)
    declared = _card_value(card, "base_model")
    if isinstance(declared, str):
        ids = [declared]
    elif isinstance(declared, list):
        ids = [b for b in declared if isinstance(b, str)]
    else:
        ids = plain or list(tag_relations)
    card_relation = _text(_card_value(card, "base_model_relation"))
    lowered = {k.lower(): v for k, v in tag_relations.items()}
    out: dict[str, BaseModel] = {}
    for raw in ids:
        model = raw.strip()
        if not model or model in out:
            continue
        relation = card_relation or tag_relations.get(model) or lowered.get(model.lower())
        out[model] = BaseModel(model, relation)
    if len(out) >= 2:
        # The Hub's own convention: two or more declared bases mean a merge.
        out = {m: b if b.relation else BaseModel(m, "merge") for m, b in out.items()}
    return tuple(out.values())


def license_paths_from(siblings: Any) -> tuple[str, ...]:
    """Top-level LICENSE-like files among ``siblings``, the likeliest license text first."""
    names = [
        name
        for s in (siblings or [])
        if isinstance(name := getattr(s, "rfilename", None) or _card_value(s, "rfilename"), str)
        and "/" not in name
    ]
    plain = sorted((n for n in names if _LICENSE_FILE.fullmatch(n)), key=lambda n: (len(n), n))
    model = sorted(n for n in names if _MODEL_LICENSE_FILE.fullmatch(n))
    return (*plain, *model)


def blob_of(siblings: Any, path: str) -> str | None:
    """The git blob id the Hub listed for ``path`` among ``siblings`` (None when not listed)."""
    for s in siblings or []:
        if (getattr(s, "rfilename", None) or _card_value(s, "rfilename")) != path:
            continue
        blob = getattr(s, "blob_id", None) or _card_value(s, "blobId")
        return blob if isinstance(blob, str) and _SHA1.fullmatch(blob) else None
    return None


def new_record(
    key: ModelKey, status: Status, reason: str | None = None, **facts: Any
) -> ModelRecord:
    """A freshly resolved record for ``key`` (never marked as coming from the cache)."""
    return ModelRecord(key.model, key.source, key.revision, status, reason=reason, **facts)


def facts_from_info(info: Any) -> CardFacts:
    """Read every fact licheck keeps from a ``ModelInfo`` (or anything shaped like one)."""
    card = getattr(info, "card_data", None) or getattr(info, "cardData", None)
    tags = [t for t in (getattr(info, "tags", None) or []) if isinstance(t, str)]
    gated = getattr(info, "gated", None)
    private = getattr(info, "private", None)
    siblings = getattr(info, "siblings", None)
    paths = license_paths_from(siblings)
    return CardFacts(
        sha=_text(getattr(info, "sha", None)),
        last_modified=iso_utc(getattr(info, "last_modified", None)),
        license=license_from(card, tags),
        license_name=_text(_card_value(card, "license_name")),
        license_link=_text(_card_value(card, "license_link")),
        gated=gated if isinstance(gated, (str, bool)) else None,
        private=private if isinstance(private, bool) else None,
        base_models=base_models_from(card, tags),
        created_at=iso_utc(getattr(info, "created_at", None)),
        license_paths=paths,
        license_blob=blob_of(siblings, paths[0]) if paths else None,
    )


def resolved_from_info(key: ModelKey, info: Any) -> Resolved:
    """The ok record (and LICENSE file names) for ``key`` from its ``ModelInfo``."""
    facts = facts_from_info(info)
    record = new_record(
        key,
        Status.OK,
        sha=facts.sha,
        last_modified=facts.last_modified,
        license=facts.license,
        license_name=facts.license_name,
        license_link=facts.license_link,
        gated=facts.gated,
        private=facts.private,
        base_models=facts.base_models,
        created_at=facts.created_at,
    )
    return Resolved(record, facts.license_paths, license_blob=facts.license_blob)


def member_from_info(info: Any) -> FamilyMember:
    """A ``FamilyMember`` from one ``list_models`` item."""
    card = getattr(info, "card_data", None) or getattr(info, "cardData", None)
    tags = [t for t in (getattr(info, "tags", None) or []) if isinstance(t, str)]
    gated = getattr(info, "gated", None)
    return FamilyMember(
        model=str(getattr(info, "id", "") or getattr(info, "modelId", "")),
        license=license_from(card, tags),
        license_name=_text(_card_value(card, "license_name")),
        gated=gated if isinstance(gated, (str, bool)) else None,
    )
