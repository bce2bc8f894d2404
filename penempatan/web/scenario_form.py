"""The Parameter & skenario form and the scenario file it becomes: the same TOML the CLI reads (`solve -s`,
`compare -s`), checked by `penempatan.scenario.load_scenario` before it is kept, so the form's mistakes get the
scenario reader's located messages (file, line, key).

Every parameter is a `Params` field shown by its label, with its meaning (`penempatan.parameters`, the one text of
what each parameter does, also in the template's `Petunjuk`) and its default; its key is only the name of the form
field and of the TOML line. An empty field keeps the value of the data's `Pengaturan`.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import UnionType
from typing import Any, Union, get_args, get_origin

from penempatan.errors import Problem
from penempatan.model import Params, ProblemData
from penempatan.parameters import keys_as_labels, param_help, param_label
from penempatan.reference import data_dir
from penempatan.text import compact_key, date_text, yes_no

LIST_FIELDS = ("kunci", "larang", "kebutuhan", "target")


@dataclass(frozen=True)
class ParamField:
    """One parameter of the form: key (the field's and the TOML's name), label, meaning, default, the data's value
    and the kind of input."""

    name: str
    label: str
    help: str
    default: str
    current: str
    kind: str  # "angka", "ya-tidak", "tanggal", "daftar", "teks"


def _kind(name: str) -> str:
    annotation = Params.model_fields[name].annotation
    # An optional value (X | None) is its X; a tuple[int, ...] is a list, not its items' kind.
    types = set(get_args(annotation)) if get_origin(annotation) in (Union, UnionType) else {annotation}
    if any(t is tuple or get_origin(t) is tuple for t in types):
        return "daftar"
    if bool in types:
        return "ya-tidak"
    if date in types:
        return "tanggal"
    if types & {int, float}:
        return "angka"
    return "teks"


def shown(value: object) -> str:
    """A parameter value as the form shows it (lists `;`-joined, Ya/Tidak, dates DD-MM-YYYY)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, tuple | list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, date):
        return date_text(value)
    return str(value)


def fields(params: Params) -> list[ParamField]:
    """Every parameter, in `Params` order, with its meaning, default and the data's value."""
    out = []
    for name, info in Params.model_fields.items():
        default = "hari ini" if info.default_factory is not None else shown(info.default) or "(kosong)"
        out.append(ParamField(name, param_label(name), param_help(name), default, shown(getattr(params, name)),
                              _kind(name)))
    return out


def form_date(raw: str) -> date | None:
    """A date typed as DD-MM-YYYY (also D-M-YYYY, with / or .; or YYYY-MM-DD as a TOML file has it); None when
    it is not a calendar date."""
    raw = raw.strip()
    found = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", raw)
    iso = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", raw)
    try:
        if found:
            return date(int(found[3]), int(found[2]), int(found[1]))
        if iso:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
    except ValueError:
        return None
    return None


def date_errors(form: Mapping[str, str]) -> dict[str, list[str]]:
    """Date fields of the form that are not DD-MM-YYYY calendar dates, with the message shown next to them."""
    out: dict[str, list[str]] = {}
    for name in Params.model_fields:
        raw = form.get(f"p-{name}", "").strip()
        if raw and _kind(name) == "tanggal" and form_date(raw) is None:
            out[f"p-{name}"] = [f"'{raw}' bukan tanggal: tulis HH-BB-TTTT, mis. 01-07-2026"]
    return out


def field_errors(problems: list[Problem]) -> tuple[dict[str, list[str]], list[str]]:
    """The scenario reader's problems for a form, by form field (`p-NAME`, `kunci`, `larang`, `kebutuhan`,
    `bekukan`, `nama`), worded for the form: the entry's value instead of a line of the TOML file; what belongs
    to no field goes to the second list."""
    by_field: dict[str, list[str]] = {}
    other: list[str] = []
    for p in problems:
        key = p.column or ""
        section, _, rest = key.partition(".")
        message = p.message.replace("true atau false", "Ya atau Tidak") + (f". {p.hint}" if p.hint else "")
        message = keys_as_labels(message)
        name = {"parameter": f"p-{rest}", "bobot": f"p-{_weight(rest)}", "kunci": "kunci", "larang": "larang",
                "kebutuhan": "kebutuhan", "target_sebaran": "target"}.get(section) if rest else {
            "bekukan_unit": "bekukan", "nama": "nama", "target_sebaran": "target"}.get(key)
        if name is None or (name.startswith("p-") and name[2:] not in Params.model_fields):
            other.append(f"{key}: {message}" if key else message)
            continue
        value = "" if p.value is None or name.startswith("p-") else f"'{p.value}': "
        by_field.setdefault(name, []).append(value + message)
    return by_field, other


def _weight(name: str) -> str:
    return name if name.startswith(("bobot_", "nilai_")) else f"bobot_{name}"


# --- form -> TOML ------------------------------------------------------------------------------------------------
def _string(s: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(s, ensure_ascii=False)


def _literal(kind: str, raw: str) -> str:
    """The TOML value of one form field; what does not parse as its kind is written as a string, so the
    scenario reader names the line and key and says what is expected."""
    raw = raw.strip()
    if kind == "ya-tidak":
        return {"ya": "true", "tidak": "false"}.get(raw.lower(), _string(raw))
    if kind == "tanggal" and (day := form_date(raw)) is not None:
        return day.isoformat()
    if kind == "angka" and re.fullmatch(r"-?\d+(\.\d+)?", raw.replace(",", ".")):
        return raw.replace(",", ".")
    if kind == "daftar":
        items = [s.strip() for s in raw.split(";") if s.strip()]
        return "[" + ", ".join(s if s.isdigit() else _string(s) for s in items) + "]"
    return _string(raw)


def _pairs(raw: str) -> list[tuple[str, str, int]]:
    """Lines 'A ; B' of a text area (also 'A = B', 'A | B', a tab, or 'A B' when A has no space) as
    (A, B, line number)."""
    out = []
    for k, line in enumerate(raw.splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        sep = r"\s*[;=|\t]\s*" if re.search(r"[;=|\t]", line) else r"\s+"
        parts = re.split(sep, line, maxsplit=1)
        out.append((parts[0], parts[1] if len(parts) > 1 else "", k))
    return out


def form_toml(form: Mapping[str, str], units: list[str], data: ProblemData) -> str:
    """The scenario file for a submitted form: `nama`, `[parameter]`, `[[kunci]]`, `[[larang]]`,
    `bekukan_unit`, `[kebutuhan]` and `[[target_sebaran]]` (lines 'ukuran ; bagian ; kelompok ; minimal ; maksimal',
    either bound may be empty)."""
    lines = ["# Skenario dari halaman Parameter & skenario (penempatan web).",
             f"nama = {_string(form.get('nama', '').strip() or 'Skenario')}", ""]
    frozen = [u for u in units if u]
    if frozen:
        lines += ["bekukan_unit = [" + ", ".join(_string(u) for u in frozen) + "]", ""]
    lines.append("[parameter]")
    for name in Params.model_fields:
        value = form.get(f"p-{name}", "").strip()
        if value:
            lines.append(f"{name} = {_literal(_kind(name), value)}")
    lines.append("")
    codes = {compact_key(q.kode): q.kode for q in data.positions}
    seats = _pairs(form.get("kebutuhan", ""))
    if seats:
        lines.append("[kebutuhan]")
        lines += [f"{_string(kode)} = {_literal('angka', n) if n else _string('')}" for kode, n, _ in seats]
        lines.append("")
    for nip, kode, _ in _pairs(form.get("kunci", "")):
        lines += ["[[kunci]]", f"nip = {_string(nip)}", f"kode_jabatan = {_string(kode)}", ""]
    for nip, where, _ in _pairs(form.get("larang", "")):
        key = "kode_jabatan" if compact_key(where) in codes else "unit"
        lines += ["[[larang]]", f"nip = {_string(nip)}", f"{key} = {_string(where)}", ""]
    for line in form.get("target", "").splitlines():
        parts = [part.strip() for part in line.split(";")] + [""] * 5
        if not any(parts):
            continue
        lines += ["[[target_sebaran]]", f"ukuran = {_string(parts[0])}", f"bagian = {_string(parts[1])}",
                  f"kelompok = {_string(parts[2])}"]
        lines += [f"{key} = {_literal('angka', value)}" for key, value in
                  (("persen_minimal", parts[3]), ("persen_maksimal", parts[4])) if value]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def form_from_file(path: Path) -> dict[str, Any]:
    """A saved scenario as the form's values (to edit it); what the form does not show is left out."""
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    params = {**raw.get("parameter", {}), **{_weight(k): v for k, v in raw.get("bobot", {}).items()}}
    return {
        "nama": raw.get("nama", ""),
        "nama_berkas": path.stem,
        "p": {k: shown(v) for k, v in params.items()},
        "bekukan": list(raw.get("bekukan_unit", [])),
        "kunci": "\n".join(f"{k.get('nip', '')} ; {k.get('kode_jabatan', '')}" for k in raw.get("kunci", [])),
        "larang": "\n".join(f"{k.get('nip', '')} ; {k.get('kode_jabatan') or k.get('unit', '')}"
                            for k in raw.get("larang", [])),
        "kebutuhan": "\n".join(f"{k} = {v}" for k, v in raw.get("kebutuhan", {}).items()),
        "target": "\n".join(" ; ".join(str(t.get(key, "")) for key in ("ukuran", "bagian", "kelompok", "persen_minimal",
                                                                    "persen_maksimal")).rstrip(" ;")
                           for t in raw.get("target_sebaran", [])),
    }


# --- the shipped scenarios ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ShippedScenario:
    """One of the example scenarios shipped with the program (`data/skenario/*.toml`, found like the reference
    tables): file name, its `nama` and the question its opening comment asks."""

    name: str
    title: str
    about: str


def shipped_folder() -> Path:
    return data_dir() / "skenario"


def shipped() -> list[ShippedScenario]:
    """The shipped scenarios, by file name; one that does not parse is left out (the tests read them all)."""
    folder = shipped_folder()
    out = []
    for path in sorted(folder.glob("*.toml")) if folder.is_dir() else []:
        text = path.read_text(encoding="utf-8")
        try:
            title = str(tomllib.loads(text).get("nama", path.stem))
        except tomllib.TOMLDecodeError:
            continue
        about = " ".join(line.lstrip("# ").strip() for line in text.splitlines()
                         if line.startswith("#") and not line.startswith("#!"))
        out.append(ShippedScenario(path.name, title, about))
    return out


def shipped_text(name: str) -> str:
    """The text of shipped scenario `name`; KeyError when there is none by that name."""
    if name not in {s.name for s in shipped()}:
        raise KeyError(name)
    return (shipped_folder() / name).read_text(encoding="utf-8")


def file_name(nama: str) -> str:
    """A scenario's file name from the name the planner typed (letters, digits, - and _; never a name Windows
    reserves)."""
    stem = re.sub(r"[^\w\-]+", "-", nama.strip().lower()).strip("-")[:50].strip("-") or "skenario"
    if re.fullmatch(r"con|prn|aux|nul|com\d|lpt\d", stem):
        stem = f"skenario-{stem}"
    return f"{stem}.toml"
