"""Which names say "this holds a model id": config keys, CLI flags, env vars, Python names.

One vocabulary for every extractor, so ``--model-name-or-path``, ``MODEL_NAME_OR_PATH`` and
``model_name_or_path:`` are treated alike. This module only classifies names; it never looks at
the values (ids.py does that).
"""

from __future__ import annotations

import re
from functools import lru_cache

from licheck.scan.text import words

# A name that ends in one of these (after normalising) names a model input.
_MODEL_NAME = re.compile(
    r"(?:^|_)(?:model|modelname|modelid|modelpath|checkpoint|tokenizer|feature_extractor|processor"
    # Vision-language training code names its image encoder (LLaVA's --vision_tower).
    r"|vision_tower|vision_encoder|image_encoder|text_encoder"
    # A model's parts by their architecture (vit_path, vae_model, unet_repo, clip_name).
    r"|encoder|vit|vae|unet|clip)"
    r"(?:_id|_name|_name_or_path|_path|_repo|_repo_id|_checkpoint|_hub_id|_source|_url|_uri)?"
    # One qualifier may follow (MODEL_COMPLETION, TOKENIZER_ID_COMPLETION, model_id_large).
    r"(?:_(?P<qualifier>[a-z0-9]+))?$"
    # Weights named by their format or role (GGUF_REPO, ADAPTER_ID, LORA_REPO_ID, adapters_name).
    r"|(?:^|_)(?:gguf|adapters?|lora|peft)_(?:repo|repo_id|id|model|name|name_or_path|path|weights)$"
    # A language model by its short name (lm_name, LLM_ID, vlm_model_name, fast_llm, vlm).
    r"|(?:^|_)(?:llm|lm|vlm)(?:_(?:id|name|name_or_path|repo|repo_id|model|model_name|model_id))?$"
    # pretrained_llm, pretrained_asr, PRETRAINED_MODEL: what a recipe starts from.
    r"|^pretrained(?:_[a-z0-9]+)?$"
    # nanoGPT and its descendants: init_from = 'gpt2-xl' (or 'scratch', 'resume').
    r"|^init_from$"
    # Transformers' own word for "a Hub id or a folder" (visual_encoder_name_or_path).
    r"|(?:^|_)name_or_path$|^hf_(?:path|repo|repo_id)$"
    r"|^(?:base_model|pretrained_model)_name_or_path$"
)
# Plural containers (``models:``, ``EMBEDDING_MODELS``, ``MODEL_LIST_LATEST``, ``MODELS_TO_TEST``)
# whose entries are model ids; qualifiers may follow, unless they say the list is of models
# not to use (``MODELS_TO_SKIP``).
_MODEL_LIST_NAME = re.compile(
    r"(?:^|_)(?:models|model_list|model_ids|model_names|checkpoints)(?:_[a-z0-9]+){0,3}$"
)
_NOT_USED_WORDS = words(
    "skip skipped exclude excluded ignore ignored unsupported blocked blocklist blacklist deny "
    "denylist disabled deprecated broken failing flaky dir dirs path paths no not non without"
)

# Outputs, aliases and settings that look like model keys but never name a model to download.
_NOT_MODEL_EXACT = frozenset(
    {
        "hub_model_id",
        "push_to_hub_model_id",
        "served_model_name",
        "model_type",
        "model_max_length",
        "model_revision",
        "model_kwargs",
        "model_args",
        "model_config",
        "model_class",
        "model_family",
        "model_dir",
        "model_output_dir",
        "save_model",
        "tokenizer_kwargs",
        "checkpoint_dir",
        "checkpoint_path",
        "resume_from_checkpoint",
        "model_checkpoint_path",
    }
)
_NOT_MODEL_PREFIX = (
    "new_",
    "output_",
    "out_",
    "save_",
    "saved_",
    "hub_",
    "push_",
    "finetuned_",
    "fine_tuned_",
    "trained_",
    "merged_",
    "served_",
    "upload_",
    "target_repo",
)
_DATASET_WORDS = ("dataset", "data_file", "data_path", "data_dir")

# Words that make a name hint at a model without any rule naming it (``teacher``, ``backbone``,
# ``hf_repo``, ``get_model_from_task``): an id-shaped value under such a name is a candidate
# for the Hub to confirm, never a reference on its own.
_WEAK_WORDS = words(
    "model models repo repos repository checkpoint checkpoints ckpt weights pretrained "
    "backbone encoder decoder embedder embedding embeddings embed reranker rerank retriever "
    "llm llms lm vlm teacher student judge critic reward draft generator tokenizer "
    "processor hf hub base vae unet controlnet clip lora adapter gguf quant"
)

# Words that make a hinting name an alias, a target or data instead (CHAT_MODEL_ALIAS).
_NOT_WEAK_WORDS = words(
    "alias aliases served output outputs saved push upload data datasets token key secret password "
    "github gitlab"
)

REVISION_KEYS = frozenset({"revision", "model_revision", "base_model_revision", "commit_hash"})


@lru_cache(maxsize=4096)
def normalize(name: str) -> str:
    """``--Model-Name`` / ``MODEL_NAME`` / ``modelName`` -> ``model_name``."""
    if name.isascii() and name.islower() and name.isidentifier():
        return name  # already normal: the common case, and cheaper than the regex
    name = name.lstrip("-$").strip()
    name = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name)
    return name.replace("-", "_").replace(".", "_").lower()


@lru_cache(maxsize=4096)
def is_dataset_key(name: str) -> bool:
    """Keys whose values are datasets (never models), at any depth below them."""
    key = normalize(name)
    return any(word in key for word in _DATASET_WORDS)


def _excluded(key: str) -> bool:
    return key in _NOT_MODEL_EXACT or key.startswith(_NOT_MODEL_PREFIX) or is_dataset_key(key)


# Qualifiers after a model name that say the value is something else than a model to load.
_NOT_QUALIFIERS = words(
    "dir dirs path paths file files type types class kwargs args family "
    "revision max min len length size version versions cache output out save saved dtype "
    "parallel parallelism list lists map dict name names id ids url uri repo source hub "
    "checkpoint tokenizer key keys prefix suffix format kind mode loader provider backend "
    "alias aliases served spec specs settings options params parameters info meta metadata "
    "card cards defaults registry endpoint endpoints server servers"
)
# Words of a name that tie its model to a hosted API rather than to Ollama or the Hub.
_API_WORDS = words(
    "openai azure anthropic claude gemini vertex bedrock groq cohere together mistral "
    "fireworks perplexity deepseek xai grok openrouter voyage voyageai"
)


@lru_cache(maxsize=4096)
def names_api(name: str) -> bool:
    """True when ``name`` says its model is served by a hosted API (``OPENAI_MODEL``)."""
    return any(word in _API_WORDS for word in normalize(name).split("_"))


@lru_cache(maxsize=4096)
def is_model_key(name: str) -> bool:
    """True when a value stored under ``name`` is meant to be a model to load."""
    key = normalize(name)
    if _excluded(key):
        return False
    match = _MODEL_NAME.search(key)
    if match is None:
        return False
    qualifier = match.groupdict().get("qualifier")
    return qualifier is None or qualifier not in _NOT_QUALIFIERS


@lru_cache(maxsize=4096)
def is_weak_model_key(name: str) -> bool:
    """True when ``name`` hints at a model by one of its words, and nothing says it is an
    output, an alias or a dataset (a candidate's context; see _WEAK_WORDS)."""
    key = normalize(name)
    if _excluded(key):
        return False
    parts = key.split("_")
    if any(word in _NOT_WEAK_WORDS for word in parts):
        return False
    return any(word in _WEAK_WORDS for word in parts)


@lru_cache(maxsize=4096)
def names_no_model(name: str) -> bool:
    """True when ``name`` says its value is an output, an alias, a target, a secret or data."""
    key = normalize(name)
    return _excluded(key) or any(word in _NOT_WEAK_WORDS for word in key.split("_"))


# Keys, keywords and variables whose values are text for people, code locations, URLs, images or
# tasks: an id-shaped value there is no model.
_TEXT_PLACES = frozenset(
    {
        "help",
        "help_txt",
        "description",
        "desc",
        "doc",
        "docs",
        "label",
        "title",
        "message",
        "msg",
        "text",
        "url",
        "homepage",
        "github",
        "image",
        "docker_image",
        "container",
        "task",
        "pipeline_tag",
        "license",
        "filename",
        "mime_type",
        "content_type",
    }
)


# Words that make any name a place for links, images or documentation pages (docs_url, local).
_TEXT_WORDS = words("url urls uri href link links docs image images docker container local")


@lru_cache(maxsize=4096)
def holds_no_model(name: str) -> bool:
    """True when a value under ``name`` is known not to be a model: text for people, a URL,
    an image, a task, an output, a target, a secret or data."""
    key = normalize(name)
    if key in _TEXT_PLACES or is_writer_name(key) or names_no_model(key):
        return True
    return any(word in _TEXT_WORDS for word in key.split("_"))


# Verbs of calls that write to a repo (``upload_folder(repo_id=...)``, ``create_repo``): the id
# they are given is a target, which does exist on the Hub as a model once written.
_WRITER_WORDS = words(
    "upload push create delete save write export publish commit update rename move duplicate"
)


@lru_cache(maxsize=4096)
def is_writer_name(name: str) -> bool:
    """True for a function named for writing to a repo (``upload_folder``, ``push_to_hub``)."""
    return any(word in _WRITER_WORDS for word in normalize(name).split("_"))


@lru_cache(maxsize=4096)
def is_model_list_key(name: str) -> bool:
    """True for containers of model entries (``models:``, ``SUPPORTED_MODELS``)."""
    key = normalize(name)
    if _excluded(key) or not _MODEL_LIST_NAME.search(key):
        return False
    return not any(word in _NOT_USED_WORDS for word in key.split("_"))


@lru_cache(maxsize=4096)
def is_revision_key(name: str) -> bool:
    """True for keys that pin the revision of the model beside them."""
    return normalize(name) in REVISION_KEYS


@lru_cache(maxsize=4096)
def is_repo_key(name: str) -> bool:
    """``repo_id`` / ``fallback_repo_id``: a Hub repo, a model unless its context says otherwise
    (configs only: in code the same name is as often a dataset or an upload target)."""
    key = normalize(name)
    return (key == "repo_id" or key.endswith("_repo_id")) and not _excluded(key)
