"""Reading a scenario file: one pass over the TOML that records every problem and builds what it can.

Every key is checked; every problem is reported at once, located by file (as the sheet), TOML line (as the
row) and key (as the column), so the CLI shows them like input errors.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

from pydantic import ConfigDict, Field, TypeAdapter, ValidationError

from penempatan.model import MAX_SEATS, TARGET_MEASURES, Forbid, Pin, ProblemData, Target
from penempatan.reference import load_reference
from penempatan.scenario.model import TOML_KEYS, Kunci, Larang, Scenario, TargetSebaran, nip_of
from penempatan.scenario.parameters import parameters
from penempatan.scenario.pins import broken_pins
from penempatan.scenario.plans import PlanRow, ReadPlan
from penempatan.scenario.source import Source, closest, error_text
from penempatan.wishes.fairness import GROUPINGS, group_of


def load_scenario(path: Path, data: ProblemData, read_plan: ReadPlan | None = None) -> Scenario:
    """Read and validate the scenario at `path` against `data`; InputError listing every problem.

    `read_plan` reads the earlier plan workbook that `rekomendasi` (with `terima_rantai`) and `acuan` name,
    e.g. `penempatan.excel.read_plan.read_plan_moves`; without it, a scenario that needs one is an error
    at that key's line.
    """
    path = Path(path)
    loader = _Loader(path, data, read_plan)
    scenario = loader.load()
    loader.problems.raise_if_errors()
    assert scenario is not None
    return scenario


class _Loader(Source):
    """The sections of a scenario file, then its pins against the hard rules."""

    def __init__(self, path: Path, data: ProblemData, read_plan: ReadPlan | None) -> None:
        super().__init__(path, data)
        self.read_plan = read_plan

    def load(self) -> Scenario | None:
        raw = self.parse()
        if raw is None:
            return None
        for key in raw:
            if key not in TOML_KEYS:
                close = closest(key, list(TOML_KEYS))
                self.error(self.lines.find(key), key, None, "kunci tidak dikenal",
                           f"Mungkin maksudnya '{close}'?" if close else "Kunci yang dikenal: " + ", ".join(TOML_KEYS))
        nama = self.text(raw, "nama")
        parameter = parameters(self, raw)
        kunci = self._pins(raw)
        larang = self._forbids(raw)
        frozen = self._units(raw)
        seats = self._seats(raw)
        rekomendasi = self._path(raw, "rekomendasi")
        chains, chain_pins = self._chains(raw, rekomendasi)
        targets = self._targets(raw)
        acuan = self._path(raw, "acuan")
        if acuan is not None:
            self._plan(raw, "acuan", acuan)
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
                            kunci_rantai=tuple(chain_pins), acuan=acuan, target_sebaran=tuple(targets))
        entry = {p.nip: k for k, p in enumerate(scenario.kunci)}
        for broken in broken_pins(self.data, scenario):
            line, key = self._pin_line(broken.pin, entry)
            self.error(line, key, broken.value, broken.message, broken.hint)
        return scenario

    # --- sections ------------------------------------------------------------------------------------------
    def _pins(self, raw: dict[str, Any]) -> list[Pin]:
        """`[[kunci]]`: one pin per employee, to a post of the data."""
        out: list[Pin] = []
        seen: dict[str, int | None] = {}
        for k, entry in self.entries(raw, "kunci"):
            item = self.entry(Kunci, "kunci", k, entry)
            if item is None:
                continue
            line = self.lines.find("kunci", k, "nip")
            nip = self.employee(item.nip, line, "kunci.nip")
            kode = self.post(item.kode_jabatan, self.lines.find("kunci", k, "kode_jabatan"), "kunci.kode_jabatan")
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
        """`[[larang]]`: a post or a unit an employee must not go to."""
        out: list[Forbid] = []
        for k, entry in self.entries(raw, "larang"):
            item = self.entry(Larang, "larang", k, entry)
            if item is None:
                continue
            nip = self.employee(item.nip, self.lines.find("larang", k, "nip"), "larang.nip")
            if item.kode_jabatan is None and item.unit is None:
                self.error(self.lines.find("larang", k), "larang", None, "isi kode_jabatan atau unit",
                           "Larangan menyebut jabatan atau unit yang tidak boleh dituju.")
                continue
            kode = unit = None
            if item.kode_jabatan is not None:
                kode = self.post(item.kode_jabatan, self.lines.find("larang", k, "kode_jabatan"),
                                 "larang.kode_jabatan")
            if item.unit is not None:
                unit = self.unit(item.unit, self.lines.find("larang", k, "unit"), "larang.unit")
            unknown = (item.kode_jabatan is not None and kode is None) or (item.unit is not None and unit is None)
            if nip is None or unknown:
                continue
            out.append(Forbid(nip=nip, kode_jabatan=kode, unit=unit))
        return out

    def _units(self, raw: dict[str, Any]) -> list[str]:
        """`bekukan_unit`: units of the data, each once, as the data spells them."""
        out = []
        for name in self.strings(raw, "bekukan_unit"):
            unit = self.unit(name, self.lines.value(("bekukan_unit",), name), "bekukan_unit")
            if unit is not None and unit not in out:
                out.append(unit)
        return out

    def _seats(self, raw: dict[str, Any]) -> dict[str, int]:
        """`[kebutuhan]`: Kode Jabatan -> seats (a whole number 0–MAX_SEATS)."""
        out: dict[str, int] = {}
        adapter: TypeAdapter[int] = TypeAdapter(Annotated[int, Field(ge=0, le=MAX_SEATS)],
                                                config=ConfigDict(strict=True))
        for kode, value in _flatten(self.table(raw, "kebutuhan")).items():
            line = self.lines.find("kebutuhan", kode)
            found = self.post(kode, line, f"kebutuhan.{kode}")
            try:
                seats = adapter.validate_python(value)
            except ValidationError as exc:
                self.error(line, f"kebutuhan.{kode}", value, error_text(exc.errors()[0]),
                           f"Kebutuhan adalah jumlah kursi: bilangan bulat 0–{MAX_SEATS}.")
                continue
            if found is not None:
                out[found] = seats
        return out

    def _targets(self, raw: dict[str, Any]) -> list[Target]:
        """`[[target_sebaran]]` (R27): a measure, a section of the fairness report and one of its groups present in
        the data (as sheet Keadilan names it), and at least one bound."""
        out: list[Target] = []
        entries = self.entries(raw, "target_sebaran")
        groups: dict[str, list[str]] = {}
        if entries:
            ref = load_reference()
            people = range(len(self.data.employees))
            groups = {section: sorted({group_of(self.data, ref, section, i) for i in people}) for section in GROUPINGS}
        for k, entry in entries:
            item = self.entry(TargetSebaran, "target_sebaran", k, entry)
            if item is None:
                continue
            ok = True
            measure = item.ukuran.strip().casefold()
            if measure not in TARGET_MEASURES:
                self.error(self.lines.find("target_sebaran", k, "ukuran"), "target_sebaran.ukuran", item.ukuran,
                           "ukuran tidak dikenal", f"Tulis {' atau '.join(TARGET_MEASURES)}.")
                ok = False
            section = next((g for g in GROUPINGS if g.casefold() == item.bagian.strip().casefold()), None)
            if section is None:
                self.error(self.lines.find("target_sebaran", k, "bagian"), "target_sebaran.bagian", item.bagian,
                           "bagian tidak dikenal", f"Tulis salah satu: {', '.join(GROUPINGS)}.")
                continue
            group = next((g for g in groups[section] if g.casefold() == item.kelompok.strip().casefold()), None)
            if group is None:
                close = closest(item.kelompok, groups[section])
                self.error(self.lines.find("target_sebaran", k, "kelompok"), "target_sebaran.kelompok",
                           item.kelompok, f"tidak ada pegawai dalam kelompok ini pada bagian {section}",
                           f"Mungkin maksudnya '{close}'?" if close else
                           f"Kelompok yang ada: {', '.join(groups[section][:10])}.")
                ok = False
            if item.persen_minimal is None and item.persen_maksimal is None:
                self.error(self.lines.find("target_sebaran", k), "target_sebaran", None,
                           "isi persen_minimal atau persen_maksimal", "Misalnya persen_minimal = 30.")
                ok = False
            elif (item.persen_minimal is not None and item.persen_maksimal is not None
                  and item.persen_minimal > item.persen_maksimal):
                self.error(self.lines.find("target_sebaran", k, "persen_minimal"), "target_sebaran.persen_minimal",
                           item.persen_minimal, f"lebih besar dari persen_maksimal ({item.persen_maksimal})")
                ok = False
            if ok and group is not None:
                out.append(Target(measure=measure, section=section, group=group, minimum=item.persen_minimal,
                                  maximum=item.persen_maksimal))
        return out

    def _path(self, raw: dict[str, Any], key: str) -> Path | None:
        """A file the scenario names, relative to the scenario file."""
        text = self.text(raw, key)
        if text is None:
            return None
        path = Path(text)
        return path if path.is_absolute() else (self.path.parent / path)

    def _chains(self, raw: dict[str, Any], rekomendasi: Path | None) -> tuple[list[str], list[Pin]]:
        """`terima_rantai`: pin every member of the accepted chains of the earlier workbook to its target."""
        wanted = self.strings(raw, "terima_rantai")
        if not wanted:
            return [], []
        if rekomendasi is None:
            self.error(self.lines.find("terima_rantai"), "terima_rantai", None,
                       "terima_rantai butuh rekomendasi = \"...xlsx\"",
                       "Tulis jalur workbook rekomendasi sebelumnya yang memuat rantai ini.")
            return [], []
        moves = self._plan(raw, "rekomendasi", rekomendasi)
        if moves is None:
            return [], []
        by_chain: dict[str, list[PlanRow]] = {}
        for m in moves:
            by_chain.setdefault(m.rantai.strip().upper(), []).append(m)
        pins: list[Pin] = []
        chains: list[str] = []
        for chain in wanted:
            line = self.lines.value(("terima_rantai",), chain)
            members = by_chain.get(chain.strip().upper())
            if not members:
                close = closest(chain.strip().upper(), sorted(by_chain))
                self.error(line, "terima_rantai", chain, f"rantai tidak ada di sheet Usulan Mutasi {rekomendasi.name}",
                           f"Mungkin maksudnya '{close}'?" if close else "Lihat kolom Rantai di workbook itu.")
                continue
            chains.append(chain.strip().upper())
            for m in members:
                where = f"{rekomendasi.name} baris {m.row}"
                i = self.data.employee_index.get(nip_of(m.nip))
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
                pins.append(Pin(nip=nip_of(m.nip), kode_jabatan=m.tujuan))
        return chains, pins

    def _plan(self, raw: dict[str, Any], key: str, path: Path) -> Sequence[PlanRow] | None:
        """The moves of the plan workbook that `key` names; None (and an error at its line) when unreadable."""
        line = self.lines.find(key)
        if self.read_plan is None:
            self.error(line, key, raw.get(key),
                       "workbook rekomendasi tidak dapat dibaca di sini (tanpa pembaca workbook)",
                       "Pakai skenario ini dengan `penempatan solve` atau `penempatan compare`.")
            return None
        try:
            return self.read_plan(path)
        except ValueError as exc:
            self.error(line, key, raw.get(key), str(exc),
                       "Tulis jalur workbook rekomendasi sebelumnya, relatif terhadap berkas skenario.")
            return None

    def _pin_line(self, pin: Pin, entry: dict[str, int]) -> tuple[int | None, str]:
        """Where a pin is written: its [[kunci]] entry (`entry`: NIP -> entry number), else terima_rantai."""
        if pin.nip in entry:
            return self.lines.find("kunci", entry[pin.nip], "kode_jabatan"), "kunci"
        return self.lines.find("terima_rantai"), "terima_rantai"


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
