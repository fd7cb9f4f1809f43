"""Nothing from the scanned repository runs: the Action script and ``python -m licheck`` inside a
workspace full of importable decoys (``json.py``, ``shlex.py``, ``transformers.py`` ...).

Each decoy writes a marker file when imported; a run that leaves a marker ran the pull
request's code next to the CI job's token.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / ".github" / "action" / "run.sh"
BASH = shutil.which("bash")
# Modules licheck, its dependencies or the Action's helper one-liners import after start-up.
DECOYS = (
    "json",
    "shlex",
    "typer",
    "yaml",
    "transformers",
    "huggingface_hub",
    "pathspec",
    "packaging",
    "rich",
    "platformdirs",
    "tomllib",
    "sqlite3",
    "sitecustomize",
    "usercustomize",
)


def hostile_workspace(tmp_path: Path) -> tuple[Path, Path]:
    """A project with one model reference, a decoy for each module name, and the marker dir."""
    markers = tmp_path / "markers"
    markers.mkdir()
    ws = tmp_path / "workspace"
    ws.mkdir()
    (ws / "app.py").write_text(
        'from transformers import AutoModel\nAutoModel.from_pretrained("Qwen/Qwen2.5-7B")\n',
        encoding="utf-8",
    )
    for name in DECOYS:
        code = f"open({str(markers / name)!r}, 'w').write('imported')\n"
        (ws / f"{name}.py").write_text(code, encoding="utf-8")
    return ws, markers


def clean_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "INPUT_", "GITHUB_"))}
    env.pop("PYTHONPATH", None)
    env.update(LICHECK_CACHE_DIR=str(tmp_path / "cache"), HF_HOME=str(tmp_path / "hf_home"))
    return env


def test_python_m_licheck_inside_the_tree_imports_nothing_from_it(tmp_path: Path) -> None:
    ws, markers = hostile_workspace(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "licheck", "scan", ".", "--offline", "--format", "json"],
        cwd=ws,
        env=clean_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert sorted(p.name for p in markers.iterdir()) == []
    assert done.returncode == 0, done.stderr
    assert '"Qwen/Qwen2.5-7B"' in done.stdout


@pytest.mark.skipif(BASH is None, reason="the action script needs bash")
def test_action_script_imports_nothing_from_the_workspace(tmp_path: Path) -> None:
    assert BASH is not None
    ws, markers = hostile_workspace(tmp_path)
    runner = tmp_path / "runner"
    runner.mkdir()
    env = clean_env(tmp_path)
    env.update(
        GITHUB_WORKSPACE=str(ws),
        GITHUB_OUTPUT=str(runner / "out"),
        GITHUB_ACTION_PATH=str(ROOT),
        RUNNER_TEMP=str(runner),
        LICHECK_PYTHON=sys.executable,
        INPUT_EXTRA_ARGS="--offline --fail-on never",
        INPUT_FORMAT="json",
    )
    done = subprocess.run(
        [BASH, str(SCRIPT)], cwd=ws, env=env, capture_output=True, text=True, timeout=120
    )
    assert sorted(p.name for p in markers.iterdir()) == []
    assert done.returncode == 0, done.stderr
    outputs = (runner / "out").read_text(encoding="utf-8")
    assert "finding-count=" in outputs and "finding-count=\n" not in outputs


def test_every_python_the_action_starts_is_isolated() -> None:
    """The install step (pip, venv) cannot run here without a package index; so no line of the
    script may start Python without -I, which keeps the working directory off sys.path."""
    script = SCRIPT.read_text(encoding="utf-8")
    starts = re.findall(r'"\$(?:py|base)" +-\S*', script)
    assert len(starts) >= 5, "the script's Python calls were not found: this checks nothing"
    bare = [s for s in starts if not s.endswith(" -I")]
    assert bare == []
