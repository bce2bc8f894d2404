"""One input cell to one typed value: text, numbers, Ya/Tidak, dates, coded values and reference-table codes.

A converter takes the cell's value (already `clean`ed: stripped, never empty) and returns the value or raises
`Bad` with a message and a hint in Bahasa Indonesia; `Row.get` (input_sheets.py) turns that into a problem at
the cell. Converters of columns that repeat few distinct values are memoised per value.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Callable
from datetime import date, datetime
from functools import cached_property
from typing import Any

from openpyxl.utils.datetime import from_excel

from penempatan.excel.columns import SEMUA_BIDANG
from penempatan.model import HUKUMAN_VALUES, JENIS_VALUES, POTENSI_VALUES, STATUS_VALUES
from penempatan.reference import Reference
from penempatan.text import code_key, date_text, parse_yes_no, snake_key, yes_no

_EXCEL_ERRORS = frozenset({"#N/A", "#VALUE!", "#REF!", "#DIV/0!", "#NUM!", "#NAME?", "#NULL!",
                           "#GETTING_DATA", "#SPILL!", "#CALC!"})


class Bad(Exception):
    """A cell value that cannot be used: message and hint for the planner."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class ExcelError(str):
    """A formula error shown by Excel (#N/A, #REF! …)."""


def clean(value: object) -> object:
    """Strip text; empty text and a lone dash mean an empty cell."""
    if isinstance(value, str):
        text = value.strip()
        if not text or text == "-" or text == "–":
            return None
        if text in _EXCEL_ERRORS:
            return ExcelError(text)
        return text
    return value


def text_or_none(value: object) -> str | None:
    cleaned = clean(value)
    return None if cleaned is None else cell_text(cleaned)


def cell_text(value: object) -> str:
    """Any cell as text: a whole number without '.0', a date as dd-mm-yyyy."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, date):
        return date_text(value)
    return str(value)


def shown(value: object) -> str:
    """A cell value as the planner would recognise it in the message."""
    if isinstance(value, float) and value.is_integer() and abs(value) >= 1e15:
        return str(int(value))  # a NIP typed as a number: show the digits Excel kept
    return cell_text(value)


_NUMBER_TEXT = re.compile(r"[+-]?\d+(?:[.,]\d+)?")


def as_number(value: object) -> float | None:
    """A number from a number cell or numeric text ('2', '2,5'); None when it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, str) and _NUMBER_TEXT.fullmatch(value):
        return float(value.replace(",", "."))
    return None


def integer(lo: int, hi: int | None) -> Callable[[object], int]:
    """Converter to a whole number in [lo, hi] (hi None = no upper bound)."""
    span = f"{lo}–{hi}" if hi is not None else f"≥ {lo}"

    def convert(value: object) -> int:
        number = as_number(value)
        if number is None:
            raise Bad(f"harus berupa bilangan bulat {span}", "Tulis angka saja, mis. 3.")
        if not number.is_integer():
            raise Bad(f"harus bilangan bulat {span}, bukan pecahan", "Bulatkan ke bilangan bulat.")
        if number < lo or (hi is not None and number > hi):
            if number < 0 <= lo:
                raise Bad(f"tidak boleh negatif (harus bilangan bulat {span})")
            raise Bad(f"harus bilangan bulat {span}")
        return int(number)

    return convert


def as_bool(value: object) -> bool:
    """Ya/Tidak in any accepted spelling (text.parse_yes_no); numeric text '1', '0,0' counts as its number."""
    number = as_number(value)
    found = parse_yes_no(number if number is not None and number in (0, 1) else value)
    if found is None:
        raise Bad("harus Ya atau Tidak", "Tulis Ya atau Tidak.")
    return found


_MONTHS = {
    "januari": 1, "jan": 1, "january": 1,
    "februari": 2, "pebruari": 2, "feb": 2, "peb": 2, "february": 2,
    "maret": 3, "mar": 3, "march": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "agustus": 8, "agu": 8, "agt": 8, "ags": 8, "agus": 8, "agst": 8, "aug": 8, "august": 8,
    "september": 9, "sep": 9, "sept": 9, "spt": 9,
    "oktober": 10, "okt": 10, "oct": 10, "october": 10,
    "november": 11, "nopember": 11, "nov": 11, "nop": 11,
    "desember": 12, "des": 12, "dec": 12, "december": 12,
}
_DMY = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_YMD = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_D_MONTH_Y = re.compile(r"(\d{1,2})[\s\-/.,]*([A-Za-z]+)\.?[\s\-/.,]+(\d{4})")
_DATE_HINT = ("Isi sebagai tanggal Excel, atau teks dd-mm-yyyy / yyyy-mm-dd / '26 September 1986'.")


def as_date(value: object) -> date:
    """A date from a date cell, an Excel serial number, yyyymmdd, or text (numeric or Indonesian months)."""
    if isinstance(value, datetime):
        result = value.date()
    elif isinstance(value, date):
        result = value
    elif isinstance(value, bool) or not isinstance(value, int | float | str):
        raise Bad("bukan tanggal", _DATE_HINT)
    elif isinstance(value, int | float):
        result = _date_from_number(value)
    else:
        result = _date_from_text(value)
    if not 1900 <= result.year <= 2100:
        raise Bad(f"tahun {result.year} di luar rentang wajar 1900–2100", _DATE_HINT)
    return result


def _date_from_number(value: float) -> date:
    if not math.isfinite(value):
        raise Bad("bukan tanggal", _DATE_HINT)
    whole = int(value)
    if 19000101 <= whole <= 21001231 and whole == value:  # yyyymmdd typed as a number
        return _make_date(whole // 10000, whole // 100 % 100, whole % 100)
    if value < 1:
        raise Bad("bukan tanggal (nomor seri tanggal Excel harus ≥ 1)", _DATE_HINT)
    try:
        converted = from_excel(value)
    except (OverflowError, ValueError):
        raise Bad("nomor seri tanggal Excel di luar rentang", _DATE_HINT) from None
    if not isinstance(converted, datetime):
        raise Bad("bukan tanggal", _DATE_HINT)
    return converted.date()


def _date_from_text(text: str) -> date:
    if m := _DMY.fullmatch(text):
        return _make_date(int(m[3]), int(m[2]), int(m[1]))
    if m := _YMD.fullmatch(text):
        return _make_date(int(m[1]), int(m[2]), int(m[3]))
    if (m := _D_MONTH_Y.fullmatch(text)) and m[2].lower() in _MONTHS:
        return _make_date(int(m[3]), _MONTHS[m[2].lower()], int(m[1]))
    raise Bad("bukan tanggal yang dikenali", _DATE_HINT)


def _make_date(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise Bad("tanggal tidak ada di kalender (mis. 31 Februari atau bulan 13)",
                  "Periksa hari dan bulan; format teks dibaca sebagai hari-bulan-tahun.") from None


def memo(convert: Callable[[object], Any]) -> Callable[[object], Any]:
    """Cache a converter's result (or its Bad) per distinct cell value: columns repeat values a lot."""
    cache: dict[tuple[type, object], Any] = {}

    def cached(value: object) -> Any:
        key = (value.__class__, value)
        try:
            result = cache[key]
        except KeyError:
            try:
                result = convert(value)
            except Bad as bad:
                result = bad
            cache[key] = result
        if isinstance(result, Bad):
            raise result
        return result

    return cached


class Suggest:
    """Closest-match hints, cached and capped so thousands of bad cells cannot make reading slow."""

    def __init__(self, candidates: dict[str, str], budget: int = 300) -> None:
        self.candidates = candidates  # key -> as shown
        self.cache: dict[str, str | None] = {}
        self.budget = budget

    def __call__(self, key: str) -> str | None:
        if key not in self.cache:
            if self.budget <= 0:
                return None
            self.budget -= 1
            self.cache[key] = closest(key, self.candidates)
        return self.cache[key]


def closest(key: str, candidates: dict[str, str]) -> str | None:
    """The candidate (shown as written) whose key is closest to `key`, if any is close enough."""
    found = difflib.get_close_matches(key, list(candidates), n=1, cutoff=0.6)
    return candidates[found[0]] if found else None


def split_items(value: object) -> list[str]:
    """The items of a list cell, separated by ';' or line breaks."""
    return [part.strip() for part in re.split(r"[;\n]", cell_text(value)) if part.strip()]


# --- coded values ---------------------------------------------------------------------------------
def lookup(table: dict[str, str], message: str, hint: str) -> Callable[[object], str]:
    """Converter through `table` (code_key of a spelling -> canonical value)."""
    def convert(value: object) -> str:
        found = table.get(code_key(cell_text(value)))
        if found is None:
            raise Bad(message, hint)
        return found

    return memo(convert)


_STATUS = {code_key(s): s for s in STATUS_VALUES} | {
    "PNS": "Aktif", "AKTIF": "Aktif",
    "CUTIDILUARTANGGUNGANNEGARA": "CLTN", "PERPANJANGANCLTN": "CLTN",
    "PEMBERHENTIANSEMENTARA": "Diberhentikan Sementara",
    "PEMBERHENTIANSEMENTARAJABATAN": "Diberhentikan Sementara",
    "MASAPERSIAPANPENSIUN": "MPP", "TUGASBELAJAR": "Tugas Belajar", "CALONPNS": "CPNS",
}
_HUKUMAN = {code_key(h): h for h in HUKUMAN_VALUES} | {
    "TIDAK": "Tidak Ada", "NIHIL": "Tidak Ada", "TIDAKADAHUKUMAN": "Tidak Ada",
    **{code_key(f"Hukuman Disiplin {h}"): h for h in HUKUMAN_VALUES[1:]},
    **{code_key(f"HD {h}"): h for h in HUKUMAN_VALUES[1:]},
}
_KELAMIN = {"L": "L", "LK": "L", "LAKILAKI": "L", "PRIA": "L", "M": "L", "MALE": "L",
            "P": "P", "PR": "P", "PEREMPUAN": "P", "WANITA": "P", "F": "P", "FEMALE": "P"}
_JENIS = {code_key(j): j for j in JENIS_VALUES} | {"JPT": "JPT Pratama", "JABATANFUNGSIONAL": "Fungsional"}
_POTENSI = {code_key(p): p for p in POTENSI_VALUES}

status = lookup(_STATUS, "status tidak dikenal", "Gunakan: " + ", ".join(STATUS_VALUES) + ".")
hukuman = lookup(_HUKUMAN, "hukuman disiplin tidak dikenal", "Gunakan: Tidak Ada, Ringan, Sedang, Berat.")
kelamin = lookup(_KELAMIN, "jenis kelamin tidak dikenal", "Tulis L atau P.")
jenis = lookup(_JENIS, "jenis jabatan tidak dikenal", "Gunakan: " + ", ".join(JENIS_VALUES) + ".")
memo_date = memo(as_date)
memo_bool = memo(as_bool)


@memo
def potensi(value: object) -> str:
    """Potensi as a name, or from a JPM score in percent (≥80 Tinggi, 68–<80 Menengah, <68 Rendah)."""
    if isinstance(value, str):
        named = _POTENSI.get(code_key(value))
        if named:
            return named
        value = value.rstrip("%").strip()
    score = as_number(value)
    if score is None:
        raise Bad("potensi tidak dikenal", "Tulis Tinggi, Menengah, Rendah, atau nilai JPM (0–100).")
    if isinstance(value, float) and 0 < score < 1:  # a cell formatted as percent: 0.82 is 82 %
        score *= 100
    if not 0 <= score <= 100:
        raise Bad("nilai JPM harus 0–100", "Tulis nilai JPM dalam persen, mis. 82.")
    return "Tinggi" if score >= 80 else "Menengah" if score >= 68 else "Rendah"


@memo
def cpns(value: object) -> bool:
    """SIASN `STATUS CPNS PNS`: C marks a CPNS, P a PNS."""
    key = code_key(cell_text(value))
    if key in ("C", "CPNS"):
        return True
    if key in ("P", "PNS"):
        return False
    raise Bad("nilai tidak dikenal", "Tulis C (CPNS) atau P (PNS).")


SIASN_ID_MAX = 64
"""The longest SIASN ID read (SIASN's IDs are 32-character hexadecimal or 36-character UUID text)."""


def siasn_id(value: object) -> str:
    """A SIASN reference ID (pnsId, unorId, …) as text, trimmed: no spaces inside, at most SIASN_ID_MAX
    characters; a number cell is read as its digits (an eselon ID typed as 22)."""
    if isinstance(value, float) and not value.is_integer():
        raise Bad("ID SIASN harus berupa teks, bukan pecahan", "Salin ID-nya dari SIASN sebagai teks.")
    text = cell_text(value).strip()
    if any(ch.isspace() or not ch.isprintable() for ch in text):
        raise Bad("ID SIASN tidak boleh berisi spasi atau karakter tak terlihat",
                  "Salin ID-nya persis dari SIASN, mis. A8ACA78EEB8E3912E040640A040269BB.")
    if len(text) > SIASN_ID_MAX:
        raise Bad(f"ID SIASN terlalu panjang ({len(text)} karakter, paling banyak {SIASN_ID_MAX})",
                  "Periksa apakah beberapa sel tergabung; satu sel berisi satu ID.")
    return text


class Codes:
    """Converters bound to the reference tables (memoised: a column holds few distinct values)."""

    def __init__(self, ref: Reference) -> None:
        self.ref = ref
        self.golongan = memo(self._golongan)
        self.pendidikan = memo(self._pendidikan)
        self.kinerja = memo(self._kinerja)
        self.bidang_of = memo(ref.bidang_of)
        self.jenjang = lookup({code_key(j): j for j in ref.jenjang_list}, "jenjang jabatan fungsional tidak dikenal",
                              "Gunakan: " + ", ".join(ref.jenjang_list) + ".")
        self.bidang = memo(self._bidang)
        self.jf_of = memo(lambda nama: ref.jf_of(cell_text(nama)))
        self.jf_names: dict[str, str] = {}  # lower-case family name or keyword -> canonical family name
        for family in ref.jabatan_fungsional.values():
            for keyword in (tuple(family.nama.lower().split()), *family.kata_kunci):
                self.jf_names.setdefault(" ".join(keyword), family.nama)

    def _golongan(self, value: object) -> str:
        found = self.ref.golongan_of(value)
        if found is None:
            conflict = self.ref.golongan_conflict(value)
            if conflict is not None:
                what = "golongan dan pangkat" if "pangkat" in conflict else "golongan-golongan"
                raise Bad(f"{what} yang tertulis tidak sesuai satu sama lain ({conflict})",
                          "Periksa mana yang benar, lalu tulis golongan dengan pangkatnya sendiri, "
                          "mis. 'III/b - Penata Muda Tingkat I', atau golongannya saja.")
            raise Bad("golongan tidak dikenal", "Tulis seperti III/a … IV/e (PNS) atau I … XVII (PPPK), boleh "
                      "dengan pangkatnya, mis. 'III/b - Penata Muda Tingkat I'.")
        return found.kode

    def _pendidikan(self, value: object) -> str:
        found = self.ref.pendidikan_of(value)
        if found is None:
            raise Bad("jenjang pendidikan tidak dikenal", "Gunakan: " + ", ".join(self.ref.pendidikan) + ".")
        return found

    def _kinerja(self, value: object) -> str:
        found = self.ref.kinerja_of(value)
        if found is None:
            if as_number(value) is not None:
                raise Bad("nilai SKP harus 0–120", "Tulis predikat atau nilai SKP antara 0 dan 120.")
            raise Bad("predikat kinerja tidak dikenal",
                      "Gunakan: Sangat Baik, Baik, Butuh Perbaikan, Kurang, Sangat Kurang, atau nilai SKP.")
        return found

    def _bidang(self, value: object) -> tuple[str, ...] | str:
        """A post's Bidang (SPEC 2.2 v3): fields and umbrella groups separated by ';' or ',', any case; the
        fields they name, sorted; SEMUA_BIDANG for a post open to every field."""
        items = [part.strip() for part in re.split(r"[;,\n]", cell_text(value)) if part.strip()]
        if len(items) == 1 and snake_key(items[0]) in (SEMUA_BIDANG, f"{SEMUA_BIDANG}_bidang"):
            return SEMUA_BIDANG
        found: set[str] = set()
        unknown: list[str] = []
        for item in items:
            fields = self.ref.bidang_set_of(item)
            if fields is None:
                unknown.append(item)
            else:
                found |= fields
        if unknown:
            close = [c for c in (closest(snake_key(u), self.bidang_spellings) for u in unknown) if c]
            hint = f"Mungkin maksudnya {', '.join(repr(c) for c in dict.fromkeys(close))}? " if close else ""
            raise Bad(f"bidang tidak dikenal: {', '.join(unknown)}",
                      hint + "Tulis bidang atau kelompok bidang, mis. " + ", ".join(sorted(self.ref.kelompok))
                      + ", hukum, teknik sipil (daftar lengkap di sheet Petunjuk), dipisah titik koma, atau "
                      f"'{SEMUA_BIDANG}' untuk jabatan yang terbuka bagi semua bidang.")
        if not found:
            raise Bad("bidang kosong", f"Isi bidangnya, atau tulis '{SEMUA_BIDANG}'.")
        return tuple(sorted(found))

    @cached_property
    def bidang_spellings(self) -> dict[str, str]:
        """snake_key of every field and group name -> the name, for suggestions."""
        return {snake_key(name): name for name in self.ref.bidang_names}

    def rumpun_jf_hint(self, value: object) -> str:
        """'Mungkin maksudnya …? ' for a family name jabatan_fungsional.csv does not know ('' when none is close)."""
        key = " ".join(cell_text(value).lower().split())
        close = difflib.get_close_matches(key, list(self.jf_names), n=6, cutoff=0.6)
        names = list(dict.fromkeys(self.jf_names[c] for c in close))[:3]
        return f"Mungkin maksudnya {', '.join(repr(n) for n in names)}? " if names else ""
