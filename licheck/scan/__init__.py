"""Scan stage: find model references in a tree of files.

``scan`` walks a tree and ``scan_text`` reads one in-memory file; the extractor interface lives
in ``base``. Nothing in this package touches the network or runs the scanned code.
"""

from __future__ import annotations

from licheck.scan.tree import scan, scan_text

__all__ = ["scan", "scan_text"]
