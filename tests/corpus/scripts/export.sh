#!/usr/bin/env bash
set -euo pipefail
optimum-cli export onnx --model distilbert-base-uncased-finetuned-sst-2-english onnx/sst2/
python -m sglang.launch_server --model-path meta-llama/Llama-3.2-1B-Instruct --port 30000
mlx_lm.convert --hf-path mistralai/Mistral-7B-Instruct-v0.3 -q --upload-repo acme-ai/mistral-4bit-mlx
python -m mlx_lm.generate --model mlx-community/Llama-3.2-3B-Instruct-4bit --prompt "hi"
