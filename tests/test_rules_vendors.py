"""Vendor knowledge in rules/vendors.toml: event kinds, events, derived drift, model -> vendor
lookups."""

from __future__ import annotations

import datetime as dt
import re
import warnings
from pathlib import Path

import pytest

from licheck.errors import RuleFileError
from licheck.records import Source
from licheck.rules import Vendors, builtin_rules_dir
from licheck.rules.vendors import CONFIDENCES, EventDate, load_vendors

STALE_AFTER_DAYS = 180
_DATE_TEXT = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


@pytest.fixture(scope="module")
def vendors() -> Vendors:
    return load_vendors(builtin_rules_dir() / "vendors.toml")


def test_every_event_has_date_source_and_confidence(vendors: Vendors) -> None:
    events = [(v.slug, e) for v in vendors.all() for e in v.events]
    assert len(events) >= 50
    for slug, event in events:
        assert _DATE_TEXT.fullmatch(str(event.date)), slug
        assert event.source.strip(), (slug, event.summary)
        assert event.confidence in CONFIDENCES, (slug, event.summary)
        assert event.kind in vendors.kinds, (slug, event.summary)
        assert event.closing is vendors.kinds[event.kind].closing
        assert event.summary.strip()


def test_events_are_in_date_order(vendors: Vendors) -> None:
    for vendor in vendors.all():
        dates = [e.date for e in vendor.events]
        assert dates == sorted(dates), vendor.slug


def test_reviewed_date_is_recent() -> None:
    # A stale review is a nudge for a person, not a broken build.
    reviewed = load_vendors(builtin_rules_dir() / "vendors.toml")
    age = reviewed.age_days()
    assert age >= 0, "vendors.toml says it was reviewed in the future"
    if age > STALE_AFTER_DAYS:
        warnings.warn(
            f"rules/vendors.toml was last reviewed {age} days ago ({reviewed.reviewed}); "
            "check the vendor events against their sources and bump `reviewed`",
            UserWarning,
            stacklevel=1,
        )


def test_age_days_counts_from_reviewed(vendors: Vendors) -> None:
    later = vendors.reviewed + dt.timedelta(days=181)
    assert vendors.age_days(later) == 181


@pytest.mark.parametrize(
    ("slug", "drifting"),
    [
        ("qwen", True),
        ("mistral", True),
        ("stability", True),
        ("tii", True),
        ("xai", True),
        ("meta", False),
        ("google", False),
        ("deepseek", False),
        ("cohere", False),
        ("01-ai", False),
        ("databricks", False),
        ("microsoft", False),
        ("openai", False),
    ],
)
def test_drift_is_derived_from_events(vendors: Vendors, slug: str, drifting: bool) -> None:
    vendor = vendors.get(slug)
    assert vendor is not None
    assert vendor.drifting is drifting
    assert bool(vendor.closing_events) is drifting
    assert all(e.closing for e in vendor.closing_events)


@pytest.mark.parametrize(
    ("slug", "date", "model"),
    [
        ("qwen", "2026-04-20", "Qwen3.6-Max-Preview"),
        ("mistral", "2026", "Mistral Medium 3.5"),
        ("stability", "2024-07-05", "stable-diffusion-3-medium"),
        ("xai", "2025-08-23", "grok-2"),
    ],
)
def test_latest_closing_event(vendors: Vendors, slug: str, date: str, model: str) -> None:
    vendor = vendors.get(slug)
    assert vendor is not None
    event = vendor.latest_closing_event
    assert event is not None
    assert (str(event.date), event.models[0]) == (date, model)


@pytest.mark.parametrize(
    ("model", "source", "slug"),
    [
        ("Qwen/Qwen2.5-7B-Instruct", Source.HF, "qwen"),
        ("qwen/qwen2.5-7b-instruct", Source.HF, "qwen"),
        ("Qwen/Qwen2.5-3B", Source.URL, "qwen"),
        ("mistralai/Mistral-7B-Instruct-v0.3", Source.HF, "mistral"),
        ("meta-llama/Llama-3.1-8B-Instruct", Source.HF, "meta"),
        ("stabilityai/stable-diffusion-3-medium", Source.HF, "stability"),
        ("CompVis/stable-diffusion-v1-4", Source.HF, "stability"),
        ("runwayml/stable-diffusion-v1-5", Source.HF, "stability"),
        ("stable-diffusion-v1-5/stable-diffusion-v1-5", Source.HF, "stability"),
        ("CohereForAI/c4ai-command-r-v01", Source.HF, "cohere"),
        ("CohereLabs/c4ai-command-a-03-2025", Source.HF, "cohere"),
        ("01-ai/Yi-34B", Source.HF, "01-ai"),
        ("xai-org/grok-1", Source.HF, "xai"),
        ("openai/gpt-oss-20b", Source.HF, "openai"),
        ("gpt2", Source.HF, None),
        ("bartowski/Qwen2.5-7B-Instruct-GGUF", Source.HF, None),
        ("Qwen/Qwen2.5-7B-Instruct", Source.LOCAL, None),
        ("Qwen/Qwen2.5-{size}-Instruct", Source.FAMILY, "qwen"),
        ("qwen2.5:7b", Source.OLLAMA, "qwen"),
        ("qwen3", Source.OLLAMA, "qwen"),
        ("qwq:32b", Source.OLLAMA, "qwen"),
        ("llama3.1:8b", Source.OLLAMA, "meta"),
        ("codellama:7b", Source.OLLAMA, "meta"),
        ("mixtral:8x7b", Source.OLLAMA, "mistral"),
        ("mistral-nemo", Source.OLLAMA, "mistral"),
        ("registry.ollama.ai/library/gemma2:9b", Source.OLLAMA, "google"),
        ("gemma3@sha256:0123abcd", Source.OLLAMA, "google"),
        ("deepseek-r1:7b", Source.OLLAMA, "deepseek"),
        ("phi3:mini", Source.OLLAMA, "microsoft"),
        ("phind-codellama:34b", Source.OLLAMA, None),
        ("falcon3:7b", Source.OLLAMA, "tii"),
        ("command-r-plus", Source.OLLAMA, "cohere"),
        ("yi-coder:9b", Source.OLLAMA, "01-ai"),
        ("yinyang", Source.OLLAMA, None),
        ("llava:7b", Source.OLLAMA, None),
        ("tinyllama", Source.OLLAMA, None),
    ],
)
def test_for_model(vendors: Vendors, model: str, source: Source, slug: str | None) -> None:
    vendor = vendors.for_model(model, source)
    assert (vendor.slug if vendor else None) == slug


def test_partial_dates_sort_at_the_start_of_their_period() -> None:
    assert EventDate(2026) < EventDate(2026, 2) < EventDate(2026, 2, 16) < EventDate(2026, 3, 2)
    assert EventDate(2025, 5, 7) < EventDate(2026)
    assert [str(d) for d in (EventDate(2026), EventDate(2026, 2), EventDate(2026, 2, 1))] == [
        "2026",
        "2026-02",
        "2026-02-01",
    ]


def test_event_kinds_are_data(vendors: Vendors) -> None:
    closing = {name for name, kind in vendors.kinds.items() if kind.closing}
    assert closing == {
        "api-only-flagship",
        "relicensed-restrictive",
        "restrictive-tier",
        "leadership-change",
    }
    assert set(vendors.kinds) - closing == {"relicensed-permissive", "open-release"}
    assert all(kind.summary for kind in vendors.kinds.values())


GOOD = """
reviewed = 2026-01-01

[kinds]
api-only-flagship = { closing = true, summary = "API only" }
open-release = { closing = false, summary = "open weights" }

[vendors.acme]
name = "Acme"
namespaces = ["acme"]
ollama = ["acme"]

[[vendors.acme.events]]
date = 2025-01-02
kind = "api-only-flagship"
models = ["Acme-Max"]
summary = "closed"
source = "example.org"
confidence = "secondary"

[vendors.other]
name = "Other"
namespaces = ["other-org"]
ollama = []
events = []
"""


@pytest.mark.parametrize(
    ("old", "new", "key", "problem"),
    [
        ('confidence = "secondary"', 'confidence = "secondary"\ncolour = "red"',
         "vendors.acme.events[0].colour", "unknown key"),
        ('kind = "api-only-flagship"', 'kind = "went-closed"', "vendors.acme.events[0].kind",
         "unknown kind"),
        ("date = 2025-01-02", 'date = "2025-13"', "vendors.acme.events[0].date", "YYYY-MM"),
        ("date = 2025-01-02", "date = 2025", "vendors.acme.events[0].date", "TOML date"),
        ('confidence = "secondary"', 'confidence = "sure"', "vendors.acme.events[0].confidence",
         "expected one of"),
        ('source = "example.org"\n', "", "vendors.acme.events[0].source", "missing"),
        ('namespaces = ["other-org"]', 'namespaces = ["ACME"]', "vendors.other",
         "already claimed"),
        ("reviewed = 2026-01-01", 'reviewed = "recently"', "reviewed", "TOML date"),
        ("[vendors.other]", "[vendors.Other_Org]", "vendors.Other_Org", "kebab-case"),
        ('closing = true, summary = "API only"', 'closing = "yes", summary = "API only"',
         "kinds.api-only-flagship.closing", "true or false"),
        ('closing = true, summary = "API only"', "closing = false, summary = 'API only'",
         "kinds", "no kind is closing"),
        ('open-release = { closing = false, summary = "open weights" }',
         'open-release = { closing = false, summary = "open weights", colour = "red" }',
         "kinds.open-release.colour", "unknown key"),
        ("[kinds]\n", "[kindz]\n", "kindz", "unknown key"),
        ('confidence = "secondary"\n',
         'confidence = "secondary"\n\n[[vendors.acme.events]]\ndate = 2025-01-02\n'
         'kind = "api-only-flagship"\nmodels = ["Acme-Max"]\nsummary = "again"\n'
         'source = "x"\nconfidence = "verified"\n',
         "vendors.acme.events[1]", "the same event"),
    ],
)  # fmt: skip
def test_vendor_file_errors_name_the_key(
    tmp_path: Path, old: str, new: str, key: str, problem: str
) -> None:
    assert old in GOOD
    path = tmp_path / "vendors.toml"
    path.write_text(GOOD.replace(old, new, 1))
    with pytest.raises(RuleFileError) as caught:
        load_vendors(path)
    assert caught.value.path == str(path)
    assert caught.value.key == key
    assert problem in caught.value.problem


def test_fixture_vendors_load(tmp_path: Path) -> None:
    path = tmp_path / "vendors.toml"
    path.write_text(GOOD)
    loaded = load_vendors(path)
    acme = loaded.for_model("ACME/thing", Source.HF)
    assert acme is not None and acme.drifting
    other = loaded.get("other")
    assert other is not None and not other.drifting and other.latest_closing_event is None
