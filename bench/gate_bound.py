"""How fast a cold scan could be with a perfect Python gate: the bound no cheaper test can beat.

    python bench/gate_bound.py --tree /tmp/diffusers --rounds 3

The Python gate (pygate.py) lets a file through to the parser unless a cheap test proves it
cannot yield a reference. A perfect gate would parse only the files that do yield one. This
benchmark measures what that would give: it copies the tree under bench/out/ without the Python
files that pass the gate and still yield no reference (each judged by licheck's own extractor;
files that do not parse stay, since their skip is reported), then times, in interleaved rounds,
``rg -j1`` over the trigger words on the real tree (median of five), a cold
``licheck scan --offline`` of the real tree and one of the copy. The copy's cold wall against
the real tree's rg is the best ratio any gate could give with this parser. The tree given is
never written; nothing in licheck imports this.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from perf import _cli, _run  # noqa: E402
from scan_bench import RG_WORDS, byte_compile, rg_commands  # noqa: E402

from licheck.errors import ExtractError  # noqa: E402
from licheck.scan.python import PythonExtractor, python_references  # noqa: E402


def oracle_copy(tree: Path, out: Path) -> tuple[Path, int, int, int]:
    """``tree`` copied to ``out`` without the Python files that pass the gate and yield no
    reference; returns the copy, the files the gate passes, those removed and their bytes."""
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(tree, out, symlinks=True)
    extractor = PythonExtractor()
    passed = removed = removed_bytes = 0
    for path in sorted(out.rglob("*.py")):
        if path.is_symlink() or not path.is_file():
            continue
        data = path.read_bytes()
        if not extractor.quick_check(data):
            continue
        passed += 1
        try:
            refs = python_references(data.decode("utf-8-sig"), path.as_posix())
        except (ExtractError, UnicodeDecodeError):
            continue  # the scan reports why it skipped this file: a gate cannot drop it
        if not refs:
            path.unlink()
            removed += 1
            removed_bytes += len(data)
    return out, passed, removed, removed_bytes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--tree", type=Path, required=True, help="a real tree (never written)")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds")
    parser.add_argument("--out", type=Path, default=HERE / "out" / "gate-bound")
    args = parser.parse_args(argv)
    if shutil.which("rg") is None:
        raise SystemExit("rg (ripgrep) is needed: every figure is a ratio to it")
    tree = args.tree.resolve()
    byte_compile(ROOT)
    copy, passed, removed, removed_bytes = oracle_copy(tree, args.out / tree.name)
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}")
    print(
        f"gate passes {passed} Python files; {removed} of them ({removed_bytes / 1e6:.1f} MB) "
        "yield no reference and are left out of the copy"
    )
    rg = rg_commands(tree)[RG_WORDS]
    got: dict[str, list[float]] = {"rg": [], "real": [], "perfect gate": []}
    with tempfile.TemporaryDirectory(prefix="licheck-gate-") as tmp:
        for i in range(args.rounds):
            got["rg"].append(statistics.median(_run(rg, peak=False)[0] for _ in range(5)))
            for name, scanned in (("real", tree), ("perfect gate", copy)):
                cache = Path(tmp) / f"{name}-{i}"
                got[name].append(_run(_cli(scanned, cache), peak=False)[0])
    shutil.rmtree(copy)
    rg_median = statistics.median(got["rg"])
    print(f"  rg -j1 (real tree)          {rg_median:8.3f} s")
    for name in ("real", "perfect gate"):
        wall = statistics.median(got[name])
        print(f"  cold wall, {name:17}{wall:8.3f} s  = {wall / rg_median:5.1f}x rg")
    ratios = [g / r for g, r in zip(got["perfect gate"], got["real"], strict=True)]
    print(f"  perfect gate / real, per round: {', '.join(f'{r:.2f}' for r in ratios)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
