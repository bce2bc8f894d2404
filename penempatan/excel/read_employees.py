"""Sheet Pegawai: one Employee per row (SPEC 2.1), cross-checked with the NIP and placed in a post of Jabatan."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from penempatan.errors import Problems
from penempatan.excel.cells import (
    Bad,
    Codes,
    Suggest,
    cell_text,
    cpns,
    hukuman,
    integer,
    kelamin,
    memo_bool,
    memo_date,
    potensi,
    siasn_id,
    split_items,
    status,
)
from penempatan.excel.input_sheets import Once, Row, Sheet, build, data_rows
from penempatan.excel.read_positions import Posts
from penempatan.model import Employee, Params
from penempatan.reference import UMUM
from penempatan.text import NIP_LENGTH, compact_key, nip_digits, strip_nip_prefix

_SCIENTIFIC = re.compile(r"\d(?:[.,]\d+)?E\+?\d+", re.IGNORECASE)
_NIP_AS_NUMBER = ("NIP tersimpan sebagai angka, bukan teks: Excel hanya menyimpan 15 digit bermakna, "
                  "jadi digit terakhir NIP sudah hilang")
_NIP_AS_NUMBER_HINT = ("Format kolom NIP sebagai Teks (klik kanan → Format Cells → Text) lalu ketik ulang "
                       "NIP-nya, atau tempel NIP dengan tanda petik di depan, mis. '198609262010011001.")


def read_employees(sheet: Sheet | None, codes: Codes, params: Params, posts: Posts,
                   problems: Problems) -> list[Employee]:
    """Every row of sheet Pegawai that reads without error and whose current post was read."""
    ref = codes.ref
    ekspektasi = {k.kode: k.ekspektasi for k in ref.kinerja}
    level, kotak_of = integer(1, 5), integer(1, 9)
    suggest_code = Suggest({k: k for k in posts.rows})
    seen: dict[str, int] = {}
    employees: list[Employee] = []
    once = Once()
    for row in data_rows(sheet, problems):
        nip = row.get("NIP", nip_cell, required=True, hint="Setiap pegawai perlu NIP 18 digit.")
        if nip is not None:
            if nip in seen:
                row.error("NIP", nip, f"NIP ganda: sama dengan baris {seen[nip]}",
                          "Setiap pegawai hanya boleh muncul sekali; hapus baris yang dobel.")
            else:
                seen[nip] = row.number
        nama = row.get("Nama", required=True)
        golongan = row.get("Golongan", codes.golongan, required=True)
        pendidikan = row.get("Jenjang Pendidikan", codes.pendidikan, required=True)
        jurusan = row.get("Jurusan")
        kode = _current_post(row, posts, suggest_code)
        tmt = row.get("TMT Jabatan", memo_date, required=True)
        if tmt is not None and tmt > params.tanggal_acuan:
            row.warning("TMT Jabatan", tmt, f"TMT Jabatan setelah tanggal acuan {params.tanggal_acuan:%d-%m-%Y}",
                        "Periksa tanggalnya; masa jabatan dihitung 0 bulan.")
        lahir = row.get("Tanggal Lahir", memo_date)
        if lahir is not None and lahir >= params.tanggal_acuan:
            row.error("Tanggal Lahir", lahir, "tanggal lahir tidak boleh setelah tanggal acuan",
                      "Periksa tahun lahirnya.")
        sex = row.get("Jenis Kelamin", kelamin)
        state = row.get("Status", status) or "Aktif"
        if row.get("Status CPNS PNS", cpns):
            state = "CPNS"
        kinerja = row.get("Predikat Kinerja", codes.kinerja, required=True)
        talent = row.get("Potensi", potensi)
        kotak = row.get("Kotak Talenta", kotak_of)
        if kotak is None and talent is not None and kinerja is not None and "Kotak Talenta" not in row.bad:
            kotak = ref.kotak_talenta(ekspektasi[kinerja], talent)
        kompetensi = {
            "komp_manajerial": row.get("Kompetensi Manajerial", level),
            "komp_sosial_kultural": row.get("Kompetensi Sosial Kultural", level),
            "komp_teknis": row.get("Kompetensi Teknis", level),
        }
        punishment = row.get("Hukuman Disiplin", hukuman) or "Tidak Ada"
        akhir_hukuman = row.get("Akhir Hukuman", memo_date)
        bersedia = row.get("Bersedia Mutasi", memo_bool)
        bidang = _bidang(row, jurusan, codes, once)
        pelatihan = _pelatihan(row, codes, once)
        diklat = _courses(row, codes)
        unit_diminati = _unit_diminati(row, posts)
        siap = row.get("Siap Naik Jenjang", memo_bool)
        sertifikat = tuple(dict.fromkeys(split_items(row.get("Sertifikat") or "")))
        pns_id = row.get("PNS ID", siasn_id)
        pppk_golongan = golongan is not None and ref.golongan[golongan].jenis == "PPPK"
        if nip is not None:
            facts = nip_facts(nip)
            lahir, sex = _check_nip(row, nip, facts, lahir, sex)
            if facts.pppk and golongan is not None and not pppk_golongan:
                row.warning("Golongan", golongan, "NIP ini nomor induk PPPK tetapi golongannya golongan PNS",
                            "Pegawai PPPK bergolongan I … XVII; periksa NIP atau golongannya.")
            pppk_golongan = pppk_golongan or facts.pppk
        if pppk_golongan:
            state = "PPPK"
        if not row.ok:
            row.sheet.dropped.append(row.number)
            continue
        employee = build(row, Employee, dict(
            nip=nip, nama=nama, golongan=golongan, pendidikan=pendidikan, jurusan=jurusan, bidang=bidang,
            pelatihan=pelatihan, diklat=diklat, kode_jabatan=kode, tmt_jabatan=tmt, tanggal_lahir=lahir,
            jenis_kelamin=sex, status=state, kinerja=kinerja, potensi=talent, kotak=kotak, hukuman=punishment,
            akhir_hukuman=akhir_hukuman, bersedia_mutasi=True if bersedia is None else bersedia,
            unit_diminati=unit_diminati, siap_naik_jenjang=bool(siap), sertifikat=sertifikat, pns_id=pns_id,
            row=row.number,
            **kompetensi))
        if employee is None:
            row.sheet.dropped.append(row.number)
        else:
            employees.append(employee)
    once.report()
    return employees


# --- NIP ------------------------------------------------------------------------------------------
def nip_cell(value: object) -> str:
    """The 18-digit NIP from text with spaces, dots, a NIP prefix or a leading apostrophe."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise Bad(_NIP_AS_NUMBER, _NIP_AS_NUMBER_HINT)
    written = cell_text(value)
    if _SCIENTIFIC.fullmatch(strip_nip_prefix(written)):
        raise Bad(_NIP_AS_NUMBER, _NIP_AS_NUMBER_HINT)
    digits = nip_digits(written)
    if not digits.isdigit() or not digits.isascii():
        raise Bad("NIP hanya boleh berisi angka", "Tulis 18 digit NIP, mis. 198609262010011001.")
    if len(digits) != NIP_LENGTH:
        raise Bad(f"NIP harus 18 digit (terbaca {len(digits)} digit)",
                  "Periksa apakah ada digit yang hilang atau berlebih.")
    return digits


@dataclass(frozen=True)
class NipFacts:
    """What an NIP says about its holder (BKN numbering): birth date, sex, PNS or PPPK."""

    lahir: date | None
    kelamin: str | None  # "L" / "P"
    pppk: bool
    tmt_valid: bool  # digits 9–14 are a plausible yyyymm of appointment


def nip_facts(nip: str) -> NipFacts:
    """Digits 1–8 birth date, 9–14 appointment yyyymm (month + 20 for an NI PPPK), 15 sex, 16–18 serial."""
    try:
        lahir: date | None = date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        lahir = None
    month = int(nip[12:14])
    year = int(nip[8:12])
    sex = {"1": "L", "2": "P"}.get(nip[14])
    return NipFacts(lahir, sex, 21 <= month <= 32, 1 <= month % 20 <= 12 and 1900 <= year <= 2100)


def _check_nip(row: Row, nip: str, facts: NipFacts, lahir: date | None,
               sex: str | None) -> tuple[date | None, str | None]:
    """Cross-check Tanggal Lahir and Jenis Kelamin with the NIP; derive them when absent."""
    if facts.lahir is None:
        row.warning("NIP", nip, "8 digit pertama NIP bukan tanggal lahir yang sah (yyyymmdd)", "Periksa NIP-nya.")
    elif lahir is None and "Tanggal Lahir" not in row.bad:
        lahir = facts.lahir
    elif lahir is not None and lahir != facts.lahir:
        row.warning("Tanggal Lahir", lahir, f"berbeda dengan tanggal lahir pada NIP ({facts.lahir:%d-%m-%Y})",
                    "Periksa mana yang benar; aturan pensiun (R4) memakai Tanggal Lahir.")
    if not facts.tmt_valid:
        row.warning("NIP", nip, "digit 9–14 NIP bukan tahun-bulan pengangkatan yang sah", "Periksa NIP-nya.")
    if facts.kelamin is None:
        row.warning("NIP", nip, "digit ke-15 NIP harus 1 (laki-laki) atau 2 (perempuan)", "Periksa NIP-nya.")
    elif sex is None and "Jenis Kelamin" not in row.bad:
        sex = facts.kelamin
    elif sex is not None and sex != facts.kelamin:
        row.warning("Jenis Kelamin", sex, f"berbeda dengan digit ke-15 NIP ({facts.kelamin})",
                    "Periksa mana yang benar.")
    return lahir, sex


# --- the current post -----------------------------------------------------------------------------
def _current_post(row: Row, posts: Posts, suggest: Suggest) -> str | None:
    """The current post's kode: from Kode Jabatan, else from (Nama Jabatan, Unit Kerja)."""
    kode = row.get("Kode Jabatan")
    if kode is not None:
        if kode in posts.rows:
            return _valid(row, posts, kode)
        same = posts.by_key.get(compact_key(kode), [])
        if len(same) == 1:
            return _valid(row, posts, same[0])
        if posts.searchable:
            close = suggest(kode)
            row.error("Kode Jabatan", kode, "Kode Jabatan tidak ada di sheet Jabatan",
                      f"Mungkin maksudnya '{close}'?" if close else
                      "Tambahkan jabatan ini ke sheet Jabatan atau perbaiki kodenya.")
        row.ok = False
        return None
    nama, unit = row.get("Nama Jabatan"), row.get("Unit Kerja")
    if nama is None or unit is None:
        if "Kode Jabatan" in row.sheet.index or "Nama Jabatan" in row.sheet.index:
            column = "Kode Jabatan" if "Kode Jabatan" in row.sheet.index else "Nama Jabatan"
            row.error(column, None, "jabatan saat ini tidak diisi",
                      "Isi Kode Jabatan, atau Nama Jabatan dan Unit Kerja persis seperti di sheet Jabatan.")
        row.ok = False
        return None
    found = posts.by_name_unit.get((compact_key(nama), compact_key(unit)), [])
    if len(found) == 1:
        return _valid(row, posts, found[0])
    if posts.searchable:
        if found:
            row.error("Nama Jabatan", nama, f"ada {len(found)} jabatan '{nama}' di unit '{unit}' "
                      f"({', '.join(found[:5])})", "Isi Kode Jabatan untuk memilih yang benar.")
        else:
            hint = ("Unit Kerja ini tidak ada di sheet Jabatan." if compact_key(unit) not in posts.units else
                    "Nama Jabatan ini tidak ada di unit tersebut pada sheet Jabatan.")
            row.error("Nama Jabatan", nama, f"jabatan '{nama}' di unit '{unit}' tidak ada di sheet Jabatan",
                      hint + " Isi Kode Jabatan, atau samakan penulisannya dengan sheet Jabatan.")
    row.ok = False
    return None


def _valid(row: Row, posts: Posts, kode: str) -> str | None:
    """The kode when its post was read without error (that post's own error is reported on Jabatan)."""
    if kode in posts.positions:
        return kode
    row.ok = False
    return None


# --- fields, trainings, preferences ---------------------------------------------------------------
def _bidang(row: Row, jurusan: str | None, codes: Codes, once: Once) -> str | None:
    """The field of the employee's programme (rumpun.csv); a programme matching no field is warned once."""
    if jurusan is None:
        return None
    bidang: str | None = codes.bidang_of(jurusan)
    if bidang is None:
        once.add(row, "Jurusan", jurusan, "jurusan tidak cocok dengan bidang mana pun di rumpun.csv",
                 "Tambahkan kata kunci jurusan ini ke data/rumpun.csv agar kecocokan bidang (R8, R18) "
                 "dapat dinilai.")
    return bidang


def _courses(row: Row, codes: Codes) -> tuple[str, ...]:
    """The courses done, as Pelatihan names them (a course is never prescribed again, SPEC 10); an item that is
    only a field's code ('ti', as the template writes a training field) names no course."""
    items = split_items(row.values.get("Pelatihan") or "")
    return tuple(dict.fromkeys(item for item in items if codes.bidang_of(item) != item.strip().lower()))


def _pelatihan(row: Row, codes: Codes, once: Once) -> tuple[str, ...]:
    """The fields of the trainings named in Pelatihan (an unknown one is reported once per distinct name)."""
    raw = row.get("Pelatihan")
    if raw is None:
        return ()
    found: dict[str, None] = {}
    for item in split_items(raw):
        bidang = codes.bidang_of(item)
        if bidang is None:
            once.add(row, "Pelatihan", item, "pelatihan tidak cocok dengan bidang mana pun; tidak menambah "
                     "bidang (tetap dicatat sudah diikuti)", "Tulis nama bidangnya, mis. TI, Pengadaan, Hukum, atau "
                     "tambahkan kata kuncinya ke data/rumpun.csv.")
        elif bidang != UMUM:  # a general course (Latsar, Prajabatan) trains no field
            found[bidang] = None
    return tuple(found)


def _unit_diminati(row: Row, posts: Posts) -> tuple[str, ...]:
    raw = row.get("Unit Diminati")
    if raw is None:
        return ()
    units: list[str] = []
    for item in split_items(raw):
        known = posts.units.get(compact_key(item))
        if known is None and posts.units:
            row.warning("Unit Diminati", item, "unit ini tidak ada di sheet Jabatan; preferensi ini tidak berlaku",
                        "Samakan penulisannya dengan kolom Unit Kerja di sheet Jabatan.")
        units.append(known or item)
    return tuple(dict.fromkeys(units))
