"""How a use case ends when it cannot go on as asked: `Stop` with a finished message and its exit code, shared
by the CLI (which prints it and exits) and the web app (which shows it)."""

from __future__ import annotations

EXIT_OK, EXIT_FAIL, EXIT_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 130


class Stop(Exception):
    """End the command: `message` on stderr, exit `code`."""

    def __init__(self, message: str, code: int = EXIT_INPUT) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def refuse(message: str) -> Stop:
    """A request that cannot be done as asked (an output path, a conflict): exit 2."""
    return Stop(f"Galat: {message}")


def bad_argument(message: str) -> Stop:
    """An argument that names nothing usable (a missing file, an unknown NIP): exit 2."""
    return Stop(f"Argumen salah: {message}")
