"""Two recordings of one project's facts from the Hub stand-in, with a relicensing in between.

``relicensed`` copies the stand-in's data and adds a commit on main that changes a model's
license (as a publisher relicensing its repository would); ``export`` runs the real
``licheck facts export`` against a stand-in serving given data. Tests of the bundle commands
and of the drift watch share these.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from licheck.cli import main as licheck
from tests.hubstub import HubStub, Revision, load
from tests.hubstub.data import HubData

MODEL = "Qwen/Qwen2.5-7B-Instruct"
LOADER = 'from transformers import AutoModel\nm = AutoModel.from_pretrained("{model}")\n'


def relicensed(model: str, license_id: str, license_name: str | None) -> HubData:
    """The stand-in's data with one more commit on ``model``'s main: the new license."""
    data = load()
    repo = data.repos[model]
    head = repo.main
    card = {**(head.card_data or {}), "license": license_id, "license_name": license_name}
    sha = hashlib.sha1(f"relicense {model} {license_id}".encode()).hexdigest()
    kept = [t for t in head.tags if not t.startswith("license:")]
    tags = (*kept, f"license:{license_id}")
    commit = Revision(
        sha=sha,
        parent=head.sha,
        date="2026-11-20T10:00:00.000Z",
        title="Switch the license",
        card_data=card,
        tags=tags,
        files=dict(head.files),
    )
    repo.commits[sha] = commit
    repo.branches["main"] = sha
    return data


def project(folder: Path, model: str = MODEL) -> Path:
    """A one-file project loading ``model`` unpinned."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "app.py").write_text(LOADER.format(model=model), encoding="utf-8")
    return folder


def export(
    data: HubData | None,
    root: Path,
    output: Path,
    cache: Path,
    monkeypatch: pytest.MonkeyPatch,
    *,
    token: str | None = None,
) -> int:
    """``licheck facts export`` of ``root`` against a stand-in serving ``data`` (a fresh
    ``load()`` when None), signed in with ``token`` when given."""
    with HubStub(data) as stub, monkeypatch.context() as env:
        env.setenv("HF_ENDPOINT", stub.url)
        env.setenv("HF_HOME", str(cache.parent / "hf-home"))
        for name in ("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "HF_HUB_OFFLINE", "LICHECK_FACTS"):
            env.delenv(name, raising=False)
        if token is not None:
            env.setenv("HF_TOKEN", token)
        argv = ["facts", "export", str(root), "--output", str(output)]
        return licheck([*argv, "--cache-dir", str(cache), "--quiet"])
