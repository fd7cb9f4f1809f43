"""Evaluate a grid of open models on the internal benchmark."""

from __future__ import annotations

from transformers import AutoModelForCausalLM, AutoTokenizer, pipeline

SIZES = ["0.5B", "3B", "7B"]
CANDIDATES = [
    "google/gemma-2-9b-it",
    "microsoft/phi-4",
    "01-ai/Yi-34B",
]
JUDGES = {"primary": "Qwen/Qwen2.5-72B-Instruct", "secondary": "meta-llama/Llama-3.3-70B-Instruct"}
RESULTS_REPO = "acme-ai/eval-results"


def qwen_family() -> None:
    for size in SIZES:
        name = f"Qwen/Qwen2.5-{size}-Instruct"
        AutoModelForCausalLM.from_pretrained(name)


def coder(size: str) -> None:
    AutoModelForCausalLM.from_pretrained(f"Qwen/Qwen2.5-Coder-{size}-Instruct")


def candidates() -> None:
    for repo in CANDIDATES:
        tokenizer = AutoTokenizer.from_pretrained(repo)
        AutoModelForCausalLM.from_pretrained(repo, tokenizer=tokenizer)


def judge(kind: str) -> None:
    pipe = pipeline("text-generation", model=JUDGES[kind])
    classifier = pipeline("zero-shot-classification")
    print(pipe, classifier, RESULTS_REPO)
