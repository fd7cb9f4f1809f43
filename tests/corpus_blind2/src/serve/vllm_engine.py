"""Async vLLM engine wrapper used by the chat gateway."""

import argparse
import asyncio
import os
import uuid

from vllm import AsyncEngineArgs, AsyncLLMEngine, SamplingParams

# Pinned so rollouts are reproducible; bump together with the model.
DEFAULT_MODEL = "Qwen/Qwen2.5-7B-Instruct"
DEFAULT_REVISION = "ff8bf97887eceb58c285e29b9b6de03cfad97502"

# Draft model for speculative decoding (same tokenizer family).
DRAFT_MODEL = "Qwen/Qwen2.5-0.5B-Instruct"

# Public name exposed through the OpenAI-compatible API.
SERVED_NAME = "acme/chat-default"

QUANTIZED_VARIANTS = {
    "awq": "Qwen/Qwen2.5-7B-Instruct-AWQ",
    "gptq": "Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4",
}


def build_engine(model: str, revision: str | None, quant: str | None, tp: int) -> AsyncLLMEngine:
    if quant:
        model = QUANTIZED_VARIANTS[quant]
        revision = None
    engine_args = AsyncEngineArgs(
        model=model,
        revision=revision,
        tokenizer_mode="auto",
        tensor_parallel_size=tp,
        gpu_memory_utilization=float(os.getenv("GPU_MEM_UTIL", "0.90")),
        max_model_len=32768,
        speculative_config={"model": DRAFT_MODEL, "num_speculative_tokens": 4},
        served_model_name=[SERVED_NAME],
        quantization=quant,
    )
    return AsyncLLMEngine.from_engine_args(engine_args)


async def smoke_test(engine: AsyncLLMEngine) -> str:
    params = SamplingParams(temperature=0.0, max_tokens=32)
    request_id = str(uuid.uuid4())
    final = None
    async for out in engine.generate("Say hello.", params, request_id):
        final = out
    return final.outputs[0].text


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser()
    p.add_argument("--model", default=DEFAULT_MODEL)
    p.add_argument("--revision", default=DEFAULT_REVISION)
    p.add_argument("--quantization", choices=sorted(QUANTIZED_VARIANTS), default=None)
    p.add_argument("--tensor-parallel-size", type=int, default=1)
    p.add_argument("--chat-template", default="templates/chatml.jinja")
    return p.parse_args()


if __name__ == "__main__":
    args = parse_args()
    eng = build_engine(args.model, args.revision, args.quantization, args.tensor_parallel_size)
    print(asyncio.run(smoke_test(eng)))
