"""Is this string a Hugging Face Hub model id, a local model path, or neither?

Every extractor runs candidate strings through ``classify`` so the same naming rules, placeholder
list and lookalike filters (MIME types, Actions pins, Docker images, API-provider model names)
apply everywhere. Pure string logic: no network, and no I/O beyond the built-in vocabulary
(``rules/scan.toml``), read once per process.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from licheck.records import Source
from licheck.scan.legacy import LEGACY_IDS
from licheck.scan.text import words
from licheck.scan.vocabulary import vocabulary

# Hub naming rules: letters, digits, "-", "_", "."; at most 96 characters; no "--" or "..";
# must not start or end with "-" or ".".
_PART = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,94}[A-Za-z0-9_])?")

_PLACEHOLDER_NAMESPACES = words(
    "org organization organisation your-org your_org yourorg my-org my_org myorg user username "
    "your-username your_username yourusername your-name your-user your-hf-username namespace "
    "owner repo-owner example example-org foo bar baz xxx xxxx some-org someone somebody "
    "my-username my_username hf-user huggingface-user author"
)
_PLACEHOLDER_NAMES = words(
    "model model-name model_name modelname model-id model_id your-model your_model yourmodel "
    "my-model my_model repo repo-name repo_name repository name your-repo your_repo foo bar baz "
    "xxx xxxx model-repo model_repo some-model placeholder"
)
# Top-level MIME types: "text/plain" and "application/json" are valid-looking ids otherwise.
_MIME_TYPES = words("text application image audio video multipart font message")
# Names whose first segment is a local directory more often than a Hub namespace.
_LOCAL_DIRS = words(
    "checkpoints checkpoint ckpt ckpts models model outputs output out results runs weights "
    "saved_models saved-models tmp temp data artifacts exports export local cache pretrained "
    "experiments logs src lib assets resources dist build"
)
WEIGHT_SUFFIXES = (
    ".gguf",
    ".ggml",
    ".safetensors",
    ".bin",
    ".pt",
    ".pth",
    ".ckpt",
    ".onnx",
    ".h5",
    ".tflite",
    ".mlmodel",
    ".pb",
)
_PATH_PLACEHOLDERS = ("{", "$", "<", "path/to", "your-", "your_", "/to/your", "xxx", "...")
_FILE_SUFFIXES = (
    *WEIGHT_SUFFIXES,
    ".py",
    ".json",
    ".jsonl",
    ".yaml",
    ".yml",
    ".toml",
    ".txt",
    ".md",
    ".csv",
    ".tsv",
    ".parquet",
    ".zip",
    ".gz",
    ".tar",
    ".sh",
    ".cfg",
    ".ini",
    ".html",
    ".js",
    ".ts",
    ".png",
    ".jpg",
    ".wav",
    ".msgpack",
    ".model",
    ".tiktoken",
)
# API providers (LiteLLM, OpenRouter style "provider/model") that are not Hub namespaces: data in
# the built-in rules/scan.toml (databricks is not listed there: see configkeys.py).
API_PROVIDERS: frozenset[str] = vocabulary().api_providers
_OPENAI_NAMES = r"gpt-[345]|o[134]|chatgpt|text-|dall-e|tts-|davinci|whisper-1$"
_OPENAI_API_MODEL = re.compile(f"(?:{_OPENAI_NAMES})")
# Hosted models by their bare names (OpenAI's, Anthropic's, Google's, Voyage's, Cohere's): under
# a model key beside an Ollama server they are still the API's, never an Ollama tag.
_API_MODEL_NAME = re.compile(
    f"(?:{_OPENAI_NAMES}|claude|gemini-|voyage-|rerank-|embed-(?:english|multilingual))"
)


@dataclass(frozen=True)
class Candidate:
    """What a string turned out to be: the model as it will be looked up, and its source."""

    model: str
    source: Source


def is_valid_part(part: str) -> bool:
    """One namespace or name segment obeys the Hub's naming rules."""
    return bool(_PART.fullmatch(part)) and "--" not in part and ".." not in part


def looks_like_path(value: str) -> bool:
    """A filesystem path rather than an id: ./x, ../x, /x, ~/x, C:\\x, a/b/c, or a file name."""
    if value.startswith(("./", "../", "/", "~", ".\\")) or "\\" in value:
        return True
    if re.match(r"[A-Za-z]:[/\\]", value):
        return True
    return value.count("/") >= 2 or value.lower().endswith(_FILE_SUFFIXES)


def _is_placeholder(namespace: str, name: str) -> bool:
    ns, nm = namespace.lower(), name.lower()
    if ns in _PLACEHOLDER_NAMESPACES or nm in _PLACEHOLDER_NAMES:
        return True
    return ns.startswith(("your-", "your_", "my-org", "<")) or nm.startswith(("your-", "your_"))


def _is_api_model(namespace: str, name: str) -> bool:
    ns = namespace.lower()
    # Together serves its own builds as "org/name-Instruct-Turbo"; Hub models named "-Turbo"
    # (Z-Image-Turbo, Krea-2-Turbo) are distilled models, not API names.
    if ns in API_PROVIDERS or name.endswith("-Instruct-Turbo"):
        return True
    return ns == "openai" and bool(_OPENAI_API_MODEL.match(name.lower()))


def hub_id(value: str, *, legacy: bool = False) -> str | None:
    """``value`` as a Hub model id, or None.

    ``legacy`` allows the canonical ids without a namespace (``gpt2``); only loader contexts
    should pass it, since a bare word elsewhere is almost never a model.
    """
    value = value.strip()
    if value.count("/") == 2 and value.endswith("/"):  # "org/name/" as a shell value
        value = value[:-1]
    if not value or len(value) > 200 or looks_like_path(value):
        return None
    if "/" not in value:
        return value if legacy and value in LEGACY_IDS else None
    namespace, name = value.split("/", 1)
    if not (is_valid_part(namespace) and is_valid_part(name)):
        return None
    if not (re.search(r"[A-Za-z]", namespace) and re.search(r"[A-Za-z]", name)):
        return None
    if namespace.lower() in _MIME_TYPES or namespace.lower() in _LOCAL_DIRS:
        return None
    if _is_placeholder(namespace, name) or _is_api_model(namespace, name):
        return None
    return value


def local_model_path(value: str, *, loader: bool = False) -> str | None:
    """``value`` as a local model path worth reporting (source ``local``), or None.

    A weight file (``.gguf``, ``.safetensors`` ...) anywhere counts; a directory-like path
    counts only when a loader receives it (``loader``), since that is clearly a model directory.
    """
    value = value.strip()
    lowered = value.lower()
    if not value or any(mark in lowered for mark in _PATH_PLACEHOLDERS):
        return None
    if value.lower().endswith(WEIGHT_SUFFIXES) and ("/" in value or "\\" in value):
        return value
    if not loader or value.lower().endswith(_FILE_SUFFIXES):
        return None
    first = value.split("/", 1)[0].lower()
    explicit = value.startswith(("./", "../", "/", "~", ".\\")) or "\\" in value
    if explicit or re.match(r"[A-Za-z]:[/\\]", value) or ("/" in value and first in _LOCAL_DIRS):
        return value
    return None


def classify(value: str, *, legacy: bool = False, loader: bool = False) -> Candidate | None:
    """A Hub id (source hf) or, in a loader, a local model path (source local); else None."""
    model = hub_id(value, legacy=legacy)
    if model is not None:
        return Candidate(model, Source.HF)
    path = local_model_path(value, loader=loader)
    if path is not None:
        return Candidate(path, Source.LOCAL)
    return None


_OLLAMA_TAG = re.compile(r"(?:[a-z0-9][a-z0-9._-]*/)?[a-z0-9][a-z0-9._-]*(?::[A-Za-z0-9._-]+)?")


def ollama_ref(value: str) -> Candidate | None:
    """An Ollama model name (``qwen2.5:7b``), or ``hf.co/org/repo[:quant]`` as a Hub id."""
    value = value.strip()
    for prefix in ("hf.co/", "huggingface.co/", "https://hf.co/", "https://huggingface.co/"):
        if value.startswith(prefix):
            repo = value[len(prefix) :].split(":", 1)[0]
            model = hub_id(repo)
            return Candidate(model, Source.HF) if model else None
    if not _OLLAMA_TAG.fullmatch(value) or not re.search(r"[a-z]", value):
        return None
    name = value.split(":", 1)[0].lower()
    if name in _PLACEHOLDER_NAMES | {"model", "name"} or _API_MODEL_NAME.match(name):
        return None
    if "/" in name and _is_placeholder(*name.split("/", 1)):  # your-org/your-model
        return None
    return Candidate(value, Source.OLLAMA)
