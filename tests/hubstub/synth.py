"""A synthetic Hub for scale tests and ``bench/hub_scale.py``: publishers, families, derivatives.

``synthetic_mix(n)`` builds ``n`` distinct models from 20 publishers: 10 vendors (five of them
in namespaces ``rules/vendors.toml`` marks as drifting, five not), each with families of several
sizes and tuned variants, and 10 community publishers whose repos are quantizations, finetunes
and adapters of the vendors' models (``base_model`` in the card and the Hub's tags). Vendor repos
have two commits (in each drifting vendor's newest family the second one tightened the
license); LICENSE texts are shared the way real repos share them (one Apache text, one per
vendor family, copied by quantizations). Every 20th model is referenced pinned to its first
commit. Deterministic; pure data, no HTTP.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from tests.hubstub.data import HubData, build_repo

DRIFTING = ("Qwen", "mistralai", "stabilityai", "tiiuae", "xai-org")
STEADY = ("meta-llama", "google", "deepseek-ai", "microsoft", "01-ai")
COMMUNITY = tuple(f"synth-{name}" for name in "abcdefghij")
APACHE = "Apache License\nVersion 2.0, January 2004\n(synthetic copy for licheck tests)\n"
_SIZES = ("1.5B", "7B", "7B-Instruct", "72B", "72B-Instruct")
_DERIVED = ("GGUF", "AWQ", "ft", "lora", "sft")


@dataclass(frozen=True)
class Mix:
    """The synthetic Hub and what a project references: (model, pinned revision or None)."""

    data: HubData
    references: tuple[tuple[str, str | None], ...]

    @property
    def pinned(self) -> int:
        """How many references pin a revision."""
        return sum(1 for _, rev in self.references if rev is not None)


def _sha(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()


def _revision(model: str, n: int, card: dict[str, Any], files: dict[str, str]) -> dict[str, Any]:
    tags = [f"license:{card['license']}"]
    bases = card.get("base_model")
    if bases:
        tags += [f"base_model:{bases}", f"base_model:{card['base_model_relation']}:{bases}"]
    return {
        "sha": _sha(f"{model}@{n}"),
        "parent": _sha(f"{model}@{n - 1}") if n else None,
        "date": f"2025-0{n + 1}-01T00:00:00.000Z",
        "title": "Initial commit" if n == 0 else "Update README.md",
        "cardData": card,
        "tags": tags,
        "files": {"README.md": f"---\nlicense: {card['license']}\n---\n", **files},
    }


def _raw(model: str, revisions: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "id": model,
        "synthetic": True,
        "private": False,
        "disabled": False,
        "gated": False,
        "createdAt": "2025-01-01T00:00:00.000Z",
        "refs": {"branches": {"main": revisions[-1]["sha"]}, "tags": {}, "pull_requests": {}},
        "revisions": revisions,
    }


def _vendor(namespace: str, drifting: bool, per_vendor: int) -> list[dict[str, Any]]:
    repos: list[dict[str, Any]] = []
    short = namespace.split("-")[0].capitalize()
    for family in range(-(-per_vendor // len(_SIZES))):
        own = {"license": "other", "license_name": f"{namespace.lower()}-research"}
        if not drifting:
            own = {"license": "other", "license_name": f"{namespace.lower()}-license"}
        newest = family == 2
        text = APACHE if drifting and not newest else f"{namespace} family {family} license\n"
        for size in _SIZES:
            if len(repos) == per_vendor:
                return repos
            model = f"{namespace}/{short}{family + 1}-{size}"
            first = {"license": "apache-2.0"} if drifting else dict(own)
            last = own if (drifting and newest) or not drifting else first
            files = {"LICENSE": text}
            revisions = [_revision(model, 0, first, files), _revision(model, 1, last, files)]
            repos.append(_raw(model, revisions))
    return repos


def _derivative(namespace: str, n: int, base: dict[str, Any]) -> dict[str, Any]:
    kind = _DERIVED[n % len(_DERIVED)]
    base_id: str = base["id"]
    model = f"{namespace}/{base_id.split('/')[1]}-{kind}{n}"
    base_card = base["revisions"][-1]["cardData"]
    base_files = base["revisions"][-1]["files"]
    relation = {"GGUF": "quantized", "AWQ": "quantized", "lora": "adapter"}.get(kind, "finetune")
    card: dict[str, Any] = {"base_model": base_id, "base_model_relation": relation}
    files: dict[str, str] = {}
    if relation == "quantized":
        card |= {k: v for k, v in base_card.items() if k.startswith("license")}
        files["LICENSE"] = base_files["LICENSE"]  # a quantization copies its base's LICENSE
    elif relation == "adapter":
        card |= {k: v for k, v in base_card.items() if k.startswith("license")}
    else:
        card["license"] = "apache-2.0"
        if n % 2:
            files["LICENSE"] = APACHE
    return _raw(model, [_revision(model, 0, card, files)])


def synthetic_mix(total: int = 500, vendor_share: float = 0.3) -> Mix:
    """``total`` distinct models: ``vendor_share`` of them vendor models, the rest derivatives."""
    vendors = (*DRIFTING, *STEADY)
    per_vendor = max(1, round(total * vendor_share / len(vendors)))
    raws = [r for ns in vendors for r in _vendor(ns, ns in DRIFTING, per_vendor)]
    bases = list(raws)
    n = 0
    while len(raws) < total:
        namespace = COMMUNITY[n % len(COMMUNITY)]
        raws.append(_derivative(namespace, n, bases[(n * 7) % len(bases)]))
        n += 1
    repos = {r.id: r for r in map(build_repo, raws)}
    assert len(repos) == total, "synthetic ids must be distinct"
    references = tuple(
        (r.id, r.history(r.main)[-1].sha if index % 20 == 7 else None)
        for index, r in enumerate(repos.values())
    )
    return Mix(HubData(repos=repos, aliases={}, accounts={}), references)
