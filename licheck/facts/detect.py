"""Recognise facts bundles among the scanned files: their model ids are answers, not
dependencies, so a bundle left in the tree (not named in ``[tool.licheck] facts``, which
excludes it up front) is moved to ``skipped`` with that reason instead of reporting every model
it mentions. Reads at most the first bytes of a JSON file that gave references; decides
nothing else.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from licheck.records import ScanResult, Skipped

_HEAD = re.compile(rb'\A\s*\{\s*"format"\s*:\s*"licheck/facts/v\d+"')
REASON = "a licheck facts bundle: recorded Hub answers, not dependencies"


def is_bundle(path: Path) -> bool:
    """Whether ``path`` starts like a facts bundle (``licheck facts export`` writes the format
    first)."""
    try:
        with path.open("rb") as handle:
            return _HEAD.match(handle.read(256)) is not None
    except OSError:
        return False


def without_bundles(root: Path, result: ScanResult) -> ScanResult:
    """``result`` without the references found in facts bundles, which are listed as skipped."""
    found = {r.path for r in (*result.references, *result.candidates)}
    bundles = {p for p in found if p.endswith(".json") and is_bundle(root / p)}
    if not bundles:
        return result
    return replace(
        result,
        references=tuple(r for r in result.references if r.path not in bundles),
        candidates=tuple(r for r in result.candidates if r.path not in bundles),
        skipped=(*result.skipped, *(Skipped(p, REASON) for p in sorted(bundles))),
    )
