"""Supervised fine-tuning entry point (TRL + PEFT)."""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field

from datasets import load_dataset
from peft import LoraConfig
from transformers import AutoModelForCausalLM, AutoTokenizer, HfArgumentParser
from trl import SFTConfig, SFTTrainer


@dataclass
class ModelArguments:
    model_name_or_path: str = field(
        default="Qwen/Qwen2.5-7B-Instruct",
        metadata={"help": "Base model to fine-tune."},
    )
    tokenizer_name: str = field(default="Qwen/Qwen2.5-7B-Instruct")
    model_revision: str = field(default="main")


@dataclass
class DataArguments:
    dataset_name: str = field(default="HuggingFaceH4/ultrachat_200k")
    dataset_config: str = "default"


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    parser.add_argument("--output_dir", default="outputs/qwen-sft")
    parser.add_argument("--hub_model_id", default="acme-ai/qwen2.5-7b-sft")
    parser.add_argument("--reward_model", default="OpenAssistant/reward-model-deberta-v3-large-v2")
    return parser.parse_args()


def main() -> None:
    hf_parser = HfArgumentParser((ModelArguments, DataArguments))
    model_args, data_args = hf_parser.parse_args_into_dataclasses()
    args = parse()
    dataset = load_dataset(data_args.dataset_name, split="train_sft")
    tokenizer = AutoTokenizer.from_pretrained(model_args.tokenizer_name)
    model = AutoModelForCausalLM.from_pretrained(
        model_args.model_name_or_path,
        torch_dtype="auto",
    )
    trainer = SFTTrainer(
        model=model,
        args=SFTConfig(output_dir=args.output_dir, hub_model_id=args.hub_model_id),
        train_dataset=dataset,
        processing_class=tokenizer,
        peft_config=LoraConfig(r=16, target_modules="all-linear"),
    )
    trainer.train()
    trainer.push_to_hub("acme-ai/qwen2.5-7b-sft")


if __name__ == "__main__":
    main()
