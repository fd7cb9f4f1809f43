"""Turn a huggingface_hub ``ModelInfo`` into the raw facts a ``ModelRecord`` holds.

Duck-typed on purpose (``getattr`` with defaults): the attribute set differs between
huggingface_hub versions and between expanded and full answers. It must not import
huggingface_hub, touch the network, or judge a license (that is the rules stage's job).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from licheck.models import BaseModel, ModelKey, ModelRecord, Status

RELATIONS = frozenset({"adapter", "merge", "quantized", "finetune"})


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
    """An ISO-8601 UTC timestamp ending in ``Z`` from a datetime or a string."""
    if isinstance(value, datetime):
        moment: datetime = value if value.tzinfo else value.replace(tzinfo=timezone.utc)
        return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return _text(value)


def license_from(card: Any, tags: Iterable[str]) -> str | None:
    """The card's ``license``, else the first ``license:`` tag the Hub computed."""
    declared = _card_value(card, "license")
    if isinstance(declared, list) and len(declared) == 1:
        declared = declared[0]
    if (text := _text(declared)) is not None:
        return text
    for tag in tags:
        if tag.startswith("license:") and len(tag) > len("license:"):
            return tag[len("license:") :]
    return None


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
    return tuple(out.values())


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
    return CardFacts(
        sha=_text(getattr(info, "sha", None)),
        last_modified=iso_utc(getattr(info, "last_modified", None)),
        license=license_from(card, tags),
        license_name=_text(_card_value(card, "license_name")),
        license_link=_text(_card_value(card, "license_link")),
        gated=gated if isinstance(gated, (str, bool)) else None,
        private=private if isinstance(private, bool) else None,
        base_models=base_models_from(card, tags),
    )
