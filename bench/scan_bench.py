"""Benchmark the scan stage on a generated tree, against ripgrep with the loader triggers.

    python bench/scan_bench.py                 # 3,000 files / ~50 MB, then the doubled tree
    python bench/scan_bench.py --files 600 --megabytes 10

Writes the trees under bench/out/ (git-ignored), times ``licheck scan --offline`` (a subprocess,
as a user runs it) and the in-process ``licheck.scan.scan``, times ``rg -j1`` with the trigger
pattern when ripgrep is installed, and prints the ratios. Nothing here is imported by licheck.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TRIGGERS = (
    r"from_pretrained|pipeline\(|hf_hub_download|snapshot_download|SentenceTransformer"
    r"|CrossEncoder|LLM\(|model_name_or_path|base_model|_name_or_path|hf download"
    r"|huggingface-cli download|huggingface\.co/"
)
MODELS = [
    "Qwen/Qwen2.5-7B-Instruct",
    "meta-llama/Llama-3.1-8B-Instruct",
    "mistralai/Mistral-7B-Instruct-v0.3",
    "google/gemma-2-9b-it",
    "deepseek-ai/DeepSeek-R1",
    "sentence-transformers/all-MiniLM-L6-v2",
]
WORDS = ["alpha", "beta", "gamma", "delta", "value", "result", "index", "count", "total", "token"]


def _python(rng: random.Random, size: int, hot: bool) -> str:
    lines = ['"""Generated module."""', "import os", ""]
    n = total = 0
    while total < size:
        a, b = rng.sample(WORDS, 2)
        block = [f"def {a}_{n}({b}, scale=2):", f"    return [{b} * scale for _ in range({n % 7})]"]
        lines += [*block, ""]
        total += sum(len(x) + 1 for x in block) + 1
        n += 1
    if hot:
        model = rng.choice(MODELS)
        lines.insert(3, f'MODEL_ID = "{model}"')
        lines.append("tok = AutoTokenizer.from_pretrained(MODEL_ID)")
    return "\n".join(lines) + "\n"


def _yaml(rng: random.Random, size: int, hot: bool) -> str:
    lines = ["settings:"]
    n = total = 0
    while total < size:
        lines.append(f"  {rng.choice(WORDS)}_{n}: {rng.randint(0, 10**6)}")
        total += len(lines[-1]) + 1
        n += 1
    if hot:
        lines.insert(0, f"base_model: {rng.choice(MODELS)}")
    return "\n".join(lines) + "\n"


def _json(rng: random.Random, size: int, hot: bool) -> str:
    data: dict[str, object] = {}
    n = total = 0
    while total < size:
        data[f"{rng.choice(WORDS)}_{n}"] = [rng.randint(0, 1000) for _ in range(8)]
        total += 60  # about one entry's share of the indented output
        n += 1
    if hot:
        data["_name_or_path"] = rng.choice(MODELS)
    return json.dumps(data, indent=1)


def _text(rng: random.Random, size: int, hot: bool) -> str:
    words: list[str] = []
    total = 0
    while total < size:
        words.append(rng.choice(WORDS))
        total += len(words[-1]) + 1
    text = " ".join(words)
    if hot:
        text += f"\nsee https://huggingface.co/{rng.choice(MODELS)}\n"
    return text


KINDS = [
    (".py", _python, 0.5),
    (".yaml", _yaml, 0.15),
    (".json", _json, 0.15),
    (".txt", _text, 0.2),
]


def generate(root: Path, files: int, megabytes: float, seed: int = 7) -> None:
    """A deterministic tree of ``files`` files totalling about ``megabytes`` MB."""
    if root.exists():
        shutil.rmtree(root)
    rng = random.Random(seed)
    average = int(megabytes * 1_000_000 / files)
    for i in range(files):
        roll = rng.random()
        suffix, make, _ = KINDS[-1]
        for kind in KINDS:
            if roll < kind[2]:
                suffix, make, _ = kind
                break
            roll -= kind[2]
        size = max(200, int(rng.gauss(average, average / 3)))
        path = root / f"pkg{i % 40}" / f"sub{i % 7}" / f"file{i}{suffix}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(make(rng, size, rng.random() < 0.05), encoding="utf-8")


def _time(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def _best(fn: Callable[[], float], repeat: int = 3) -> float:
    return min(fn() for _ in range(repeat))


def measure(tree: Path) -> dict[str, float]:
    """Wall times in seconds for one tree."""
    sys.path.insert(0, str(ROOT))
    from licheck.scan import scan

    def in_process() -> float:
        start = time.perf_counter()
        scan(tree)
        return time.perf_counter() - start

    cli = [sys.executable, "-m", "licheck", "scan", str(tree), "--offline", "--format", "json"]
    cli += ["--output", os.devnull]
    out = {"scan()": _best(in_process), "licheck scan --offline": _best(lambda: _time(cli))}
    if shutil.which("rg"):
        rg = ["rg", "-j1", "-c", "--no-ignore", "-e", TRIGGERS, str(tree)]
        out["rg -j1"] = _best(lambda: _time(rg))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--files", type=int, default=3000)
    parser.add_argument("--megabytes", type=float, default=50.0)
    parser.add_argument("--out", type=Path, default=HERE / "out")
    args = parser.parse_args(argv)
    results = {}
    for factor in (1, 2):
        tree = args.out / f"tree-x{factor}"
        generate(tree, args.files * factor, args.megabytes * factor)
        results[factor] = measure(tree)
        shown = ", ".join(f"{k}: {v:.2f}s" for k, v in results[factor].items())
        print(
            f"x{factor} ({args.files * factor} files, ~{args.megabytes * factor:.0f} MB): {shown}"
        )
    one, two = results[1], results[2]
    if "rg -j1" in one:
        for key in ("scan()", "licheck scan --offline"):
            print(f"{key} / rg -j1: {one[key] / one['rg -j1']:.1f}x")
    else:
        print("ripgrep (rg) not installed: no rg ratio")
    for key in one:
        print(f"doubling {key}: {two[key] / one[key]:.2f}x time for 2x files")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
