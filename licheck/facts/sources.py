"""Which facts bundles a run reads: ``--facts``, ``[tool.licheck] facts``, ``LICHECK_FACTS``.

Order is priority (the first bundle holding an answer gives it): the command line, then the
project's configuration, then the organisation's environment variable. Paths from the
configuration are the repository's choice, so they must stay inside the scanned tree (a path
or symlink leading out of it is refused with the reason); paths typed on the command line or
set in the environment are the operator's. Bad entries inside a bundle are skipped with a
logged reason, never silently.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from licheck.errors import ConfigError
from licheck.facts.format import FactsError, Loaded, read
from licheck.hub.bundled import DEFAULT_MAX_AGE_DAYS, Bundled

if TYPE_CHECKING:
    from licheck.config import Config
    from licheck.hub.settings import HubSettings

log = logging.getLogger(__name__)

FACTS_ENV = "LICHECK_FACTS"  # os.pathsep-separated bundle files, e.g. an organisation's


def env_paths() -> list[Path]:
    """The bundles named by ``LICHECK_FACTS`` (empty parts ignored)."""
    raw = os.environ.get(FACTS_ENV, "")
    return [Path(p.strip()).expanduser() for p in raw.split(os.pathsep) if p.strip()]


def inside_tree(root: Path, path: Path, where: str) -> Path:
    """``path`` resolved (symlinks followed), refused unless it lies inside ``root``."""
    resolved = path.resolve()
    try:
        resolved.relative_to(root.resolve())
    except ValueError:
        raise ConfigError(
            f"{where}: {path} leads outside the scanned tree ({root}); a project's facts "
            "bundles must live inside it (pass --facts or LICHECK_FACTS for others)"
        ) from None
    return resolved


def load_bundles(
    paths: Sequence[Path], *, max_age_days: float = DEFAULT_MAX_AGE_DAYS
) -> tuple[Bundled, list[Loaded]]:
    """The layer holding every bundle's rows (in priority order), and each bundle as read."""
    loaded: list[Loaded] = []
    for path in dict.fromkeys(paths):
        if not path.is_file():
            raise FactsError(f"facts bundle {path}: no such file")
        bundle = read(path)
        for problem in bundle.skipped:
            log.warning("facts bundle %s: skipped %s", path, problem)
        loaded.append(bundle)
    rows = [row for bundle in loaded for row in bundle.rows]
    return Bundled(rows, max_age_days=max_age_days), loaded


def with_bundles(
    hub: HubSettings, root: Path, config: Config, given: Sequence[Path] = ()
) -> tuple[HubSettings, Config]:
    """``hub`` reading the bundles of ``given`` (``--facts``), the configuration and
    ``LICHECK_FACTS``, in that order (unchanged when there are none), and ``config`` with the
    bundles inside the tree excluded from the scan: their model ids are answers, not
    dependencies."""
    where = f"{config.source or 'configuration'}: [tool.licheck] facts"
    paths = [
        *given,
        *(inside_tree(root, p, where) for p in config.facts),
        *env_paths(),
    ]
    if not paths:
        return hub, config
    layer, _ = load_bundles(paths, max_age_days=config.facts_max_age_days)
    return replace(hub, facts=layer), excluding(root, config, paths)


def excluding(root: Path, config: Config, paths: Sequence[Path]) -> Config:
    """``config`` with every file of ``paths`` that lies inside ``root`` excluded."""
    globs: list[str] = []
    for path in paths:
        try:
            rel = path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            continue
        globs.append(rel)
    return config.with_overrides(exclude=(*config.exclude, *globs)) if globs else config
