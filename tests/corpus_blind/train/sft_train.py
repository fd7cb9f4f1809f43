"""Supervised fine-tuning of an instruct model with LoRA, plus reward-model scoring."""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field

import torch
from datasets import load_dataset
from peft import LoraConfig
from transformers import (
    AutoModelForCausalLM,
    AutoModelForSequenceClassification,
    AutoTokenizer,
    HfArgumentParser,
    pipeline,
)
from trl import SFTConfig, SFTTrainer


@dataclass
class ModelArguments:
    model_name_or_path: str = field(default="meta-llama/Llama-3.1-8B-Instruct")
    use_flash_attention: bool = field(default=True)


@dataclass
class DataArguments:
    dataset_name: str = "HuggingFaceH4/ultrachat_200k"
    dataset_split: str = "train_sft"
    max_seq_length: int = 2048


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--model", default="mistralai/Mistral-7B-Instruct-v0.3")
    p.add_argument(
        "--reward-model",
        default="OpenAssistant/reward-model-deberta-v3-large-v2",
        help="scores generations after training",
    )
    p.add_argument("--dataset", default="tatsu-lab/alpaca")
    p.add_argument("--hub-model-id", default="acme-ai/mistral-7b-sft")
    p.add_argument("--output-dir", default="outputs/mistral-7b-sft")
    p.add_argument("--epochs", type=int, default=3)
    return p.parse_args()


def main() -> None:
    args = parse_args()
    model_args, data_args = HfArgumentParser((ModelArguments, DataArguments)).parse_dict({})

    tok = AutoTokenizer.from_pretrained(args.model)
    model = AutoModelForCausalLM.from_pretrained(args.model, torch_dtype=torch.bfloat16)
    teacher = AutoModelForCausalLM.from_pretrained(model_args.model_name_or_path)

    train_ds = load_dataset(args.dataset, split="train")
    chat_ds = load_dataset(data_args.dataset_name, split=data_args.dataset_split)
    eval_ds = load_dataset("openai/gsm8k", "main", split="test")

    cfg = SFTConfig(
        output_dir=args.output_dir,
        num_train_epochs=args.epochs,
        push_to_hub=True,
        hub_model_id=args.hub_model_id,
    )
    peft_cfg = LoraConfig(r=16, lora_alpha=32, target_modules=["q_proj", "v_proj"])
    trainer = SFTTrainer(model=model, args=cfg, train_dataset=train_ds, peft_config=peft_cfg)
    trainer.train()
    trainer.push_to_hub()
    model.push_to_hub("acme-ai/mistral-7b-sft-final")

    gen = pipeline("text-generation", model=model, tokenizer=tok)
    rm = AutoModelForSequenceClassification.from_pretrained(args.reward_model)
    rm_tok = AutoTokenizer.from_pretrained(args.reward_model)
    for row in eval_ds.select(range(8)):
        out = gen(row["question"], max_new_tokens=128)[0]["generated_text"]
        score = rm(**rm_tok(row["question"], out, return_tensors="pt")).logits[0]
        print(float(score))
    del teacher, chat_ds


if __name__ == "__main__":
    main()
