"""The pre-commit hooks: the manifest, its file filter, start-up imports, and a real try-repo run.

The try-repo test installs this checkout into pre-commit's own virtualenv from PyPI, as a user's
machine would; it is the one slow test here (about 20 s with a cold pip cache).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path, PurePosixPath
from typing import Any

import pytest
from pre_commit.clientlib import load_manifest  # type: ignore[import-untyped]

from licheck.scan.registry import extractor_for, extractors
from tests.hubstub import HubStub

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / ".pre-commit-hooks.yaml"
SHA = "a09a35458c702b33eeacc393d103063234e8bc28"
GIT = shutil.which("git")
# Never loaded by an offline scan: the Hub client and its HTTP stack, and the formats' libraries.
HEAVY = ("huggingface_hub", "httpx", "httpx2", "requests", "urllib3", "cyclonedx", "jsonschema")


def hooks() -> dict[str, dict[str, Any]]:
    """The manifest as pre-commit itself reads it (schema-checked, defaults filled in)."""
    return {hook["id"]: hook for hook in load_manifest(str(MANIFEST))}


def test_manifest_hooks() -> None:
    found = hooks()
    assert set(found) == {"licheck", "licheck-full"}
    quick, full = found["licheck"], found["licheck-full"]
    assert quick["language"] == full["language"] == "python"
    assert quick["entry"].split()[:2] == ["licheck", "scan"]
    assert {"--offline", "--locked"} <= set(quick["entry"].split())
    assert quick["pass_filenames"] is True
    assert quick["require_serial"] is True, "one licheck.lock: never run in parallel batches"
    assert quick["types"] == ["text"]
    assert full["pass_filenames"] is False
    assert full["always_run"] is True
    assert full["stages"] == ["manual"]
    assert "--offline" not in full["entry"].split()


def words(text: str) -> list[str]:
    """Whitespace-separated words: keeps long tables of names readable."""
    return text.split()


# Names of every kind licheck reads, and of kinds it does not; the filter must agree on each.
CANDIDATES = words(
    """
    app.py pkg/mod.pyw stubs/x.pyi ext/fast.pyx nb/explore.ipynb conf/a.yaml conf/b.yml c.json
    d.jsonc pyproject.toml run.sh x.bash x.zsh x.ksh setup.ps1 m.psm1 w.bat w.cmd rules.mk
    app.dockerfile Dockerfile docker/Dockerfile.gpu dockerfile.dev Containerfile Makefile
    GNUmakefile justfile Procfile .env .env.local config/prod.env Modelfile
    ollama/Modelfile.llama3 x.modelfile requirements.txt setup.cfg tox.ini nginx.conf web/app.js
    a.mjs a.cjs a.ts a.tsx a.jsx main.go lib.rs A.java a.kt a.scala a.rb a.php a.cs a.swift a.c
    a.cc a.cpp a.h a.hpp a.r a.jl a.lua q.sql main.tf x.hcl build.gradle app.properties pom.xml
    index.html App.vue App.svelte
    README.md docs/guide.rst notes.markdown logo.png model.safetensors data.csv Makefile.am
    LICENSE x.environment weights.bin licheck.lock .gitignore setup.py.orig archive.tar.gz
    """
)


@pytest.mark.parametrize("path", CANDIDATES)
def test_hook_files_match_what_licheck_reads(path: str) -> None:
    pattern = re.compile(hooks()["licheck"]["files"])
    reads = extractor_for(extractors(include_docs=False), PurePosixPath(path)) is not None
    assert bool(pattern.search(path)) is reads, (
        f"{path}: licheck {'reads' if reads else 'ignores'} it, the hook's files filter "
        f"{'skips' if reads else 'passes'} it; update .pre-commit-hooks.yaml"
    )


def _env(tmp: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("HF_", "GIT_", "PRE_COMMIT", "LICHECK_"))
    }
    env.update(
        PYTHONPATH=str(ROOT),
        LICHECK_CACHE_DIR=str(tmp / "licheck-cache"),
        HF_HOME=str(tmp / "hf_home"),
        HF_HUB_DISABLE_TELEMETRY="1",
    )
    return env


def _write_project(where: Path) -> list[str]:
    (where / "app").mkdir(parents=True)
    (where / "app" / "serve.py").write_text(
        "from transformers import AutoModelForCausalLM\n"
        f'REV = "{SHA}"\n'
        'lm = AutoModelForCausalLM.from_pretrained("Qwen/Qwen2.5-7B-Instruct", revision=REV)\n',
        encoding="utf-8",
    )
    (where / "train.yaml").write_text("base_model: google/gemma-2-9b-it\n", encoding="utf-8")
    return ["app/serve.py", "train.yaml"]


def _lock_online(project: Path, env: dict[str, str], hub: HubStub) -> None:
    """`licheck lock` as a developer runs it once, online (against the stand-in, with a cache of
    its own, so the hook after it still starts cold): an offline lock on a cold cache refuses
    to lock models it never saw."""
    lock = subprocess.run(
        [sys.executable, "-m", "licheck", "lock"],
        cwd=project,
        env={**env, "HF_ENDPOINT": hub.url, "LICHECK_CACHE_DIR": str(project / ".lock-cache")},
        capture_output=True,
        text=True,
    )
    assert lock.returncode == 0, lock.stdout + lock.stderr
    shutil.rmtree(project / ".lock-cache")


@pytest.mark.parametrize("locked", [False, True], ids=["scan --offline", "hook entry"])
def test_offline_scan_leaves_heavy_modules_alone(
    tmp_path: Path, locked: bool, hub: HubStub
) -> None:
    files = _write_project(tmp_path)
    env = _env(tmp_path)
    argv = ["scan", "--offline", *files]
    if locked:
        _lock_online(tmp_path, env, hub)
        argv = [*hooks()["licheck"]["entry"].split()[1:], *files]
    dump = tmp_path / "modules.json"
    code = (
        "import json, sys\n"
        "from licheck.cli import main\n"
        f"code = main({argv!r})\n"
        f"open({str(dump)!r}, 'w').write(json.dumps(sorted(sys.modules)))\n"
        "sys.exit(code)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert done.returncode in (0, 1), done.stderr
    assert "Qwen/Qwen2.5-7B-Instruct" in done.stdout
    modules = set(json.loads(dump.read_text(encoding="utf-8")))
    loaded = {name.split(".")[0] for name in modules}
    assert not loaded & set(HEAVY), f"offline scan imported {sorted(loaded & set(HEAVY))}"
    # The network's own module loads with the first question asked, and offline none is.
    assert "licheck.hub.lookup" in modules
    assert "licheck.hub.client" not in modules


# ----------------------------------------------------------------------------------------------
# The real thing: pre-commit try-repo, installing this checkout from source into its own venv
# ----------------------------------------------------------------------------------------------


def _git(*args: str, cwd: Path, env: dict[str, str]) -> None:
    assert GIT is not None
    identity = ["-c", "user.name=licheck tests", "-c", "user.email=tests@licheck.invalid"]
    subprocess.run(
        [GIT, *identity, "-c", "commit.gpgsign=false", *args],
        cwd=cwd,
        env=env,
        check=True,
        capture_output=True,
    )


def _snapshot_checkout(dest: Path, env: dict[str, str]) -> None:
    """Commit this checkout's working tree, as it is, into a fresh repository at ``dest``.

    try-repo on the checkout itself would build its last commit plus tracked changes only
    (new, unstaged files are left out); a snapshot makes the tested tree exactly the one on
    disk, in a developer's tree and in CI's fresh clone alike.
    """
    assert GIT is not None
    listed = subprocess.run(
        [GIT, "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for rel in filter(None, listed.split("\0")):
        source = ROOT / rel
        if source.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / rel)
    _git("init", "-q", cwd=dest, env=env)
    _git("add", "-A", cwd=dest, env=env)
    _git("commit", "-q", "-m", "snapshot", cwd=dest, env=env)


def _try_repo(repo: Path, project: Path, files: list[str], env: dict[str, str]) -> tuple[int, str]:
    done = subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(repo), "licheck", "--files", *files],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return done.returncode, done.stdout + done.stderr


@pytest.mark.slow
@pytest.mark.skipif(GIT is None or not (ROOT / ".git").exists(), reason="needs git and a checkout")
def test_try_repo_fails_unlocked_then_passes_locked(tmp_path: Path, hub: HubStub) -> None:
    env = _env(tmp_path)
    # pre-commit and pip keep their caches under HOME: a private one, shared by both runs.
    env.update(
        HOME=str(tmp_path / "home"),
        PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"),
        PIP_DISABLE_PIP_VERSION_CHECK="1",
    )
    env.pop("XDG_CACHE_HOME", None)
    env.pop("PYTHONPATH")  # the hook must run the licheck pre-commit installed, not this tree
    (tmp_path / "home").mkdir()
    source = tmp_path / "licheck-src"
    source.mkdir()
    _snapshot_checkout(source, env)
    project = tmp_path / "project"
    project.mkdir()
    files = _write_project(project)
    _git("init", "-q", cwd=project, env=env)
    _git("add", *files, cwd=project, env=env)

    code, output = _try_repo(source, project, files, env)
    assert code == 1, output
    assert "licheck (model licenses, offline)" in output and "Failed" in output, output
    assert "unlocked" in output.lower(), output
    assert "Qwen/Qwen2.5-7B-Instruct" in output and "google/gemma-2-9b-it" in output, output

    _lock_online(project, {**env, "PYTHONPATH": str(ROOT)}, hub)
    assert "google/gemma-2-9b-it" in (project / "licheck.lock").read_text(encoding="utf-8")
    _git("add", "licheck.lock", cwd=project, env=env)

    code, output = _try_repo(source, project, files, env)
    assert code == 0, output
    assert "Passed" in output, output
