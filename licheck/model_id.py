"""``ModelId``: a Hugging Face Hub model id, ``namespace/name`` or a legacy id such as ``gpt2``.

The one place that knows how an id is made (its namespace, its name) and where the model lives
on the Hub (its page URL), so no stage splits ids on ``/`` or writes the Hub's address by hand.
It does not decide what counts as an id in scanned text (``licheck.scan.ids`` does), validates
nothing and does no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

HUB_URL = "https://huggingface.co"


@dataclass(frozen=True)
class ModelId:
    """A model id as written (``org/name``; a legacy id has no namespace)."""

    id: str

    def __str__(self) -> str:
        return self.id

    @property
    def namespace(self) -> str | None:
        """The owner before the first ``/`` (None for a legacy id such as ``gpt2``)."""
        head, sep, _ = self.id.partition("/")
        return head if sep and head else None

    @property
    def name(self) -> str:
        """The repository name after the last ``/`` (the whole id for a legacy id)."""
        return self.id.rsplit("/", 1)[-1]

    @property
    def url(self) -> str:
        """The model's page on the Hub (its card)."""
        return f"{HUB_URL}/{quote(self.id, safe='/')}"
