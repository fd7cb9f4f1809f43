"""Benchmark `licheck preserve` of 50 models' metadata on the Hub stand-in with injected latency.

    PYTHONPATH=. python bench/preserve.py                       # 50 models, 100 ms per request
    PYTHONPATH=. python bench/preserve.py --models 20 --latency 0.05 --workers 16

Starts the stand-in (tests/hubstub) serving ``--models`` repos (``tests/hubstub/escrow.py``:
each a card, the Apache License text, a NOTICE, a use policy, configs and tokenizer files, and
LFS weights that a metadata run leaves alone), then runs the real CLI (``licheck preserve``, the
real huggingface_hub client) four times into one fresh store: cold by branch, warm by branch
(the Hub is asked where each branch is; nothing is fetched), warm pinned to the commits (nothing
is asked at all), and warm locked (a project whose licheck.lock holds the commits). Prints the
wall time and the requests by kind of each run, and checks that every warm run fetched nothing
and changed no byte of the store. A script, not a test: nothing in licheck imports it.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# huggingface_hub reads these once, at import: set them before anything imports it.
os.environ["HF_HOME"] = tempfile.mkdtemp(prefix="licheck-bench-hf-home-")
os.environ["HF_HUB_DISABLE_TELEMETRY"] = "1"
for _name in ("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "CI"):
    os.environ.pop(_name, None)
sys.path.insert(0, str(ROOT))

from licheck.cli import main as licheck  # noqa: E402
from tests.hubstub import HubStub  # noqa: E402
from tests.hubstub.escrow import many_models  # noqa: E402


def kind(path: str, cdn: bool) -> str:
    """What a request was for, from its path."""
    if cdn:
        return "LFS bytes (CDN)"
    if "/revision/" in path:
        return "file listing (?blobs=true)"
    if "/resolve/" in path:
        return "file"
    return path  # e.g. huggingface_hub's own /api/agent-harnesses


def snapshot_of(store: Path) -> dict[str, tuple[bytes, int]]:
    """Every file of the store with its bytes and modification time."""
    return {
        p.relative_to(store).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(store.rglob("*"))
        if p.is_file()
    }


def measure(label: str, hub: HubStub, latency: float, args: list[str]) -> tuple[int, float]:
    """Run ``licheck preserve ARGS``; print and return its request count and wall time."""
    hub.reset()
    hub.latency = latency
    out, err = io.StringIO(), io.StringIO()
    start = time.perf_counter()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = licheck(["preserve", *args])
    elapsed = time.perf_counter() - start
    if code != 0:
        raise SystemExit(
            f"{label}: licheck preserve exited {code}\n{out.getvalue()}{err.getvalue()}"
        )
    requests = hub.requests
    methods = Counter(f"{r.method} {kind(r.path, r.cdn)}" for r in requests)
    print(f"{label:<24} {len(requests):>5} requests {elapsed:>8.2f} s")
    for name, count in sorted(methods.items(), key=lambda item: (-item[1], item[0])):
        print(f"{'':<26}{count:>5}  {name}")
    return len(requests), elapsed


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", type=int, default=50, help="models to preserve")
    parser.add_argument("--latency", type=float, default=0.1, help="seconds per request")
    parser.add_argument("--workers", type=int, default=8, help="[tool.licheck] workers")
    args = parser.parse_args(argv)

    data = many_models(args.models)
    with HubStub(data) as hub, tempfile.TemporaryDirectory(prefix="licheck-bench-") as tmp:
        os.environ["HF_ENDPOINT"] = hub.url
        project, store = Path(tmp) / "project", Path(tmp) / "store"
        project.mkdir()
        (project / "pyproject.toml").write_text(f"[tool.licheck]\nworkers = {args.workers}\n")
        models = sorted(data.repos)
        pinned = [f"{m}@{data.repos[m].main.sha}" for m in models]
        common = ["--project", str(project), "--dest", str(store), "--quiet"]
        print(
            f"{len(models)} models, metadata only, {args.latency * 1000:.0f} ms per request, "
            f"{args.workers} workers"
        )
        cold_n, cold_t = measure("cold, by branch", hub, args.latency, [*common, *models])
        kept = snapshot_of(store)
        files = sum(1 for name in kept if "/files/" in name)
        print(f"{'':<26}{files:>5}  files kept in {len(models)} snapshots")
        warm_n, warm_t = measure("warm, by branch", hub, args.latency, [*common, *models])
        pin_n, pin_t = measure("warm, pinned", hub, args.latency, [*common, *pinned])
        lock = "version = 1\n\n" + "".join(
            f'[[model]]\nid = "{m}"\nsource = "hf"\nsha = "{data.repos[m].main.sha}"\n'
            'checked = "2026-12-01T00:00:00Z"\n\n'
            for m in models
        )
        (project / "licheck.lock").write_text(lock)
        lock_n, lock_t = measure("warm, locked", hub, args.latency, [*common, *models])
        assert snapshot_of(store) == kept, "a warm run changed the store"
        print(
            f"cold {cold_n} requests in {cold_t:.2f} s; warm {warm_n} requests (branch heads "
            f"only) in {warm_t:.2f} s, pinned {pin_n} in {pin_t:.2f} s, locked {lock_n} in "
            f"{lock_t:.2f} s; no warm run fetched a file or changed a byte"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
