"""The license taxonomy in rules/licenses.toml and Taxonomy.classify."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from license_expression import Licensing, get_spdx_licensing

from licheck.errors import RuleFileError
from licheck.rules import Taxonomy, builtin_rules_dir
from licheck.rules.taxonomy import load_taxonomy

CATEGORIES = {
    "permissive",
    "public-domain",
    "weak-copyleft",
    "copyleft",
    "non-commercial",
    "research-only",
    "no-derivatives",
    "custom-restricted",
    "unknown",
}

# Every id the Hub accepts in `license:` (hub-docs repositories-licenses.md, 2026-08-22 HEAD).
HUB_IDS = (
    "apache-2.0", "mit", "openrail", "bigscience-openrail-m", "creativeml-openrail-m",
    "bigscience-bloom-rail-1.0", "bigcode-openrail-m", "afl-3.0", "artistic-2.0", "bsl-1.0",
    "bsd", "bsd-2-clause", "bsd-3-clause", "bsd-3-clause-clear", "c-uda", "cc", "cc0-1.0",
    "cc-by-2.0", "cc-by-2.5", "cc-by-3.0", "cc-by-4.0", "cc-by-sa-3.0", "cc-by-sa-4.0",
    "cc-by-nc-2.0", "cc-by-nc-3.0", "cc-by-nc-4.0", "cc-by-nd-4.0", "cc-by-nc-nd-3.0",
    "cc-by-nc-nd-4.0", "cc-by-nc-sa-2.0", "cc-by-nc-sa-3.0", "cc-by-nc-sa-4.0",
    "cdla-sharing-1.0", "cdla-permissive-1.0", "cdla-permissive-2.0", "wtfpl", "ecl-2.0",
    "epl-1.0", "epl-2.0", "etalab-2.0", "eupl-1.1", "eupl-1.2", "agpl-3.0", "gfdl", "gpl",
    "gpl-2.0", "gpl-3.0", "lgpl", "lgpl-2.1", "lgpl-3.0", "isc", "h-research",
    "intel-research", "lppl-1.3c", "ms-pl", "apple-ascl", "apple-amlr", "mpl-2.0", "odc-by",
    "odbl", "openmdw-1.0", "openmdw-1.1", "openrail++", "osl-3.0", "postgresql", "ofl-1.1",
    "ncsa", "unlicense", "zlib", "pddl", "lgpl-lr", "deepfloyd-if-license",
    "fair-noncommercial-research-license", "llama2", "llama3", "llama3.1", "llama3.2",
    "llama3.3", "llama4", "grok2-community", "gemma", "unknown", "other",
)  # fmt: skip

# Common license_name values used with `license: other`, and what they must classify as.
NAMES = {
    "qwen": "custom-restricted",
    "tongyi-qianwen": "custom-restricted",
    "qwen-research": "research-only",
    "tongyi-qianwen-research": "research-only",
    "stabilityai-ai-community": "custom-restricted",
    "stabilityai-nc-research-community": "non-commercial",
    "falcon-180b-tii-license-1.0": "custom-restricted",
    "falcon-180b-license-version1.0": "custom-restricted",
    "mrl": "research-only",
    "mnpl": "research-only",
    "databricks-open-model-license": "custom-restricted",
    "deepseek": "custom-restricted",
    "deepseek-license": "custom-restricted",
    "yi-license": "custom-restricted",
    "llama2": "custom-restricted",
    "llama3": "custom-restricted",
    "llama3.1": "custom-restricted",
    "gemma": "custom-restricted",
}

_LICENSE_REF = re.compile(r"LicenseRef-[A-Za-z0-9.-]+")


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    return load_taxonomy(builtin_rules_dir() / "licenses.toml")


def test_taxonomy_covers_exactly_the_hub_ids(taxonomy: Taxonomy) -> None:
    assert len(HUB_IDS) == len(set(HUB_IDS))
    assert set(taxonomy.licenses) == set(HUB_IDS)


def test_categories_are_the_documented_nine(taxonomy: Taxonomy) -> None:
    assert set(taxonomy.categories) == CATEGORIES


@pytest.fixture(scope="module")
def spdx() -> Licensing:
    return get_spdx_licensing()


@pytest.mark.parametrize("license_id", HUB_IDS)
def test_every_hub_id_has_valid_spdx_and_known_category(
    taxonomy: Taxonomy, spdx: Licensing, license_id: str
) -> None:
    entry = taxonomy.licenses[license_id]
    assert entry.category in CATEGORIES
    assert entry.title
    if entry.spdx.startswith("LicenseRef-"):
        assert _LICENSE_REF.fullmatch(entry.spdx)
    else:
        assert spdx.validate(entry.spdx).errors == [], entry.spdx


@pytest.mark.parametrize(("name", "category"), sorted(NAMES.items()))
def test_license_names_table(taxonomy: Taxonomy, name: str, category: str) -> None:
    assert name in taxonomy.names
    assert taxonomy.classify("other", name).category == category


def test_every_license_name_entry_is_valid(taxonomy: Taxonomy) -> None:
    for name, entry in taxonomy.names.items():
        assert entry.category in CATEGORIES, name
        assert entry.spdx.startswith("LicenseRef-") or entry.key in taxonomy.licenses, name


@pytest.mark.parametrize(
    ("license_id", "license_name", "category", "spdx"),
    [
        ("apache-2.0", None, "permissive", "Apache-2.0"),
        ("  Apache-2.0\n", None, "permissive", "Apache-2.0"),
        ("MIT", None, "permissive", "MIT"),
        ("cc0-1.0", None, "public-domain", "CC0-1.0"),
        ("lgpl-2.1", None, "weak-copyleft", "LGPL-2.1-only"),
        ("gpl-3.0", None, "copyleft", "GPL-3.0-only"),
        ("agpl-3.0", None, "copyleft", "AGPL-3.0-only"),
        ("cc-by-nc-4.0", None, "non-commercial", "CC-BY-NC-4.0"),
        ("cc-by-nc-nd-4.0", None, "non-commercial", "CC-BY-NC-ND-4.0"),
        ("fair-noncommercial-research-license", None, "non-commercial", None),
        ("apple-amlr", None, "research-only", "LicenseRef-apple-amlr"),
        ("cc-by-nd-4.0", None, "no-derivatives", "CC-BY-ND-4.0"),
        ("llama3.2", None, "custom-restricted", "LicenseRef-llama3.2"),
        ("gemma", None, "custom-restricted", "LicenseRef-gemma"),
        ("openrail++", None, "custom-restricted", None),
        ("other", "qwen-research", "research-only", "LicenseRef-qwen-research"),
        ("OTHER", "  Qwen-Research ", "research-only", "LicenseRef-qwen-research"),
        ("other", "qwen", "custom-restricted", "LicenseRef-qwen"),
        ("other", "falcon-180b-license-version1.0", "custom-restricted", None),
        ("other", "llama-3.1", "custom-restricted", "LicenseRef-llama3.1"),
        ("other", "apache-2.0", "permissive", "Apache-2.0"),  # a Hub id given as the name
        ("other", "acme secret/v2", "unknown", "LicenseRef-acme-secret-v2"),
        ("other", None, "unknown", "LicenseRef-other"),
        ("other", "   ", "unknown", "LicenseRef-other"),
        ("unknown", None, "unknown", "LicenseRef-unknown"),
        ("cc", None, "unknown", "LicenseRef-CC"),
        ("not-a-hub-license", None, "unknown", None),
        (None, None, "unknown", None),
        ("", "", "unknown", None),
        (None, "qwen", "custom-restricted", "LicenseRef-qwen"),  # name without an id
        ("qwen", None, "custom-restricted", "LicenseRef-qwen"),  # name written as the id
    ],
)
def test_classify(
    taxonomy: Taxonomy,
    license_id: str | None,
    license_name: str | None,
    category: str,
    spdx: str | None,
) -> None:
    info = taxonomy.classify(license_id, license_name)
    assert info.category == category
    if spdx is not None or category == "unknown":
        assert info.spdx == spdx


CR = "custom-restricted"


# (license, license_name) -> category for the popular models the project recorded.
@pytest.mark.parametrize(
    ("repo", "license_id", "license_name", "category"),
    [
        ("Qwen/Qwen2.5-7B-Instruct", "apache-2.0", None, "permissive"),
        ("Qwen/Qwen2.5-3B-Instruct", "other", "qwen-research", "research-only"),
        ("Qwen/Qwen2.5-72B-Instruct", "other", "qwen", "custom-restricted"),
        ("Qwen/Qwen2-72B-Instruct", "other", "tongyi-qianwen", "custom-restricted"),
        ("meta-llama/Llama-2-7b-chat-hf", "llama2", None, "custom-restricted"),
        ("meta-llama/Llama-4-Scout-17B-16E-Instruct", "llama4", None, "custom-restricted"),
        ("mistralai/Mistral-Large-Instruct-2407", "other", "mrl", "research-only"),
        ("mistralai/Codestral-22B-v0.1", "other", "mnpl", "research-only"),
        ("google/gemma-2-9b-it", "gemma", None, "custom-restricted"),
        ("deepseek-ai/DeepSeek-R1", "mit", None, "permissive"),
        ("deepseek-ai/DeepSeek-V3", "other", "deepseek", "custom-restricted"),
        ("stabilityai/stable-diffusion-xl-base-1.0", "openrail++", None, "custom-restricted"),
        ("stabilityai/stable-diffusion-3-medium", "other", "stabilityai-ai-community", CR),
        ("stable-diffusion-v1-5/stable-diffusion-v1-5", "creativeml-openrail-m", None, CR),
        ("tiiuae/falcon-180B", "unknown", None, "unknown"),
        ("CohereForAI/c4ai-command-r-v01", "cc-by-nc-4.0", None, "non-commercial"),
        ("databricks/dbrx-instruct", "other", "databricks-open-model-license", "custom-restricted"),
        ("xai-org/grok-2", "grok2-community", None, "custom-restricted"),
        ("bigscience/bloom", "bigscience-bloom-rail-1.0", None, "custom-restricted"),
        ("bigcode/starcoder", "bigcode-openrail-m", None, "custom-restricted"),
        ("jondurbin/airoboros-180b-2.2.1", "other", "falcon-180b-tii-license-1.0", CR),
    ],
)  # fmt: skip
def test_recorded_models_classify(
    taxonomy: Taxonomy, repo: str, license_id: str, license_name: str | None, category: str
) -> None:
    assert taxonomy.classify(license_id, license_name).category == category, repo


def test_classify_keeps_card_values_and_title(taxonomy: Taxonomy) -> None:
    link = "https://huggingface.co/Qwen/Qwen2.5-3B-Instruct/blob/main/LICENSE"
    info = taxonomy.classify(" other ", "qwen-research", f" {link} ")
    assert (info.id, info.name, info.link) == ("other", "qwen-research", link)
    assert info.title == "Qwen Research License Agreement"
    assert info.label == "qwen-research"
    assert taxonomy.classify(None, None).label == "no license declared"


def test_a_card_listing_several_licenses_carries_the_strictest(taxonomy: Taxonomy) -> None:
    both = taxonomy.classify("apache-2.0, cc-by-nc-4.0", None)
    assert both.category == "non-commercial"
    assert both.label == "apache-2.0 + cc-by-nc-4.0"
    assert both.spdx == "Apache-2.0 AND CC-BY-NC-4.0"  # conservatively, all of them apply
    assert [p.category for p in both.parts] == ["permissive", "non-commercial"]
    assert both.each() == both.parts and taxonomy.classify("mit", None).each() == (
        taxonomy.classify("mit", None),
    )
    named = taxonomy.classify("mit, other", "qwen-research")  # the name goes with `other`
    assert named.category == "research-only" and named.label == "mit + qwen-research"
    assert named.parts[1].spdx == "LicenseRef-qwen-research"
    strange = taxonomy.classify("mit, not-a-license", None)  # unknown is the strictest
    assert strange.category == "unknown" and strange.spdx is None
    entry = taxonomy.resolve("apache-2.0, cc-by-nc-4.0", None)  # the governing entry
    assert entry is not None and entry.key == "cc-by-nc-4.0"
    assert taxonomy.resolve("mit, not-a-license", None) is None


def test_aliases_point_at_their_target(taxonomy: Taxonomy) -> None:
    assert taxonomy.names["deepseek-license"] is taxonomy.names["deepseek"]
    assert taxonomy.names["llama-3.1"] is taxonomy.licenses["llama3.1"]


GOOD = """
[categories]
permissive = "p"
unknown = "u"

[licenses.mit]
title = "MIT"
spdx = "MIT"
category = "permissive"

[licenses.unknown]
title = "Unknown"
spdx = "LicenseRef-unknown"
category = "unknown"

[licenses.other]
title = "Other"
spdx = "LicenseRef-other"
category = "unknown"

[license_names.acme]
title = "Acme"
spdx = "LicenseRef-acme"
category = "permissive"
"""


@pytest.mark.parametrize(
    ("old", "new", "key", "problem"),
    [
        ('spdx = "MIT"', 'spdx = "MIT"\ncolour = "red"', "licenses.mit.colour", "unknown key"),
        ('category = "permissive"\n\n[licenses.unknown]', 'category = "free"\n\n[licenses.unknown]',
         "licenses.mit.category", "unknown category"),
        ('spdx = "MIT"', 'spdx = "MIT License"', "licenses.mit.spdx", "SPDX"),
        ('unknown = "u"', "", "categories", "'unknown' category is required"),
        ('title = "MIT"', "", "licenses.mit.title", "missing"),
        ('[license_names.acme]\ntitle = "Acme"\nspdx = "LicenseRef-acme"\ncategory = "permissive"',
         '[license_names.acme]\nsame_as = "bsd"', "license_names.acme.same_as", "not a known"),
        ("[categories]", "[categorys]", "categorys", "unknown key"),
    ],
)  # fmt: skip
def test_taxonomy_file_errors_name_the_key(
    tmp_path: Path, old: str, new: str, key: str, problem: str
) -> None:
    assert old in GOOD
    path = tmp_path / "licenses.toml"
    path.write_text(GOOD.replace(old, new, 1))
    with pytest.raises(RuleFileError) as caught:
        load_taxonomy(path)
    assert caught.value.path == str(path)
    assert caught.value.key == key
    assert problem in caught.value.problem


def test_fixture_taxonomy_loads(tmp_path: Path) -> None:
    path = tmp_path / "licenses.toml"
    path.write_text(GOOD)
    assert load_taxonomy(path).classify("other", "ACME").category == "permissive"
