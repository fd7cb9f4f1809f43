"""The hub stage: what the Hugging Face Hub says about each referenced model.

The only package in licheck that touches the network, and only through ``client.py``. Importing
it must stay cheap and must not import huggingface_hub (offline and cached runs never need it).
"""

from __future__ import annotations

from licheck.hub.resolve import HubSettings, describe_endpoint, resolve_models

__all__ = ["HubSettings", "describe_endpoint", "resolve_models"]
