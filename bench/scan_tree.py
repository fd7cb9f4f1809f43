"""A deterministic tree of Python, YAML, JSON and text files for bench/scan_bench.py.

Each file is one of three: *hot* (it names a model the scan must report), a *mention* (it uses
a trigger word such as ``model`` without naming one, as most ML code does, so the prefilter
passes it and the parser finds nothing) or *cold* (no trigger word at all). The default mix of
the benchmark (5% hot, 10% mentions) matches what the trigger words let through on real code:
about 15% of the files of this project's own virtualenv. Nothing here is imported by licheck.
"""

from __future__ import annotations

import json
import random
import shutil
from collections.abc import Callable
from pathlib import Path

MODELS = [
    "Qwen/Qwen2.5-7B-Instruct",
    "meta-llama/Llama-3.1-8B-Instruct",
    "mistralai/Mistral-7B-Instruct-v0.3",
    "google/gemma-2-9b-it",
    "deepseek-ai/DeepSeek-R1",
    "sentence-transformers/all-MiniLM-L6-v2",
]
WORDS = ["alpha", "beta", "gamma", "delta", "value", "result", "index", "count", "total", "token"]
HOT, MENTION, COLD = "hot", "mention", "cold"
# Share of Python mentions that also hold a literal with a slash (a path, a URL), so the
# extractor's second prefilter (licheck/scan/pygate.py) cannot rule them out and they are
# parsed: 75% of the bytes of such files in this project's own virtualenv.
SLASHED_MENTIONS = 0.75


def _python(rng: random.Random, size: int, kind: str) -> str:
    lines = ['"""Generated module."""', "import os", ""]
    n = total = 0
    while total < size:
        a, b = rng.sample(WORDS, 2)
        block = [f"def {a}_{n}({b}, scale=2):", f"    return [{b} * scale for _ in range({n % 7})]"]
        lines += [*block, ""]
        total += sum(len(x) + 1 for x in block) + 1
        n += 1
    if kind == HOT:
        lines.insert(3, f'MODEL_ID = "{rng.choice(MODELS)}"')
        lines.append("tok = AutoTokenizer.from_pretrained(MODEL_ID)")
    elif kind == MENTION:
        lines += ["def fit(model, data):", "    return model.train(data)"]
        if rng.random() < SLASHED_MENTIONS:
            lines.insert(3, 'RUNS = "runs/latest"')
    return "\n".join(lines) + "\n"


def _yaml(rng: random.Random, size: int, kind: str) -> str:
    lines = ["settings:"]
    n = total = 0
    while total < size:
        lines.append(f"  {rng.choice(WORDS)}_{n}: {rng.randint(0, 10**6)}")
        total += len(lines[-1]) + 1
        n += 1
    if kind == HOT:
        lines.insert(0, f"base_model: {rng.choice(MODELS)}")
    elif kind == MENTION:
        lines.insert(0, "# model training settings")
    return "\n".join(lines) + "\n"


def _json(rng: random.Random, size: int, kind: str) -> str:
    data: dict[str, object] = {}
    n = total = 0
    while total < size:
        data[f"{rng.choice(WORDS)}_{n}"] = [rng.randint(0, 1000) for _ in range(8)]
        total += 60  # about one entry's share of the indented output
        n += 1
    if kind == HOT:
        data["_name_or_path"] = rng.choice(MODELS)
    elif kind == MENTION:
        data["description"] = "baseline model, retrained nightly"
    return json.dumps(data, indent=1)


def _text(rng: random.Random, size: int, kind: str) -> str:
    words: list[str] = []
    total = 0
    while total < size:
        words.append(rng.choice(WORDS))
        total += len(words[-1]) + 1
    text = " ".join(words)
    if kind == HOT:
        text += f"\nsee https://huggingface.co/{rng.choice(MODELS)}\n"
    elif kind == MENTION:
        text += "\nthe model card is in docs/\n"
    return text


KINDS: list[tuple[str, Callable[[random.Random, int, str], str], float]] = [
    (".py", _python, 0.5),
    (".yaml", _yaml, 0.15),
    (".json", _json, 0.15),
    (".txt", _text, 0.2),
]


def generate(
    root: Path, files: int, megabytes: float, *, hot: float, mention: float, seed: int = 7
) -> None:
    """``files`` files totalling about ``megabytes`` MB, ``hot``/``mention`` shares as above."""
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
        share = rng.random()
        what = HOT if share < hot else MENTION if share < hot + mention else COLD
        path = root / f"pkg{i % 40}" / f"sub{i % 7}" / f"file{i}{suffix}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(make(rng, size, what), encoding="utf-8")
