"""License movement rules on hand-built records: history changes, a pinned revision behind a
relicensed head (the headline case), family splits naming the siblings, and LICENSE files whose
text contradicts the card."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from licheck.records import (
    FamilyMember,
    Finding,
    HistoryEntry,
    LicenseFile,
    ModelRecord,
    Reference,
    Severity,
    Source,
    Status,
)
from licheck.rules import RuleSet, evaluate

OLD = "eae16031de8f27029cc71a77ad881390f1f1c041"
MID = "0c68e0a7aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
SWITCH = "e59e1297bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
HEAD = "8246d4b61937a8d27e24d9199f85f8605f8842ca"
TODAY = dt.date(2026, 11, 29)
MODEL = "fixture-org/drifting-model"
APACHE = {"license": "apache-2.0"}
RESEARCH = {"license": "other", "license_name": "qwen-research"}
HISTORY = (  # newest first, as the hub stage gives it
    HistoryEntry("2025-02-10T09:00:00Z", HEAD, "other", "qwen-research"),
    HistoryEntry("2025-02-01T09:00:00Z", SWITCH, "other", "qwen-research"),
    HistoryEntry("2024-06-10T09:00:00Z", MID, "apache-2.0"),
    HistoryEntry("2024-03-01T09:00:00Z", OLD, "apache-2.0"),
)


def record(revision: str | None, sha: str, **facts: Any) -> ModelRecord:
    facts.setdefault("gated", False)
    return ModelRecord(MODEL, Source.HF, revision, Status.OK, sha=sha, **facts)


def findings(
    ruleset: RuleSet, revision: str | None, *records: ModelRecord, model: str = MODEL
) -> list[Finding]:
    ref = Reference("src/app.py", 7, 9, model, Source.HF, revision, "python:from_pretrained")
    out = evaluate(ruleset, [ref], {r.key: r for r in records}, today=TODAY).findings
    return [f for f in out if f.category in {"license-changed", "family-split", "license-mismatch"}]


def test_pinned_revision_behind_a_relicensed_head(ruleset: RuleSet) -> None:
    pinned = record(OLD, OLD, **APACHE, history=HISTORY)
    head = record(None, HEAD, **RESEARCH, history=HISTORY)
    (finding,) = findings(ruleset, OLD, pinned, head)
    assert (finding.rule, finding.name, finding.severity) == (
        "LC123",
        "pinned-license-superseded",
        Severity.HIGH,
    )
    assert finding.message == (
        f"You are pinned to revision {OLD} of {MODEL}, licensed apache-2.0 (permissive); "
        "main is now qwen-research (research-only) since 2025-02-01."
    )
    assert "upgrading to main means accepting qwen-research" in finding.advice
    details = finding.details
    assert details["pinned"]["sha"] == OLD
    assert details["pinned"]["license"]["category"] == "permissive"
    assert details["head"] == {
        "sha": HEAD,
        "license": {
            "id": "other",
            "name": "qwen-research",
            "spdx": "LicenseRef-qwen-research",
            "category": "research-only",
        },
        "since": "2025-02-01T09:00:00Z",
        "since_commit": SWITCH,
    }
    assert details["direction"] == "stricter"
    # The history change is the same news: it is not reported a second time.
    assert details["license_changes"][0]["commit"] == SWITCH


def test_pinned_tag_counts_and_missing_history_says_unknown_date(ruleset: RuleSet) -> None:
    pinned = record("v1.0", OLD, **APACHE)
    head = record(None, HEAD, **RESEARCH)  # history not looked up
    (finding,) = findings(ruleset, "v1.0", pinned, head)
    assert finding.rule == "LC123"
    assert finding.message.endswith("since an unknown date.")


def test_head_looser_than_the_pin_is_low(ruleset: RuleSet) -> None:
    pinned = record(OLD, OLD, **RESEARCH)
    head = record(None, HEAD, **APACHE)
    (finding,) = findings(ruleset, OLD, pinned, head)
    assert (finding.rule, finding.severity) == ("LC124", Severity.LOW)


def test_pinned_at_the_head_sha_is_not_behind(ruleset: RuleSet) -> None:
    pinned = record(HEAD, HEAD, **RESEARCH, history=HISTORY)
    head = record(None, HEAD, **RESEARCH, history=HISTORY)
    (finding,) = findings(ruleset, HEAD, pinned, head)
    assert (finding.rule, finding.severity) == ("LC121", Severity.MEDIUM)


def test_history_change_to_a_stricter_license(ruleset: RuleSet) -> None:
    head = record(None, HEAD, **RESEARCH, history=HISTORY)
    (finding,) = findings(ruleset, None, head)
    assert (finding.rule, finding.name) == ("LC121", "license-changed")
    assert finding.message == (
        f"{MODEL}'s license changed on 2025-02-01 from apache-2.0 (permissive) to "
        f"qwen-research (research-only) (commit {SWITCH}); 1 change(s) on record."
    )
    (change,) = finding.details["license_changes"]
    assert change == {
        "from": "apache-2.0",
        "from_category": "permissive",
        "from_date": "2024-06-10",
        "to": "qwen-research",
        "to_category": "research-only",
        "date": "2025-02-01",
        "commit": SWITCH,
        "direction": "stricter",
    }


def test_history_change_to_a_looser_license_is_low(ruleset: RuleSet) -> None:
    sd3 = (
        HistoryEntry("2024-10-09T00:00:00Z", HEAD, "other", "stabilityai-ai-community"),
        HistoryEntry("2024-07-05T00:00:00Z", SWITCH, "other", "stabilityai-ai-community"),
        HistoryEntry("2024-06-12T00:00:00Z", OLD, "other", "stabilityai-nc-research-community"),
    )
    head = record(None, HEAD, license="other", license_name="stabilityai-ai-community", history=sd3)
    (finding,) = findings(ruleset, None, head)
    assert (finding.rule, finding.severity) == ("LC122", Severity.LOW)
    assert "from stabilityai-nc-research-community (non-commercial)" in finding.message
    assert finding.details["license_changes"][0]["direction"] == "looser"


@pytest.mark.parametrize(
    "history",
    [
        None,  # not looked up: nothing can be said, and nothing is
        (),
        (HistoryEntry("2024-03-01T09:00:00Z", OLD, "apache-2.0"),),
        (  # same license, only spelled differently
            HistoryEntry("2024-06-01T09:00:00Z", HEAD, "Apache-2.0"),
            HistoryEntry("2024-03-01T09:00:00Z", OLD, "apache-2.0"),
        ),
    ],
)
def test_no_change_no_finding(ruleset: RuleSet, history: tuple[HistoryEntry, ...] | None) -> None:
    assert findings(ruleset, None, record(None, HEAD, **APACHE, history=history)) == []


def test_license_added_where_none_was_is_a_change(ruleset: RuleSet) -> None:
    added = (
        HistoryEntry("2024-03-13T00:00:00Z", HEAD, "cc-by-nc-4.0"),
        HistoryEntry("2024-03-11T00:00:00Z", OLD, None),
    )
    (finding,) = findings(ruleset, None, record(None, HEAD, license="cc-by-nc-4.0", history=added))
    assert finding.rule == "LC122"
    assert "from no license declared (unknown)" in finding.message


FAMILY = (
    FamilyMember("Qwen/Qwen2.5-7B-Instruct", "apache-2.0"),  # itself: never a sibling
    FamilyMember("Qwen/Qwen2.5-3B-Instruct", "other", "qwen-research"),
    FamilyMember("Qwen/Qwen2.5-72B-Instruct", "other", "qwen"),
    FamilyMember("Qwen/Qwen2.5-14B-Instruct", "apache-2.0"),
    FamilyMember("Qwen/Qwen2.5-Math-7B", "other"),  # `other` without a name: unknown, counts
)


def family_findings(ruleset: RuleSet, family: Any, **facts: Any) -> list[Finding]:
    facts.setdefault("license", "apache-2.0")
    qwen = ModelRecord(
        "Qwen/Qwen2.5-7B-Instruct", Source.HF, OLD, Status.OK, sha=OLD, family=family, **facts
    )
    return [
        f for f in findings(ruleset, OLD, qwen, model=qwen.model) if f.category == "family-split"
    ]


def test_family_split_names_the_siblings(ruleset: RuleSet) -> None:
    (finding,) = family_findings(ruleset, FAMILY)
    assert (finding.rule, finding.severity) == ("LC131", Severity.MEDIUM)
    assert finding.message == (
        "Qwen/Qwen2.5-7B-Instruct is apache-2.0 (permissive), but other models of its family "
        "are not: Qwen/Qwen2.5-3B-Instruct (qwen-research, research-only), "
        "Qwen/Qwen2.5-72B-Instruct (qwen, custom-restricted), Qwen/Qwen2.5-Math-7B (other, "
        "unknown). Another size or the next version may come under those terms."
    )
    assert finding.details["family_split"] == [
        "Qwen/Qwen2.5-3B-Instruct",
        "Qwen/Qwen2.5-72B-Instruct",
        "Qwen/Qwen2.5-Math-7B",
    ]
    members = {m["model"]: m for m in finding.details["family"]}
    assert "Qwen/Qwen2.5-7B-Instruct" not in members
    assert members["Qwen/Qwen2.5-14B-Instruct"]["split"] is False
    assert members["Qwen/Qwen2.5-72B-Instruct"]["license"]["category"] == "custom-restricted"


def test_family_split_message_is_capped_but_details_are_not(ruleset: RuleSet) -> None:
    many = tuple(FamilyMember(f"Qwen/Qwen2.5-{i}B", "other", "qwen") for i in range(1, 8))
    (finding,) = family_findings(ruleset, many)
    assert "Qwen/Qwen2.5-4B (qwen, custom-restricted) and 3 more." in finding.message
    assert len(finding.details["family_split"]) == 7


@pytest.mark.parametrize(
    ("family", "facts"),
    [
        (None, {}),  # not looked up
        ((), {}),
        ((FamilyMember("Qwen/Qwen2.5-14B-Instruct", "apache-2.0"),), {}),
        (FAMILY, {"license": "other", "license_name": "qwen"}),  # not permissive itself
    ],
)
def test_no_family_split(ruleset: RuleSet, family: Any, facts: dict[str, Any]) -> None:
    assert family_findings(ruleset, family, **facts) == []


APACHE_TEXT = """
                                 Apache License
                           Version 2.0, January 2004
                        http://www.apache.org/licenses/
"""
QWEN_RESEARCH_TEXT = (
    "Qwen RESEARCH LICENSE AGREEMENT\n\nQwen RESEARCH LICENSE AGREEMENT Release Date"
)
LLAMA_TEXT = "LLAMA 3.1 COMMUNITY LICENSE AGREEMENT\nLlama 3.1 Version Release Date: July 23, 2024"


def file_findings(ruleset: RuleSet, text: str, **facts: Any) -> list[Finding]:
    lic = LicenseFile("LICENSE", "ab" * 32, text)
    rec = record(None, HEAD, license_file=lic, **facts)
    return [f for f in findings(ruleset, None, rec) if f.category == "license-mismatch"]


@pytest.mark.parametrize(
    ("text", "facts", "rule"),
    [
        (APACHE_TEXT, {"license": "mit"}, "LC113"),  # another permissive license
        (QWEN_RESEARCH_TEXT, APACHE, "LC112"),  # the file is stricter than the card
        (APACHE_TEXT, RESEARCH, "LC113"),  # the file is looser
        (LLAMA_TEXT, {"license": "llama3.1"}, None),  # agrees
        (LLAMA_TEXT, {"license": "other", "license_name": "llama-3.1"}, None),  # alias agrees
        (APACHE_TEXT + LLAMA_TEXT, APACHE, None),  # names two licenses: not clear
        ("Stand-in for the license file.", APACHE, None),  # names none
        (APACHE_TEXT, {"license": "other", "license_name": "acme"}, None),  # card unknown
    ],
)
def test_license_file_against_the_card(
    ruleset: RuleSet, text: str, facts: dict[str, Any], rule: str | None
) -> None:
    found = file_findings(ruleset, text, **facts)
    assert [f.rule for f in found] == ([rule] if rule else [])
    if rule == "LC112":
        (finding,) = found
        assert finding.severity is Severity.HIGH
        assert finding.message == (
            f"{MODEL}'s card says apache-2.0 (permissive), but its LICENSE names qwen-research "
            "(research-only), which is stricter."
        )
        assert finding.details["license_file"]["matches"] == ["qwen-research"]
        assert finding.details["license_file"]["contradicts"] == "stricter"
        assert finding.details["card_license"]["spdx"] == "Apache-2.0"


def test_text_markers_ignore_case_and_spacing(ruleset: RuleSet) -> None:
    taxonomy = ruleset.taxonomy
    entry = taxonomy.classify_text("apache   license\n\n   version\t2.0")
    assert entry is not None and entry.spdx == "Apache-2.0"
    assert taxonomy.classify_text("Apache License, without a version") is None
    research = taxonomy.classify_text(QWEN_RESEARCH_TEXT)
    assert research is not None and research.info().label == "qwen-research"
    assert taxonomy.classify_text("Attribution-NonCommercial 4.0 International") is not None
    assert {e.key for e in taxonomy.text_matches(APACHE_TEXT + LLAMA_TEXT)} == {
        "apache-2.0",
        "llama3.1",
    }


def test_strictness_orders_categories(ruleset: RuleSet) -> None:
    taxonomy = ruleset.taxonomy
    order = ["public-domain", "permissive", "copyleft", "custom-restricted", "non-commercial"]
    ranks = [taxonomy.rank(c) for c in order]
    assert ranks == sorted(ranks) and len(set(ranks)) == len(ranks)
    assert taxonomy.most_restrictive(["permissive", "research-only", "copyleft"]) == (
        "research-only"
    )
    assert taxonomy.most_restrictive(["permissive", "unknown"]) == "unknown"
    assert taxonomy.most_restrictive([]) == "unknown"


def test_strictness_must_list_every_category(tmp_path: Path) -> None:
    from licheck.errors import RuleFileError
    from licheck.rules.taxonomy import load_taxonomy

    base = (
        '[categories]\npermissive = "p"\nunknown = "u"\n\n'
        '[licenses.mit]\ntitle = "MIT"\nspdx = "MIT"\ncategory = "permissive"\n'
        'markers = ["Permission is hereby granted"]\n\n'
        '[licenses.unknown]\ntitle = "U"\nspdx = "LicenseRef-unknown"\ncategory = "unknown"\n\n'
        '[licenses.other]\ntitle = "O"\nspdx = "LicenseRef-other"\ncategory = "unknown"\n\n'
        "[license_names]\n"
    )
    path = tmp_path / "licenses.toml"
    path.write_text(base)
    default = load_taxonomy(path)
    assert default.rank("permissive") < default.rank("unknown")
    assert default.classify_text("permission is hereby GRANTED") is default.licenses["mit"]
    path.write_text('strictness = ["permissive"]\n' + base)
    with pytest.raises(RuleFileError) as caught:
        load_taxonomy(path)
    assert caught.value.key == "strictness" and "every category" in caught.value.problem
