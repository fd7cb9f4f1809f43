"""A card listing several licenses (``license: [apache-2.0, cc-by-nc-4.0]``), end to end: every
license is classified, the strictest governs, findings name them all, and the project policy,
the lock and the reports see each one. The real CLI against the Hub stand-in."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from licheck.cli import main

TAGGED = "fixture-org/dual-licensed"
UNTAGGED = "fixture-org/dual-licensed-untagged"  # no license: tags to fall back on


def project(tmp_path: Path, policy: str = "") -> Path:
    root = tmp_path / "project"
    root.mkdir(parents=True)
    (root / "app.py").write_text(
        "from transformers import AutoModel\n"
        f'AutoModel.from_pretrained("{TAGGED}")\n'
        f'AutoModel.from_pretrained("{UNTAGGED}")\n'
    )
    if policy:
        (root / "pyproject.toml").write_text(f"[tool.licheck]\n{policy}")
    return root


def scan(root: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> dict[str, Any]:
    main(["scan", str(root), "--format", "json", "--quiet", "--fail-on", "never", *extra])
    report: dict[str, Any] = json.loads(capsys.readouterr().out)
    return report


def rules_for(report: dict[str, Any], model: str) -> set[str]:
    return {f["rule"] for f in report["findings"] if f["model"] == model}


@pytest.mark.usefixtures("hub_env", "cache_dir")
def test_every_license_counts_and_the_strictest_governs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = scan(project(tmp_path), capsys)
    models = {m["model"]: m for m in report["models"]}
    for model in (TAGGED, UNTAGGED):
        lic = models[model]["license"]
        assert lic["id"] == "apache-2.0, cc-by-nc-4.0"
        assert (lic["category"], lic["spdx"]) == ("non-commercial", "Apache-2.0 AND CC-BY-NC-4.0")
        effective = models[model]["effective_license"]
        assert effective["category"] == "non-commercial"
        assert [(x["id"], x["category"]) for x in effective["licenses"]] == [
            ("apache-2.0", "permissive"),
            ("cc-by-nc-4.0", "non-commercial"),
        ]
        assert "LC101" in rules_for(report, model)  # license-noncommercial
        assert "LC107" not in rules_for(report, model)  # never license-unknown
        (finding,) = [f for f in report["findings"] if f["model"] == model and f["rule"] == "LC101"]
        assert "apache-2.0 + cc-by-nc-4.0" in finding["message"]


@pytest.mark.usefixtures("hub_env", "cache_dir")
def test_policy_lists_judge_each_license(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    one = scan(project(tmp_path / "one", 'allow_licenses = ["apache-2.0"]\n'), capsys)
    assert "LC101" in rules_for(one, UNTAGGED)  # allowing one of two licenses is not enough
    both = 'allow_licenses = ["apache-2.0", "cc-by-nc-4.0"]\n'
    assert "LC101" not in rules_for(scan(project(tmp_path / "both", both), capsys), UNTAGGED)
    deny = scan(project(tmp_path / "deny", 'deny_licenses = ["cc-by-nc-4.0"]\n'), capsys)
    (denied,) = [f for f in deny["findings"] if f["model"] == UNTAGGED and f["rule"] == "LC901"]
    assert "cc-by-nc-4.0" in denied["message"]


@pytest.mark.usefixtures("hub_env", "cache_dir")
def test_lock_and_bom_record_every_license(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = project(tmp_path)
    assert main(["lock", str(root), "--quiet"]) == 0
    text = (root / "licheck.lock").read_text()
    assert 'license = "apache-2.0, cc-by-nc-4.0"' in text
    assert 'spdx = "Apache-2.0 AND CC-BY-NC-4.0"' in text
    main(["scan", str(root), "--format", "cyclonedx", "--quiet", "--fail-on", "never"])
    components = json.loads(capsys.readouterr().out)["components"]
    (dual,) = [c for c in components if c["name"] == "dual-licensed-untagged"]
    assert dual["licenses"] == [
        {"expression": "Apache-2.0 AND CC-BY-NC-4.0", "acknowledgement": "declared"}
    ]
