"""Helpers around the Hub: mirror weights, publish results."""

from __future__ import annotations

from huggingface_hub import HfApi, create_repo, list_repo_files, snapshot_download

api = HfApi()


def mirror_weights(target: str) -> str:
    return snapshot_download(
        repo_id="deepseek-ai/DeepSeek-R1-Distill-Qwen-7B",
        allow_patterns=["*.safetensors", "*.json"],
        local_dir=target,
    )


def mirror_dataset(target: str) -> str:
    return snapshot_download(
        repo_id="HuggingFaceFW/fineweb-edu", repo_type="dataset", local_dir=target
    )


def files() -> list[str]:
    return list_repo_files("mistralai/Mixtral-8x7B-Instruct-v0.1")


def publish(folder: str) -> None:
    create_repo("acme-ai/eval-dashboard", repo_type="space", space_sdk="gradio", exist_ok=True)
    api.upload_folder(repo_id="acme-ai/eval-dashboard", repo_type="space", folder_path=folder)
    api.upload_file(
        path_or_fileobj="report.json",
        path_in_repo="report.json",
        repo_id="acme-ai/eval-results",
        repo_type="dataset",
    )
