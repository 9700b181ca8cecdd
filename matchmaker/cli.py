"""The ``matchmaker`` console script: Flask's CLI with the app's own commands."""

from __future__ import annotations

import click
from flask.cli import FlaskGroup

from matchmaker.app import create_app


@click.group(cls=FlaskGroup, create_app=create_app)
def main() -> None:
    """matchmaker: successors for Dutch GP practices."""


if __name__ == "__main__":
    main()
