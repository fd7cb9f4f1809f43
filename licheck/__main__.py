"""``python -m licheck``: the same entry point as the console script."""

from licheck.cli import main

raise SystemExit(main())
