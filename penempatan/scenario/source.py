"""A scenario file being read: its TOML, the line of each key, the problems found so far, and the checks
that every section shares (types of values, NIP, Kode Jabatan and unit names known in the data)."""

from __future__ import annotations

import difflib
import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from penempatan.errors import Problems, pydantic_message, toml_error_text
from penempatan.model import ProblemData
from penempatan.scenario.lines import TomlLines
from penempatan.scenario.model import TOML_KEYS, nip_of

TOP_LEVEL_HINT = ("Dalam TOML semua kunci di bawah {table} termasuk tabel itu; tulis kunci tingkat atas "
                  "(nama, bekukan_unit, terima_rantai, rekomendasi, acuan) sebelum tabel pertama.")

_MESSAGES = {
    "int_type": "harus bilangan bulat", "int_from_float": "harus bilangan bulat",
    "float_type": "harus angka", "bool_type": "harus true atau false", "string_type": "harus teks (dalam tanda kutip)",
    "date_type": "harus tanggal, mis. 2026-12-01", "list_type": "harus daftar, mis. [\"a\", \"b\"]",
    "tuple_type": "harus daftar, mis. [\"a\", \"b\"]", "dict_type": "harus tabel", "model_type": "harus tabel",
    "missing": "wajib diisi", "extra_forbidden": "kunci tidak dikenal",
}


MAX_SCENARIO_CHARS = 1_000_000
"""A scenario file is a few lines; one larger than this is refused before it is parsed."""
MAX_NESTING = 4
"""Tables and lists nest at most this deep in a scenario ([[kunci]] is 2: a list of tables)."""


def _depth(value: object) -> int:
    """How deep tables and lists nest in a parsed TOML value (iteratively: a hostile file cannot exhaust the
    stack here)."""
    deepest, stack = 0, [(value, 0)]
    while stack:
        item, depth = stack.pop()
        deepest = max(deepest, depth)
        if depth > MAX_NESTING:
            break
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else ()
        stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return deepest


def error_text(err: Any) -> str:
    """A pydantic error in the planner's words."""
    return pydantic_message(err, _MESSAGES)


def closest(word: str, options: list[str]) -> str | None:
    """The option most like `word` (a likely typo), if any."""
    found = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return found[0] if found else None


class Source:
    """Reads one scenario file against `data`, recording every problem located by file, line and key."""

    def __init__(self, path: Path, data: ProblemData) -> None:
        self.path = path
        self.data = data
        self.sheet = path.name
        self.problems = Problems()
        self.lines = TomlLines("")
        self.units = {u.casefold().strip(): u for u in data.units}

    def error(self, line: int | None, key: str | None, value: object, message: str, hint: str = "") -> None:
        """Record an error at TOML `line`, `key` (a dotted path) and `value`."""
        self.problems.error(self.sheet, line, key, value, message, hint)

    def parse(self) -> dict[str, Any] | None:
        """The file's TOML as a dict; None (and an error) when it cannot be read or parsed."""
        try:
            text = self.path.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            self.error(None, None, str(self.path), "berkas skenario tidak ditemukan")
            return None
        except (OSError, UnicodeDecodeError) as exc:
            self.error(None, None, str(self.path), f"berkas skenario tidak dapat dibaca ({exc})",
                       "Simpan sebagai teks UTF-8.")
            return None
        if len(text) > MAX_SCENARIO_CHARS:
            self.error(None, None, str(self.path), f"berkas skenario terlalu besar ({len(text):,} karakter; paling "
                       f"banyak {MAX_SCENARIO_CHARS:,})".replace(",", "."), "Skenario cukup berisi beberapa baris.")
            return None
        self.lines = TomlLines(text)
        try:
            raw = tomllib.loads(text)
        except RecursionError:
            self.error(None, None, None, "susunan TOML terlalu dalam (tabel atau daftar bersarang terlalu banyak)",
                       "Skenario hanya memakai tabel satu tingkat, mis. [kebutuhan] dan [[kunci]].")
            return None
        except tomllib.TOMLDecodeError as exc:
            line, column, why = toml_error_text(str(exc))
            self.error(line, None, None, f"susunan TOML salah: {why}" + (f" (kolom {column})" if column else ""),
                       "Periksa tanda kutip, tanda = dan kurung siku pada baris ini.")
            return None
        if _depth(raw) > MAX_NESTING:
            self.error(None, None, None, f"susunan TOML terlalu dalam (lebih dari {MAX_NESTING} tingkat)",
                       "Skenario hanya memakai tabel satu tingkat, mis. [kebutuhan] dan [[kunci]].")
            return None
        return raw

    def text(self, raw: dict[str, Any], key: str) -> str | None:
        """A non-empty text value, stripped; None when absent or wrong."""
        value = raw.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            self.error(self.lines.find(key), key, value, "harus teks yang tidak kosong (dalam tanda kutip)")
            return None
        return value.strip()

    def table(self, raw: dict[str, Any], key: str) -> dict[str, Any]:
        """A table ([key]); empty when absent or wrong."""
        value = raw.get(key, {})
        if not isinstance(value, dict):
            self.error(self.lines.find(key), key, value, f"harus tabel [{key}]")
            return {}
        return value

    def entries(self, raw: dict[str, Any], key: str) -> list[tuple[int, dict[str, Any]]]:
        """The numbered entries of an array of tables ([[key]]); none when absent or wrong."""
        value = raw.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.error(self.lines.find(key), key, None, f"harus tabel berulang [[{key}]]")
            return []
        return list(enumerate(value))

    def strings(self, raw: dict[str, Any], key: str) -> list[str]:
        """A list of texts; empty when absent or wrong."""
        value = raw.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.error(self.lines.find(key), key, None, "harus daftar teks, mis. [\"a\", \"b\"]")
            return []
        return value

    def entry(self, model: type[BaseModel], section: str, k: int, entry: dict[str, Any]) -> Any:
        """Entry k of [[section]] validated as `model`; None (and an error per wrong key) when invalid."""
        try:
            return model.model_validate(entry)
        except ValidationError as exc:
            for err in exc.errors():
                name = str(err["loc"][0]) if err["loc"] else ""
                line = self.lines.find(section, k, name)
                extra = err.get("type") == "extra_forbidden"
                hint = TOP_LEVEL_HINT.format(table=f"[[{section}]]") if extra and name in TOML_KEYS else ""
                self.error(line, f"{section}.{name}", None if extra else entry.get(name), error_text(err), hint)
            return None

    def employee(self, value: object, line: int | None, key: str) -> str | None:
        """The canonical NIP of an employee in the data; None (and an error) when there is none."""
        nip = nip_of(value)
        if nip not in self.data.employee_index:
            self.error(line, key, value, "NIP tidak ada di data pegawai",
                       "Periksa NIP (18 digit, dalam tanda kutip) di sheet Pegawai.")
            return None
        return nip

    def post(self, value: str, line: int | None, key: str) -> str | None:
        """A Kode Jabatan of the data; None (and an error naming the closest code) when unknown."""
        if value in self.data.position_index:
            return value
        close = closest(value, list(self.data.position_index))
        self.error(line, key, value, "Kode Jabatan tidak ada di data",
                   f"Mungkin maksudnya '{close}'?" if close else "Lihat kolom Kode Jabatan di sheet Jabatan.")
        return None

    def unit(self, value: str, line: int | None, key: str) -> str | None:
        """The unit as the data spells it (any case); None (and an error) when unknown."""
        unit = self.units.get(value.casefold().strip())
        if unit is None:
            close = closest(value, self.data.units)
            self.error(line, key, value, "unit kerja tidak ada di data",
                       f"Mungkin maksudnya '{close}'?" if close else "Lihat kolom Unit Kerja di sheet Jabatan.")
        return unit
