"""Offline batch jobs over the ticket archive: tagging, sentiment, NER, summaries."""

import os

from datasets import load_dataset
from transformers import pipeline
from vllm import LLM, SamplingParams

ZERO_SHOT = "facebook/bart-large-mnli"
SENTIMENT = "cardiffnlp/twitter-roberta-base-sentiment-latest"
NER_MODEL = "dslim/bert-base-NER"
TICKETS = "bitext/Bitext-customer-support-llm-chatbot-training-dataset"

LABELS = ["billing", "bug", "feature request", "account access"]


def llama_repo(size: str) -> str:
    # Size comes from the job spec at runtime (8B for nightly, 70B for backfills).
    return f"meta-llama/Llama-3.1-{size}-Instruct"


def tagger():
    return pipeline("zero-shot-classification", model=ZERO_SHOT, device=0)


def sentiment():
    return pipeline(task="sentiment-analysis", model=SENTIMENT, top_k=None)


def ner():
    return pipeline("token-classification", model=NER_MODEL, aggregation_strategy="simple")


def legacy_embedder():
    # Kept for parity with the 2022 index; do not change without re-indexing.
    return pipeline("feature-extraction", model="bert-base-uncased")


def summarizer(size: str) -> LLM:
    return LLM(
        model=llama_repo(size),
        tensor_parallel_size=int(os.getenv("TP", "1")),
        max_model_len=8192,
    )


def main():
    size = os.environ["LLAMA_SIZE"]
    ds = load_dataset(TICKETS, split="train[:2000]")
    tag = tagger()
    llm = summarizer(size)
    params = SamplingParams(temperature=0.0, max_tokens=96)
    texts = ds["instruction"]
    tags = [tag(t, candidate_labels=LABELS)["labels"][0] for t in texts]
    outs = llm.generate([f"Summarize the ticket:\n{t}" for t in texts], params)
    for t, o in zip(tags, outs):
        print(t, "|", o.outputs[0].text.strip())


if __name__ == "__main__":
    main()
