"""Sheet Jabatan: one Position per row (SPEC 2.2), and the indexes that find an employee's current post."""

from __future__ import annotations

from dataclasses import dataclass, field

from penempatan.errors import Problems
from penempatan.excel.cells import Bad, Codes, integer, jenis, memo_bool, siasn_id
from penempatan.excel.columns import SEMUA_BIDANG, SIASN_POST_IDS
from penempatan.excel.input_sheets import Once, Row, Sheet, build, data_rows
from penempatan.model import MAX_SEATS, Position, SiasnIds
from penempatan.reference import Reference
from penempatan.text import compact_key

_SKILL_JENJANG = frozenset({"Pemula", "Terampil", "Mahir", "Penyelia"})


@dataclass
class Posts:
    """The posts read from sheet Jabatan and the indexes used to find an employee's current post."""

    positions: dict[str, Position] = field(default_factory=dict)  # valid posts by kode
    rows: dict[str, int] = field(default_factory=dict)  # every kode seen (valid or not) -> Excel row
    by_key: dict[str, list[str]] = field(default_factory=dict)  # case/space-insensitive kode -> kodes
    by_name_unit: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)  # unit key -> unit as written
    searchable: bool = False  # False when sheet Jabatan or its Kode column is missing: no lookup errors


def read_positions(sheet: Sheet | None, codes: Codes, problems: Problems) -> Posts:
    """Every row of sheet Jabatan that reads without error, with the indexes of every kode seen."""
    ref = codes.ref
    posts = Posts(searchable=sheet is not None and "Kode Jabatan" in sheet.index)
    once = Once()
    standard, kelas_of, seats = integer(1, 5), integer(1, 17), integer(0, MAX_SEATS)
    for row in data_rows(sheet, problems):
        kode = row.get("Kode Jabatan", required=True, hint="Setiap jabatan perlu kode unik.")
        nama = row.get("Nama Jabatan", required=True)
        unit = row.get("Unit Kerja", required=True)
        if kode is not None:
            if kode in posts.rows:
                row.error("Kode Jabatan", kode, f"Kode Jabatan ganda: sudah dipakai di baris {posts.rows[kode]}",
                          "Setiap jabatan harus punya kode yang berbeda.")
                continue
            posts.rows[kode] = row.number
            posts.by_key.setdefault(compact_key(kode), []).append(kode)
            if nama is not None and unit is not None:
                posts.by_name_unit.setdefault((compact_key(nama), compact_key(unit)), []).append(kode)
        if unit is not None:
            posts.units.setdefault(compact_key(unit), unit)
        kind = row.get("Jenis Jabatan", jenis, required=True)
        jenjang = None
        if kind == "Fungsional":
            jenjang = row.get("Jenjang", codes.jenjang, required=True,
                              hint="Jabatan Fungsional perlu jenjang, mis. Ahli Pertama atau Terampil.")
        kelas = row.get("Kelas Jabatan", kelas_of, required=True)
        kebutuhan = row.get("Kebutuhan", seats, required=True,
                            hint="Isi jumlah kursi menurut ABK (0 = jabatan dihapus).")
        pendidikan_min = row.get("Pendidikan Minimal", codes.pendidikan, required=True)
        rumpun_jf = _rumpun_jf(row, kind, nama, codes, once)
        given = _given_bidang(row, codes, rumpun_jf)
        bidang = _bidang(given, kind, nama, unit, rumpun_jf, ref)
        if rumpun_jf is not None and jenjang is not None:
            _check_track(row, rumpun_jf, jenjang, ref, once)
        golongan_min = row.get("Golongan Minimal", codes.golongan)
        golongan_max = row.get("Golongan Maksimal", codes.golongan)
        if golongan_min and golongan_max and (
                ref.golongan[golongan_min].urutan > ref.golongan[golongan_max].urutan):
            row.error("Golongan Maksimal", golongan_max, f"lebih rendah dari Golongan Minimal {golongan_min}",
                      "Tukar atau perbaiki kedua nilai.")
        values = {
            "standar_manajerial": row.get("Standar Manajerial", standard),
            "standar_sosial_kultural": row.get("Standar Sosial Kultural", standard),
            "standar_teknis": row.get("Standar Teknis", standard),
        }
        lokasi = row.get("Lokasi")
        alamat = row.get("Alamat")
        risiko = row.get("Risiko Tinggi", memo_bool)
        wajib = row.get("Wajib Diisi", memo_bool)
        ids = SiasnIds(**{field: row.get(column, siasn_id)
                          for field, (column, *_) in zip(SiasnIds.model_fields, SIASN_POST_IDS, strict=True)})
        if not row.ok:
            row.sheet.dropped.append(row.number)
            continue
        post = build(row, Position, dict(
            kode=kode, nama=nama, unit=unit, jenis=kind, jenjang=jenjang, kelas=kelas,
            kebutuhan=kebutuhan, pendidikan_min=pendidikan_min, bidang=bidang, rumpun_jf=rumpun_jf,
            golongan_min=golongan_min, golongan_max=golongan_max, lokasi=lokasi, alamat=alamat,
            risiko_tinggi=bool(risiko), wajib_diisi=bool(wajib), siasn=ids, row=row.number, **values))
        if post is None:
            row.sheet.dropped.append(row.number)
        else:
            posts.positions[kode] = post
    once.report()
    return posts


def _given_bidang(row: Row, codes: Codes, rumpun_jf: str | None) -> tuple[str, ...] | str | None:
    """The Bidang cell read by `Codes.bidang`; a value it does not know is an error whose hint also names the
    fields of the post's JF family when it has any."""
    written = row.get("Bidang")
    if written is None:
        return None
    try:
        value: tuple[str, ...] | str = codes.bidang(written)
    except Bad as bad:
        family = codes.ref.jabatan_fungsional.get(rumpun_jf) if rumpun_jf else None
        by_family = (f"Rumpun {family.nama} menerima: {codes.ref.bidang_label(family.bidang)}. "
                     if family is not None and family.bidang else "")
        row.error("Bidang", written, bad.message, by_family + bad.hint)
        return None
    return value


def _bidang(given: tuple[str, ...] | str | None, kind: str | None, nama: str | None, unit: str | None,
            rumpun_jf: str | None, ref: Reference) -> tuple[str, ...]:
    """A post's fields (R8, SPEC 2.2 v3): as given ('semua': open), else inferred (`Reference.inferred_bidang`)."""
    if given == SEMUA_BIDANG:
        return ()
    if isinstance(given, tuple):
        return given
    if nama is None or unit is None or kind is None:
        return ()
    return tuple(sorted(ref.inferred_bidang(kind, nama, unit, rumpun_jf)))


def _check_track(row: Row, rumpun_jf: str, jenjang: str, ref: Reference, once: Once) -> None:
    """A jenjang on a track (keahlian / keterampilan) the family does not have is a warning: R18 has no
    minimum education for it."""
    family = ref.jabatan_fungsional[rumpun_jf]
    skill = jenjang in _SKILL_JENJANG
    if (family.pendidikan_keterampilan if skill else family.pendidikan_keahlian) is None:
        track = "keterampilan" if skill else "keahlian"
        once.add(row, "Jenjang", jenjang, f"rumpun {rumpun_jf} tidak mempunyai jenjang {track} menurut "
                 "jabatan_fungsional.csv", "Periksa Jenjang dan Rumpun JF jabatan ini, atau lengkapi kolom "
                 f"pendidikan_{track} rumpun itu di data/jabatan_fungsional.csv.", same=f"{rumpun_jf}\t{jenjang}")


def _rumpun_jf(row: Row, kind: str | None, nama: str | None, codes: Codes, once: Once) -> str | None:
    """R18's JF family of a post: Rumpun JF when given (checked against jabatan_fungsional.csv), else for a
    Fungsional post the family named in Nama Jabatan; a Fungsional name matching no family is a warning."""
    written = row.get("Rumpun JF")
    given = codes.ref.jf_of("", written) if written is not None else None
    if written is not None and given is None:
        once.add(row, "Rumpun JF", written, "rumpun jabatan fungsional tidak dikenali di jabatan_fungsional.csv; "
                 "jabatan ini diperlakukan terbuka untuk bidang menurut namanya dan unitnya",
                 codes.rumpun_jf_hint(written) + "Rumpun baru dapat ditambahkan ke data/jabatan_fungsional.csv.")
    if kind is None:
        return given
    by_name = codes.jf_of(nama) if nama is not None else None
    if kind != "Fungsional":
        if given is not None:
            row.warning("Rumpun JF", given, "Rumpun JF hanya berlaku untuk jabatan Fungsional; diabaikan",
                        "Kosongkan kolom ini, atau ubah Jenis Jabatan menjadi Fungsional.")
        return None
    if given is None and by_name is None and nama is not None:
        once.add(row, "Nama Jabatan", nama, "jabatan fungsional tidak dikenali di jabatan_fungsional.csv",
                 "Isi kolom Rumpun JF (mis. Perawat, Guru, Pranata Komputer), atau tambahkan nama ini sebagai "
                 "kata_kunci rumpunnya di data/jabatan_fungsional.csv; tanpa rumpun, syarat jabatan fungsional "
                 "(R18) tidak diperiksa.")
    elif given is not None and by_name is not None and given != by_name:
        once.add(row, "Rumpun JF", given, f"berbeda dengan rumpun menurut Nama Jabatan '{nama}' ({by_name}); "
                 "yang dipakai Rumpun JF", "Periksa mana yang benar.", same=f"{given}\t{nama}")
    return given or by_name
