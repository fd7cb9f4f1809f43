#!/usr/bin/env bash
# Fetch every model the stack needs into ./models (run once per machine).
set -euo pipefail

export HF_HUB_ENABLE_HF_TRANSFER=1
export BASE_MODEL="meta-llama/Llama-3.2-3B-Instruct"

huggingface-cli download "$BASE_MODEL" --local-dir models/base
hf download Qwen/Qwen2.5-VL-7B-Instruct --revision main --local-dir models/qwen-vl
huggingface-cli download TheBloke/Mistral-7B-Instruct-v0.2-GGUF mistral-7b-instruct-v0.2.Q4_K_M.gguf --local-dir models/

# Training data and the upload of our fine-tune.
huggingface-cli download --repo-type dataset HuggingFaceH4/no_robots --local-dir data/no_robots
huggingface-cli upload acme-ai/llama-3.2-3b-sft ./outputs/final

ollama pull nomic-embed-text
ollama run mistral:7b-instruct "say ok"

for m in "openai/clip-vit-large-patch14" "laion/CLIP-ViT-H-14-laion2B-s32B-b79K"; do
  huggingface-cli download "$m" --local-dir "models/$(basename "$m")"
done

docker run --gpus all -p 8080:80 -v "$PWD/models:/data" \
  ghcr.io/huggingface/text-generation-inference:latest \
  --model-id HuggingFaceTB/SmolLM2-1.7B-Instruct
