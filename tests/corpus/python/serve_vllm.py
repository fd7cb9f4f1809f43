"""Offline batch generation with vLLM."""

from __future__ import annotations

import sys

from vllm import LLM, SamplingParams
from vllm.engine.arg_utils import AsyncEngineArgs

MODEL = "meta-llama/Llama-3.1-8B-Instruct"
MODEL_REVISION = "0e9e39f249a16976918f6564b8830bc894c89659"

DRAFTS = {
    "small": "Qwen/Qwen2.5-0.5B-Instruct",
    "large": "Qwen/Qwen2.5-1.5B-Instruct",
}


def offline() -> None:
    llm = LLM(model=MODEL, revision=MODEL_REVISION, tensor_parallel_size=2)
    params = SamplingParams(temperature=0.7, max_tokens=256)
    print(llm.generate(["Hello"], params))


def engine(size: str) -> AsyncEngineArgs:
    return AsyncEngineArgs(
        model="mistralai/Mistral-7B-Instruct-v0.3",
        speculative_model=DRAFTS[size],
        served_model_name=["chat"],
    )


def big() -> LLM:
    return LLM("Qwen/Qwen2.5-72B-Instruct", tokenizer_mode="auto")


if __name__ == "__main__":
    offline() if len(sys.argv) < 2 else engine(sys.argv[1])
