"""Clean problem data: employees, posts, parameters and the cross-checked ProblemData.

Everything here is already normalised (canonical golongan, jenjang, predikat); the Excel reader and the
demo generator produce these objects, the scorer and the solver consume them.
"""

from __future__ import annotations

from datetime import date
from functools import cached_property
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

STATUS_VALUES = ("Aktif", "CPNS", "PPPK", "Tugas Belajar", "CLTN", "MPP", "Diberhentikan Sementara")
JENIS_VALUES = ("JPT Pratama", "Administrator", "Pengawas", "Pelaksana", "Fungsional")
HUKUMAN_VALUES = ("Tidak Ada", "Ringan", "Sedang", "Berat")
POTENSI_VALUES = ("Tinggi", "Menengah", "Rendah")

_frozen = ConfigDict(frozen=True, extra="forbid")


MAX_POINTS = 1_000
"""The largest weight, value or cost a planner may set (the defaults are 8–30): larger ones would only push the
solver's priority weights (R11/R12 above every score) beyond what its integers and floats hold exactly."""
MAX_MONTHS = 1_200
"""The longest period in months a parameter may hold (100 years)."""
MAX_SEATS = 10_000
"""The most seats (Kebutuhan) one post may have."""


class Employee(BaseModel):
    """One ASN as read from sheet `Pegawai` (SPEC 2.1)."""

    model_config = _frozen

    nip: str = Field(pattern=r"^\d{18}$")
    nama: str
    golongan: str
    pendidikan: str
    jurusan: str | None = None
    bidang: str | None = None  # field of the study programme via rumpun.csv
    pelatihan: tuple[str, ...] = ()  # fields trained in (rumpun fields)
    kode_jabatan: str
    tmt_jabatan: date
    tanggal_lahir: date | None = None
    jenis_kelamin: Literal["L", "P"] | None = None
    status: str = "Aktif"
    kinerja: str
    potensi: str | None = None
    kotak: int | None = Field(default=None, ge=1, le=9)
    komp_manajerial: int | None = Field(default=None, ge=1, le=5)
    komp_sosial_kultural: int | None = Field(default=None, ge=1, le=5)
    komp_teknis: int | None = Field(default=None, ge=1, le=5)
    hukuman: str = "Tidak Ada"
    akhir_hukuman: date | None = None
    bersedia_mutasi: bool = True
    unit_diminati: tuple[str, ...] = ()
    siap_naik_jenjang: bool = False  # R9: angka kredit and uji kompetensi allow the next JF jenjang
    sertifikat: tuple[str, ...] = ()  # R22: licences and certificates held (STR, Sertifikat Pendidik …)
    row: int | None = None  # Excel row it came from, for messages


class Position(BaseModel):
    """One post of the peta jabatan, sheet `Jabatan` (SPEC 2.2)."""

    model_config = _frozen

    kode: str
    nama: str
    unit: str
    jenis: str
    jenjang: str | None = None
    kelas: int = Field(ge=1, le=17)
    kebutuhan: int = Field(ge=0, le=MAX_SEATS)
    pendidikan_min: str
    bidang: tuple[str, ...] = ()  # fields (groups expanded): given, else from the name, else the unit; () = open (R8)
    rumpun_jf: str | None = None  # JF family (jabatan_fungsional.csv), given or found from Nama Jabatan (R18)
    lokasi: str | None = None  # the lowest unit the post belongs to, as given (R21 v3; see Reference.place_of)
    alamat: str | None = None  # address of the post's workplace, as given (for the letters, SPEC 7 v3)
    golongan_min: str | None = None  # None = default from jenis_jabatan.csv
    golongan_max: str | None = None
    standar_manajerial: int | None = Field(default=None, ge=1, le=5)
    standar_sosial_kultural: int | None = Field(default=None, ge=1, le=5)
    standar_teknis: int | None = Field(default=None, ge=1, le=5)
    risiko_tinggi: bool = False
    wajib_diisi: bool = False
    row: int | None = None

    @field_validator("bidang", mode="before")
    @classmethod
    def _one_field(cls, value: object) -> object:
        """One field may be given as a string, no field as None."""
        if value is None:
            return ()
        return (value,) if isinstance(value, str) else value


class Weights(BaseModel):
    """Fit weights (SPEC 4): the points each fit component gives at full fit; the defaults sum to 100.

    The `nilai_*` weights are not fit: they are the value of a move's purposes in the objective (SPEC 4), and
    the `nilai_kursi*` ones the staffing value of a filled seat (SPEC 4 v3).
    """

    model_config = ConfigDict(extra="forbid")

    bobot_pendidikan: int = Field(default=15, ge=0, le=MAX_POINTS)
    bobot_bidang: int = Field(default=30, ge=0, le=MAX_POINTS)
    bobot_kompetensi: int = Field(default=25, ge=0, le=MAX_POINTS)
    bobot_kinerja: int = Field(default=15, ge=0, le=MAX_POINTS)
    bobot_golongan: int = Field(default=15, ge=0, le=MAX_POINTS)
    # v2's bonus per move into a vacancy; v3 values seats instead.
    nilai_kebutuhan: int = Field(default=0, ge=0, le=MAX_POINTS)
    nilai_kursi: int = Field(default=8, ge=0, le=MAX_POINTS)
    nilai_kursi_layanan: int = Field(default=12, ge=0, le=MAX_POINTS)
    nilai_kursi_profesi: int = Field(default=12, ge=0, le=MAX_POINTS)
    nilai_kursi_risiko: int = Field(default=10, ge=0, le=MAX_POINTS)
    nilai_kursi_wajib: int = Field(default=16, ge=0, le=MAX_POINTS)
    nilai_rotasi: int = Field(default=8, ge=0, le=MAX_POINTS)
    nilai_risiko_tinggi: int = Field(default=14, ge=0, le=MAX_POINTS)
    nilai_promosi: int = Field(default=8, ge=0, le=MAX_POINTS)
    # A wish is worth more than biaya_mutasi and nilai_risiko_tinggi: it pays its move (SPEC 4 v3, issue 22).
    nilai_permintaan: int = Field(default=24, ge=0, le=MAX_POINTS)
    nilai_relawan: int = Field(default=30, ge=0, le=MAX_POINTS)  # volunteers first out of a surplus

    def seat_value(self, *, wajib: bool, layanan: bool, profesi: bool, risiko: bool) -> int:
        """The staffing value of one filled seat (SPEC 4 v3): the highest of its kinds — must-fill, service
        delivery (a JF post in a school, puskesmas or RSUD), a scarce profession, high-risk, or ordinary."""
        return max(self.nilai_kursi, self.nilai_kursi_wajib if wajib else 0, self.nilai_kursi_layanan if layanan
                   else 0, self.nilai_kursi_profesi if profesi else 0, self.nilai_kursi_risiko if risiko else 0)


class Params(Weights):
    """Every rule parameter of SPEC 3 under its `param` name, plus tanggal_acuan and biaya_mutasi."""

    tanggal_acuan: date = Field(default_factory=date.today)
    biaya_mutasi: int = Field(default=18, ge=0, le=MAX_POINTS)
    ambang_kesesuaian: int = Field(default=10, ge=0, le=100)
    biaya_kesesuaian_turun: int = Field(default=10, ge=0, le=MAX_POINTS)
    masa_jabatan_minimal_bulan: int = Field(default=24, ge=0, le=MAX_MONTHS)
    masa_jabatan_maksimal_bulan: int = Field(default=60, ge=1, le=MAX_MONTHS)
    masa_risiko_tinggi_bulan: int = Field(default=36, ge=1, le=MAX_MONTHS)
    batas_pensiun_bulan: int = Field(default=12, ge=0, le=MAX_MONTHS)
    status_boleh_mutasi: tuple[str, ...] = ("Aktif",)
    toleransi_golongan: bool = True
    kotak_promosi: tuple[int, ...] = (7, 8, 9)
    maks_keluar_unit_persen: float = Field(default=30.0, ge=0, le=100)
    maks_mutasi: int | None = Field(default=None, ge=0, le=MAX_SEATS * 100)
    biaya_tidak_bersedia: int = Field(default=30, ge=0, le=MAX_POINTS)
    bidang_wajib: bool = True
    boleh_turun_kelas: bool = False
    isi_jpt: bool = False
    kekurangan_unit_boleh_naik: bool = False
    larangan_mulai: date | None = None
    larangan_selesai: date | None = None
    maks_kandidat: int = Field(default=80, ge=1, le=10_000)
    tanpa_mutasi_sebelum_bup: int = Field(default=24, ge=0, le=MAX_MONTHS)
    kotak_tanpa_mutasi: tuple[int, ...] = (1,)
    jumlah_calon: int = Field(default=5, ge=1, le=50)
    bidang_netral_persen: int = Field(default=50, ge=0, le=100)
    bidang_profesi_lain_persen: int = Field(default=25, ge=0, le=100)
    # The letters' sender (SPEC 7 v3): they word `penempatan surat` only, never the plan; ';' separates lines.
    nama_instansi: str = ""
    alamat_instansi: str = ""
    penanda_tangan: str = ""  # jabatan; nama; NIP and further lines under the name
    kontak: str = ""
    tempat_surat: str = ""

    @model_validator(mode="after")
    def _window_ordered(self) -> Params:
        if self.larangan_mulai and self.larangan_selesai and self.larangan_selesai < self.larangan_mulai:
            raise ValueError("larangan_selesai sebelum larangan_mulai")
        return self

    @property
    def in_pilkada_freeze(self) -> bool:
        """R17: is tanggal_acuan inside the Pilkada freeze window?"""
        if self.larangan_mulai is None:
            return False
        end = self.larangan_selesai or date.max
        return self.larangan_mulai <= self.tanggal_acuan <= end


class Pin(BaseModel):
    """R15: employee `nip` must end in post `kode_jabatan`."""

    model_config = _frozen
    nip: str
    kode_jabatan: str


class Forbid(BaseModel):
    """R15: employee `nip` must not move into post `kode_jabatan`, or into any post of `unit`."""

    model_config = _frozen
    nip: str
    kode_jabatan: str | None = None
    unit: str | None = None


class ProblemData(BaseModel):
    """Everything the scorer and solver need, cross-checked: every employee's post exists, NIPs unique."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    employees: tuple[Employee, ...]
    positions: tuple[Position, ...]
    params: Params = Field(default_factory=Params)
    pins: tuple[Pin, ...] = ()
    forbids: tuple[Forbid, ...] = ()
    frozen_units: tuple[str, ...] = ()
    scenario_name: str | None = None
    source_sha256: str | None = None

    @model_validator(mode="after")
    def _cross_check(self) -> ProblemData:
        codes = [p.kode for p in self.positions]
        if len(set(codes)) != len(codes):
            raise ValueError("Kode Jabatan ganda")
        nips = [e.nip for e in self.employees]
        if len(set(nips)) != len(nips):
            raise ValueError("NIP ganda")
        known = set(codes)
        missing = {e.kode_jabatan for e in self.employees} - known
        if missing:
            raise ValueError(f"Kode Jabatan tidak dikenal: {sorted(missing)[:5]}")
        for pin in self.pins:
            if pin.nip not in set(nips) or pin.kode_jabatan not in known:
                raise ValueError(f"kunci tidak dikenal: {pin.nip} -> {pin.kode_jabatan}")
        return self

    @cached_property
    def employee_index(self) -> dict[str, int]:
        return {e.nip: i for i, e in enumerate(self.employees)}

    @cached_property
    def position_index(self) -> dict[str, int]:
        return {p.kode: j for j, p in enumerate(self.positions)}

    @cached_property
    def current_post(self) -> list[int]:
        """Index of each employee's current post."""
        idx = self.position_index
        return [idx[e.kode_jabatan] for e in self.employees]

    @cached_property
    def holders(self) -> list[list[int]]:
        """Employees currently in each post."""
        out: list[list[int]] = [[] for _ in self.positions]
        for i, j in enumerate(self.current_post):
            out[j].append(i)
        return out

    @cached_property
    def units(self) -> list[str]:
        return sorted({p.unit for p in self.positions})

    def replace(self, **changes: object) -> ProblemData:
        """A new, re-validated ProblemData with some fields changed."""
        data = {name: getattr(self, name) for name in type(self).model_fields}
        data.update(changes)
        return ProblemData(**data)
