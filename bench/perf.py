"""Every scan figure of issue 13 from one command, on a real tree and on generated ones.

    python bench/perf.py --tree /tmp/diffusers          # the whole issue: about ten minutes
    python bench/perf.py --tree DIR --rounds 1 --no-generated --no-hub

For the given tree and for a generated one (bench/scan_tree.py: 3,000 files, 50 MB) it prints,
from runs interleaved in rounds (so a busy spell of a shared machine hits every command alike):
``rg -j1`` over the prefilter's trigger words; ``licheck scan --offline`` cold (empty cache) and
warm (the same cache again), wall and CPU of all processes, as ratios to rg; one process's CPU
for extracting the Python files against the ``ast.parse`` floor of those files (the median of
interleaved pairs), and how many files were parsed; how many files a change to 10 of them
re-parses; the peak RSS and the time of a cold scan on the tree doubled and quadrupled (copies
side by side); the pre-commit path's median (bench/startup.py); and the Hub scale run
(bench/hub_scale.py, when present). Trees are copied under bench/out/ (git-ignored), never
written in place. Nothing in licheck imports this. bench/gate_bound.py adds the bound a perfect
Python gate would give the cold wall.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from scan_bench import RG_WORDS, byte_compile, rg_commands  # noqa: E402
from scan_tree import generate  # noqa: E402

from licheck.scan.python import PythonExtractor  # noqa: E402

ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
ENV.pop("PYTHONDONTWRITEBYTECODE", None)  # measure with .pyc files, as installs have them
# Runs a command; prints its exit code and the peak RSS of it and everything it waited for
# (licheck's workers), in KiB on Linux.
_PEAK = (
    "import resource, subprocess, sys\n"
    "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
    "print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)
# One process: the ast.parse floor of the Python files that pass the prefilter and the CPU their
# extraction takes, timed in turn (floor, extraction; extraction, floor; ...) so a slow spell of
# the machine falls on both alike, after one pass of each that is not counted; the medians and the
# median of each pair's ratio; then what a single-process scan parses.
_FLOOR = """
import ast, gc, statistics, sys, time, warnings
from pathlib import Path, PurePosixPath
from licheck.scan import registry, scan
from licheck.scan.files import extract_bytes, prefiltered
from licheck.scan.walk import Walker
root = Path(sys.argv[1]).resolve()
pairs = int(sys.argv[2])
chain = registry.extractors()
walker = Walker(root, (), (), lambda rel: registry.extractor_for(chain, PurePosixPath(rel)))
python = []
for target in walker.walk():
    if isinstance(target, tuple):
        extractor = registry.extractor_for(chain, PurePosixPath(target[1]))
        if extractor is not None and extractor.name == "python":
            data = prefiltered(target[0], target[1], extractor, 1_000_000)
            if isinstance(data, bytes):
                python.append((target[1], extractor, data))
def floor():
    start = time.process_time()
    gc.disable()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for _, _, data in python:
            try:
                ast.parse(data.decode("utf-8-sig"))
            except (SyntaxError, ValueError):
                pass
    gc.enable()
    return time.process_time() - start
def extract():
    start = time.process_time()
    for rel, extractor, data in python:
        extract_bytes(rel, data, extractor)
    return time.process_time() - start
floor(), extract()  # warm-up, not counted: the first pass fills the caches a scan's workers fill
floors, extracts = [], []
for i in range(pairs):
    if i % 2:
        extracts.append(extract())
        floors.append(floor())
    else:
        floors.append(floor())
        extracts.append(extract())
ratio = statistics.median(e / f for e, f in zip(extracts, floors))
start = time.process_time()
result = scan(root, jobs=1)
whole = time.process_time() - start
median = statistics.median
print(len(python), median(floors), median(extracts), ratio, whole, result.files_parsed)
"""
# The scan stage alone, in one fresh process: cold (empty cache) and warm (best of three) wall
# times, files parsed by the warm scan, and the process's peak RSS (workers included).
_STAGE = """
import resource, sys, tempfile, time
from pathlib import Path
from licheck.scan import scan
root = Path(sys.argv[1])
with tempfile.TemporaryDirectory() as cache:
    start = time.perf_counter()
    scan(root, cache_dir=Path(cache))
    cold = time.perf_counter() - start
    warm = []
    for _ in range(3):
        start = time.perf_counter()
        result = scan(root, cache_dir=Path(cache))
        warm.append(time.perf_counter() - start)
who = (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
peak = max(resource.getrusage(w).ru_maxrss for w in who)
print(cold, min(warm), result.files_parsed, peak / 1024)
"""
_PARSED = re.compile(r"scan: (\d+) files parsed, (\d+) from the scan cache")


def _cli(tree: Path, cache: Path, *extra: str) -> list[str]:
    command = [sys.executable, "-m", "licheck", "scan", str(tree), "--offline", "-q"]
    return [*command, "-f", "json", "-o", os.devnull, "--cache-dir", str(cache), *extra]


def _run(command: list[str], *, peak: bool = True) -> tuple[float, float, str, float]:
    """Wall and CPU seconds (all processes) of ``command``, its stderr, and its peak RSS in
    MiB (through a small wrapper process, whose start-up is counted too; ``peak=False``: run
    directly, RSS 0)."""
    wrapped = [sys.executable, "-c", _PEAK, *command] if peak else command
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(wrapped, env=ENV, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    code, kib = done.stdout.split() if peak else (str(done.returncode), "0")
    if int(code) not in (0, 1):  # 1: findings (licheck) or no match (rg)
        raise SystemExit(f"{' '.join(command[:6])} exited {code}: {done.stderr[-2000:]}")
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu, done.stderr, int(kib) / 1024


def stage(tree: Path) -> tuple[float, float, float, float]:
    """The scan stage's cold and warm wall, warm re-parses and peak RSS (MiB), in-process."""
    done = subprocess.run(
        [sys.executable, "-c", _STAGE, str(tree)], env=ENV, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise SystemExit(done.stderr[-2000:])
    cold, warm, parsed, peak = done.stdout.split()
    return float(cold), float(warm), float(parsed), float(peak)


def _copies(tree: Path, out: Path, times: int) -> Path:
    """``tree`` copied ``times`` times side by side: exactly that many files and bytes."""
    many = out / f"{tree.name}-x{times}"
    if many.exists():
        shutil.rmtree(many)
    for i in range(times):
        shutil.copytree(tree, many / f"copy{i}", symlinks=True)
    return many


def _describe(tree: Path) -> str:
    files = [p for p in tree.rglob("*") if p.is_file()]
    return f"{len(files)} files, {sum(p.stat().st_size for p in files) / 1e6:.1f} MB"


def interleaved(tree: Path, rounds: int, scratch: Path) -> dict[str, list[float]]:
    """rg, a cold scan, a warm scan and a warm scan of a fresh checkout, in turn, ``rounds``
    times."""
    rg = rg_commands(tree)[RG_WORDS] if shutil.which("rg") else None
    got: dict[str, list[float]] = {}
    # What a CI job sees after restoring the cache folder: the same bytes at the same relative
    # paths, but files the cache has never stat'ed (new inodes and times), so each is read and
    # looked up by its bytes rather than recalled by its stat.
    checkout = scratch / "checkout" / tree.name
    shutil.copytree(tree, checkout, symlinks=True)
    for i in range(rounds):
        cache = scratch / f"cache{i}"
        if rg is not None:
            # rg takes tens of milliseconds, where one sample is mostly the machine's noise and
            # every ratio divides by it: the median of five, each round.
            samples = [_run(rg, peak=False)[0] for _ in range(5)]
            got.setdefault("rg", []).append(statistics.median(samples))
        wall, cpu, _, _ = _run(_cli(tree, cache))
        got.setdefault("cold wall", []).append(wall)
        got.setdefault("cold cpu", []).append(cpu)
        # Run directly, as rg is: the peak-RSS wrapper's own start-up (a second interpreter,
        # about 25 ms) is noise beside a cold run but a tenth of a warm one.
        wall, cpu, log, _ = _run(_cli(tree, cache, "-v"), peak=False)
        got.setdefault("warm wall", []).append(wall)
        got.setdefault("warm cpu", []).append(cpu)
        found = _PARSED.search(log)
        got.setdefault("warm parsed", []).append(float(found.group(1)) if found else -1)
        wall, cpu, log, _ = _run(_cli(checkout, cache, "-v"), peak=False)
        got.setdefault("warm checkout wall", []).append(wall)
        found = _PARSED.search(log)
        got.setdefault("warm parsed", []).append(float(found.group(1)) if found else -1)
        cold, warm, parsed, _ = stage(tree)
        got.setdefault("scan stage cold wall", []).append(cold)
        got.setdefault("scan stage warm wall", []).append(warm)
        got.setdefault("warm parsed", []).append(parsed)
    shutil.rmtree(checkout.parent)
    return got


def floor(tree: Path, pairs: int = 5) -> tuple[int, float, float, float, float, int]:
    """Python files parsed, ast.parse floor CPU, their extraction CPU (medians of ``pairs``
    interleaved pairs), the median of the pairs' ratios, scan CPU, files parsed."""
    done = subprocess.run(
        [sys.executable, "-c", _FLOOR, str(tree), str(pairs)],
        env=ENV,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise SystemExit(done.stderr[-2000:])
    files, floor_cpu, extract, ratio, whole, parsed = done.stdout.split()
    return int(files), float(floor_cpu), float(extract), float(ratio), float(whole), int(parsed)


def ten_changed(tree: Path, out: Path, scratch: Path) -> tuple[int, int]:
    """Files re-parsed after 10 files that were parsed change (and how many changed)."""
    copy = _copies(tree, out, 1)
    cache = scratch / "edit-cache"
    _run(_cli(copy, cache))
    # Files the scan parses (they pass the prefilter), so each change must cost one parse.
    check = PythonExtractor().quick_check
    loaders = [p for p in sorted(copy.rglob("*.py")) if check(p.read_bytes())]
    for path in loaders[:10]:
        path.write_bytes(path.read_bytes() + b"\n# changed by bench/perf.py\n")
    found = _PARSED.search(_run(_cli(copy, cache, "-v"))[2])
    shutil.rmtree(copy)
    return (int(found.group(1)) if found else -1), len(loaders[:10])


def _verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def report(name: str, tree: Path, args: argparse.Namespace, scratch: Path) -> None:
    print(f"\n== {name}: {tree} ({_describe(tree)})")
    got = interleaved(tree, args.rounds, scratch / name)
    med = {key: statistics.median(values) for key, values in got.items()}
    rg = med.get("rg")
    keys = ("rg", "cold wall", "cold cpu", "warm wall", "warm cpu", "warm checkout wall")
    for key in (*keys, "scan stage cold wall", "scan stage warm wall"):
        if key in med:
            ratio = f"  = {med[key] / rg:5.1f}x rg" if rg and key != "rg" else ""
            print(f"  {key:28}{med[key]:8.3f} s{ratio}")
    if rg:
        print(f"  cold wall <= 40x rg:        {_verdict(med['cold wall'] <= 40 * rg)}")
        print(f"  warm wall <= 5x rg:         {_verdict(med['warm wall'] <= 5 * rg)}")
        warm = med["scan stage warm wall"]
        print(f"  scan stage warm <= 5x rg:   {_verdict(warm <= 5 * rg)}")
    print(f"  warm re-parses:             {max(got['warm parsed']):.0f} (target 0)")
    files, floor_cpu, extract, per_pair, whole, parsed = floor(tree)
    python_files = sum(1 for _ in tree.rglob("*.py"))
    print(f"  files parsed (one process): {parsed}, of them Python {files} of {python_files}")
    print(f"  ast.parse floor (CPU):      {floor_cpu:8.3f} s")
    print(f"  Python extraction (CPU):    {extract:8.3f} s  = {per_pair:.2f}x floor")
    print(f"  whole scan stage (CPU):     {whole:8.3f} s  = {whole / floor_cpu:.2f}x floor")
    print(f"  extraction <= 2x floor:     {_verdict(per_pair <= 2)}")
    changed, edited = ten_changed(tree, args.out, scratch)
    print(f"  {edited} files changed:            {changed} re-parsed (target {edited})")
    one = _run(_cli(tree, scratch / "x1", "--no-cache"))
    print(f"  x1: cold wall {one[0]:7.3f} s, CPU {one[1]:7.3f} s; peak RSS {one[3]:.0f} MiB")
    peak = one[3]
    for times in (2, 4):
        many = _copies(tree, args.out, times)
        wall, cpu, _, peak = _run(_cli(many, scratch / f"x{times}", "--no-cache"))
        staged = stage(many)[3]
        shutil.rmtree(many)
        print(
            f"  x{times}: cold wall {wall:7.3f} s, CPU {cpu:7.3f} s ({cpu / one[1]:.2f}x x1 CPU);"
            f" peak RSS {peak:.0f} MiB (scan stage alone {staged:.0f} MiB)"
        )
    print(f"  peak RSS x4 <= 150 MB:      {_verdict(peak * 1.048576 <= 150)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--tree", type=Path, required=True, help="a real tree (never written)")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds per tree")
    parser.add_argument("--no-generated", action="store_true", help="skip the generated tree")
    parser.add_argument("--no-hub", action="store_true", help="skip bench/hub_scale.py")
    parser.add_argument("--out", type=Path, default=HERE / "out" / "perf")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    byte_compile(ROOT)
    load = os.getloadavg()[0]
    print(
        f"machine: {os.cpu_count()} CPUs, load average {load:.2f}, Python {sys.version.split()[0]}"
    )
    print("figures: medians of interleaved rounds; ratios are within one round set")
    with tempfile.TemporaryDirectory(prefix="licheck-perf-") as tmp:
        report("real", args.tree.resolve(), args, Path(tmp))
        if not args.no_generated:
            generated = args.out / "generated"
            generate(generated, 3000, 50.0, hot=0.05, mention=0.10)
            report("generated", generated, args, Path(tmp))
    print("\n== pre-commit path (bench/startup.py)")
    subprocess.run([sys.executable, str(HERE / "startup.py"), "--runs", "21", "--top", "5"])
    hub = HERE / "hub_scale.py"
    if args.no_hub:
        print("\n== Hub scale: skipped (--no-hub)")
    elif hub.is_file():
        print("\n== Hub scale (bench/hub_scale.py)")
        subprocess.run([sys.executable, str(hub)], env=ENV)
    else:
        print("\n== Hub scale: bench/hub_scale.py does not exist here; skipped")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
