"""Embedding backends for semantic search."""

from __future__ import annotations

from huggingface_hub import HfApi, hf_hub_download
from sentence_transformers import SentenceTransformer

DEFAULT_EMBEDDER = "all-MiniLM-L6-v2"


def default() -> SentenceTransformer:
    return SentenceTransformer(DEFAULT_EMBEDDER)


def multilingual() -> SentenceTransformer:
    return SentenceTransformer("sentence-transformers/paraphrase-multilingual-MiniLM-L12-v2")


def e5() -> SentenceTransformer:
    return SentenceTransformer(
        model_name_or_path="intfloat/multilingual-e5-large", revision="refs/pr/12"
    )


def onnx_weights() -> str:
    return hf_hub_download(repo_id="Xenova/all-MiniLM-L6-v2", filename="onnx/model_quantized.onnx")


def check_license() -> str | None:
    info = HfApi().model_info("BAAI/bge-small-en-v1.5")
    return info.card_data.license if info.card_data else None
