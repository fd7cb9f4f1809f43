"""Central settings imported by the rest of the service."""

from __future__ import annotations

DEFAULT_MODEL = "mistralai/Mistral-Small-24B-Instruct-2501"
EMBEDDING_MODEL = "BAAI/bge-m3"
RERANKER_MODEL_ID = "BAAI/bge-reranker-v2-m3"
FALLBACK_MODELS = [
    "Qwen/Qwen2.5-7B-Instruct",
    "google/gemma-3-27b-it",
]

TRAIN_DATASET = "tatsu-lab/alpaca"
EVAL_DATASETS = ["cais/mmlu", "openai/gsm8k"]
HUB_MODEL_ID = "acme-ai/support-bot"
OUTPUT_MODEL_DIR = "artifacts/support-bot"
API_CONTENT_TYPE = "application/json"
DOCKER_IMAGE = "ghcr.io/acme/support-bot:1.4"
CI_ACTION = "actions/setup-python@v5"
MAX_TOKENS = 1024
