"""Write licheck's JSON report for every corpus and the example, to compare two revisions.

    PYTHONPATH=. python bench/report_snapshot.py OUT_DIR          # write OUT_DIR/<name>.json
    diff -r BEFORE_DIR AFTER_DIR                                  # identical reports: no output

A reshape of the package must not change what licheck reports: run this at the revision before
and after it (each with its own PYTHONPATH) and diff the two folders. Every scan runs offline
and without a cache, so the reports depend only on the tree and on licheck itself. A script,
not a test: nothing in licheck imports it.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TREES = {
    "example": ROOT / "examples" / "demo",
    "corpus": ROOT / "tests" / "corpus",
    "corpus_blind": ROOT / "tests" / "corpus_blind",
    "corpus_blind2": ROOT / "tests" / "corpus_blind2",
    "corpus_real": ROOT / "tests" / "corpus_real",
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder for the reports")
    args = parser.parse_args()
    from licheck.cli import main as licheck

    args.out.mkdir(parents=True, exist_ok=True)
    worst = 0
    for name, tree in TREES.items():
        target = args.out / f"{name}.json"
        argv = ["scan", str(tree), "--offline", "--no-cache", "--format", "json"]
        argv += ["--output", str(target)]
        with contextlib.redirect_stderr(io.StringIO()):
            code = licheck(argv)
        print(f"{name:14} exit {code}  {target}")
        worst = max(worst, 0 if code in (0, 1) else code)
    return worst


if __name__ == "__main__":
    sys.exit(main())
