"""What a scan cache entry depends on besides its file: the ``fingerprint`` its keys digest.

Everything else that shapes extraction goes in: licheck's version, the layout of an entry
(``FORMAT``), a digest of the scan package's own sources (a development checkout changes
without a new version), the Python version (whose parser decides what parses) and the scan
settings (``include_docs``). Reads licheck's own files only, never the scanned tree.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from licheck import __version__
from licheck.builtin_rules import builtin_rules_dir
from licheck.scan.vocabulary import SCAN_FILE

# The layout of an entry's JSON and what its key digests; bump it when either changes.
# 2: keys digest the bytes as read, and prefiltered-out files are kept as FILTERED.
FORMAT = 2


def _extraction_files() -> list[Path]:
    """The files extraction's answers depend on: the scan package, the modules outside it that
    decide what a reference is and where (TOML positions, the reference records), and the
    built-in vocabulary (``rules/scan.toml``), which is data but changes what is found."""
    here = Path(__file__).resolve().parent
    package = here.parent
    return [
        *sorted(here.glob("*.py")),
        package / "tomlpos.py",
        package / "tomlio.py",
        package / "records" / "references.py",
        builtin_rules_dir() / SCAN_FILE,
    ]


def _sources_digest() -> str:
    """A digest of what extraction does, as this installation has it."""
    digest = hashlib.blake2b(digest_size=16)
    for source in _extraction_files():
        try:
            digest.update(source.name.encode() + b"\0" + source.read_bytes() + b"\0")
        except OSError:
            digest.update(source.name.encode() + b"\0?\0")
    return digest.hexdigest()


def fingerprint(*, include_docs: bool) -> str:
    """Everything besides a file's path and bytes that its extraction depends on."""
    python = "{}.{}".format(*sys.version_info[:2])
    return f"{__version__}|{FORMAT}|{python}|{_sources_digest()}|docs={int(include_docs)}"
