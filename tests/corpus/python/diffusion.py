"""Image generation service."""

from __future__ import annotations

import torch
from diffusers import (
    ControlNetModel,
    DiffusionPipeline,
    StableDiffusionPipeline,
    StableDiffusionXLPipeline,
)

BASE = "stabilityai/stable-diffusion-xl-base-1.0"
REFINER = "stabilityai/stable-diffusion-xl-refiner-1.0"


def sdxl() -> DiffusionPipeline:
    pipe = DiffusionPipeline.from_pretrained(BASE, torch_dtype=torch.float16, variant="fp16")
    refiner = DiffusionPipeline.from_pretrained(REFINER, text_encoder_2=pipe.text_encoder_2)
    pipe.load_lora_weights("ostris/ikea-instructions-lora-sdxl")
    return refiner


def sd15() -> StableDiffusionPipeline:
    controlnet = ControlNetModel.from_pretrained("lllyasviel/sd-controlnet-canny")
    return StableDiffusionPipeline.from_pretrained(
        "stable-diffusion-v1-5/stable-diffusion-v1-5", controlnet=controlnet
    )


def single_file() -> StableDiffusionXLPipeline:
    return StableDiffusionXLPipeline.from_single_file(
        "https://huggingface.co/stabilityai/stable-diffusion-xl-base-1.0/blob/main/sd_xl_base_1.0.safetensors"
    )


def sd3() -> DiffusionPipeline:
    pipe = DiffusionPipeline.from_pretrained("stabilityai/stable-diffusion-3.5-large")
    pipe.load_ip_adapter("h94/IP-Adapter", subfolder="models", weight_name="ip.bin")
    return pipe
