"""Merge a LoRA adapter into its base model and save the result."""

from __future__ import annotations

from peft import AutoPeftModelForCausalLM, PeftModel
from transformers import AutoModelForCausalLM

BASE_MODEL = "meta-llama/Llama-2-7b-chat-hf"
ADAPTER = "tloen/alpaca-lora-7b"
OUTPUT_DIR = "merged/llama2-alpaca"


def merge() -> None:
    base = AutoModelForCausalLM.from_pretrained(BASE_MODEL, device_map="auto")
    model = PeftModel.from_pretrained(base, ADAPTER)
    merged = model.merge_and_unload()
    merged.save_pretrained(OUTPUT_DIR)
    merged.push_to_hub("acme-ai/llama2-alpaca-merged", private=True)


def auto() -> None:
    model = AutoPeftModelForCausalLM.from_pretrained("ybelkada/opt-350m-lora")
    model.save_pretrained("./merged/opt")


def local_reload() -> AutoModelForCausalLM:
    return AutoModelForCausalLM.from_pretrained("./merged/llama2-alpaca")
