"""Fake service used by the end-to-end tests: several loaders, one decoy."""

from datasets import load_dataset
from huggingface_hub import hf_hub_download, snapshot_download
from sentence_transformers import SentenceTransformer
from transformers import AutoModelForCausalLM, AutoTokenizer, pipeline
from vllm import LLM

CHAT = "Qwen/Qwen2.5-7B-Instruct"

tok = AutoTokenizer.from_pretrained(CHAT)
chat = AutoModelForCausalLM.from_pretrained(CHAT)
small = AutoModelForCausalLM.from_pretrained("Qwen/Qwen2.5-3B-Instruct", revision="main")
guard = pipeline("text-generation", model="meta-llama/Llama-3.1-8B-Instruct")
embedder = SentenceTransformer("sentence-transformers/all-MiniLM-L6-v2")
weights = hf_hub_download(repo_id="acme-corp/internal-model", filename="model.safetensors")
ghost = snapshot_download("nobody-here/vanished-model")
banned = AutoModelForCausalLM.from_pretrained("spam-org/disabled-model")
reasoner = LLM(model="deepseek-ai/DeepSeek-R1")
corpus = load_dataset("Qwen/not-a-model-dataset")
