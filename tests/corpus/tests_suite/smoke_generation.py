"""Smoke tests against tiny checkpoints."""

from __future__ import annotations

import pytest
from transformers import AutoModelForCausalLM, AutoTokenizer


@pytest.mark.parametrize(
    "model_id",
    [
        "hf-internal-testing/tiny-random-LlamaForCausalLM",
        "hf-internal-testing/tiny-random-MistralForCausalLM",
    ],
)
def test_generate(model_id: str) -> None:
    tok = AutoTokenizer.from_pretrained(model_id)
    model = AutoModelForCausalLM.from_pretrained(model_id)
    out = model.generate(**tok("hi", return_tensors="pt"), max_new_tokens=2)
    assert out.shape[-1] > 0


def test_tiny_gpt2() -> None:
    model = AutoModelForCausalLM.from_pretrained("sshleifer/tiny-gpt2")
    assert model.config.model_type == "gpt2"
