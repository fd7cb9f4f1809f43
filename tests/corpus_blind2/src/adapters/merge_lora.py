#!/usr/bin/env python
"""Merge a LoRA adapter into its base model and save a standalone checkpoint."""

import argparse

import torch
from peft import PeftModel
from transformers import AutoModelForCausalLM, AutoTokenizer

BASE_MODEL = "mistralai/Mistral-Nemo-Instruct-2407"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base", default=BASE_MODEL)
    parser.add_argument(
        "--adapter",
        default="acme-ml/mistral-nemo-ticket-triage-lora",
        help="Adapter repo id or local directory.",
    )
    parser.add_argument("--adapter-revision", default="v1.2")
    parser.add_argument("--output", default="merged/mistral-nemo-triage")
    parser.add_argument("--push-to", default="acme-ml/mistral-nemo-ticket-triage-merged")
    parser.add_argument("--dtype", default="bfloat16", choices=["float16", "bfloat16"])
    return parser.parse_args()


def main():
    args = parse_args()
    dtype = getattr(torch, args.dtype)
    base = AutoModelForCausalLM.from_pretrained(args.base, torch_dtype=dtype, device_map="cpu")
    tokenizer = AutoTokenizer.from_pretrained(args.base)

    model = PeftModel.from_pretrained(base, args.adapter, revision=args.adapter_revision)
    model = model.merge_and_unload()

    model.save_pretrained(args.output, safe_serialization=True, max_shard_size="5GB")
    tokenizer.save_pretrained(args.output)
    if args.push_to:
        model.push_to_hub(args.push_to, private=True)
        tokenizer.push_to_hub(args.push_to, private=True)


if __name__ == "__main__":
    main()
