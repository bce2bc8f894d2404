"""Sheet Pengaturan: one Parameter/Nilai row per setting of Params (SPEC 2.3); defaults for the rest."""

from __future__ import annotations

import re
import types
from collections.abc import Callable
from datetime import date
from typing import Any, Union, get_args, get_origin

from pydantic import ValidationError

from penempatan.errors import Problems, pydantic_message
from penempatan.excel.cells import Bad, Suggest, as_number, cell_text, integer, memo_bool, memo_date, status
from penempatan.excel.input_sheets import Row, Sheet, data_rows
from penempatan.model import Params
from penempatan.text import number


def read_params(sheet: Sheet | None, problems: Problems) -> Params:
    """Params from the Parameter/Nilai rows; defaults for everything not given (SPEC 2.3)."""
    if sheet is None:
        return Params()
    fields = {name.lower(): name for name in Params.model_fields}
    suggest = Suggest({k: k for k in fields})
    values: dict[str, object] = {}
    rows: dict[str, Row] = {}
    for row in data_rows(sheet, problems):
        key_text = row.get("Parameter", required=True, hint="Tulis nama parameter, mis. tanggal_acuan.")
        if key_text is None:
            continue
        name = fields.get(re.sub(r"[\s\-]+", "_", key_text.strip().lower()))
        if name is None:
            close = suggest(re.sub(r"[\s\-]+", "_", key_text.lower()))
            row.error("Parameter", key_text, "parameter tidak dikenal",
                      f"Mungkin maksudnya '{close}'?" if close else
                      "Parameter yang dikenal: " + ", ".join(Params.model_fields) + ".")
            continue
        if name in rows:
            row.error("Parameter", key_text, f"parameter ganda, sudah diisi di baris {rows[name].number}",
                      "Hapus salah satu baris.")
            continue
        rows[name] = row
        value = row.get("Nilai", _converter(name))
        if value is not None:
            values[name] = value
    try:
        return Params(**values)  # type: ignore[arg-type]
    except ValidationError as exc:
        for err in exc.errors():
            name = str(err["loc"][0]) if err["loc"] else "larangan_selesai"
            row = rows.get(name) or rows.get("larangan_mulai") or next(iter(rows.values()))
            row.error("Nilai", values.get(name), pydantic_message(err), "Perbaiki nilai parameter ini.")
        return Params()


def _int_range(name: str) -> tuple[int, int | None]:
    """(lowest, highest) a whole-number parameter may hold, from its Params field (so the message names both)."""
    lo, hi = 0, None
    for rule in Params.model_fields[name].metadata:
        lo = getattr(rule, "ge", lo)
        hi = getattr(rule, "le", hi)
    return int(lo), (int(hi) if hi is not None else None)


def _converter(name: str) -> Callable[[object], Any]:
    """Converter for a Params field, from its type annotation."""
    if name in RUPIAH:
        return _rupiah(*_int_range(name))
    annotation = Params.model_fields[name].annotation
    if get_origin(annotation) in (Union, types.UnionType):
        annotation = next(a for a in get_args(annotation) if a is not type(None))
    if annotation is date:
        return memo_date
    if annotation is bool:
        return memo_bool
    if annotation is int:
        return integer(*_int_range(name))
    if annotation is float:
        return _float
    if annotation is str:
        return lambda value: cell_text(value).strip()
    if get_origin(annotation) is tuple:
        item = get_args(annotation)[0]
        if name == "status_boleh_mutasi":
            return lambda value: tuple(dict.fromkeys(status(v) for v in _split_list(value)))
        if name in ("kotak_promosi", "kotak_tanpa_mutasi"):
            return lambda value: tuple(integer(1, 9)(v) for v in _split_list(value))
        if item is int:
            return lambda value: tuple(integer(0, None)(v) for v in _split_list(value))
        return lambda value: tuple(_split_list(value))
    raise TypeError(f"no converter for parameter {name}: {annotation}")


RUPIAH = frozenset({"anggaran_pelatihan"})
"""Parameters in rupiah: a text cell may group thousands with dots, as rupiah are written ('Rp 150.000.000')."""


def _rupiah(lo: int, hi: int | None) -> Callable[[object], int]:
    """Converter to a whole number of rupiah; '150.000.000' is 150 million, not a fraction."""
    whole = integer(lo, hi)

    def convert(value: object) -> int:
        if isinstance(value, str):
            text = re.sub(r"^rp\.?\s*", "", value.strip(), flags=re.IGNORECASE)
            if re.fullmatch(r"\d{1,3}(\.\d{3})+", text):
                text = text.replace(".", "")
            value = text
        try:
            return whole(value)
        except Bad:
            span = f"{number(lo)}–{number(hi)}" if hi is not None else f"≥ {number(lo)}"
            raise Bad(f"harus jumlah rupiah, bilangan bulat {span}", "Tulis angka saja, mis. 150000000 atau "
                      "150.000.000.") from None

    return convert


def _split_list(value: object) -> list[str]:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return [cell_text(value)]
    return [part.strip() for part in re.split(r"[;,\n]", cell_text(value)) if part.strip()]


def _float(value: object) -> float:
    text = cell_text(value).rstrip("%").strip() if isinstance(value, str) else value
    number = as_number(text)
    if number is None:
        raise Bad("harus berupa angka", "Tulis angka, mis. 30.")
    if isinstance(value, float) and 0 < number < 1:  # a cell formatted as percent: 0.3 is 30 %
        number *= 100
    return number
