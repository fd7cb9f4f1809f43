"""Report formats on a fixed, hand-built Report: golden files for every format, the SARIF schema,
the CycloneDX validator, Markdown escaping and the step-summary size cap. No network.

Regenerate the golden files with ``LICHECK_UPDATE_GOLDEN=1 pytest tests/test_report_formats.py``
and read the diff before committing it.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pytest

from licheck import __version__
from licheck.records import (
    BaseModel,
    ChainStep,
    EffectiveLicense,
    FamilyMember,
    Finding,
    HistoryEntry,
    LicenseInfo,
    ModelRecord,
    Reference,
    Report,
    RuleInfo,
    Severity,
    Skipped,
    Source,
    Status,
    Unconfirmed,
    Use,
    Waived,
)
from licheck.report import Format, render
from licheck.report.markdown import code, escape, render_markdown
from licheck.report.mermaid import label, provenance_graph

DATA = Path(__file__).parent / "data"
GOLDEN = DATA / "golden"
SARIF_SCHEMA = DATA / "schemas" / "sarif-schema-2.1.0.json"
REPO = Path(__file__).resolve().parent.parent

SHA_QWEN = "3c1b5ef5b0d9e1c2a4f60e7d8b9a0c1d2e3f4a5b"
SHA_LLAMA = "0E9E39F249A16976918F6564B8830BC894C89659"  # upper case on purpose: purls lowercase it
SHA_FT = "9f8e7d6c5b4a39281706f5e4d3c2b1a098765432"
FIXED_EPOCH = 1_767_225_600  # 2026-01-01T00:00:00Z


def _rules() -> tuple[RuleInfo, ...]:
    return (
        RuleInfo(
            "LC101",
            "unpinned-revision",
            Severity.MEDIUM,
            "pinning",
            "Model downloaded without a pinned commit",
            "Pass `revision=` with a full commit sha.\n\nSee [pinning](https://example.org/pin).",
            "https://example.org/rules/LC101",
        ),
        RuleInfo(
            "LC201",
            "non-commercial-license",
            Severity.HIGH,
            "non-commercial",
            "License forbids commercial use",
            "The license (**CC-BY-NC**) forbids commercial use.",
        ),
        RuleInfo(
            "LC220",
            "custom-restricted-license",
            Severity.MEDIUM,
            "custom-restricted",
            "License restricts use",
            "Read the acceptable-use policy.",
        ),
        RuleInfo(
            "LC301",
            "model-unavailable",
            Severity.HIGH,
            "availability",
            "Model not found on the Hub",
            "Check the id.",
        ),
    )


def example_report() -> Report:
    """Hub, legacy, Ollama and local models; base chains; a finding with no path; a skip."""
    refs = (
        Reference(
            "src/app.py",
            12,
            17,
            "Qwen/Qwen2.5-7B-Instruct",
            context="python:from_pretrained",
            uses=(Use(20, 9, "python:from_pretrained"), Use(21, 9, "python:from_pretrained")),
        ),
        Reference("scripts/train.py", 8, 9, "Qwen/Qwen2.5-7B-Instruct", context="python:hf"),
        Reference("src/app.py", 30, 5, "meta-llama/Llama-3.1-8B-Instruct", revision="main"),
        Reference("configs/train.yaml", 3, 12, "acme/llama-ft", revision=SHA_FT),
        Reference("scripts/fetch.sh", 4, 1, "gpt2", context="shell:huggingface-cli"),
        Reference("Modelfile", 1, 6, "llama3.2", Source.OLLAMA),
    )
    qwen = ModelRecord(
        "Qwen/Qwen2.5-7B-Instruct", Source.HF, None, Status.OK, sha=SHA_QWEN,
        license="apache-2.0", gated=False,
        base_models=(BaseModel("Qwen/Qwen2.5-7B", "finetune"),),
        history=(
            HistoryEntry("2024-09-25T08:00:00Z", SHA_QWEN, "apache-2.0"),
            HistoryEntry("2024-09-18T12:00:00Z", SHA_FT, "other", "qwen-research"),
        ),
        family=(FamilyMember("Qwen/Qwen2.5-3B-Instruct", "other", "qwen-research"),),
    )  # fmt: skip
    llama = ModelRecord(
        "meta-llama/Llama-3.1-8B-Instruct", Source.HF, "main", Status.OK, sha=SHA_LLAMA,
        license="llama3.1", gated="manual",
        base_models=(BaseModel("meta-llama/Llama-3.1-8B", "finetune"),),
    )  # fmt: skip
    tuned = ModelRecord(
        "acme/llama-ft", Source.HF, SHA_FT, Status.OK, sha=SHA_FT, license="cc-by-nc-4.0",
        gated=False, base_models=(BaseModel("meta-llama/Llama-3.1-8B-Instruct", "adapter"),),
    )  # fmt: skip
    gpt2 = ModelRecord("gpt2", Source.HF, None, Status.UNAVAILABLE, reason="404: not on the Hub")
    ollama = ModelRecord("llama3.2", Source.OLLAMA, None, Status.NOT_RESOLVED)
    licenses = {
        qwen.key: LicenseInfo(
            "apache-2.0", None, "Apache-2.0", "permissive",
            link="https://www.apache.org/licenses/LICENSE-2.0",
        ),
        llama.key: LicenseInfo(
            "llama3.1", None, "LicenseRef-llama3.1", "custom-restricted",
            title="Llama 3.1 Community License",
        ),
        tuned.key: LicenseInfo("cc-by-nc-4.0", None, "CC-BY-NC-4.0", "non-commercial"),
    }  # fmt: skip
    apache, research = (
        licenses[qwen.key],
        LicenseInfo("other", "qwen-research", "LicenseRef-qwen-research", "research-only"),
    )
    effective = {
        qwen.key: EffectiveLicense(
            "permissive",
            "permissive",
            ((qwen.model, apache), ("Qwen/Qwen2.5-7B", apache)),
            origin=("Qwen",),
            chain=(ChainStep("Qwen/Qwen2.5-7B", qwen.model, "finetune", 1, "ok", apache),),
        ),
        tuned.key: EffectiveLicense(
            "unknown",
            "non-commercial",
            ((tuned.model, licenses[tuned.key]), (llama.model, licenses[llama.key])),
            complete=False,
            origin=("meta-llama",),
            chain=(
                ChainStep(llama.model, tuned.model, "adapter", 1, "ok", licenses[llama.key]),
                ChainStep(
                    "meta-llama/Llama-3.1-8B",
                    llama.model,
                    "finetune",
                    2,
                    "not-looked-up",
                    relation_inferred=True,
                ),
            ),
            notes=("meta-llama/Llama-3.1-8B was not looked up: its license is unknown",),
        ),
    }
    license_index = {("apache-2.0", None): apache, ("other", "qwen-research"): research}
    unpinned = "Downloads the default branch: the bytes can change under you."
    findings = (
        Finding("LC101", "unpinned-revision", "pinning", Severity.MEDIUM,
                "Qwen/Qwen2.5-7B-Instruct", unpinned, "Pin revision to a commit sha.",
                "src/app.py", 12, 17, "fp-lc101-qwen-app"),
        Finding("LC101", "unpinned-revision", "pinning", Severity.MEDIUM,
                "Qwen/Qwen2.5-7B-Instruct", unpinned, "Pin revision to a commit sha.",
                "scripts/train.py", 8, 9, "fp-lc101-qwen-train"),
        Finding("LC101", "unpinned-revision", "pinning", Severity.MEDIUM,
                "meta-llama/Llama-3.1-8B-Instruct", "Revision 'main' is a branch.",
                "Pin revision to a commit sha.", "src/app.py", 30, 5, "fp-lc101-llama"),
        Finding("LC220", "custom-restricted-license", "custom-restricted", Severity.MEDIUM,
                "meta-llama/Llama-3.1-8B-Instruct", "Llama 3.1 Community License: MAU cap.",
                "Check the 700M MAU clause.", "src/app.py", 30, 5, "fp-lc220-llama"),
        Finding("LC201", "non-commercial-license", "non-commercial", Severity.HIGH,
                "acme/llama-ft", "CC-BY-NC-4.0 forbids commercial use.",
                "Use it for research only, or pick another model.",
                "configs/train.yaml", 3, 12, "fp-lc201-acme"),
        Finding("LC301", "model-unavailable", "availability", Severity.HIGH, "gpt2",
                "gpt2 is not on the Hub.", "Use openai-community/gpt2.",
                "scripts/fetch.sh", 4, 1, ""),
        Finding("LC900", "waiver-expired", "policy", Severity.LOW, "acme/llama-ft",
                "The waiver for acme/llama-ft expired on 2025-12-31.", "Renew or remove it."),
        Finding("LC910", "lock-entry-unused", "unlocked", Severity.INFO, "old/retired-model",
                "licheck.lock lists old/retired-model, which nothing references.",
                "Run licheck lock.", fingerprint="fp-lc910-old"),
    )  # fmt: skip
    return Report(
        root="/srv/example-project",
        references=refs,
        models=(qwen, llama, tuned, gpt2, ollama),
        licenses=licenses,
        findings=findings,
        skipped=(Skipped("src/broken.py", "syntax error at line 3"),),
        candidates=(
            Unconfirmed(
                Reference(
                    "src/tools.py",
                    4,
                    12,
                    "acme/helper-repo",
                    context="python:candidate:hf_repo",
                    candidate=True,
                ),
                "the Hub has no model by this id that this run may read (not found)",
            ),
        ),
        files_scanned=7,
        rules=_rules(),
        effective=effective,
        license_index=license_index,
        waived=(
            Waived(
                Finding(
                    "LC301",
                    "unpinned-revision",
                    "unpinned",
                    Severity.LOW,
                    "meta-llama/Llama-3.1-8B-Instruct",
                    "Downloads a branch.",
                    "Pin a sha.",
                    "src/app.py",
                    30,
                    5,
                    "fp-waived-llama",
                ),
                "pinned by the serving image",
                "meta-llama/*",
                ("unpinned",),
                "2027-01-31",
            ),
        ),
    )


def normalise(text: str) -> str:
    """Golden text that survives a version bump (and the serial derived from it)."""
    text = text.replace(__version__, "{VERSION}")
    return re.sub(r"urn:uuid:[0-9a-f-]{36}", "urn:uuid:{SERIAL}", text)


GOLDEN_FILES = {
    Format.TEXT: "report.txt",
    Format.JSON: "report.json",
    Format.SARIF: "report.sarif",
    Format.MARKDOWN: "report.md",
    Format.CYCLONEDX: "report.cdx.json",
}


@pytest.mark.parametrize("fmt", list(GOLDEN_FILES), ids=lambda f: f.value)
def test_golden(fmt: Format, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(FIXED_EPOCH))
    actual = normalise(render(example_report(), fmt))
    path = GOLDEN / GOLDEN_FILES[fmt]
    if os.environ.get("LICHECK_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.is_file(), f"missing {path}: run with LICHECK_UPDATE_GOLDEN=1"
    assert actual == path.read_text(encoding="utf-8"), f"{path.name} differs from the golden"


def test_every_format_has_a_golden_file() -> None:
    assert set(GOLDEN_FILES) == set(Format)


# --- SARIF -----------------------------------------------------------------------------------


def sarif_of(report: Report) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(render(report, Format.SARIF))
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(
        schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
    ).validate(data)
    return data


def test_sarif_is_valid_and_github_ready() -> None:
    run = sarif_of(example_report())["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert run["tool"]["driver"]["name"] == "licheck"
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == "file:///srv/example-project/"
    for rule in rules:
        assert {"id", "name", "shortDescription", "fullDescription", "help"} <= set(rule)
        assert rule["help"]["text"] and rule["help"]["markdown"]
        score = rule["properties"]["security-severity"]
        assert isinstance(score, str) and 0.0 < float(score) <= 10.0
        assert "security" in rule["properties"]["tags"]
    by_id = {r["id"]: r for r in rules}
    assert by_id["LC101"]["helpUri"] == "https://example.org/rules/LC101"
    assert "`" not in by_id["LC101"]["help"]["text"]
    assert "(https://example.org/pin)" in by_id["LC101"]["help"]["text"]
    assert float(by_id["LC201"]["properties"]["security-severity"]) >= 7.0  # GitHub "high"
    results = run["results"]
    report = example_report()
    assert len(results) == len(report.findings) + len(report.waived)
    suppressed = [r for r in results if r.get("suppressions")]
    assert [r["partialFingerprints"]["licheck/v1"] for r in suppressed] == ["fp-waived-llama"]
    assert suppressed[0]["suppressions"][0]["justification"] == "pinned by the serving image"
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert not uri.startswith(("/", "file:")) and "\\" not in uri and ".." not in uri
        assert result["partialFingerprints"]["licheck/v1"]
    fingerprints = [r["partialFingerprints"]["licheck/v1"] for r in results]
    assert len(set(fingerprints)) == len(fingerprints)
    levels = {r["partialFingerprints"]["licheck/v1"]: r["level"] for r in results}
    assert levels["fp-lc201-acme"] == "error"
    assert levels["fp-lc101-qwen-app"] == "warning"
    assert levels["fp-lc910-old"] == "note"


def test_sarif_location_region_and_fallbacks() -> None:
    results = sarif_of(example_report())["runs"][0]["results"]
    by_fp = {r["partialFingerprints"]["licheck/v1"]: r for r in results}
    app = by_fp["fp-lc101-qwen-app"]["locations"][0]["physicalLocation"]
    assert app["artifactLocation"] == {"uri": "src/app.py", "uriBaseId": "%SRCROOT%"}
    assert app["region"] == {"startLine": 12, "startColumn": 17}
    # No path, but the model is referenced: the alert sits on its first reference.
    waiver = next(r for r in results if r["ruleId"] == "LC900")
    where = waiver["locations"][0]["physicalLocation"]
    assert where["artifactLocation"]["uri"] == "configs/train.yaml"
    assert where["region"]["startLine"] == 3
    assert waiver["properties"]["locationIsFallback"] is True
    # Neither a path nor a reference: the project's pyproject.toml.
    unused = by_fp["fp-lc910-old"]["locations"][0]["physicalLocation"]
    assert unused["artifactLocation"]["uri"] == "pyproject.toml"
    # An empty fingerprint is replaced by a stable hash, not left empty.
    gpt2 = next(r for r in results if r["ruleId"] == "LC301")
    assert re.fullmatch(r"[0-9a-f]{32}", gpt2["partialFingerprints"]["licheck/v1"])


def test_sarif_describes_rules_the_report_does_not_list() -> None:
    run = sarif_of(example_report())["runs"][0]
    rule = next(r for r in run["tool"]["driver"]["rules"] if r["id"] == "LC900")
    assert rule["name"] == "waiver-expired"
    assert rule["defaultConfiguration"]["level"] == "note"


def test_sarif_fingerprint_survives_a_line_move() -> None:
    report = example_report()
    moved_findings = tuple(replace(f, line=(f.line or 0) + 40) for f in report.findings)
    moved = replace(report, findings=moved_findings)
    before = [r["partialFingerprints"] for r in sarif_of(report)["runs"][0]["results"]]
    after = [r["partialFingerprints"] for r in sarif_of(moved)["runs"][0]["results"]]
    assert before == after


def test_sarif_empty_report_and_relative_root_validate() -> None:
    empty = Report("project", (), (), {}, (), (), 0)
    run = sarif_of(empty)["runs"][0]
    assert run["results"] == [] and run["tool"]["driver"]["rules"] == []
    assert "uri" not in run["originalUriBaseIds"]["%SRCROOT%"]


def test_sarif_windows_style_path_becomes_posix() -> None:
    finding = Finding("LC101", "x", "pinning", Severity.LOW, "a/b", "m", "", "src\\win.py", 2, 3)
    report = Report("/r", (), (), {}, (finding,), (), 1)
    result = sarif_of(report)["runs"][0]["results"][0]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "src/win.py"


# --- Markdown --------------------------------------------------------------------------------


def test_markdown_sections() -> None:
    text = render_markdown(example_report())
    assert "| high | 2 |" in text and "| **total** | **8** |" in text
    assert "[`acme/llama-ft`](https://huggingface.co/acme/llama-ft)" in text
    assert "`main` → `0E9E39F249A1`" in text
    assert "advice: Use it for research only, or pick another model." in text
    # The finding at two places is one bullet listing both.
    assert "at `scripts/train.py:8`, `src/app.py:12`" in text
    assert "```mermaid\ngraph LR\n" in text
    assert 'n0 -->|"finetune"| n1' in text
    assert "[!WARNING]" not in text


def test_markdown_escapes_untrusted_text() -> None:
    hostile = "evil <img src=x onerror=alert(1)> | @octocat [x](javascript:y) $\\sqrt{2}$\n# h"
    assert "<" not in escape(hostile) and "|" not in escape(hostile).replace("\\|", "")
    assert "\\@octocat" in escape(hostile) and "\\[x\\]" in escape(hostile)
    assert "\n" not in escape(hostile) and "\\$" in escape(hostile)
    assert code("a`b|c") == "``a`b\\|c``"
    assert code("`x`") == "`` `x` ``"
    record = ModelRecord("evil/model", Source.HF, None, Status.UNAVAILABLE, reason=hostile)
    report = Report("/r", (), (record,), {}, (), (), 1)
    row = next(line for line in render_markdown(report).splitlines() if "evil/model" in line)
    assert row.count(" | ") == 7  # the pipe in the reason did not open a new column


def test_mermaid_labels_cannot_break_the_diagram() -> None:
    assert label('a"b') == '"a#quot;b"'
    assert label("x#quot;") == '"x#35;quot;"'  # a literal entity stays literal
    assert label("```\n<script>|") == '"#96;#96;#96; #lt;script#gt;#124;"'
    record = ModelRecord(
        "acme/x", Source.HF, None, Status.OK, base_models=(BaseModel('b"```', 'rel"|'),)
    )
    graph = provenance_graph(Report("/r", (), (record,), {}, (), (), 1))
    body = graph.split("```mermaid\n", 1)[1].rsplit("```", 1)[0]
    assert "```" not in body and body.count('"') % 2 == 0


def test_mermaid_graph_is_cut_at_max_edges() -> None:
    bases = tuple(BaseModel(f"base/m{i}", "merge") for i in range(30))
    record = ModelRecord("acme/merged", Source.HF, None, Status.OK, base_models=bases)
    graph = provenance_graph(Report("/r", (), (record,), {}, (), (), 1), max_edges=10)
    assert graph.count("-->") == 10
    assert "cut at 10 of 30 edges" in graph
    assert provenance_graph(Report("/r", (), (), {}, (), (), 0)) == ""


def big_report(models: int, findings_per_model: int) -> Report:
    """A synthetic project far over GitHub's 1 MiB summary limit, with multi-byte text."""
    records = tuple(
        ModelRecord(
            f"org{i}/modèle-{i}", Source.HF, None, Status.OK, sha=f"{i:040x}",
            base_models=(BaseModel(f"org{i}/base", "finetune"),),
        )
        for i in range(models)
    )  # fmt: skip
    findings = tuple(
        Finding(
            "LC101", "unpinned-revision", "pinning", Severity.MEDIUM, r.model,
            f"Référence {j} non épinglée 🚩 " + "x" * 120, "Épinglez la révision.",
            f"src/mod{j}.py", j + 1, 1, f"fp-{i}-{j}",
        )
        for i, r in enumerate(records)
        for j in range(findings_per_model)
    )  # fmt: skip
    return Report("/big", (), records, {}, findings, (), models)


def test_markdown_truncates_under_the_default_cap() -> None:
    report = big_report(models=2_000, findings_per_model=6)
    text = render_markdown(report)
    size = len(text.encode("utf-8"))
    assert 900_000 < size <= 1_000_000
    assert "[!WARNING]" in text and "Report truncated" in text
    shown = int(re.search(r"and (\d+) of 12000 findings shown", text).group(1))  # type: ignore[union-attr]
    assert 0 < shown < 12_000
    # Whatever was cut, the models table came first and is complete here.
    assert "2000 of 2000 models" in text


@pytest.mark.parametrize("cap", [1_200, 5_000, 50_000])
def test_markdown_respects_a_small_cap(cap: int) -> None:
    text = render_markdown(big_report(models=50, findings_per_model=3), max_bytes=cap)
    assert len(text.encode("utf-8")) <= cap
    assert "Report truncated" in text


def test_markdown_rejects_a_cap_too_small_for_the_note() -> None:
    with pytest.raises(ValueError):
        render_markdown(example_report(), max_bytes=100)


# --- CycloneDX -------------------------------------------------------------------------------


def cdx_of(report: Report, **kwargs: Any) -> dict[str, Any]:
    from cyclonedx.schema import SchemaVersion
    from cyclonedx.validation.json import JsonStrictValidator

    from licheck.report.cyclonedx import render_cyclonedx

    text = render_cyclonedx(report, **kwargs)
    assert JsonStrictValidator(SchemaVersion.V1_6).validate_str(text) is None
    data: dict[str, Any] = json.loads(text)
    return data


def components_by_name(bom: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {c.get("group", "") + "/" + c["name"]: c for c in bom["components"]}


def test_cyclonedx_ml_bom_components() -> None:
    bom = cdx_of(example_report(), timestamp=datetime(2026, 1, 1, tzinfo=timezone.utc))
    assert bom["specVersion"] == "1.6"
    comps = components_by_name(bom)
    assert {c["type"] for c in comps.values()} == {"machine-learning-model"}
    assert len(comps) == len(example_report().models)
    qwen = comps["Qwen/Qwen2.5-7B-Instruct"]
    assert qwen["purl"] == f"pkg:huggingface/Qwen/Qwen2.5-7B-Instruct@{SHA_QWEN}"
    assert qwen["version"] == SHA_QWEN
    assert qwen["licenses"] == [
        {
            "license": {
                "id": "Apache-2.0",
                "acknowledgement": "declared",
                "url": "https://www.apache.org/licenses/LICENSE-2.0",
            }
        }
    ]
    assert qwen["externalReferences"][0] == {
        "type": "model-card",
        "url": "https://huggingface.co/Qwen/Qwen2.5-7B-Instruct",
    }
    llama = comps["meta-llama/Llama-3.1-8B-Instruct"]
    assert llama["purl"].endswith("@" + SHA_LLAMA.lower())  # case kept in name, sha lowered
    assert llama["licenses"][0]["license"]["name"] == "Llama 3.1 Community License"
    props = {p["name"]: p["value"] for p in llama["properties"]}
    assert props["licheck:license-spdx"] == "LicenseRef-llama3.1"
    assert props["licheck:gated"] == "manual" and props["licheck:revision"] == "main"
    gpt2 = comps["/gpt2"]
    assert gpt2["purl"] == "pkg:huggingface/gpt2" and "version" not in gpt2
    assert "purl" not in comps["/llama3.2"]


def test_cyclonedx_base_models_are_ancestors() -> None:
    comps = components_by_name(cdx_of(example_report()))
    tuned = comps["acme/llama-ft"]
    (ancestor,) = tuned["pedigree"]["ancestors"]
    base_purl = f"pkg:huggingface/meta-llama/Llama-3.1-8B-Instruct@{SHA_LLAMA.lower()}"
    assert ancestor["purl"] == base_purl
    assert {"name": "licheck:relation", "value": "adapter"} in ancestor["properties"]
    # The resolved base carries its own base: the chain is nested, not flattened.
    (grand,) = ancestor["pedigree"]["ancestors"]
    assert grand["purl"] == "pkg:huggingface/meta-llama/Llama-3.1-8B"


def test_cyclonedx_bom_refs_unique_and_dependencies_resolve() -> None:
    bom = cdx_of(example_report())
    refs: list[str] = []

    def walk(component: dict[str, Any]) -> None:
        refs.append(component["bom-ref"])
        for child in component.get("pedigree", {}).get("ancestors", []):
            walk(child)

    for component in bom["components"]:
        walk(component)
    assert len(refs) == len(set(refs))
    project = next(d for d in bom["dependencies"] if d["ref"] == "project")
    assert set(project["dependsOn"]) == {c["bom-ref"] for c in bom["components"]}


def test_cyclonedx_is_deterministic(monkeypatch: pytest.MonkeyPatch) -> None:
    from licheck.report.cyclonedx import render_cyclonedx

    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(FIXED_EPOCH))
    first = render_cyclonedx(example_report())
    assert first == render_cyclonedx(example_report())
    assert '"timestamp": "2026-01-01T00:00:00+00:00"' in first
    other = replace(example_report(), models=example_report().models[:2])
    assert json.loads(render_cyclonedx(other))["serialNumber"] != json.loads(first)["serialNumber"]
    later = datetime(2026, 2, 1, tzinfo=timezone.utc)
    relabelled = json.loads(render_cyclonedx(example_report(), timestamp=later))
    assert relabelled["serialNumber"] != json.loads(first)["serialNumber"]


def test_text_path_does_not_import_cyclonedx() -> None:
    script = (
        "import sys\n"
        "from licheck.records import Report\n"
        "from licheck.report import Format, render\n"
        "for fmt in ('text', 'json', 'sarif', 'markdown'):\n"
        "    render(Report('/r', (), (), {}, (), (), 0), Format(fmt))\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('cyclonedx', 'packageurl')))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True
    )
    assert out.stdout.strip() == "[]"


def test_cyclonedx_license_forms_and_odd_base_ids() -> None:
    dual = ModelRecord("acme/dual", Source.HF, None, Status.OK, sha=SHA_FT)
    custom = ModelRecord(
        "acme/custom", Source.HF, None, Status.OK, base_models=(BaseModel("acme/", None),)
    )
    licenses = {
        dual.key: LicenseInfo("other", "dual", "Apache-2.0 OR MIT", "permissive"),
        custom.key: LicenseInfo("other", "acme-license", None, "unknown"),
    }
    comps = components_by_name(cdx_of(Report("/r", (), (dual, custom), licenses, (), (), 1)))
    assert comps["acme/dual"]["licenses"] == [
        {"expression": "Apache-2.0 OR MIT", "acknowledgement": "declared"}
    ]
    assert comps["acme/custom"]["licenses"][0]["license"]["name"] == "acme-license"
    (odd,) = comps["acme/custom"]["pedigree"]["ancestors"]
    assert odd["name"] == "acme/" and "purl" not in odd
    assert {"name": "licheck:relation", "value": "derived"} in odd["properties"]
