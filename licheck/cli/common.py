"""What the commands share: option types, configuration loading, Hub settings, logging.

Nothing here checks anything; it turns command-line options into the settings the pipeline
takes.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from licheck.config import Config, find_pyproject, load_config
from licheck.errors import ConfigError
from licheck.report.safe_text import visible

if TYPE_CHECKING:  # for the annotation; commands import the hub package only when they run
    from licheck.hub import HubSettings

NETWORK_HINT = (
    "check your network, or run with --offline; set HF_TOKEN for private or gated models "
    "and HF_ENDPOINT for a mirror"
)

OfflineOption = Annotated[
    bool | None,
    typer.Option("--offline/--online", help="No network: use the cache and built-in data."),
]
CacheDirOption = Annotated[
    Path | None, typer.Option("--cache-dir", help="Cache folder (default: user cache dir).")
]
NoCacheOption = Annotated[
    bool, typer.Option("--no-cache", help="Neither read nor write the cache.")
]
TimeoutOption = Annotated[
    float | None,
    typer.Option(
        "--timeout",
        min=0.001,
        help="Seconds the whole Hub stage may take (default 300); then the rest is unverified.",
    ),
]
# Commands that print text or JSON (text_or_json checks the value).
TextOrJsonOption = Annotated[str, typer.Option("--format", "-f", help="text or json.")]
ConfigOption = Annotated[
    Path | None, typer.Option("--config", help="pyproject.toml holding [tool.licheck].")
]
RulesDirOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--rules-dir",
        help="A rules folder (licenses, vendors, rule packs) merged over the built-ins "
        "(repeatable; after LICHECK_RULES_DIRS and [tool.licheck] rules).",
    ),
]
# An organisation's rules folders, shared by many repositories: PATH-style (os.pathsep).
RULES_ENV = "LICHECK_RULES_DIRS"


def load(root: Path, config_path: Path | None, rules_dirs: list[Path] | None = None) -> Config:
    """``[tool.licheck]`` from ``--config`` or the root's pyproject.toml, with the rules folders
    of ``LICHECK_RULES_DIRS`` before its own and ``--rules-dir`` after them."""
    if config_path is not None and not config_path.is_file():
        raise ConfigError(f"--config {config_path}: no such file")
    config = load_config(config_path or find_pyproject(root))
    folders = [*_env_folders(), *config.rules]
    for folder in rules_dirs or ():
        if not folder.exists():
            raise ConfigError(f"--rules-dir {folder}: no such folder or file")
        folders.append(folder.resolve())
    # One folder named twice (by the organisation's variable and the project) is read once;
    # reading it twice would make every entry in it a duplicate of itself.
    return config.with_overrides(rules=tuple(dict.fromkeys(folders)))


def _env_folders() -> list[Path]:
    folders: list[Path] = []
    for part in os.environ.get(RULES_ENV, "").split(os.pathsep):
        if not part.strip():
            continue
        folder = Path(part.strip()).expanduser()
        # An organisation's rules silently missing would let findings through.
        if not folder.exists():
            raise ConfigError(f"{RULES_ENV}: {folder}: no such folder or file")
        folders.append(folder.resolve())
    return folders


def hub_settings(
    config: Config, cache_dir: Path | None, no_cache: bool, *, deep: bool = False
) -> HubSettings:
    """Hub settings from the environment, the config and the cache options; ``deep`` reads
    every referenced model's license history (``--deep``)."""
    from licheck.hub import HubSettings

    env_cache = os.environ.get("LICHECK_CACHE_DIR")
    return HubSettings.from_env(
        cache_dir=cache_dir or (Path(env_cache) if env_cache else None),
        use_cache=not no_cache,
        branch_ttl=config.cache_ttl_hours * 3600.0,
        workers=config.workers,
        max_depth=config.chain_depth,
        history_limit=config.history_limit,
        family_limit=config.family_limit,
        stage_timeout=config.hub_timeout,
        full_history=deep,
        **({"offline": True} if config.offline else {}),
    )


class _VisibleFormatter(logging.Formatter):
    """Log lines with the message's control characters shown as escapes.

    Warnings name scanned files and quote Hub answers; one formatter escapes them all, so no
    call site has to remember to.
    """

    def formatMessage(self, record: logging.LogRecord) -> str:
        # A copy: other handlers (an embedding application's) get the record as it was.
        safe = logging.makeLogRecord({**record.__dict__, "message": visible(record.message)})
        return super().formatMessage(safe)


def setup_logging(*, verbose: bool, quiet: bool) -> None:
    """Warnings (a broken cache, a retried request) on stderr; more with -v, fewer with -q."""
    level = logging.DEBUG if verbose else logging.ERROR if quiet else logging.WARNING
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_VisibleFormatter("licheck: %(levelname)s: %(message)s"))
    logger = logging.getLogger("licheck")
    # Replace, not add: main() may run many times in one process (tests, embedding tools).
    # Propagation stays on so an embedding application's own handlers still see warnings.
    logger.handlers[:] = [handler]
    logger.setLevel(level)


def text_or_json(value: str) -> str:
    """The --format value of commands that print text or JSON."""
    choice = value.strip().lower()
    if choice not in ("text", "json"):
        raise ConfigError(f"--format {value!r}: choose text or json")
    return choice
