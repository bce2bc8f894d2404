"""`python -m penempatan` runs the CLI."""

from penempatan.cli import app

app()
