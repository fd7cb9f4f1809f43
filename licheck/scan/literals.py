"""Turn one statically known string value into what a reference records.

Shared by the Python extractor and the text extractors: strips loader prefixes (``hf-hub:``,
``hf://``), reads Hub URLs, applies sentence-transformers' bare-name rule, validates ids, and
keeps half-known templates as ``family`` patterns. Pure string logic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from licheck.records import Source
from licheck.scan.ids import classify, hub_id, is_valid_part, looks_like_path, ollama_ref
from licheck.scan.urls import parse_hub_url

if TYPE_CHECKING:
    from licheck.scan.pyformat import Val
    from licheck.scan.pyloaders import Loader

_PREFIXES = ("hf-hub:", "hf_hub:", "hf://", "huggingface://")
OLLAMA_SCHEME = "ollama://"
# LiteLLM-style "provider/model" strings whose model is an Ollama tag, or a Hub id served by an
# OpenAI-compatible server (vLLM, TGI, the Hub's own inference): report the model, not the route.
_OLLAMA_ROUTES = frozenset({"ollama", "ollama_chat"})
_HUB_ROUTES = frozenset({"huggingface", "hosted_vllm", "openai", "text-completion-openai"})
_URL_PREFIX = re.compile(r"https?://(?:www\.)?(?:huggingface\.co|hf\.co)/")
_HOLE = re.compile(r"\{[^{}/]*\}")
# An Ollama tag that says its size (``qwen2.5:7b``, ``user/mixtral:8x7b-instruct-q4_0``): no Hub
# id has a colon and no image tag reads like a parameter count, so it is Ollama's anywhere.
_SIZED_TAG = re.compile(
    r"(?:[a-z0-9][a-z0-9._-]*/)?[a-z][a-z0-9._-]*:[eE]?(?:\d+x)?\d+(?:\.\d+)?[bBmM]"
    r"(?:[-_][A-Za-z0-9._-]+)?"
)


@dataclass(frozen=True)
class Found:
    """A value accepted as a reference: model, source and revision (when the value had one)."""

    model: str
    source: Source
    revision: str | None = None

    def with_revision(self, revision: str | None) -> Found:
        """This reference with ``revision`` unless it already carries one (from a URL)."""
        if revision is None or self.revision is not None or not self.source.on_hub:
            return self
        return replace(self, revision=revision)


def family(template: str) -> Found | None:
    """A half-known id such as ``Qwen/Qwen2.5-{size}-Instruct`` as a family pattern.

    The namespace must be fully known and valid, and the name must still look like a name
    once its holes are filled, so ``{org}/{name}`` and ``{base_dir}/ckpt-{step}`` are dropped.
    """
    if template.count("/") != 1 or not _HOLE.search(template):
        return None
    namespace, name = template.split("/")
    if "{" in namespace or hub_id(f"{namespace}/x") is None:
        return None
    filled = _HOLE.sub("x", name)
    if "{" in filled or "}" in filled or not is_valid_part(filled) or looks_like_path(filled):
        return None
    return Found(template, Source.FAMILY)


def strip_prefix(text: str) -> str:
    """``hf-hub:org/name`` / ``hf://org/name`` -> ``org/name``.

    A URI scheme (``hf://``, ``huggingface://``) may go on into a file of the repo
    (``huggingface://org/name/model.Q4_K_M.gguf``, as LocalAI writes it): the repo is its first
    two segments. ``hf://datasets/...`` and ``hf://spaces/...`` name no model and stay as
    written (a path, which no rule reads as an id).
    """
    text = text.strip()
    if text[:5].lower() == "hf://":  # MLC writes HF://org/name
        text = "hf://" + text[5:]
    for prefix in _PREFIXES:
        if text.startswith(prefix):
            rest = text[len(prefix) :]
            parts = rest.split("/")
            scheme = prefix.endswith("//")
            if scheme and len(parts) > 2 and parts[0] not in ("datasets", "spaces"):
                return "/".join(parts[:2])
            return rest
    return text


def sized_tag(text: str) -> bool:
    """Whether ``text`` is an Ollama tag that says its size (``qwen2.5:7b``)."""
    return _SIZED_TAG.fullmatch(text.strip()) is not None


def text_candidate(
    text: str,
    *,
    legacy: bool,
    loader: bool,
    ollama: bool = False,
    bare_namespace: str | None = None,
) -> Found | None:
    """One literal string as a reference, or None."""
    if text.startswith(OLLAMA_SCHEME):  # KubeAI's url: ollama://qwen2.5:7b
        hit = ollama_ref(text[len(OLLAMA_SCHEME) :])
        return Found(hit.model, hit.source) if hit else None
    text = strip_prefix(text)
    routed = _routed(text, loader=loader)
    if routed is not None:
        return routed if isinstance(routed, Found) else None
    url = _URL_PREFIX.match(text)
    if url is not None:
        parsed = parse_hub_url(text[url.end() :])
        return Found(parsed[0], Source.URL, parsed[1]) if parsed else None
    if ollama:
        hit = ollama_ref(text)
        return Found(hit.model, hit.source) if hit else None
    # sentence-transformers' own names all have a dash (all-MiniLM-L6-v2): "tei" is not one.
    bare = bare_namespace and "/" not in text and "-" in text and is_valid_part(text)
    if bare and hub_id(text, legacy=True) is None and not looks_like_path(text):
        text = f"{bare_namespace}/{text}"
    hit = classify(text, legacy=legacy, loader=loader)
    if hit is None and sized_tag(text):
        hit = ollama_ref(text)
    return Found(hit.model, hit.source) if hit else None


def _routed(text: str, *, loader: bool) -> Found | Literal[False] | None:
    """``ollama/llama3`` or ``hosted_vllm/org/name``: the model behind a provider route.

    None when ``text`` is no such route; False when it is one that names no model.
    """
    route, slash, rest = text.partition("/")
    route = route.lower()
    if not slash or not rest:
        return None
    if route in _OLLAMA_ROUTES:
        hit = ollama_ref(rest)
        return Found(hit.model, hit.source) if hit is not None else False
    if route in _HUB_ROUTES and rest.count("/") == 1:
        hit = classify(rest, legacy=False, loader=loader)
        return Found(hit.model, hit.source) if hit is not None else False
    return None


def candidate(val: Val, *, loader: Loader | None, legacy: bool) -> Found | None:
    """A resolved Python value as a reference, honouring the loader's rules."""
    text = val.text.strip()
    if (
        loader is not None
        and loader.required_prefix
        and not text.startswith(loader.required_prefix)
    ):
        return None
    if val.pattern:
        return None if loader is not None and loader.ollama else family(strip_prefix(text))
    return text_candidate(
        text,
        legacy=legacy,
        loader=loader is not None,
        ollama=loader is not None and loader.ollama,
        bare_namespace=loader.bare_namespace if loader is not None else None,
    )


def weak_candidate(text: str) -> Found | None:
    """A string in a weak context as a candidate: only a Hub id with its namespace (or a Hub
    URL) counts, since a bare word there is far more often something else."""
    found = text_candidate(text, legacy=False, loader=False)
    if found is None or not found.source.on_hub or "/" not in found.model:
        return None
    return found


# The name of a model almost always carries a size, a version, a variant or capitals
# (``whisper-small``, ``Qwen3-8B``, ``v1.5``); ``training/lora`` and ``tests/models`` are paths.
_MODEL_LIKE_NAME = re.compile(r"[0-9A-Z._-]")


def literal_candidate(text: str) -> Found | None:
    """An ``org/name`` literal in a place no rule names, as a candidate: as weak_candidate, and
    only with a name shaped like a model's, since such places hold paths and repos as often."""
    found = weak_candidate(text)
    if found is None or found.source is not Source.HF:
        return found
    namespace, _, name = found.model.partition("/")
    if len(namespace) < 2 or len(name) < 3 or not _MODEL_LIKE_NAME.search(name):
        return None
    return found
