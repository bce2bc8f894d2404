"""A validated scenario, how it changes ProblemData and the rows that name it in the plan workbook."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from penempatan.model import Forbid, Params, Pin, Position, ProblemData, Target
from penempatan.parameters import param_label
from penempatan.text import parse_nip, yes_no

TOML_KEYS = ("nama", "parameter", "bobot", "kunci", "larang", "bekukan_unit", "kebutuhan", "terima_rantai",
             "rekomendasi", "acuan", "target_sebaran")
"""Every top-level key a scenario file may have; anything else is an error."""

OVERRIDE = "diubah: "
"""How a scenario row names a parameter it changes: 'diubah: Batas jumlah mutasi'."""

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


class TargetSebaran(BaseModel):
    """`[[target_sebaran]]`: of the plan's `ukuran` (mutasi or promosi), the group `kelompok` of the fairness report's
    `bagian` gets at least `persen_minimal` and at most `persen_maksimal` percent (R27)."""

    model_config = _strict
    ukuran: str
    bagian: str
    kelompok: str
    persen_minimal: int | None = Field(default=None, ge=0, le=100)
    persen_maksimal: int | None = Field(default=None, ge=0, le=100)


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
    target_sebaran: tuple[Target, ...] = ()

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
        targets=tuple(dict.fromkeys(data.targets + scenario.target_sebaran)), scenario_name=scenario.nama)


def scenario_rows(base: ProblemData, scenario: Scenario) -> list[tuple[str, str]]:
    """(label, value) rows naming the scenario and every override, for Ringkasan, Parameter and compare; a
    parameter by its label (`OVERRIDE` + label), never by its key."""
    rows = [("skenario", scenario.nama)]
    if scenario.sumber is not None:
        rows.append(("berkas skenario", scenario.sumber.name))
    for name, value in scenario.parameter.items():
        rows.append((f"{OVERRIDE}{param_label(name)}", f"{show(getattr(base.params, name))} → {show(value)}"))
    if scenario.kunci:
        rows.append(("kunci", f"{len(scenario.kunci)}: " + "; ".join(f"{p.nip} → {p.kode_jabatan}"
                                                                    for p in scenario.kunci)))
    if scenario.larang:
        rows.append(("larang", f"{len(scenario.larang)}: " + "; ".join(
            f"{f.nip} ✗ {f.kode_jabatan or f.unit}" for f in scenario.larang)))
    for unit in scenario.bekukan_unit:
        rows.append(("unit dibekukan", unit))
    keb = {q.kode: q.kebutuhan for q in base.positions}
    for kode, seats in scenario.kebutuhan.items():
        rows.append((f"kebutuhan: {kode}", f"{keb[kode]} → {seats}"))
    if scenario.terima_rantai:
        source = scenario.rekomendasi.name if scenario.rekomendasi else ""
        rows.append(("rantai diterima", f"{', '.join(scenario.terima_rantai)} ({len(scenario.kunci_rantai)} "
                                      f"pegawai dikunci, dari {source})"))
    if scenario.acuan is not None:
        rows.append(("acuan", scenario.acuan.name))
    for target in scenario.target_sebaran:
        rows.append(("target sebaran (R27)", target.words))
    return rows


def show(value: object) -> str:
    """A parameter value as the planner reads it: (kosong), Ya/Tidak, a list joined by commas."""
    if value is None or value == "":
        return "(kosong)"
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, tuple | list):
        return ", ".join(str(v) for v in value)
    return str(value)


def nip_of(value: object) -> str:
    """The 18-digit NIP written in `value` (spaces, dots, 'NIP' prefix dropped), else the text as written."""
    return parse_nip(value) or str(value).strip().lstrip("'")
