"""matchmaker: keeps Dutch family doctors by matching practices with whole households."""

from matchmaker.app import create_app

__all__ = ["create_app"]
