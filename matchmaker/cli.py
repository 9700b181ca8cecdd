"""The ``matchmaker`` console script: Flask's CLI with the app's own commands."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import FlaskGroup

from matchmaker.app import create_app
from matchmaker.config import ConfigError


def _create_app() -> Flask:
    """The app, or a one-line error (not a traceback) when the configuration is unsafe."""
    try:
        return create_app()
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None


@click.group(cls=FlaskGroup, create_app=_create_app)
def main() -> None:
    """matchmaker: successors for Dutch GP practices."""


if __name__ == "__main__":
    main()
