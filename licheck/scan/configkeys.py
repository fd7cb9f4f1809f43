"""What a config key says about its value: the key kinds the walk in configwalk.py acts on.

``key_kind`` sorts a mapping key (dataset, model, model list, repo, command, environment,
upload target, other); the helpers here read one node the walk meets (a Hub scheme, a sweep's
values, a models entry's repo, a LiteLLM API route). Nothing here emits a reference.
"""

from __future__ import annotations

from functools import lru_cache

from licheck.scan import keys
from licheck.scan.configtree import CNode
from licheck.scan.ids import API_PROVIDERS
from licheck.scan.literals import OLLAMA_SCHEME
from licheck.scan.text import words

_COMMAND_KEYS = words(
    "run script command commands args arguments entrypoint cmd before_script after_script exec"
)
# Command keys whose list is one command's words, not a list of lines (Compose, Kubernetes).
ARGV_KEYS = frozenset({"command", "args", "arguments", "entrypoint", "cmd"})
_ENV_KEYS = frozenset({"environment", "env", "envs", "env_vars", "variables"})
ENTRY_KEYS = frozenset({"id", "name", "repo", "repo_id", "hf_repo", "model", "path", "hub_id"})
# Entry keys that hold the id itself: beside one of them, ``name`` is the entry's alias.
ID_KEYS = frozenset({"id", "repo", "repo_id", "hf_repo", "hub_id"})

# What a ``type:`` / ``source:`` beside a repo key says when the repo is on the Hub.
HUB_SOURCES = frozenset({"huggingface", "hf", "huggingface_hub", "hf_hub", "hub"})

# Containers whose repo ids are where things go, not what is pulled.
_UPLOAD_KEYS = words("push_to_hub hub upload uploads output outputs export publish destination")

OTHER, DATASET, MODEL, MODEL_LIST, COMMAND, ENV, REPO, UPLOAD = range(8)


def sweep_values(node: CNode) -> list[CNode]:
    """The values a hyperparameter sweep tries for one key (``{value: x}``, ``{values: [..]}``)."""
    if node.kind != "map":
        return []
    out: list[CNode] = []
    for key, child in node.items:
        if key in ("value", "values"):
            out += (
                [child]
                if child.kind == "scalar"
                else [e for e in child.elems if e.kind == "scalar"]
            )
    return out


def hub_scheme(node: CNode) -> bool:
    """A value that names a model by its scheme (KServe's ``storageUri: hf://org/name``,
    KubeAI's ``url: ollama://qwen2.5:7b``), whatever its key; ``hf://datasets/...`` and
    ``hf://spaces/...`` are not models."""
    value = node.value or ""
    if value.startswith(OLLAMA_SCHEME):
        return True
    value = value[:5].lower() + value[5:]
    if value.startswith("huggingface://"):  # AIBrix's artifactURL: huggingface://org/name
        value = "hf://" + value[len("huggingface://") :]
    return value.startswith("hf://") and not value.startswith(("hf://datasets/", "hf://spaces/"))


def names_repo(key: str, node: CNode) -> bool:
    """Whether a models entry's ``key: node`` spells out the repo (so ``name`` is an alias)."""
    value = node.value if node.kind == "scalar" else None
    return bool(value) and not str(value).isdigit() and (key in ID_KEYS or key_kind(key) == MODEL)


@lru_cache(maxsize=8192)
def key_kind(key: str) -> int:
    """What a mapping key says about its value; the first that applies, in this order.

    Cached: configs repeat their keys, and each test normalises the name again.
    """
    if keys.is_dataset_key(key):
        return DATASET
    if keys.is_model_key(key):
        return MODEL
    if keys.is_model_list_key(key):
        return MODEL_LIST
    if keys.is_repo_key(key):
        return REPO
    name = keys.normalize(key)
    if name in _COMMAND_KEYS or name.endswith(("_command", "_commands", "_script", "_args")):
        return COMMAND
    if key.lower() in _ENV_KEYS:
        return ENV
    return UPLOAD if name in _UPLOAD_KEYS else OTHER


def api_route(node: CNode) -> bool:
    """``openai/fake``, ``groq/llama3-70b``: a LiteLLM provider route to a hosted API, which
    names no Hub model (``hosted_vllm/org/name`` and ``ollama/x`` are read by literals.py)."""
    route, slash, rest = (node.value or "").partition("/")
    return bool(slash) and "/" not in rest and route.lower() in _API_ROUTES


# Under litellm_params, openai/ is a route too (elsewhere it is also a Hub organisation), and so
# are a few providers that ids.py leaves alone because they are Hub names as well; Ollama routes
# name a model (literals.py reads them).
_API_ROUTES = (API_PROVIDERS - {"ollama", "ollama_chat"}) | {
    "openai",
    "cohere",
    "xai",
    "deepseek",
    "databricks",
}
