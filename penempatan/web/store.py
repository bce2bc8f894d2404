"""The work folder: one sub-folder per uploaded workbook (a *berkas*), holding the input as uploaded, its
check, analysis, scenarios, comparisons and every plan made from it, so closing the browser loses nothing.

Layout of `KERJA/<id>/`: `berkas.json` (original name, upload time), the input under its own file name,
`periksa.json` and `masalah.xlsx` (check), `analisis.xlsx`, `skenario/*.toml`, `banding.xlsx` and
`banding.json`, and `rencana/<n>/` for the n-th plan: `rencana.xlsx`, `laporan.html`, `kandidat.csv`,
`rencana.json` (how it was made), `tanggapan.json` (the answers as recorded, with who and when),
`tanggapan.xlsx` (the copy with the answers) and `surat.zip`.
"""

from __future__ import annotations

import io
import json
import re
import secrets
import shutil
import unicodedata
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from penempatan.atomic import write_atomically
from penempatan.text import visible

MAX_BYTES = 50 * 1024 * 1024
"""The largest workbook accepted (50 MB; a 100,000-employee demo workbook is about 10 MB)."""

_ID = re.compile(r"^[0-9a-f]{10}$")
_SAFE_NAME = re.compile(r"[^\w.\- ]+")
_SCENARIO = re.compile(r"^[\w\-]{1,60}\.toml$")


class Refused(Exception):
    """A request the work folder refuses, with the message shown to the planner (Bahasa Indonesia) and, when
    one field of the request is the cause, that field and its value (the API answers them as `bidang` and
    `nilai`)."""

    def __init__(self, message: str, status: int = 400, *, field: str = "", value: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.field = field
        self.value = value


def write_json(path: Path, obj: Any) -> None:
    write_atomically(path, lambda tmp: tmp.write_text(json.dumps(obj, ensure_ascii=False, default=str),
                                                      encoding="utf-8"), suffix=".json")


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Run:
    """The n-th plan of a berkas and its files."""

    folder: Path
    number: int

    @property
    def plan(self) -> Path:
        return self.folder / "rencana.xlsx"

    @property
    def report(self) -> Path:
        return self.folder / "laporan.html"

    @property
    def candidates(self) -> Path:
        return self.folder / "kandidat.csv"

    @property
    def answers(self) -> Path:
        """The copy of the plan workbook with the answers and decisions (`excel.write_answers`)."""
        return self.folder / "tanggapan.xlsx"

    @property
    def answer_log(self) -> Path:
        """The answers as recorded in the app, each signed with who and when (`web.answers.AnswerLog`)."""
        return self.folder / "tanggapan.json"

    @property
    def letters(self) -> Path:
        return self.folder / "surat.zip"

    @property
    def meta_path(self) -> Path:
        return self.folder / "rencana.json"

    def meta(self) -> dict[str, Any]:
        """How the plan was made: {"skenario": name or None, "acuan": run number or None, "kurva": bool}."""
        return read_json(self.meta_path) if self.meta_path.is_file() else {}

    @property
    def done(self) -> bool:
        return self.plan.is_file() and self.meta_path.is_file()


@dataclass(frozen=True)
class Berkas:
    """One uploaded workbook and everything made from it."""

    id: str
    folder: Path

    @property
    def info(self) -> dict[str, Any]:
        return read_json(self.folder / "berkas.json")

    @property
    def name(self) -> str:
        return str(self.info["nama"])

    @property
    def data(self) -> Path:
        return self.folder / self.name

    @property
    def problems_json(self) -> Path:
        return self.folder / "periksa.json"

    @property
    def problems_xlsx(self) -> Path:
        return self.folder / "masalah.xlsx"

    @property
    def analysis(self) -> Path:
        return self.folder / "analisis.xlsx"

    @property
    def comparison(self) -> Path:
        return self.folder / "banding.xlsx"

    @property
    def comparison_json(self) -> Path:
        return self.folder / "banding.json"

    @property
    def scenario_folder(self) -> Path:
        return self.folder / "skenario"

    def scenarios(self) -> list[str]:
        """Saved scenario files, by name."""
        folder = self.scenario_folder
        return sorted(p.name for p in folder.glob("*.toml")) if folder.is_dir() else []

    def scenario(self, name: str) -> Path:
        """The scenario file `name` (a plain file name: no folder may be named)."""
        if not _SCENARIO.match(name):
            raise Refused(f"nama skenario '{name}' tidak sah: pakai huruf, angka, - atau _ diakhiri .toml")
        return self.scenario_folder / name

    def runs(self) -> list[Run]:
        """Every finished plan, oldest first."""
        folder = self.folder / "rencana"
        if not folder.is_dir():
            return []
        runs = [Run(p, int(p.name)) for p in folder.iterdir() if p.name.isdigit()]
        return sorted((r for r in runs if r.done), key=lambda r: r.number)

    def run(self, number: int | None = None) -> Run | None:
        """Plan `number`, or the latest when None; None when there is no such plan."""
        runs = self.runs()
        if number is None:
            return runs[-1] if runs else None
        return next((r for r in runs if r.number == number), None)

    def new_run(self) -> Run:
        """A new, empty folder for the next plan."""
        folder = self.folder / "rencana"
        folder.mkdir(exist_ok=True)
        taken = [int(p.name) for p in folder.iterdir() if p.name.isdigit()]
        number = max(taken, default=0) + 1
        (folder / str(number)).mkdir()
        return Run(folder / str(number), number)


class Store:
    """The work folder and its berkas."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)

    def get(self, berkas_id: str) -> Berkas:
        """The berkas `berkas_id`; Refused (404) when there is none."""
        if _ID.match(berkas_id):
            folder = self.folder / berkas_id
            if (folder / "berkas.json").is_file():
                return Berkas(berkas_id, folder)
        raise Refused(f"berkas '{berkas_id}' tidak ada di folder kerja", 404)

    def all(self) -> list[Berkas]:
        """Every berkas, newest first."""
        found = [Berkas(p.name, p) for p in self.folder.iterdir()
                 if _ID.match(p.name) and (p / "berkas.json").is_file()]
        return sorted(found, key=lambda b: str(b.info.get("diunggah", "")), reverse=True)

    def loose_workbooks(self) -> list[str]:
        """.xlsx files the planner put straight into the work folder, which can be picked like an upload."""
        return sorted(p.name for p in self.folder.glob("*.xlsx") if p.is_file() and not p.name.startswith("~$"))

    def add(self, name: str, raw: bytes) -> Berkas:
        """A new berkas holding `raw` as `name`, after the refusals of `check_upload`."""
        safe = check_upload(name, raw)
        berkas_id = secrets.token_hex(5)
        folder = self.folder / berkas_id
        folder.mkdir()
        try:
            (folder / safe).write_bytes(raw)
            write_json(folder / "berkas.json", {"nama": safe,
                                                "diunggah": datetime.now().isoformat(timespec="seconds")})
        except OSError:  # a full disk: no half-made berkas is left behind
            shutil.rmtree(folder, ignore_errors=True)
            raise
        return Berkas(berkas_id, folder)

    def add_loose(self, name: str) -> Berkas:
        """A berkas made from a workbook lying in the work folder (copied; the file itself is left as it is)."""
        if name not in self.loose_workbooks():
            raise Refused(f"berkas '{name}' tidak ada di folder kerja {self.folder}", 404)
        path = self.folder / name
        if path.stat().st_size > MAX_BYTES:
            raise Refused(_too_big(path.stat().st_size), 413)
        return self.add(name, path.read_bytes())

    def remove(self, berkas: Berkas) -> None:
        shutil.rmtree(berkas.folder)


def _too_big(size: int) -> str:
    return (f"berkas terlalu besar ({size / 1024 / 1024:.1f} MB); batasnya {MAX_BYTES // 1024 // 1024} MB. "
            "Hapus sheet lain dari workbook lalu unggah lagi.")


def check_upload(name: str, raw: bytes) -> str:
    """The file name to store an upload under (`stored_name`); Refused for what is not an .xlsx workbook or is
    too big.

    Only the outer shape is checked here (name, size, a zip with a workbook part); the content gets the
    reader's located problems (`penempatan check`).
    """
    base, shown = _base(name), shown_name(name)
    if not base.lower().endswith(".xlsx"):
        other = base.lower().endswith((".xls", ".csv", ".ods"))
        hint = " Simpan dulu sebagai Excel Workbook (.xlsx) di Excel." if other else ""
        raise Refused(f"'{shown}' bukan workbook Excel .xlsx.{hint}", 415)
    if len(raw) > MAX_BYTES:
        raise Refused(_too_big(len(raw)), 413)
    if not raw:
        raise Refused(f"'{shown}' kosong (0 byte).", 400)
    if not zipfile.is_zipfile(io.BytesIO(raw)) or not _has_workbook(raw):
        raise Refused(f"'{shown}' bukan workbook .xlsx yang dapat dibaca (rusak, terenkripsi dengan kata sandi, "
                      "atau format lain yang diberi nama .xlsx). Buka di Excel lalu simpan lagi sebagai .xlsx.", 400)
    safe = stored_name(name, ".xlsx")
    if safe.lower() in {"masalah.xlsx", "analisis.xlsx", "banding.xlsx"}:
        safe = f"data-{safe}"
    return safe


NAME_BYTES = 120
"""The longest stem of a stored name, in UTF-8 bytes (file systems allow 255 per name; the folder path and
Excel's 218-character path limit on Windows need room too)."""
SHOWN_NAME = 80
"""The longest uploaded name repeated in a message, in characters."""
_WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$", re.IGNORECASE)


def _base(name: str) -> str:
    """The last part of an uploaded name, whichever separator the browser's system uses."""
    return name.replace("\\", "/").rsplit("/", 1)[-1].strip()


def upload_stem(name: str) -> str:
    """The uploaded name without folder and suffix."""
    base = _base(name)
    return base.rsplit(".", 1)[0] if "." in base else base


def shown_name(name: str) -> str:
    """An uploaded name as a message repeats it: without folders, control characters and bidi overrides shown
    as '�', at most SHOWN_NAME characters."""
    base = visible(_base(name)) or "(tanpa nama)"
    return base if len(base) <= SHOWN_NAME else base[:SHOWN_NAME - 1] + "…"


def stored_name(name: str, suffix: str) -> str:
    """A safe file name for an upload ending in `suffix` (lower case): no folder, only letters, digits, '.',
    '-', '_' and spaces (anything else, control characters and bidi overrides included, becomes '_'), at
    most NAME_BYTES bytes before the suffix, never a name Windows reserves (CON, NUL, COM1, …)."""
    base = unicodedata.normalize("NFC", _base(name))
    stem = base[:-len(suffix)] if base.lower().endswith(suffix) else base
    stem = _SAFE_NAME.sub("_", stem).strip(" .")
    stem = stem.encode("utf-8")[:NAME_BYTES].decode("utf-8", "ignore").rstrip(" .") or "data"
    if _WINDOWS_RESERVED.match(stem.split(".", 1)[0].strip()):
        stem = f"data-{stem}"
    return stem + suffix


SCENARIO_MAX_BYTES = 256 * 1024
"""The largest scenario file accepted (a scenario with a thousand pins is about 60 KB)."""


def too_big_scenario() -> str:
    return f"berkas terlalu besar untuk berkas skenario (paling besar {SCENARIO_MAX_BYTES // 1024} KB)."


def check_scenario_upload(name: str, raw: bytes) -> str:
    """The text of an uploaded scenario file; Refused for what is not a UTF-8 .toml file of a sane size."""
    base, shown = _base(name), shown_name(name)
    if not base.lower().endswith(".toml"):
        raise Refused(f"'{shown}' bukan berkas skenario .toml.", 415)
    if len(raw) > SCENARIO_MAX_BYTES:
        raise Refused(f"'{shown}' terlalu besar untuk berkas skenario (paling besar "
                      f"{SCENARIO_MAX_BYTES // 1024} KB).", 413)
    if not raw.strip():
        raise Refused(f"'{shown}' kosong.", 400)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Refused(f"'{shown}' bukan teks UTF-8. Simpan lagi dengan pengodean UTF-8 (Notepad: Simpan "
                      "sebagai → Encoding UTF-8).", 400) from None


def _has_workbook(raw: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as z:
            return "xl/workbook.xml" in z.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False

