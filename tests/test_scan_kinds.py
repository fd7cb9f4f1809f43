"""File kinds (scan/kinds.py) and the registry's deferred extractors: each deferred extractor
answers ``handles`` exactly as the extractor it stands for, and a re-scan answered from the scan
cache imports no extractor module, while a first scan does; the walk's chooser, which tells
files by name, answers as ``extractor_for`` does by whole path."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path, PurePosixPath

import pytest

from licheck.scan import kinds, registry

ROOT = Path(__file__).resolve().parent.parent
PATHS = [
    "a.py",
    "A.PY",
    "stub.pyw",
    "n.ipynb",
    "N.IPYNB",
    "Modelfile",
    "ollama/llama.modelfile",
    "Modelfile.dev",
    ".env",
    ".env.local",
    "prod.env",
    "setup.cfg",
    "main.tf",
    "c.yaml",
    "c.YML",
    "chart/t.tpl",
    "x.json",
    "pyproject.toml",
    "run.sh",
    "Dockerfile",
    "Dockerfile.gpu",
    "containerfile",
    "Makefile",
    "job.slurm",
    "app.ts",
    "web/app.JSX",
    "notes.txt",
    "main.go",
    "README.md",
    "guide.rst",
    "image.png",
    "LICENSE",
]
EXTRACTOR_MODULES = (
    "licheck.scan.python",
    "licheck.scan.notebook",
    "licheck.scan.modelfile",
    "licheck.scan.envfile",
    "licheck.scan.configs",
    "licheck.scan.shell",
    "licheck.scan.javascript",
    "licheck.scan.urls",
    "licheck.scan.docs",
)


@pytest.mark.parametrize("deferred", registry.extractors(include_docs=True), ids=repr)
def test_deferred_extractor_is_the_extractor(deferred: registry.Deferred) -> None:
    real = deferred.load()
    assert real is deferred.load()  # imported and made once
    assert real.name == deferred.name
    for path in map(PurePosixPath, PATHS):
        assert deferred.handles(path) == real.handles(path), path


def test_every_path_kind_has_one_reader_in_dispatch_order() -> None:
    chain = registry.extractors(include_docs=True)
    assert {e.name for e in chain} == set(kinds.BY_NAME)
    first = {p: registry.extractor_for(chain, PurePosixPath(p)) for p in PATHS}
    named = {p: (e.name if e is not None else None) for p, e in first.items()}
    assert named["a.py"] == "python" and named["A.PY"] is None
    assert named["prod.env"] == "env" and named["setup.cfg"] == "env"
    assert named["Dockerfile.gpu"] == "shell" and named["chart/t.tpl"] == "config"
    assert named["README.md"] == "docs" and named["image.png"] is None


@pytest.mark.parametrize("include_docs", [False, True])
def test_the_walks_chooser_answers_as_extractor_for(include_docs: bool) -> None:
    chain = registry.extractors(include_docs=include_docs)
    choose = registry.chooser(chain)
    # Each name twice, in folders whose names are themselves file kinds: the remembered answer
    # for a name must be the one its whole path gets.
    paths = [*PATHS, *(f"x.py/Dockerfile/{p}" for p in PATHS), *(f"deep/.env/{p}" for p in PATHS)]
    for path in paths:
        assert choose(path) is registry.extractor_for(chain, PurePosixPath(path)), path


def _modules_after_scan(tree: Path, cache: Path, dump: Path) -> set[str]:
    code = (
        "import json, sys\n"
        "from licheck.cli import main\n"
        f"code = main(['scan', {str(tree)!r}, '--offline', '-q', '-f', 'json',"
        f" '-o', {os.devnull!r}, '--cache-dir', {str(cache)!r}])\n"
        f"open({str(dump)!r}, 'w').write(json.dumps(sorted(sys.modules)))\n"
        "sys.exit(code)\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "LICHECK_"))}
    env["PYTHONPATH"] = str(ROOT)
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=tree, env=env, capture_output=True, text=True
    )
    assert done.returncode in (0, 1), done.stderr
    return set(json.loads(dump.read_text(encoding="utf-8")))


def test_cached_rescan_imports_no_extractor(tmp_path: Path) -> None:
    tree = tmp_path / "project"
    tree.mkdir()
    (tree / "train.py").write_text(
        'from transformers import AutoModel\nAutoModel.from_pretrained("Qwen/Qwen2.5-7B")\n'
    )
    (tree / "config.yaml").write_text("model_name: mistralai/Mistral-7B-v0.1\n")
    (tree / "run.sh").write_text("huggingface-cli download google/gemma-2-2b\n")
    cache = tmp_path / "cache"
    first = _modules_after_scan(tree, cache, tmp_path / "first.json")
    again = _modules_after_scan(tree, cache, tmp_path / "again.json")
    for module in ("licheck.scan.python", "licheck.scan.configs", "licheck.scan.shell"):
        assert module in first, module
    assert not again & set(EXTRACTOR_MODULES), sorted(again & set(EXTRACTOR_MODULES))
