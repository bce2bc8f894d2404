"""The rule registry: one `Rule` per code R1–R26 of SPEC 3 and R27 (a scenario's distribution targets, SPEC 9),
with its wording, legal source and parameter.

Every other module takes a rule's words from here (reasons in the plan workbook, explanations, scenario
errors, the checker's messages), so a rule is worded once and its legal source written once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from penempatan.parameters import param_label


@dataclass(frozen=True)
class Rule:
    """One rule of SPEC 3: `text` says what it forbids or asks, `source` where the law says so."""

    code: str
    text: str
    source: str = ""
    param: str | None = None
    kind: str = "wajib"  # wajib (hard), lunak (soft), prioritas (lexicographic priority)

    @property
    def cited(self) -> str:
        """The wording with its source in brackets, as reasons and messages show it."""
        return f"{self.text} ({self.source})" if self.source else self.text

    @property
    def label(self) -> str:
        """'R1: wording (source)'."""
        return f"{self.code}: {self.cited}"


BKN_5_2019 = "Peraturan BKN 5/2019"
PP_11_2017 = "PP 11/2017"
PP_94_2021 = "PP 94/2021"

_RULES = (
    Rule("R1", "masa jabatan kurang dari minimal", BKN_5_2019, "masa_jabatan_minimal_bulan"),
    Rule("R2", "masa jabatan mencapai batas maksimal", BKN_5_2019,
         "masa_jabatan_maksimal_bulan", "lunak"),
    Rule("R3", "jabatan berisiko tinggi dirotasi lebih cepat", BKN_5_2019, "masa_risiko_tinggi_bulan", "lunak"),
    Rule("R4", "mendekati batas usia pensiun", f"UU 20/2023 Pasal 55; {PP_11_2017} Pasal 239",
         "batas_pensiun_bulan"),
    Rule("R5", "status kepegawaian tidak boleh dimutasi", "", "status_boleh_mutasi"),
    Rule("R6", "pendidikan di bawah syarat minimal jabatan", PP_11_2017),
    Rule("R7", "golongan di luar rentang jabatan", "PP 100/2000 jo PP 13/2002", "toleransi_golongan"),
    Rule("R8", "bidang pendidikan/pelatihan tidak sesuai bidang jabatan", PP_11_2017, "bidang_wajib"),
    Rule("R9", "promosi hanya untuk kotak talenta 7–9, paling banyak satu tingkat, dan kenaikan jenjang "
         "fungsional hanya bila siap naik jenjang", "PermenPANRB 3/2020; PermenPANRB 1/2023", "kotak_promosi"),
    Rule("R10", "sedang menjalani hukuman disiplin", PP_94_2021),
    Rule("R11", "jumlah pemangku melebihi kebutuhan jabatan (ABK)", "", None, "prioritas"),
    Rule("R12", "jabatan wajib diisi", "", None, "prioritas"),
    Rule("R13", "batas pegawai keluar dari satu unit", "", "maks_keluar_unit_persen"),
    Rule("R14", "batas jumlah mutasi dalam satu putaran", "", "maks_mutasi"),
    Rule("R15", "dikunci, dilarang atau unit dibekukan oleh skenario", "", None),
    Rule("R16", "pegawai tidak bersedia dimutasi; dipindah hanya bila tujuan mutasi mengharuskan", "",
         "biaya_tidak_bersedia", "lunak"),
    Rule("R17", "masa larangan mutasi jabatan manajerial menjelang Pilkada", "UU 10/2016 Pasal 71 dan 162",
         "larangan_mulai"),
    Rule("R18", "tidak memenuhi kualifikasi jabatan fungsional", "PermenPANRB 1/2023"),
    Rule("R19", "tidak boleh turun kelas atau tingkat jabatan (penurunan jabatan adalah hukuman disiplin)",
         PP_94_2021, "boleh_turun_kelas"),
    Rule("R20", "JPT Pratama diisi melalui seleksi terbuka atau talent pool", "UU 20/2023; PermenPANRB 15/2019",
         "isi_jpt"),
    Rule("R21", "unit dan lokasi (sekolah, puskesmas) tidak boleh berakhir dengan kursi kosong lebih banyak dari "
         "sekarang, dan profesi langka (guru, tiap profesi kesehatan) di satu unit tidak boleh kehilangan kursi "
         "terisi", "", "kekurangan_unit_boleh_naik"),
    Rule("R22", "perpindahan ke jabatan fungsional lain belum memenuhi syarat (usia, predikat kinerja minimal Baik, "
         "lisensi, pengalaman, atau hanya lewat seleksi)", "PermenPANRB 1/2023"),
    Rule("R23", "kotak talenta 1, predikat kinerja Kurang atau hukuman disiplin aktif: tidak dipindah kecuali dari "
         "jabatan yang kelebihan pegawai atau dihapus", "PermenPANRB 3/2020; PP 94/2021", "kotak_tanpa_mutasi"),
    Rule("R24", "mendekati batas usia pensiun: tidak dipindah kecuali atas permintaan sendiri atau jabatannya "
         "dihapus", f"{PP_11_2017} Pasal 239", "tanpa_mutasi_sebelum_bup"),
    Rule("R25", "calon JPT dan jabatan lewat seleksi: satu daftar per kursi, tanpa pemangku JPT yang belum 2 tahun "
         "dan tanpa pegawai yang sudah dipindah dalam rencana", "UU 5/2014 Pasal 116; UU 20/2023", "jumlah_calon",
         "keluaran"),
    Rule("R26", "rotasi jatuh tempo hanya untuk jabatan struktural dan berisiko tinggi; pejabat fungsional berotasi "
         "di dalam rumpunnya", BKN_5_2019, None, "tujuan"),
    Rule("R27", "target sebaran mutasi atau promosi per kelompok pegawai yang ditetapkan skenario",
         "kebijakan PPK; UU 20/2023 (sistem merit, tanpa diskriminasi)", None),
)

PREDIKAT_MINIMAL_PERPINDAHAN = "Baik"
"""R22: the lowest predikat kinerja for a perpindahan into a JF (PermenPANRB 1/2023)."""
PREDIKAT_TANPA_MUTASI = ("Kurang", "Sangat Kurang")
"""R23: predikat kinerja that keep someone from a discretionary move."""

RULES: dict[str, Rule] = {r.code: r for r in _RULES}
"""Every rule by code, R1 … R27."""

LEGEND_COLUMNS = ("Kode", "Aturan", "Dasar Hukum", "Parameter")
"""The legend of the rule codes, on every page that shows them (sheet `Kode Aturan`, the report's legend)."""


def legend_rows(codes: Iterable[str] | None = None, *, keys: bool = True) -> list[list[str]]:
    """Every rule code (or only `codes`, in registry order) with its wording, its legal source and its parameter:
    label and key (the workbooks, beside the Parameter sheet's keys), or the label alone (`keys=False`: the web
    app's and the HTML reports' legends, read by the committee)."""
    wanted = None if codes is None else set(codes)
    return [[r.code, r.text, r.source, _param_shown(r.param, keys)]
            for r in _RULES if wanted is None or r.code in wanted]


def _param_shown(param: str | None, key: bool) -> str:
    if param is None:
        return ""
    return f"{param_label(param)} ({param})" if key else param_label(param)


_CODE = re.compile(r"\bR(\d{1,2})\b")


def codes_in(texts: Iterable[object]) -> list[str]:
    """The rule codes ('R1' …) a text cites, of every text in `texts`, in registry order (what a legend under a
    table lists)."""
    found = {f"R{m[1]}" for t in texts if isinstance(t, str) for m in _CODE.finditer(t)}
    return [r.code for r in _RULES if r.code in found]


PURPOSE_LABELS = {
    "kebutuhan": "mengisi kebutuhan",
    "rotasi": "rotasi jatuh tempo",
    "promosi": "promosi",
    "kesesuaian": "kesesuaian lebih baik",
    "kelebihan": "kelebihan pegawai",
    "permintaan": "permintaan pegawai",
}
"""The purposes of a move (SPEC 4 a–f), in that order, in the planner's words."""

FLAG_LABELS = {
    "tidak_bersedia": "tidak bersedia",
    "dekat_bup": "dekat BUP",
    "turun_kelas": "turun kelas",
    "kesesuaian_turun": "kesesuaian turun",
    "kursi_jpt": "kursi JPT",
}
"""The flags of a move for the committee (`Perhatian`), in the planner's words."""


def rule(code: str) -> Rule:
    """The registry entry of `code` ('R1' …); KeyError for an unknown code."""
    return RULES[code]


def cited(code: str) -> str:
    """A rule's wording with its source, e.g. for 'R1': 'masa jabatan kurang dari minimal (Peraturan BKN 5/2019)'."""
    return RULES[code].cited
