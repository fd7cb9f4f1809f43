"""Run quantised GGUF models on CPU with llama-cpp-python."""

from __future__ import annotations

from huggingface_hub import hf_hub_download
from llama_cpp import Llama

REPO = "bartowski/Meta-Llama-3.1-8B-Instruct-GGUF"
PINNED = "9a8dec50f04fa8fad1dc1e7bc20a84a512e2bb01"


def from_hub() -> Llama:
    return Llama.from_pretrained(repo_id=REPO, filename="*Q4_K_M.gguf", verbose=False)


def pinned() -> Llama:
    path = hf_hub_download(
        "TheBloke/Llama-2-7B-Chat-GGUF",
        "llama-2-7b-chat.Q4_K_M.gguf",
        revision=PINNED,
    )
    return Llama(model_path=path, n_ctx=4096)


def local() -> Llama:
    return Llama(model_path="./models/qwen2.5-7b-instruct-q4_k_m.gguf", n_gpu_layers=-1)
