"""Runtime settings, overridable through environment variables."""

from __future__ import annotations

import os

from pydantic import Field
from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    llm_model: str = Field("Qwen/Qwen2.5-14B-Instruct", description="Chat model")
    embedding_model: str = Field(default="nomic-ai/nomic-embed-text-v1.5")
    vision_model: str = "llava-hf/llava-1.5-7b-hf"
    dataset_repo: str = "acme-ai/support-tickets"
    api_base: str = "http://localhost:8000/v1"
    response_format: str = "application/json"


SUMMARY_MODEL = os.environ.get("SUMMARY_MODEL", "facebook/bart-large-cnn")
MODERATION_MODEL = os.getenv("MODERATION_MODEL", "meta-llama/Llama-Guard-3-8B")
REGION = os.getenv("REGION", "eu-west-1")
