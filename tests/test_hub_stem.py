"""Family stems: a repo name without its size and variant suffixes (pure string work)."""

from __future__ import annotations

import pytest

from licheck.hub import family_stem
from licheck.hub.stem import same_family


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("Qwen2.5-7B-Instruct", "Qwen2.5"),
        ("Qwen/Qwen2.5-72B", "Qwen2.5"),
        ("Qwen2.5-3B-Instruct-GGUF", "Qwen2.5"),
        ("Qwen2.5-7B-Instruct-Q4_K_M", "Qwen2.5"),
        ("Qwen3-235B-A22B", "Qwen3"),
        ("Llama-3.1-8B-Instruct", "Llama-3.1"),
        ("Meta-Llama-3.1-8B-Instruct-GGUF", "Meta-Llama-3.1"),
        ("llama-3.1-8b-support-ft", "llama-3.1"),
        ("Llama-4-Scout-17B-16E-Instruct", "Llama-4-Scout"),
        ("Mistral-7B-Instruct-v0.3", "Mistral"),
        ("Mixtral-8x7B-Instruct-v0.1", "Mixtral"),
        ("Mistral-Large-Instruct-2407", "Mistral"),
        ("gemma-2-9b-it", "gemma-2"),
        ("DeepSeek-R1-Distill-Qwen-7B", "DeepSeek-R1"),
        ("DeepSeek-V3-0324", "DeepSeek-V3"),  # upper-case V3 is a model name, not a revision
        ("Phi-3-mini-4k-instruct", "Phi-3"),
        ("stable-diffusion-3-medium", "stable-diffusion-3"),
        ("stable-diffusion-v1-5", "stable-diffusion"),
        ("c4ai-command-r-v01", "c4ai-command-r"),
        ("all-MiniLM-L6-v2", "all-MiniLM-L6"),
        ("bge-small-en-v1.5", "bge"),
        ("bert-base-uncased", "bert"),
        ("gpt2", "gpt2"),
        ("drifting-model", "drifting-model"),
        ("7B-chat", "7B"),  # the first token always stays
    ],
)
def test_family_stem(name: str, stem: str) -> None:
    assert family_stem(name) == stem


@pytest.mark.parametrize(
    ("stem", "other", "member"),
    [
        ("Qwen2.5", "Qwen/Qwen2.5-3B", True),
        ("Qwen2", "Qwen/Qwen2.5-3B", False),  # the Hub's substring search finds it; not family
        ("Qwen2", "Qwen2-72B-Instruct", True),
        ("Llama-3.1", "Meta-Llama-3.1-8B-Instruct", True),  # a publisher prefix is allowed
        ("Llama-3.1", "Llama-3.2-1B", False),
        ("qwen2.5", "Qwen2.5-7B", True),
    ],
)
def test_same_family(stem: str, other: str, member: bool) -> None:
    assert same_family(stem, other) is member
