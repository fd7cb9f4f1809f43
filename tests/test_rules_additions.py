"""A project's or an organisation's rules folders (and [tool.licheck]) merged over the built-in
rule data: new licenses and license_names, re-grades, vendors, events and alternatives, and the
errors (duplicates, unknown keys, bad values) that name the file and the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from licheck.config import load_config
from licheck.errors import EXIT_USAGE, RuleFileError
from licheck.records import Source
from licheck.rules import RuleSet, load_ruleset, ruleset_for

ACME_LICENSE = """
[license_names.acme-internal]
title = "ACME Internal Model License"
spdx = "LicenseRef-acme-internal"
category = "custom-restricted"
note = "Internal use only; ask legal."
markers = ["ACME Internal Model License"]

[license_names."acme internal v2"]
same_as_name = "acme-internal"
"""

WIDGET_VENDOR = """
[vendors.widget-ai]
name = "Widget AI (made up for tests)"
namespaces = ["widget-ai"]
ollama = ["widget"]

[[vendors.widget-ai.events]]
date = 2026-05-01
kind = "api-only-flagship"
models = ["Widget-Max"]
summary = "Widget-Max offered through the API only (made up)"
source = "tests"
confidence = "unverified"
"""

# An event added to a vendor licheck knows (made up; only tests load it).
META_EVENT = """
[[vendors.meta.events]]
date = "2026-10"
kind = "relicensed-restrictive"
models = ["Llama-Test"]
summary = "a made-up move for the tests"
source = "tests"
confidence = "unverified"
"""


def folder(tmp_path: Path, name: str, **files: str) -> Path:
    """A rules folder ``name`` under ``tmp_path`` holding ``files`` (name -> TOML text)."""
    where = tmp_path / name
    where.mkdir(parents=True, exist_ok=True)
    for file, text in files.items():
        (where / f"{file}.toml").write_text(text)
    return where


def error_of(*dirs: Path) -> RuleFileError:
    with pytest.raises(RuleFileError) as caught:
        load_ruleset(list(dirs))
    assert caught.value.exit_code == EXIT_USAGE
    return caught.value


# --- licenses ----------------------------------------------------------------------------------


def test_an_added_license_name_and_its_alias_classify(tmp_path: Path, ruleset: RuleSet) -> None:
    assert ruleset.taxonomy.classify("other", "acme-internal").category == "unknown"
    rules = load_ruleset([folder(tmp_path, "rules", licenses=ACME_LICENSE)])
    info = rules.taxonomy.classify("other", "ACME-Internal")
    assert (info.category, info.spdx, info.title) == (
        "custom-restricted",
        "LicenseRef-acme-internal",
        "ACME Internal Model License",
    )
    assert rules.taxonomy.classify("other", "acme internal v2").category == "custom-restricted"
    assert [e.key for e in rules.taxonomy.text_matches("... ACME Internal Model License ...")] == [
        "acme-internal"
    ]
    # The built-in taxonomy is untouched: additions make a new one.
    assert ruleset.taxonomy.classify("other", "acme-internal").category == "unknown"


def test_an_added_license_id(tmp_path: Path) -> None:
    text = '[licenses.acme-1]\ntitle = "ACME 1"\nspdx = "LicenseRef-acme-1"\n'
    text += 'category = "permissive"\n'
    rules = load_ruleset([folder(tmp_path, "rules", licenses=text)])
    assert rules.taxonomy.classify("acme-1", None).category == "permissive"


def test_regrade_a_builtin_license_and_its_aliases(tmp_path: Path, ruleset: RuleSet) -> None:
    text = '[regrade.deepseek]\ncategory = "research-only"\nreason = "legal review LEGAL-7"\n'
    rules = load_ruleset([folder(tmp_path, "org", licenses=text)])
    assert ruleset.taxonomy.classify("other", "deepseek").category == "custom-restricted"
    for name in ("deepseek", "deepseek-license"):  # deepseek-license is an alias
        assert rules.taxonomy.classify("other", name).category == "research-only"
    entry = rules.taxonomy.resolve("other", "deepseek")
    assert entry is not None and entry.note is not None
    assert entry.note.startswith("Re-graded from custom-restricted to research-only by ")
    assert "org/licenses.toml: legal review LEGAL-7." in entry.note


def test_regrade_by_license_id_moves_the_names_that_point_at_it(tmp_path: Path) -> None:
    text = '[regrade."LLAMA3.1"]\ncategory = "non-commercial"\nreason = "r"\n'
    rules = load_ruleset([folder(tmp_path, "rules", licenses=text)])
    for lid, name in (("llama3.1", None), ("other", "llama-3.1"), ("other", "llama3.1")):
        assert rules.taxonomy.classify(lid, name).category == "non-commercial"
    assert rules.taxonomy.classify("llama3.2", None).category == "custom-restricted"


def test_a_project_may_regrade_what_its_organisation_added(tmp_path: Path) -> None:
    org = folder(tmp_path, "org", licenses=ACME_LICENSE)
    text = '[regrade.acme-internal]\ncategory = "permissive"\nreason = "our own weights"\n'
    project = folder(tmp_path, "project", licenses=text)
    rules = load_ruleset([org, project])
    assert rules.taxonomy.classify("other", "acme internal v2").category == "permissive"


@pytest.mark.parametrize(
    ("text", "key", "problem"),
    [
        ('[regrade.deepsek]\ncategory = "permissive"\nreason = "r"\n', "regrade.deepsek",
         "did you mean deepseek"),
        ('[regrade.deepseek]\ncategory = "fine"\nreason = "r"\n', "regrade.deepseek.category",
         "unknown category 'fine'"),
        ('[regrade.deepseek]\ncategory = "permissive"\n', "regrade.deepseek.reason",
         "missing required key"),
        ('[regrade.deepseek]\ncategory = "permissive"\nreason = "r"\nnote = "n"\n',
         "regrade.deepseek.note", "unknown key"),
        ('[regrade.other]\ncategory = "permissive"\nreason = "r"\n', "regrade.other",
         "names no license in particular"),
        ('[regrade.cc]\ncategory = "permissive"\nreason = "r"\n', "regrade.cc",
         "names no license in particular"),
        ('[regrade.deepseek]\ncategory = "permissive"\nreason = "r"\n'
         '[regrade.deepseek-license]\ncategory = "permissive"\nreason = "r"\n',
         "regrade.deepseek-license", "already re-graded, as 'deepseek'"),
        ('[license_names.Qwen-Research]\ntitle = "t"\nspdx = "MIT"\ncategory = "permissive"\n',
         "license_names.Qwen-Research", "already a license_name"),
        ('[license_names.MIT]\ntitle = "t"\nspdx = "MIT"\ncategory = "permissive"\n',
         "license_names.MIT", "already a license id"),
        ('[licenses.qwen]\ntitle = "t"\nspdx = "MIT"\ncategory = "permissive"\n',
         "licenses.qwen", "to change its category, write [regrade.\"qwen\"]"),
        ('[license_names.acme]\ntitle = "t"\nspdx = "not an id!"\ncategory = "permissive"\n',
         "license_names.acme.spdx", "neither an SPDX id"),
        ('[license_names.acme]\ntitle = "t"\nspdx = "MIT"\ncategory = "free"\n',
         "license_names.acme.category", "unknown category 'free'"),
        ('[license_names.acme]\ntitle = "t"\nspdx = "MIT"\ncategory = "permissive"\ncolour = 1\n',
         "license_names.acme.colour", "unknown key"),
        ('[license_names.acme]\nsame_as_name = "nobody"\n', "license_names.acme.same_as_name",
         "not a known license_name"),
        ('[categories]\nlax = "anything goes"\n', "categories", "unknown key"),
        ('strictness = ["permissive"]\n', "strictness", "unknown key"),
        ('legacy_ids = ["my-model"]\n', "legacy_ids", "unknown key"),
        ('license_names = ["acme"]\n', "license_names", "expected a table"),
    ],
)  # fmt: skip
def test_license_file_errors_name_file_and_key(
    tmp_path: Path, text: str, key: str, problem: str
) -> None:
    where = folder(tmp_path, "rules", licenses=text)
    err = error_of(where)
    assert (err.path, err.key) == (str(where / "licenses.toml"), key)
    assert problem in err.problem
    assert str(where / "licenses.toml") in str(err) and key in str(err)


def test_same_license_in_org_and_project_names_both_files(tmp_path: Path) -> None:
    org = folder(tmp_path, "org", licenses=ACME_LICENSE)
    again = ACME_LICENSE.replace("acme-internal]", "ACME-internal]")
    project = folder(tmp_path, "project", team=again)
    err = error_of(org, project)
    assert (err.path, err.key) == (str(project / "team.toml"), "license_names.ACME-internal")
    assert str(org / "licenses.toml") in err.problem


def test_two_regrades_of_one_license_in_two_folders(tmp_path: Path) -> None:
    text = '[regrade.qwen]\ncategory = "permissive"\nreason = "r"\n'
    org, project = folder(tmp_path, "org", a=text), folder(tmp_path, "project", b=text)
    err = error_of(org, project)
    assert (err.path, err.key) == (str(project / "b.toml"), "regrade.qwen")
    assert str(org / "a.toml") in err.problem


def test_one_folder_named_twice_is_a_duplicate_of_itself(tmp_path: Path) -> None:
    # The CLI reads such a folder once (tests/test_rules_additions_e2e.py); the loader does not
    # guess, it reports.
    org = folder(tmp_path, "org", licenses=ACME_LICENSE)
    assert "already a license_name" in error_of(org, org).problem


# --- vendors -----------------------------------------------------------------------------------


def test_a_new_vendor_and_an_event_for_a_builtin_one(tmp_path: Path, ruleset: RuleSet) -> None:
    assert ruleset.vendors.get("meta") is not None
    assert not ruleset.vendors.get("meta").drifting  # type: ignore[union-attr]
    where = folder(tmp_path, "rules", vendors=WIDGET_VENDOR + META_EVENT)
    rules = load_ruleset([where])
    widget = rules.vendors.for_model("Widget-AI/widget-7b", Source.HF)
    assert widget is not None and widget.slug == "widget-ai" and widget.drifting
    assert rules.vendors.for_model("widget2:7b", Source.OLLAMA) is widget
    meta = rules.vendors.get("meta")
    assert meta is not None and meta.drifting
    added = meta.latest_closing_event
    assert added is not None and added.summary == "a made-up move for the tests"
    assert added.defined_in is not None and added.defined_in.endswith("rules/vendors.toml")
    assert added.to_dict()["defined_in"] == added.defined_in
    assert "defined_in" not in meta.events[0].to_dict()  # built-in events stay as they were
    assert len(meta.events) == len(ruleset.vendors.get("meta").events) + 1  # type: ignore[union-attr]
    assert rules.vendors.additions == (added.defined_in,)
    assert ruleset.vendors.additions == ()


def test_a_known_vendor_gains_a_namespace(tmp_path: Path) -> None:
    text = '[vendors.qwen]\nnamespaces = ["qwen-research-lab"]\n'
    rules = load_ruleset([folder(tmp_path, "rules", vendors=text)])
    qwen = rules.vendors.for_model("qwen-research-lab/x", Source.HF)
    assert qwen is not None and qwen.slug == "qwen" and "Qwen" in qwen.namespaces


def test_an_added_alternative(tmp_path: Path) -> None:
    text = WIDGET_VENDOR + (
        '[alternatives.open-widget]\nname = "Open Widget"\nmodels = ["ow/1"]\n'
        'license = "apache-2.0"\nreplaces = ["widget-ai", "qwen"]\nsummary = "s"\n'
        'source = "tests"\nconfidence = "unverified"\n'
    )
    rules = load_ruleset([folder(tmp_path, "rules", vendors=text)])
    assert [a.slug for a in rules.vendors.alternatives_for(("widget-ai",))] == ["open-widget"]


FIRST_QWEN_EVENT = """
[[vendors.qwen.events]]
date = "2023-08"
kind = "open-release"
models = ["Qwen-72B", "Qwen-14B", "Qwen-7B"]
summary = "the same release, worded differently"
source = "elsewhere"
confidence = "verified"
"""


@pytest.mark.parametrize(
    ("text", "key", "problem"),
    [
        ('[vendors.qwen]\nname = "Qwen again"\nnamespaces = ["q"]\nollama = []\nevents = []\n',
         "vendors.qwen", "already defined in"),
        ("[vendors.qwen]\n", "vendors.qwen", "may only add events, namespaces, ollama"),
        ('[vendors.qwen]\nnotes = "x"\n', "vendors.qwen.notes", "unknown key"),
        (FIRST_QWEN_EVENT, "vendors.qwen.events[0]", "already has this event"),
        (WIDGET_VENDOR.replace('["widget-ai"]', '["widget-ai", "meta-llama"]'), "vendors.widget-ai",
         "namespace meta-llama is already claimed by vendor 'meta'"),
        ('[vendors.qwen]\nollama = ["qwq"]\n', "vendors.qwen", "already has ollama prefix qwq"),
        (WIDGET_VENDOR.replace("api-only-flagship", "went-dark"),
         "vendors.widget-ai.events[0].kind", "unknown kind 'went-dark'"),
        (WIDGET_VENDOR.replace("2026-05-01", '"May 2026"'), "vendors.widget-ai.events[0].date",
         "YYYY-MM"),
        (WIDGET_VENDOR.replace('name = "Widget', 'nmae = "Widget'), "vendors.widget-ai.nmae",
         "unknown key"),
        (WIDGET_VENDOR.replace("[vendors.widget-ai]", "[vendors.Widget_AI]").replace(
            "vendors.widget-ai.events", "vendors.Widget_AI.events"), "vendors.Widget_AI",
         "kebab-case"),
        ('[kinds.went-dark]\nclosing = true\nsummary = "s"\n', "kinds", "unknown key"),
        ("reviewed = 2026-01-01\n", "reviewed", "unknown key"),
        ('[alternatives.x]\nname = "X"\nmodels = []\nlicense = "mit"\nreplaces = ["nobody"]\n'
         'summary = "s"\nsource = "s"\nconfidence = "verified"\n', "alternatives.x.replaces",
         "not the slug of a known vendor"),
        ('[alternatives.phi]\nname = "X"\nmodels = []\nlicense = "mit"\nreplaces = ["qwen"]\n'
         'summary = "s"\nsource = "s"\nconfidence = "verified"\n', "alternatives.phi",
         "already defined"),
    ],
)  # fmt: skip
def test_vendor_file_errors_name_file_and_key(
    tmp_path: Path, text: str, key: str, problem: str
) -> None:
    where = folder(tmp_path, "rules", vendors=text)
    err = error_of(where)
    assert (err.path, err.key) == (str(where / "vendors.toml"), key)
    assert problem in err.problem


def test_same_vendor_in_org_and_project(tmp_path: Path) -> None:
    org = folder(tmp_path, "org", vendors=WIDGET_VENDOR)
    project = folder(tmp_path, "project", vendors=WIDGET_VENDOR)
    err = error_of(org, project)
    assert (err.path, err.key) == (str(project / "vendors.toml"), "vendors.widget-ai")
    assert str(org / "vendors.toml") in err.problem


def test_same_event_in_org_and_project(tmp_path: Path) -> None:
    org = folder(tmp_path, "org", vendors=META_EVENT)
    project = folder(tmp_path, "project", vendors=META_EVENT.replace("a made-up", "another"))
    err = error_of(org, project)
    assert (err.path, err.key) == (str(project / "vendors.toml"), "vendors.meta.events[0]")
    assert "org/vendors.toml" in err.problem


# --- folders, files and [tool.licheck] ---------------------------------------------------------


def test_one_file_may_hold_licenses_vendors_and_rules(tmp_path: Path, ruleset: RuleSet) -> None:
    pack = (
        '[[rule]]\nid = "ACME001"\nname = "acme-gated"\nseverity = "low"\ncategory = "acme"\n'
        'summary = "s"\nhelp = "h"\nmessage = "{model}"\nadvice = "a"\nwhen = { gated = true }\n'
    )
    where = folder(tmp_path, "rules", acme=ACME_LICENSE + WIDGET_VENDOR + pack)
    rules = load_ruleset([where / "acme.toml"])
    assert rules.get("ACME001") is not None and len(rules.rules) == len(ruleset.rules) + 1
    assert rules.vendors.get("widget-ai") is not None
    assert rules.taxonomy.classify("other", "acme-internal").category == "custom-restricted"
    assert where / "acme.toml" in rules.packs


def test_inline_rule_data_in_pyproject(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(
        "[tool.licheck]\nfail_on = 'high'\n"
        "[tool.licheck.license_names.acme-internal]\n"
        'title = "ACME"\nspdx = "LicenseRef-acme"\ncategory = "custom-restricted"\n'
        "[tool.licheck.regrade.qwen-research]\n"
        'category = "non-commercial"\nreason = "we read it"\n'
    )
    rules = ruleset_for(load_config(pyproject))
    assert rules.taxonomy.classify("other", "acme-internal").category == "custom-restricted"
    assert rules.taxonomy.classify("other", "qwen-research").category == "non-commercial"
    assert rules.additions and rules.additions[0].endswith("pyproject.toml [tool.licheck]")


def test_inline_rule_data_errors_name_the_pyproject_key(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(
        "[tool.licheck.license_names.acme-internal]\n"
        'title = "ACME"\nspdx = "LicenseRef-acme"\ncategory = "sort-of-ok"\n'
    )
    with pytest.raises(RuleFileError) as caught:
        ruleset_for(load_config(pyproject))
    assert caught.value.path == str(pyproject)
    assert caught.value.key == "tool.licheck.license_names.acme-internal.category"


def test_builtin_data_is_read_once(tmp_path: Path, ruleset: RuleSet) -> None:
    # Loading again (another command in the same process, extra folders or not) reuses the
    # parsed built-ins: the same taxonomy and rule objects, not a second parse.
    again = load_ruleset()
    assert again.taxonomy is ruleset.taxonomy and again.rules[0] is ruleset.rules[0]
    extended = load_ruleset([folder(tmp_path, "rules", vendors=WIDGET_VENDOR)])
    assert extended.taxonomy is ruleset.taxonomy  # no license additions: nothing to copy
    assert extended.rules[0] is ruleset.rules[0]
