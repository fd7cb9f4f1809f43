"""Retrieval-augmented QA over the internal wiki."""

from __future__ import annotations

import os

from langchain_community.chat_models import ChatOllama
from langchain_huggingface import HuggingFaceEmbeddings, HuggingFacePipeline
from sentence_transformers import CrossEncoder

EMBEDDINGS = HuggingFaceEmbeddings(
    model_name="sentence-transformers/all-mpnet-base-v2",
    model_kwargs={"device": "cpu"},
)
RERANKER = CrossEncoder("cross-encoder/ms-marco-MiniLM-L-6-v2", max_length=512)

LOCAL_LLM = HuggingFacePipeline.from_model_id(
    model_id="microsoft/Phi-3-mini-4k-instruct",
    task="text-generation",
    pipeline_kwargs={"max_new_tokens": 256},
)

chat = ChatOllama(model="llama3.1:8b", temperature=0)
fallback = ChatOllama(model=os.getenv("FALLBACK_OLLAMA", "mistral:7b-instruct"))

COLLECTION = "wiki-pages"
VECTOR_STORE_URL = "http://localhost:6333"


def bge_embeddings() -> HuggingFaceEmbeddings:
    return HuggingFaceEmbeddings(model_name="BAAI/bge-large-en-v1.5")
