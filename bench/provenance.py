"""Benchmark the hub stage's provenance lookups on the Hub stand-in with injected latency.

    PYTHONPATH=. python bench/provenance.py                  # 30 models, 50 ms per request
    PYTHONPATH=. python bench/provenance.py --latency 0.1 --workers 16

Starts the stand-in (tests/hubstub) with the given latency, builds the references of a project
naming 30 distinct models of its data (one pinned to an old commit; two names are repeated, as
real code repeats them), then resolves their keys three times: shallow (``resolve_models``: the
keys only, no cache, for scale), cold provenance (``resolve_provenance`` into a fresh cache
folder) and warm provenance (same cache). Prints the request count by kind and the wall time of
each, and the cold/warm ratios. A script, not a test: nothing in licheck imports it.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# huggingface_hub reads these once, at import: set them before anything imports it.
os.environ["HF_HOME"] = tempfile.mkdtemp(prefix="licheck-bench-hf-home-")
os.environ["HF_HUB_DISABLE_TELEMETRY"] = "1"
for _name in ("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"):
    os.environ.pop(_name, None)
sys.path.insert(0, str(ROOT))

from licheck.hub import HubSettings, resolve_models, resolve_provenance  # noqa: E402
from licheck.records import ModelKey, ModelRecord, Reference  # noqa: E402
from tests.hubstub import HubStub  # noqa: E402

MODELS = (
    "Qwen/Qwen2.5-7B-Instruct",
    "Qwen/Qwen2.5-3B-Instruct",
    "Qwen/Qwen2.5-72B-Instruct",
    "Qwen/Qwen2-72B-Instruct",
    "Qwen/Qwen3-8B",
    "meta-llama/Llama-3.1-8B-Instruct",
    "meta-llama/Llama-3.3-70B-Instruct",
    "meta-llama/Llama-2-7b-chat-hf",
    "mistralai/Mistral-7B-Instruct-v0.3",
    "mistralai/Mistral-Large-Instruct-2407",
    "mistralai/Codestral-22B-v0.1",
    "google/gemma-2-9b-it",
    "google/gemma-3-27b-it",
    "deepseek-ai/DeepSeek-R1",
    "deepseek-ai/DeepSeek-V3",
    "microsoft/phi-4",
    "sentence-transformers/all-MiniLM-L6-v2",
    "BAAI/bge-small-en-v1.5",
    "stabilityai/stable-diffusion-3-medium",
    "stabilityai/stable-diffusion-xl-base-1.0",
    "tiiuae/falcon-40b",
    "CohereForAI/c4ai-command-r-v01",
    "01-ai/Yi-34B",
    "bartowski/Meta-Llama-3.1-8B-Instruct-GGUF",
    "bartowski/Qwen2.5-7B-Instruct-GGUF",
    "example-quants/Qwen2.5-3B-Instruct-GGUF",
    "fixture-org/llama-3.1-8b-support-ft",
    "fixture-org/license-file-mismatch",
    "fixture-org/orphan-finetune",
)
PINNED = "fixture-org/drifting-model"  # the 30th model, pinned to its first (Apache) commit


def project_references(hub: HubStub) -> list[Reference]:
    """What a scan of the project finds: every model once, two of them twice, one pinned."""
    sha = hub.data.repos[PINNED].tags["v1.0"]
    refs = [Reference("src/app.py", n + 1, 1, model) for n, model in enumerate(MODELS)]
    refs.append(Reference("src/app.py", 40, 1, PINNED, revision=sha))
    refs += [Reference("src/eval.py", 3, 1, MODELS[0]), Reference("src/eval.py", 4, 1, MODELS[5])]
    return refs


Resolver = Callable[[list[ModelKey], HubSettings], dict[ModelKey, ModelRecord]]


def measure(
    label: str, hub: HubStub, run: Resolver, keys: list[ModelKey], settings: HubSettings
) -> tuple[int, float, dict[ModelKey, ModelRecord]]:
    """Run one resolution; print and return its request count, wall time and records."""
    hub.reset()
    hub.latency = LATENCY
    start = time.perf_counter()
    records = run(keys, settings)
    elapsed = time.perf_counter() - start
    requests = hub.requests
    kinds = Counter(r.kind for r in requests)
    print(f"{label:<20} {len(requests):>5} requests {elapsed:>8.3f} s  {len(records)} records")
    for name, count in sorted(kinds.items(), key=lambda item: -item[1]):
        print(f"{'':<22}{count:>4}  {name}")
    return len(requests), elapsed, records


LATENCY = 0.05


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    global LATENCY
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency", type=float, default=0.05, help="seconds per request")
    parser.add_argument("--workers", type=int, default=8, help="HubSettings.workers")
    args = parser.parse_args(argv)
    LATENCY = args.latency

    with HubStub() as hub, tempfile.TemporaryDirectory(prefix="licheck-bench-") as tmp:
        refs = project_references(hub)
        keys = sorted({ref.key for ref in refs})
        assert len({k.model for k in keys}) == 30, keys
        shallow = HubSettings(endpoint=hub.url, workers=args.workers, use_cache=False)
        settings = HubSettings(endpoint=hub.url, workers=args.workers, cache_dir=Path(tmp) / "c")
        resolve_models(keys[:1], shallow)  # one-time client set-up is not part of any timing
        print(
            f"{len(refs)} references, {len(keys)} distinct models, "
            f"{LATENCY * 1000:.0f} ms per request, {args.workers} workers"
        )
        measure("shallow (no cache)", hub, resolve_models, keys, shallow)
        cold_n, cold_t, cold = measure("provenance cold", hub, resolve_provenance, keys, settings)
        warm_n, warm_t, warm = measure("provenance warm", hub, resolve_provenance, keys, settings)
        assert all(r.from_cache for r in warm.values()) and list(warm) == list(cold)
        ratio_t = cold_t / warm_t if warm_t else float("inf")
        print(f"cold/warm: {cold_n} vs {warm_n} requests, wall time x{ratio_t:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
