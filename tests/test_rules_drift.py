"""The vendor-drift rule: publishers up the chain, the exposure score and its factors, weights and
thresholds read from rules/provenance.toml, recency, alternatives, and the policy file's errors."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest

from licheck.errors import RuleFileError
from licheck.lock import CopyCheck, LockDiff, LockEntry, LockView
from licheck.records import (
    BaseModel,
    FamilyMember,
    Finding,
    ModelRecord,
    Reference,
    Severity,
    Source,
    Status,
)
from licheck.rules import RuleSet, builtin_rules_dir, evaluate, load_ruleset
from licheck.rules.drift import latest_possible
from licheck.rules.provenance.load import DRIFT_FACTORS
from licheck.rules.vendors import EventDate

SHA = "0123456789abcdef0123456789abcdef01234567"
TODAY = dt.date(2026, 11, 29)  # Qwen's latest closing move (2026-04-20) is 223 days old
LATER = dt.date(2028, 1, 1)  # ... and no longer recent
SPLIT = (FamilyMember("Qwen/Qwen2.5-3B-Instruct", "other", "qwen-research"),)
CLEAN = (FamilyMember("Qwen/Qwen2.5-14B-Instruct", "apache-2.0"),)


def lock_view(
    ref: Reference, locked: bool | None, copy: CopyCheck | None, locked_sha: str = SHA
) -> LockView:
    """licheck.lock as a scan sees it: an entry when ``locked``, a checked copy when given."""
    entry = LockEntry(
        ref.model, Source.HF, ref.revision, locked_sha, "apache-2.0", None, "Apache-2.0",
        None, None, False, None, (), "2026-11-29T00:00:00Z",
    )  # fmt: skip
    entries = {ref.key: entry} if locked else {}
    copies = {ref.key: copy} if copy is not None else {}
    return LockView("licheck.lock", entries, LockDiff(), locked is not None, False, copies)


def drift(
    ruleset: RuleSet,
    *,
    revision: str | None = SHA,
    family: tuple[FamilyMember, ...] | None = None,
    locked: bool | None = None,
    preserved: bool = False,
    copy: CopyCheck | None = None,
    today: dt.date = TODAY,
    model: str = "Qwen/Qwen2.5-7B-Instruct",
    extra: tuple[ModelRecord, ...] = (),
    **facts: Any,
) -> Finding | None:
    facts.setdefault("license", "apache-2.0")
    ref = Reference("src/app.py", 4, 1, model, Source.HF, revision, "python:from_pretrained")
    record = ModelRecord(
        model, Source.HF, revision, Status.OK, sha=SHA, gated=False, family=family, **facts
    )
    records = {r.key: r for r in extra} | {record.key: record}
    if preserved:
        copy = CopyCheck("ok", f"/escrow/{model}/{SHA}", SHA)
    lock = lock_view(ref, locked, copy) if copy is not None else None
    evaluation = evaluate(
        ruleset, [ref], records, today=today, locked=lambda _ref: locked, lock=lock
    )
    found = [f for f in evaluation.findings if f.category == "vendor-drift"]
    assert len(found) <= 1
    return found[0] if found else None


def factors(finding: Finding) -> dict[str, tuple[int, bool]]:
    return {f["factor"]: (f["weight"], f["applies"]) for f in finding.details["score"]["factors"]}


def test_every_factor_is_listed_with_its_weight(ruleset: RuleSet) -> None:
    finding = drift(ruleset, revision=None, family=SPLIT)
    assert finding is not None
    listed = finding.details["score"]["factors"]
    assert [f["factor"] for f in listed] == list(DRIFT_FACTORS)
    weights = {f.name: f.weight for f in ruleset.provenance.drift.factors}
    assert {f["factor"]: f["weight"] for f in listed} == weights
    applied = {f["factor"] for f in listed if f["applies"]}
    assert applied == {
        "drifting-publisher",
        "not-pinned",
        "not-locked",
        "not-preserved",
        "family-split",
        "recent-event",
    }
    score = finding.details["score"]
    assert score["total"] == sum(weights[name] for name in applied)
    assert score["severity"] == finding.severity.value == "high"
    split = next(f for f in listed if f["factor"] == "family-split")
    assert "Qwen/Qwen2.5-3B-Instruct (qwen-research)" in split["why"]
    assert f"Exposure score {score['total']}: drifting-publisher +2" in finding.message


@pytest.mark.parametrize(
    ("revision", "locked", "preserved", "family", "today", "severity"),
    [
        (None, None, False, SPLIT, TODAY, Severity.HIGH),  # everything exposed
        (None, None, False, None, TODAY, Severity.HIGH),  # an unknown family still counts
        (None, None, False, None, LATER, Severity.MEDIUM),  # the move is old news
        (SHA, None, False, None, TODAY, Severity.MEDIUM),  # pinned, lock unknown
        (SHA, False, False, SPLIT, TODAY, Severity.HIGH),  # pinned, but no copy and a split family
        (SHA, True, False, CLEAN, LATER, Severity.MEDIUM),  # pinned and locked, but no copy
        (SHA, True, True, SPLIT, TODAY, Severity.MEDIUM),  # pinned, locked and preserved
        (SHA, True, True, CLEAN, TODAY, Severity.MEDIUM),
        (SHA, True, True, CLEAN, LATER, Severity.LOW),  # kept, family fine, old event
        ("main", True, True, CLEAN, LATER, Severity.MEDIUM),  # a branch is not a pin
    ],
)
def test_severity_rises_with_exposure(
    ruleset: RuleSet,
    revision: str | None,
    locked: bool | None,
    preserved: bool,
    family: tuple[FamilyMember, ...] | None,
    today: dt.date,
    severity: Severity,
) -> None:
    finding = drift(
        ruleset, revision=revision, locked=locked, preserved=preserved, family=family, today=today
    )
    assert finding is not None
    assert finding.severity is severity, finding.details["score"]
    applied = factors(finding)
    assert applied["not-locked"][1] is (locked is not True)
    assert applied["not-preserved"][1] is not preserved
    assert applied["family-unknown"][1] is (family is None)


@pytest.mark.parametrize(
    ("locked", "copy", "applies", "why"),
    [
        (None, None, True, "no licheck.lock: no preserved copy is on record"),
        (True, None, True, "no preserved copy is on record (licheck preserve keeps one)"),
        (True, CopyCheck("ok", "/escrow/q/s", SHA), False,
         "a verified copy is preserved at /escrow/q/s"),
        (True, CopyCheck("broken", "/escrow/q/s", SHA, "its manifest.json is missing"), True,
         "the preserved copy at /escrow/q/s no longer verifies: its manifest.json is missing"),
        (True, CopyCheck("unreachable", "/escrow/q/s", SHA, "the store /escrow is not reachable"),
         True, "could not be checked: the store /escrow is not reachable"),
        (True, CopyCheck("ok", "/escrow/q/s", "f" * 40), True, "is of commit ffffffffffff, not of"),
    ],
)  # fmt: skip
def test_preservation_is_explained(
    ruleset: RuleSet, locked: bool | None, copy: CopyCheck | None, applies: bool, why: str
) -> None:
    finding = drift(ruleset, locked=locked, copy=copy)
    assert finding is not None
    factor = next(f for f in finding.details["score"]["factors"] if f["factor"] == "not-preserved")
    assert factor["applies"] is applies and why in factor["why"]
    # The finding itself says where the copy is, or why none counts.
    assert why.lower() in finding.message.lower()


def test_lock_status_is_explained(ruleset: RuleSet) -> None:
    whys = {}
    for locked in (None, False, True):
        finding = drift(ruleset, locked=locked)
        assert finding is not None
        whys[locked] = next(
            f["why"] for f in finding.details["score"]["factors"] if f["factor"] == "not-locked"
        )
    assert whys == {None: "lock status unknown", False: "no lock entry", True: "locked"}


def test_weights_and_thresholds_are_data(tmp_path: Path) -> None:
    builtin = tmp_path / "rules"
    shutil.copytree(builtin_rules_dir(), builtin)
    policy = builtin / "provenance.toml"
    text = policy.read_text()
    text = text.replace("not-pinned = { weight = 2,", "not-pinned = { weight = 9,")
    text = text.replace("high = 10\n", "high = 10\ncritical = 15\n")
    policy.write_text(text)
    custom = load_ruleset(builtin=builtin)
    finding = drift(custom, revision=None)
    assert finding is not None
    assert factors(finding)["not-pinned"] == (9, True)
    assert finding.severity is Severity.CRITICAL  # 2 + 9 + 2 + 2 + 1 + 2 = 18
    pinned = drift(custom)
    assert pinned is not None and pinned.severity is Severity.MEDIUM  # 9


def test_recent_window_is_data(tmp_path: Path, ruleset: RuleSet) -> None:
    builtin = tmp_path / "rules"
    shutil.copytree(builtin_rules_dir(), builtin)
    policy = builtin / "provenance.toml"
    policy.write_text(policy.read_text().replace("recent_days = 365", "recent_days = 30"))
    narrow = drift(load_ruleset(builtin=builtin))
    wide = drift(ruleset)
    assert narrow is not None and wide is not None
    assert factors(narrow)["recent-event"] == (2, False)
    assert factors(wide)["recent-event"] == (2, True)
    why = next(f["why"] for f in wide.details["score"]["factors"] if f["factor"] == "recent-event")
    assert why.startswith("latest closing event 2026-04-20 (api-only-flagship): 223 days ago")


def test_recent_window_edge_is_exact(ruleset: RuleSet) -> None:
    # The README promises "a closing event within 365 days": the last day of the window still
    # counts, the day after does not.
    window = ruleset.provenance.drift.recent_days
    assert window == 365
    vendor = ruleset.vendors.for_model("Qwen/Qwen2.5-7B-Instruct", Source.HF)
    assert vendor is not None
    newest = max(latest_possible(e.date, dt.date.max) for e in vendor.closing_events)
    edge = newest + dt.timedelta(days=window)
    inside, outside = drift(ruleset, today=edge), drift(ruleset, today=edge + dt.timedelta(days=1))
    assert inside is not None and outside is not None
    assert factors(inside)["recent-event"] == (2, True)
    assert factors(outside)["recent-event"] == (2, False)
    why = {f["factor"]: f["why"] for f in outside.details["score"]["factors"]}["recent-event"]
    assert f": {window + 1} days ago (window {window} days)" in why


def test_partial_dates_count_from_their_last_possible_day() -> None:
    assert latest_possible(EventDate(2024, 2), TODAY) == dt.date(2024, 2, 29)
    assert latest_possible(EventDate(2025), TODAY) == dt.date(2025, 12, 31)
    assert latest_possible(EventDate(2026), TODAY) == TODAY  # never in the future
    assert latest_possible(EventDate(2024, 6, 6), TODAY) == dt.date(2024, 6, 6)


def test_origin_publisher_up_the_chain_drifts(ruleset: RuleSet) -> None:
    base = ModelRecord("Qwen/Qwen2.5-7B", Source.HF, None, Status.OK, sha=SHA, license="apache-2.0")
    finding = drift(
        ruleset,
        model="someone/Qwen2.5-7B-GGUF",
        base_models=(BaseModel("Qwen/Qwen2.5-7B", "quantized"),),
        extra=(base,),
    )
    assert finding is not None
    assert finding.details["publishers"] == [
        {"vendor": "qwen", "name": "Qwen (Alibaba Cloud)", "origin_of": "Qwen/Qwen2.5-7B"}
    ]
    assert "its origin publisher (through Qwen/Qwen2.5-7B)" in finding.message
    assert finding.details["origin"] == ["Qwen"]
    assert "DeepSeek-R1 (deepseek-ai) (mit)" in finding.advice


def test_unchecked_base_does_not_hide_the_drift(ruleset: RuleSet) -> None:
    # The base was not looked up: the license is unknown, but the known part is permissive and
    # the publisher drifts, so the drift is still reported (and the gap separately).
    finding = drift(ruleset, base_models=(BaseModel("Qwen/Qwen2.5-7B", "finetune"),))
    assert finding is not None
    assert finding.details["effective_license"]["complete"] is False


@pytest.mark.parametrize(
    ("model", "facts"),
    [
        ("deepseek-ai/DeepSeek-R1", {"license": "mit"}),  # publisher not drifting
        ("sentence-transformers/all-MiniLM-L6-v2", {}),  # publisher unknown to vendors.toml
        ("Qwen/Qwen2.5-3B-Instruct", {"license": "other", "license_name": "qwen-research"}),
        ("acme/tuned", {"base_models": (BaseModel("acme/gone", "finetune"),)}),  # no vendor
    ],
)
def test_no_drift_finding(ruleset: RuleSet, model: str, facts: dict[str, Any]) -> None:
    assert drift(ruleset, model=model, **facts) is None


def test_no_alternatives_on_record_says_so(ruleset: RuleSet) -> None:
    finding = drift(ruleset, model="stabilityai/some-apache-model")
    assert finding is not None
    assert "Families that have stayed permissive: none on record." in finding.advice
    assert finding.details["alternatives"] == []


def test_message_says_what_happened_could_happen_and_to_do(ruleset: RuleSet) -> None:
    finding = drift(ruleset, revision=None)
    assert finding is not None
    assert "open-to-closed moves since 2024-06-06 are on record for Qwen (Alibaba Cloud)" in (
        finding.message
    )
    assert "latest: 2026-04-20 Qwen3.6-Max-Preview" in finding.message
    assert "earlier: 2026-03-03 leadership-change" in finding.message
    assert "may move to a restrictive license or API-only access" in finding.message
    assert f"Pin revision to the full commit sha ({SHA})" in finding.advice
    assert "Microsoft Phi (microsoft) (mit)" in finding.advice


def _broken(tmp_path: Path, old: str, new: str) -> RuleFileError:
    builtin = tmp_path / "rules"
    shutil.copytree(builtin_rules_dir(), builtin)
    policy = builtin / "provenance.toml"
    text = policy.read_text()
    assert old in text
    policy.write_text(text.replace(old, new, 1))
    with pytest.raises(RuleFileError) as caught:
        load_ruleset(builtin=builtin)
    assert caught.value.path == str(policy)
    return caught.value


@pytest.mark.parametrize(
    ("old", "new", "key", "problem"),
    [
        ("recent-event = {", "recent-events = {", "vendor_drift.factors.recent-events", "unknown"),
        ("family-unknown = { weight = 1,", "family-unknown = { weight = -1,",
         "vendor_drift.factors.family-unknown.weight", "at least 0"),
        ("high = 10", "high = 3", "vendor_drift.thresholds.high", "above the medium"),
        ('default = "finetune"', 'default = "distilled"', "relations.default", "not one of"),
        ('"research-only", "unknown"]', '"research", "unknown"]', "family.split_categories",
         "unknown category"),
        ("show = 4", 'show = "4"', "family.show", "expected an integer"),
    ],
)  # fmt: skip
def test_policy_errors_name_the_key(
    tmp_path: Path, old: str, new: str, key: str, problem: str
) -> None:
    error = _broken(tmp_path, old, new)
    assert error.key == key
    assert problem in error.problem


def test_policy_file_is_required(tmp_path: Path) -> None:
    builtin = tmp_path / "rules"
    shutil.copytree(builtin_rules_dir(), builtin)
    (builtin / "provenance.toml").unlink()
    with pytest.raises(RuleFileError, match="missing"):
        load_ruleset(builtin=builtin)


def test_score_is_not_a_rule_key_typo(tmp_path: Path) -> None:
    pack = tmp_path / "team.toml"
    pack.write_text(
        '[[rule]]\nid = "TEAM001"\nname = "x"\nseverity = "low"\ncategory = "c"\n'
        'summary = "s"\nhelp = "h"\nmessage = "m"\nadvice = "a"\nscore = "vendor_drfit"\n'
        "when = { publisher_drifting = true }\n"
    )
    with pytest.raises(RuleFileError) as caught:
        load_ruleset([pack])
    assert caught.value.key == "rule[0].score" and "unknown scorer" in caught.value.problem


def test_a_team_rule_may_reuse_the_drift_score(tmp_path: Path) -> None:
    pack = tmp_path / "team.toml"
    pack.write_text(
        '[[rule]]\nid = "TEAM001"\nname = "team-drift"\nseverity = "info"\ncategory = "team"\n'
        'summary = "s"\nhelp = "h"\nmessage = "{model}: {drift_score}"\nadvice = "a"\n'
        'score = "vendor_drift"\nwhen = { publisher_drifting = true }\n'
    )
    team = load_ruleset([pack])
    ref = Reference("a.py", 1, 1, "qwen2.5:7b", Source.OLLAMA)
    (finding,) = [f for f in evaluate(team, [ref], {}, today=TODAY).findings if f.rule == "TEAM001"]
    # Ollama tag: not pinned, lock unknown, no copy, family unknown, recent: 2+2+2+2+1+2.
    assert finding.details["score"]["total"] == 11
    assert finding.severity is Severity.HIGH
    assert finding.message == "qwen2.5:7b: 11"
