"""Supervised fine-tuning entry point (TRL SFTTrainer)."""

from dataclasses import dataclass, field
from typing import Optional

from datasets import load_dataset
from peft import LoraConfig
from transformers import AutoModelForCausalLM, AutoTokenizer, HfArgumentParser
from trl import SFTConfig, SFTTrainer


@dataclass
class ScriptArguments:
    model_name_or_path: str = field(
        default="meta-llama/Llama-3.1-8B-Instruct",
        metadata={"help": "Base checkpoint to fine-tune."},
    )
    tokenizer_name: Optional[str] = field(
        default=None, metadata={"help": "Defaults to model_name_or_path."}
    )
    model_revision: str = field(default="987c6048a5ec8878a7a84e2b3a204d30fd449037")
    dataset_name: str = field(default="HuggingFaceH4/ultrachat_200k")
    dataset_split: str = "train_sft"
    eval_dataset_name: str = "openbmb/UltraFeedback"
    push_to: str = "acme-ml/llama-3.1-8b-support-sft"
    use_lora: bool = True


def main() -> None:
    parser = HfArgumentParser((ScriptArguments, SFTConfig))
    args, sft_config = parser.parse_args_into_dataclasses()

    tokenizer = AutoTokenizer.from_pretrained(
        args.tokenizer_name or args.model_name_or_path,
        revision=args.model_revision,
    )
    tokenizer.pad_token = tokenizer.eos_token

    model = AutoModelForCausalLM.from_pretrained(
        args.model_name_or_path,
        revision=args.model_revision,
        torch_dtype="bfloat16",
        attn_implementation="flash_attention_2",
    )

    train_ds = load_dataset(args.dataset_name, split=args.dataset_split)
    eval_ds = load_dataset(args.eval_dataset_name, split="train[:500]")

    peft_config = None
    if args.use_lora:
        peft_config = LoraConfig(
            r=16,
            lora_alpha=32,
            lora_dropout=0.05,
            target_modules=["q_proj", "k_proj", "v_proj", "o_proj"],
            task_type="CAUSAL_LM",
        )

    sft_config.hub_model_id = args.push_to
    trainer = SFTTrainer(
        model=model,
        args=sft_config,
        train_dataset=train_ds,
        eval_dataset=eval_ds,
        processing_class=tokenizer,
        peft_config=peft_config,
    )
    trainer.train()
    trainer.save_model(sft_config.output_dir)
    trainer.push_to_hub(dataset_name=args.dataset_name)


if __name__ == "__main__":
    main()
