"""Document understanding with vision-language models."""

from __future__ import annotations

from transformers import (
    AutoProcessor,
    LlavaNextForConditionalGeneration,
    LlavaNextProcessor,
    Qwen2VLForConditionalGeneration,
)

QWEN_VL = "Qwen/Qwen2-VL-7B-Instruct"


class DocReader:
    llava_repo = "llava-hf/llava-v1.6-mistral-7b-hf"

    def __init__(self) -> None:
        self.processor = AutoProcessor.from_pretrained(QWEN_VL)
        self.model = Qwen2VLForConditionalGeneration.from_pretrained(QWEN_VL, torch_dtype="auto")

    def llava(self) -> None:
        processor = LlavaNextProcessor.from_pretrained(self.llava_repo)
        model = LlavaNextForConditionalGeneration.from_pretrained(self.llava_repo)
        print(processor, model)

    def florence(self) -> None:
        repo = "microsoft/Florence-2-large"
        AutoProcessor.from_pretrained(repo, trust_remote_code=True)
