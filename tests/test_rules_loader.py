"""Loading rule packs: the built-in pack's shape, extra packs, and errors naming file and key."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from licheck.errors import EXIT_USAGE, RuleFileError
from licheck.records import Severity
from licheck.rules import REGISTRY, RuleSet, builtin_rules_dir, load_ruleset

TEAM = Path(__file__).parent / "data" / "rules" / "team"

CATEGORIES = {
    "license-restricted",
    "license-noncommercial",
    "license-copyleft",
    "license-unknown",
    "gated",
    "unavailable",
    "unverified",
    "unpinned",
    "vendor-drift",
    "license-mismatch",
    "provenance-unchecked",
    "license-changed",
    "family-split",
    "unlocked",
    "license-denied",
    "waiver-expired",
    "waiver-unused",
}

VALID_RULE = """
[[rule]]
id = "TEAM001"
name = "team-rule"
severity = "high"
category = "team-policy"
summary = "s"
help = "h"
message = "{model} is {license}"
advice = "a"
when = { status = ["ok"], license_category = ["permissive"] }
"""


def test_builtin_dir_is_the_repository_rules_dir() -> None:
    path = builtin_rules_dir()
    assert (path / "core.toml").is_file()
    assert {"licenses.toml", "vendors.toml"} <= {p.name for p in path.glob("*.toml")}


def test_builtin_pack_covers_every_category(ruleset: RuleSet) -> None:
    assert {r.category for r in ruleset.rules} == CATEGORIES
    assert sorted(p.name for p in ruleset.packs) == ["core.toml", "lock.toml", "policy.toml"]


def test_builtin_rule_ids_follow_the_families(ruleset: RuleSet) -> None:
    families = {
        "1": {
            "license-restricted",
            "license-noncommercial",
            "license-copyleft",
            "license-unknown",
            "license-mismatch",
            "provenance-unchecked",
            "license-changed",
            "family-split",
        },
        "2": {"gated", "unavailable", "unverified"},
        "3": {"unpinned"},
        "4": {"vendor-drift"},
        "5": {"unlocked", "license-changed", "unpinned"},
        "9": {"license-denied", "waiver-expired", "waiver-unused"},
    }
    for rule in ruleset.rules:
        assert rule.id.startswith("LC") and len(rule.id) == 5, rule.id
        assert rule.category in families[rule.id[2]], rule.id
        assert rule.summary and rule.help and rule.advice


@pytest.mark.parametrize(
    ("category", "severities"),
    [
        ("license-noncommercial", {Severity.HIGH}),
        ("license-unknown", {Severity.HIGH}),
        ("license-restricted", {Severity.HIGH}),
        ("license-copyleft", {Severity.MEDIUM, Severity.LOW}),
        ("unavailable", {Severity.HIGH}),
        ("unverified", {Severity.MEDIUM, Severity.INFO}),
        ("gated", {Severity.LOW, Severity.INFO}),
        ("unpinned", {Severity.LOW, Severity.MEDIUM, Severity.INFO}),
        ("vendor-drift", {Severity.MEDIUM}),  # LC401's default; its score sets the real one
        ("license-mismatch", {Severity.HIGH, Severity.MEDIUM}),
        ("provenance-unchecked", {Severity.MEDIUM}),
        ("license-changed", {Severity.HIGH, Severity.MEDIUM, Severity.LOW}),
        ("family-split", {Severity.MEDIUM}),
    ],
)
def test_builtin_severities(ruleset: RuleSet, category: str, severities: set[Severity]) -> None:
    assert {r.severity for r in ruleset.rules if r.category == category} == severities


def test_get_by_id_or_name(ruleset: RuleSet) -> None:
    rule = ruleset.get("LC101")
    assert rule is not None
    assert ruleset.get("lc101") is rule
    assert ruleset.get(rule.name) is rule
    assert ruleset.get("LC999") is None


def test_extra_pack_dir_adds_rules(ruleset: RuleSet) -> None:
    extended = load_ruleset([TEAM])
    assert len(extended.rules) == len(ruleset.rules) + 2
    team = extended.get("team-no-gated-models")
    assert team is not None and team.pack == TEAM / "team.toml"
    assert team.help_uri == "https://example.org/wiki/model-policy"
    assert [c.predicate for c in team.conditions] == ["status", "gated"]


def test_extra_pack_may_be_a_file() -> None:
    assert load_ruleset([TEAM / "team.toml"]).get("TEAM002") is not None


def _write_pack(tmp_path: Path, text: str, name: str = "team.toml") -> Path:
    folder = tmp_path / "team"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text)
    return folder


@pytest.mark.parametrize(
    ("old", "new", "key", "problem"),
    [
        ('advice = "a"', 'advice = "a"\ncolour = "red"', "rule[0].colour", "unknown key"),
        ('severity = "high"', 'severity = "severe"', "rule[0].severity", "not one of"),
        ("license_category =", "licence_category =", "rule[0].when.licence_category",
         "unknown predicate"),
        ('license_category = ["permissive"]', 'license_category = "permissive"',
         "rule[0].when.license_category", "expected a non-empty array"),
        ('license_category = ["permissive"]', "license_category = []",
         "rule[0].when.license_category", "expected a non-empty array"),
        ('license_category = ["permissive"]', 'license_category = ["free"]',
         "rule[0].when.license_category", "got 'free'"),
        ('status = ["ok"]', 'status = ["fine"]', "rule[0].when.status", "got 'fine'"),
        ('status = ["ok"], license_category = ["permissive"]', 'on_hub = "yes"',
         "rule[0].when.on_hub", "expected true or false"),
        ('status = ["ok"], license_category = ["permissive"]', 'facts_stale = ["old"]',
         "rule[0].when.facts_stale", "expected true or false"),
        ('status = ["ok"], license_category = ["permissive"]', "", "rule[0].when",
         "at least one condition"),
        ('when = { status = ["ok"], license_category = ["permissive"] }', 'when = "always"',
         "rule[0].when", "expected a table"),
        ('advice = "a"\n', "", "rule[0].advice", "missing required key"),
        ('summary = "s"', 'summary = ""', "rule[0].summary", "must not be empty"),
        ('severity = "high"', "severity = 3", "rule[0].severity", "expected a string"),
        ('message = "{model} is {license}"', 'message = "{modle} is {license}"',
         "rule[0].message", "unknown field {modle}"),
        ('message = "{model} is {license}"', 'message = "{model.__class__}"',
         "rule[0].message", "unknown field"),
        ('message = "{model} is {license}"', 'message = "{model:>40}"', "rule[0].message",
         "no format spec"),
        ('message = "{model} is {license}"', 'message = "{model"', "rule[0].message",
         "bad template"),
        ('advice = "a"', 'advice = "see {url}"', "rule[0].advice", "unknown field {url}"),
        ('id = "TEAM001"', 'id = "team-1"', "rule[0].id", "not an id"),
        ('name = "team-rule"', 'name = "Team_Rule"', "rule[0].name", "kebab-case"),
        ('category = "team-policy"', 'category = "Team Policy"', "rule[0].category",
         "kebab-case"),
        ('advice = "a"', 'advice = "a"\nhelp_uri = "wiki/page"', "rule[0].help_uri", "URL"),
        ("[[rule]]", "[[rules]]", "rules", "unknown key"),
    ],
)  # fmt: skip
def test_rule_file_errors_name_file_and_key(
    tmp_path: Path, old: str, new: str, key: str, problem: str
) -> None:
    assert old in VALID_RULE
    folder = _write_pack(tmp_path, VALID_RULE.replace(old, new, 1))
    with pytest.raises(RuleFileError) as caught:
        load_ruleset([folder])
    err = caught.value
    assert (err.path, err.key) == (str(folder / "team.toml"), key)
    assert problem in err.problem
    assert str(folder / "team.toml") in str(err) and key in str(err)
    assert err.exit_code == EXIT_USAGE


def test_error_in_second_rule_names_its_index(tmp_path: Path) -> None:
    second = VALID_RULE.replace("TEAM001", "TEAM002").replace("team-rule", "team-rule-2")
    folder = _write_pack(tmp_path, VALID_RULE + second.replace('"high"', '"urgent"'))
    with pytest.raises(RuleFileError) as caught:
        load_ruleset([folder])
    assert caught.value.key == "rule[1].severity"


def test_invalid_toml_names_the_file(tmp_path: Path) -> None:
    folder = _write_pack(tmp_path, "[[rule]\nid = ")
    with pytest.raises(RuleFileError) as caught:
        load_ruleset([folder])
    assert caught.value.path == str(folder / "team.toml")
    assert "not valid TOML" in caught.value.problem


@pytest.mark.parametrize(
    ("text", "key", "problem"),
    [
        (VALID_RULE.replace("TEAM001", "LC101"), "rule[0].id", "duplicate rule id 'LC101'"),
        (VALID_RULE.replace("TEAM001", "lc101"), "rule[0].id", "not an id"),
        (VALID_RULE.replace("team-rule", "license-unknown"), "rule[0].name", "duplicate rule name"),
        (VALID_RULE + VALID_RULE.replace("team-rule", "team-rule-2"), "rule[1].id", "duplicate"),
    ],
)
def test_duplicate_rules_are_errors(tmp_path: Path, text: str, key: str, problem: str) -> None:
    folder = _write_pack(tmp_path, text)
    with pytest.raises(RuleFileError) as caught:
        load_ruleset([folder])
    assert (caught.value.path, caught.value.key) == (str(folder / "team.toml"), key)
    assert problem in caught.value.problem


def test_duplicate_id_across_two_extra_packs(tmp_path: Path) -> None:
    one = _write_pack(tmp_path, VALID_RULE, "a.toml")
    _write_pack(tmp_path, VALID_RULE.replace("team-rule", "team-other"), "b.toml")
    with pytest.raises(RuleFileError) as caught:
        load_ruleset([one])
    assert caught.value.path == str(one / "b.toml")
    assert "a.toml" in caught.value.problem


@pytest.mark.parametrize("special", ["provenance.toml", "scan.toml"])
def test_built_in_only_files_are_refused_in_extra_dirs(tmp_path: Path, special: str) -> None:
    folder = _write_pack(tmp_path, "", special)
    with pytest.raises(RuleFileError) as caught:
        load_ruleset([folder])
    assert caught.value.path == str(folder / special)
    assert "built in" in caught.value.problem


def test_missing_extra_dir(tmp_path: Path) -> None:
    with pytest.raises(RuleFileError) as caught:
        load_ruleset([tmp_path / "nope"])
    assert caught.value.path == str(tmp_path / "nope")


def test_empty_extra_pack_is_allowed(tmp_path: Path, ruleset: RuleSet) -> None:
    folder = _write_pack(tmp_path, "# staged, no rules yet\n")
    assert len(load_ruleset([folder]).rules) == len(ruleset.rules)


@pytest.mark.parametrize("missing", ["licenses.toml", "vendors.toml"])
def test_builtin_dir_needs_taxonomy_and_vendors(tmp_path: Path, missing: str) -> None:
    builtin = tmp_path / "builtin"
    shutil.copytree(builtin_rules_dir(), builtin)
    (builtin / missing).unlink()
    with pytest.raises(RuleFileError) as caught:
        load_ruleset(builtin=builtin)
    assert caught.value.path == str(builtin / missing)


def test_broken_builtin_taxonomy_names_the_file(tmp_path: Path) -> None:
    builtin = tmp_path / "builtin"
    shutil.copytree(builtin_rules_dir(), builtin)
    taxonomy = builtin / "licenses.toml"
    taxonomy.write_text(
        taxonomy.read_text().replace('category = "permissive"', 'category = "ok"', 1)
    )
    with pytest.raises(RuleFileError) as caught:
        load_ruleset(builtin=builtin)
    assert caught.value.path == str(taxonomy)
    assert caught.value.key == 'licenses."apache-2.0".category'


def test_registry_documents_every_predicate() -> None:
    expected = {
        "status",
        "license_category",
        "gated",
        "gate_mode",
        "pin",
        "source",
        "on_hub",
        "lock",
        "policy",
    }
    provenance = {
        "effective_category",
        "known_effective_category",
        "inherits_stricter",
        "ancestor_unchecked",
        "license_file_contradicts",
        "license_changed",
        "head_license_differs",
        "family_split",
        "publisher_drifting",
    }
    assert expected | {"vendor_drifting", "docs", "facts_stale"} | provenance == set(REGISTRY)
    assert all(p.doc for p in REGISTRY.values())


def test_what_allow_lists_may_silence_is_data(ruleset: RuleSet) -> None:
    assert ruleset.allowable == {
        "license-noncommercial",
        "license-restricted",
        "license-copyleft",
        "license-mismatch",
    }
    # An allow list vouches for terms someone read: never for unknown or unchecked ones.
    assert not ruleset.allowable & {
        "license-unknown",
        "provenance-unchecked",
        "unverified",
        "license-changed",
    }


@pytest.mark.parametrize(
    ("old", "new", "key", "problem"),
    [
        ('"license-mismatch",\n]', '"license-mismatched",\n]', "allowable_categories",
         "'license-mismatched' is no built-in rule's category"),
        ("allowable_categories = [", "allowable = [", "allowable", "unknown key"),
    ],
)  # fmt: skip
def test_broken_allowable_categories_name_the_key(
    tmp_path: Path, old: str, new: str, key: str, problem: str
) -> None:
    builtin = tmp_path / "builtin"
    shutil.copytree(builtin_rules_dir(), builtin)
    policy = builtin / "policy.toml"
    assert old in policy.read_text()
    policy.write_text(policy.read_text().replace(old, new, 1))
    with pytest.raises(RuleFileError) as caught:
        load_ruleset(builtin=builtin)
    assert (caught.value.path, caught.value.key) == (str(policy), key)
    assert problem in caught.value.problem
