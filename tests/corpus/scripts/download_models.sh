#!/usr/bin/env bash
# Pre-fetch every model the service needs into the shared cache.
set -euo pipefail

CACHE_DIR=${HF_HOME:-/mnt/hf}

huggingface-cli download meta-llama/Llama-3.2-3B-Instruct \
  --revision 0cb88a4f764b7a12671c53f0838cd831a0843b95 \
  --local-dir "$CACHE_DIR/llama-3.2-3b"
hf download sentence-transformers/all-MiniLM-L6-v2 --exclude "*.onnx"
hf download nvidia/Llama-3.1-Nemotron-70B-Instruct-HF config.json tokenizer.json
hf download HuggingFaceH4/ultrafeedback_binarized --repo-type dataset
huggingface-cli download --repo-type=dataset lmsys/lmsys-chat-1m
huggingface-cli upload acme-ai/cache-manifest ./manifest.json
for m in Qwen/Qwen2.5-0.5B Qwen/Qwen2.5-1.5B; do
  echo "skipping $m"
done
