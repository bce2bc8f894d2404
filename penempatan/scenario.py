"""Scenario files (TOML, SPEC 2.3): a what-if validated against the data and applied as a new, checked copy.

A scenario overrides rule parameters (`[parameter]`) and score weights (`[bobot]`), adds pins (`[[kunci]]`),
forbids (`[[larang]]`), frozen units (`bekukan_unit`) and seat changes (`[kebutuhan]`) — all R15 or data
changes — and can lock vacancy chains a planner already approved in an earlier output workbook
(`terima_rantai` with `rekomendasi`). Every key is checked; every problem is reported at once, located by
file (as the sheet), TOML line (as the row) and key (as the column), so the CLI shows them like input errors.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from penempatan.atomic import atomic_text
from penempatan.errors import InputError, Problems, pydantic_message, toml_error_text
from penempatan.excel.read_plan import PlanFileError, PlanMove, read_plan_moves
from penempatan.model import STATUS_VALUES, Forbid, Params, Pin, Position, ProblemData, Weights
from penempatan.scoring import RULE_TEXT, Tables, pin_violations

TOML_KEYS = ("nama", "parameter", "bobot", "kunci", "larang", "bekukan_unit", "kebutuhan", "terima_rantai",
             "rekomendasi", "acuan")
"""Every top-level key a scenario file may have; anything else is an error."""

_TOP_LEVEL_HINT = ("Dalam TOML semua kunci di bawah {table} termasuk tabel itu; tulis kunci tingkat atas "
                   "(nama, bekukan_unit, terima_rantai, rekomendasi, acuan) sebelum tabel pertama.")

_strict = ConfigDict(extra="forbid", frozen=True, strict=True)


class Kunci(BaseModel):
    """`[[kunci]]`: employee `nip` must end in post `kode_jabatan` (R15)."""

    model_config = _strict
    nip: str | int
    kode_jabatan: str


class Larang(BaseModel):
    """`[[larang]]`: employee `nip` must not go to post `kode_jabatan`, or to any post of `unit` (R15)."""

    model_config = _strict
    nip: str | int
    kode_jabatan: str | None = None
    unit: str | None = None


class Scenario(BaseModel):
    """A validated scenario: the TOML keys with values normalised (canonical NIP, unit and parameter names).

    `parameter` holds every override of a Params field, weights from `[bobot]` included (as bobot_*);
    `kunci_rantai` the pins made from the accepted chains; `rekomendasi` and `acuan` are resolved paths.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    nama: str
    sumber: Path | None = None
    parameter: dict[str, Any] = Field(default_factory=dict)
    kunci: tuple[Pin, ...] = ()
    larang: tuple[Forbid, ...] = ()
    bekukan_unit: tuple[str, ...] = ()
    kebutuhan: dict[str, int] = Field(default_factory=dict)
    terima_rantai: tuple[str, ...] = ()
    rekomendasi: Path | None = None
    kunci_rantai: tuple[Pin, ...] = ()
    acuan: Path | None = None

    @property
    def pins(self) -> tuple[Pin, ...]:
        """Explicit pins, then the pins of accepted chains."""
        return self.kunci + self.kunci_rantai


def apply_scenario(data: ProblemData, scenario: Scenario) -> ProblemData:
    """A new, re-validated ProblemData: the scenario's name, parameters, pins, forbids, frozen units and seats."""
    params = Params.model_validate({**data.params.model_dump(), **scenario.parameter})
    positions = tuple(
        Position.model_validate({**q.model_dump(), "kebutuhan": scenario.kebutuhan[q.kode]})
        if q.kode in scenario.kebutuhan else q
        for q in data.positions)
    pins = tuple(dict.fromkeys(data.pins + scenario.pins))
    return data.replace(
        params=params, positions=positions, pins=pins,
        forbids=tuple(dict.fromkeys(data.forbids + scenario.larang)),
        frozen_units=tuple(dict.fromkeys(data.frozen_units + scenario.bekukan_unit)),
        scenario_name=scenario.nama)


def scenario_rows(base: ProblemData, scenario: Scenario) -> list[tuple[str, str]]:
    """(label, value) rows naming the scenario and every override, for Ringkasan and Parameter."""
    rows = [("skenario", scenario.nama)]
    if scenario.sumber is not None:
        rows.append(("berkas skenario", scenario.sumber.name))
    for name, value in scenario.parameter.items():
        rows.append((f"override: {name}", f"{_show(getattr(base.params, name))} → {_show(value)}"))
    if scenario.kunci:
        rows.append(("kunci", f"{len(scenario.kunci)}: " + "; ".join(f"{p.nip} → {p.kode_jabatan}"
                                                                    for p in scenario.kunci)))
    if scenario.larang:
        rows.append(("larang", f"{len(scenario.larang)}: " + "; ".join(
            f"{f.nip} ✗ {f.kode_jabatan or f.unit}" for f in scenario.larang)))
    for unit in scenario.bekukan_unit:
        rows.append(("bekukan_unit", unit))
    keb = {q.kode: q.kebutuhan for q in base.positions}
    for kode, seats in scenario.kebutuhan.items():
        rows.append((f"kebutuhan: {kode}", f"{keb[kode]} → {seats}"))
    if scenario.terima_rantai:
        source = scenario.rekomendasi.name if scenario.rekomendasi else ""
        rows.append(("terima_rantai", f"{', '.join(scenario.terima_rantai)} ({len(scenario.kunci_rantai)} "
                                      f"pegawai dikunci, dari {source})"))
    if scenario.acuan is not None:
        rows.append(("acuan", scenario.acuan.name))
    return rows


def reference_plan(data: ProblemData, moves: list[PlanMove]) -> tuple[np.ndarray, int]:
    """An earlier plan as a post index per employee (everyone not moved stays) and how many of its rows
    were skipped because their NIP or target post is not in `data`."""
    ref = np.asarray(data.current_post, dtype=np.int64).copy()
    skipped = 0
    for m in moves:
        i = data.employee_index.get(_nip(m.nip))
        j = data.position_index.get(m.tujuan)
        if i is None or j is None:
            skipped += 1
            continue
        ref[i] = j
    return ref, skipped


def load_reference_plan(path: Path, data: ProblemData) -> tuple[np.ndarray, int]:
    """`solve --acuan`: the plan in an earlier output workbook; InputError when it cannot be read."""
    try:
        moves = read_plan_moves(path)
    except PlanFileError as exc:
        problems = Problems()
        problems.error(Path(path).name, None, None, None, str(exc),
                       "Gunakan workbook rekomendasi hasil `penempatan solve`.")
        raise InputError(problems.items) from None
    return reference_plan(data, moves)


# --- loading ---------------------------------------------------------------------------------------------
def load_scenario(path: Path, data: ProblemData) -> Scenario:
    """Read and validate the scenario at `path` against `data`; InputError listing every problem."""
    path = Path(path)
    loader = _Loader(path, data)
    scenario = loader.load()
    loader.problems.raise_if_errors()
    assert scenario is not None
    return scenario


class _Lines:
    """Where each key and table of a TOML text is, so problems can name their line."""

    _HEADER2 = re.compile(r"\s*\[\[\s*([^\]]+?)\s*\]\]")
    _HEADER = re.compile(r"\s*\[\s*([^\]\[]+?)\s*\]")
    _KEY = re.compile(r"\s*((?:\"[^\"]*\"|'[^']*'|[A-Za-z0-9_\-]+)"
                      r"(?:\s*\.\s*(?:\"[^\"]*\"|'[^']*'|[A-Za-z0-9_\-]+))*)\s*=")
    _PART = re.compile(r"\"([^\"]*)\"|'([^']*)'|([A-Za-z0-9_\-]+)")

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.at: dict[tuple[object, ...], int] = {}
        table: tuple[object, ...] = ()
        counts: Counter[tuple[str, ...]] = Counter()
        for n, line in enumerate(self.lines, 1):
            if m := self._HEADER2.match(line):
                name = self._parts(m[1])
                table = (*name, counts[name])
                counts[name] += 1
            elif m := self._HEADER.match(line):
                table = self._parts(m[1])
            elif m := self._KEY.match(line):
                parts = self._parts(m[1])
                self.at.setdefault((*table, *parts), n)
                self.at.setdefault((*table, ".".join(parts)), n)
                continue
            else:
                continue
            self.at.setdefault(table, n)

    def _parts(self, key: str) -> tuple[str, ...]:
        return tuple(a or b or c for a, b, c in self._PART.findall(key))

    def find(self, *path: object) -> int | None:
        """Line of the key at `path`, or of the nearest enclosing key/table found."""
        for k in range(len(path), 0, -1):
            if path[:k] in self.at:
                return self.at[path[:k]]
        return None

    def value(self, path: tuple[object, ...], text: str) -> int | None:
        """Line of the string `text` inside the (possibly multi-line) array at `path`."""
        start = self.find(*path)
        if start is None:
            return None
        for n in range(start, min(len(self.lines), start + 200) + 1):
            if f'"{text}"' in self.lines[n - 1] or f"'{text}'" in self.lines[n - 1]:
                return n
        return start


_MESSAGES = {
    "int_type": "harus bilangan bulat", "int_from_float": "harus bilangan bulat",
    "float_type": "harus angka", "bool_type": "harus true atau false", "string_type": "harus teks (dalam tanda kutip)",
    "date_type": "harus tanggal, mis. 2026-12-01", "list_type": "harus daftar, mis. [\"a\", \"b\"]",
    "tuple_type": "harus daftar, mis. [\"a\", \"b\"]", "dict_type": "harus tabel", "model_type": "harus tabel",
    "missing": "wajib diisi", "extra_forbidden": "kunci tidak dikenal",
}


def _message(err: Any) -> str:
    return pydantic_message(err, _MESSAGES)


def _show(value: object) -> str:
    if value is None:
        return "(kosong)"
    if isinstance(value, bool):
        return "Ya" if value else "Tidak"
    if isinstance(value, tuple | list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _nip(value: object) -> str:
    text = str(value).strip().lstrip("'")
    digits = re.sub(r"[\s.]", "", re.sub(r"(?i)^nip\.?", "", text))
    return digits if re.fullmatch(r"\d{18}", digits) else text


def _flatten(table: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """`BAPPEDA.0007 = 3` is a dotted key in TOML (nested tables); a Kode Jabatan with dots is meant."""
    out: dict[str, Any] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(_flatten(value, name + "."))
        else:
            out[name] = value
    return out


def _closest(word: str, options: list[str]) -> str | None:
    found = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return found[0] if found else None


def _adapter(annotation: Any, metadata: list[Any]) -> TypeAdapter[Any]:
    """Strict validation of one Params field with its bounds: a TOML string is no number, true no 1."""
    return TypeAdapter(Annotated[(annotation, *metadata)] if metadata else annotation,  # type: ignore[valid-type]
                       config=ConfigDict(strict=True))


_FIELD_ADAPTERS = {name: _adapter(f.annotation, f.metadata) for name, f in Params.model_fields.items()}


class _Loader:
    """One pass over a scenario file that records every problem and builds what it can."""

    def __init__(self, path: Path, data: ProblemData) -> None:
        self.path = path
        self.data = data
        self.sheet = path.name
        self.problems = Problems()
        self.lines = _Lines("")
        self.units = {u.casefold().strip(): u for u in data.units}

    def error(self, line: int | None, key: str | None, value: object, message: str, hint: str = "") -> None:
        self.problems.error(self.sheet, line, key, value, message, hint)

    def load(self) -> Scenario | None:
        raw = self._parse()
        if raw is None:
            return None
        for key in raw:
            if key not in TOML_KEYS:
                close = _closest(key, list(TOML_KEYS))
                self.error(self.lines.find(key), key, None, "kunci tidak dikenal",
                           f"Mungkin maksudnya '{close}'?" if close else "Kunci yang dikenal: " + ", ".join(TOML_KEYS))
        nama = self._text(raw, "nama")
        parameter = self._parameters(raw)
        kunci = self._pins(raw)
        larang = self._forbids(raw)
        frozen = self._units(raw)
        seats = self._seats(raw)
        rekomendasi = self._path(raw, "rekomendasi")
        chains, chain_pins = self._chains(raw, rekomendasi)
        acuan = self._path(raw, "acuan")
        if acuan is not None:
            try:
                read_plan_moves(acuan)
            except PlanFileError as exc:
                self.error(self.lines.find("acuan"), "acuan", raw["acuan"], str(exc),
                           "Tulis jalur workbook rekomendasi sebelumnya, relatif terhadap berkas skenario.")
        explicit = {p.nip: p for p in kunci}
        for pin in chain_pins:
            if pin.nip in explicit and explicit[pin.nip].kode_jabatan != pin.kode_jabatan:
                self.error(self.lines.find("terima_rantai"), "terima_rantai", pin.nip,
                           f"pegawai ini dikunci ke {explicit[pin.nip].kode_jabatan} di [[kunci]] tetapi ke "
                           f"{pin.kode_jabatan} oleh rantai yang diterima", "Hapus salah satu.")
        chain_pins = [p for p in chain_pins if p.nip not in explicit]
        if self.problems.errors:
            return None
        scenario = Scenario(nama=nama or self.path.stem, sumber=self.path, parameter=parameter,
                            kunci=tuple(kunci), larang=tuple(larang), bekukan_unit=tuple(frozen),
                            kebutuhan=seats, terima_rantai=tuple(chains), rekomendasi=rekomendasi,
                            kunci_rantai=tuple(chain_pins), acuan=acuan)
        self._pins_obey_rules(scenario)
        return scenario

    # --- sections ------------------------------------------------------------------------------------------
    def _parse(self) -> dict[str, Any] | None:
        try:
            text = self.path.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            self.error(None, None, str(self.path), "berkas skenario tidak ditemukan")
            return None
        except (OSError, UnicodeDecodeError) as exc:
            self.error(None, None, str(self.path), f"berkas skenario tidak dapat dibaca ({exc})",
                       "Simpan sebagai teks UTF-8.")
            return None
        self.lines = _Lines(text)
        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            line, column, why = toml_error_text(str(exc))
            self.error(line, None, None, f"susunan TOML salah: {why}" + (f" (kolom {column})" if column else ""),
                       "Periksa tanda kutip, tanda = dan kurung siku pada baris ini.")
            return None

    def _text(self, raw: dict[str, Any], key: str) -> str | None:
        value = raw.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            self.error(self.lines.find(key), key, value, "harus teks yang tidak kosong (dalam tanda kutip)")
            return None
        return value.strip()

    def _table(self, raw: dict[str, Any], key: str) -> dict[str, Any]:
        value = raw.get(key, {})
        if not isinstance(value, dict):
            self.error(self.lines.find(key), key, value, f"harus tabel [{key}]")
            return {}
        return value

    def _entries(self, raw: dict[str, Any], key: str) -> list[tuple[int, dict[str, Any]]]:
        value = raw.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.error(self.lines.find(key), key, None, f"harus tabel berulang [[{key}]]")
            return []
        return list(enumerate(value))

    def _strings(self, raw: dict[str, Any], key: str) -> list[str]:
        value = raw.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.error(self.lines.find(key), key, None, "harus daftar teks, mis. [\"a\", \"b\"]")
            return []
        return value

    def _parameters(self, raw: dict[str, Any]) -> dict[str, Any]:
        """`[parameter]` (any Params field) and `[bobot]` (Weights, with or without the bobot_ prefix)."""
        given: dict[str, tuple[Any, str, int | None]] = {}  # field -> (value, key as written, line)
        for name, value in self._table(raw, "parameter").items():
            line = self.lines.find("parameter", name)
            if name not in Params.model_fields:
                close = _closest(name, list(Params.model_fields))
                self.error(line, f"parameter.{name}", None, "parameter tidak dikenal",
                           _TOP_LEVEL_HINT.format(table="[parameter]") if name in TOML_KEYS else
                           f"Mungkin maksudnya '{close}'?" if close else
                           "Parameter yang dikenal: " + ", ".join(Params.model_fields) + ".")
                continue
            given[name] = (value, f"parameter.{name}", line)
        for name, value in self._table(raw, "bobot").items():
            line = self.lines.find("bobot", name)
            field = name if name.startswith(("bobot_", "nilai_")) or name in Weights.model_fields else f"bobot_{name}"
            if field not in Weights.model_fields:
                close = _closest(field.removeprefix("bobot_"), [w.removeprefix("bobot_") for w in Weights.model_fields])
                self.error(line, f"bobot.{name}", None, "bobot tidak dikenal",
                           f"Mungkin maksudnya '{close}'?" if close else
                           "Bobot yang dikenal: " + ", ".join(Weights.model_fields) + ".")
                continue
            if field in given:
                self.error(line, f"bobot.{name}", value, f"bobot ganda: sudah diisi di {given[field][1]}",
                           "Hapus salah satu.")
                continue
            given[field] = (value, f"bobot.{name}", line)
        values: dict[str, Any] = {}
        for field, (value, key, line) in given.items():
            checked = self._parameter_value(field, value, key, line)
            if checked is not None:
                values[field] = checked
        if len(values) == len(given):
            try:
                Params.model_validate({**self.data.params.model_dump(), **values})
            except ValidationError as exc:
                for err in exc.errors():
                    field = str(err["loc"][0]) if err["loc"] else next(
                        (f for f in ("larangan_selesai", "larangan_mulai") if f in given), "")
                    _, key, line = given.get(field, (None, f"parameter.{field}", self.lines.find("parameter")))
                    self.error(line, key, values.get(field), _message(err))
        return values

    def _parameter_value(self, field: str, value: Any, key: str, line: int | None) -> Any:
        """One parameter value checked strictly against its Params type and bounds (None when wrong)."""
        annotation = Params.model_fields[field].annotation
        if isinstance(value, str) and annotation in (date, date | None):
            try:
                value = date.fromisoformat(value.strip())
            except ValueError:
                self.error(line, key, value, "harus tanggal, mis. 2026-12-01")
                return None
        if isinstance(value, list):
            value = tuple(value)
        try:
            value = _FIELD_ADAPTERS[field].validate_python(value)
        except ValidationError as exc:
            for err in exc.errors():
                self.error(line, key, value, _message(err))
            return None
        if field == "status_boleh_mutasi":
            bad = [s for s in value if s not in STATUS_VALUES]
            if bad:
                self.error(line, key, ", ".join(bad), "status tidak dikenal",
                           "Gunakan: " + ", ".join(STATUS_VALUES) + ".")
                return None
        if field == "kotak_promosi" and any(not 1 <= k <= 9 for k in value):
            self.error(line, key, _show(value), "kotak talenta harus 1–9")
            return None
        return value

    def _employee(self, value: object, line: int | None, key: str) -> str | None:
        nip = _nip(value)
        if nip not in self.data.employee_index:
            self.error(line, key, value, "NIP tidak ada di data pegawai",
                       "Periksa NIP (18 digit, dalam tanda kutip) di sheet Pegawai.")
            return None
        return nip

    def _post(self, value: str, line: int | None, key: str) -> str | None:
        if value in self.data.position_index:
            return value
        close = _closest(value, list(self.data.position_index))
        self.error(line, key, value, "Kode Jabatan tidak ada di data",
                   f"Mungkin maksudnya '{close}'?" if close else "Lihat kolom Kode Jabatan di sheet Jabatan.")
        return None

    def _unit(self, value: str, line: int | None, key: str) -> str | None:
        unit = self.units.get(value.casefold().strip())
        if unit is None:
            close = _closest(value, self.data.units)
            self.error(line, key, value, "unit kerja tidak ada di data",
                       f"Mungkin maksudnya '{close}'?" if close else "Lihat kolom Unit Kerja di sheet Jabatan.")
        return unit

    def _entry(self, model: type[BaseModel], section: str, k: int, entry: dict[str, Any]) -> Any:
        try:
            return model.model_validate(entry)
        except ValidationError as exc:
            for err in exc.errors():
                name = str(err["loc"][0]) if err["loc"] else ""
                line = self.lines.find(section, k, name)
                extra = err.get("type") == "extra_forbidden"
                hint = _TOP_LEVEL_HINT.format(table=f"[[{section}]]") if extra and name in TOML_KEYS else ""
                self.error(line, f"{section}.{name}", None if extra else entry.get(name), _message(err), hint)
            return None

    def _pins(self, raw: dict[str, Any]) -> list[Pin]:
        out: list[Pin] = []
        seen: dict[str, int | None] = {}
        for k, entry in self._entries(raw, "kunci"):
            item = self._entry(Kunci, "kunci", k, entry)
            if item is None:
                continue
            line = self.lines.find("kunci", k, "nip")
            nip = self._employee(item.nip, line, "kunci.nip")
            kode = self._post(item.kode_jabatan, self.lines.find("kunci", k, "kode_jabatan"), "kunci.kode_jabatan")
            if nip is None or kode is None:
                continue
            if nip in seen:
                self.error(line, "kunci.nip", nip, f"pegawai ini sudah dikunci di baris {seen[nip]}",
                           "Satu pegawai hanya boleh dikunci ke satu jabatan.")
                continue
            seen[nip] = line
            out.append(Pin(nip=nip, kode_jabatan=kode))
        return out

    def _forbids(self, raw: dict[str, Any]) -> list[Forbid]:
        out: list[Forbid] = []
        for k, entry in self._entries(raw, "larang"):
            item = self._entry(Larang, "larang", k, entry)
            if item is None:
                continue
            nip = self._employee(item.nip, self.lines.find("larang", k, "nip"), "larang.nip")
            if item.kode_jabatan is None and item.unit is None:
                self.error(self.lines.find("larang", k), "larang", None, "isi kode_jabatan atau unit",
                           "Larangan menyebut jabatan atau unit yang tidak boleh dituju.")
                continue
            kode = unit = None
            if item.kode_jabatan is not None:
                kode = self._post(item.kode_jabatan, self.lines.find("larang", k, "kode_jabatan"),
                                  "larang.kode_jabatan")
            if item.unit is not None:
                unit = self._unit(item.unit, self.lines.find("larang", k, "unit"), "larang.unit")
            unknown = (item.kode_jabatan is not None and kode is None) or (item.unit is not None and unit is None)
            if nip is None or unknown:
                continue
            out.append(Forbid(nip=nip, kode_jabatan=kode, unit=unit))
        return out

    def _units(self, raw: dict[str, Any]) -> list[str]:
        out = []
        for name in self._strings(raw, "bekukan_unit"):
            unit = self._unit(name, self.lines.value(("bekukan_unit",), name), "bekukan_unit")
            if unit is not None and unit not in out:
                out.append(unit)
        return out

    def _seats(self, raw: dict[str, Any]) -> dict[str, int]:
        out: dict[str, int] = {}
        adapter: TypeAdapter[int] = TypeAdapter(Annotated[int, Field(ge=0)], config=ConfigDict(strict=True))
        for kode, value in _flatten(self._table(raw, "kebutuhan")).items():
            line = self.lines.find("kebutuhan", kode)
            found = self._post(kode, line, f"kebutuhan.{kode}")
            try:
                seats = adapter.validate_python(value)
            except ValidationError as exc:
                self.error(line, f"kebutuhan.{kode}", value, _message(exc.errors()[0]),
                           "Kebutuhan adalah jumlah kursi: bilangan bulat ≥ 0.")
                continue
            if found is not None:
                out[found] = seats
        return out

    def _path(self, raw: dict[str, Any], key: str) -> Path | None:
        text = self._text(raw, key)
        if text is None:
            return None
        path = Path(text)
        return path if path.is_absolute() else (self.path.parent / path)

    def _chains(self, raw: dict[str, Any], rekomendasi: Path | None) -> tuple[list[str], list[Pin]]:
        """`terima_rantai`: pin every member of the accepted chains of the earlier workbook to its target."""
        wanted = self._strings(raw, "terima_rantai")
        if not wanted:
            return [], []
        if rekomendasi is None:
            self.error(self.lines.find("terima_rantai"), "terima_rantai", None,
                       "terima_rantai butuh rekomendasi = \"...xlsx\"",
                       "Tulis jalur workbook rekomendasi sebelumnya yang memuat rantai ini.")
            return [], []
        try:
            moves = read_plan_moves(rekomendasi)
        except PlanFileError as exc:
            self.error(self.lines.find("rekomendasi"), "rekomendasi", raw.get("rekomendasi"), str(exc),
                       "Tulis jalur workbook rekomendasi sebelumnya, relatif terhadap berkas skenario.")
            return [], []
        by_chain: dict[str, list[PlanMove]] = {}
        for m in moves:
            by_chain.setdefault(m.rantai.strip().upper(), []).append(m)
        pins: list[Pin] = []
        chains: list[str] = []
        for chain in wanted:
            line = self.lines.value(("terima_rantai",), chain)
            members = by_chain.get(chain.strip().upper())
            if not members:
                close = _closest(chain.strip().upper(), sorted(by_chain))
                self.error(line, "terima_rantai", chain, f"rantai tidak ada di sheet Usulan Mutasi {rekomendasi.name}",
                           f"Mungkin maksudnya '{close}'?" if close else "Lihat kolom Rantai di workbook itu.")
                continue
            chains.append(chain.strip().upper())
            for m in members:
                where = f"{rekomendasi.name} baris {m.row}"
                i = self.data.employee_index.get(_nip(m.nip))
                if i is None:
                    self.error(line, "terima_rantai", m.nip, f"NIP di {where} tidak ada di data pegawai",
                               "Data sudah berubah sejak rekomendasi itu; susun ulang rantai ini.")
                    continue
                if m.tujuan not in self.data.position_index:
                    self.error(line, "terima_rantai", m.tujuan, f"Kode Jabatan Tujuan di {where} tidak ada di data")
                    continue
                current = self.data.employees[i].kode_jabatan
                if m.asal != current:
                    self.error(line, "terima_rantai", m.nip,
                               f"di {where} pegawai ini berasal dari {m.asal}, di data kini di {current}",
                               "Data sudah berubah sejak rekomendasi itu; susun ulang rantai ini.")
                    continue
                pins.append(Pin(nip=_nip(m.nip), kode_jabatan=m.tujuan))
        return chains, pins

    def _pins_obey_rules(self, scenario: Scenario) -> None:
        """Every pin must be allowed by the hard rules under the scenario's own parameters (R15 is hard)."""
        if not scenario.pins:
            return
        data = apply_scenario(self.data, scenario)
        t = Tables(data)
        forbid_post: dict[int, set[int]] = {}
        forbid_unit: dict[int, set[int]] = {}
        unit_of = {u: k for k, u in enumerate(t.unit_names)}
        for f in data.forbids:
            i = data.employee_index[f.nip]
            if f.kode_jabatan:
                forbid_post.setdefault(i, set()).add(data.position_index[f.kode_jabatan])
            if f.unit:
                forbid_unit.setdefault(i, set()).add(unit_of[f.unit])
        explicit = {p.nip: k for k, p in enumerate(scenario.kunci)}
        for pin in scenario.pins:
            i, j = data.employee_index[pin.nip], data.position_index[pin.kode_jabatan]
            codes = pin_violations(data, t, i, j, forbid_post, forbid_unit)
            if not codes:
                continue
            where = self._pin_line(scenario, pin, explicit)
            details = ", ".join(f"{c} ({_rule_detail(data, t, i, j, c, forbid_post, forbid_unit)})" for c in codes)
            self.error(where[0], where[1], f"{pin.nip} → {pin.kode_jabatan}", f"kunci melanggar {details}",
                       "Hapus kunci ini atau ubah parameter/data yang menghalanginya.")
        # R11: newcomers pinned to a post need seats beside its holders who cannot leave it.
        target = {data.employee_index[p.nip]: data.position_index[p.kode_jabatan] for p in scenario.pins}
        arriving = Counter(j for i, j in target.items() if j != t.cur[i])
        for j, n in arriving.items():
            held = sum(1 for i in data.holders[j] if target.get(i, j) == j and (i in target or not t.movable[i]))
            q = data.positions[j]
            if n + held > q.kebutuhan:
                first = next(p for p in scenario.pins if p.kode_jabatan == q.kode)
                where = self._pin_line(scenario, first, explicit)
                self.error(where[0], where[1], q.kode,
                           f"kunci melanggar R11 ({n} pegawai dikunci ke {q.kode} dan {held} pemegangnya tidak dapat "
                           f"pindah, kebutuhan {q.kebutuhan})",
                           "Kurangi kunci ke jabatan ini, naikkan [kebutuhan] atau longgarkan aturan yang menahan.")

    def _pin_line(self, scenario: Scenario, pin: Pin, explicit: dict[str, int]) -> tuple[int | None, str]:
        if pin.nip in explicit:
            return self.lines.find("kunci", explicit[pin.nip], "kode_jabatan"), "kunci"
        return self.lines.find("terima_rantai"), "terima_rantai"


def _rule_detail(data: ProblemData, t: Tables, i: int, j: int, code: str,
                 forbid_post: dict[int, set[int]], forbid_unit: dict[int, set[int]]) -> str:
    """The numbers behind one rule a pin breaks, in the planner's words."""
    e, q, p = data.employees[i], data.positions[j], data.params
    cur = int(t.cur[i])
    if code == "R1":
        return f"masa jabatan {int(t.emp_tenure[i])} bulan < {p.masa_jabatan_minimal_bulan}"
    if code == "R4":
        return f"pensiun dalam {int(t.retirement_months[i])} bulan < {p.batas_pensiun_bulan}"
    if code == "R5":
        return f"status {e.status}"
    if code == "R6":
        return f"pendidikan {e.pendidikan} di bawah syarat {q.pendidikan_min}"
    if code == "R7":
        return f"golongan {e.golongan} di luar rentang jabatan {q.kode}"
    if code == "R9":
        if t.post_tingkat[j] > t.post_tingkat[cur] + 1:
            return "naik lebih dari satu tingkat"
        if t.emp_promo_ok[i] and not e.siap_naik_jenjang:
            return "naik jenjang fungsional tetapi belum Siap Naik Jenjang"
        return f"promosi butuh kotak talenta {_show(p.kotak_promosi)}, pegawai kotak {e.kotak or '-'}"
    if code == "R10":
        return f"hukuman disiplin {e.hukuman}"
    if code == "R19":
        return f"kelas {int(t.post_kelas[cur])} → {q.kelas}"
    if code == "R8":
        return f"bidang {e.bidang or '-'} tidak sesuai bidang jabatan {q.bidang}"
    if code == "R18":
        return f"bidang {e.bidang or '-'} tidak memenuhi kualifikasi {q.rumpun_jf}"
    if code == "R11":
        return f"{q.kode} sudah kelebihan pegawai ({int(t.holders[j])} > {q.kebutuhan})"
    if code == "R15":
        frozen = set(data.frozen_units)
        src = data.positions[cur].unit
        if src in frozen:
            return f"unit asal {src} dibekukan"
        if q.unit in frozen:
            return f"unit tujuan {q.unit} dibekukan"
        if j in forbid_post.get(i, ()) or t.post_unit[j] in forbid_unit.get(i, ()):
            return "dilarang oleh [[larang]]"
    return RULE_TEXT.get(code, code)


# --- the annotated example (`penempatan template --skenario`) ----------------------------------------------
EXAMPLE = """\
# Contoh skenario penempatan ("bagaimana jika ...").
# Pakai dengan:  penempatan solve DATA.xlsx --skenario berkas-ini.toml
#          atau: penempatan compare DATA.xlsx -s skenario-a.toml -s skenario-b.toml
# Baris yang diawali '#' adalah komentar. Hapus '#' di depan contoh yang ingin dipakai.
# Setiap kunci diperiksa: kunci yang salah tulis, NIP, Kode Jabatan atau unit yang tidak ada di data,
# dan kunci (pin) yang melanggar aturan wajib dilaporkan dengan nomor barisnya.

# Nama skenario: tampil di Ringkasan, Parameter dan tabel perbandingan.
nama = "Contoh: paling banyak 50 mutasi"

# Mengubah parameter aturan (nama sama dengan sheet Pengaturan / Parameter).
[parameter]
maks_mutasi = 50                      # R14: paling banyak 50 mutasi
# masa_jabatan_minimal_bulan = 6      # R1: minimal masa jabatan sebelum boleh dimutasi (bulan)
# maks_keluar_unit_persen = 20        # R13: paling banyak 20 % pegawai sebuah unit keluar
# biaya_mutasi = 18                   # pengurang nilai untuk setiap mutasi: makin besar, makin sedikit mutasi
# ambang_kesesuaian = 10              # kenaikan skor kecocokan minimal agar "kesesuaian lebih baik" jadi tujuan
# isi_jpt = true                      # R20: rencanakan JPT Pratama seperti jabatan lain (bawaan: lewat seleksi)
# tanggal_acuan = 2026-12-01          # tanggal semua aturan diukur (format TTTT-BB-HH, tanpa tanda kutip)
# status_boleh_mutasi = ["Aktif"]     # R5: status yang boleh dimutasi
# kotak_promosi = [7, 8, 9]           # R9: kotak talenta yang boleh dipromosikan

# Mengubah bobot skor kecocokan (poin saat cocok penuh; boleh ditulis dengan atau tanpa awalan bobot_)
# dan nilai tujuan mutasi (nilai_…: ditambahkan pada nilai sebuah mutasi yang punya tujuan itu).
[bobot]
# pendidikan = 15                     # jenjang pendidikan dibanding syarat minimal (R6)
# bidang = 30                         # kesesuaian bidang pendidikan/pelatihan (R8)
# kompetensi = 25                     # kompetensi dibanding standar jabatan
# kinerja = 15                        # kinerja dan kotak talenta
# golongan = 15                       # golongan di dalam rentang jabatan (R7)
# nilai_kebutuhan = 8                 # tujuan: mengisi kursi kosong
# nilai_rotasi = 8                    # tujuan: rotasi jatuh tempo (R2)
# nilai_risiko_tinggi = 14            # tujuan: rotasi jabatan berisiko tinggi jatuh tempo (R3)
# nilai_promosi = 8                   # tujuan: promosi (R9)
# nilai_permintaan = 4                # tujuan: unit yang diminati pegawai

# Mengunci pegawai ke jabatan tertentu (R15). Satu blok [[kunci]] per pegawai.
# NIP ditulis sebagai teks (dalam tanda kutip), Kode Jabatan sesuai sheet Jabatan.
# [[kunci]]
# nip = "198501012010011001"
# kode_jabatan = "BAPPEDA.0007"

# Melarang pegawai pindah ke jabatan atau ke unit tertentu (R15). Isi kode_jabatan ATAU unit.
# [[larang]]
# nip = "198501012010011001"
# unit = "Dinas Kesehatan"

# Membekukan unit: tidak ada pegawai masuk ke atau keluar dari unit ini (R15).
# bekukan_unit = ["Dinas Kesehatan"]

# Mengubah jumlah kursi (Kebutuhan hasil ABK) per Kode Jabatan. Kode yang memuat titik ditulis
# dalam tanda kutip.
[kebutuhan]
# "BAPPEDA.0007" = 5

# Menerima rantai mutasi yang sudah disetujui dari rekomendasi sebelumnya: semua anggota rantai dikunci
# ke jabatan tujuannya, sisanya disusun ulang. Jalur relatif terhadap berkas skenario ini.
# rekomendasi = "DATA-rekomendasi.xlsx"
# terima_rantai = ["C001", "C004"]

# Rencana acuan (perubahan minimal): sedapat mungkin pertahankan penempatan di rekomendasi ini
# (sama dengan opsi --acuan pada penempatan solve).
# acuan = "DATA-rekomendasi.xlsx"
"""


def write_example(path: Path) -> None:
    """Write the annotated example scenario (atomically: temporary file, then rename)."""
    atomic_text(path, lambda f: f.write(EXAMPLE), suffix=".toml")
