"""Reference tables from `data/` (golongan, jenjang pendidikan, jenis jabatan, rumpun, kinerja).

The tables are editable CSV files, never constants in code; this module loads them and normalises the
many spellings found in BKPSDM and SIASN spreadsheets to one canonical code (SPEC 2.4).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
_LETTERS = "abcde"


def data_dir() -> Path:
    """The folder with the reference tables: packaged copy first, then the checkout's `data/`."""
    packaged = Path(__file__).parent / "data"
    if (packaged / "golongan.csv").exists():
        return packaged
    return Path(__file__).resolve().parent.parent / "data"


def _key(text: str) -> str:
    """Upper case with every non-alphanumeric removed: 'D-III', 'D III', 'd.iii' -> 'DIII'."""
    return re.sub(r"[^0-9A-Z]", "", text.upper())


def _words(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[0-9a-z]+", text.lower()))


@dataclass(frozen=True)
class Golongan:
    kode: str
    urutan: int
    pangkat: str
    jenis: str  # "PNS" or "PPPK"


@dataclass(frozen=True)
class JenisJabatan:
    """Per Jenis Jabatan / Jenjang: level for R9, default golongan range for R7, BUP for R4."""

    jenis: str
    jenjang: str | None
    tingkat: int
    golongan_min: int | None
    golongan_max: int | None
    bup: int
    manajerial: bool
    struktural: bool


@dataclass(frozen=True)
class Kinerja:
    kode: str
    skp_minimal: float
    ekspektasi: str  # "di atas", "sesuai", "di bawah"


@dataclass(frozen=True)
class Reference:
    golongan: dict[str, Golongan]
    pendidikan: dict[str, int]
    pendidikan_alias: dict[str, str]
    jenis_jabatan: dict[tuple[str, str | None], JenisJabatan]
    rumpun: tuple[tuple[tuple[str, ...], str], ...]
    kinerja: tuple[Kinerja, ...]
    kinerja_alias: dict[str, str]
    _golongan_alias: dict[str, str]

    @property
    def bidang(self) -> list[str]:
        """Every field named in rumpun.csv (the allowed values of a post's Bidang)."""
        return sorted({field for _, field in self.rumpun})

    @property
    def jenis_list(self) -> list[str]:
        return sorted({j for j, _ in self.jenis_jabatan})

    @property
    def jenjang_list(self) -> list[str]:
        return [jj for (_, jj) in self.jenis_jabatan if jj]

    # --- golongan -------------------------------------------------------------------------------
    def golongan_of(self, text: object) -> Golongan | None:
        """Canonical golongan for any accepted spelling, or None (SPEC 2.4)."""
        if text is None:
            return None
        raw = str(text).strip()
        if not raw:
            return None
        if re.fullmatch(r"\d+(\.0)?", raw):  # SIASN numeric code (31 = III/a) read from a number cell
            raw = raw.split(".")[0]
        # "Penata Muda (III/a)" or "Pembina Tk.I, IV b": every part must agree.
        parts = [p for p in re.split(r"[(),]", raw) if p.strip()]
        found = {self._golongan_part(p) for p in parts}
        found.discard(None)
        if len(found) == 1:
            kode = found.pop()
            return self.golongan[kode] if kode else None
        return None

    def _golongan_part(self, part: str) -> str | None:
        key = _key(re.sub(r"\bTK\.?\s*", "TINGKAT ", part.upper()))
        if key in self._golongan_alias:
            return self._golongan_alias[key]
        m = re.fullmatch(r"(IV|III|II|I|[1-4])([A-E])", key)
        if m:
            major = _ROMAN.get(m.group(1)) or int(m.group(1))
            return f"{'I' * major if major < 4 else 'IV'}/{m.group(2).lower()}"
        m = re.fullmatch(r"([1-4])([1-5])", key)  # SIASN golongan id: 11 = I/a ... 45 = IV/e
        if m:
            major, minor = int(m.group(1)), int(m.group(2))
            return f"{'I' * major if major < 4 else 'IV'}/{_LETTERS[minor - 1]}"
        return None

    # --- pendidikan -----------------------------------------------------------------------------
    def pendidikan_of(self, text: object) -> str | None:
        """Canonical jenjang pendidikan (SD … S-3) for any accepted spelling or SIASN code."""
        if text is None:
            return None
        raw = str(text).strip()
        if re.fullmatch(r"\d+(\.0)?", raw):
            raw = raw.split(".")[0].zfill(2)
        found = self.pendidikan_alias.get(_key(raw))
        if found is None and "/" in raw:  # SIASN names such as "S-1/Sarjana", "Diploma III/Sarjana Muda"
            parts = {self.pendidikan_alias.get(_key(p)) for p in raw.split("/")} - {None}
            found = parts.pop() if len(parts) == 1 else None
        return found

    def pendidikan_rank(self, kode: str) -> int:
        return self.pendidikan[kode]

    # --- kinerja ---------------------------------------------------------------------------------
    def kinerja_of(self, value: object) -> str | None:
        """Predikat Kinerja from its name or from an SKP number 0–120."""
        if value is None:
            return None
        if isinstance(value, bool):
            return None
        number: float | None = None
        if isinstance(value, int | float):
            number = float(value)
        else:
            text = str(value).strip().replace(",", ".")
            if re.fullmatch(r"\d+(\.\d+)?", text):
                number = float(text)
            else:
                return self.kinerja_alias.get(_key(text))
        if not 0 <= number <= 120:
            return None
        for k in sorted(self.kinerja, key=lambda k: -k.skp_minimal):
            if number >= k.skp_minimal:
                return k.kode
        return None

    def ekspektasi(self, predikat: str) -> str:
        return next(k.ekspektasi for k in self.kinerja if k.kode == predikat)

    def kinerja_rank(self, predikat: str) -> int:
        """0 = worst … 4 = Sangat Baik."""
        ordered = sorted(self.kinerja, key=lambda k: k.skp_minimal)
        return next(i for i, k in enumerate(ordered) if k.kode == predikat)

    # --- rumpun ----------------------------------------------------------------------------------
    def bidang_of(self, programme: object) -> str | None:
        """Field of a study programme or training name: the longest keyword found as whole words."""
        if programme is None:
            return None
        words = _words(str(programme))
        best: tuple[int, str] | None = None
        for keyword, field in self.rumpun:
            n = len(keyword)
            longer = best is None or n > best[0]
            if longer and any(words[i:i + n] == keyword for i in range(len(words) - n + 1)):
                best = (n, field)
        if best is None and " ".join(words).replace(" ", "_") in {f for _, f in self.rumpun}:
            return " ".join(words).replace(" ", "_")
        return best[1] if best else None

    def jenis_of(self, jenis: str, jenjang: str | None) -> JenisJabatan | None:
        return self.jenis_jabatan.get((jenis, jenjang if jenis == "Fungsional" else None))


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(f)]


@lru_cache(maxsize=4)
def load_reference(folder: Path | None = None) -> Reference:
    """Load every reference table from `folder` (default: `data_dir()`)."""
    folder = folder or data_dir()
    golongan: dict[str, Golongan] = {}
    golongan_alias: dict[str, str] = {}
    for row in _read_csv(folder / "golongan.csv"):
        g = Golongan(row["kode"], int(row["urutan"]), row["pangkat"], row["jenis"])
        golongan[g.kode] = g
        if g.jenis == "PPPK":
            golongan_alias[_key(g.kode)] = g.kode
        if g.pangkat:
            golongan_alias[_key(g.pangkat)] = g.kode
    pendidikan: dict[str, int] = {}
    pendidikan_alias: dict[str, str] = {}
    for row in _read_csv(folder / "pendidikan.csv"):
        pendidikan[row["kode"]] = int(row["urutan"])
        names = [row["kode"], *row["ejaan_lain"].split(";"), *row["kode_siasn"].split(";")]
        for name in names:
            if name.strip():
                pendidikan_alias[_key(name)] = row["kode"]
    jenis: dict[tuple[str, str | None], JenisJabatan] = {}
    for row in _read_csv(folder / "jenis_jabatan.csv"):
        jj = JenisJabatan(
            jenis=row["jenis_jabatan"],
            jenjang=row["jenjang"] or None,
            tingkat=int(row["tingkat"]),
            golongan_min=golongan[row["golongan_min"]].urutan if row["golongan_min"] else None,
            golongan_max=golongan[row["golongan_max"]].urutan if row["golongan_max"] else None,
            bup=int(row["bup"]),
            manajerial=row["manajerial"] == "Ya",
            struktural=row["struktural"] == "Ya",
        )
        jenis[(jj.jenis, jj.jenjang)] = jj
    rumpun = tuple((_words(r["kata_kunci"]), r["bidang"]) for r in _read_csv(folder / "rumpun.csv"))
    kinerja = tuple(
        Kinerja(r["kode"], float(r["skp_minimal"]), r["ekspektasi"])
        for r in _read_csv(folder / "kinerja.csv")
    )
    kinerja_alias: dict[str, str] = {}
    for r in _read_csv(folder / "kinerja.csv"):
        for name in [r["kode"], *r["ejaan_lain"].split(";")]:
            kinerja_alias[_key(name)] = r["kode"]
    return Reference(golongan, pendidikan, pendidikan_alias, jenis, rumpun, kinerja,
                     kinerja_alias, golongan_alias)
