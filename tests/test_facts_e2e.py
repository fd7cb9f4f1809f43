"""Facts bundles end to end on the Hub stand-in: export, scan offline with a bundle, import,
the configuration and environment sources, staleness, and what a bundle must never hold."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from licheck.cli import main as licheck
from licheck.facts.detect import REASON
from tests.facts_recording import MODEL, export, project
from tests.hubstub import ACME_TOKEN, HubStub

CLOSED = "http://127.0.0.1:9"  # nothing listens there: any Hub request fails at once


@pytest.fixture
def offline_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No network, no token, no organisation bundle, a fresh cache folder (returned)."""
    monkeypatch.setenv("HF_ENDPOINT", CLOSED)
    for name in ("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "LICHECK_FACTS"):
        monkeypatch.delenv(name, raising=False)
    cache = tmp_path / "scan-cache"
    monkeypatch.setenv("LICHECK_CACHE_DIR", str(cache))
    return cache


@pytest.fixture
def recorded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A project and its bundle, exported from the stand-in (outside the project)."""
    root = project(tmp_path / "app")
    bundle = tmp_path / "facts.json"
    assert export(None, root, bundle, tmp_path / "export-cache", monkeypatch) == 0
    return root, bundle


def _scan_json(root: Path, *args: str) -> dict[str, object]:
    out = root.parent / "report.json"
    code = licheck(["scan", str(root), "--offline", "-f", "json", "-o", str(out), "-q", *args])
    assert code in (0, 1)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _model(report: dict[str, object], model: str = MODEL) -> dict[str, object]:
    models = report["models"]
    assert isinstance(models, list)
    return next(m for m in models if m["model"] == model and m["revision"] is None)


def test_export_writes_the_documented_layout(recorded: tuple[Path, Path]) -> None:
    _, bundle = recorded
    document = json.loads(bundle.read_text(encoding="utf-8"))
    assert list(document)[:4] == ["format", "licheck_version", "exported_at", "facts"]
    assert document["format"] == "licheck/facts/v1"
    models = {m["model"]: m for m in document["models"]}
    # The referenced model, its base model (the chain), and the history's commits.
    assert {MODEL, "Qwen/Qwen2.5-7B"} <= set(models)
    lookup = next(entry for entry in models[MODEL]["lookups"] if entry["revision"] is None)
    assert lookup["record"]["license"] == "apache-2.0"
    assert lookup["endpoint"].startswith("http://127.0.0.1:")
    assert lookup["fetched_at"].endswith("Z")
    assert {f["kind"] for f in document["facts"]} >= {"history", "family", "license_file"}
    assert [m["model"] for m in document["models"]] == sorted(models)


def test_offline_scan_reads_the_bundle_and_says_so(
    recorded: tuple[Path, Path], offline_env: Path
) -> None:
    root, bundle = recorded
    without = _model(_scan_json(root))
    assert without["status"] == "unverified"
    assert "facts_source" not in without
    report = _scan_json(root, "--facts", str(bundle))
    record = _model(report)
    assert record["status"] == "ok"
    assert record["facts_source"] == "facts bundle facts.json"
    assert isinstance(record["recorded_at"], str) and record["recorded_at"].endswith("Z")
    assert record["facts_stale"] is False
    assert record["license"]["category"] == "permissive"  # type: ignore[index]
    assert record["history"], "the deeper facts travel with the bundle"
    text = root.parent / "report.txt"
    licheck(["scan", str(root), "--offline", "--facts", str(bundle), "-o", str(text), "-q"])
    day = str(record["recorded_at"])[:10]
    assert f"from facts bundle facts.json, recorded {day}" in text.read_text(encoding="utf-8")


def test_compressed_bundle_and_the_environment_variable(
    tmp_path: Path, recorded: tuple[Path, Path], offline_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, bundle = recorded
    packed = tmp_path / "org" / "facts.json.gz"
    packed.parent.mkdir()
    packed.write_bytes(gzip.compress(bundle.read_bytes()))
    monkeypatch.setenv("LICHECK_FACTS", str(packed))
    assert _model(_scan_json(root))["facts_source"] == "facts bundle facts.json.gz"


def test_import_fills_the_cache(
    recorded: tuple[Path, Path], offline_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, bundle = recorded
    assert licheck(["facts", "import", str(bundle), "--cache-dir", str(offline_env), "-q"]) == 0
    assert _model(_scan_json(root))["status"] == "unverified"  # cached for another endpoint
    # Imported answers serve runs against the endpoint they were fetched from (the stand-in,
    # stopped by now: no request could succeed anyway).
    document = json.loads(bundle.read_text(encoding="utf-8"))
    monkeypatch.setenv("HF_ENDPOINT", document["models"][0]["lookups"][0]["endpoint"])
    record = _model(_scan_json(root))
    assert record["status"] == "ok" and record["cached"] is True
    assert "facts_source" not in record  # the cache answered, as after any online run


def test_configured_bundle_stays_inside_the_tree(
    tmp_path: Path, recorded: tuple[Path, Path], offline_env: Path
) -> None:
    root, bundle = recorded
    inside = root / "facts" / "bundle.json"
    inside.parent.mkdir()
    inside.write_bytes(bundle.read_bytes())
    config = root / "pyproject.toml"
    config.write_text('[tool.licheck]\nfacts = ["facts/bundle.json"]\n', encoding="utf-8")
    report = _scan_json(root)
    assert _model(report)["status"] == "ok"
    # The bundle is an answer, not a dependency: the scan does not read model ids from it.
    references = report["references"]
    assert isinstance(references, list)
    assert {r["path"] for r in references} == {"app.py"}

    # Left in the tree without being named, a bundle is skipped with the reason.
    config.unlink()
    report = _scan_json(root)
    assert {r["path"] for r in report["references"]} == {"app.py"}  # type: ignore[union-attr]
    assert {"path": "facts/bundle.json", "reason": REASON} in report["skipped"]  # type: ignore[operator]

    config.write_text('[tool.licheck]\nfacts = ["../facts.json"]\n', encoding="utf-8")
    assert licheck(["scan", str(root), "--offline", "-q"]) == 2
    (root / "link.json").symlink_to(bundle)
    config.write_text('[tool.licheck]\nfacts = ["link.json"]\n', encoding="utf-8")
    assert licheck(["scan", str(root), "--offline", "-q"]) == 2


def test_refused_outside_tree_names_the_reason(
    recorded: tuple[Path, Path], offline_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root, _ = recorded
    (root / "pyproject.toml").write_text('[tool.licheck]\nfacts = ["../facts.json"]\n')
    assert licheck(["scan", str(root), "--offline", "-q"]) == 2
    assert "leads outside the scanned tree" in capsys.readouterr().err


def test_stale_bundle_is_a_finding(
    tmp_path: Path, recorded: tuple[Path, Path], offline_env: Path
) -> None:
    root, bundle = recorded
    document = json.loads(bundle.read_text(encoding="utf-8"))
    for model in document["models"]:
        for lookup in model["lookups"]:
            lookup["fetched_at"] = "2020-01-01T00:00:00Z"
    old = tmp_path / "old.json"
    old.write_text(json.dumps(document), encoding="utf-8")
    findings = _scan_json(root, "--facts", str(old))["findings"]
    assert isinstance(findings, list)
    stale = [f for f in findings if f["rule"] == "LC206" and f["model"] == MODEL]
    assert stale and "recorded 2020-01-01T00:00:00Z" in stale[0]["message"]
    fresh = _scan_json(root, "--facts", str(bundle))["findings"]
    assert isinstance(fresh, list)
    assert not [f for f in fresh if f["rule"] == "LC206"]


def test_bad_bundles_are_refused_or_skipped_with_a_reason(
    tmp_path: Path,
    recorded: tuple[Path, Path],
    offline_env: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    root, bundle = recorded
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    assert licheck(["scan", str(root), "--offline", "--facts", str(broken), "-q"]) == 2
    assert "broken.json: not JSON" in capsys.readouterr().err
    broken.write_text('{"format": "something/else"}', encoding="utf-8")
    assert licheck(["scan", str(root), "--offline", "--facts", str(broken), "-q"]) == 2
    assert "expected 'licheck/facts/v1'" in capsys.readouterr().err
    document = json.loads(bundle.read_text(encoding="utf-8"))
    target = next(m for m in document["models"] if m["model"] == MODEL)
    for lookup in target["lookups"]:
        lookup["record"]["license"] = 42  # not a license id
    document["models"].append({"model": 7})
    broken.write_text(json.dumps(document), encoding="utf-8")
    licheck(["scan", str(root), "--offline", "--facts", str(broken), "-o", str(tmp_path / "r")])
    err = capsys.readouterr().err
    assert "'record.license' is not a string" in err and "not an object with a 'model'" in err
    # The bad entries are skipped: the model is unknown again, never guessed.
    assert _model(_scan_json(root, "--facts", str(broken)))["status"] == "unverified"


def test_online_scan_falls_back_to_the_bundle_when_the_hub_fails(
    hub: HubStub, recorded: tuple[Path, Path], offline_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, bundle = recorded
    monkeypatch.setenv("HF_ENDPOINT", hub.url)
    hub.fail(MODEL, 0, times=100)  # the connection drops every time
    hub.fail_listing(MODEL.split("/")[0], 0, times=100)  # on the listing that answers heads too
    out = root.parent / "online.json"
    licheck(["scan", str(root), "--facts", str(bundle), "-f", "json", "-o", str(out), "-q"])
    record = _model(json.loads(out.read_text(encoding="utf-8")))
    assert record["status"] == "ok" and record["facts_source"] == "facts bundle facts.json"
    # Another model the Hub answers comes from the Hub, as without a bundle.
    hub.reset()
    licheck(["scan", str(root), "--facts", str(bundle), "-f", "json", "-o", str(out), "-q"])
    assert "facts_source" not in _model(json.loads(out.read_text(encoding="utf-8")))


def test_export_never_holds_the_token(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = project(tmp_path / "private", "acme-corp/internal-model")
    bundle = tmp_path / "private.json"
    cache = tmp_path / "cache"
    assert export(None, root, bundle, cache, monkeypatch, token=ACME_TOKEN) == 0
    text = bundle.read_text(encoding="utf-8")
    document = json.loads(text)
    models = {m["model"]: m for m in document["models"]}
    # The token was used (the private repo answered) and appears nowhere in the bundle.
    assert models["acme-corp/internal-model"]["lookups"][0]["record"]["status"] == "ok"
    assert ACME_TOKEN not in text and "signed_in" not in text
    assert ACME_TOKEN not in (cache / "hub.sqlite3").read_bytes().decode("latin-1")


def test_an_offline_scan_with_a_bundle_never_imports_huggingface_hub(
    recorded: tuple[Path, Path], offline_env: Path, tmp_path: Path
) -> None:
    root, bundle = recorded
    program = (
        "import sys\n"
        "from licheck.cli import main\n"
        f"code = main(['scan', {str(root)!r}, '--offline', '--facts', {str(bundle)!r}, '-q',\n"
        f"             '-o', {str(tmp_path / 'out.txt')!r}])\n"
        "sys.exit(10 + code if 'huggingface_hub' in sys.modules else code)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, timeout=120
    )
    assert done.returncode in (0, 1), done.stderr
    assert "from facts bundle facts.json" in (tmp_path / "out.txt").read_text(encoding="utf-8")
