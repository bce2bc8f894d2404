"""Sheet Permintaan: one Wish per row (SPEC 9), its Tujuan resolved to the posts it designates.

The rows come from a `Sheet`: the workbook's sheet Permintaan, or the same columns in an e-mutasi CSV file
(`excel/wishes_csv.py`, `--permintaan`), read by the same rules with the same messages; only where a problem is
differs (sheet and Excel row, or file and line).

A Tujuan is a Kode Jabatan (one post), a Nama Jabatan (every post of that name) or a Unit Kerja (every post of that
unit), matched like the rest of the workbook whatever its case and spacing. A Tujuan that reads as two of these
(a unit named like a post, or a code written twice in different case) is ambiguous: an error whose hint says how
to name one. Each Urutan is used once per NIP; an NIP not in sheet Pegawai is an error. `Jarak Keluarga (km)` is
optional, a number ≥ 0; the requester's rows giving different distances is a warning (the largest counts,
`wishes.priority.family_distance`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from penempatan.errors import Problems
from penempatan.excel.cells import Bad, Codes, Suggest, as_number, cell_text, integer, memo, memo_bool
from penempatan.excel.columns import FAMILY_KM
from penempatan.excel.input_sheets import Sheet, build, data_rows
from penempatan.excel.read_employees import nip_cell
from penempatan.excel.read_positions import Posts
from penempatan.model import MAX_WISHES, Employee, Position, Wish
from penempatan.reference import Reference
from penempatan.text import compact_key, decimal, name_key

_KIND_WORDS = {"jabatan": "Kode Jabatan", "nama": "Nama Jabatan", "unit": "Unit Kerja"}
"""What each kind of Tujuan is called in the messages (the columns of sheet Jabatan)."""


class Targets:
    """Every way a Tujuan may name posts: by Kode Jabatan, by Nama Jabatan, by Unit Kerja."""

    def __init__(self, positions: list[Position]) -> None:
        self.by_kind: dict[str, dict[str, list[str]]] = {kind: {} for kind in _KIND_WORDS}  # key -> Kode Jabatan
        self.spelled: dict[tuple[str, str], str] = {}  # (kind, key) -> as sheet Jabatan first writes it
        for p in positions:
            for kind, key, written in (("jabatan", compact_key(p.kode), p.kode), ("nama", name_key(p.nama), p.nama),
                                       ("unit", name_key(p.unit), p.unit)):
                self.by_kind[kind].setdefault(key, []).append(p.kode)
                self.spelled.setdefault((kind, key), written)
        shown = {name_key(p.unit): p.unit for p in positions} | {name_key(p.nama): p.nama for p in positions}
        self.suggest = Suggest(shown | {name_key(p.kode): p.kode for p in positions})

    @staticmethod
    def broken(written: str, posts: Posts) -> bool:
        """`written` is the Kode Jabatan of a row of sheet Jabatan that was not read (it has its own error)."""
        return any(kode not in posts.positions for kode in posts.by_key.get(compact_key(written), []))

    def resolve(self, written: object) -> tuple[str, str, list[str]]:
        """(kind, key as sheet Jabatan spells it, Kode Jabatan of every post) that `written` designates; Bad when
        none or more than one kind."""
        text = cell_text(written)  # a code typed as a number (1001) is its text
        keys = {"jabatan": compact_key(text), "nama": name_key(text), "unit": name_key(text)}
        found = {kind: self.by_kind[kind].get(keys[kind], []) for kind in _KIND_WORDS}
        kinds = [kind for kind, posts in found.items() if posts]
        if not kinds:
            close = self.suggest(name_key(text))
            raise Bad("Tujuan tidak dikenal: bukan Kode Jabatan, Nama Jabatan maupun Unit Kerja di sheet Jabatan",
                      f"Mungkin maksudnya '{close}'?" if close else
                      "Tulis Kode Jabatan, Nama Jabatan atau Unit Kerja persis seperti di sheet Jabatan.")
        if len(kinds) > 1:
            named = " dan ".join(_KIND_WORDS[k] for k in kinds)
            raise Bad(f"Tujuan bermakna ganda: cocok dengan {named}",
                      "Tulis Kode Jabatan satu jabatan yang dimaksud (lihat sheet Jabatan), atau ubah salah satu "
                      "nama di sheet Jabatan agar berbeda.")
        kind = kinds[0]
        if kind == "jabatan" and len(found[kind]) > 1:
            raise Bad(f"Tujuan bermakna ganda: cocok dengan {len(found[kind])} Kode Jabatan "
                      f"({', '.join(found[kind][:5])})", "Tulis Kode Jabatan persis seperti di sheet Jabatan.")
        return kind, self.spelled[kind, keys[kind]], found[kind]


def read_wishes(sheet: Sheet | None, codes: Codes, employees: list[Employee], pegawai: Sheet | None, posts: Posts,
                problems: Problems) -> list[Wish]:
    """Every row of sheet Permintaan (or of the CSV file standing for it) that reads without error (none when the
    sheet is absent).

    Without sheet Pegawai (or Jabatan, or its Kode Jabatan column) no NIP (or Tujuan) can be looked up: that
    sheet's own error is reported and the rows are not read, without an error per row. An unknown NIP while some
    rows of Pegawai had errors may be one of theirs: the hint says so. A Tujuan naming a post whose row of
    Jabatan had an error is not read either: that row's error explains it."""
    if sheet is None:
        return []
    known = {e.nip: e for e in employees}
    pegawai_dropped = pegawai is None or bool(pegawai.dropped)
    targets = Targets(list(posts.positions.values()))
    rank_of = integer(1, MAX_WISHES)
    alasan = alasan_cell(codes.ref)
    seen: dict[tuple[str, int], int] = {}
    targets_seen: dict[tuple[str, str, str], int] = {}  # (NIP, kind, key) -> first row
    unwilling: set[str] = set()
    distances: dict[str, tuple[float, int]] = {}  # NIP -> (first distance given, its row)
    unequal: set[str] = set()  # NIPs warned of rows giving different distances (once each)
    wishes: list[Wish] = []
    for row in data_rows(sheet, problems):
        nip = row.get("NIP", nip_cell, required=True, hint="Tulis NIP pegawai yang meminta, 18 digit.")
        if nip is not None and nip not in known and pegawai is None:
            row.ok = False
        elif nip is not None and nip not in known:
            row.error("NIP", nip, "NIP tidak ada di sheet Pegawai",
                      "Perbaiki dulu baris pegawai ini di sheet Pegawai." if pegawai_dropped else
                      "Setiap permintaan harus dari pegawai yang ada di sheet Pegawai; periksa NIP-nya.")
        rank = row.get("Urutan", rank_of, required=True, hint=f"Tulis urutan 1–{MAX_WISHES}.")
        if nip is not None and rank is not None:
            if (nip, rank) in seen:
                row.error("Urutan", rank, f"urutan {rank} NIP ini ganda: sudah dipakai di baris {seen[nip, rank]}",
                          f"Setiap permintaan satu pegawai perlu urutan yang berbeda (1–{MAX_WISHES}).")
            else:
                seen[nip, rank] = row.number
        target = row.get("Tujuan", required=True, hint="Tulis Kode Jabatan, Nama Jabatan atau Unit Kerja tujuan.")
        resolved = None
        if target is not None and (not posts.searchable or targets.broken(target, posts)):
            row.ok = False  # no Jabatan to look in, or a post whose row has its own error
        elif target is not None:
            resolved = row.get("Tujuan", targets.resolve)
        reason = row.get("Alasan", alasan, required=True)
        evidence = row.get("Bukti", memo_bool)
        km = row.get(FAMILY_KM, distance_km)
        if km is not None and nip is not None:
            first = distances.setdefault(nip, (km, row.number))
            if first[0] != km and nip not in unequal:
                unequal.add(nip)
                row.warning(FAMILY_KM, row.values.get(FAMILY_KM), f"jarak keluarga berbeda dengan baris {first[1]} "
                            f"NIP ini ({decimal(first[0])} km)", "Jarak keluarga milik pegawai, bukan permintaan: yang "
                            "terbesar dipakai. Tulis jarak yang sama di setiap baris, atau di satu baris saja.")
        if resolved is not None and nip is not None:
            same = targets_seen.setdefault((nip, resolved[0], resolved[1]), row.number)
            if same != row.number:
                row.warning("Tujuan", target, f"Tujuan ini sama dengan permintaan NIP ini di baris {same}",
                            "Permintaan yang sama dua kali tidak menambah apa pun; hapus salah satu.")
        if nip in known and not known[nip].bersedia_mutasi and nip not in unwilling:
            unwilling.add(nip)
            row.warning("NIP", nip, "pegawai ini mengajukan permintaan pindah, tetapi Bersedia Mutasi-nya Tidak",
                        "Periksa mana yang benar; permintaan dianggap berlaku.")
        if resolved is not None and nip in known and resolved[2] == [known[nip].kode_jabatan]:
            row.warning("Tujuan", target, "Tujuan ini jabatan pegawai itu sendiri saat ini",
                        "Permintaan ini tidak berarti pindah; hapus barisnya atau tulis tujuan lain.")
        if not row.ok or resolved is None:
            row.sheet.dropped.append(row.number)
            continue
        wish = build(row, Wish, dict(nip=nip, rank=rank, target=target, kind=resolved[0], key=resolved[1],
                                     reason=reason, evidence=bool(evidence), family_km=km, row=row.number))
        if wish is None:
            row.sheet.dropped.append(row.number)
        else:
            wishes.append(wish)
    return wishes


def alasan_cell(ref: Reference) -> Callable[[object], str]:
    """Converter of an Alasan cell to its reason in data/prioritas.csv, any spelling listed there."""
    names = ", ".join(a.kode for a in ref.alasan)

    def convert(value: object) -> str:
        found = ref.alasan_of(cell_text(value))
        if found is None:
            raise Bad("alasan tidak dikenal di data/prioritas.csv", f"Gunakan: {names}.")
        return found.kode

    return memo(convert)


_KM_SUFFIX = re.compile(r"\s*km\.?$", re.IGNORECASE)
_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")  # Indonesian thousands: 1.250 or 1.250,5


def distance_km(value: object) -> float:
    """A Jarak Keluarga cell in km: a number ≥ 0 ('45', '12,5', '1.250' in Indonesian thousands, '45 km')."""
    text = _KM_SUFFIX.sub("", value) if isinstance(value, str) else value
    if isinstance(text, str) and _GROUPED.fullmatch(text):
        text = text.replace(".", "")
    number = as_number(text)
    if number is None:
        raise Bad("jarak keluarga harus berupa angka (km)", "Tulis jaraknya dalam km saja, mis. 45 atau 12,5; "
                  "kosongkan bila tidak diketahui.")
    if number < 0:
        raise Bad("jarak keluarga tidak boleh negatif", "Tulis jarak dalam km, 0 atau lebih.")
    return number
