"""Nightly leaderboard: run the prompt suite across candidate chat models."""

from __future__ import annotations

import json
import os
from pathlib import Path

import requests
from pydantic import BaseModel, Field
from tokenizers import Tokenizer
from transformers import AutoModelForCausalLM, AutoTokenizer, pipeline

ORG = "google"
GEMMA_BASE = ORG + "/gemma-2-9b-it"

CANDIDATES = [
    "meta-llama/Llama-3.2-3B-Instruct",
    "microsoft/Phi-3.5-mini-instruct",
    GEMMA_BASE,
    "deepseek-ai/DeepSeek-R1-Distill-Qwen-7B",
    "HuggingFaceTB/SmolLM2-1.7B-Instruct",
]

# Used only to count prompt tokens consistently across models.
TOKENIZER_JSON_URL = "https://huggingface.co/Xenova/gpt-4o/resolve/main/tokenizer.json"

RESULTS_REPO = "acme-ml/nightly-leaderboard-results"  # dataset repo we upload to
TASKS = ["text-generation", "summarization"]


class EvalSettings(BaseModel):
    judge_model: str = Field(default="Qwen/Qwen2.5-72B-Instruct", description="LLM-as-judge")
    judge_revision: str = "ad0952d"
    summarizer: str = "facebook/bart-large-cnn"
    max_new_tokens: int = 256
    prompts_file: Path = Path("eval/prompts/nightly.jsonl")


def load_candidate(model_id: str):
    tok = AutoTokenizer.from_pretrained(model_id)
    model = AutoModelForCausalLM.from_pretrained(model_id, torch_dtype="auto", device_map="auto")
    return tok, model


def load_judge(settings: EvalSettings):
    return pipeline(
        TASKS[0],
        model=settings.judge_model,
        revision=settings.judge_revision,
        device_map="auto",
    )


def olmo_candidate() -> str | None:
    size = os.environ.get("OLMO_SIZE")
    if not size:
        return None
    return f"allenai/OLMo-2-1124-{size}-Instruct"


def count_tokens(texts: list[str]) -> int:
    raw = requests.get(TOKENIZER_JSON_URL, timeout=30).text
    tok = Tokenizer.from_str(raw)
    return sum(len(tok.encode(t).ids) for t in texts)


def run(settings: EvalSettings) -> dict:
    prompts = [json.loads(line) for line in settings.prompts_file.read_text().splitlines()]
    models = list(CANDIDATES)
    extra = olmo_candidate()
    if extra:
        models.append(extra)
    judge = load_judge(settings)
    summarize = pipeline(TASKS[1], model=settings.summarizer)
    scores: dict[str, float] = {}
    for model_id in models:
        tok, model = load_candidate(model_id)
        total = 0.0
        for p in prompts:
            ids = tok.apply_chat_template(p["messages"], add_generation_prompt=True, return_tensors="pt")
            out = model.generate(ids.to(model.device), max_new_tokens=settings.max_new_tokens)
            answer = tok.decode(out[0, ids.shape[1]:], skip_special_tokens=True)
            short = summarize(answer, max_length=60)[0]["summary_text"]
            verdict = judge(f"Rate 1-10: {p['reference']}\n---\n{short}")[0]["generated_text"]
            total += float(verdict.strip().split()[-1])
        scores[model_id] = total / max(len(prompts), 1)
    return scores


if __name__ == "__main__":
    print(json.dumps(run(EvalSettings()), indent=2))
