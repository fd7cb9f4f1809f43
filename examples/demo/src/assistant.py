"""A small chat assistant: one generator, one embedder, one reranker."""

from sentence_transformers import CrossEncoder, SentenceTransformer
from transformers import AutoModelForCausalLM, AutoTokenizer

CHAT_MODEL = "Qwen/Qwen2.5-7B-Instruct"
CHAT_REVISION = "a09a35458c702b33eeacc393d103063234e8bc28"


def load_chat():
    tokenizer = AutoTokenizer.from_pretrained(CHAT_MODEL, revision=CHAT_REVISION)
    model = AutoModelForCausalLM.from_pretrained(CHAT_MODEL, revision=CHAT_REVISION)
    return tokenizer, model


def load_small_chat():
    # Cheaper fallback for CPU boxes; note: not pinned.
    return AutoModelForCausalLM.from_pretrained("Qwen/Qwen2.5-3B-Instruct")


def load_retrieval():
    embedder = SentenceTransformer("sentence-transformers/all-MiniLM-L6-v2")
    reranker = CrossEncoder("cross-encoder/ms-marco-MiniLM-L-6-v2")
    return embedder, reranker
