"""Older scripts still load canonical (namespace-less) checkpoints."""

from __future__ import annotations

from transformers import (
    AutoModelForMaskedLM,
    AutoTokenizer,
    GPT2LMHeadModel,
    T5ForConditionalGeneration,
)

tokenizer = AutoTokenizer.from_pretrained("bert-base-uncased")
masked = AutoModelForMaskedLM.from_pretrained("roberta-base")
gpt = GPT2LMHeadModel.from_pretrained("gpt2-medium")
t5 = T5ForConditionalGeneration.from_pretrained("t5-small")

DEVICE = "cuda"
OUTPUT = "output"
MODEL_TYPE = "gpt2"
