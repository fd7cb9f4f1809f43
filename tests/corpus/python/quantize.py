"""Produce AWQ and GPTQ quantisations of our base model."""

from __future__ import annotations

from auto_gptq import AutoGPTQForCausalLM
from awq import AutoAWQForCausalLM
from transformers import AutoTokenizer, BitsAndBytesConfig

SOURCE_MODEL = "mistralai/Mistral-7B-Instruct-v0.2"
QUANT_PATH = "quantized/mistral-7b-awq"


def awq() -> None:
    model = AutoAWQForCausalLM.from_pretrained(SOURCE_MODEL)
    tokenizer = AutoTokenizer.from_pretrained(SOURCE_MODEL, trust_remote_code=True)
    model.quantize(tokenizer, quant_config={"w_bit": 4, "q_group_size": 128})
    model.save_quantized(QUANT_PATH)


def load_prequantized() -> None:
    AutoAWQForCausalLM.from_quantized("TheBloke/Mistral-7B-Instruct-v0.2-AWQ", fuse_layers=True)
    AutoGPTQForCausalLM.from_quantized("TheBloke/Llama-2-13B-chat-GPTQ", device="cuda:0")


def nf4() -> BitsAndBytesConfig:
    return BitsAndBytesConfig(load_in_4bit=True, bnb_4bit_quant_type="nf4")
