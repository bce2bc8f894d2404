"""Reference tables from `data/`: golongan, jenjang pendidikan, jenis jabatan, rumpun, kinerja,
jabatan fungsional, bidang jabatan and pelatihan (SPEC 2.4).

The tables are editable CSV files, never constants in code; this module loads them, checks them (a wrong
edit by a BKPSDM is a `ReferenceDataError` naming the file, line and value) and normalises the many
spellings found in BKPSDM and SIASN spreadsheets to one canonical code.

Keyword tables (rumpun.csv, jabatan_fungsional.csv, bidang_jabatan.csv) are matched on whole-word
sequences after lower-casing and splitting at every non-alphanumeric character ("S-1 Keperawatan / Ners" is
the words s 1 keperawatan ners). The longest keyword found wins; between keywords of the same length:
- rumpun.csv: a specific field wins over `umum` ("SMK Akuntansi" is ekonomi_akuntansi, "SMA IPA" umum), then
  the keyword that starts first ("Pendidikan Matematika" is keguruan, "Perbankan Syariah" ekonomi_akuntansi);
- jabatan_fungsional.csv: the keyword that starts first;
- bidang_jabatan.csv: a keyword with an empty `bidang` marks a general post (Sekretaris, Kepala Dinas …) and
  wins over any other keyword: the post takes every field whatever else its name contains.

Training names are mapped by rumpun.csv like programmes. Choices a BKPSDM may want to revisit: general
leadership and service courses (Kepemimpinan, PKP/PKA/PKN, Pelayanan Publik, Perencanaan, Kepegawaian) count
for `manajemen`, not `administrasi_sosial`, so such a course never opens a social-work or government post;
finance software courses (SIMDA, SIPD) count for ekonomi_akuntansi; a bare "Penyuluhan" for pertanian;
Latsar/Prajabatan are `umum`, which the reader does not record as a trained field.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
_LETTERS = "abcde"
UMUM = "umum"
"""The field of school-level and general programmes: matches no post's Bidang, never a warning."""

PEMICU = ("masuk_pengawas", "masuk_administrator", "masuk_jpt", "masuk_jf", "ganti_jf", "naik_jenjang_jf",
          "kata_kunci_jabatan", "kompetensi_manajerial", "kompetensi_sosial_kultural", "kompetensi_teknis")
"""The triggers of pelatihan.csv (see `Pelatihan`)."""
KAPAN = ("sebelum pelantikan", "sesudah pelantikan")
_PLACEHOLDERS = frozenset({"rumpun_jf", "jenjang"})

Words = tuple[str, ...]


class ReferenceDataError(ValueError):
    """A reference table in data/ cannot be used: the message names the file, line and value (Indonesian)."""


def data_dir() -> Path:
    """The folder with the reference tables: packaged copy first, then the checkout's `data/`."""
    packaged = Path(__file__).parent / "data"
    if (packaged / "golongan.csv").exists():
        return packaged
    return Path(__file__).resolve().parent.parent / "data"


def _key(text: str) -> str:
    """Upper case with every non-alphanumeric removed: 'D-III', 'D III', 'd.iii' -> 'DIII'."""
    return re.sub(r"[^0-9A-Z]", "", text.upper())


def words(text: object) -> Words:
    """Lower-case words of a name, split at everything that is not a letter or digit."""
    return tuple(re.findall(r"[0-9a-z]+", str(text).lower()))


def _find(keyword: Words, found: Words) -> int:
    """First position of `keyword` as a whole-word sequence inside `found`, or -1."""
    n = len(keyword)
    for i in range(len(found) - n + 1):
        if found[i:i + n] == keyword:
            return i
    return -1


class _Keywords:
    """A keyword table indexed by first word, so a name is matched in time proportional to its length."""

    def __init__(self, table: Iterable[tuple[Words, str]]) -> None:
        self.by_first: dict[str, list[tuple[Words, str]]] = {}
        for keyword, value in table:
            self.by_first.setdefault(keyword[0], []).append((keyword, value))

    def matches(self, found: Words) -> list[tuple[int, int, str]]:
        """Every keyword present in `found` as whole words: (length, first start, value)."""
        out: list[tuple[int, int, str]] = []
        seen: set[Words] = set()
        for start, word in enumerate(found):
            for keyword, value in self.by_first.get(word, ()):
                if keyword not in seen and found[start:start + len(keyword)] == keyword:
                    seen.add(keyword)
                    out.append((len(keyword), start, value))
        return out


# --- table rows ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Golongan:
    kode: str
    urutan: int
    pangkat: str
    jenis: str  # "PNS" or "PPPK"


@dataclass(frozen=True)
class JenisJabatan:
    """Per Jenis Jabatan / Jenjang: penyetaraan level (R9, R19), default golongan range (R7), BUP (R4)."""

    jenis: str
    jenjang: str | None
    tingkat: int  # penyetaraan ladder: 1 Pelaksana … 4 JPT Pratama / Ahli Utama
    golongan_min: int | None
    golongan_max: int | None
    bup: int
    manajerial: bool
    struktural: bool
    urutan: int | None = None  # order of a Fungsional jenjang: Pemula 1 … Ahli Utama 8


@dataclass(frozen=True)
class Kinerja:
    kode: str
    skp_minimal: float
    ekspektasi: str  # "di atas", "sesuai", "di bawah"


@dataclass(frozen=True)
class JabatanFungsional:
    """One JF family of jabatan_fungsional.csv: how its posts are named and who qualifies (R18)."""

    nama: str  # canonical family name, "Perawat"
    kata_kunci: tuple[Words, ...]  # word sequences that identify the family in a Nama Jabatan
    bidang: frozenset[str]  # accepted programme fields; empty = any field
    lisensi: str | None  # "STR", "Sertifikat Pendidik", "Sertifikat JFA", "Sertifikat PBJ" …; None = none
    pendidikan_keahlian: str | None  # minimum jenjang pendidikan for the Ahli jenjang; None = no such track
    pendidikan_keterampilan: str | None  # same for Pemula/Terampil/Mahir/Penyelia
    pelatihan_fungsional: str  # e.g. "Pelatihan Fungsional Perawat"
    pembina: str  # instansi pembina, e.g. "Kementerian Kesehatan"

    @property
    def licensed(self) -> bool:
        """A licensed profession accepts only its own fields; a training never qualifies (R18)."""
        return self.lisensi is not None


@dataclass(frozen=True)
class Pelatihan:
    """One row of pelatihan.csv: a named training, when it is triggered, its legal source and timing.

    pemicu: masuk_pengawas, masuk_administrator, masuk_jpt (first entry to that jenis), masuk_jf (entry to a
    JF from outside JF), ganti_jf (from one JF family to another), naik_jenjang_jf (a higher jenjang in the
    same family), kata_kunci_jabatan (a word of the target post name, e.g. pengadaan, bendahara),
    kompetensi_manajerial / kompetensi_sosial_kultural / kompetensi_teknis (the mover's level is below the
    target post's standard). `nama` may contain the placeholders {rumpun_jf} and {jenjang} (see `render`).
    """

    pemicu: str
    kata_kunci: tuple[str, ...]  # for kata_kunci_jabatan: phrases (lower-case words) of the target post name
    nama: str
    dasar: str  # legal source, e.g. "PermenPANRB 1/2023"
    kapan: str  # "sebelum pelantikan" or "sesudah pelantikan"

    def matches(self, nama_jabatan: str) -> bool:
        """For kata_kunci_jabatan: does the post name contain one of the phrases as whole words?"""
        found = words(nama_jabatan)
        return any(_find(tuple(phrase.split()), found) >= 0 for phrase in self.kata_kunci)

    def render(self, rumpun_jf: str | None = None, jenjang: str | None = None) -> str:
        """The training's name with {rumpun_jf} and {jenjang} filled in (an unknown value is left out)."""
        text = self.nama.replace("{rumpun_jf}", rumpun_jf or "").replace("{jenjang}", jenjang or "")
        return re.sub(r"\s+", " ", text).strip()


# --- the reference --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reference:
    golongan: dict[str, Golongan]
    pendidikan: dict[str, int]
    pendidikan_alias: dict[str, str]
    jenis_jabatan: dict[tuple[str, str | None], JenisJabatan]
    rumpun: tuple[tuple[Words, str], ...]  # (keyword, field) of rumpun.csv
    kinerja: tuple[Kinerja, ...]
    kinerja_alias: dict[str, str]
    jabatan_fungsional: dict[str, JabatanFungsional]  # by canonical nama, in file order
    bidang_jabatan: tuple[tuple[Words, str | None], ...]  # (keyword, field or None = general post)
    pelatihan: tuple[Pelatihan, ...]

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
        """Canonical golongan of any text holding one golongan and/or one pangkat (SPEC 2.4), else None.

        Accepted: `III/a III/A IIIa III.a III-a III a 3a`, SIASN ids `31` (= III/a), PPPK `I` … `XVII`,
        pangkat names with `Tk.`/`Tk`/`Tingkat`, and both together in any order with any separator
        (`III/b - Penata Muda Tingkat I`, `Penata Muda Tk.I (III/b)`, `Pembina Tk.I, IV b`), any case.
        A golongan and a pangkat that disagree give None; `golongan_conflict` says why.
        """
        kode, _ = self._parse_golongan(text)
        return self.golongan[kode] if kode else None

    def golongan_conflict(self, text: object) -> str | None:
        """When the text names two different golongan (e.g. III/b and the pangkat of III/a): what it names,
        in Bahasa Indonesia ("III/b, pangkat Penata Muda (III/a)"); None when it does not."""
        return self._parse_golongan(text)[1]

    @cached_property
    def _pangkat(self) -> dict[tuple[str, ...], str]:
        """Pangkat name (upper-case tokens, 'Tingkat I' spelled out) -> golongan kode."""
        return {tuple(_golongan_tokens(g.pangkat)): g.kode for g in self.golongan.values() if g.pangkat}

    @cached_property
    def _pppk(self) -> dict[str, str]:
        return {g.kode.upper(): g.kode for g in self.golongan.values() if g.jenis == "PPPK"}

    def _parse_golongan(self, text: object) -> tuple[str | None, str | None]:
        """(kode, None) when the text names one golongan, (None, conflict) when it names two, else (None, None)."""
        if text is None or isinstance(text, bool):
            return None, None
        raw = str(text).strip()
        if re.fullmatch(r"\d+\.0", raw):  # a SIASN id read from a number cell: 31.0
            raw = raw[:-2]
        tokens = _golongan_tokens(raw)
        longest = max((len(k) for k in self._pangkat), default=0)
        codes: dict[str, None] = {}
        ranks: dict[str, str] = {}  # kode -> pangkat as in golongan.csv
        pppk: dict[str, None] = {}
        i = 0
        while i < len(tokens):
            for size in range(min(longest, len(tokens) - i), 0, -1):
                kode = self._pangkat.get(tuple(tokens[i:i + size]))
                if kode is not None:
                    ranks[kode] = self.golongan[kode].pangkat
                    i += size
                    break
            else:
                token = tokens[i]
                nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
                if token in _GOLONGAN_FILLER:
                    i += 1
                    continue
                if m := re.fullmatch(r"(IV|III|II|I)([A-E])", token):  # IIIA
                    kode, i = _pns_kode(_ROMAN[m[1]], m[2]), i + 1
                elif (token in _ROMAN or token in ("1", "2", "3", "4")) and re.fullmatch(r"[A-E]", nxt):
                    kode, i = _pns_kode(_ROMAN.get(token) or int(token), nxt), i + 2  # III/a, 3a, IV b
                elif re.fullmatch(r"[1-4][1-5]", token):  # SIASN golongan id: 11 = I/a … 45 = IV/e
                    kode, i = _pns_kode(int(token[0]), _LETTERS[int(token[1]) - 1].upper()), i + 1
                elif token in self._pppk and not re.fullmatch(r"[A-Z]", nxt):  # "X/x" is no golongan
                    pppk[self._pppk[token]] = None
                    i += 1
                    continue
                else:
                    return None, None
                if kode not in self.golongan:
                    return None, None  # I/e, III/e: no such golongan
                codes[kode] = None
        named = list(codes) + [k for k in ranks if k not in codes] + list(pppk)
        if len(named) == 1:
            return named[0], None
        if len(named) > 1:
            parts = list(codes) + [f"pangkat {p} ({k})" for k, p in ranks.items()] + list(pppk)
            return None, ", ".join(parts)
        return None, None

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
        """Field of a study programme or training name (rumpun.csv), or None when no keyword matches.

        A field name itself ("teknik_sipil", "Kesehatan Masyarakat") is that field.
        """
        if programme is None:
            return None
        found = words(programme)
        if not found:
            return None
        as_field = "_".join(found)
        if as_field in self._fields:
            return as_field
        hits = self._rumpun_index.matches(found)
        if not hits:
            return None
        return max(hits, key=lambda h: (h[0], h[2] != UMUM, -h[1]))[2]

    @cached_property
    def _fields(self) -> frozenset[str]:
        return frozenset(field for _, field in self.rumpun)

    @cached_property
    def _rumpun_index(self) -> _Keywords:
        return _Keywords(self.rumpun)

    # --- jabatan ---------------------------------------------------------------------------------
    def jenis_of(self, jenis: str, jenjang: str | None) -> JenisJabatan | None:
        return self.jenis_jabatan.get((jenis, jenjang if jenis == "Fungsional" else None))

    def jenjang_urutan(self, jenjang: str | None) -> int:
        """Order of a Fungsional jenjang: Pemula 1, Terampil 2, Mahir 3, Penyelia 4, Ahli Pertama 5, Ahli Muda 6,
        Ahli Madya 7, Ahli Utama 8 (jenis_jabatan.csv, column urutan); 0 for None or an unknown jenjang."""
        found = self.jenis_jabatan.get(("Fungsional", jenjang)) if jenjang else None
        return (found.urutan or 0) if found else 0

    def jf_of(self, nama_jabatan: str, rumpun_jf: str | None = None) -> str | None:
        """Canonical JF family: `rumpun_jf` when given (any spelling or case of a family name or keyword;
        None when it is no known family), else the longest family keyword found as whole words in the post
        name ("Perawat Ahli Muda" -> "Perawat", "Dokter Gigi Ahli Pertama" -> "Dokter Gigi"), else None."""
        if rumpun_jf is not None and rumpun_jf.strip():
            return self._jf_names.get(words(rumpun_jf))
        hits = self._jf_index.matches(words(nama_jabatan))
        if not hits:
            return None
        return max(hits, key=lambda h: (h[0], -h[1]))[2]

    @cached_property
    def _jf_keywords(self) -> tuple[tuple[Words, str], ...]:
        return tuple((k, f.nama) for f in self.jabatan_fungsional.values() for k in (words(f.nama), *f.kata_kunci))

    @cached_property
    def _jf_index(self) -> _Keywords:
        return _Keywords(self._jf_keywords)

    @cached_property
    def _jf_names(self) -> dict[Words, str]:
        return dict(self._jf_keywords)

    def bidang_jabatan_of(self, nama_jabatan: str) -> str | None:
        """Field of a post with no Bidang, from bidang_jabatan.csv: the longest keyword found in the post name;
        None when none matches or when a general-post keyword (empty bidang) matches."""
        hits = self._bidang_jabatan_index.matches(words(nama_jabatan))
        if not hits or any(field == "" for _, _, field in hits):
            return None
        return max(hits, key=lambda h: (h[0], -h[1]))[2]

    @cached_property
    def _bidang_jabatan_index(self) -> _Keywords:
        return _Keywords((k, field or "") for k, field in self.bidang_jabatan)


# --- golongan tokens ----------------------------------------------------------------------------------

_TINGKAT_I = re.compile(r"\bT(?:INGKAT|KT|K)\s*\.?\s*(?:I|1)\b")
_GOLONGAN_FILLER = frozenset({"GOL", "GOLONGAN", "RUANG", "PANGKAT", "PNS", "PPPK"})


def _golongan_tokens(text: str) -> list[str]:
    """Upper-case letter runs and digit runs, with 'Tk.I', 'Tk I', 'TkI', 'Tingkat 1' spelled 'TINGKAT I'."""
    return re.findall(r"[A-Z]+|[0-9]+", _TINGKAT_I.sub(" TINGKAT I ", text.upper()))


def _pns_kode(major: int, letter: str) -> str:
    return f"{'I' * major if major < 4 else 'IV'}/{letter.lower()}"


# --- loading ----------------------------------------------------------------------------------------------


def _read_csv(path: Path, required: Sequence[str]) -> list[tuple[int, dict[str, str]]]:
    """(line number, row) of a CSV table, every value stripped; the required columns must exist."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            missing = [c for c in required if c not in (reader.fieldnames or [])]
            if missing:
                raise ReferenceDataError(f"{path.name}: kolom {', '.join(missing)} tidak ada")
            return [(reader.line_num, {k: (v or "").strip() for k, v in row.items() if k is not None})
                    for row in reader]
    except FileNotFoundError:
        raise ReferenceDataError(f"tabel rujukan {path.name} tidak ditemukan di {path.parent}") from None
    except UnicodeDecodeError:
        raise ReferenceDataError(f"{path.name}: simpan ulang sebagai CSV UTF-8") from None


def _semicolon(text: str) -> list[str]:
    return [part.strip() for part in text.split(";") if part.strip()]


@lru_cache(maxsize=4)
def load_reference(folder: Path | None = None) -> Reference:
    """Load and check every reference table from `folder` (default: `data_dir()`)."""
    folder = folder or data_dir()
    golongan: dict[str, Golongan] = {}
    for _, row in _read_csv(folder / "golongan.csv", ("kode", "urutan", "pangkat", "jenis")):
        g = Golongan(row["kode"], int(row["urutan"]), row["pangkat"], row["jenis"])
        golongan[g.kode] = g
    pendidikan: dict[str, int] = {}
    pendidikan_alias: dict[str, str] = {}
    for _, row in _read_csv(folder / "pendidikan.csv", ("kode", "urutan", "kode_siasn", "ejaan_lain")):
        pendidikan[row["kode"]] = int(row["urutan"])
        for name in [row["kode"], *row["ejaan_lain"].split(";"), *row["kode_siasn"].split(";")]:
            if name.strip():
                pendidikan_alias[_key(name)] = row["kode"]
    jenis = _jenis_jabatan(folder / "jenis_jabatan.csv", golongan)
    rumpun = _rumpun(folder / "rumpun.csv")
    fields = {field for _, field in rumpun}
    kinerja_rows = _read_csv(folder / "kinerja.csv", ("kode", "skp_minimal", "ekspektasi", "ejaan_lain"))
    kinerja = tuple(Kinerja(r["kode"], float(r["skp_minimal"]), r["ekspektasi"]) for _, r in kinerja_rows)
    kinerja_alias = {_key(name): r["kode"] for _, r in kinerja_rows
                     for name in [r["kode"], *r["ejaan_lain"].split(";")]}

    def jenjang_pendidikan(path: Path, line: int, text: str) -> str | None:
        if not text:
            return None
        found = pendidikan_alias.get(_key(text))
        if found is None:
            raise ReferenceDataError(f"{path.name} baris {line}: jenjang pendidikan '{text}' tidak dikenal "
                                     f"(gunakan {', '.join(pendidikan)})")
        return found

    families = _jabatan_fungsional(folder / "jabatan_fungsional.csv", fields, jenjang_pendidikan)
    bidang_jabatan = _bidang_jabatan(folder / "bidang_jabatan.csv", fields)
    pelatihan = _pelatihan(folder / "pelatihan.csv")
    return Reference(golongan=golongan, pendidikan=pendidikan, pendidikan_alias=pendidikan_alias,
                     jenis_jabatan=jenis, rumpun=rumpun, kinerja=kinerja, kinerja_alias=kinerja_alias,
                     jabatan_fungsional=families, bidang_jabatan=bidang_jabatan, pelatihan=pelatihan)


def _jenis_jabatan(path: Path, golongan: dict[str, Golongan]) -> dict[tuple[str, str | None], JenisJabatan]:
    jenis: dict[tuple[str, str | None], JenisJabatan] = {}
    for _, row in _read_csv(path, ("jenis_jabatan", "jenjang", "tingkat", "golongan_min", "golongan_max", "bup",
                                   "manajerial", "struktural", "urutan")):
        jj = JenisJabatan(
            jenis=row["jenis_jabatan"],
            jenjang=row["jenjang"] or None,
            tingkat=int(row["tingkat"]),
            golongan_min=golongan[row["golongan_min"]].urutan if row["golongan_min"] else None,
            golongan_max=golongan[row["golongan_max"]].urutan if row["golongan_max"] else None,
            bup=int(row["bup"]),
            manajerial=row["manajerial"] == "Ya",
            struktural=row["struktural"] == "Ya",
            urutan=int(row["urutan"]) if row["urutan"] else None,
        )
        jenis[(jj.jenis, jj.jenjang)] = jj
    return jenis


def _rumpun(path: Path) -> tuple[tuple[Words, str], ...]:
    seen: dict[Words, tuple[int, str]] = {}
    for line, row in _read_csv(path, ("kata_kunci", "bidang")):
        keyword, field = words(row["kata_kunci"]), row["bidang"]
        if not keyword or not re.fullmatch(r"[a-z][a-z0-9_]*", field):
            raise ReferenceDataError(f"{path.name} baris {line}: kata kunci dan bidang wajib diisi "
                                     f"(bidang ditulis huruf kecil dengan garis bawah, mis. teknik_sipil)")
        if keyword in seen and seen[keyword][1] != field:
            raise ReferenceDataError(f"{path.name} baris {line}: kata kunci '{row['kata_kunci']}' sudah dipetakan "
                                     f"ke {seen[keyword][1]} di baris {seen[keyword][0]}")
        seen.setdefault(keyword, (line, field))
    return tuple((keyword, field) for keyword, (_, field) in seen.items())


def _known_fields(path: Path, line: int, text: str, fields: set[str]) -> list[str]:
    found = _semicolon(text)
    unknown = [f for f in found if f not in fields]
    if unknown:
        raise ReferenceDataError(f"{path.name} baris {line}: bidang {', '.join(unknown)} tidak ada di rumpun.csv")
    return found


def _jabatan_fungsional(path: Path, fields: set[str],
                        jenjang_pendidikan: Callable[[Path, int, str], str | None]) -> dict[str, JabatanFungsional]:
    families: dict[str, JabatanFungsional] = {}
    owner: dict[Words, str] = {}
    columns = ("rumpun_jf", "kata_kunci", "bidang", "lisensi", "pendidikan_keahlian", "pendidikan_keterampilan",
               "pelatihan_fungsional", "pembina")
    for line, row in _read_csv(path, columns):
        nama = row["rumpun_jf"]
        if not nama or nama in families:
            raise ReferenceDataError(f"{path.name} baris {line}: rumpun_jf kosong atau ganda ('{nama}')")
        keywords = tuple(dict.fromkeys(words(k) for k in [nama, *_semicolon(row["kata_kunci"])] if words(k)))
        for keyword in keywords:
            if owner.setdefault(keyword, nama) != nama:
                raise ReferenceDataError(f"{path.name} baris {line}: kata kunci '{' '.join(keyword)}' juga dipakai "
                                         f"oleh {owner[keyword]}")
        families[nama] = JabatanFungsional(
            nama=nama,
            kata_kunci=keywords,
            bidang=frozenset(_known_fields(path, line, row["bidang"], fields)),
            lisensi=row["lisensi"] or None,
            pendidikan_keahlian=jenjang_pendidikan(path, line, row["pendidikan_keahlian"]),
            pendidikan_keterampilan=jenjang_pendidikan(path, line, row["pendidikan_keterampilan"]),
            pelatihan_fungsional=row["pelatihan_fungsional"] or f"Pelatihan Fungsional {nama}",
            pembina=row["pembina"],
        )
    return families


def _bidang_jabatan(path: Path, fields: set[str]) -> tuple[tuple[Words, str | None], ...]:
    rows: dict[Words, str | None] = {}
    for line, row in _read_csv(path, ("kata_kunci", "bidang")):
        keyword = words(row["kata_kunci"])
        if not keyword:
            raise ReferenceDataError(f"{path.name} baris {line}: kata kunci wajib diisi")
        found = _known_fields(path, line, row["bidang"], fields)
        if len(found) > 1:
            raise ReferenceDataError(f"{path.name} baris {line}: satu kata kunci hanya untuk satu bidang")
        if keyword in rows:
            raise ReferenceDataError(f"{path.name} baris {line}: kata kunci '{row['kata_kunci']}' ganda")
        rows[keyword] = found[0] if found else None
    return tuple(rows.items())


def _pelatihan(path: Path) -> tuple[Pelatihan, ...]:
    out = []
    for line, row in _read_csv(path, ("pemicu", "kata_kunci", "nama", "dasar", "kapan")):
        where = f"{path.name} baris {line}"
        if row["pemicu"] not in PEMICU:
            raise ReferenceDataError(f"{where}: pemicu '{row['pemicu']}' tidak dikenal (gunakan {', '.join(PEMICU)})")
        if row["kapan"] not in KAPAN:
            raise ReferenceDataError(f"{where}: kapan harus '{KAPAN[0]}' atau '{KAPAN[1]}'")
        placeholders = set(re.findall(r"\{([^{}]*)\}", row["nama"]))
        if not row["nama"] or placeholders - _PLACEHOLDERS:
            raise ReferenceDataError(f"{where}: nama pelatihan wajib diisi; hanya {{rumpun_jf}} dan {{jenjang}} "
                                     "yang boleh dipakai di dalamnya")
        phrases = tuple(" ".join(words(k)) for k in _semicolon(row["kata_kunci"]) if words(k))
        if row["pemicu"] == "kata_kunci_jabatan" and not phrases:
            raise ReferenceDataError(f"{where}: pemicu kata_kunci_jabatan perlu kata_kunci")
        out.append(Pelatihan(row["pemicu"], phrases, row["nama"], row["dasar"], row["kapan"]))
    return tuple(out)
