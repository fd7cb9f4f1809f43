"""Benchmark the scan stage on a tree and its double, against single-threaded ripgrep.

    python bench/scan_bench.py                      # 3,000 files / ~50 MB, then the doubled tree
    python bench/scan_bench.py --mention 0          # the tree this benchmark generated before
    python bench/scan_bench.py --worst-case         # every file holds a model reference
    python bench/scan_bench.py --tree ~/src/repo    # a real tree (doubled by copying it twice)
    python bench/scan_bench.py --baseline /tmp/old  # also time the licheck package found there

Prints, from one run: wall times of ``rg -j1`` (patterns: the union of the prefilter trigger
words of the extractors that read the tree's file kinds, and the loader regex this benchmark
used before: ripgrep 13 leaves its SIMD literal search above about 27 words, so it takes three
times as long with the former), of ``licheck.scan.scan`` and of
``licheck scan --offline`` (a subprocess, as a user runs it) on the tree and the doubled tree
(two copies of it); their ratios to rg; the doubled/single time ratios, in wall time and in CPU
time of all processes (which a busy machine disturbs less); and where one process spends the scan's
time, including the floor no scanner can go below (the C parsers on the files that must be
parsed). Trees are written under bench/out/ (git-ignored). Nothing here is imported by licheck.
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from scan_stages import stages  # noqa: E402
from scan_tree import generate  # noqa: E402

from licheck.scan import configs, prefilter, python, urls  # noqa: E402

REPEAT = 5
# In-process scans timed in a fresh interpreter, so a baseline checkout is timed the same way.
_SCAN_SNIPPET = """
import sys, time
from pathlib import Path
from licheck.scan import scan
times = []
for _ in range(int(sys.argv[2])):
    start = time.perf_counter()
    scan(Path(sys.argv[1]))
    times.append(time.perf_counter() - start)
print(min(times))
"""


# The pattern this benchmark used before the prefilter union: loader calls and model keys only.
LOADER_REGEX = (
    r"from_pretrained|pipeline\(|hf_hub_download|snapshot_download|SentenceTransformer"
    r"|CrossEncoder|LLM\(|model_name_or_path|base_model|_name_or_path|hf download"
    r"|huggingface-cli download|huggingface\.co/"
)
RG_WORDS = "rg -j1, prefilter words"
RG_REGEX = "rg -j1, loader regex"


def rg_commands(tree: Path) -> dict[str, list[str]]:
    """rg on one thread counting matching lines: with the trigger words, and the loader regex.

    The words are the union of the prefilters of the extractors that read the tree's files.
    Like licheck, rg honours .gitignore and skips hidden and binary files by default.
    """
    needles = dict.fromkeys((*python.TRIGGERS.needles, *configs.TRIGGERS.needles))
    needles.update(dict.fromkeys(urls.TRIGGERS.needles))
    words = ["rg", "-j1", "-c", "-F"]
    for needle in needles:
        words += ["-e", needle.decode()]
    return {
        RG_WORDS: [*words, str(tree)],
        RG_REGEX: ["rg", "-j1", "-c", "-e", LOADER_REGEX, str(tree)],
    }


def _wall(command: list[str], checkout: Path | None = None) -> tuple[float, float]:
    # Run from the checkout itself: ``-c`` and ``-m`` put the working directory first on sys.path.
    env = None if checkout is None else {**os.environ, "PYTHONPATH": str(checkout)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        command,
        check=False,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
        cwd=checkout,
    )
    took = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):  # 1: findings (licheck) or no match (rg)
        raise SystemExit(f"{' '.join(command[:4])} failed: {done.stderr.decode()[-2000:]}")
    # User + system time of the command and every process it waited for (licheck's workers).
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return took, cpu


def byte_compile(checkout: Path) -> None:
    """Write the package's bytecode, as ``pip install`` does.

    Without it a checkout run under PYTHONDONTWRITEBYTECODE (set on these machines) compiles
    every module from source on each start, which once doubled the CLI's fixed cost here.
    """
    compileall.compile_dir(checkout / "licheck", quiet=1)


def _in_process(tree: Path, checkout: Path) -> float:
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    snippet = [sys.executable, "-c", _SCAN_SNIPPET, str(tree), str(REPEAT)]
    done = subprocess.run(
        snippet, check=True, capture_output=True, text=True, env=env, cwd=checkout
    )
    return float(done.stdout.strip())


Times = dict[int, dict[str, float]]  # tree (1: the tree, 2: its double) -> label -> seconds


def measure(trees: dict[int, Path], checkouts: dict[str, Path]) -> tuple[Times, Times]:
    """Best-of-REPEAT wall times and CPU times of the commands, in seconds, per tree."""
    for checkout in checkouts.values():
        byte_compile(checkout)
    runs: list[tuple[int, str, list[str], Path | None]] = []
    for n, tree in trees.items():
        if shutil.which("rg"):
            runs += [(n, label, cmd, None) for label, cmd in rg_commands(tree).items()]
        for label, checkout in checkouts.items():
            cli = [sys.executable, "-m", "licheck", "scan", str(tree), "--offline"]
            cli += ["--format", "json", "--output", os.devnull]
            runs.append((n, f"licheck scan --offline{label}", cli, checkout))
    best: dict[tuple[int, str], float] = {}
    cpu: Times = {n: {} for n in trees}
    # Rounds, not one command's repeats in a row: a slow spell of a noisy machine then hits
    # every command and both trees alike, rather than one of them.
    for _ in range(REPEAT):
        for n, label, command, where in runs:
            took, used = _wall(command, where)
            best[n, label] = min(best.get((n, label), took), took)
            cpu[n][label] = min(cpu[n].get(label, used), used)
    out: Times = {}
    for n, tree in trees.items():
        row = {
            label: best[n, label] for m, label, _, _ in runs if m == n and label.startswith("rg ")
        }
        for label, checkout in checkouts.items():
            row[f"scan(){label}"] = _in_process(tree, checkout)
        for label in checkouts:
            row[f"licheck scan --offline{label}"] = best[n, f"licheck scan --offline{label}"]
        out[n] = row
    return out, cpu


def _doubled(tree: Path, out: Path) -> Path:
    """``tree`` copied twice side by side: exactly twice the files and bytes."""
    double = out / f"{tree.name}-x2"
    if double.exists():
        shutil.rmtree(double)
    for half in ("a", "b"):
        shutil.copytree(tree, double / half, symlinks=True)
    return double


def _trees(args: argparse.Namespace) -> tuple[Path, Path, str]:
    if args.tree is not None:
        tree = args.tree.resolve()
        return tree, _doubled(tree, args.out), f"given tree {tree}"
    hot = 1.0 if args.worst_case else args.hot
    mention = 0.0 if args.worst_case else args.mention
    one = args.out / "tree"
    generate(one, args.files, args.megabytes, hot=hot, mention=mention)
    # Two copies, not a fresh tree of twice the size: that one's share of files worth parsing
    # differs by chance (once 2.2x the Python bytes), which is not what doubling should test.
    return one, _doubled(one, args.out), f"generated, --hot {hot:g} --mention {mention:g}"


def _describe(tree: Path) -> str:
    files = [p for p in tree.rglob("*") if p.is_file()]
    size = sum(p.stat().st_size for p in files) / 1e6
    return f"{len(files)} files, {size:.1f} MB"


def _print_table(results: dict[int, dict[str, float]]) -> None:
    one, two = results[1], results[2]
    width = max(len(key) for key in one) + 2
    print(f"{'seconds':{width}}{'x1':>8}{'x2':>8}{'x2/x1':>8}")
    for key in one:
        print(f"{key:{width}}{one[key]:8.3f}{two[key]:8.3f}{two[key] / one[key]:7.2f}x")
    rgs = [key for key in (RG_WORDS, RG_REGEX) if key in one]
    if not rgs:
        print("ripgrep (rg) not installed: no rg ratio")
        return
    print(f"{'ratio to':{width}}" + "".join(f"{rg.removeprefix('rg -j1, '):>24}" for rg in rgs))
    print(f"{'':{width}}" + f"{'x1':>12}{'x2':>12}" * len(rgs))
    for key in one:
        if not key.startswith("rg "):
            cells = [f"{r[key] / r[rg]:11.1f}x" for rg in rgs for r in (one, two)]
            print(f"{key:{width}}" + "".join(cells))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--files", type=int, default=3000)
    parser.add_argument("--megabytes", type=float, default=50.0)
    parser.add_argument("--hot", type=float, default=0.05, help="share of files with a reference")
    parser.add_argument(
        "--mention", type=float, default=0.10, help="share with trigger words, no reference"
    )
    parser.add_argument("--worst-case", action="store_true", help="a reference in every file")
    parser.add_argument("--tree", type=Path, help="measure this tree instead of generating one")
    parser.add_argument("--baseline", type=Path, help="a checkout to time beside this one")
    parser.add_argument("--out", type=Path, default=HERE / "out")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    one, two, origin = _trees(args)
    checkouts = {"": ROOT}
    if args.baseline is not None:
        checkouts[" [baseline]"] = args.baseline.resolve()
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}")
    accelerated = prefilter.BytesAhoCorasick is not None
    print("prefilter: " + ("ahocorasick-rs" if accelerated else "pure Python (no licheck[fast])"))
    print(f"tree x1: {_describe(one)}; tree x2: {_describe(two)} ({origin})")
    results, cpu = measure({1: one, 2: two}, checkouts)
    _print_table(results)
    print("CPU seconds, all processes (steadier than wall time when the machine is busy):")
    for label in cpu[1]:
        first, second = cpu[1][label], cpu[2][label]
        print(f"  {label:30}{first:8.3f}{second:8.3f}{second / first:7.2f}x")
    print("one process, tree x1:")
    rgs = {key: results[1][key] for key in (RG_WORDS, RG_REGEX) if key in results[1]}
    for line in stages(one, rgs):
        print(f"  {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
