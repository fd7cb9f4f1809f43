#!/bin/sh
# Local CPU inference
llama-server -hf bartowski/Qwen2.5-7B-Instruct-GGUF:Q4_K_M --port 8080 &
llama-cli --hf-repo unsloth/Qwen3.5-2B-GGUF --hf-file model-q8_0.gguf -p "hello"
ollama pull llama3.2:3b
ollama run qwen2.5-coder:7b "write a haiku"
ollama run hf.co/bartowski/gemma-2-9b-it-GGUF:Q4_K_M
ollama create support-bot -f ollama/Modelfile
docker run -d -v ollama:/root/.ollama -p 11434:11434 ollama/ollama
