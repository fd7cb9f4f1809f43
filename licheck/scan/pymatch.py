"""Which loader family a Python call belongs to (the families are pyloaders.py's data).

Asked for every call of every parsed file, and nearly all of them load nothing, so most calls
are answered from their name alone, once per name; the receiver and the module's imports are
read only where a rule needs them. Never imports or runs anything.
"""

from __future__ import annotations

import ast
from functools import lru_cache

from licheck.scan.pyast import call_name
from licheck.scan.pyloaders import (
    BY_NAME,
    CLIENT_TASKS,
    FASTER_WHISPER,
    HF_WRAPPER_KEYWORDS,
    NOT_LOADERS,
    OLLAMA_MODULE,
    ST_ORG,
    ST_WRAPPERS,
    TXTAI,
    Loader,
)

_MODELS_MODULE_KEYWORDS = ("model", "model_name", "model_id", "repo_id", "path")


def _models_module(call: ast.Call, imported_from: dict[str, str]) -> bool:
    """``pkg.models.f(...)`` or ``models.f(...)`` after ``from pkg import models``: a module,
    not a local list named ``models``."""
    func = call.func
    if not isinstance(func, ast.Attribute):
        return False
    return isinstance(func.value, ast.Attribute) or "models" in imported_from


def _receiver_name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute):
        value = func.value
        if isinstance(value, ast.Name):
            return value.id
        if isinstance(value, ast.Attribute):
            return value.attr
        if isinstance(value, ast.Call):
            return call_name(value)
    return ""


def _ollama_call(name: str, receiver: str, imported_from: dict[str, str]) -> bool:
    """``ollama.chat(...)``, ``chat(...)`` imported from ollama, or ``client.chat(...)`` in a
    module that imports from ollama (its ``Client``/``AsyncClient``)."""
    if receiver == "ollama" or (not receiver and imported_from.get(name) == "ollama"):
        return True
    return "client" in receiver.lower() and "ollama" in imported_from.values()


# Names ``_in_context`` reads the receiver or the imports for (beyond the ``models`` module):
# every other name's loader depends on the name alone (``_by_name``, once per name).
_CONTEXT_NAMES = frozenset(
    {"from_pretrained", "create", "download_model", "load", *OLLAMA_MODULE, *TXTAI}
)


def match(call: ast.Call, imported_from: dict[str, str]) -> Loader | None:
    """The loader family ``call`` belongs to, or None.

    ``imported_from`` maps a local name to the module it was imported from, so a bare
    ``load(...)`` counts only when it is mlx_lm's.
    """
    # Asked for every call of every parsed file, and nearly all of them load nothing.
    func = call.func
    # call_name, inlined
    name = func.attr if type(func) is ast.Attribute else func.id if type(func) is ast.Name else ""
    if name in _CONTEXT_NAMES:
        return _in_context(call, name, imported_from)
    found = _by_name(name)
    if found is not None or name in NOT_LOADERS:
        return found
    if type(func) is ast.Attribute and name[:1].isalpha():  # no receiver otherwise
        return _models_loader(call, name, _receiver_name(call), imported_from)
    return None


@lru_cache(maxsize=4096)
def _by_name(name: str) -> Loader | None:
    """The loader a call of ``name`` is whatever its receiver and imports (the ``models``
    module aside): the rules of ``match`` that read the name alone."""
    if name in NOT_LOADERS:
        return None
    if name in BY_NAME:
        return BY_NAME[name]
    if name.startswith("Ollama") and len(name) > len("Ollama"):
        # Every framework's Ollama class (deepeval's OllamaModel, OllamaChatCompletionClient).
        return Loader(f"ollama:{name}", (), ("model", "model_name", "id"), ollama=True)
    if name in ST_WRAPPERS:
        return Loader(f"langchain:{name}", (), HF_WRAPPER_KEYWORDS, bare_namespace=ST_ORG)
    if name.startswith(("HuggingFace", "ChatHuggingFace")):
        # pydantic-ai's HuggingFaceModel("org/name") takes it first; LangChain's by keyword.
        return Loader(f"hf-wrapper:{name}", (0,), HF_WRAPPER_KEYWORDS)
    if name.endswith("Trainer") and name[:1].isupper():
        return Loader(f"trainer:{name}", (0,), ("model", "ref_model", "reward_model"))
    if name in CLIENT_TASKS:
        return Loader(f"InferenceClient:{name}", (), ("model",))
    return None


def _in_context(call: ast.Call, name: str, imported_from: dict[str, str]) -> Loader | None:
    """``match`` for the names whose loader also depends on the receiver or the imports.

    Of ``_by_name``'s rules only ``BY_NAME`` takes such a name (``LLM``, ``from_pretrained``;
    tests check it), so asking it before txtai's, faster-whisper's and mlx_lm's rules keeps
    the rules' order.
    """
    receiver = _receiver_name(call)
    if name == "from_pretrained" and receiver.startswith(("PeftModel", "PeftMixedModel")):
        return Loader("peft:from_pretrained", (1,), ("model_id",))
    if name == "from_pretrained" and receiver == "Llama":
        return Loader("llama_cpp:from_pretrained", (0,), ("repo_id",))
    if name in OLLAMA_MODULE | {"create"} and _ollama_call(name, receiver, imported_from):
        if name == "create":  # model= is the new model's name; from_ is what it is built on
            return Loader("ollama:create", (), ("from_",), ollama=True)
        return Loader(f"ollama:{name}", (0,), ("model",), ollama=True)
    found = _by_name(name)
    if found is not None or name in NOT_LOADERS:
        return found
    if name in TXTAI and imported_from.get(name, "").startswith("txtai"):
        return TXTAI[name]
    if name == "download_model" and "faster_whisper" in (receiver, imported_from.get(name, "")):
        return FASTER_WHISPER
    if name == "load" and (receiver == "mlx_lm" or imported_from.get(name) == "mlx_lm"):
        return Loader("mlx_lm:load", (0,), ("path_or_hf_repo",))
    if name == "create" and receiver in ("completions", "embeddings"):
        return Loader("openai-compatible", (), ("model",))
    return _models_loader(call, name, receiver, imported_from)


def _models_loader(
    call: ast.Call, name: str, receiver: str, imported_from: dict[str, str]
) -> Loader | None:
    if receiver == "models" and name[:1].isalpha() and _models_module(call, imported_from):
        # A library's module of model constructors (outlines.models.transformers("org/name"),
        # guidance.models.Transformers("gpt2"), models.llamacpp(repo_id=...)): model first.
        return Loader(f"models.{name}", (0,), _MODELS_MODULE_KEYWORDS)
    return None
