"""The typer program `app`: its help, the global options and the option types the commands share."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from penempatan.cli.bahasa import Group
from penempatan.cli.terminal import term

app = typer.Typer(
    cls=Group,
    help="Optimasi penempatan ASN: usulan mutasi, rotasi dan promosi yang patuh aturan dan dapat dijelaskan.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _show_version(value: bool) -> None:
    if value:
        from penempatan.usecases.jobs import versions

        v = versions()
        print(f"penempatan {v['penempatan']} (OR-Tools {v['ortools']}, Python {sys.version.split()[0]})")
        raise typer.Exit()


@app.callback()
def main(
    verbose: Annotated[bool, typer.Option("-v", "--verbose", help="Tampilkan rincian galat internal "
                                          "(juga boleh ditulis sesudah perintah).")] = False,
    polos: Annotated[bool, typer.Option("--polos", help="Teks polos tanpa tabel dan warna: satu masalah per "
                                        "baris (otomatis bila keluaran dialihkan ke berkas atau pipa).")] = False,
    _version: Annotated[bool, typer.Option("--version", help="Tampilkan versi penempatan dan OR-Tools lalu keluar.",
                                           is_eager=True, callback=_show_version)] = False,
) -> None:
    """Optimasi penempatan ASN."""
    term.verbose = verbose
    term.configure(polos)
