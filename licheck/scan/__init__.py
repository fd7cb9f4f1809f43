"""Scan stage: find model references in a tree of files.

``scan`` is the stage's whole public surface; the extractor interface lives in ``base``.
"""

from __future__ import annotations

from licheck.scan.engine import scan

__all__ = ["scan"]
