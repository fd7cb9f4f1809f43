#!/bin/sh
huggingface-cli download mistralai/Mistral-7B-Instruct-v0.3
