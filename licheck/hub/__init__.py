"""The hub stage: what the Hugging Face Hub says about each referenced model and its provenance.

The only package in licheck that touches the network, and only through ``client.py``. Importing
it must stay cheap and must not import huggingface_hub (offline and cached runs never need it).
"""

from __future__ import annotations

from licheck.hub.confirm import confirm_models
from licheck.hub.lookup import resolve_models, resolve_provenance
from licheck.hub.settings import HubSettings, describe_endpoint
from licheck.hub.stem import family_stem

__all__ = [
    "HubSettings",
    "confirm_models",
    "describe_endpoint",
    "family_stem",
    "resolve_models",
    "resolve_provenance",
]
