"""The Python calls that pull a model, and which argument names the model.

Data: the loader families and where each one's model argument sits (pymatch.py says which
family a call belongs to). Adding a library means adding a row here. Never imports the
libraries.
"""

from __future__ import annotations

from dataclasses import dataclass

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
ST_ORG = "sentence-transformers"
ST_WRAPPERS = words("HuggingFaceEmbeddings HuggingFaceBgeEmbeddings HuggingFaceEmbedding")


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
FASTER_WHISPER = Loader(
    "faster_whisper", (0,), ("model_size_or_path", "size_or_id"), aliases=_WHISPER_SIZES
)


# txtai: pipelines take the model first (Summary("org/name")), RAG and Extractor second (after
# the embeddings), Embeddings by path= or a {"path": ...} settings dict.
_TXTAI_FIRST = words(
    "Summary Translation Transcription Labels Similarity Questions Caption Objects Sequences "
    "Entity Textractor LLM Generator HFOnnx Reranker Segmentation Tabular TextToSpeech"
)
TXTAI = {
    **{name: Loader(f"txtai:{name}", (0,), ("path",)) for name in _TXTAI_FIRST},
    "RAG": Loader("txtai:RAG", (1,), ("path",)),
    "Extractor": Loader("txtai:Extractor", (1,), ("path",)),
    "Embeddings": Loader("txtai:Embeddings", (0,), ("path",), dict_keys=("path",)),
}


def _hub(label: str) -> Loader:
    return Loader(label, (0,), _HUB, repo_type=True)


BY_NAME: dict[str, Loader] = {
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
        "SentenceTransformer", (0,), ("model_name_or_path",), bare_namespace=ST_ORG
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
    "WhisperModel": FASTER_WHISPER,
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
CLIENT_TASKS = words(
    "text_generation chat_completion feature_extraction text_to_image sentence_similarity "
    "automatic_speech_recognition image_to_text summarization translation "
    "zero_shot_classification token_classification fill_mask"
)
OLLAMA_MODULE = frozenset({"chat", "generate", "pull", "embed", "embeddings", "show"})
HF_WRAPPER_KEYWORDS = ("model_name", "model_id", "model", "repo_id", "tokenizer_name")
# Calls that upload, save or create: their repo arguments are targets, never sources.
NOT_LOADERS = words(
    "push_to_hub upload_file upload_folder upload_large_folder create_repo delete_repo "
    "save_pretrained create_commit create_branch create_tag update_repo_settings "
    "load_dataset load_from_disk Repository move_repo duplicate_space"
)


def bare_name_loaders() -> list[str]:
    """Names whose calls read a value without a slash as a model (Ollama tags, sentence-
    transformers' own names): the byte-level gate in pygate.py parses any file naming one."""
    named = [
        name
        for name, loader in BY_NAME.items()
        if loader.ollama or loader.bare_namespace or loader.aliases
    ]
    # A module importing sentence-transformers or SetFit completes bare names (pycalls.py,
    # pydefs.py).
    return [
        *named,
        *sorted(ST_WRAPPERS),
        "ollama",
        "sentence_transformers",
        "setfit",
        "faster_whisper",
    ]
