"""The typer application every command registers on, and the ``--version`` option."""

from __future__ import annotations

from typing import Annotated

import typer

from licheck import __version__
from licheck.errors import EXIT_OK

app = typer.Typer(
    name="licheck",
    help="Find the AI models a codebase pulls and check their licenses, provenance and drift.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    # Plain help text: "[tool.licheck]" in an option's help is not rich markup.
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"licheck {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """licheck: license-risk checks for model dependencies."""
