#!/usr/bin/env bash
# Pre-fetch weights for the offline appliance build.
set -euo pipefail
huggingface-cli download mistralai/Mistral-7B-Instruct-v0.3 --revision main
hf download google/gemma-2-9b-it
hf download example-quants/Qwen2.5-3B-Instruct-GGUF Qwen2.5-3B-Instruct-Q4_K_M.gguf
