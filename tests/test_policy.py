"""Project policy from [tool.licheck]: license lists, categories and waivers, on hand-built data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from licheck.config import load_config
from licheck.errors import ConfigError
from licheck.policy.apply import PolicyOutcome, apply_policy, check_policy
from licheck.policy.parse import ProjectPolicy, Waiver
from licheck.records import (
    EffectiveLicense,
    Finding,
    LicenseInfo,
    Reference,
    Report,
    Severity,
    Source,
    Waived,
)
from licheck.report.json_format import to_dict
from licheck.rules import Evaluation, RuleSet, evaluate, fingerprint

TODAY = dt.date(2026, 6, 1)


# --- hand-built evaluation ---------------------------------------------------------------------


def ref(model: str, line: int, suppressed: tuple[str, ...] = ()) -> Reference:
    return Reference("src/app.py", line, 9, model, Source.HF, "main", "python:x", suppressed)


NC = ref("org/nc", 1)
LLAMA = ref("meta-llama/Llama-3.1-8B", 2)
TUNE = ref("org/tune", 3)  # apache-2.0 card, fine-tuned from Llama
MYSTERY = ref("org/mystery", 4)  # `other` + an unknown license_name
PARTIAL = ref("org/partial", 5)  # llama3.1, but its base could not be checked
QWEN = ref("Qwen/Qwen2.5-7B", 6)
FILED = ref("org/filed", 7)  # apache-2.0 card, LICENSE file says CC BY-NC
REFS = (NC, LLAMA, TUNE, MYSTERY, PARTIAL, QWEN, FILED)


def lic(ruleset: RuleSet, license_id: str, name: str | None = None) -> LicenseInfo:
    return ruleset.taxonomy.classify(license_id, name)


def finding(ruleset: RuleSet, rule_id: str, at: Reference, **details: Any) -> Finding:
    rule = ruleset.get(rule_id)
    assert rule is not None
    return Finding(
        rule.id,
        rule.name,
        rule.category,
        rule.severity,
        at.model,
        f"{rule.name} on {at.model}",
        rule.advice,
        at.path,
        at.line,
        at.column,
        fingerprint(rule.id, at),
        {"model": at.model, **details},
    )


@pytest.fixture(scope="module")
def evaluation(ruleset: RuleSet) -> Evaluation:
    own = {
        NC: lic(ruleset, "cc-by-nc-4.0"),
        LLAMA: lic(ruleset, "llama3.1"),
        TUNE: lic(ruleset, "apache-2.0"),
        MYSTERY: lic(ruleset, "other", "acme"),
        PARTIAL: lic(ruleset, "llama3.1"),
        QWEN: lic(ruleset, "apache-2.0"),
        FILED: lic(ruleset, "apache-2.0"),
    }
    llama = own[LLAMA]
    effective = {
        TUNE.key: EffectiveLicense(
            "custom-restricted",
            "custom-restricted",
            ((TUNE.model, own[TUNE]), (LLAMA.model, llama)),
        ),
        PARTIAL.key: EffectiveLicense(
            "unknown", "custom-restricted", ((PARTIAL.model, llama),), complete=False
        ),
    }
    nc = lic(ruleset, "cc-by-nc-4.0")
    file_details = {
        "license_file": {"path": "LICENSE", "license": {"id": nc.id, "category": nc.category}}
    }
    findings = (
        finding(ruleset, "LC101", NC),
        finding(ruleset, "LC103", LLAMA),
        finding(ruleset, "LC111", TUNE),
        finding(ruleset, "LC107", MYSTERY),
        finding(ruleset, "LC103", PARTIAL),
        finding(ruleset, "LC114", PARTIAL),
        finding(ruleset, "LC301", QWEN),
        finding(ruleset, "LC112", FILED, **file_details),
    )
    return Evaluation(findings, {r.key: info for r, info in own.items()}, effective=effective)


def run(
    ruleset: RuleSet, evaluation: Evaluation, today: dt.date = TODAY, **policy: Any
) -> PolicyOutcome:
    source = Path("/proj/pyproject.toml")
    return apply_policy(
        evaluation,
        REFS,
        ruleset,
        ProjectPolicy(**policy, source=source),
        today=today,
        root=Path("/proj"),
    )


def pairs(findings: tuple[Finding, ...]) -> set[tuple[str, str]]:
    return {(f.rule, f.model) for f in findings}


ALL = {
    ("LC101", NC.model),
    ("LC103", LLAMA.model),
    ("LC111", TUNE.model),
    ("LC107", MYSTERY.model),
    ("LC103", PARTIAL.model),
    ("LC114", PARTIAL.model),
    ("LC301", QWEN.model),
    ("LC112", FILED.model),
}


@pytest.mark.parametrize(
    ("allow", "silenced"),
    [
        ((), set()),
        # The chain must be complete: org/partial keeps its LC103 (and LC114 is never silenced).
        (("llama3.1",), {("LC103", LLAMA.model)}),
        # A mismatch is about the chain: silenced only when the card's license is allowed too.
        (("LLAMA3.1", "Apache-2.0"), {("LC103", LLAMA.model), ("LC111", TUNE.model)}),
        # By Hub id or by SPDX id, any case.
        (("cc-by-nc-4.0",), {("LC101", NC.model)}),
        (("CC-BY-NC-4.0",), {("LC101", NC.model)}),
        # A LICENSE-file finding needs the file's license allowed as well as the card's.
        (("apache-2.0",), set()),
        (("apache-2.0", "cc-by-nc-4.0"), {("LC112", FILED.model), ("LC101", NC.model)}),
    ],
)
def test_allow_list_silences_only_fully_allowed_license_findings(
    ruleset: RuleSet,
    evaluation: Evaluation,
    allow: tuple[str, ...],
    silenced: set[tuple[str, str]],
) -> None:
    outcome = run(ruleset, evaluation, allow_licenses=allow)
    assert pairs(outcome.silenced) == silenced
    assert pairs(outcome.findings) == ALL - silenced
    # Nothing unknown or unverified ever goes.
    assert {("LC107", MYSTERY.model), ("LC114", PARTIAL.model)} <= pairs(outcome.findings)


def test_empty_policy_changes_nothing(ruleset: RuleSet, evaluation: Evaluation) -> None:
    outcome = run(ruleset, evaluation)
    assert set(outcome.findings) == set(evaluation.findings)
    assert (outcome.waived, outcome.silenced, outcome.suppressed) == ((), (), ())


def test_deny_list_flags_every_reference_carrying_the_license(
    ruleset: RuleSet, evaluation: Evaluation
) -> None:
    outcome = run(ruleset, evaluation, deny_licenses=("llama3.1",))
    denied = [f for f in outcome.findings if f.rule == "LC901"]
    assert {f.model for f in denied} == {LLAMA.model, TUNE.model, PARTIAL.model}
    assert all(f.severity is Severity.CRITICAL and f.category == "license-denied" for f in denied)
    assert outcome.findings[0].rule == "LC901"  # most severe first
    tune = next(f for f in denied if f.model == TUNE.model)
    assert f"inherited from {LLAMA.model}" in tune.message
    assert tune.details["denied"][0]["entry"] == "llama3.1"
    assert (tune.path, tune.line, tune.fingerprint) == ("src/app.py", 3, fingerprint("LC901", TUNE))


def test_deny_finding_honours_inline_ignore(ruleset: RuleSet, evaluation: Evaluation) -> None:
    quiet = ref(LLAMA.model, 2, suppressed=("license-denied",))
    outcome = apply_policy(
        evaluation,
        (quiet,),
        ruleset,
        ProjectPolicy(deny_licenses=("llama3.1",)),
        today=TODAY,
    )
    assert [f.rule for f in outcome.suppressed] == ["LC901"]
    assert "LC901" not in {f.rule for f in outcome.findings}


@pytest.mark.parametrize(
    ("categories", "gone", "severities"),
    [
        ((("unpinned", False),), {("LC301", QWEN.model)}, {}),
        ((("unpinned", True),), set(), {"LC301": Severity.LOW}),
        ((("unpinned", Severity.HIGH),), set(), {"LC301": Severity.HIGH}),
        ((("license-unknown", Severity.CRITICAL),), set(), {"LC107": Severity.CRITICAL}),
    ],
)
def test_categories_silence_or_regrade(
    ruleset: RuleSet,
    evaluation: Evaluation,
    categories: tuple[tuple[str, bool | Severity], ...],
    gone: set[tuple[str, str]],
    severities: dict[str, Severity],
) -> None:
    outcome = run(ruleset, evaluation, categories=categories)
    assert pairs(outcome.silenced) == gone
    assert pairs(outcome.findings) == ALL - gone
    for f in outcome.findings:
        if f.rule in severities:
            assert f.severity is severities[f.rule]


def waiver(model: str, *rules: str, expires: dt.date | None = None, index: int = 0) -> Waiver:
    return Waiver(model, rules, f"reviewed {model}", expires, index, line=10 + index)


@pytest.mark.parametrize(
    ("accept", "waived", "notes"),
    [
        # By glob and category; by exact id and rule id in any case; by rule name.
        ((waiver("qwen/*", "unpinned"),), {("LC301", QWEN.model)}, set()),
        ((waiver(NC.model, "lc101"),), {("LC101", NC.model)}, set()),
        ((waiver("org/*", "license-custom-restricted"),), {("LC103", PARTIAL.model)}, set()),
        # Expiring today still holds; expired yesterday does not, and is itself a finding.
        ((waiver(NC.model, "LC101", expires=TODAY),), {("LC101", NC.model)}, set()),
        (
            (waiver(NC.model, "LC101", expires=TODAY - dt.timedelta(days=1)),),
            set(),
            {("LC902", NC.model)},
        ),
        # A waiver that matches nothing (wrong rule for that model) is reported as unused.
        ((waiver(QWEN.model, "LC101"),), set(), {("LC903", QWEN.model)}),
        # The first waiver in file order takes the finding; the second is unused.
        (
            (waiver("*", "unpinned"), waiver(QWEN.model, "LC301", index=1)),
            {("LC301", QWEN.model)},
            {("LC903", QWEN.model)},
        ),
    ],
)
def test_waivers(
    ruleset: RuleSet,
    evaluation: Evaluation,
    accept: tuple[Waiver, ...],
    waived: set[tuple[str, str]],
    notes: set[tuple[str, str]],
) -> None:
    outcome = run(ruleset, evaluation, accept=accept)
    assert {(w.finding.rule, w.finding.model) for w in outcome.waived} == waived
    assert all(w.reason.startswith("reviewed ") for w in outcome.waived)
    assert pairs(outcome.findings) == (ALL - waived) | notes
    for note in (f for f in outcome.findings if f.rule in ("LC902", "LC903")):
        assert (note.path, note.column) == ("pyproject.toml", 1)
        assert note.line is not None and note.line >= 10


def test_expired_waiver_says_what_comes_back(ruleset: RuleSet, evaluation: Evaluation) -> None:
    old = waiver("org/*", "license-restricted", expires=dt.date(2026, 1, 31))
    outcome = run(ruleset, evaluation, accept=(old,))
    note = next(f for f in outcome.findings if f.rule == "LC902")
    assert note.severity is Severity.LOW
    assert "expired on 2026-01-31: 1 finding(s)" in note.message
    assert note.details["waiver"]["expires"] == "2026-01-31"
    # Same waiver on another line: same id. Another model pattern: another id.
    moved = run(
        ruleset,
        evaluation,
        accept=(waiver("org/*", "license-restricted", index=3, expires=dt.date(2026, 1, 31)),),
    )
    assert next(f for f in moved.findings if f.rule == "LC902").fingerprint == note.fingerprint
    other = run(
        ruleset,
        evaluation,
        accept=(waiver("org/x*", "license-restricted", expires=dt.date(2026, 1, 31)),),
    )
    assert next(f for f in other.findings if f.rule == "LC902").fingerprint != note.fingerprint


def test_policy_steps_compose(ruleset: RuleSet, evaluation: Evaluation) -> None:
    # The allow list runs first, so a waiver for an allowed finding is unused; severity
    # overrides run before waivers, so a waived finding shows its overridden severity; the
    # waiver findings obey categories too.
    outcome = run(
        ruleset,
        evaluation,
        allow_licenses=("cc-by-nc-4.0",),
        categories=(("unpinned", Severity.MEDIUM), ("waiver-unused", False)),
        accept=(waiver(NC.model, "LC101"), waiver(QWEN.model, "unpinned", index=1)),
    )
    assert [w.finding.severity for w in outcome.waived] == [Severity.MEDIUM]
    assert {f.rule for f in outcome.silenced} == {"LC101", "LC903"}
    assert pairs(outcome.findings) == ALL - {("LC101", NC.model), ("LC301", QWEN.model)}


def test_partial_scan_reports_no_unused_waiver(ruleset: RuleSet, evaluation: Evaluation) -> None:
    policy = ProjectPolicy(accept=(waiver("nobody/*", "LC101"),))
    outcome = apply_policy(evaluation, REFS, ruleset, policy, today=TODAY, whole_tree=False)
    assert pairs(outcome.findings) == ALL


def test_policy_rules_never_fire_in_evaluation(ruleset: RuleSet) -> None:
    assert {r.id for r in ruleset.rules} >= {"LC901", "LC902", "LC903"}
    result = evaluate(ruleset, REFS, {}, today=TODAY)  # nothing resolved: all unverified
    assert result.findings and not any(f.rule.startswith("LC9") for f in result.findings)


# --- names checked against the loaded rules and the taxonomy ---------------------------------


@pytest.mark.parametrize(
    ("policy", "needle"),
    [
        (ProjectPolicy(categories=(("unpined", False),)), "categories.unpined"),
        (ProjectPolicy(allow_licenses=("mit", "apache2")), "allow_licenses[1]"),
        (ProjectPolicy(deny_licenses=("cc-by-nc",)), "deny_licenses[0]"),
        (ProjectPolicy(allow_licenses=("unknown",)), "allow_licenses[0]"),
        (ProjectPolicy(allow_licenses=("cc",)), "allow_licenses[0]"),
        (ProjectPolicy(accept=(waiver("x", "LC101", "LC999", index=2),)), "accept[2].rules[1]"),
    ],
)
def test_unknown_names_are_config_errors(
    ruleset: RuleSet, policy: ProjectPolicy, needle: str
) -> None:
    with pytest.raises(ConfigError) as info:
        check_policy(policy, ruleset)
    assert needle in str(info.value)


def test_known_names_pass(ruleset: RuleSet) -> None:
    check_policy(
        ProjectPolicy(
            allow_licenses=("MIT", "Apache-2.0", "qwen-research", "LicenseRef-llama3.1"),
            deny_licenses=("cc", "unknown", "CC-BY-NC-4.0"),
            categories=(("license-denied", Severity.HIGH), ("waiver-unused", False)),
            accept=(waiver("*", "lc301", "branch-revision", "gated"),),
        ),
        ruleset,
    )


def test_typo_gets_a_suggestion(ruleset: RuleSet) -> None:
    with pytest.raises(ConfigError, match=r"did you mean apache-2\.0"):
        check_policy(ProjectPolicy(allow_licenses=("apache-2.O",)), ruleset)


# --- [tool.licheck] parsing --------------------------------------------------------------------


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "pyproject.toml"
    path.write_text(f'[project]\nname = "x"\n\n[tool.licheck]\n{body}\n', encoding="utf-8")
    return path


def test_policy_keys_are_read_with_waiver_lines(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        'allow_licenses = [" MIT ", "apache-2.0"]\n'
        'deny_licenses = ["cc-by-nc-4.0"]\n'
        'categories = { unpinned = false, gated = "INFO", vendor-drift = true }\n'
        "accept = [\n"
        '  {model = "Qwen/*", rules = ["unpinned"], reason = "pinned by the image"},\n'
        '  {model = "org/a", rules = ["LC101"], reason = "research", expires = 2026-12-31},\n'
        "]\n",
    )
    policy = load_config(path).policy
    assert policy.allow_licenses == ("MIT", "apache-2.0")
    assert policy.deny_licenses == ("cc-by-nc-4.0",)
    assert policy.categories == (
        ("unpinned", False),
        ("gated", Severity.INFO),
        ("vendor-drift", True),
    )
    assert policy.setting("gated") is Severity.INFO and policy.setting("license-unknown") is True
    first, second = policy.accept
    assert (first.model, first.rules, first.expires, first.line) == (
        "Qwen/*",
        ("unpinned",),
        None,
        9,
    )
    assert (second.expires, second.line, second.key) == (dt.date(2026, 12, 31), 10, "accept[1]")
    assert policy.source == path


def test_array_of_tables_spelling_and_repeated_models(tmp_path: Path) -> None:
    body = "".join(
        f'[[tool.licheck.accept]]\nmodel = "org/a"\nrules = ["{rule}"]\nreason = "r"\n\n'
        for rule in ("LC101", "LC301")
    )
    path = tmp_path / "pyproject.toml"
    path.write_text('[tool.licheck]\nfail_on = "high"\n\n' + body, encoding="utf-8")
    assert [w.line for w in load_config(path).policy.accept] == [5, 10]


def test_waiver_lines_come_from_the_toml_structure(tmp_path: Path) -> None:
    # A commented-out waiver, and another table's model written as a waiver's is, must not take
    # a waiver's line: a waiver-expired finding is reported there, and may be silenced there.
    path = tmp_path / "pyproject.toml"
    path.write_text(
        "[tool.licheck]\n"
        '# accept = [{model = "org/a", rules = ["LC101"], reason = "old"}]\n'
        "[tool.licheck.categories]\n"
        "unpinned = false\n"
        "[tool.other]\n"
        'model = "org/b"\n'
        "[[tool.licheck.accept]]\n"
        'model = "org/b"\n'
        'rules = ["LC101"]\n'
        'reason = "r"\n'
        "[[tool.licheck.accept]]\n"
        'reason = "r"\n'
        'rules = ["LC101"]\n'
        'model = "org/a"\n',
        encoding="utf-8",
    )
    assert [w.line for w in load_config(path).policy.accept] == [8, 14]


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ('allow_license = ["mit"]', "'allow_license'"),
        ('allow_licenses = "mit"', "allow_licenses"),
        ('allow_licenses = ["mit", 3]', "allow_licenses[1]"),
        ('deny_licenses = ["Other"]', "deny_licenses[0]"),
        ('allow_licenses = ["mit"]\ndeny_licenses = ["x", "MIT"]', "deny_licenses[1]"),
        ('categories = ["unpinned"]', "categories"),
        ('categories = { unpinned = "loud" }', "categories.unpinned"),
        ("categories = { unpinned = 1 }", "categories.unpinned"),
        ('accept = { model = "x" }', "accept"),
        ('accept = ["x"]', "accept[0]"),
        ('accept = [{model = "x", rules = ["LC101"]}]', "accept[0].reason"),
        ('accept = [{rules = ["LC101"], reason = "r"}]', "accept[0].model"),
        ('accept = [{model = "x", reason = "r"}]', "accept[0].rules"),
        ('accept = [{model = "x", rules = [], reason = "r"}]', "accept[0].rules"),
        ('accept = [{model = "x", rules = [" "], reason = "r"}]', "accept[0].rules[0]"),
        ('accept = [{model = "x", rules = ["a"], reason = "r", until = 2026-01-01}]', "].until"),
        (
            'accept = [{model = "a", rules = ["a"], reason = "r"},\n'
            '  {model = "b", rules = ["a"], reason = "r", expires = "2026-12-31"}]',
            ":6: [tool.licheck] accept[1].expires",
        ),
        (
            'accept = [{model = "b", rules = ["a"], reason = "r", expires = 2026-12-31T10:00:00}]',
            "accept[0].expires",
        ),
    ],
)
def test_config_mistakes_name_the_key(tmp_path: Path, body: str, needle: str) -> None:
    path = write(tmp_path, body)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert needle in str(info.value) and str(path) in str(info.value)


def test_from_pyproject_to_report(tmp_path: Path, ruleset: RuleSet, evaluation: Evaluation) -> None:
    path = write(
        tmp_path,
        "accept = [\n"
        '  {model = "Qwen/*", rules = ["unpinned"], reason = "pinned by the image"},\n'
        '  {model = "org/nc", rules = ["LC101"], reason = "old", expires = 2026-01-01},\n'
        "]\n",
    )
    policy = load_config(path).policy
    outcome = apply_policy(evaluation, REFS, ruleset, policy, today=TODAY, root=tmp_path)
    expired = next(f for f in outcome.findings if f.rule == "LC902")
    assert (expired.path, expired.line) == ("pyproject.toml", 7)
    report = Report(str(tmp_path), REFS, (), {}, outcome.findings, (), 1, waived=outcome.waived)
    data = to_dict(report)
    assert data["summary"]["waived"] == 1
    (entry,) = data["waived"]
    assert entry["rule"] == "LC301" and entry["id"] == fingerprint("LC301", QWEN)
    assert entry["waiver"] == {
        "model": "Qwen/*",
        "rules": ["unpinned"],
        "reason": "pinned by the image",
        "expires": None,
    }
    assert "LC301" not in {f["rule"] for f in data["findings"]}


def test_waived_record_defaults() -> None:
    f = Finding("LC1", "n", "c", Severity.LOW, "m", "msg", "adv")
    assert Waived(f, "why", "m").rules == () and Report("r", (), (), {}, (), (), 0).waived == ()
    assert to_dict(Report("r", (), (), {}, (), (), 0))["waived"] == []
