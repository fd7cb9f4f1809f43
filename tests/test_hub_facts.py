"""Reading license and base-model facts: from card data and tags, and from the ``ModelInfo`` the
real huggingface_hub client makes of a model's answer served by the local Hub stand-in."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from licheck.hub.facts import base_models_from, facts_from_info, iso_utc, license_from
from licheck.records import BaseModel
from tests.hubstub import HubStub
from tests.hubstub.routes import Answer


def info_from_hub(hub: HubStub, payload: dict[str, Any]) -> Any:
    """The real client's ``ModelInfo`` for ``payload``, served as the model's answer."""
    from huggingface_hub import HfApi

    hub.behave(r"/api/models/.+", lambda handler: handler.write(Answer.json(payload)))
    return HfApi(endpoint=hub.url, token=False).model_info(payload["id"])


@pytest.mark.parametrize(
    ("card", "tags", "expected"),
    [
        ({"license": "apache-2.0"}, ["license:mit"], "apache-2.0"),
        ({"license": ["mit"]}, [], "mit"),
        # Every license a card lists, tagged or not, in the card's order, each once.
        ({"license": ["mit", "apache-2.0"]}, ["license:mit"], "mit, apache-2.0"),
        ({"license": ["apache-2.0", "cc-by-nc-4.0"]}, [], "apache-2.0, cc-by-nc-4.0"),
        ({"license": [" mit", "", "MIT", None, "gpl-3.0"]}, [], "mit, gpl-3.0"),
        ({"license": ["mit", 3]}, [], "mit, 3"),  # junk stays visible: it classifies unknown
        (None, ["license:apache-2.0", "license:cc-by-nc-4.0"], "apache-2.0, cc-by-nc-4.0"),
        ({"license": []}, ["license:mit"], "mit"),
        ({"license": ""}, ["license:llama3.1"], "llama3.1"),
        (None, ["region:us", "license:gemma"], "gemma"),
        ({}, ["license:"], None),
        (None, [], None),
    ],
)
def test_license_from_card_then_tags(card: Any, tags: list[str], expected: str | None) -> None:
    assert license_from(card, tags) == expected


@pytest.mark.parametrize(
    ("card", "tags", "expected"),
    [
        (
            {"base_model": "A/b"},
            ["base_model:A/b", "base_model:finetune:A/b"],
            [("A/b", "finetune")],
        ),
        ({"base_model": "A/b", "base_model_relation": "adapter"}, [], [("A/b", "adapter")]),
        (
            {"base_model": ["A/b", "C/d"]},
            ["base_model:merge:A/b"],
            [("A/b", "merge"), ("C/d", "merge")],
        ),
        ({"base_model": ["A/b", "A/b", ""]}, [], [("A/b", None)]),
        ({"base_model": "a/B"}, ["base_model:quantized:A/b"], [("a/B", "quantized")]),
        (None, ["base_model:X/y", "base_model:quantized:X/y"], [("X/y", "quantized")]),
        (None, ["base_model:adapter:X/y"], [("X/y", "adapter")]),
        ({"base_model": 42}, [], []),
        (None, ["base_model:weird:X/y"], [("weird:X/y", None)]),
    ],
)
def test_base_models(card: Any, tags: list[str], expected: list[tuple[str, str | None]]) -> None:
    assert base_models_from(card, tags) == tuple(BaseModel(m, r) for m, r in expected)


def test_iso_utc() -> None:
    aware = datetime(2025, 1, 10, 13, 0, tzinfo=timezone(timedelta(hours=1)))
    assert iso_utc(aware) == "2025-01-10T12:00:00Z"
    assert iso_utc(datetime(2025, 1, 10, 12, 0)) == "2025-01-10T12:00:00Z"
    assert iso_utc("2025-01-10T12:00:00.000Z") == "2025-01-10T12:00:00Z"
    assert iso_utc("2025-01-10T13:00:00+01:00") == "2025-01-10T12:00:00Z"
    assert iso_utc("last tuesday") == "last tuesday"
    assert iso_utc(None) is None


def test_facts_from_an_object_with_card_data_attributes(hub: HubStub) -> None:
    # The client turns cardData into an object with attributes and the dates into datetimes.
    card = {"license": "other", "license_name": "qwen", "license_link": "LICENSE"}
    info = info_from_hub(
        hub,
        {
            "_id": "0" * 24,
            "id": "Qwen/Qwen2.5-72B-Instruct",
            "sha": "a" * 40,
            "lastModified": "2024-09-18T00:00:00.000Z",
            "cardData": card,
            "tags": ["license:other", "base_model:finetune:Qwen/Qwen2.5-72B", 7],
            "gated": "auto",
            "private": False,
        },
    )
    facts = facts_from_info(info)
    assert (facts.license, facts.license_name, facts.license_link) == ("other", "qwen", "LICENSE")
    assert facts.gated == "auto" and facts.private is False and facts.sha == "a" * 40
    assert facts.last_modified == "2024-09-18T00:00:00Z"
    assert facts.base_models == (BaseModel("Qwen/Qwen2.5-72B", "finetune"),)


def test_facts_tolerate_missing_attributes(hub: HubStub) -> None:
    payload = {"_id": "0" * 24, "id": "odd/answer", "gated": None, "private": "yes"}
    facts = facts_from_info(info_from_hub(hub, payload))
    assert facts.license is None and facts.gated is None and facts.private is None
    assert facts.base_models == () and facts.sha is None
