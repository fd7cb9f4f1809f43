#!/bin/bash
accelerate launch --config_file configs/fsdp.yaml train_sft.py \
  --model_name_or_path meta-llama/Llama-3.1-8B \
  --tokenizer_name meta-llama/Llama-3.1-8B-Instruct \
  --dataset_name HuggingFaceH4/ultrachat_200k \
  --output_dir outputs/llama-sft \
  --hub_model_id acme-ai/llama-3.1-8b-sft \
  --push_to_hub \
  --learning_rate 2e-5

python -m lm_eval --model hf --tasks hellaswag --device cuda:0
python distill.py --teacher_model Qwen/Qwen2.5-32B-Instruct --student_model Qwen/Qwen2.5-1.5B
