"""Speech-to-text for call transcripts."""

from __future__ import annotations

import torch
from faster_whisper import WhisperModel
from transformers import WhisperForConditionalGeneration, WhisperProcessor, pipeline

ASR_CHECKPOINT = "openai/whisper-large-v3"


def hf_pipeline() -> object:
    return pipeline(
        "automatic-speech-recognition",
        model=ASR_CHECKPOINT,
        chunk_length_s=30,
    )


def manual() -> tuple[WhisperProcessor, WhisperForConditionalGeneration]:
    processor = WhisperProcessor.from_pretrained("openai/whisper-small")
    model = WhisperForConditionalGeneration.from_pretrained("openai/whisper-small")
    return processor, model


def fast() -> WhisperModel:
    return WhisperModel("Systran/faster-whisper-large-v3", device="cuda")


def vad() -> object:
    return torch.hub.load("snakers4/silero-vad", "silero_vad")
