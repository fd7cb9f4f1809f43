"""HTTP inference service: generation, sentiment, zero-shot, embeddings and reranking."""

from __future__ import annotations

import os

from fastapi import FastAPI
from fastapi.responses import JSONResponse, PlainTextResponse
from pydantic import BaseModel
from pydantic_settings import BaseSettings
from sentence_transformers import CrossEncoder, SentenceTransformer
from transformers import pipeline

GEN_MODEL = os.environ.get("GEN_MODEL", "Qwen/Qwen2.5-7B-Instruct")
# Pinned so a re-upload on the Hub cannot change what we serve.
GEN_REVISION = os.getenv("GEN_REVISION", "a09a35458c702b33eeacc393d103063234e8bc28")
EMBED_MODEL = os.getenv("EMBED_MODEL", "BAAI/bge-small-en-v1.5")
RERANK_MODEL = os.getenv("RERANK_MODEL", "cross-encoder/ms-marco-MiniLM-L-6-v2")
SENTIMENT_MODEL = os.environ.get(
    "SENTIMENT_MODEL", "cardiffnlp/twitter-roberta-base-sentiment-latest"
)


class Settings(BaseSettings):
    summarizer_model: str = "facebook/bart-large-cnn"
    max_new_tokens: int = 256
    log_level: str = "info"


settings = Settings()
app = FastAPI(title="inference")

generator = pipeline("text-generation", model=GEN_MODEL, revision=GEN_REVISION, device_map="auto")
classifier = pipeline("sentiment-analysis", model=SENTIMENT_MODEL)
summarizer = pipeline("summarization", model=settings.summarizer_model)
zero_shot = pipeline("zero-shot-classification", model="facebook/bart-large-mnli")
embedder = SentenceTransformer(EMBED_MODEL)
reranker = CrossEncoder(RERANK_MODEL)


class Prompt(BaseModel):
    text: str
    labels: list[str] = []


@app.post("/generate")
def generate(p: Prompt) -> JSONResponse:
    out = generator(p.text, max_new_tokens=settings.max_new_tokens)
    return JSONResponse(out[0], media_type="application/json")


@app.post("/classify")
def classify(p: Prompt) -> dict[str, object]:
    if p.labels:
        return zero_shot(p.text, candidate_labels=p.labels)
    return classifier(p.text)[0]


@app.post("/embed")
def embed(p: Prompt) -> list[float]:
    return embedder.encode(p.text).tolist()


@app.get("/health", response_class=PlainTextResponse)
def health() -> PlainTextResponse:
    return PlainTextResponse("ok", media_type="text/plain")
