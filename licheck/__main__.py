"""``python -m licheck``: the same entry point as the console script.

``python -m`` puts the working directory first on ``sys.path``, and licheck is run inside the
repository it scans (a pull request nobody has reviewed, in a CI job holding HF_TOKEN). That
entry is dropped before anything else is imported, so a ``json.py`` or ``typer.py`` in the tree
never runs. A ``licheck.py`` there would replace licheck itself before this file runs: the
console script, or ``python -I -m licheck``, is the safe way to start it.
"""

import os
import sys


def _drop_working_directory() -> None:
    """Remove the entry ``-m`` put first on ``sys.path``: '' on old Pythons, the absolute path
    of the working directory on new ones (none at all under -I or -P)."""
    if getattr(sys.flags, "safe_path", False) or not sys.path:
        return
    first = sys.path[0]
    if first in ("", os.curdir) or os.path.abspath(first) == os.getcwd():
        del sys.path[0]


_drop_working_directory()

from licheck.cli import main  # noqa: E402  (imported only once the path is clean)

raise SystemExit(main())
