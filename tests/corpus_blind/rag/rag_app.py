"""Retrieval-augmented QA over the docs folder (see https://github.com/langchain-ai/langchain)."""

from __future__ import annotations

from datasets import load_dataset
from langchain_community.vectorstores import FAISS
from langchain_core.prompts import ChatPromptTemplate
from langchain_huggingface import HuggingFaceEmbeddings, HuggingFaceEndpoint, HuggingFacePipeline
from llama_index.embeddings.huggingface import HuggingFaceEmbedding
from llama_index.llms.huggingface import HuggingFaceLLM

embeddings = HuggingFaceEmbeddings(
    model_name="sentence-transformers/all-mpnet-base-v2",
    model_kwargs={"device": "cpu"},
)

local_llm = HuggingFacePipeline.from_model_id(
    model_id="microsoft/Phi-3-mini-4k-instruct",
    task="text-generation",
    pipeline_kwargs={"max_new_tokens": 512},
)

remote_llm = HuggingFaceEndpoint(repo_id="HuggingFaceH4/zephyr-7b-beta", max_new_tokens=512)

# LlamaIndex variant used by the eval notebook.
li_embed = HuggingFaceEmbedding(model_name="BAAI/bge-base-en-v1.5")
li_llm = HuggingFaceLLM(
    model_name="meta-llama/Llama-3.2-3B-Instruct",
    tokenizer_name="meta-llama/Llama-3.2-3B-Instruct",
    context_window=8192,
)

PROMPT = ChatPromptTemplate.from_template(
    "Answer using only this context:\n{context}\n\nQuestion: {question}"
)


def build_index() -> FAISS:
    squad = load_dataset("rajpurkar/squad_v2", split="validation[:500]")
    texts = list({row["context"] for row in squad})
    return FAISS.from_texts(texts, embeddings)


def answer(question: str, index: FAISS) -> str:
    docs = index.similarity_search(question, k=4)
    context = "\n\n".join(d.page_content for d in docs)
    chain = PROMPT | local_llm
    return chain.invoke({"context": context, "question": question})
