"""`Reference`: the loaded tables and every lookup on them (golongan, pendidikan, kinerja, kotak talenta,
rumpun, jabatan); spellings from BKPSDM and SIASN spreadsheets are normalised to one canonical code."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from penempatan.reference.rows import (
    UMUM,
    Alasan,
    Golongan,
    JabatanFungsional,
    JenisJabatan,
    Keywords,
    Kinerja,
    KotakTalenta,
    Pelatihan,
    Words,
    find_words,
    words,
)
from penempatan.text import code_key

_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
_LETTERS = "abcde"


@dataclass(frozen=True)
class Reference:
    golongan: dict[str, Golongan]
    pendidikan: dict[str, int]
    pendidikan_alias: dict[str, str]
    jenis_jabatan: dict[tuple[str, str | None], JenisJabatan]
    rumpun: tuple[tuple[Words, str], ...]  # (keyword, field) of rumpun.csv
    kinerja: tuple[Kinerja, ...]
    kinerja_alias: dict[str, str]
    jabatan_fungsional: dict[str, JabatanFungsional]  # by canonical nama, in file order
    bidang_jabatan: tuple[tuple[Words, frozenset[str]], ...]  # (keyword, fields; empty = general post)
    pelatihan: tuple[Pelatihan, ...]
    kotak: tuple[KotakTalenta, ...]  # the 9-box, one row per kotak
    kelompok: dict[str, frozenset[str]]  # umbrella group -> its fields (kelompok_bidang.csv)
    kelompok_alias: dict[str, str]  # every spelling of a group (code_key), the version-1 codes too -> group
    profesi_langka: frozenset[str]  # fields of the scarce professions (health, education)
    bidang_unit: tuple[tuple[Words, frozenset[str]], ...]  # unit keyword -> fields (bidang_unit.csv)
    mata_pelajaran: tuple[tuple[Words, tuple[Words, ...]], ...] = ()  # subject -> programmes (mata_pelajaran.csv)
    lokasi_kata: tuple[Words, ...] = ()  # words that start a place in a post name (lokasi.csv): SDN, Puskesmas …
    alasan: tuple[Alasan, ...] = ()  # reasons of a wish and their priority points (prioritas.csv, SPEC 9)
    alasan_alias: tuple[tuple[str, str], ...] = ()  # (code_key of a spelling, canonical reason)

    def alasan_of(self, text: object) -> Alasan | None:
        """The reason (prioritas.csv) written as `text` in any of its spellings, any case; None when unknown."""
        kode = dict(self.alasan_alias).get(code_key(str(text)))
        return next((a for a in self.alasan if a.kode == kode), None)

    @property
    def bidang(self) -> list[str]:
        """Every field named in rumpun.csv (the allowed values of a post's Bidang)."""
        return sorted({field for _, field in self.rumpun})

    @property
    def jenjang_list(self) -> list[str]:
        return [jj for (_, jj) in self.jenis_jabatan if jj]

    # --- golongan -------------------------------------------------------------------------------
    def golongan_of(self, text: object) -> Golongan | None:
        """Canonical golongan of any text holding one golongan and/or one pangkat (SPEC 2.4), else None.

        Accepted: `III/a III/A IIIa III.a III-a III a 3a`, SIASN ids `31` (= III/a), PPPK `I` … `XVII`,
        pangkat names with `Tk.`/`Tk`/`Tingkat`, and both together in any order with any separator
        (`III/b - Penata Muda Tingkat I`, `Penata Muda Tk.I (III/b)`, `Pembina Tk.I, IV b`), any case.
        A golongan and a pangkat that disagree give None; `golongan_conflict` says why.
        """
        kode, _ = self._parse_golongan(text)
        return self.golongan[kode] if kode else None

    def golongan_conflict(self, text: object) -> str | None:
        """When the text names two different golongan (e.g. III/b and the pangkat of III/a): what it names,
        in Bahasa Indonesia ("III/b, pangkat Penata Muda (III/a)"); None when it does not."""
        return self._parse_golongan(text)[1]

    @cached_property
    def _pangkat(self) -> dict[tuple[str, ...], str]:
        """Pangkat name (upper-case tokens, 'Tingkat I' spelled out) -> golongan kode."""
        return {tuple(_golongan_tokens(g.pangkat)): g.kode for g in self.golongan.values() if g.pangkat}

    @cached_property
    def _pppk(self) -> dict[str, str]:
        return {g.kode.upper(): g.kode for g in self.golongan.values() if g.jenis == "PPPK"}

    def _parse_golongan(self, text: object) -> tuple[str | None, str | None]:
        """(kode, None) when the text names one golongan, (None, conflict) when it names two, else (None, None)."""
        if text is None or isinstance(text, bool):
            return None, None
        raw = str(text).strip()
        if re.fullmatch(r"\d+\.0", raw):  # a SIASN id read from a number cell: 31.0
            raw = raw[:-2]
        tokens = _golongan_tokens(raw)
        longest = max((len(k) for k in self._pangkat), default=0)
        codes: dict[str, None] = {}
        ranks: dict[str, str] = {}  # kode -> pangkat as in golongan.csv
        pppk: dict[str, None] = {}
        i = 0
        while i < len(tokens):
            for size in range(min(longest, len(tokens) - i), 0, -1):
                kode = self._pangkat.get(tuple(tokens[i:i + size]))
                if kode is not None:
                    ranks[kode] = self.golongan[kode].pangkat
                    i += size
                    break
            else:
                token = tokens[i]
                nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
                if token in _GOLONGAN_FILLER:
                    i += 1
                    continue
                if m := re.fullmatch(r"(IV|III|II|I)([A-E])", token):  # IIIA
                    kode, i = _pns_kode(_ROMAN[m[1]], m[2]), i + 1
                elif (token in _ROMAN or token in ("1", "2", "3", "4")) and re.fullmatch(r"[A-E]", nxt):
                    kode, i = _pns_kode(_ROMAN.get(token) or int(token), nxt), i + 2  # III/a, 3a, IV b
                elif re.fullmatch(r"[1-4][1-5]", token):  # SIASN golongan id: 11 = I/a … 45 = IV/e
                    kode, i = _pns_kode(int(token[0]), _LETTERS[int(token[1]) - 1].upper()), i + 1
                elif token in self._pppk and not re.fullmatch(r"[A-Z]", nxt):  # "X/x" is no golongan
                    pppk[self._pppk[token]] = None
                    i += 1
                    continue
                else:
                    return None, None
                if kode not in self.golongan:
                    return None, None  # I/e, III/e: no such golongan
                codes[kode] = None
        named = list(codes) + [k for k in ranks if k not in codes] + list(pppk)
        if len(named) == 1:
            return named[0], None
        if len(named) > 1:
            parts = list(codes) + [f"pangkat {p} ({k})" for k, p in ranks.items()] + list(pppk)
            return None, ", ".join(parts)
        return None, None

    # --- pendidikan -----------------------------------------------------------------------------
    def pendidikan_of(self, text: object) -> str | None:
        """Canonical jenjang pendidikan (SD … S-3) for any accepted spelling or SIASN code."""
        if text is None:
            return None
        raw = str(text).strip()
        if re.fullmatch(r"\d+(\.0)?", raw):
            raw = raw.split(".")[0].zfill(2)
        found = self.pendidikan_alias.get(code_key(raw))
        if found is None and "/" in raw:  # SIASN names such as "S-1/Sarjana", "Diploma III/Sarjana Muda"
            parts = {self.pendidikan_alias.get(code_key(p)) for p in raw.split("/")} - {None}
            found = parts.pop() if len(parts) == 1 else None
        return found

    def pendidikan_rank(self, kode: str) -> int:
        return self.pendidikan[kode]

    # --- kinerja ---------------------------------------------------------------------------------
    def kinerja_of(self, value: object) -> str | None:
        """Predikat Kinerja from its name or from an SKP number 0–120."""
        if value is None:
            return None
        if isinstance(value, bool):
            return None
        number: float | None = None
        if isinstance(value, int | float):
            number = float(value)
        else:
            text = str(value).strip().replace(",", ".")
            if re.fullmatch(r"\d+(\.\d+)?", text):
                number = float(text)
            else:
                return self.kinerja_alias.get(code_key(text))
        if not 0 <= number <= 120:
            return None
        for k in sorted(self.kinerja, key=lambda k: -k.skp_minimal):
            if number >= k.skp_minimal:
                return k.kode
        return None

    def ekspektasi(self, predikat: str) -> str:
        return next(k.ekspektasi for k in self.kinerja if k.kode == predikat)

    def kinerja_rank(self, predikat: str) -> int:
        """0 = worst … 4 = Sangat Baik."""
        ordered = sorted(self.kinerja, key=lambda k: k.skp_minimal)
        return next(i for i, k in enumerate(ordered) if k.kode == predikat)

    @property
    def ekspektasi_urutan(self) -> tuple[str, ...]:
        """The ekspektasi of kinerja.csv from the lowest SKP to the highest: di bawah, sesuai, di atas."""
        return tuple(dict.fromkeys(k.ekspektasi for k in sorted(self.kinerja, key=lambda k: k.skp_minimal)))

    # --- kotak talenta ---------------------------------------------------------------------------
    def kotak_talenta(self, ekspektasi: str, potensi: str) -> int:
        """The kotak talenta (1–9) of a kinerja ekspektasi ("di atas", "sesuai", "di bawah") and a potensi
        ("Tinggi", "Menengah", "Rendah"), numbered as SPEC 2.1 says (kotak_talenta.csv); KeyError for a pair
        the table does not have."""
        return self._kotak_of[(ekspektasi, potensi)]

    def kotak_letak(self, kotak: int) -> tuple[str, str]:
        """(ekspektasi, potensi) of a kotak talenta 1–9: where it is drawn in the 9-box."""
        return self._kotak_place[kotak]

    @cached_property
    def _kotak_of(self) -> dict[tuple[str, str], int]:
        return {(k.ekspektasi, k.potensi): k.kotak for k in self.kotak}

    @cached_property
    def _kotak_place(self) -> dict[int, tuple[str, str]]:
        return {k.kotak: (k.ekspektasi, k.potensi) for k in self.kotak}

    # --- rumpun ----------------------------------------------------------------------------------
    def bidang_of(self, programme: object) -> str | None:
        """Field of a study programme or training name (rumpun.csv), or None when no keyword matches.

        A field name itself ("teknik_sipil", "Kesehatan Masyarakat") is that field.
        """
        if programme is None:
            return None
        found = words(programme)
        if not found:
            return None
        as_field = "_".join(found)
        if as_field in self._fields:
            return as_field
        hits = self._rumpun_index.matches(found)
        if not hits:
            return None
        return max(hits, key=lambda h: (h[0], h[2] != UMUM, -h[1]))[2]

    @cached_property
    def _fields(self) -> frozenset[str]:
        return frozenset(field for _, field in self.rumpun)

    @cached_property
    def _rumpun_index(self) -> Keywords:
        return Keywords(self.rumpun)

    # --- jabatan ---------------------------------------------------------------------------------
    def jenis_of(self, jenis: str, jenjang: str | None) -> JenisJabatan | None:
        return self.jenis_jabatan.get((jenis, jenjang if jenis == "Fungsional" else None))

    def jenjang_urutan(self, jenjang: str | None) -> int:
        """Order of a Fungsional jenjang: Pemula 1, Terampil 2, Mahir 3, Penyelia 4, Ahli Pertama 5, Ahli Muda 6,
        Ahli Madya 7, Ahli Utama 8 (jenis_jabatan.csv, column urutan); 0 for None or an unknown jenjang."""
        found = self.jenis_jabatan.get(("Fungsional", jenjang)) if jenjang else None
        return (found.urutan or 0) if found else 0

    def jf_of(self, nama_jabatan: str, rumpun_jf: str | None = None) -> str | None:
        """Canonical JF family: `rumpun_jf` when given (any spelling or case of a family name or keyword;
        None when it is no known family), else the longest family keyword found as whole words in the post
        name ("Perawat Ahli Muda" -> "Perawat", "Dokter Gigi Ahli Pertama" -> "Dokter Gigi"), else None."""
        if rumpun_jf is not None and rumpun_jf.strip():
            return self._jf_names.get(words(rumpun_jf))
        hits = self._jf_index.matches(words(nama_jabatan))
        if not hits:
            return None
        return max(hits, key=lambda h: (h[0], -h[1]))[2]

    @cached_property
    def _jf_keywords(self) -> tuple[tuple[Words, str], ...]:
        return tuple((k, f.nama) for f in self.jabatan_fungsional.values() for k in (words(f.nama), *f.kata_kunci))

    @cached_property
    def _jf_index(self) -> Keywords:
        return Keywords(self._jf_keywords)

    @cached_property
    def _jf_names(self) -> dict[Words, str]:
        return dict(self._jf_keywords)

    def bidang_jabatan_of(self, nama_jabatan: str) -> frozenset[str] | None:
        """Fields of a post with no Bidang, from bidang_jabatan.csv: the longest keyword found in the post name
        (a general-post keyword makes the post open: an empty set); None when none matches."""
        return _longest(self._bidang_jabatan_index, self._bidang_jabatan, nama_jabatan)

    def bidang_unit_of(self, unit: str) -> frozenset[str]:
        """Fields of a unit (bidang_unit.csv: Dinas Kesehatan, RSUD, Puskesmas -> kesehatan …): the longest keyword
        found in the unit's name; empty when none matches."""
        return _longest(self._bidang_unit_index, dict(self.bidang_unit), unit) or frozenset()

    @cached_property
    def _bidang_jabatan(self) -> dict[Words, frozenset[str]]:
        return dict(self.bidang_jabatan)

    @cached_property
    def _bidang_jabatan_index(self) -> Keywords:
        return Keywords((k, " ".join(k)) for k, _ in self.bidang_jabatan)

    @cached_property
    def _bidang_unit_index(self) -> Keywords:
        return Keywords((k, " ".join(k)) for k, _ in self.bidang_unit)

    def inferred_bidang(self, jenis: str, nama: str, unit: str, rumpun_jf: str | None) -> frozenset[str]:
        """The fields of a post whose Bidang is blank (SPEC 2.2 v3): none for a JF post whose family has fields of
        its own (they are the post's, see `score_fields`); else from the post name (bidang_jabatan.csv);
        else, for a structural post or a JF post whose family has no fields of its own, from the unit
        (bidang_unit.csv: Dinas Kesehatan, Puskesmas -> kesehatan); else open (empty). A pelaksana post is not
        given its unit's field: a clerk post in a puskesmas is open, not a nursing post."""
        family = self.jabatan_fungsional.get(rumpun_jf) if rumpun_jf else None
        open_jf = jenis == "Fungsional" and (family is None or not family.bidang)
        if jenis == "Fungsional" and not open_jf:
            return frozenset()  # the family's own fields are the post's (score_fields, R18)
        by_name = self.bidang_jabatan_of(nama)
        if by_name is not None:
            return by_name
        info = self.jenis_of(jenis, None) if jenis != "Fungsional" else None
        if (info is not None and info.struktural) or open_jf:
            return self.bidang_unit_of(unit)
        return frozenset()

    def place_of(self, nama: str, unit: str, lokasi: str | None = None) -> str:
        """The location of a post (R21 v3): its Lokasi when given; else what its name names after ' - ', or from
        the first word of lokasi.csv on ('Guru Kelas Ahli Muda SDN 1 Alak' -> 'SDN 1 Alak', 'Perawat Terampil
        Puskesmas Oebobo' -> 'Puskesmas Oebobo'); else its unit. Spaces are folded; case is kept as written."""
        if lokasi and lokasi.strip():
            return " ".join(lokasi.split())
        if " - " in nama:
            return " ".join(nama.rsplit(" - ", 1)[1].split()) or unit
        m = self._place_pattern.search(nama)
        if m is not None and m.start() > 0 and words(nama[m.end():]):  # 'Kepala Puskesmas' names no place
            return " ".join(nama[m.start():].split())
        return unit

    @cached_property
    def _place_pattern(self) -> re.Pattern[str]:
        keys = sorted((r"\W+".join(map(re.escape, k)) for k in self.lokasi_kata), key=len, reverse=True)
        return re.compile(r"\b(?:" + "|".join(keys) + r")\b", re.IGNORECASE) if keys else re.compile(r"(?!)")

    def seat_kinds(self, nama: str, unit: str, lokasi: str | None, family: JabatanFungsional | None
                   ) -> tuple[bool, bool]:
        """(service delivery, scarce profession) of a post for its staffing value (SPEC 4 v3): a JF post in a
        school, puskesmas or RSUD (a named location, or a unit that is one: lokasi.csv), and a JF family whose
        fields are all scarce professions (profesi_langka: health, education)."""
        if family is None:
            return False, False
        place = self.place_of(nama, unit, lokasi)
        service = place != unit or self._place_pattern.match(unit) is not None
        scarce = bool(family.bidang) and family.bidang <= self.profesi_langka
        return service, scarce

    def subject_of(self, nama_jabatan: str, family: JabatanFungsional | None) -> str | None:
        """The subject a teaching post names (R18 by subject: a JF family that accepts keguruan; mata_pelajaran.csv:
        the longest keyword in the name, 'Guru Matematika Ahli Muda' -> 'matematika', 'Guru Kelas' -> 'kelas');
        None for other posts and for a name with no subject."""
        if family is None or TEACHING_FIELD not in family.bidang:
            return None
        hits = self._mapel_index.matches(words(nama_jabatan))
        return max(hits, key=lambda h: (h[0], -h[1]))[2] if hits else None

    def teaches(self, jurusan: str | None, subject: str) -> bool:
        """R18 by subject: does the programme teach the subject ('S-1 Pendidikan Matematika' teaches matematika)?
        An unknown programme is not held against anyone (the appointment may prove it)."""
        if not jurusan:
            return True
        found = words(jurusan)
        return any(find_words(p, found) >= 0 for p in self._mapel[tuple(subject.split())])

    @cached_property
    def _mapel(self) -> dict[Words, tuple[Words, ...]]:
        return dict(self.mata_pelajaran)

    @cached_property
    def _mapel_index(self) -> Keywords:
        return Keywords((k, " ".join(k)) for k, _ in self.mata_pelajaran)

    def bidang_label(self, fields: Iterable[str]) -> str:
        """Fields as a planner writes them: a whole umbrella group by its name ('kesehatan'), the rest as fields,
        '; '-separated ('kesehatan; ti')."""
        rest = set(fields)
        names = []
        for group, members in sorted(self.kelompok.items(), key=lambda kv: -len(kv[1])):
            if members <= rest:
                names.append(group)
                rest -= members
        return "; ".join(names + sorted(rest))

    def bidang_set_of(self, text: object) -> frozenset[str] | None:
        """The fields one Bidang value names (SPEC 2.2 v3): a field of rumpun.csv ('teknik_sipil', 'Teknik Sipil'),
        an umbrella group in any spelling ('Kesehatan', 'pendidikan', the version-1 code 'teknik_lain'), or a
        whole keyword of rumpun.csv ('Informatika'); None when it names none (a misspelling is not guessed)."""
        found = words(text)
        if not found:
            return None
        if "_".join(found) in self._fields:
            return frozenset({"_".join(found)})
        group = self.kelompok_alias.get(code_key(" ".join(found)))
        if group is not None:
            return self.kelompok[group]
        field = self._rumpun_exact.get(found)
        return frozenset({field}) if field is not None and field != UMUM else None

    @cached_property
    def _rumpun_exact(self) -> dict[Words, str]:
        return dict(self.rumpun)

    @property
    def bidang_names(self) -> list[str]:
        """Every name a post's Bidang may use: the umbrella groups, then the fields."""
        return sorted(self.kelompok) + self.bidang

    def is_scarce(self, field: str | None) -> bool:
        """A scarce profession (profesi_langka in kelompok_bidang.csv: every health field, education)."""
        return field is not None and field in self.profesi_langka

    # --- fields of a post (R8) and of its fit score --------------------------------------------------
    @staticmethod
    def post_fields(bidang: Iterable[str], family: JabatanFungsional | None) -> frozenset[str]:
        """R8: the fields that qualify for a post with a Bidang: that Bidang plus, for a JF post, the family's
        accepted fields (a PWK graduate qualifies for Penata Ruang whatever field the unit gave the post); empty
        = open. A JF post without a Bidang is left to R18, which asks the family's fields itself."""
        fields = frozenset(bidang)
        if fields and family is not None and family.bidang:
            return fields | family.bidang
        return fields

    @staticmethod
    def score_fields(bidang: Iterable[str], family: JabatanFungsional | None) -> frozenset[str]:
        """The fields that give a full field score (SPEC 4): the family's own when it has any (a doctor does not
        score as a nurse in a Perawat post marked 'kesehatan'), else the post's Bidang; empty = no field."""
        if family is not None and family.bidang:
            return family.bidang
        return frozenset(bidang)

    # --- BUP, golongan equivalence, perpindahan (R4, R7, R22, R24) -----------------------------------
    def bup_of(self, jenis: str, jenjang: str | None, family: JabatanFungsional | None) -> int:
        """BUP of a post: the JF family's own (Guru 60) when the catalogue has one, else jenis_jabatan.csv's."""
        own = family.bup_of(jenjang) if family is not None else None
        if own is not None:
            return own
        info = self.jenis_of(jenis, jenjang)
        return info.bup if info else DEFAULT_BUP

    def golongan_rank(self, kode: str) -> int:
        """The PNS rank (urutan) a golongan is read as for R7: a PPPK golongan through its `setara`."""
        g = self.golongan[kode]
        return self.golongan[g.setara].urutan if g.setara else g.urutan

    def perpindahan_age(self, jenjang: str | None) -> int | None:
        """R22: the oldest age for a perpindahan into a JF of this jenjang (jenis_jabatan.csv); None: no limit."""
        info = self.jenis_jabatan.get(("Fungsional", jenjang)) if jenjang else None
        return info.usia_perpindahan if info else None


def _longest(index: Keywords, fields: dict[Words, frozenset[str]], name: str) -> frozenset[str] | None:
    """The fields of the longest keyword found in `name` (a keyword with a field before a general one, then the
    first place, breaks a tie); None when no keyword matches."""
    hits = index.matches(words(name))
    if not hits:
        return None
    best = max(hits, key=lambda h: (h[0], bool(fields[tuple(h[2].split())]), -h[1]))
    return fields[tuple(best[2].split())]


TEACHING_FIELD = "keguruan"
"""The field of teachers: a family that accepts it is taught by subject where its post names one (R18)."""

DEFAULT_BUP = 58
"""SPEC 2.4: the BUP of most posts, used when a post's jenis is not in jenis_jabatan.csv."""


# --- golongan tokens ----------------------------------------------------------------------------------

_TINGKAT_I = re.compile(r"\bT(?:INGKAT|KT|K)\s*\.?\s*(?:I|1)\b")
_GOLONGAN_FILLER = frozenset({"GOL", "GOLONGAN", "RUANG", "PANGKAT", "PNS", "PPPK"})


def _golongan_tokens(text: str) -> list[str]:
    """Upper-case letter runs and digit runs, with 'Tk.I', 'Tk I', 'TkI', 'Tingkat 1' spelled 'TINGKAT I'."""
    return re.findall(r"[A-Z]+|[0-9]+", _TINGKAT_I.sub(" TINGKAT I ", text.upper()))


def _pns_kode(major: int, letter: str) -> str:
    return f"{'I' * major if major < 4 else 'IV'}/{letter.lower()}"


