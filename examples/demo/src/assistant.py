"""A small chat assistant: generators, a ticket classifier, an embedder and a reranker."""

from sentence_transformers import CrossEncoder, SentenceTransformer
from transformers import AutoModelForCausalLM, AutoTokenizer

CHAT_MODEL = "Qwen/Qwen2.5-7B-Instruct"
CHAT_REVISION = "4389dded8f61595bd731e13a9626a1a954b9c298"


def load_chat():
    tokenizer = AutoTokenizer.from_pretrained(CHAT_MODEL, revision=CHAT_REVISION)
    model = AutoModelForCausalLM.from_pretrained(CHAT_MODEL, revision=CHAT_REVISION)
    return tokenizer, model


def load_small_chat():
    # Cheaper fallback for CPU boxes; note: not pinned.
    return AutoModelForCausalLM.from_pretrained("Qwen/Qwen2.5-3B-Instruct")


def load_classifier():
    # Reviewed at v1.0 and pinned to that commit.
    return AutoModelForCausalLM.from_pretrained(
        "fixture-org/drifting-model", revision="eae16031de8f27029cc71a77ad881390f1f1c041"
    )


def load_retrieval():
    embedder = SentenceTransformer("sentence-transformers/all-MiniLM-L6-v2")
    reranker = CrossEncoder("cross-encoder/ms-marco-MiniLM-L-6-v2")
    return embedder, reranker
