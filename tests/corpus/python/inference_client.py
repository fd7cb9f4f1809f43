"""Calls hosted inference: HF Inference Providers and our vLLM gateway."""

from __future__ import annotations

from huggingface_hub import InferenceClient
from openai import OpenAI

hf = InferenceClient(model="HuggingFaceH4/zephyr-7b-beta", timeout=30)
gateway = OpenAI(base_url="http://vllm:8000/v1", api_key="none")
vendor = OpenAI()


def summarize(text: str) -> str:
    out = hf.chat_completion(
        messages=[{"role": "user", "content": text}],
        model="meta-llama/Llama-3.3-70B-Instruct",
    )
    return out.choices[0].message.content


def local_chat(prompt: str) -> str:
    response = gateway.chat.completions.create(
        model="Qwen/Qwen2.5-7B-Instruct",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


def vendor_chat(prompt: str) -> str:
    response = vendor.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": prompt}],
    )
    return response.choices[0].message.content


def embed(texts: list[str]) -> list[list[float]]:
    return hf.feature_extraction(texts, model="sentence-transformers/all-MiniLM-L12-v2")
