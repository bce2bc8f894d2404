"""`Rules`: the per-mover hard rules of SPEC 3, one method per rule code, each returning a message or None."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from penempatan.check import purposes as value
from penempatan.check.facts import HEAVY_SANCTIONS, JPT, Facts, Violation, broken
from penempatan.model import ProblemData
from penempatan.reference import Reference
from penempatan.rules import PREDIKAT_MINIMAL_PERPINDAHAN, PREDIKAT_TANPA_MUTASI


class Rules(Facts):
    """The hard rules of SPEC 3 for one ProblemData; each per-mover rule returns a message or None.

    A message restating a rule takes the rule's words from the registry (`broken`), then the facts.
    """

    def __init__(self, data: ProblemData, ref: Reference | None = None) -> None:
        super().__init__(data, ref)
        self._equal_post: dict[int, int | None] = {}

    def min_tenure(self, i: int, j: int) -> str | None:
        """R1: no move before the minimum time in post, unless the current post is abolished/over-staffed."""
        months = self.tenure_months(i)
        minimum = self.params.masa_jabatan_minimal_bulan
        if months >= minimum or self.forced_out(i):
            return None
        return broken("R1", f"{months} bulan, minimal {minimum} bulan")

    def retirement(self, i: int, j: int) -> str | None:
        """R4: no move when retirement (Tanggal Lahir + BUP of the current post) is too near."""
        months = self.retirement_months(i)
        limit = self.params.batas_pensiun_bulan
        if months is None or months >= limit:
            return None
        return broken("R4", f"pensiun dalam {months} bulan, batas {limit} bulan")

    def status(self, i: int, j: int) -> str | None:
        """R5: only the statuses in status_boleh_mutasi may move."""
        e = self.data.employees[i]
        if e.status in self.params.status_boleh_mutasi:
            return None
        return broken("R5", f"status {e.status}")

    def education(self, i: int, j: int) -> str | None:
        """R6: education at least the target post's Pendidikan Minimal."""
        e, target = self.data.employees[i], self.data.positions[j]
        if self.ref.pendidikan[e.pendidikan] >= self.ref.pendidikan[target.pendidikan_min]:
            return None
        return broken("R6", f"pendidikan {e.pendidikan}, minimal {target.pendidikan_min}")

    def golongan(self, i: int, j: int) -> str | None:
        """R7: golongan within the post's range; one step below the minimum allowed for structural posts."""
        e, target = self.data.employees[i], self.data.positions[j]
        gol = self.ref.golongan.get(e.golongan)
        if gol is not None and gol.jenis == "PPPK":
            return broken("R7", f"golongan PPPK {e.golongan} tidak dapat dimutasi ke jabatan lain")
        low, high = self.golongan_range(target)
        if low is None and high is None:
            return None
        if gol is None:
            return broken("R7", f"golongan {e.golongan} tidak dikenal")
        rank = self.ref.golongan_rank(gol.kode)
        tolerance = 1 if (self.params.toleransi_golongan and self.structural(target)) else 0
        if low is not None and rank < low - tolerance:
            return broken("R7", f"golongan {e.golongan} di bawah minimal jabatan")
        if high is not None and rank > high:
            return broken("R7", f"golongan {e.golongan} di atas maksimal jabatan")
        return None

    def field(self, i: int, j: int) -> str | None:
        """R8 (bidang_wajib): a post with fields (its Bidang plus its JF family's accepted fields) needs the
        employee's programme, or a training, in one of them."""
        e = self.data.employees[i]
        fields = self.ref.post_fields(self.data.positions[j].bidang, self.families[j])
        if not self.params.bidang_wajib or not fields:
            return None
        if e.bidang in fields or fields & set(e.pelatihan):
            return None
        return broken("R8", f"bidang pendidikan {e.bidang or 'tidak diketahui'}, tanpa pelatihan di bidang "
                            f"jabatan {self.ref.bidang_label(fields)}")

    def promotion(self, i: int, j: int) -> str | None:
        """R9: a promotion only from kotak_promosi and at most one tingkat up; a higher jenjang inside one
        JF family only when Siap Naik Jenjang."""
        e, now, target = self.data.employees[i], self.current(i), self.data.positions[j]
        problems = []
        t_now, t_target = self.tingkat(now), self.tingkat(target)
        if t_target > t_now + 1:
            problems.append(f"naik lebih dari satu tingkat ({t_now} ke {t_target})")
        if self.is_promotion(i, j) and e.kotak not in self.params.kotak_promosi:
            problems.append(f"kotak talenta {e.kotak}, promosi untuk kotak {list(self.params.kotak_promosi)}")
        family_now, family_target = self.families[self.data.current_post[i]], self.families[j]
        if (family_now is not None and family_target is not None and family_now.nama == family_target.nama
                and now.jenjang and target.jenjang and not e.siap_naik_jenjang
                and self.ref.jenjang_urutan(target.jenjang) > self.ref.jenjang_urutan(now.jenjang)):
            problems.append(f"naik jenjang {family_now.nama} {now.jenjang} ke {target.jenjang} "
                            "tanpa Siap Naik Jenjang = Ya")
        return broken("R9", "; ".join(problems)) if problems else None

    def sanction(self, i: int, j: int) -> str | None:
        """R10: active Sedang/Berat sanction: no promotion; active Berat: no managerial target."""
        e = self.data.employees[i]
        if not self.sanction_active(e):
            return None
        if e.hukuman in HEAVY_SANCTIONS and self.is_promotion(i, j):
            return broken("R10", f"hukuman {e.hukuman} masih berlaku, tidak boleh promosi")
        if e.hukuman == "Berat" and self.managerial(self.data.positions[j]):
            return broken("R10", "hukuman Berat masih berlaku, tidak boleh ke jabatan manajerial")
        return None

    def scenario(self, i: int, j: int) -> str | None:
        """R15: no move out of or into a frozen unit, nor into a forbidden post or unit."""
        e, target = self.data.employees[i], self.data.positions[j]
        if self.current(i).unit in self.frozen:
            return broken("R15", f"unit asal {self.current(i).unit} dibekukan")
        if target.unit in self.frozen:
            return broken("R15", f"unit tujuan {target.unit} dibekukan")
        if (e.nip, target.kode) in self.forbidden_posts:
            return broken("R15", f"dilarang ke jabatan {target.kode}")
        if (e.nip, target.unit) in self.forbidden_units:
            return broken("R15", f"dilarang ke unit {target.unit}")
        return None

    def unwilling(self, i: int, j: int) -> str | None:
        """R16: someone unwilling moves only out of a surplus/abolished post or into an empty must-fill seat."""
        target = self.data.positions[j]
        if self.data.employees[i].bersedia_mutasi or self.forced_out(i):
            return None
        if target.wajib_diisi and self.vacancy_before(j):
            return None
        return broken("R16", "bukan dari jabatan yang kelebihan pegawai dan bukan ke kursi kosong jabatan "
                             "wajib diisi")

    def pilkada(self, i: int, j: int) -> str | None:
        """R17: inside the Pilkada window no move out of or into a managerial post."""
        p = self.params
        if p.larangan_mulai is None:
            return None
        if not p.larangan_mulai <= p.tanggal_acuan <= (p.larangan_selesai or date.max):
            return None
        if self.managerial(self.current(i)):
            return broken("R17", "mutasi dari jabatan manajerial")
        if self.managerial(self.data.positions[j]):
            return broken("R17", "mutasi ke jabatan manajerial")
        return None

    def jf_family(self, i: int, j: int) -> str | None:
        """R18: a move into a JF post needs that family's qualification (field and track education)."""
        family = self.families[j]
        if family is None:
            return None
        e, target = self.data.employees[i], self.data.positions[j]
        return self.jf_qualification(e, target, family, self.families[self.data.current_post[i]])

    def demotion(self, i: int, j: int) -> str | None:
        """R19 (boleh_turun_kelas off): no lower kelas or tingkat, except for someone forced out of their
        post for whom no equal post exists."""
        if self.params.boleh_turun_kelas or not self.is_demotion(i, j):
            return None
        now, target = self.current(i), self.data.positions[j]
        what = (f"kelas jabatan {now.kelas} ke {target.kelas}" if target.kelas < now.kelas
                else f"tingkat {self.tingkat(now)} ke {self.tingkat(target)}")
        if not self.forced_out(i):
            return broken("R19", what)
        equal = self.equal_post(i)
        if equal is None:
            return None
        return broken("R19", f"{what}, padahal jabatan setara {self.data.positions[equal].kode} terbuka dan "
                             "memenuhi syarat")

    def jpt(self, i: int, j: int) -> str | None:
        """R20 (isi_jpt off): nobody is placed into a JPT Pratama post and no JPT Pratama holder moves."""
        if self.params.isi_jpt:
            return None
        if self.current(i).jenis == JPT:
            return broken("R20", "pemangku JPT Pratama tidak dimutasi")
        if self.data.positions[j].jenis == JPT:
            return broken("R20", "bukan lewat mutasi")
        return None

    def perpindahan(self, i: int, j: int) -> str | None:
        """R22: a move into a JF from another family or jabatan (PermenPANRB 1/2023): a family entered only by
        selection takes nobody; else age within the jenjang's limit, predikat at least Baik, the family's
        licence, and the family's months of experience in a post whose work's fields (its family's, else its
        Bidang) meet the family's (in a post with no field: the employee's own programme in them)."""
        family, now = self.families[j], self.families[self.data.current_post[i]]
        if family is None or (now is not None and now.nama == family.nama):
            return None
        if family.seleksi:
            return broken("R22", f"{family.nama} hanya diisi lewat seleksi")
        e, target, here = self.data.employees[i], self.data.positions[j], self.current(i)
        problems = []
        age, limit = self.age_years(i), self.ref.perpindahan_age(target.jenjang)
        if age is not None and limit is not None and age > limit:
            problems.append(f"usia {age} tahun, batas {limit} tahun untuk {target.jenjang}")
        if self.ref.kinerja_rank(e.kinerja) < self.ref.kinerja_rank(PREDIKAT_MINIMAL_PERPINDAHAN):
            problems.append(f"predikat kinerja {e.kinerja}, minimal {PREDIKAT_MINIMAL_PERPINDAHAN}")
        if not family.holds_licence(e.sertifikat):
            problems.append(f"belum memiliki {family.lisensi}")
        here_fields = self.ref.score_fields(here.bidang, now)
        related = (not family.bidang or bool(here_fields & family.bidang)
                   or (not here_fields and e.bidang in family.bidang))
        months = self.tenure_months(i)
        if not related or months < family.pengalaman_bulan:
            problems.append(f"pengalaman di bidang {family.nama} kurang dari {family.pengalaman_bulan} bulan")
        return broken("R22", "; ".join(problems)) if problems else None

    def people_gate(self, i: int, j: int) -> str | None:
        """R23: kotak talenta in kotak_tanpa_mutasi, predikat Kurang or Sangat Kurang, or an active hukuman
        disiplin: no move unless out of a surplus or abolished post."""
        e = self.data.employees[i]
        if self.forced_out(i):
            return None
        if e.kotak is not None and e.kotak in self.params.kotak_tanpa_mutasi:
            return broken("R23", f"kotak talenta {e.kotak}")
        if e.kinerja in PREDIKAT_TANPA_MUTASI:
            return broken("R23", f"predikat kinerja {e.kinerja}")
        if self.sanction_active(e):
            return broken("R23", f"hukuman disiplin {e.hukuman} masih berlaku")
        return None

    def near_retirement(self, i: int, j: int) -> str | None:
        """R24: no move within tanpa_mutasi_sebelum_bup months of BUP (of the current post's family and jenjang)
        unless the employee asked (Unit Diminati, or this post is their granted wish) or the current post is
        abolished."""
        months = self.retirement_months(i)
        limit = self.params.tanpa_mutasi_sebelum_bup
        if months is None or months >= limit:
            return None
        if self.data.employees[i].unit_diminati or self.current(i).kebutuhan == 0 or self.granted.get(i) == j:
            return None
        return broken("R24", f"pensiun (BUP {self.bup(i)}) dalam {months} bulan, batas {limit} bulan")

    @property
    def pair_rules(self) -> dict[str, Callable[[int, int], str | None]]:
        """Every per-mover rule by code, in code order."""
        return {"R1": self.min_tenure, "R4": self.retirement, "R5": self.status, "R6": self.education,
                "R7": self.golongan, "R8": self.field, "R9": self.promotion, "R10": self.sanction,
                "R15": self.scenario, "R16": self.unwilling, "R17": self.pilkada, "R18": self.jf_family,
                "R19": self.demotion, "R20": self.jpt, "R22": self.perpindahan, "R23": self.people_gate,
                "R24": self.near_retirement}

    def equal_post(self, i: int) -> int | None:
        """R19 exception: an "equal post" for employee i, or None. An equal post is open (holders before ≤
        Kebutuhan, at least one seat, unit not frozen, not closed for a refused wish, SPEC 9), not the current
        post, of at least the current kelas and tingkat, and passes every other pair rule (R1 … R20 except R19)
        for i. The purpose rule needs no test here: only someone forced out asks, and for them `kelebihan` is
        always a purpose."""
        if i not in self._equal_post:
            cur = self.data.current_post[i]
            now = self.data.positions[cur]
            rules = {code: rule for code, rule in self.pair_rules.items() if code != "R19"}
            found = None
            for k, post in enumerate(self.data.positions):
                if (k == cur or post.kebutuhan == 0 or self.over_staffed(k) or post.unit in self.frozen
                        or post.kode in self.closed or post.kelas < now.kelas
                        or self.tingkat(post) < self.tingkat(now)):
                    continue
                if all(rule(i, k) is None for rule in rules.values()):
                    found = k
                    break
            self._equal_post[i] = found
        return self._equal_post[i]

    def move_violations(self, i: int, j: int) -> list[Violation]:
        """Every per-mover rule broken by employee i moving from their current post to post j."""
        nip, kode = self.data.employees[i].nip, self.data.positions[j].kode
        out = []
        for code, rule in self.pair_rules.items():
            message = rule(i, j)
            if message is not None:
                out.append(Violation(code, nip, kode, message))
        return out

    # --- purposes and value of a move (SPEC 4), in check/purposes.py -----------------------------------
    def purposes(self, i: int, j: int, fit_move: int | None = None, fit_stay: int | None = None) -> list[str]:
        """The purposes of moving employee i to post j (SPEC 4 a–f, in that order)."""
        return value.purposes(self, i, j, fit_move, fit_stay)

    def nilai(self, i: int, j: int, fit: int, fit_stay: int | None = None) -> int:
        """The objective coefficient of employee i ending in post j whose fit is `fit` (SPEC 4)."""
        return value.nilai(self, i, j, fit, fit_stay)

    def purpose_violation(self, i: int, j: int, fit_move: int, fit_stay: int) -> str | None:
        """SPEC 4: a move has a purpose, and lowers the fit only for `kelebihan` or a must-fill vacancy."""
        return value.purpose_violation(self, i, j, fit_move, fit_stay)
