"""Read-only commands: ``licheck rules``, ``licheck explain`` and ``licheck vendors``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from licheck.cli.app import app
from licheck.cli.common import (
    CacheDirOption,
    ConfigOption,
    NoCacheOption,
    OfflineOption,
    RulesDirOption,
    TextOrJsonOption,
    TimeoutOption,
    hub_settings,
    load,
    text_or_json,
)
from licheck.config import KEEP
from licheck.errors import EXIT_OK


@app.command("rules")
def list_rules(
    config_file: ConfigOption = None,
    rules_dir: RulesDirOption = None,
) -> int:
    """List the loaded rules: id, severity, category, summary."""
    from licheck.rules import ruleset_for

    ruleset = ruleset_for(load(Path.cwd(), config_file, rules_dir))
    width = max((len(r.id) for r in ruleset.rules), default=4)
    for rule in ruleset.rules:
        typer.echo(
            f"{rule.id.ljust(width)}  {rule.severity.value.ljust(8)}  "
            f"{rule.category.ljust(22)}  {rule.summary}"
        )
    return EXIT_OK


@app.command("explain")
def explain_model(
    model: Annotated[str, typer.Argument(help="A Hub model id or URL, or an Ollama name.")],
    revision: Annotated[
        str | None, typer.Option("--revision", "-r", help="A commit sha, tag or branch.")
    ] = None,
    offline: OfflineOption = None,
    fmt: TextOrJsonOption = "text",
    cache_dir: CacheDirOption = None,
    no_cache: NoCacheOption = False,
    config_file: ConfigOption = None,
    rules_dir: RulesDirOption = None,
    timeout: TimeoutOption = None,
    deep: Annotated[
        bool,
        typer.Option("--deep", help="Read the license history even where it changes no verdict."),
    ] = False,
) -> int:
    """Explain one model: provenance chain, license history, family, vendor events, findings."""
    from licheck.explain import parse_target, run
    from licheck.rules import ruleset_for

    choice = text_or_json(fmt)
    base = load(Path.cwd(), config_file, rules_dir)
    config = base.with_overrides(
        offline=KEEP if offline is None else offline,
        hub_timeout=KEEP if timeout is None else timeout,
    )
    ruleset = ruleset_for(config)
    explanation = run(
        parse_target(model, revision),
        ruleset,
        hub_settings(config, cache_dir, no_cache, deep=deep),
        policy=config.policy,  # the project's verdict, as `licheck scan` gives it
        root=Path.cwd(),
    )
    if choice == "json":
        import json

        from licheck.explain.data import to_dict

        sys.stdout.write(json.dumps(to_dict(explanation), indent=2, default=str) + "\n")
    else:
        from licheck.explain.text import render_text

        sys.stdout.write(render_text(explanation))
    return EXIT_OK


@app.command("vendors")
def list_vendors(
    fmt: TextOrJsonOption = "text",
    config_file: ConfigOption = None,
    rules_dir: RulesDirOption = None,
) -> int:
    """List the vendor knowledge: namespaces, drift, dated events with their sources (the
    built-in file with the additions of the organisation's and the project's rules)."""
    from licheck.explain import vendors as listing
    from licheck.rules import ruleset_for

    vendors = ruleset_for(load(Path.cwd(), config_file, rules_dir)).vendors
    render = listing.render_json if text_or_json(fmt) == "json" else listing.render_text
    sys.stdout.write(render(vendors))
    return EXIT_OK
