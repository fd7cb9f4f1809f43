"""Image generation (SDXL + refiner, ControlNet) and a captioning LLM with a QLoRA adapter."""

from __future__ import annotations

import torch
from diffusers import (
    AutoencoderKL,
    ControlNetModel,
    DiffusionPipeline,
    StableDiffusionControlNetPipeline,
    StableDiffusionXLPipeline,
)
from peft import PeftModel
from transformers import AutoModelForCausalLM

SDXL = "stabilityai/stable-diffusion-xl-base-1.0"
REFINER = "stabilityai/stable-diffusion-xl-refiner-1.0"
VAE_ID = "madebyollin/sdxl-vae-fp16-fix"
PIXEL_LORA = "nerijs/pixel-art-xl"
CONTROLNET = "lllyasviel/sd-controlnet-canny"
SD15 = "stable-diffusion-v1-5/stable-diffusion-v1-5"
TURBO_URL = (
    "https://huggingface.co/stabilityai/sdxl-turbo/resolve/"
    "71153311d3dbb46851df1931d3ca6e939de83304/sd_xl_turbo_1.0_fp16.safetensors"
)
# Training images came from https://huggingface.co/datasets/laion/laion2B-en ; demo at
# https://huggingface.co/spaces/stabilityai/stable-diffusion
OUTPUT_REPO = "acme-ai/sdxl-pixel"


class Generator:
    BASE = "meta-llama/Llama-2-7b-hf"
    ADAPTER = "timdettmers/guanaco-7b"

    def __init__(self) -> None:
        fp16 = torch.float16
        vae = AutoencoderKL.from_pretrained(VAE_ID, torch_dtype=fp16)
        self.pipe = StableDiffusionXLPipeline.from_pretrained(
            SDXL, vae=vae, torch_dtype=fp16, variant="fp16", use_safetensors=True
        )
        self.pipe.load_lora_weights(PIXEL_LORA, weight_name="pixel-art-xl.safetensors")
        self.refiner = DiffusionPipeline.from_pretrained(
            REFINER, text_encoder_2=self.pipe.text_encoder_2, vae=vae, torch_dtype=fp16
        )
        controlnet = ControlNetModel.from_pretrained(CONTROLNET, torch_dtype=fp16)
        self.canny = StableDiffusionControlNetPipeline.from_pretrained(SD15, controlnet=controlnet)
        self.turbo = StableDiffusionXLPipeline.from_single_file(TURBO_URL, torch_dtype=fp16)
        base = AutoModelForCausalLM.from_pretrained(self.BASE, load_in_4bit=True)
        self.captioner = PeftModel.from_pretrained(base, self.ADAPTER)

    def publish(self) -> None:
        self.pipe.save_pretrained("outputs/sdxl-pixel")
        self.pipe.push_to_hub(OUTPUT_REPO, private=True)
