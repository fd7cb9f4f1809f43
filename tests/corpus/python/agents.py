"""Tool-using agents built on smolagents and LlamaIndex."""

from __future__ import annotations

from llama_index.core import Settings
from llama_index.embeddings.huggingface import HuggingFaceEmbedding
from llama_index.embeddings.ollama import OllamaEmbedding
from llama_index.llms.huggingface import HuggingFaceLLM
from llama_index.llms.ollama import Ollama
from smolagents import CodeAgent, HfApiModel, LiteLLMModel, TransformersModel

coder = CodeAgent(tools=[], model=HfApiModel("Qwen/Qwen2.5-Coder-32B-Instruct"))
local = TransformersModel(model_id="HuggingFaceTB/SmolLM2-1.7B-Instruct", max_new_tokens=512)
remote = LiteLLMModel(model_id="anthropic/claude-3-5-sonnet-latest")

Settings.embed_model = HuggingFaceEmbedding(model_name="BAAI/bge-small-en-v1.5")
Settings.llm = HuggingFaceLLM(
    model_name="HuggingFaceH4/zephyr-7b-beta",
    tokenizer_name="HuggingFaceH4/zephyr-7b-beta",
    context_window=3900,
)


def offline_stack() -> None:
    Settings.llm = Ollama(model="llama3.2", request_timeout=60.0)
    Settings.embed_model = OllamaEmbedding(model_name="nomic-embed-text")
