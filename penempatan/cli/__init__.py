"""The `penempatan` command: a thin typer layer, the only package that prints (SPEC 1).

Everything the command line says is Bahasa Indonesia, including the option errors and help screens of the
underlying click parser (`bahasa`). Results go to stdout, problems to stderr. When either is not a terminal
(or with `--polos`) nothing is wrapped or drawn as a table cell: each input problem is one line,
`DATA.xlsx:Pegawai!G8: TMT Jabatan '31-02-2020': … Saran: …` (`problems`). Every output path is checked
before any long work, an existing file is never replaced without `--timpa` (`outputs`), and the outputs of
one run are renamed into place together (`atomic.output_batch`).

Modules: `app` (the typer program and global options), `commands` (one function per command: parse, call
one function of `jobs`, render), `jobs` (what a command does, without printing), `render` and
`render_explain` (terminal layouts), `terminal` (the consoles), `failures` (messages and exit codes),
`outputs`, `problems`, `lookup` (--nip/--jabatan), `exports` (CSV and JSON of a plan), `bahasa`, `surat` (the
letter drafts: command and job in one module), `paket` (the decree package, SPEC 10).
"""

from penempatan.cli import commands as _commands  # noqa: F401  (registers the commands on `app`)
from penempatan.cli import paket as _paket  # noqa: F401  (registers `paket`, SPEC 10)
from penempatan.cli import surat as _surat  # noqa: F401  (registers `surat`, SPEC 7)
from penempatan.cli import web as _web  # noqa: F401  (registers `web`, issue 15)
from penempatan.cli.app import app

__all__ = ["app"]
