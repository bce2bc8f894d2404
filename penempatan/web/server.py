"""Serving the app with uvicorn on 127.0.0.1: in the foreground (`penempatan web`) or on a background thread
(the browser tests and benchmarks/web.py drive the real server this way)."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path
from types import TracebackType

import uvicorn
from fastapi import FastAPI

from penempatan.web.app import create_app

HOST = "127.0.0.1"


def bind(port: int) -> socket.socket:
    """A listening socket on 127.0.0.1:`port` (0: any free port); OSError when the port is taken."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.bind((HOST, port))
        sock.listen(128)
    except OSError:
        sock.close()
        raise
    return sock


def config(app: FastAPI) -> uvicorn.Config:
    # No access log: its lines would carry addresses with NIPs (?nip=…) and the token.
    return uvicorn.Config(app, log_level="warning", access_log=False, server_header=False)


def serve(app: FastAPI, sock: socket.socket) -> None:
    """Serve until Ctrl-C."""
    try:
        uvicorn.Server(config(app)).run(sockets=[sock])
    except KeyboardInterrupt:
        pass
    finally:
        sock.close()


class Background:
    """The app over `folder` with `token`, served on a free port on a daemon thread while the `with` lasts."""

    def __init__(self, folder: Path, token: str) -> None:
        self.token = token
        self.app = create_app(folder, token, hosts=(HOST, "localhost"))
        self.sock = bind(0)
        self.port = int(self.sock.getsockname()[1])
        self.server = uvicorn.Server(config(self.app))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)

    @property
    def base(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def url(self) -> str:
        """The address `penempatan web` prints: the home page with the token."""
        return f"{self.base}/?token={self.token}"

    def __enter__(self) -> Background:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("server web tidak mulai")
            time.sleep(0.02)
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.server.should_exit = True
        self.thread.join(10)
        self.sock.close()
