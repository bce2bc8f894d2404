"""Clean problem data: employees, posts, parameters and the cross-checked ProblemData.

Everything here is already normalised (canonical golongan, jenjang, predikat); the Excel reader and the
demo generator produce these objects, the scorer and the solver consume them.
"""

from __future__ import annotations

from datetime import date
from functools import cached_property
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from penempatan.text import name_key

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
MAX_WISHES = 5
"""The most ranked wishes one employee may make (sheet Permintaan, `Urutan` 1–5, SPEC 9)."""
TIE_RULES = ("masa_jabatan", "usia", "nip")
"""The criteria `urutan_seri` may list to break ties of priority points (SPEC 9): the longer time in the current
post first, the older first, the lower NIP first; the NIP always ends the list, so the order is strict."""


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
    diklat: tuple[str, ...] = ()  # courses done, as Pelatihan names them: never prescribed again (SPEC 10)
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
    pns_id: str | None = None  # SIASN pnsId, for the decree package's job-history rows (SPEC 10)
    row: int | None = None  # Excel row it came from, for messages


class SiasnIds(BaseModel):
    """The SIASN reference IDs of a post that a job-history submission names (SPEC 10): unor, JF or JFU,
    eselon and satuan kerja; None where the input leaves them blank (the decree package lists them to fill)."""

    model_config = _frozen

    unor_id: str | None = None
    jabatan_fungsional_id: str | None = None
    jabatan_fungsional_umum_id: str | None = None
    eselon_id: str | None = None
    satuan_kerja_id: str | None = None


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
    siasn: SiasnIds = Field(default_factory=SiasnIds)  # the post's SIASN IDs (SPEC 10)
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
    # The published priority of a wish (SPEC 9): the reason's points come from data/prioritas.csv.
    poin_masa_jabatan_per_tahun: int = Field(default=2, ge=0, le=MAX_POINTS)
    poin_kinerja_sangat_baik: int = Field(default=6, ge=0, le=MAX_POINTS)
    poin_kinerja_baik: int = Field(default=3, ge=0, le=MAX_POINTS)
    poin_kinerja_butuh_perbaikan: int = Field(default=0, ge=0, le=MAX_POINTS)
    poin_jarak_keluarga_per_10_km: int = Field(default=2, ge=0, le=MAX_POINTS)
    poin_jarak_keluarga_maks: int = Field(default=40, ge=0, le=MAX_POINTS)
    urutan_seri: tuple[str, ...] = ("masa_jabatan", "usia", "nip")
    # The fairness report (SPEC 9): a group's rate is flagged outside [rate of all / batas, rate of all × batas].
    batas_disparitas: float = Field(default=2.0, ge=1.0, le=100.0)
    kelompok_minimal_disparitas: int = Field(default=20, ge=1, le=MAX_SEATS * 100)
    # Wishes in the plan (SPEC 9): a wish is granted only when the move costs at most this much nilai against
    # staying (wishes.serve).
    batas_biaya_permintaan: int = Field(default=30, ge=0, le=MAX_POINTS)
    # Train now, move later (SPEC 8): one round, or two in one model, the second at tanggal_putaran_2 (None: six
    # months after tanggal_acuan, `rounds.round_two_date`), with round-1 training limited by anggaran_pelatihan.
    putaran: int = Field(default=1, ge=1, le=2)
    tanggal_putaran_2: date | None = None
    anggaran_pelatihan: int | None = Field(default=None, ge=0, le=10**15)  # rupiah; None = no budget limit
    # The letters' sender (SPEC 7 v3): they word `penempatan surat` only, never the plan; ';' separates lines.
    nama_instansi: str = ""
    alamat_instansi: str = ""
    penanda_tangan: str = ""  # jabatan; nama; NIP and further lines under the name
    kontak: str = ""
    tempat_surat: str = ""
    # The decree package (SPEC 10): they word `penempatan paket` only, never the plan.
    instansi_id: str = ""  # SIASN instansiId of the pemda
    nomor_sk: str = ""  # the SK number; '{n}' becomes 1, 2 … for the SKs of one package
    tanggal_sk: date | None = None
    tmt_mutasi: date | None = None  # TMT jabatan, mutasi and pelantikan; None = tanggal_sk
    jenis_mutasi_id: str = "MJ"  # SIASN's jenisMutasiId of a move of post
    anggota_baperjakat: str = ""  # the members for the Berita Acara, ';' between them
    tanggal_pelantikan_kepala_daerah: date | None = None  # UU 10/2016 Pasal 162(3): 6 months need Mendagri
    persetujuan_mendagri: str = ""  # number and date of the Mendagri's written approval, when there is one

    @field_validator("urutan_seri", mode="after")
    @classmethod
    def _tie_rules(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        """Known criteria, each once; the NIP last (added when missing) so that no two requesters tie."""
        rules = [v.strip().lower().replace(" ", "_") for v in value if v.strip()]
        unknown = [v for v in rules if v not in TIE_RULES]
        if unknown:
            raise ValueError(f"urutan_seri tidak dikenal: {', '.join(unknown)} (gunakan {', '.join(TIE_RULES)})")
        rules = list(dict.fromkeys(rules))
        return (*[r for r in rules if r != "nip"], "nip")

    @field_validator("tanggal_putaran_2", mode="after")
    @classmethod
    def _round_two_later(cls, value: date | None, info: ValidationInfo) -> date | None:
        """Round 2 comes after round 1 (an error on this field, so the readers point at its row or line)."""
        acuan = info.data.get("tanggal_acuan")
        if value is not None and acuan is not None and value <= acuan:
            raise ValueError(f"tanggal_putaran_2 {value:%d-%m-%Y} harus sesudah tanggal_acuan {acuan:%d-%m-%Y}")
        return value

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
    """R15: employee `nip` must end in post `kode_jabatan`; with `permintaan`, the wish of that Urutan granted
    (SPEC 9, wishes.serve), or 0 for a requester none of whose wishes was granted (they stay), not a scenario's
    kunci."""

    model_config = _frozen
    nip: str
    kode_jabatan: str
    permintaan: int | None = None


class Forbid(BaseModel):
    """R15: employee `nip` must not move into post `kode_jabatan`, or into any post of `unit`."""

    model_config = _frozen
    nip: str
    kode_jabatan: str | None = None
    unit: str | None = None


WISH_KINDS = ("jabatan", "nama", "unit")
"""What a wish's `Tujuan` names: one post by its Kode Jabatan, every post of a Nama Jabatan, or every post of a
Unit Kerja."""


class Wish(BaseModel):
    """One wish of an employee (SPEC 9): a row of sheet Permintaan (`rank` 1–5, a reason and its evidence), or,
    with `rank` None and no reason, one of the employee's Unit Diminati (SPEC 2.1), which counts after every
    ranked wish (`ProblemData.wish_lists`)."""

    model_config = _frozen

    nip: str
    rank: int | None = Field(default=None, ge=1, le=MAX_WISHES)
    target: str  # the Tujuan as written (or the Unit Diminati)
    kind: Literal["jabatan", "nama", "unit"]  # WISH_KINDS
    key: str  # what it names, as sheet Jabatan spells it: a Kode Jabatan, a Nama Jabatan or a Unit Kerja
    reason: str | None = None  # a reason of data/prioritas.csv (canonical); None for a Unit Diminati
    evidence: bool = False  # Bukti: the reason's evidence is attached
    family_km: float | None = Field(default=None, ge=0)  # Jarak Keluarga (km) of the row; None = not given
    row: int | None = None  # Excel row of sheet Permintaan (or line of the e-mutasi CSV), for messages

    @property
    def lookup(self) -> tuple[str, str]:
        """(kind, key) as `ProblemData.designated` indexes it: a code as written, a name or unit by `name_key`."""
        return self.kind, self.key if self.kind == "jabatan" else name_key(self.key)


TARGET_MEASURES = ("mutasi", "promosi")
"""What a distribution target counts: the plan's moves, or its promotions (R9's ladder)."""


class Target(BaseModel):
    """R27, a distribution target of a scenario (SPEC 9): of the plan's moves or promotions (`measure`), the
    employees of one group of the fairness report (`section`: Jenis Kelamin, Kelompok Usia, Golongan or Unit
    Kerja; `group`: its label there, e.g. Perempuan) get at least `minimum` and at most `maximum` percent.
    A share, not a count: a plan with none of the measure meets every target."""

    model_config = _frozen

    measure: Literal["mutasi", "promosi"]
    section: str
    group: str
    minimum: int | None = Field(default=None, ge=0, le=100)
    maximum: int | None = Field(default=None, ge=0, le=100)

    @model_validator(mode="after")
    def _bounds(self) -> Target:
        if self.minimum is None and self.maximum is None:
            raise ValueError("target sebaran perlu persen_minimal atau persen_maksimal")
        if self.minimum is not None and self.maximum is not None and self.minimum > self.maximum:
            raise ValueError("persen_minimal lebih besar dari persen_maksimal")
        return self

    @property
    def words(self) -> str:
        """'promosi: Jenis Kelamin Perempuan minimal 30 %, maksimal 60 %'."""
        bounds = [f"{label} {value} %" for label, value in (("minimal", self.minimum), ("maksimal", self.maximum))
                  if value is not None]
        return f"{self.measure}: {self.section} {self.group} {', '.join(bounds)}"


class ProblemData(BaseModel):
    """Everything the scorer and solver need, cross-checked: every employee's post exists, NIPs unique."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    employees: tuple[Employee, ...]
    positions: tuple[Position, ...]
    params: Params = Field(default_factory=Params)
    pins: tuple[Pin, ...] = ()
    forbids: tuple[Forbid, ...] = ()
    frozen_units: tuple[str, ...] = ()
    wishes: tuple[Wish, ...] = ()  # sheet Permintaan: the ranked wishes (SPEC 9); Unit Diminati stay on Employee
    closed_posts: tuple[str, ...] = ()  # posts that take no newcomer but a granted wish (SPEC 9, wishes.serve)
    replacements: tuple[tuple[str, str], ...] = ()  # (NIP, Kode Jabatan): moves kept among the candidates whatever
    # the caps — a surplus holder who may fill the seat a granted wish leaves (SPEC 9, wishes.serve, R21)
    targets: tuple[Target, ...] = ()  # R27: a scenario's distribution targets (SPEC 9)
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
        ranked: set[tuple[str, int]] = set()
        people = set(nips)
        for wish in self.wishes:
            if wish.nip not in people or not self._names_a_post(wish):
                raise ValueError(f"permintaan tidak dikenal: {wish.nip} -> {wish.target}")
            if wish.rank is None or (wish.nip, wish.rank) in ranked:
                raise ValueError(f"urutan permintaan kosong atau ganda: {wish.nip} urutan {wish.rank}")
            ranked.add((wish.nip, wish.rank))
        if set(self.closed_posts) - known:
            raise ValueError(f"jabatan ditutup tidak dikenal: {sorted(set(self.closed_posts) - known)[:5]}")
        for pin in self.pins:
            if pin.nip not in people or pin.kode_jabatan not in known:
                raise ValueError(f"kunci tidak dikenal: {pin.nip} -> {pin.kode_jabatan}")
        for nip, kode in self.replacements:
            if nip not in people or kode not in known:
                raise ValueError(f"pengganti tidak dikenal: {nip} -> {kode}")
        return self

    def _names_a_post(self, wish: Wish) -> bool:
        """The wish's key is a Kode Jabatan, Nama Jabatan or Unit Kerja of sheet Jabatan, as its kind says."""
        return bool(self.posts_of(wish))

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
    def name_keys(self) -> dict[str, str]:
        """`name_key` of every distinct Nama Jabatan and Unit Kerja (posts repeat them a lot)."""
        return {text: name_key(text) for text in {t for p in self.positions for t in (p.nama, p.unit)}}

    @cached_property
    def designated(self) -> dict[str, dict[str, tuple[int, ...]]]:
        """For the kinds "nama" and "unit", the post indices each key of a wish designates (`Wish.lookup`): one
        shared tuple per name and unit, so a big unit's thousands of posts are not copied per wish (a code names
        its one post through `position_index`)."""
        keys = self.name_keys
        out: dict[str, dict[str, list[int]]] = {"nama": {}, "unit": {}}
        for j, p in enumerate(self.positions):
            out["nama"].setdefault(keys[p.nama], []).append(j)
            out["unit"].setdefault(keys[p.unit], []).append(j)
        return {kind: {key: tuple(posts) for key, posts in by_key.items()} for kind, by_key in out.items()}

    def posts_of(self, wish: Wish) -> tuple[int, ...]:
        """The indices of the posts a wish designates (() for a key sheet Jabatan does not have)."""
        kind, key = wish.lookup
        if kind == "jabatan":
            j = self.position_index.get(key)
            return () if j is None else (j,)
        return self.designated[kind].get(key, ())

    @cached_property
    def wish_lists(self) -> list[tuple[Wish, ...]]:
        """Each employee's wishes in order of preference (SPEC 9): the ranked wishes of sheet Permintaan by
        Urutan, then each Unit Diminati naming a unit of sheet Jabatan and not already named by a ranked wish,
        unranked (rank None, no reason)."""
        ranked: dict[str, list[Wish]] = {}
        for wish in sorted(self.wishes, key=lambda w: w.rank or 0):
            ranked.setdefault(wish.nip, []).append(wish)
        unit_of = {self.name_keys[p.unit]: p.unit for p in self.positions}
        out: list[tuple[Wish, ...]] = []
        for e in self.employees:
            wishes = ranked.get(e.nip, [])
            if not wishes and not e.unit_diminati:
                out.append(())
                continue
            named = {w.lookup for w in wishes}
            extra = [Wish(nip=e.nip, target=unit, kind="unit", key=unit_of[name_key(unit)])
                     for unit in dict.fromkeys(e.unit_diminati)
                     if name_key(unit) in unit_of and ("unit", name_key(unit)) not in named]
            out.append((*wishes, *extra))
        return out

    @cached_property
    def wish_posts(self) -> list[tuple[tuple[int, ...], ...]]:
        """The post indices of each employee's wishes, parallel to `wish_lists` (shared tuples of `designated`)."""
        return [tuple(self.posts_of(w) for w in wishes) for wishes in self.wish_lists]

    def wished(self, i: int, j: int) -> int | None:
        """The position in employee i's `wish_lists` of the first wish that designates post j; None when none."""
        p = self.positions[j]
        mine = (("jabatan", p.kode), ("nama", self.name_keys[p.nama]), ("unit", self.name_keys[p.unit]))
        return next((k for k, w in enumerate(self.wish_lists[i]) if w.lookup in mine), None)

    @cached_property
    def units(self) -> list[str]:
        return sorted({p.unit for p in self.positions})

    def replace(self, **changes: object) -> ProblemData:
        """A new, re-validated ProblemData with some fields changed."""
        data = {name: getattr(self, name) for name in type(self).model_fields}
        data.update(changes)
        return ProblemData(**data)
