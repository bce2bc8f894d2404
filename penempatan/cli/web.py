"""`penempatan web`: the whole workflow in the browser on this computer (penempatan.web). The server listens on
127.0.0.1 only and answers only requests with the random access token printed at start (as Jupyter does)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from penempatan.cli.app import app
from penempatan.cli.bahasa import Command
from penempatan.cli.terminal import term
from penempatan.usecases.stop import refuse


@app.command(cls=Command)
def web(
    port: Annotated[int, typer.Option("--port", metavar="PORT", min=0, max=65535, show_default=False,
                                      help="Port di 127.0.0.1 (0: port bebas mana saja). [bawaan: 8765]")] = 8765,
    folder: Annotated[Path, typer.Option("--folder", metavar="KERJA",
                                         help="Folder kerja: setiap workbook yang diunggah dan semua hasilnya "
                                         "disimpan di sini.")] = Path("penempatan-kerja"),
    tanpa_browser: Annotated[bool, typer.Option("--tanpa-browser", help="Jangan membuka browser; cukup cetak "
                                                "alamatnya.")] = False,
) -> None:
    """Buka penempatan di browser: unggah, periksa, analisis, skenario, rencana, penjelasan, tanggapan dan unduhan,
    tanpa terminal. Hanya dapat diakses dari komputer ini, dengan token yang dicetak."""
    from penempatan.web import create_app
    from penempatan.web.access import new_token
    from penempatan.web.server import HOST, bind, serve

    if folder.exists() and not folder.is_dir():
        raise refuse(f"{folder} adalah berkas, bukan folder. Beri nama folder kerja.")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        from penempatan.errors import os_error_text

        raise refuse(f"tidak dapat membuat folder kerja {folder}: {os_error_text(exc)}.") from None
    try:
        sock = bind(port)
    except OSError:
        raise refuse(f"port {port} di {HOST} sedang dipakai program lain. Pilih port lain dengan --port, "
                     "misalnya --port 8766.") from None
    port = sock.getsockname()[1]
    token = new_token()
    url = f"http://{HOST}:{port}/?token={token}"
    application = create_app(folder.resolve(), token, hosts=(HOST, "localhost"))
    print(url, flush=True)
    term.err.print(f"Folder kerja: {folder.resolve()}. Tekan Ctrl-C untuk berhenti.", highlight=False)
    if not tanpa_browser:
        import webbrowser

        webbrowser.open(url)
    serve(application, sock)

