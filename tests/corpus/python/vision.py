"""Image classification and zero-shot tagging."""

from __future__ import annotations

import open_clip
import timm
from transformers import AutoImageProcessor, AutoModelForImageClassification, CLIPModel


def classifier() -> object:
    return timm.create_model(
        "hf-hub:timm/vit_base_patch16_224.augreg2_in21k_ft_in1k", pretrained=True
    )


def resnet() -> object:
    return timm.create_model("resnet50", pretrained=True)


def clip() -> object:
    model, _, preprocess = open_clip.create_model_and_transforms(
        "hf-hub:laion/CLIP-ViT-B-32-laion2B-s34B-b79K"
    )
    tokenizer = open_clip.get_tokenizer("hf-hub:laion/CLIP-ViT-B-32-laion2B-s34B-b79K")
    return model, preprocess, tokenizer


def vit() -> object:
    processor = AutoImageProcessor.from_pretrained("google/vit-base-patch16-224")
    model = AutoModelForImageClassification.from_pretrained("google/vit-base-patch16-224")
    clip_model = CLIPModel.from_pretrained("openai/clip-vit-large-patch14")
    return processor, model, clip_model
