"""Image embedding + safety tagging utilities (open_clip / timm / transformers)."""

import open_clip
import timm
import torch
from datasets import load_dataset
from PIL import Image
from transformers import AutoImageProcessor, AutoModelForImageClassification

CLIP_HUB_ID = "hf-hub:laion/CLIP-ViT-B-32-laion2B-s34B-b79K"
SIGLIP_HUB_ID = "hf-hub:timm/ViT-SO400M-14-SigLIP-384"
BACKBONE = "hf-hub:timm/convnext_base.fb_in22k_ft_in1k"
NSFW_CLASSIFIER = "Falconsai/nsfw_image_detection"

# Calibration images for the safety threshold (dataset, streamed).
CALIBRATION_SET = "laion/laion2B-en-aesthetic"
ACCEPTED_MIME = ("image/jpeg", "image/png")


def load_clip(use_siglip: bool = False):
    hub_id = SIGLIP_HUB_ID if use_siglip else CLIP_HUB_ID
    model, preprocess = open_clip.create_model_from_pretrained(hub_id)
    tokenizer = open_clip.get_tokenizer(hub_id)
    return model.eval(), preprocess, tokenizer


def load_backbone(num_classes: int = 0):
    model = timm.create_model(BACKBONE, pretrained=True, num_classes=num_classes)
    cfg = timm.data.resolve_data_config({}, model=model)
    return model.eval(), timm.data.create_transform(**cfg)


def load_safety():
    processor = AutoImageProcessor.from_pretrained(NSFW_CLASSIFIER)
    model = AutoModelForImageClassification.from_pretrained(NSFW_CLASSIFIER)
    return processor, model


def calibration_stream(n: int = 1000):
    ds = load_dataset(CALIBRATION_SET, split="train", streaming=True)
    return ds.take(n)


@torch.no_grad()
def embed_images(paths, use_siglip=False):
    model, preprocess, _ = load_clip(use_siglip)
    batch = torch.stack([preprocess(Image.open(p).convert("RGB")) for p in paths])
    feats = model.encode_image(batch)
    return feats / feats.norm(dim=-1, keepdim=True)


@torch.no_grad()
def embed_text(texts, use_siglip=False):
    model, _, tokenizer = load_clip(use_siglip)
    feats = model.encode_text(tokenizer(texts))
    return feats / feats.norm(dim=-1, keepdim=True)
