"""The peta jabatan of the demo pemda: its units' posts with Kebutuhan, holders, vacancies and must-fill seats.

The shape follows a kabupaten's peta jabatan (SPEC 2.4): OPD with JPT Pratama, Administrator and Pengawas
posts; one Fungsional post per family, jenjang (Guru: subject) and place, with the school or puskesmas in
its name ("Guru Matematika Ahli Muda SMPN 2 Alak Barat", "Perawat Ahli Pertama Puskesmas Batu Lamo");
pooled Pelaksana posts; one Kelas Jabatan per jenis / jenjang, so equal-kelas moves exist within a family.
Finance posts carry Bidang ekonomi_akuntansi, legal posts hukum, IT posts ti; generic administrative posts
none. About 6.5 % of the seats are empty (mostly health, teachers and technical posts), with empty JPT
seats, must-fill posts, over-staffed pools, schools with surplus teachers and abolished posts.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np

from penempatan.demo.draw import Pick, split
from penempatan.demo.families import FAMILIES, HEALTH_SHORT, JENJANG_PICK, SKILL, Family
from penempatan.demo.units import (
    ABOLISHED,
    BENDAHARA,
    GENERIC_POOLS,
    PEL_BY_NAME,
    PLACES,
    PUSKESMAS,
    SD,
    SMP,
    UNITS,
    Unit,
)

# Kelas Jabatan: one value per jenis / jenjang, as in a pemda's peta jabatan, so equal-kelas moves exist.
_KELAS = {"JPT Pratama": 14, "Administrator": 12, "Pengawas": 9, "Terampil": 6, "Mahir": 7, "Penyelia": 8,
          "Ahli Pertama": 8, "Ahli Muda": 9, "Ahli Madya": 11, "Ahli Utama": 13}
_KELAS_SEKCAM = 11
# JPT posts have no field, except where the law asks for a profession: a hospital is led by a doctor.
_JPT_FIELDS = {"Direktur Rumah Sakit Umum Daerah Alak": "kedokteran"}
# Competence standards (manajerial, sosial kultural, teknis) of fungsional posts by jenjang.
_STANDAR_JF = {"Terampil": (1, 1, 2), "Mahir": (1, 2, 3), "Penyelia": (2, 2, 3),
               "Ahli Pertama": (1, 1, 2), "Ahli Muda": (2, 2, 3), "Ahli Madya": (3, 3, 4)}

# --- post names and fields --------------------------------------------------------------------------------

_FINANCE_WORDS = frozenset({"keuangan", "bendahara", "anggaran", "perbendaharaan", "akuntansi", "aset"})
_LEGAL_WORDS = frozenset({"hukum", "perundang-undangan"})
_IT_WORDS = frozenset({"informatika", "komputer"})
_RISKY_WORDS = frozenset({"keuangan", "perizinan", "pendapatan", "penagihan", "anggaran", "aset",
                          "perbendaharaan", "bendahara", "pajak", "retribusi"})
_RISKY_PHRASES = ("pengadaan barang", "layanan pengadaan", "penanaman modal")  # not "pengadaan" of ASN


def _name_words(name: str) -> set[str]:
    return set(re.findall(r"[a-z]+(?:-[a-z]+)*", name.lower()))


@cache
def _name_rules(name: str, jenis: str) -> tuple[str | None, bool]:
    """(field, high risk) a post name implies: finance, legal and IT posts carry their field.

    JPT posts have neither: their name holds the unit's name ("Kepala Badan Pengelolaan Keuangan …"), not
    a finance post's field or risk.
    """
    if jenis == "JPT Pratama":
        return None, False
    words = _name_words(name)
    risky = bool(words & _RISKY_WORDS) or any(phrase in name.lower() for phrase in _RISKY_PHRASES)
    if words & _FINANCE_WORDS:
        return "ekonomi_akuntansi", risky
    if words & _LEGAL_WORDS:
        return "hukum", risky
    if words & _IT_WORDS:
        return "ti", risky
    return None, risky


@dataclass
class Post:
    """A post while the organisation is built (mutable; becomes a Position at the end)."""

    unit: Unit
    nama: str
    jenis: str
    kelas: int
    kebutuhan: int
    pendidikan_min: str
    bidang: str | None
    jenjang: str | None = None
    family: Family | None = None
    subject: str | None = None  # Guru subject
    standar: tuple[int, int, int] | None = None
    risiko: bool = False
    wajib: bool = False
    holders: int = 0
    special: str = ""  # "abolished", "over" or "jpt": kept out of the vacancy draw
    kode: str = ""
    short: float = 1.0  # vacancy weight


def _n_units(n: int) -> int:
    """25 units at 600 employees, 8 at 50, 40 from about 6,000 on."""
    k = round(8 + 17 * math.log10(n / 50) / math.log10(12))
    return max(8, min(len(UNITS), k, int(1.05 * n / 6.5)))


def _budgets(n_seats: int, units: Sequence[Unit]) -> list[int]:
    """Seats per unit: a minimum structure each, the rest by weight (largest remainder, deterministic)."""
    base = 6
    return [base + k for k in split(n_seats - base * len(units), [u.weight for u in units])]


def _roman(k: int) -> str:
    return ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")[k - 1] if k <= 10 else str(k)


class _Builder:
    """Adds the posts of one unit, or of one school or puskesmas (`where`, added to each post's name)."""

    def __init__(self, unit: Unit, rng: np.random.Generator, where: str = "") -> None:
        self.unit = unit
        self.rng = rng
        self.where = where
        self.posts: list[Post] = []
        self.names: dict[str, Post] = {}

    def add(self, post: Post) -> None:
        base = post.nama
        if self.where:
            post.nama = f"{base} {self.where}"
        key = post.nama.lower()
        if key in self.names:  # the same post again: one more seat
            self.names[key].kebutuhan += post.kebutuhan
            return
        if post.family is None:
            named_field, risky = _name_rules(base, post.jenis)
            post.bidang = named_field or post.bidang
            post.risiko = post.risiko or risky
        self.names[key] = post
        self.posts.append(post)

    def structural(self, jenis: str, name: str, bidang: str | None) -> None:
        r = self.rng.random(4).tolist()
        if jenis == "JPT Pratama":
            self.add(Post(self.unit, name, jenis, _KELAS[jenis], 1, "S-2" if r[0] < 0.3 else "S-1", bidang,
                          standar=(4, 4, 4)))
        elif jenis == "Administrator":
            kelas = _KELAS_SEKCAM if name.startswith("Sekretaris Kecamatan") else _KELAS[jenis]
            self.add(Post(self.unit, name, jenis, kelas, 1, "S-1", bidang, standar=(3, 3, 3 + int(r[1] < 0.3))))
        else:
            self.add(Post(self.unit, name, jenis, _KELAS[jenis], 1, "D-III" if r[0] < 0.25 else "S-1", bidang,
                          standar=(2 + int(r[1] < 0.5), 2 + int(r[2] < 0.4), 2 + int(r[3] < 0.6))))

    def fungsional(self, fam: Family, seats: int, subject: str | None = None) -> None:
        """`seats` seats of one family, one post per jenjang drawn: 'Perawat Ahli Pertama', 'Guru Kelas Ahli Muda'."""
        pick = JENJANG_PICK[fam.nama]
        drawn: dict[str, int] = {}
        for u in self.rng.random(seats).tolist():
            jj = pick(u)
            drawn[jj] = drawn.get(jj, 0) + 1
        title = f"Guru {subject}" if subject else fam.nama
        for jenjang, _ in fam.jenjang:
            if jenjang not in drawn:
                continue
            pend = fam.min_skill if jenjang in SKILL else "Profesi" if fam.profesi else fam.min_ahli
            self.add(Post(self.unit, f"{title} {jenjang}", "Fungsional", _KELAS[jenjang], drawn[jenjang], pend,
                          fam.post_field, jenjang, fam, subject, standar=_STANDAR_JF[jenjang], risiko=fam.risiko,
                          short=fam.short))

    def pelaksana(self, pool: tuple[str, int, str, str | None, float], seats: int) -> None:
        name, kelas, pend, bidang, _ = pool
        self.add(Post(self.unit, name, "Pelaksana", kelas, seats, pend, bidang, short=0.3))


def _unit_posts(u: Unit, seats: int, rng: np.random.Generator) -> list[Post]:
    """The peta jabatan of one unit with exactly `seats` seats."""
    b = _Builder(u, rng)
    n_jpt = 0 if u.kecamatan else min(len(u.jpt), 1 + seats // 50)
    n_admin = min(len(u.admins), max(1 + (seats >= 12), round(seats * 0.05)))
    n_peng = min(len(u.pengawas), max(1 + (seats >= 12), round(seats * 0.1)))
    rest = seats - n_jpt - n_admin - n_peng
    while rest < 3 and n_peng > 1:
        n_peng, rest = n_peng - 1, rest + 1
    for name in u.jpt[:n_jpt]:
        b.structural("JPT Pratama", name, _JPT_FIELDS.get(name))
    for name, bidang in u.admins[:n_admin]:
        b.structural("Administrator", name, bidang)
    for name, bidang in u.pengawas[:n_peng]:
        b.structural("Pengawas", name, bidang)
    site_seats = round(rest * u.site_share) if u.sites else 0
    rest -= site_seats
    n_fung = max(0, min(rest - 2, round(rest * u.fungsional))) if u.jf else 0
    if rest >= 3 and u.jf:
        n_fung = max(1, n_fung)
    n_pel = rest - n_fung
    fam_pick = Pick(u.jf) if u.jf else None
    if fam_pick is not None and n_fung:
        for fam_name, k in sorted(Counter(fam_pick(x) for x in rng.random(n_fung).tolist()).items()):
            b.fungsional(FAMILIES[fam_name], k)
    if n_pel:
        _pools(b, n_pel)
    if site_seats:
        _sites(b, site_seats)
    return b.posts


def _pools(b: _Builder, seats: int) -> None:
    """Pelaksana seats: a bendahara when there are three or more, the rest among the unit's and generic pools."""
    if seats >= 3:
        b.pelaksana(BENDAHARA, 1)
        seats -= 1
    pools = (*b.unit.pools, *GENERIC_POOLS)
    pick = Pick([(p, p[4]) for p in pools])
    drawn = Counter(pick(x)[0] for x in b.rng.random(seats).tolist())
    for pool in pools:
        if drawn[pool[0]]:
            b.pelaksana(pool, drawn[pool[0]])


def _sites(b: _Builder, seats: int) -> None:
    """Schools or puskesmas of the dinas until `seats` are used, each named in its posts.

    They stay posts of the dinas, not units of their own: a unit per school (about 1,900 at 50,000
    employees) multiplies the per-unit coupling rules (R13, R21) the solver has to price.
    """
    k = 0
    left = seats
    while left > 0:
        if b.unit.sites == "puskesmas":
            template = PUSKESMAS
            place = PLACES[k % len(PLACES)]
            rnd = k // len(PLACES)
            where = f"Puskesmas {place}" + (f" {_roman(rnd + 1)}" if rnd else "")
        else:
            smp = k % 5 == 4
            template = SMP if smp else SD
            i = k // 5 if smp else k - k // 5
            where = f"{'SMPN' if smp else 'SDN'} {i // len(PLACES) + 1} {PLACES[i % len(PLACES)]}"
        sb = _Builder(b.unit, b.rng, where)
        size = round(sum(w for _, _, w in template))
        size = left if left - size < size // 3 else min(size, left)
        for (kind, what, _), count in zip(template, split(size, [w for _, _, w in template]), strict=True):
            if not count:
                continue
            if kind == "jf":
                sb.fungsional(FAMILIES[what], count)
            elif kind == "guru":
                sb.fungsional(FAMILIES["Guru"], count, subject=what)
            elif kind == "pengawas":  # one seat: the template never gives it more
                sb.structural("Pengawas", what, None)
            else:
                sb.pelaksana(PEL_BY_NAME[what], count)
        b.posts.extend(sb.posts)
        left -= size
        k += 1


def organisation(n: int, rng: np.random.Generator) -> tuple[list[Unit], list[Post]]:
    """Units and posts with their Kebutuhan, current number of holders (summing to n) and Kode Jabatan."""
    units = list(UNITS[: _n_units(n)])
    n_seats = math.ceil(1.058 * n)
    posts: list[Post] = []
    for unit, seats in zip(units, _budgets(n_seats, units), strict=True):
        posts.extend(_unit_posts(unit, seats, rng))
    for p in posts:
        p.holders = p.kebutuhan
    _abolished(posts, units, n, rng)
    _overstaffed(posts, n, rng)
    _vacancies(posts, n, rng)
    _must_fill(posts, n, rng)
    counter: Counter[str] = Counter()
    for p in posts:
        counter[p.unit.kode] += 1
        p.kode = f"{p.unit.kode}.{counter[p.unit.kode]:04d}"
    return units, posts


def _abolished(posts: list[Post], units: list[Unit], n: int, rng: np.random.Generator) -> None:
    """Abolished posts (old pelaksana names, Kebutuhan 0), still held by one to three people."""
    taken = {(p.unit.kode, p.nama) for p in posts}
    office = [u for u in units if not u.sites]
    n_abolished = min(max(1, round(n / 400)), len(office) * len(ABOLISHED))
    pairs = [(u, name) for name in ABOLISHED for u in office if (u.kode, name) not in taken]
    for k in sorted(rng.choice(len(pairs), size=min(n_abolished, len(pairs)), replace=False).tolist()):
        unit, name = pairs[k]
        holders = 1 if n < 400 else int(rng.integers(1, 4))
        posts.append(Post(unit, name, "Pelaksana", 5, 0, "SLTA", None, holders=holders, special="abolished"))


def _overstaffed(posts: list[Post], n: int, rng: np.random.Generator) -> None:
    """Pelaksana pools with more holders than Kebutuhan, and surplus teachers at a few schools (the uneven
    spread of guru that pemerataan fixes)."""
    pools = [j for j, p in enumerate(posts) if p.jenis == "Pelaksana" and p.kebutuhan >= 2 and not p.special]
    if not pools:  # the smallest pemda: any single-seat pelaksana post
        pools = [j for j, p in enumerate(posts) if p.jenis == "Pelaksana" and p.kebutuhan >= 1 and not p.special]
    n_over = max(2, round(n / 300))
    for j in sorted(rng.choice(len(pools), size=min(n_over, len(pools)), replace=False).tolist()):
        p = posts[pools[j]]
        p.holders += int(rng.integers(1, 4)) if p.kebutuhan >= 5 and n >= 400 else 1
        p.special = "over"
    guru = [j for j, p in enumerate(posts) if p.family is not None and p.family.nama == "Guru" and not p.special]
    for j in sorted(rng.choice(len(guru), size=min(len(guru), max(1, round(n / 500))), replace=False).tolist()):
        posts[guru[j]].holders += 1
        posts[guru[j]].special = "over"


def _vacancies(posts: list[Post], n: int, rng: np.random.Generator) -> None:
    """Empty seats until the holders sum to n: a few JPT seats (the selection committee's work, R20), then
    seats drawn where pemda are short."""
    surplus = sum(p.holders for p in posts) - n
    jpt = [j for j, p in enumerate(posts) if p.jenis == "JPT Pratama"]
    n_jpt_empty = min(surplus, max(1, round(0.12 * len(jpt))), len(jpt))
    for j in rng.choice(len(jpt), size=n_jpt_empty, replace=False).tolist():
        posts[jpt[j]].holders = 0
        posts[jpt[j]].special = "jpt"
    surplus -= n_jpt_empty
    free = [j for j, p in enumerate(posts) if not p.special and p.jenis != "JPT Pratama"]
    weight = {"Administrator": 1.5, "Pengawas": 1.2}
    seat_post = np.repeat(np.array(free), [posts[j].holders for j in free])
    w_post = np.array([weight.get(p.jenis, p.short) for p in posts])
    keys = np.log(1.0 - rng.random(len(seat_post))) / w_post[seat_post]
    take = np.argsort(-keys, kind="stable")[:surplus]  # Efraimidis–Spirakis weighted draw of seats
    for j, k in zip(*np.unique(seat_post[take], return_counts=True), strict=True):
        posts[int(j)].holders -= int(k)


def _must_fill(posts: list[Post], n: int, rng: np.random.Generator) -> None:
    """Must-fill posts (R12): vacant health, teacher and finance posts first."""
    vacant = [p for p in posts if p.holders < p.kebutuhan and p.jenis != "JPT Pratama"]
    if vacant:
        w = np.array([3.0 if p.short >= HEALTH_SHORT or p.bidang == "ekonomi_akuntansi" else
                      2.0 if p.jenis == "Administrator" else 0.5 for p in vacant])
        n_wajib = min(len(vacant), max(2, round(n / 200)))
        keys = np.log(1.0 - rng.random(len(vacant))) / w
        for k in np.argsort(-keys, kind="stable")[:n_wajib].tolist():
            vacant[k].wajib = True
