"""A local stand-in for the Hugging Face Hub, for tests only.

A real HTTP server on 127.0.0.1 that answers the routes huggingface_hub calls with the shapes and
error headers of the real Hub, from the data in ``tests/data/hub/models.json``. licheck's code
must never import this package; only tests and their fixtures do.
"""

from __future__ import annotations

from tests.hubstub.data import DATA_FILE, Account, HubData, Repo, Revision, load
from tests.hubstub.server import HubStub, RecordedRequest

#: Fake tokens the stand-in knows (also listed in the data file). They mean nothing elsewhere.
ACME_TOKEN = "hf_fake_acme_member_token"
GATE_APPROVED_TOKEN = "hf_fake_gate_approved_token"
OUTSIDER_TOKEN = "hf_fake_outsider_token"

__all__ = [
    "ACME_TOKEN",
    "DATA_FILE",
    "GATE_APPROVED_TOKEN",
    "OUTSIDER_TOKEN",
    "Account",
    "HubData",
    "HubStub",
    "RecordedRequest",
    "Repo",
    "Revision",
    "load",
]
