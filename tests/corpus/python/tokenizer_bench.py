"""Compare tokenizer fertility across model families."""

from __future__ import annotations

import time

from transformers import AutoTokenizer

TOKENIZERS = [
    "meta-llama/Llama-3.1-8B",
    "mistralai/Mistral-7B-v0.3",
    "google/gemma-2-2b",
    "Qwen/Qwen2.5-7B",
    "microsoft/Phi-3.5-mini-instruct",
    "tiiuae/falcon-7b",
    "bigscience/bloom-560m",
    "EleutherAI/pythia-1b",
    "allenai/OLMo-2-1124-7B",
    "deepseek-ai/DeepSeek-V2-Lite",
]
SAMPLE = "The quick brown fox jumps over the lazy dog. " * 100


def main() -> None:
    for name in TOKENIZERS:
        tok = AutoTokenizer.from_pretrained(name)
        start = time.perf_counter()
        ids = tok(SAMPLE)["input_ids"]
        print(name, len(ids), time.perf_counter() - start)


if __name__ == "__main__":
    main()
