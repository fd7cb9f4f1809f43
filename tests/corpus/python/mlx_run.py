"""Apple-silicon inference with mlx-lm."""

from __future__ import annotations

from mlx_lm import generate, load

model, tokenizer = load("mlx-community/Qwen2.5-7B-Instruct-4bit")
print(generate(model, tokenizer, prompt="hello", verbose=True))
