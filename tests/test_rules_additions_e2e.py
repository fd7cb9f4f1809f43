"""A project adds a license and a vendor event without touching the package: the real CLI on a
temporary project whose own rules folder (or its organisation's) holds them, against the Hub
stand-in serving a model under ``license: other`` + ``license_name: acme-internal``."""

from __future__ import annotations

import hashlib
import json
import os
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from licheck.cli import main
from licheck.cli.common import RULES_ENV
from tests.hubstub import HubStub
from tests.hubstub.data import HubData, Repo, Revision, load

Capture = pytest.CaptureFixture[str]
ACME = "acme-labs/acme-chat-7b"
WIDGET = "widget-ai/widget-7b"
QWEN_3B = "Qwen/Qwen2.5-3B-Instruct"  # qwen-research in the stand-in's usual data

APP = f"""\
from transformers import AutoModelForCausalLM

chat = AutoModelForCausalLM.from_pretrained("{ACME}")
helper = AutoModelForCausalLM.from_pretrained("{WIDGET}")
research = AutoModelForCausalLM.from_pretrained("{QWEN_3B}")
"""

LICENSES = """\
# ACME's own model license, as its compliance team records it.
[license_names.acme-internal]
title = "ACME Internal Model License"
spdx = "LicenseRef-acme-internal"
category = "custom-restricted"
note = "Internal use only; ask legal before shipping."
"""

VENDORS = """\
# A publisher licheck does not know, with a move ACME's team tracked (made up for the tests).
[vendors.widget-ai]
name = "Widget AI"
namespaces = ["widget-ai"]
ollama = []

[[vendors.widget-ai.events]]
date = 2026-06-01
kind = "api-only-flagship"
models = ["Widget-Max"]
summary = "Widget-Max offered through the API only, no weights"
source = "ACME vendor review, ticket VR-12"
confidence = "secondary"

[alternatives.acme-open]
name = "ACME Open Chat"
models = ["acme-labs/acme-open-chat-3b"]
license = "apache-2.0"
replaces = ["widget-ai"]
summary = "ACME's own open chat models, Apache 2.0 since their first release"
source = "ACME model registry"
confidence = "verified"
"""

REGRADE = """\
[regrade.qwen-research]
category = "custom-restricted"
reason = "legal signed a research agreement with Alibaba Cloud, ticket LEGAL-9"
"""


def _repo(model: str, card: dict[str, Any]) -> Repo:
    """A public model with one commit on main whose card declares ``card``."""
    sha = hashlib.sha1(f"{model}@main".encode()).hexdigest()
    front = "".join(f"{key}: {value}\n" for key, value in card.items())
    revision = Revision(
        sha=sha,
        parent=None,
        date="2026-01-05T10:00:00.000Z",
        title="Initial commit",
        card_data=card,
        tags=("transformers", f"license:{card['license']}", "region:us"),
        files={"README.md": f"---\n{front}---\n\n# {model}\n", "config.json": "{}\n"},
    )
    return Repo(
        id=model,
        aliases=(),
        synthetic=True,
        private=False,
        disabled=False,
        gated=False,
        gated_metadata=False,
        created_at="2026-01-05T10:00:00.000Z",
        library_name="transformers",
        pipeline_tag="text-generation",
        branches={"main": sha},
        tags={},
        pull_requests={},
        commits={sha: revision},
    )


def _data() -> HubData:
    base = load()
    extra = [
        _repo(ACME, {"license": "other", "license_name": "acme-internal"}),
        _repo(WIDGET, {"license": "apache-2.0"}),
    ]
    return HubData({**base.repos, **{r.id: r for r in extra}}, base.aliases, base.accounts)


@pytest.fixture(scope="module")
def acme_hub() -> Iterator[HubStub]:
    with HubStub(_data()) as stub:
        yield stub


@pytest.fixture
def project(acme_hub: HubStub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project referencing the three models, with its own rules folder, pointed at the
    stand-in with an empty cache and no token."""
    acme_hub.reset()
    monkeypatch.setenv("HF_ENDPOINT", acme_hub.url)
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf_home"))
    monkeypatch.setenv("LICHECK_CACHE_DIR", str(tmp_path / "cache"))
    for name in ("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "HF_HUB_OFFLINE", "CI", RULES_ENV):
        monkeypatch.delenv(name, raising=False)
    root = tmp_path / "acme-app"
    (root / "src").mkdir(parents=True)
    (root / "src" / "app.py").write_text(APP)
    rules = root / "compliance" / "licheck-rules"
    rules.mkdir(parents=True)
    (rules / "licenses.toml").write_text(LICENSES)
    (rules / "vendors.toml").write_text(VENDORS)
    configure(root, 'rules = ["compliance/licheck-rules"]')
    return root


def configure(root: Path, body: str) -> None:
    (root / "pyproject.toml").write_text("[tool.licheck]\n" + textwrap.dedent(body) + "\n")


def scan(root: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, Any, str]:
    code = main(["scan", str(root), "--format", "json", "--quiet", *extra])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out else None), err


def model(report: Any, name: str) -> Any:
    return next(m for m in report["models"] if m["model"] == name)


def findings(report: Any, name: str) -> dict[str, Any]:
    return {f["category"]: f for f in report["findings"] if f["model"] == name}


def test_a_project_adds_a_license_and_a_vendor_event(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    configure(project, "")  # first without the project's rules: what licheck knows alone
    _, before, _ = scan(project, capsys)
    assert model(before, ACME)["license"]["category"] == "unknown"
    assert "license-unknown" in findings(before, ACME)
    assert "vendor-drift" not in findings(before, WIDGET)

    configure(project, 'rules = ["compliance/licheck-rules"]')
    code, after, err = scan(project, capsys)
    assert code in (0, 1), err
    license = model(after, ACME)["license"]
    assert (license["id"], license["name"], license["spdx"], license["category"]) == (
        "other",
        "acme-internal",
        "LicenseRef-acme-internal",
        "custom-restricted",
    )
    acme = findings(after, ACME)
    assert "license-unknown" not in acme
    assert "Internal use only; ask legal before shipping." in acme["license-restricted"]["message"]
    assert model(after, ACME)["effective_license"]["category"] == "custom-restricted"

    drift = findings(after, WIDGET)["vendor-drift"]
    events = drift["details"]["vendor_events"]
    assert [e["summary"] for e in events] == ["Widget-Max offered through the API only, no weights"]
    assert events[0]["defined_in"].endswith("compliance/licheck-rules/vendors.toml")
    assert "ACME Open Chat" in drift["advice"]
    # The rules folder is policy: the model its alternative names is no reference of the project.
    assert {r["path"] for r in after["references"]} == {"src/app.py"}
    # The built-in knowledge is still there, and unchanged: no added event on Qwen's.
    qwen = findings(after, QWEN_3B)
    assert "license-noncommercial" in qwen
    assert all(
        "defined_in" not in e
        for e in qwen.get("vendor-drift", {}).get("details", {}).get("vendor_events", [])
    )


def test_the_allow_list_may_name_an_added_license(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    configure(project, 'allow_licenses = ["acme-internal"]')
    code, _, err = scan(project, capsys)
    assert code == 2 and "not a license id, license_name or SPDX id licheck knows" in err
    configure(project, 'rules = ["compliance/licheck-rules"]\nallow_licenses = ["acme-internal"]')
    _, report, _ = scan(project, capsys)
    assert "license-restricted" not in findings(report, ACME)
    assert "license-unknown" not in findings(report, ACME)


def test_regrading_a_builtin_license(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "compliance" / "licheck-rules" / "regrade.toml").write_text(REGRADE)
    _, report, _ = scan(project, capsys)
    assert model(report, QWEN_3B)["license"]["category"] == "custom-restricted"
    qwen = findings(report, QWEN_3B)
    assert "license-noncommercial" not in qwen
    message = qwen["license-restricted"]["message"]
    assert "Re-graded from research-only to custom-restricted by " in message
    assert "ticket LEGAL-9" in message


def test_an_organisation_wide_folder(
    project: Path, tmp_path: Path, capsys: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    org = tmp_path / "org-licheck-rules"  # outside the repository, shared by many
    org.mkdir()
    (org / "licenses.toml").write_text(LICENSES)
    configure(project, "")
    monkeypatch.setenv("LICHECK_RULES_DIRS", os.pathsep.join([str(org), ""]))
    _, report, _ = scan(project, capsys)
    assert model(report, ACME)["license"]["category"] == "custom-restricted"
    assert "vendor-drift" not in findings(report, WIDGET)  # the vendor is the project's

    # The project's folder adds to the organisation's; the same folder named twice is read once.
    configure(project, 'rules = ["compliance/licheck-rules"]')
    (project / "compliance" / "licheck-rules" / "licenses.toml").unlink()
    _, both, _ = scan(project, capsys, "--rules-dir", str(org))
    assert model(both, ACME)["license"]["category"] == "custom-restricted"
    assert "vendor-drift" in findings(both, WIDGET)

    monkeypatch.setenv("LICHECK_RULES_DIRS", str(tmp_path / "no-such-folder"))
    code, _, err = scan(project, capsys)
    assert code == 2 and "LICHECK_RULES_DIRS" in err and "no-such-folder" in err


def test_a_duplicate_between_organisation_and_project_is_an_error(
    project: Path, tmp_path: Path, capsys: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    org = tmp_path / "org"
    org.mkdir()
    (org / "acme.toml").write_text(LICENSES)
    monkeypatch.setenv("LICHECK_RULES_DIRS", str(org))
    code, report, err = scan(project, capsys)
    assert code == 2 and report is None
    project_file = project / "compliance" / "licheck-rules" / "licenses.toml"
    assert f"{project_file}: license_names.acme-internal: 'acme-internal' is already" in err
    assert str(org / "acme.toml") in err


@pytest.mark.parametrize(
    ("file", "text", "key"),
    [
        ("licenses.toml", LICENSES.replace("category =", "categroy ="),
         "license_names.acme-internal.categroy"),
        ("vendors.toml", VENDORS.replace("api-only-flagship", "api-only"),
         "vendors.widget-ai.events[0].kind"),
        ("extra.toml", 'colour = "red"\n', "colour"),
    ],
)  # fmt: skip
def test_a_bad_rules_file_is_a_usage_error_naming_file_and_key(
    project: Path, capsys: pytest.CaptureFixture[str], file: str, text: str, key: str
) -> None:
    path = project / "compliance" / "licheck-rules" / file
    path.write_text(text)
    for command in (["scan", str(project)], ["rules", "--config", str(project / "pyproject.toml")]):
        assert main(command) == 2
        err = capsys.readouterr().err
        assert f"licheck: error: {path}: {key}: " in err
        assert "Traceback" not in err


def test_vendors_and_explain_show_the_additions(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project)
    assert main(["vendors", "--format", "json"]) == 0
    listing = json.loads(capsys.readouterr().out)
    assert listing["additions"] == ["compliance/licheck-rules/vendors.toml"]
    widget = next(v for v in listing["vendors"] if v["vendor"] == "widget-ai")
    assert widget["drifting"] is True
    assert widget["events"][0]["defined_in"] == "compliance/licheck-rules/vendors.toml"
    assert main(["vendors"]) == 0
    assert "added by: compliance/licheck-rules/vendors.toml" in capsys.readouterr().out

    assert main(["explain", ACME, "--format", "json"]) == 0
    explained = json.dumps(json.loads(capsys.readouterr().out))
    assert "LicenseRef-acme-internal" in explained and "custom-restricted" in explained
