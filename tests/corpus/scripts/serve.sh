#!/usr/bin/env bash
set -e
MODEL_NAME="${MODEL_NAME:-Qwen/Qwen2.5-14B-Instruct}"
DRAFT_MODEL=Qwen/Qwen2.5-0.5B-Instruct
PORT=8000

vllm serve "$MODEL_NAME" \
  --served-model-name assistant \
  --speculative-model "$DRAFT_MODEL" \
  --port "$PORT" \
  --max-model-len 32768
