"""`Reference`: the loaded tables and every lookup on them (golongan, pendidikan, kinerja, kotak talenta,
rumpun, jabatan); spellings from BKPSDM and SIASN spreadsheets are normalised to one canonical code."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from penempatan.reference.rows import (
    UMUM,
    Golongan,
    JabatanFungsional,
    JenisJabatan,
    Keywords,
    Kinerja,
    KotakTalenta,
    Pelatihan,
    Words,
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
    bidang_jabatan: tuple[tuple[Words, str | None], ...]  # (keyword, field or None = general post)
    pelatihan: tuple[Pelatihan, ...]
    kotak: tuple[KotakTalenta, ...]  # the 9-box, one row per kotak

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

    def bidang_jabatan_of(self, nama_jabatan: str) -> str | None:
        """Field of a post with no Bidang, from bidang_jabatan.csv: the longest keyword found in the post name;
        None when none matches or when a general-post keyword (empty bidang) matches."""
        hits = self._bidang_jabatan_index.matches(words(nama_jabatan))
        if not hits or any(field == "" for _, _, field in hits):
            return None
        return max(hits, key=lambda h: (h[0], -h[1]))[2]

    @cached_property
    def _bidang_jabatan_index(self) -> Keywords:
        return Keywords((k, field or "") for k, field in self.bidang_jabatan)


# --- golongan tokens ----------------------------------------------------------------------------------

_TINGKAT_I = re.compile(r"\bT(?:INGKAT|KT|K)\s*\.?\s*(?:I|1)\b")
_GOLONGAN_FILLER = frozenset({"GOL", "GOLONGAN", "RUANG", "PANGKAT", "PNS", "PPPK"})


def _golongan_tokens(text: str) -> list[str]:
    """Upper-case letter runs and digit runs, with 'Tk.I', 'Tk I', 'TkI', 'Tingkat 1' spelled 'TINGKAT I'."""
    return re.findall(r"[A-Z]+|[0-9]+", _TINGKAT_I.sub(" TINGKAT I ", text.upper()))


def _pns_kode(major: int, letter: str) -> str:
    return f"{'I' * major if major < 4 else 'IV'}/{letter.lower()}"


