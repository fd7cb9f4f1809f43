"""Speech-to-text for support call recordings."""

import os
from typing import Literal

import torch
from transformers import AutoModelForSpeechSeq2Seq, AutoProcessor, pipeline

WhisperSize = Literal["tiny", "base", "small", "medium"]
WHISPER_SIZES = ("tiny", "base", "small", "medium")

# English-only checkpoints for the low-latency path.
EN_CHECKPOINTS = [f"openai/whisper-{s}.en" for s in WHISPER_SIZES]

LARGE_MODEL = "openai/whisper-large-v3"
TURBO_MODEL = "openai/whisper-large-v3-turbo"
DIARIZATION_MODEL = "pyannote/speaker-diarization-3.1"
LANG_ID = "speechbrain/lang-id-voxlingua107-ecapa"

ASR_TASK = "automatic-speech-recognition"
AUDIO_MIME = "audio/wav"


def load_asr(size: str = "large", device: str = "cuda:0"):
    model_id = LARGE_MODEL if size == "large" else TURBO_MODEL
    dtype = torch.float16 if device.startswith("cuda") else torch.float32
    model = AutoModelForSpeechSeq2Seq.from_pretrained(
        model_id, torch_dtype=dtype, low_cpu_mem_usage=True, use_safetensors=True
    )
    processor = AutoProcessor.from_pretrained(model_id)
    return pipeline(
        ASR_TASK,
        model=model,
        tokenizer=processor.tokenizer,
        feature_extractor=processor.feature_extractor,
        torch_dtype=dtype,
        device=device,
        chunk_length_s=30,
    )


def load_fast_asr(size: WhisperSize = "small"):
    idx = WHISPER_SIZES.index(size)
    return pipeline(ASR_TASK, model=EN_CHECKPOINTS[idx])


def load_diarizer():
    from pyannote.audio import Pipeline

    return Pipeline.from_pretrained(DIARIZATION_MODEL, use_auth_token=os.environ["HF_TOKEN"])


def load_lang_id():
    from speechbrain.inference.classifiers import EncoderClassifier

    return EncoderClassifier.from_hparams(source=LANG_ID, savedir="pretrained_models/lang-id")
