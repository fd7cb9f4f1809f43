#!/bin/sh
vllm serve mistralai/Mistral-7B-Instruct-v0.3 --port 8000
