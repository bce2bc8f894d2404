"""Output paths, each checked before any long work (SPEC 1): never an input, never an existing file without
--timpa, never a file Excel has open, never a folder that cannot take a new file.
"""

from __future__ import annotations

import errno
import os
import re
import tempfile
from pathlib import Path

from penempatan.atomic import claim, remove_stale, same_file
from penempatan.cli.terminal import term
from penempatan.errors import os_error_text
from penempatan.usecases.stop import refuse


class Outputs:
    """The output paths of one command.

    A path the user named that exists is refused without --timpa; a default path that exists becomes the
    next free name (`contoh-rekomendasi-2.xlsx`). No output may be an input or another output, a folder, in a
    folder that is missing or not writable, or (when it is to be replaced) open in Excel.
    """

    def __init__(self, timpa: bool, *inputs: Path | None) -> None:
        self.timpa = timpa
        self.inputs = [p for p in inputs if p is not None]
        self.claimed: dict[Path, Path] = {}
        self.notes: dict[Path, str] = {}

    def claim(self, given: Path | None, default: Path | None = None) -> Path | None:
        """The path to write: `given` (the user's) or `default`; None when neither. Exit 2 when it cannot be."""
        if given is None and default is None:
            return None
        path = given if given is not None else default
        assert path is not None
        for source in self.inputs:
            if same_file(path, source):
                raise refuse(f"berkas keluaran {path} sama dengan berkas masukan {source}; masukan tidak pernah "
                             "ditimpa. Pilih nama lain.")
        if path.is_dir():
            raise refuse(f"{path} adalah folder. Tulis nama berkasnya, mis. {path / _example_name(default)}.")
        if path.exists() or path.is_symlink():
            path = self._existing(path, given is None)
        key = path.resolve()
        if key in self.claimed:
            raise refuse(f"{path} dipakai untuk dua keluaran sekaligus. Beri nama yang berbeda.")
        _check_folder(path)
        remove_stale(path.parent)
        while not claim(path):  # another run is writing this very path now
            if given is not None:
                raise refuse(f"{path} sedang ditulis oleh proses penempatan lain. Tunggu sampai selesai, atau pilih "
                             "nama lain.")
            path = self._next_free(path, f"{path.name} sedang ditulis oleh proses penempatan lain")
            key = path.resolve()
        self.claimed[key] = path
        return path

    def claim_all(self, *given: Path | None) -> list[Path | None]:
        """`claim` for several optional outputs, in order."""
        return [self.claim(p) for p in given]

    def _existing(self, path: Path, is_default: bool) -> Path:
        """What to do with an output path that exists: the next free name for a default, else --timpa."""
        if is_default and not self.timpa:
            return self._next_free(path, f"{path.name} sudah ada dan tidak ditimpa; --timpa menimpanya")
        if not self.timpa:
            raise refuse(f"{path} sudah ada dan tidak ditimpa. Pilih nama lain, atau tambahkan --timpa untuk "
                         "menggantinya.")
        lock = _excel_lock(path)
        if lock is not None:
            raise refuse(f"{path} sedang dibuka di Excel (ada berkas kunci {lock.name}). Tutup berkas itu di Excel, "
                         "lalu jalankan lagi.")
        return path

    def _next_free(self, path: Path, why: str) -> Path:
        """The first `NAME-k` after `path` (`NAME-2`, or the number after path's own) that exists nowhere yet."""
        numbered = re.fullmatch(r"(.*)-(\d+)", path.stem) if path in self.notes else None
        stem, start = (numbered.group(1), int(numbered.group(2)) + 1) if numbered else (path.stem, 2)
        for k in range(start, 10_000):
            candidate = path.with_name(f"{stem}-{k}{path.suffix}")
            if not (candidate.exists() or candidate.is_symlink() or candidate.resolve() in self.claimed):
                self.notes[candidate] = self.notes.get(path, why)
                return candidate
        raise refuse(f"terlalu banyak berkas bernama {path.stem}-N{path.suffix}; pilih nama dengan -o.")

    def written(self, path: Path, what: str, extra: str = "") -> None:
        """'<what> ditulis ke <path>.' on stdout, saying when a default name was taken."""
        note = f" ({self.notes[path]})" if path in self.notes else ""
        term.say(f"{what} ditulis ke {path}{note}.{extra}")


def _example_name(default: Path | None) -> str:
    return default.name if default is not None else "hasil.xlsx"


def _excel_lock(path: Path) -> Path | None:
    """The lock file Excel (`~$name.xlsx`) or Word/LibreOffice (`~$me.xlsx`, `.~lock.name#`) keeps beside an
    open file."""
    for name in (f"~${path.name}", f"~${path.name[2:]}", f".~lock.{path.name}#"):
        lock = path.with_name(name)
        if len(name) > 2 and lock.exists():
            return lock
    return None


def _check_folder(path: Path) -> None:
    """The folder of `path` exists and a file can be created in it (tried, not guessed: permissions, a
    read-only disk or a network share all show up here, in milliseconds)."""
    folder = path.parent
    if not folder.exists():
        raise refuse(f"tidak dapat menulis {path}: folder {folder} tidak ada.")
    if not folder.is_dir():
        raise refuse(f"tidak dapat menulis {path}: {folder} bukan folder.")
    try:
        fd, probe = tempfile.mkstemp(prefix=".penempatan-uji-", dir=folder)
    except OSError as exc:
        why = f"berkas tidak dapat dibuat di folder {folder}" if exc.errno == errno.ENOENT else os_error_text(exc)
        raise refuse(f"tidak dapat menulis {path}: {why}.") from None
    os.close(fd)
    Path(probe).unlink(missing_ok=True)
