"""Run the CLI from a checkout: `python cli.py solve data/contoh.xlsx`."""
from penempatan.cli import app

if __name__ == "__main__":
    app()
