"""The Python calls that pull a model, and which argument names the model.

Data plus one matching function: given a call, say which loader family it is and where its
model argument sits. Adding a library means adding a row here. Never imports the libraries.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from functools import lru_cache

from licheck.scan.pyast import call_name
from licheck.scan.text import words


@dataclass(frozen=True)
class Loader:
    """One loader family: where its model argument is and how to read the value."""

    label: str
    positions: tuple[int, ...] = (0,)
    keywords: tuple[str, ...] = ()
    ollama: bool = False  # values are Ollama tags, not Hub ids
    required_prefix: tuple[str, ...] = ()  # e.g. timm/open_clip only load the Hub via hf-hub:
    bare_namespace: str | None = None  # sentence-transformers adds its org to bare names
    repo_type: bool = False  # honours repo_type="dataset" / "space" (then not a model)
    # The library's own short names and the Hub repos it downloads for them.
    aliases: tuple[tuple[str, str], ...] = ()
    # Keys of a settings dict given as an argument that hold the model (txtai's {"path": ...}).
    dict_keys: tuple[str, ...] = ()

    def alias(self, name: str) -> str | None:
        """The Hub id the library loads for its short ``name`` (``tiny``), if it has one."""
        return next((repo for short, repo in self.aliases if short == name), None)


_HUB = ("repo_id",)
_HF_HUB = ("hf-hub:", "hf_hub:")
# LangChain and LlamaIndex embeddings that load through sentence-transformers, which completes
# a bare name ("all-MiniLM-L6-v2") with its own organisation, as SentenceTransformer does.
_ST_ORG = "sentence-transformers"
_ST_WRAPPERS = words("HuggingFaceEmbeddings HuggingFaceBgeEmbeddings HuggingFaceEmbedding")


# faster-whisper's size names (faster_whisper/utils.py, _MODELS) and the repos they download.
_WHISPER = "Systran/faster-whisper-"
_DISTIL = "Systran/faster-distil-whisper-"
_TURBO = "mobiuslabsgmbh/faster-whisper-large-v3-turbo"
_WHISPER_SIZES = (
    *((size, f"{_WHISPER}{size}") for size in words("tiny.en tiny base.en base small.en small")),
    *((size, f"{_WHISPER}{size}") for size in words("medium.en medium large-v1 large-v2")),
    ("large-v3", f"{_WHISPER}large-v3"),
    ("large", f"{_WHISPER}large-v3"),
    *((f"distil-{s}", f"{_DISTIL}{s}") for s in words("large-v2 medium.en small.en large-v3")),
    ("distil-large-v3.5", "distil-whisper/distil-large-v3.5-ct2"),
    ("large-v3-turbo", _TURBO),
    ("turbo", _TURBO),
)
_FASTER_WHISPER = Loader(
    "faster_whisper", (0,), ("model_size_or_path", "size_or_id"), aliases=_WHISPER_SIZES
)


# txtai: pipelines take the model first (Summary("org/name")), RAG and Extractor second (after
# the embeddings), Embeddings by path= or a {"path": ...} settings dict.
_TXTAI_FIRST = words(
    "Summary Translation Transcription Labels Similarity Questions Caption Objects Sequences "
    "Entity Textractor LLM Generator HFOnnx Reranker Segmentation Tabular TextToSpeech"
)
_TXTAI = {
    **{name: Loader(f"txtai:{name}", (0,), ("path",)) for name in _TXTAI_FIRST},
    "RAG": Loader("txtai:RAG", (1,), ("path",)),
    "Extractor": Loader("txtai:Extractor", (1,), ("path",)),
    "Embeddings": Loader("txtai:Embeddings", (0,), ("path",), dict_keys=("path",)),
}


def _hub(label: str) -> Loader:
    return Loader(label, (0,), _HUB, repo_type=True)


_BY_NAME: dict[str, Loader] = {
    "from_pretrained": Loader(
        "from_pretrained",
        (0,),
        ("pretrained_model_name_or_path", "model_id", "repo_id", "model_name"),
    ),
    "from_quantized": Loader("from_quantized", (0,), ("model_name_or_path", "quant_path")),
    "from_single_file": Loader("from_single_file", (0,), ("pretrained_model_link_or_path",)),
    "from_preset": Loader("from_preset", (0,), ("preset",)),
    "from_hparams": Loader("speechbrain:from_hparams", (0,), ("source",)),
    "from_model_id": Loader("from_model_id", (0,), ("model_id",)),
    "load_lora_weights": Loader(
        "diffusers:load_lora_weights", (0,), ("pretrained_model_name_or_path_or_dict",)
    ),
    "load_ip_adapter": Loader(
        "diffusers:load_ip_adapter", (0,), ("pretrained_model_name_or_path_or_dict",)
    ),
    "load_textual_inversion": Loader(
        "diffusers:load_textual_inversion", (0,), ("pretrained_model_name_or_path",)
    ),
    # transformers' pipeline(task, model); lmdeploy's and others' pipeline(model): a task never
    # has a slash or is a legacy id, so the first argument counts only when it names a model.
    "pipeline": Loader("pipeline", (0, 1), ("model",)),
    "SentenceTransformer": Loader(
        "SentenceTransformer", (0,), ("model_name_or_path",), bare_namespace=_ST_ORG
    ),
    "SparseEncoder": Loader("SparseEncoder", (0,), ("model_name_or_path",)),
    "CrossEncoder": Loader("CrossEncoder", (0,), ("model_name", "model_name_or_path")),
    "LLM": Loader("vllm:LLM", (0,), ("model", "tokenizer", "speculative_model")),
    "AsyncEngineArgs": Loader(
        "vllm:AsyncEngineArgs", (), ("model", "tokenizer", "speculative_model")
    ),
    "EngineArgs": Loader("vllm:EngineArgs", (), ("model", "tokenizer", "speculative_model")),
    "InferenceClient": Loader("InferenceClient", (0,), ("model",)),
    "AsyncInferenceClient": Loader("InferenceClient", (0,), ("model",)),
    "Llama": Loader("llama_cpp:Llama", (0,), ("model_path",)),
    "WhisperModel": _FASTER_WHISPER,
    "create_model": Loader("create_model", (0,), ("model_name",), required_prefix=_HF_HUB),
    "create_model_and_transforms": Loader(
        "open_clip", (0,), ("model_name",), required_prefix=_HF_HUB
    ),
    "create_model_from_pretrained": Loader(
        "open_clip", (0,), ("model_name",), required_prefix=_HF_HUB
    ),
    "get_tokenizer": Loader("open_clip", (0,), ("model_name",), required_prefix=_HF_HUB),
    **{
        name: _hub(name)
        for name in (
            "hf_hub_download",
            "snapshot_download",
            "hf_hub_url",
            "model_info",
            "list_repo_files",
            "list_repo_refs",
            "list_repo_commits",
            "list_repo_tree",
            "file_exists",
            "get_safetensors_metadata",
            "try_to_load_from_cache",
        )
    },
    **{
        name: Loader(f"smolagents:{name}", (0,), ("model_id",))
        for name in (
            "HfApiModel",
            "InferenceClientModel",
            "TransformersModel",
            "VLLMModel",
            "MLXModel",
        )
    },
    **{
        name: Loader(f"ollama:{name}", (), ("model", "model_name", "id"), ollama=True)
        for name in (
            "ChatOllama",
            "Ollama",
            "OllamaLLM",
            "OllamaEmbeddings",
            "OllamaEmbedding",
            "OllamaEmbedder",  # agno
            "OllamaChat",
        )
    },
}
# huggingface_hub InferenceClient task methods: only their model= keyword names a model.
_CLIENT_TASKS = words(
    "text_generation chat_completion feature_extraction text_to_image sentence_similarity "
    "automatic_speech_recognition image_to_text summarization translation "
    "zero_shot_classification token_classification fill_mask"
)
_OLLAMA_MODULE = frozenset({"chat", "generate", "pull", "embed", "embeddings", "show"})
_HF_WRAPPER_KEYWORDS = ("model_name", "model_id", "model", "repo_id", "tokenizer_name")
# Calls that upload, save or create: their repo arguments are targets, never sources.
NOT_LOADERS = words(
    "push_to_hub upload_file upload_folder upload_large_folder create_repo delete_repo "
    "save_pretrained create_commit create_branch create_tag update_repo_settings "
    "load_dataset load_from_disk Repository move_repo duplicate_space"
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
    {"from_pretrained", "create", "download_model", "load", *_OLLAMA_MODULE, *_TXTAI}
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
    if name in _BY_NAME:
        return _BY_NAME[name]
    if name.startswith("Ollama") and len(name) > len("Ollama"):
        # Every framework's Ollama class (deepeval's OllamaModel, OllamaChatCompletionClient).
        return Loader(f"ollama:{name}", (), ("model", "model_name", "id"), ollama=True)
    if name in _ST_WRAPPERS:
        return Loader(f"langchain:{name}", (), _HF_WRAPPER_KEYWORDS, bare_namespace=_ST_ORG)
    if name.startswith(("HuggingFace", "ChatHuggingFace")):
        # pydantic-ai's HuggingFaceModel("org/name") takes it first; LangChain's by keyword.
        return Loader(f"hf-wrapper:{name}", (0,), _HF_WRAPPER_KEYWORDS)
    if name.endswith("Trainer") and name[:1].isupper():
        return Loader(f"trainer:{name}", (0,), ("model", "ref_model", "reward_model"))
    if name in _CLIENT_TASKS:
        return Loader(f"InferenceClient:{name}", (), ("model",))
    return None


def _in_context(call: ast.Call, name: str, imported_from: dict[str, str]) -> Loader | None:
    """``match`` for the names whose loader also depends on the receiver or the imports.

    Of ``_by_name``'s rules only ``_BY_NAME`` takes such a name (``LLM``, ``from_pretrained``;
    tests check it), so asking it before txtai's, faster-whisper's and mlx_lm's rules keeps
    the rules' order.
    """
    receiver = _receiver_name(call)
    if name == "from_pretrained" and receiver.startswith(("PeftModel", "PeftMixedModel")):
        return Loader("peft:from_pretrained", (1,), ("model_id",))
    if name == "from_pretrained" and receiver == "Llama":
        return Loader("llama_cpp:from_pretrained", (0,), ("repo_id",))
    if name in _OLLAMA_MODULE | {"create"} and _ollama_call(name, receiver, imported_from):
        if name == "create":  # model= is the new model's name; from_ is what it is built on
            return Loader("ollama:create", (), ("from_",), ollama=True)
        return Loader(f"ollama:{name}", (0,), ("model",), ollama=True)
    found = _by_name(name)
    if found is not None or name in NOT_LOADERS:
        return found
    if name in _TXTAI and imported_from.get(name, "").startswith("txtai"):
        return _TXTAI[name]
    if name == "download_model" and "faster_whisper" in (receiver, imported_from.get(name, "")):
        return _FASTER_WHISPER
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


def bare_name_loaders() -> list[str]:
    """Names whose calls read a value without a slash as a model (Ollama tags, sentence-
    transformers' own names): the byte-level gate in pygate.py parses any file naming one."""
    named = [
        name
        for name, loader in _BY_NAME.items()
        if loader.ollama or loader.bare_namespace or loader.aliases
    ]
    # A module importing sentence-transformers or SetFit completes bare names (pycalls.py,
    # pydefs.py).
    return [
        *named,
        *sorted(_ST_WRAPPERS),
        "ollama",
        "sentence_transformers",
        "setfit",
        "faster_whisper",
    ]
