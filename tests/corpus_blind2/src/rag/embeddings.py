"""Embedding, reranking and generation backends for the RAG service."""

from __future__ import annotations

import logging
import os
from functools import lru_cache

from langchain_huggingface import HuggingFaceEmbeddings, HuggingFaceEndpoint
from sentence_transformers import CrossEncoder

logger = logging.getLogger(__name__)

# Default dense encoder; override with RAG_EMBEDDING_MODEL in the deployment env.
EMBEDDING_MODEL = os.environ.get("RAG_EMBEDDING_MODEL", "BAAI/bge-m3")
# Small fallback used by the CPU-only worker pool.
CPU_EMBEDDING_MODEL = os.getenv("RAG_CPU_EMBEDDING_MODEL", "all-MiniLM-L6-v2")

RERANKERS = {
    "fast": "cross-encoder/ms-marco-MiniLM-L-6-v2",
    "accurate": "BAAI/bge-reranker-v2-m3",
}

GENERATOR_REPO = "mistralai/Mistral-7B-Instruct-v0.3"
TASK = "text-generation"

# Collection names in the vector store look like repo ids; they are not models.
COLLECTION = "acme-docs/handbook-v2"


@lru_cache(maxsize=4)
def get_embeddings(use_gpu: bool = True) -> HuggingFaceEmbeddings:
    model_name = EMBEDDING_MODEL if use_gpu else CPU_EMBEDDING_MODEL
    logger.info("loading embeddings %s", model_name)
    return HuggingFaceEmbeddings(
        model_name=model_name,
        model_kwargs={"device": "cuda" if use_gpu else "cpu"},
        encode_kwargs={"normalize_embeddings": True},
    )


@lru_cache(maxsize=2)
def get_reranker(kind: str = "fast") -> CrossEncoder:
    return CrossEncoder(RERANKERS[kind], max_length=512)


def get_llm(max_new_tokens: int = 512) -> HuggingFaceEndpoint:
    return HuggingFaceEndpoint(
        repo_id=GENERATOR_REPO,
        task=TASK,
        max_new_tokens=max_new_tokens,
        temperature=0.1,
        huggingfacehub_api_token=os.environ.get("HF_TOKEN"),
    )


def rerank(query: str, docs: list[str], kind: str = "fast", top_k: int = 5) -> list[str]:
    model = get_reranker(kind)
    scores = model.predict([(query, d) for d in docs])
    ranked = sorted(zip(docs, scores), key=lambda x: x[1], reverse=True)
    return [d for d, _ in ranked[:top_k]]
