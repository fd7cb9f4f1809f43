"""Start-up cost of the pre-commit path: ``licheck scan --offline`` on 10 staged files.

Builds a throw-away project of 10 files (one of each kind licheck reads), then prints the median
wall time of the scan over ``--runs`` runs, the interpreter's own start-up (``python -c pass``)
for comparison, and the import time with its top offenders from ``python -X importtime``. The
target is 0.25 s wall on the project's 2-core machines (issue 13).

Usage: ``python bench/startup.py [--runs 21] [--top 12] [--locked]``. It runs the checkout it
lives in (PYTHONPATH), never the network: the scan is offline with an empty, temporary cache.
This is a measuring tool, not a test; tests/test_precommit.py guards what must not be imported.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHA = "a09a35458c702b33eeacc393d103063234e8bc28"

# One file per kind the hook passes; each names one or two models.
FILES: dict[str, str] = {
    "app/serve.py": (
        "from transformers import AutoModelForCausalLM, AutoTokenizer\n"
        f'MODEL = "Qwen/Qwen2.5-7B-Instruct"\nREV = "{SHA}"\n'
        "tok = AutoTokenizer.from_pretrained(MODEL, revision=REV)\n"
        "lm = AutoModelForCausalLM.from_pretrained(MODEL, revision=REV)\n"
    ),
    "app/embed.py": (
        "from sentence_transformers import SentenceTransformer\n"
        'enc = SentenceTransformer("sentence-transformers/all-MiniLM-L6-v2")\n'
    ),
    "notebooks/explore.ipynb": (
        '{"cells": [{"cell_type": "code", "metadata": {}, "outputs": [], "source": '
        '["from transformers import pipeline\\n", '
        '"p = pipeline(\\"text-generation\\", model=\\"gpt2\\")\\n"]}], '
        '"metadata": {}, "nbformat": 4, "nbformat_minor": 5}\n'
    ),
    "configs/train.yaml": "base_model: meta-llama/Llama-3.1-8B-Instruct\nlr: 2e-5\n",
    "configs/eval.json": '{"model_name_or_path": "google/gemma-2-9b-it", "batch_size": 8}\n',
    "configs/serve.toml": '[server]\nmodel = "mistralai/Mistral-7B-Instruct-v0.3"\n',
    "scripts/fetch.sh": "#!/bin/sh\nhuggingface-cli download BAAI/bge-small-en-v1.5\n",
    "Dockerfile": "FROM python:3.12-slim\nRUN hf download microsoft/phi-2\n",
    ".env": "EMBEDDING_MODEL=intfloat/e5-small-v2\n",
    "ollama/Modelfile": "FROM llama3.1:8b\nPARAMETER temperature 0.2\n",
}


def _env(cache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "LICHECK_"))}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env["LICHECK_CACHE_DIR"] = str(cache)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # measure with .pyc files, as installs have them
    return env


def _make_project(where: Path) -> list[str]:
    for rel, text in FILES.items():
        path = where / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return list(FILES)


def _write_lock(project: Path, env: dict[str, str], files: list[str]) -> None:
    """licheck.lock with an entry for every model the project references, shaped as an online
    ``licheck lock`` writes them (the facts are placeholders: this measures the hook's cost, not
    its verdict). ``licheck lock --offline`` on this empty cache would lock nothing."""
    found = subprocess.run(
        [sys.executable, "-m", "licheck", "scan", "--offline", "-q", "-f", "json", *files],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )
    refs = json.loads(found.stdout)["references"]
    keys = {(r["model"], r["source"], r["revision"]) for r in refs}
    lines = ["version = 1", ""]
    for model, source, revision in sorted(keys, key=lambda k: (k[0], k[1], k[2] or "")):
        lines += ["[[model]]", f"id = {json.dumps(model)}", f"source = {json.dumps(source)}"]
        lines += [f"revision = {json.dumps(revision)}"] if revision else []
        lines += [f'card_hash = "sha256:{"0" * 64}"', 'checked = "2026-01-01T00:00:00Z"', ""]
    (project / "licheck.lock").write_text("\n".join(lines), encoding="utf-8")


def _wall(argv: list[str], cwd: Path, env: dict[str, str], runs: int) -> list[float]:
    times: list[float] = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
        if done.returncode not in (0, 1):
            sys.exit(f"{' '.join(argv)} exited {done.returncode}:\n{done.stderr.decode()}")
    return times


def _import_times(argv: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, dict[str, int]]:
    """Total import time (s) and self time (us) summed per top-level package."""
    done = subprocess.run(
        [argv[0], "-X", "importtime", *argv[1:]], cwd=cwd, env=env, capture_output=True, text=True
    )
    per_package: dict[str, int] = defaultdict(int)
    total = 0
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        self_us, _cumulative, name = line[len("import time:") :].split("|")
        package = name.strip().split(".")[0]
        per_package[package] += int(self_us)
        total += int(self_us)
    return total / 1e6, dict(per_package)


def main() -> int:
    """Build the project, measure, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=21, help="timed runs per command")
    parser.add_argument("--top", type=int, default=12, help="import offenders to list")
    parser.add_argument(
        "--locked", action="store_true", help="write licheck.lock first and scan with --locked"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="licheck-bench-") as tmp:
        project = Path(tmp) / "project"
        files = _make_project(project)
        env = _env(Path(tmp) / "cache")
        py = sys.executable
        scan = [py, "-m", "licheck", "scan", "--offline", "-q"]
        if args.locked:
            _write_lock(project, env, files)
            scan.append("--locked")
        scan += files
        _wall(scan, project, env, 2)  # warm the .pyc files and the OS cache
        baseline = statistics.median(_wall([py, "-c", "pass"], project, env, args.runs))
        walls = _wall(scan, project, env, args.runs)
        imports, per_package = _import_times(scan, project, env)
    median = statistics.median(walls)
    print(f"licheck scan --offline{' --locked' if args.locked else ''} on {len(files)} files")
    print(f"  python:                {sys.version.split()[0]} ({py})")
    print(f"  runs:                  {args.runs}")
    print(f"  median wall:           {median * 1000:7.1f} ms  (min {min(walls) * 1000:.1f} ms)")
    print(f"  python -c pass:        {baseline * 1000:7.1f} ms")
    print(f"  ratio to python:       {median / baseline:7.1f} x")
    print(f"  import time (-X):      {imports * 1000:7.1f} ms  (inflated by -X importtime)")
    print(f"  target 250 ms:         {'met' if median <= 0.25 else 'MISSED'}")
    print(f"  top {args.top} packages by import self time:")
    for name, us in sorted(per_package.items(), key=lambda kv: -kv[1])[: args.top]:
        print(f"    {us / 1000:7.1f} ms  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
