#!/usr/bin/env bash
# Launch the local inference stack for development.
#   ./scripts/serve.sh [vllm|tgi|llamacpp|ollama]
set -euo pipefail

MODEL="${MODEL:-Qwen/Qwen2.5-7B-Instruct}"
export EMBED_MODEL_ID="intfloat/e5-base-v2"
export HF_HOME="${HF_HOME:-$HOME/.cache/huggingface}"
PORT=${PORT:-8000}

backend="${1:-vllm}"

case "$backend" in
  vllm)
    vllm serve "$MODEL" \
      --served-model-name local-chat \
      --max-model-len 16384 \
      --port "$PORT" &
    ;;
  tgi)
    text-generation-launcher --model-id HuggingFaceTB/SmolLM2-360M-Instruct --port "$PORT" &
    ;;
  llamacpp)
    llama-server -hf ggml-org/gemma-3-4b-it-GGUF:Q4_K_M --port "$PORT" -c 8192 &
    ;;
  ollama)
    ollama pull llama3.1:8b
    ollama run llama3.1:8b "warmup" >/dev/null
    ;;
  *)
    echo "usage: $0 [vllm|tgi|llamacpp|ollama]" >&2
    exit 1
    ;;
esac

# Embeddings server (TEI) - always on
docker run -d --rm --gpus all -p 8081:80 \
  -v "$HF_HOME:/data" \
  ghcr.io/huggingface/text-embeddings-inference:1.5 \
  --model-id "$EMBED_MODEL_ID"

# Speech: CTranslate2 whisper weights are cloned once for the transcription worker.
if [[ ! -d ./models/faster-whisper ]]; then
  git clone https://huggingface.co/Systran/faster-whisper-large-v3 ./models/faster-whisper
fi

# Optional: pre-pull a GGUF quant for offline laptops
if [[ "${PREFETCH_GGUF:-0}" == "1" ]]; then
  hf download unsloth/Llama-3.2-3B-Instruct-GGUF Llama-3.2-3B-Instruct-Q4_K_M.gguf --local-dir ./models/gguf
fi

echo "see https://github.com/acme-ml/docs-assistant/wiki/dev-stack for troubleshooting"
wait
