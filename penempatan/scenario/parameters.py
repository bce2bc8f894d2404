"""`[parameter]` and `[bobot]`: overrides of Params fields, each checked strictly against its type and bounds."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from pydantic import ConfigDict, TypeAdapter, ValidationError

from penempatan.model import STATUS_VALUES, Params, Weights
from penempatan.scenario.model import TOML_KEYS, show
from penempatan.scenario.source import TOP_LEVEL_HINT, Source, closest, error_text


def _adapter(annotation: Any, metadata: list[Any]) -> TypeAdapter[Any]:
    """Strict validation of one Params field with its bounds: a TOML string is no number, true no 1."""
    return TypeAdapter(Annotated[(annotation, *metadata)] if metadata else annotation,  # type: ignore[valid-type]
                       config=ConfigDict(strict=True))


_FIELD_ADAPTERS = {name: _adapter(f.annotation, f.metadata) for name, f in Params.model_fields.items()}


def parameters(src: Source, raw: dict[str, Any]) -> dict[str, Any]:
    """`[parameter]` (any Params field) and `[bobot]` (Weights, with or without the bobot_ prefix)."""
    given: dict[str, tuple[Any, str, int | None]] = {}  # field -> (value, key as written, line)
    for name, value in src.table(raw, "parameter").items():
        line = src.lines.find("parameter", name)
        if name not in Params.model_fields:
            close = closest(name, list(Params.model_fields))
            src.error(line, f"parameter.{name}", None, "parameter tidak dikenal",
                      TOP_LEVEL_HINT.format(table="[parameter]") if name in TOML_KEYS else
                      f"Mungkin maksudnya '{close}'?" if close else
                      "Parameter yang dikenal: " + ", ".join(Params.model_fields) + ".")
            continue
        given[name] = (value, f"parameter.{name}", line)
    for name, value in src.table(raw, "bobot").items():
        line = src.lines.find("bobot", name)
        field = name if name.startswith(("bobot_", "nilai_")) or name in Weights.model_fields else f"bobot_{name}"
        if field not in Weights.model_fields:
            close = closest(field.removeprefix("bobot_"), [w.removeprefix("bobot_") for w in Weights.model_fields])
            src.error(line, f"bobot.{name}", None, "bobot tidak dikenal",
                      f"Mungkin maksudnya '{close}'?" if close else
                      "Bobot yang dikenal: " + ", ".join(Weights.model_fields) + ".")
            continue
        if field in given:
            src.error(line, f"bobot.{name}", value, f"bobot ganda: sudah diisi di {given[field][1]}",
                      "Hapus salah satu.")
            continue
        given[field] = (value, f"bobot.{name}", line)
    values: dict[str, Any] = {}
    for field, (value, key, line) in given.items():
        checked = _value(src, field, value, key, line)
        if checked is not None:
            values[field] = checked
    if len(values) == len(given):
        try:
            Params.model_validate({**src.data.params.model_dump(), **values})
        except ValidationError as exc:
            for err in exc.errors():
                field = str(err["loc"][0]) if err["loc"] else next(
                    (f for f in ("larangan_selesai", "larangan_mulai") if f in given), "")
                _, key, line = given.get(field, (None, f"parameter.{field}", src.lines.find("parameter")))
                src.error(line, key, values.get(field), error_text(err))
    return values


def _value(src: Source, field: str, value: Any, key: str, line: int | None) -> Any:
    """One parameter value checked strictly against its Params type and bounds (None when wrong)."""
    annotation = Params.model_fields[field].annotation
    if isinstance(value, str) and annotation in (date, date | None):
        try:
            value = date.fromisoformat(value.strip())
        except ValueError:
            src.error(line, key, value, "harus tanggal, mis. 2026-12-01")
            return None
    if isinstance(value, list):
        value = tuple(value)
    try:
        value = _FIELD_ADAPTERS[field].validate_python(value)
    except ValidationError as exc:
        for err in exc.errors():
            src.error(line, key, value, error_text(err))
        return None
    if field == "status_boleh_mutasi":
        bad = [s for s in value if s not in STATUS_VALUES]
        if bad:
            src.error(line, key, ", ".join(bad), "status tidak dikenal",
                      "Gunakan: " + ", ".join(STATUS_VALUES) + ".")
            return None
    if field in ("kotak_promosi", "kotak_tanpa_mutasi") and any(not 1 <= k <= 9 for k in value):
        src.error(line, key, show(value), "kotak talenta harus 1–9")
        return None
    return value
