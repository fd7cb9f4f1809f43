"""Record ``examples/demo/licheck-facts.json`` from the local Hub stand-in (tests/hubstub).

    python -m tests.demo_facts            # rewrite the committed bundle
    python -m tests.demo_facts --check    # exit 1 when the committed bundle is out of date

The README's first command scans the example offline with this bundle, so it shows findings
instead of ``unverified``. The answers are example data from the stand-in, never live Hub
answers, and the bundle says so in its header. Models the stand-in does not hold are left out
(the stand-in would call them missing, which the real Hub does not): they stay ``unverified``.
The endpoint is written as a fixed label because the stand-in listens on a random port.
``tests/test_facts_demo.py`` runs ``record`` and compares, ignoring the times and the version.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tests.hubstub import HubStub

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "examples" / "demo"
BUNDLE = DEMO / "licheck-facts.json"
NOTE = (
    "Example data recorded from licheck's local Hub stand-in (tests/hubstub), not live Hub "
    "answers. Regenerate with `python -m tests.demo_facts`."
)
ENDPOINT = "hubstub (licheck's local Hub stand-in)"
_TIMES = ("exported_at", "fetched_at")


@contextlib.contextmanager
def _env(**values: str) -> Iterator[None]:
    saved = {k: os.environ.get(k) for k in (*values, "HF_TOKEN", "LICHECK_FACTS")}
    os.environ.pop("HF_TOKEN", None)
    os.environ.pop("LICHECK_FACTS", None)
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def record() -> dict[str, Any]:
    """The bundle as the stand-in answers now (not written anywhere)."""
    from licheck.cli import main as licheck

    with HubStub() as stub, tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "facts.json"
        with _env(HF_ENDPOINT=stub.url, HF_HOME=str(Path(tmp) / "hf")):
            argv = ["facts", "export", str(DEMO), "--output", str(out), "--note", NOTE]
            argv += ["--cache-dir", str(Path(tmp) / "cache"), "--quiet"]
            with contextlib.redirect_stdout(io.StringIO()):
                code = licheck(argv)
        if code != 0:
            raise SystemExit(f"licheck facts export failed with exit {code}")
        document: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
        known = stub.data.repos
    document["models"] = [m for m in document["models"] if m["model"] in known]
    for model in document["models"]:
        for lookup in model["lookups"]:
            lookup["endpoint"] = ENDPOINT
    for fact in document["facts"]:
        fact["endpoint"] = ENDPOINT
    return document


def comparable(document: dict[str, Any]) -> dict[str, Any]:
    """``document`` without its times and licheck version (what a re-recording may change)."""

    def strip(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in _TIMES}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    stripped = strip(document)
    stripped.pop("licheck_version", None)
    return dict(stripped)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args()
    from licheck.facts.format import dumps

    document = record()
    if args.check:
        committed = json.loads(BUNDLE.read_text(encoding="utf-8"))
        same = comparable(committed) == comparable(document)
        print("up to date" if same else f"{BUNDLE} is out of date: run python -m tests.demo_facts")
        return 0 if same else 1
    BUNDLE.write_text(dumps(document), encoding="utf-8")
    print(f"wrote {BUNDLE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
