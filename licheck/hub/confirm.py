"""Ask the Hub which candidate ids name a model: one cached model lookup per distinct id.

A candidate is an id-shaped string the scan found where no rule says "model" (a ``teacher=``
keyword, a ``repository:`` key, a value inside a JSON document). The lookup is the same
``model_info`` the resolver makes, through the same cache, so a confirmed candidate costs no
second request when it is resolved, and a warm re-run asks nothing. A dataset id, a Space or a
GitHub ``owner/repo`` gets "not found" from the models API and stays unconfirmed.
"""

from __future__ import annotations

from collections.abc import Sequence

from licheck.hub.lookup import resolve_models
from licheck.hub.settings import HubSettings
from licheck.records import ModelKey, Source, Status


def confirm_models(
    models: Sequence[str], settings: HubSettings, limit: int
) -> dict[str, str | None]:
    """For each distinct id in ``models``: None when the Hub (or its cached answer) says it is a
    model, else why it is not confirmed. Only the first ``limit`` distinct ids are asked."""
    distinct = list(dict.fromkeys(models))
    asked = distinct[:limit]
    records = resolve_models([ModelKey(model, Source.HF) for model in asked], settings)
    out: dict[str, str | None] = {}
    for key, record in records.items():
        if record.status is Status.OK:
            out[key.model] = None
        elif record.status is Status.UNAVAILABLE:
            reason = record.reason
            out[key.model] = f"the Hub has no model by this id that this run may read ({reason})"
        else:
            out[key.model] = f"not confirmed: {record.reason}"
    for model in distinct[limit:]:
        out[model] = f"not asked: over the {limit} candidate ids a run checks (candidate_limit)"
    return out
