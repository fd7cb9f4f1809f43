"""Where one process spends a scan's time, stage by stage, for bench/scan_bench.py.

Replays the loop of licheck/scan/tree.py (walk, choose the extractor, read and prefilter,
extract) with a clock around each stage, in one process, best of three. Then times only the
C parsers (``ast.parse``, libyaml's composer, ``json.loads``) on the files that passed the
prefilter: the floor that no scanner built on them can go below, however little Python it
runs. Nothing here is imported by licheck.
"""

from __future__ import annotations

import ast
import gc
import json
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path, PurePosixPath

import yaml

from licheck.scan import registry
from licheck.scan.files import extract_bytes, prefiltered
from licheck.scan.walk import Walker

REPEAT = 3


def _floor_parsers() -> dict[str, Callable[[str], object]]:
    def py(text: str) -> object:
        try:
            return ast.parse(text)
        except (SyntaxError, ValueError):
            return None

    def yml(text: str) -> object:
        try:
            return list(yaml.compose_all(text, Loader=yaml.CBaseLoader))
        except yaml.YAMLError:
            return None

    def jsn(text: str) -> object:
        try:
            return json.loads(text)
        except ValueError:
            return None

    return {".py": py, ".yaml": yml, ".yml": yml, ".json": jsn}


def _one_pass(tree: Path) -> tuple[dict[str, float], dict[str, list[int]], list[tuple[str, str]]]:
    clock = time.perf_counter
    took: dict[str, float] = defaultdict(float)
    sizes: dict[str, list[int]] = defaultdict(list)
    chain = registry.extractors()
    start = clock()
    items = list(Walker(tree.resolve()).walk())
    took["walk"] = clock() - start
    start = clock()
    chosen = [registry.extractor_for(chain, PurePosixPath(rel)) for _, rel in items]
    took["choose extractor"] = clock() - start
    hot = []
    start = clock()
    for extractor, (path, rel) in zip(chosen, items, strict=True):
        if extractor is not None:
            data = prefiltered(path, rel, extractor, 1_000_000)
            if isinstance(data, bytes):
                hot.append((extractor, rel, data))
    took["read + prefilter"] = clock() - start
    texts = []
    for extractor, rel, data in hot:
        start = clock()
        extract_bytes(rel, data, extractor)
        took[f"extract {extractor.name}"] += clock() - start
        sizes[extractor.name].append(len(data))
        texts.append((Path(rel).suffix, data.decode("utf-8-sig")))
    sizes["all"] = [len(items)]
    return took, sizes, texts


def _floor(texts: list[tuple[str, str]]) -> dict[str, float]:
    parsers = _floor_parsers()
    took: dict[str, float] = defaultdict(float)
    gc.disable()  # as scan/tree.py does while extracting
    try:
        for suffix, text in texts:
            parse = parsers.get(suffix)
            if parse is not None:
                start = time.perf_counter()
                parse(text)
                took[suffix] += time.perf_counter() - start
    finally:
        gc.enable()
    return took


def stages(tree: Path, rgs: dict[str, float]) -> list[str]:
    """Lines describing one process's time per stage on ``tree``, with ratios to ``rgs``."""
    best: dict[str, float] = {}
    floor: dict[str, float] = {}
    for _ in range(REPEAT):
        took, sizes, texts = _one_pass(tree)
        for key, value in took.items():
            best[key] = min(best.get(key, value), value)
        for key, value in _floor(texts).items():
            floor[key] = min(floor.get(key, value), value)

    def vs_rg(seconds: float) -> str:
        ratios = " / ".join(f"{seconds / rg:.1f}x" for rg in rgs.values())
        return f" = {ratios} {' / '.join(rgs)}" if rgs else ""

    total_files = sizes.pop("all")[0]
    passed = sum(len(v) for v in sizes.values())
    lines = [f"{total_files} files, {passed} ({passed / max(total_files, 1):.1%}) pass prefilter"]
    for key, seconds in best.items():
        name = key.removeprefix("extract ")
        extra = ""
        if key.startswith("extract "):
            extra = f" ({len(sizes[name])} files, {sum(sizes[name]) / 1e6:.1f} MB)"
        lines.append(f"{key:18} {seconds:6.3f}s{extra}")
    lines.append(f"{'total':18} {sum(best.values()):6.3f}s{vs_rg(sum(best.values()))}")
    shown = ", ".join(f"{suffix} {seconds:.3f}s" for suffix, seconds in sorted(floor.items()))
    total = sum(floor.values())
    lines.append(f"{'floor: C parsers':18} {total:6.3f}s{vs_rg(total)} ({shown})")
    return lines


if __name__ == "__main__":  # pragma: no cover - ad hoc use
    import sys

    for line in stages(Path(sys.argv[1]), {}):
        print(line)
