"""The Hub's canonical model ids without a namespace (``gpt2``, ``bert-base-uncased``).

These predate organisations on the Hub and still resolve (the Hub redirects them to their new
owners). A bare word is accepted as a model only when it is one of these *and* a loader receives
it, so ``from_pretrained("output")`` is never mistaken for a model. The list is data in the
built-in ``rules/scan.toml`` (see ``licheck.scan.vocabulary``); this name keeps it where the
extractors import it from.
"""

from __future__ import annotations

from licheck.scan.vocabulary import vocabulary

LEGACY_IDS: frozenset[str] = vocabulary().legacy_ids
