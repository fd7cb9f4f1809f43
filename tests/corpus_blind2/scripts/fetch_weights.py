#!/usr/bin/env python
"""Pre-fetch model weights into the shared cache before the job starts."""

import argparse
import os

from huggingface_hub import hf_hub_download, snapshot_download
from llama_cpp import Llama

CACHE_DIR = os.environ.get("HF_HOME", "/mnt/hf-cache")

GGUF_REPO = "bartowski/Meta-Llama-3.1-8B-Instruct-GGUF"
GGUF_FILE = "Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf"

# Filled in from --coder-size at runtime (1.5B, 7B, 14B, 32B ...).
CODER_TEMPLATE = "Qwen/Qwen2.5-Coder-{size}-Instruct"

SNAPSHOTS = [
    ("intfloat/multilingual-e5-large-instruct", "main"),
    ("BAAI/bge-reranker-large", "fa0fdeb858e813db85e8a05ab27e09648dd35257"),
    ("microsoft/Phi-3.5-mini-instruct", "refs/pr/3"),  # PR with the long-rope fix
]


def fetch_gguf() -> str:
    return hf_hub_download(repo_id=GGUF_REPO, filename=GGUF_FILE, cache_dir=CACHE_DIR)


def fetch_tokenizer_only(repo_id: str) -> str:
    return snapshot_download(
        repo_id=repo_id, allow_patterns=["tokenizer*", "*.json"], cache_dir=CACHE_DIR
    )


def fetch_snapshots() -> None:
    for repo_id, revision in SNAPSHOTS:
        snapshot_download(repo_id=repo_id, revision=revision, cache_dir=CACHE_DIR)


def warm_llama_cpp() -> Llama:
    return Llama.from_pretrained(
        repo_id="TheBloke/Mistral-7B-Instruct-v0.2-GGUF",
        filename="mistral-7b-instruct-v0.2.Q5_K_M.gguf",
        n_ctx=4096,
        verbose=False,
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--coder-size", default=os.getenv("CODER_SIZE"), help="e.g. 1.5B, 7B, 14B")
    parser.add_argument("--skip-gguf", action="store_true")
    args = parser.parse_args()

    if not args.skip_gguf:
        print("gguf:", fetch_gguf())
        warm_llama_cpp()
    fetch_snapshots()
    if args.coder_size:
        repo = CODER_TEMPLATE.format(size=args.coder_size)
        fetch_tokenizer_only(repo)
    # Evaluation data is mirrored alongside the weights.
    snapshot_download(repo_id="openai/openai_humaneval", repo_type="dataset", cache_dir=CACHE_DIR)


if __name__ == "__main__":
    main()
