"""Benchmark the hub stage's request budget at scale on the Hub stand-in (issue 13).

    python bench/hub_scale.py                       # 500 models, 100 ms per request, 8 workers
    python bench/hub_scale.py --models 200 --latency 0.05

Four runs, each against the stand-in (tests/hubstub) with the given latency:

1. the synthetic mix (``tests/hubstub/synth.py``: 20 publishers, families of several sizes,
   finetunes, quantizations and adapters, every 20th reference pinned, five publishers drifting
   per rules/vendors.toml) resolved as ``licheck scan`` does (``resolve_provenance`` told the
   drifting publishers): cold into a fresh cache, then warm from it;
2. the same mix with ``--deep`` (every history read), cold, for comparison;
3. the example project examples/demo scanned by ``licheck scan``'s pipeline, cold then warm
   (its referenced heads come from their publishers' listings: ``model_info`` only at pinned
   or older commits and for repos no listing holds; ``tests/test_hub_heads.py`` holds the cold
   figure to 1.5 per model);
4. pacing: the mix's first 100 models with an API budget smaller than the run needs, announced
   in the Hub's RateLimit headers: waits before the budget runs out, 429 answers (should be 0).

Prints wall times, API requests per distinct model by kind, file downloads and warm figures.
A script, not a test: nothing in licheck imports it.
"""

from __future__ import annotations

import argparse
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
for _name in ("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"):
    os.environ.pop(_name, None)
sys.path.insert(0, str(ROOT))

from licheck.config import Config  # noqa: E402
from licheck.hub import HubSettings, resolve_models, resolve_provenance  # noqa: E402
from licheck.pipeline import with_drift  # noqa: E402
from licheck.records import ModelKey, Source  # noqa: E402
from licheck.rules import ruleset_for  # noqa: E402
from tests.hubstub import HubStub, RecordedRequest  # noqa: E402
from tests.hubstub.synth import synthetic_mix  # noqa: E402

DEMO = ROOT / "examples" / "demo"


def summary(
    label: str, requests: list[RecordedRequest], wall: float, models: set[str]
) -> tuple[int, int]:
    """Print one run's figures (``models``: the distinct models resolved, referenced and up
    their chains); return (API requests, distinct models)."""
    api = [r for r in requests if r.path.startswith("/api/") and r.path != "/api/agent-harnesses"]
    files = sum(1 for r in requests if "/resolve/" in r.path)
    per = len(api) / len(models) if models else 0.0
    print(f"{label:<28} {wall:7.2f} s  {len(api):5} API requests for {len(models)} models")
    print(f"{'':<30}{per:.2f} API requests per distinct model; {files} file downloads")
    for name, count in sorted(Counter(r.kind for r in requests).items(), key=lambda i: -i[1]):
        share = count / len(models) if models else 0.0
        print(f"{'':<30}{count:5}  {name} ({share:.2f} per model)")
    return len(api), len(models)


def run(
    hub: HubStub, keys: list[ModelKey], settings: HubSettings, latency: float
) -> tuple[float, set[str]]:
    """Resolve ``keys`` once with fresh counters; the wall time and the models resolved."""
    hub.reset()
    hub.latency = latency
    start = time.perf_counter()
    records = resolve_provenance(keys, settings)
    return time.perf_counter() - start, {key.model for key in records}


def mix_runs(args: argparse.Namespace, tmp: Path) -> None:
    """Runs 1, 2 and 4 on the synthetic mix."""
    mix = synthetic_mix(args.models)
    keys = [ModelKey(model, Source.HF, rev) for model, rev in mix.references]
    ruleset = ruleset_for(Config())
    with HubStub(mix.data) as hub:
        base = HubSettings(endpoint=hub.url, workers=args.workers, cache_dir=tmp / "mix")
        settings = with_drift(base, ruleset)
        resolve_models(keys[:1], HubSettings(endpoint=hub.url, use_cache=False))  # set-up
        print(
            f"synthetic mix: {len(keys)} models, {mix.pinned} pinned, "
            f"{args.latency * 1000:.0f} ms per request, {args.workers} workers"
        )
        for label in ("mix cold", "mix warm"):
            wall, models = run(hub, keys, settings, args.latency)
            summary(label, hub.requests, wall, models)
        deep = with_drift(
            HubSettings(
                endpoint=hub.url, workers=args.workers, cache_dir=tmp / "deep", full_history=True
            ),
            ruleset,
        )
        wall, models = run(hub, keys, deep, args.latency)
        summary("mix cold --deep", hub.requests, wall, models)

        subset = keys[:100]
        paced = with_drift(
            HubSettings(endpoint=hub.url, workers=args.workers, cache_dir=tmp / "paced"), ruleset
        )
        hub.reset()
        hub.latency = args.latency
        hub.rate_limit(api=args.budget, window=args.window)
        start = time.perf_counter()
        resolve_provenance(subset, paced)
        wall = time.perf_counter() - start
        requests, refused = hub.requests, hub.limits.refused
        hub.reset()
        print(
            f"pacing: {len(subset)} models, API budget {args.budget} per {args.window:g} s "
            f"window: {len(requests)} requests in {wall:.2f} s, {refused} answered 429"
        )


def demo_runs(args: argparse.Namespace, tmp: Path) -> None:
    """Run 3: the example project through the pipeline ``licheck scan`` runs."""
    from licheck.cli.common import hub_settings, load
    from licheck.pipeline import run_scan

    config = load(DEMO, None)
    with HubStub() as hub:
        os.environ["HF_ENDPOINT"] = hub.url
        settings = hub_settings(config, tmp / "demo-cache", no_cache=False)
        for label in ("demo cold", "demo warm"):
            hub.reset()
            hub.latency = args.latency
            start = time.perf_counter()
            report = run_scan(DEMO, None, config, settings)
            wall = time.perf_counter() - start
            summary(label, hub.requests, wall, {key.model for key in report.records})
        os.environ.pop("HF_ENDPOINT", None)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", type=int, default=500, help="distinct models in the mix")
    parser.add_argument("--latency", type=float, default=0.1, help="seconds per request")
    parser.add_argument("--workers", type=int, default=8, help="HubSettings.workers")
    parser.add_argument("--budget", type=int, default=80, help="API budget per window (pacing)")
    parser.add_argument("--window", type=float, default=3.0, help="pacing window, seconds")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="licheck-bench-") as tmp:
        mix_runs(args, Path(tmp))
        demo_runs(args, Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
