"""Batch image generation for the marketing asset pipeline."""

import os
from pathlib import Path

import torch
from diffusers import (
    AutoencoderKL,
    ControlNetModel,
    DiffusionPipeline,
    StableDiffusionXLControlNetPipeline,
    StableDiffusionXLPipeline,
)

BASE = "stabilityai/stable-diffusion-xl-base-1.0"
REFINER = "stabilityai/stable-diffusion-xl-refiner-1.0"
VAE_FIX = "madebyollin/sdxl-vae-fp16-fix"
CONTROLNET_CANNY = "diffusers/controlnet-canny-sdxl-1.0"
STYLE_LORA = "nerijs/pixel-art-xl"
# Single-file checkpoint pinned to a specific commit of the upstream repo.
JUGGERNAUT_URL = (
    "https://huggingface.co/RunDiffusion/Juggernaut-XL-v9/resolve/57abedc8f1da227bc80cfe6d9130067d2791b4f1/"
    "Juggernaut-XL_v9_RunDiffusionPhoto_v2.safetensors"
)
# Local fine-tune produced by scripts/train_dreambooth.sh
LOCAL_CKPT = "/mnt/weights/sdxl-product-dreambooth.safetensors"
OUTPUT_DIR = Path(os.environ.get("GEN_OUTPUT_DIR", "outputs/images"))
DTYPE = torch.float16


def load_base(use_juggernaut: bool = False) -> StableDiffusionXLPipeline:
    vae = AutoencoderKL.from_pretrained(VAE_FIX, torch_dtype=DTYPE)
    if use_juggernaut:
        pipe = StableDiffusionXLPipeline.from_single_file(JUGGERNAUT_URL, vae=vae, torch_dtype=DTYPE)
    elif os.path.exists(LOCAL_CKPT):
        pipe = StableDiffusionXLPipeline.from_single_file(LOCAL_CKPT, vae=vae, torch_dtype=DTYPE)
    else:
        pipe = StableDiffusionXLPipeline.from_pretrained(
            BASE, vae=vae, torch_dtype=DTYPE, variant="fp16", use_safetensors=True
        )
    pipe.load_lora_weights(STYLE_LORA, weight_name="pixel-art-xl.safetensors", adapter_name="pixel")
    return pipe.to("cuda")


def load_refiner(base_pipe) -> DiffusionPipeline:
    return DiffusionPipeline.from_pretrained(
        REFINER,
        text_encoder_2=base_pipe.text_encoder_2,
        vae=base_pipe.vae,
        torch_dtype=DTYPE,
        variant="fp16",
    ).to("cuda")


def load_controlnet() -> StableDiffusionXLControlNetPipeline:
    controlnet = ControlNetModel.from_pretrained(CONTROLNET_CANNY, torch_dtype=DTYPE)
    return StableDiffusionXLControlNetPipeline.from_pretrained(
        BASE, controlnet=controlnet, torch_dtype=DTYPE
    ).to("cuda")


def generate(prompts: list[str], steps: int = 30, refine: bool = True) -> list[Path]:
    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    base = load_base()
    refiner = load_refiner(base) if refine else None
    paths = []
    for i, prompt in enumerate(prompts):
        out_type = "latent" if refine else "pil"
        images = base(prompt=prompt, num_inference_steps=steps, output_type=out_type).images
        image = refiner(prompt=prompt, image=images).images[0] if refine else images[0]
        out = OUTPUT_DIR / f"{i:04d}.png"
        image.save(out)
        paths.append(out)
    return paths
