"""Benchmark embedding, vision and seq2seq checkpoints on small retrieval sets."""

from __future__ import annotations

import argparse

import open_clip
import timm
from datasets import load_dataset
from huggingface_hub import HfApi, hf_hub_download, snapshot_download
from sentence_transformers import SentenceTransformer
from transformers import AutoModelForCausalLM, T5ForConditionalGeneration

EMBEDDERS = {
    "minilm": "all-MiniLM-L6-v2",
    "mpnet": "sentence-transformers/all-mpnet-base-v2",
    "e5": "intfloat/e5-base-v2",
    "gte": "thenlper/gte-base",
}
SIZES = ["small", "base"]
T5_CHECKPOINTS = [f"google/t5-v1_1-{s}" for s in SIZES]
CLIP_MODEL = "hf-hub:laion/CLIP-ViT-B-32-laion2B-s34B-b79K"
BGE_M3_REV = "5617a9f"


def coder_id(size: str) -> str:
    return f"Qwen/Qwen2.5-Coder-{size}-Instruct"


def load_all(coder_size: str) -> None:
    for _key, name in EMBEDDERS.items():
        SentenceTransformer(name)
    for ckpt in T5_CHECKPOINTS:
        T5ForConditionalGeneration.from_pretrained(ckpt)
    AutoModelForCausalLM.from_pretrained(coder_id(coder_size))
    open_clip.create_model_and_transforms(CLIP_MODEL)
    timm.create_model("hf-hub:timm/vit_base_patch16_224.augreg2_in21k_ft_in1k", pretrained=True)
    hf_hub_download(repo_id="BAAI/bge-m3", filename="config.json", revision=BGE_M3_REV)
    snapshot_download("nvidia/NV-Embed-v2", allow_patterns=["*.json", "*.safetensors"])
    info = HfApi().model_info("Alibaba-NLP/gte-large-en-v1.5")
    print(info.sha)


def datasets() -> None:
    corpus = load_dataset("mteb/scifact", "corpus")
    queries = load_dataset("BeIR/nfcorpus", "queries")
    print(len(corpus), len(queries))


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--coder-size", default="1.5B", choices=["0.5B", "1.5B", "7B"])
    load_all(ap.parse_args().coder_size)
