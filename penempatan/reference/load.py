"""Loading data/*.csv into a `Reference`, with every check a BKPSDM's edit needs (a wrong edit is a
`ReferenceDataError` naming the file, line and value)."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path

from penempatan.reference.lookups import Reference
from penempatan.reference.rows import (
    DURASI_BULAN,
    DURASI_MAKS_BULAN,
    KAPAN,
    PEMICU,
    UMUM,
    Alasan,
    Golongan,
    JabatanFungsional,
    JenisJabatan,
    Kinerja,
    KotakTalenta,
    Pelatihan,
    Words,
    licence_words,
    words,
)
from penempatan.text import code_key, number

_PLACEHOLDERS = frozenset({"rumpun_jf", "jenjang"})
KAPASITAS_MAKS = 100_000
"""The most seats per round a course of pelatihan.csv may have."""
BIAYA_MAKS = 10**12
"""The highest biaya (rupiah per participant) of a course: with KAPASITAS_MAKS, sums of costs stay exact integers."""
MAX_REASON_POINTS = 1_000
"""The most priority points one reason may give (prioritas.csv): model.MAX_POINTS, the largest weight a planner may
set (model is above this package)."""


class ReferenceDataError(ValueError):
    """A reference table in data/ cannot be used: the message names the file, line and value (Indonesian)."""


def data_dir() -> Path:
    """The folder with the reference tables: packaged copy first, then the checkout's `data/`."""
    packaged = Path(__file__).parent.parent / "data"
    if (packaged / "golongan.csv").exists():
        return packaged
    return Path(__file__).resolve().parents[2] / "data"


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
    for line, row in _read_csv(folder / "golongan.csv", ("kode", "urutan", "pangkat", "jenis")):
        setara = row.get("setara") or None
        if setara is not None and setara not in golongan:
            raise ReferenceDataError(f"golongan.csv baris {line}: setara '{setara}' harus golongan PNS di atasnya")
        g = Golongan(row["kode"], int(row["urutan"]), row["pangkat"], row["jenis"], setara)
        golongan[g.kode] = g
    pendidikan: dict[str, int] = {}
    pendidikan_alias: dict[str, str] = {}
    for _, row in _read_csv(folder / "pendidikan.csv", ("kode", "urutan", "kode_siasn", "ejaan_lain")):
        pendidikan[row["kode"]] = int(row["urutan"])
        for name in [row["kode"], *row["ejaan_lain"].split(";"), *row["kode_siasn"].split(";")]:
            if name.strip():
                pendidikan_alias[code_key(name)] = row["kode"]
    jenis = _jenis_jabatan(folder / "jenis_jabatan.csv", golongan)
    rumpun = _rumpun(folder / "rumpun.csv")
    fields = {field for _, field in rumpun}
    kelompok, kelompok_alias, langka = _kelompok_bidang(folder / "kelompok_bidang.csv", fields)
    known = _FieldNames(fields, kelompok)
    kinerja_rows = _read_csv(folder / "kinerja.csv", ("kode", "skp_minimal", "ekspektasi", "ejaan_lain"))
    kinerja = tuple(Kinerja(r["kode"], float(r["skp_minimal"]), r["ekspektasi"]) for _, r in kinerja_rows)
    kinerja_alias = {code_key(name): r["kode"] for _, r in kinerja_rows
                     for name in [r["kode"], *r["ejaan_lain"].split(";")]}

    def jenjang_pendidikan(path: Path, line: int, text: str) -> str | None:
        if not text:
            return None
        found = pendidikan_alias.get(code_key(text))
        if found is None:
            raise ReferenceDataError(f"{path.name} baris {line}: jenjang pendidikan '{text}' tidak dikenal "
                                     f"(gunakan {', '.join(pendidikan)})")
        return found

    jenjang_names = {jj for (_, jj) in jenis if jj}
    families = _jabatan_fungsional(folder / "jabatan_fungsional.csv", known, jenjang_pendidikan, jenjang_names)
    bidang_jabatan = _keyword_fields(folder / "bidang_jabatan.csv", known, general=True)
    bidang_unit = _keyword_fields(folder / "bidang_unit.csv", known, general=False)
    mapel = _mata_pelajaran(folder / "mata_pelajaran.csv")
    lokasi = tuple(dict.fromkeys(words(r["kata_kunci"]) for _, r in _read_csv(folder / "lokasi.csv", ("kata_kunci",))
                                 if words(r["kata_kunci"])))
    pelatihan = _pelatihan(folder / "pelatihan.csv", fields)
    kotak = _kotak_talenta(folder / "kotak_talenta.csv", {k.ekspektasi for k in kinerja})
    alasan, alasan_alias = _prioritas(folder / "prioritas.csv")
    return Reference(golongan=golongan, pendidikan=pendidikan, pendidikan_alias=pendidikan_alias,
                     jenis_jabatan=jenis, rumpun=rumpun, kinerja=kinerja, kinerja_alias=kinerja_alias,
                     jabatan_fungsional=families, bidang_jabatan=bidang_jabatan, pelatihan=pelatihan, kotak=kotak,
                     kelompok=kelompok, kelompok_alias=kelompok_alias, profesi_langka=langka,
                     bidang_unit=bidang_unit, mata_pelajaran=mapel, lokasi_kata=lokasi, alasan=alasan,
                     alasan_alias=alasan_alias)


def _prioritas(path: Path) -> tuple[tuple[Alasan, ...], tuple[tuple[str, str], ...]]:
    """The reasons of a wish and their points with and without evidence (SPEC 9), and every spelling of each."""
    reasons: list[Alasan] = []
    alias: dict[str, str] = {}
    for line, row in _read_csv(path, ("alasan", "poin_dengan_bukti", "poin_tanpa_bukti", "ejaan_lain")):
        points = []
        for column in ("poin_dengan_bukti", "poin_tanpa_bukti"):
            text = row[column]
            if not text.isdigit() or int(text) > MAX_REASON_POINTS:
                raise ReferenceDataError(f"{path.name} baris {line}: {column} '{text}' harus bilangan bulat "
                                         f"0–{MAX_REASON_POINTS}")
            points.append(int(text))
        if not row["alasan"]:
            raise ReferenceDataError(f"{path.name} baris {line}: alasan wajib diisi")
        reason = Alasan(row["alasan"], points[0], points[1], row.get("keterangan", ""))
        for name in (reason.kode, *_semicolon(row["ejaan_lain"])):
            taken = alias.setdefault(code_key(name), reason.kode)
            if taken != reason.kode:
                raise ReferenceDataError(f"{path.name} baris {line}: ejaan '{name}' sudah dipakai alasan '{taken}'")
        reasons.append(reason)
    if not reasons:
        raise ReferenceDataError(f"{path.name}: tidak ada alasan")
    return tuple(reasons), tuple(alias.items())


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
            usia_perpindahan=int(row["usia_perpindahan"]) if row.get("usia_perpindahan") else None,
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


class _FieldNames:
    """The names a reference table may use for fields: a field of rumpun.csv or an umbrella group of
    kelompok_bidang.csv (expanded to its fields)."""

    def __init__(self, fields: set[str], kelompok: dict[str, frozenset[str]]) -> None:
        self.fields, self.kelompok = fields, kelompok

    def expand(self, path: Path, line: int, text: str) -> frozenset[str]:
        out: set[str] = set()
        for name in _semicolon(text):
            if name in self.fields:
                out.add(name)
            elif name in self.kelompok:
                out |= self.kelompok[name]
            else:
                raise ReferenceDataError(f"{path.name} baris {line}: bidang {name} tidak ada di rumpun.csv "
                                         "maupun kelompok_bidang.csv")
        return frozenset(out)


def _kelompok_bidang(path: Path, fields: set[str]) -> tuple[dict[str, frozenset[str]], dict[str, str],
                                                             frozenset[str]]:
    """Umbrella groups (SPEC 2.4 v3): group -> fields, every spelling (code_key) -> group, and the fields of
    the groups marked profesi_langka (scarce professions: health, education)."""
    groups: dict[str, frozenset[str]] = {}
    alias: dict[str, str] = {}
    langka: set[str] = set()
    for line, row in _read_csv(path, ("kelompok", "bidang", "ejaan_lain", "profesi_langka")):
        name = row["kelompok"]
        members = _semicolon(row["bidang"])
        unknown = [f for f in members if f not in fields]
        if not re.fullmatch(r"[a-z][a-z0-9_]*", name) or not members or unknown:
            raise ReferenceDataError(f"{path.name} baris {line}: kelompok ditulis huruf kecil, dengan bidang dari "
                                     f"rumpun.csv (tidak dikenal: {', '.join(unknown) or '-'})")
        groups[name] = frozenset(members)
        for spelling in [name, *_semicolon(row["ejaan_lain"])]:
            if alias.setdefault(code_key(spelling), name) != name:
                raise ReferenceDataError(f"{path.name} baris {line}: ejaan '{spelling}' juga dipakai kelompok "
                                         f"{alias[code_key(spelling)]}")
        if row["profesi_langka"] == "Ya":
            langka |= groups[name]
    return groups, alias, frozenset(langka)


def _bup_overrides(path: Path, line: int, text: str, jenjang: set[str]) -> tuple[tuple[str | None, int], ...]:
    """`60` (every jenjang) or `Ahli Madya=60;Ahli Utama=65`."""
    out: list[tuple[str | None, int]] = []
    for part in _semicolon(text):
        name, _, age = part.rpartition("=")
        name = name.strip()
        if not age.strip().isdigit() or (name and name not in jenjang):
            raise ReferenceDataError(f"{path.name} baris {line}: bup '{part}' harus angka usia, atau "
                                     f"Jenjang=usia dengan jenjang dari jenis_jabatan.csv")
        out.append((name or None, int(age)))
    return tuple(out)


def _jabatan_fungsional(path: Path, known: _FieldNames,
                        jenjang_pendidikan: Callable[[Path, int, str], str | None],
                        jenjang: set[str]) -> dict[str, JabatanFungsional]:
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
        experience = row.get("pengalaman_bulan") or "24"
        if not experience.isdigit() or row.get("seleksi", "") not in ("", "Ya", "Tidak"):
            raise ReferenceDataError(f"{path.name} baris {line}: pengalaman_bulan harus angka bulan dan seleksi "
                                     "Ya atau kosong")
        families[nama] = JabatanFungsional(
            nama=nama,
            kata_kunci=keywords,
            bidang=known.expand(path, line, row["bidang"]),
            lisensi=row["lisensi"] or None,
            pendidikan_keahlian=jenjang_pendidikan(path, line, row["pendidikan_keahlian"]),
            pendidikan_keterampilan=jenjang_pendidikan(path, line, row["pendidikan_keterampilan"]),
            pelatihan_fungsional=row["pelatihan_fungsional"] or f"Pelatihan Fungsional {nama}",
            pembina=row["pembina"],
            bup=_bup_overrides(path, line, row.get("bup", ""), jenjang),
            seleksi=row.get("seleksi") == "Ya",
            pengalaman_bulan=int(experience),
        )
    return families


def _keyword_fields(path: Path, known: _FieldNames, *, general: bool) -> tuple[tuple[Words, frozenset[str]], ...]:
    """keyword -> fields (a field or group); with `general`, an empty bidang marks a post open to every field."""
    rows: dict[Words, frozenset[str]] = {}
    for line, row in _read_csv(path, ("kata_kunci", "bidang")):
        keyword = words(row["kata_kunci"])
        if not keyword:
            raise ReferenceDataError(f"{path.name} baris {line}: kata kunci wajib diisi")
        found = known.expand(path, line, row["bidang"])
        if not found and not general:
            raise ReferenceDataError(f"{path.name} baris {line}: bidang wajib diisi")
        if keyword in rows:
            raise ReferenceDataError(f"{path.name} baris {line}: kata kunci '{row['kata_kunci']}' ganda")
        rows[keyword] = found
    return tuple(rows.items())


def _mata_pelajaran(path: Path) -> tuple[tuple[Words, tuple[Words, ...]], ...]:
    """Subject keyword in a Guru post's name -> the programme keywords that teach it (R18 by subject)."""
    rows: dict[Words, tuple[Words, ...]] = {}
    for line, row in _read_csv(path, ("mapel", "jurusan")):
        subject = words(row["mapel"])
        programmes = tuple(words(k) for k in _semicolon(row["jurusan"]) if words(k))
        if not subject or not programmes or subject in rows:
            raise ReferenceDataError(f"{path.name} baris {line}: mapel (sekali saja) dan jurusan wajib diisi")
        rows[subject] = programmes
    return tuple(rows.items())


def _pelatihan(path: Path, fields: set[str]) -> tuple[Pelatihan, ...]:
    """The courses; the columns of training as a resource (bidang … biaya, SPEC 8) are optional, empty = not given."""
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
        other = tuple(words(name) for name in _semicolon(row.get("ejaan_lain") or "") if words(name))
        bidang, sertifikat = row.get("bidang") or None, row.get("sertifikat") or None
        if bidang is not None and (bidang not in fields or bidang == UMUM):
            raise ReferenceDataError(f"{where}: kolom bidang '{bidang}' bukan bidang rumpun.csv (tulis satu bidang "
                                     f"huruf kecil, mis. ti atau ekonomi_akuntansi; {UMUM} tidak menambah bidang)")
        if sertifikat is not None and not licence_words(sertifikat):
            raise ReferenceDataError(f"{where}: kolom sertifikat '{sertifikat}' harus menyebut nama sertifikat, "
                                     "mis. Sertifikat PBJ")
        if (bidang or sertifikat) and placeholders:
            raise ReferenceDataError(f"{where}: kolom nama '{row['nama']}': pelatihan yang memberi bidang atau "
                                     "sertifikat harus bernama tetap, tanpa {rumpun_jf} atau {jenjang}")
        kapasitas = _whole(where, "kapasitas", row.get("kapasitas", ""),
                           "kursi per putaran, mis. 20; kosong = tanpa batas", 0, KAPASITAS_MAKS)
        durasi = _whole(where, "durasi_bulan", row.get("durasi_bulan", ""),
                        f"lama dalam bulan; kosong = {DURASI_BULAN}", 1, DURASI_MAKS_BULAN)
        biaya = _whole(where, "biaya", row.get("biaya", ""),
                       "rupiah per peserta, mis. 7500000 atau 7.500.000; kosong = 0", 0, BIAYA_MAKS, thousands=True)
        out.append(Pelatihan(row["pemicu"], phrases, row["nama"], row["dasar"], row["kapan"], other, bidang=bidang,
                             sertifikat=sertifikat, kapasitas=kapasitas,
                             durasi_bulan=DURASI_BULAN if durasi is None else durasi, biaya=biaya or 0))
    return tuple(out)


def _whole(where: str, column: str, text: str, hint: str, low: int = 0, high: int | None = None, *,
           thousands: bool = False) -> int | None:
    """A whole number in [low, high] from an optional cell (None when blank); with `thousands`, dots may group the
    digits as rupiah are written (7.500.000)."""
    if not text:
        return None
    digits = text.replace(".", "") if thousands and re.fullmatch(r"\d{1,3}(\.\d{3})+", text) else text
    ok = digits.isascii() and digits.isdigit()
    if not ok or int(digits) < low or (high is not None and int(digits) > high):
        bounds = f"{number(low)}–{number(high)}" if high is not None else f"{number(low)} atau lebih"
        raise ReferenceDataError(f"{where}: kolom {column} '{text}' harus bilangan bulat {bounds} ({hint})")
    return int(digits)


def _kotak_talenta(path: Path, ekspektasi: set[str]) -> tuple[KotakTalenta, ...]:
    """The 9-box: kotak 1–9 each once, one per (ekspektasi of kinerja.csv, potensi), every pair present."""
    rows: list[KotakTalenta] = []
    for line, row in _read_csv(path, ("kotak", "ekspektasi", "potensi")):
        where = f"{path.name} baris {line}"
        if not re.fullmatch(r"[1-9]", row["kotak"]):
            raise ReferenceDataError(f"{where}: kotak harus 1–9, bukan '{row['kotak']}'")
        if row["ekspektasi"] not in ekspektasi:
            raise ReferenceDataError(f"{where}: ekspektasi '{row['ekspektasi']}' tidak ada di kinerja.csv "
                                     f"(gunakan {', '.join(sorted(ekspektasi))})")
        if not row["potensi"]:
            raise ReferenceDataError(f"{where}: potensi wajib diisi")
        box = KotakTalenta(int(row["kotak"]), row["ekspektasi"], row["potensi"])
        for other in rows:
            if other.kotak == box.kotak or (other.ekspektasi, other.potensi) == (box.ekspektasi, box.potensi):
                raise ReferenceDataError(f"{where}: kotak {box.kotak} atau pasangan ekspektasi '{box.ekspektasi}' "
                                         f"dan potensi '{box.potensi}' sudah ada")
        rows.append(box)
    potensi = {k.potensi for k in rows}
    if len(rows) != 9 or len(potensi) * len(ekspektasi) != 9:
        raise ReferenceDataError(f"{path.name}: harus berisi 9 kotak, satu untuk setiap pasangan ekspektasi "
                                 f"({', '.join(sorted(ekspektasi))}) dan potensi")
    return tuple(rows)
