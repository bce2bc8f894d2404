"""FICTIONAL SIASN history dumps derived from an input dataset (the shipped example, a demo pemda): the records
SIASN would hold if the workbook were right, plus, when asked, a few deliberate conflicts that show the warning
list of `penempatan siasn`.

    python -m penempatan.siasn.sample [DATA.xlsx] [FOLDER]   (default: data/contoh.xlsx -> data/siasn-contoh/)

Every file says it is fictional in its wrapper (`keterangan`). The dumps depend on the workbook: run this again
after data/contoh.xlsx is regenerated.
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial
from pathlib import Path
from typing import TextIO

from penempatan.check.facts import retirement_date
from penempatan.model import Employee, Position, ProblemData
from penempatan.reference import Reference, load_reference
from penempatan.siasn.dump import DATA_UTAMA, RW_DIKLAT, RW_HUKDIS, RW_JABATAN, RW_SKP
from penempatan.siasn.merge import family_of_post
from penempatan.text import date_text

FICTIONAL = ("DATA FIKTIF untuk contoh penempatan: diturunkan dari {source} oleh `python -m penempatan.siasn.sample`; "
             "bukan data SIASN sungguhan.")
FILE_NAMES = {DATA_UTAMA: "data-utama.json", RW_JABATAN: "rw-jabatan.json", RW_DIKLAT: "rw-diklat.json",
              RW_SKP: "rw-skp.json", RW_HUKDIS: "rw-hukdis.json"}
_ESELON = {"JPT Pratama": "II.b", "Administrator": "III.a", "Pengawas": "IV.a"}
_LEADERSHIP = {"Pengawas": "Pelatihan Kepemimpinan Pengawas (PKP)",
               "Administrator": "Pelatihan Kepemimpinan Administrator (PKA)",
               "JPT Pratama": "Pelatihan Kepemimpinan Nasional Tingkat II (PKN Tingkat II)"}
_SANCTION = {"Ringan": ("Teguran tertulis", 0),
             "Sedang": ("Pemotongan tunjangan kinerja sebesar 25% selama 6 bulan", 6),
             "Berat": ("Pembebasan dari jabatannya menjadi jabatan pelaksana selama 12 bulan", 12)}
_BETTER = {"Baik": "Sangat Baik", "Butuh Perbaikan": "Baik", "Kurang": "Butuh Perbaikan",
           "Sangat Kurang": "Kurang", "Sangat Baik": "Sangat Baik"}


def fake_id(*parts: object) -> str:
    """A stable fictional 32-character SIASN-like id."""
    return hashlib.md5("|".join(map(str, parts)).encode()).hexdigest().upper()


@dataclass
class Sample:
    """The records by kind, and the deliberate conflicts planted (one line each, for the docs and tests)."""

    records: dict[str, list[dict[str, object]]]
    planted: list[str]


def sample_dumps(data: ProblemData, ref: Reference | None = None, *, conflicts: bool = False) -> Sample:
    """Records consistent with `data` (every person, every current post, training, two SKP years, active
    sanctions, BUP); with `conflicts`, six people's records contradict the workbook on purpose and one person has
    no record at all."""
    ref = ref or load_reference()
    acuan = data.params.tanggal_acuan
    posts = {p.kode: p for p in data.positions}
    out: dict[str, list[dict[str, object]]] = {kind: [] for kind in FILE_NAMES}
    people = sorted(data.employees, key=lambda e: e.nip)
    planted: list[str] = []
    victims = {e.nip: k for k, e in enumerate(people[3:3 + 6 * 7:7])} if conflicts else {}
    skipped = people[1].nip if conflicts else None
    for n, e in enumerate(people):
        if e.nip == skipped:
            planted.append(f"{e.nip}: tidak ada rekaman SIASN sama sekali")
            continue
        post = posts[e.kode_jabatan]
        pns = e.pns_id or fake_id("pns", e.nip)
        case = victims.get(e.nip)
        out[DATA_UTAMA].append(_utama(e, post, pns, ref, bump_bup=case == 4))
        out[RW_JABATAN] += _jobs(e, post, pns, data, n, ref, moved=case == 1, redated=case == 0)
        out[RW_DIKLAT] += _courses(e, post, pns, ref)
        out[RW_SKP] += _skp(e, pns, acuan, worse=case == 2)
        out[RW_HUKDIS] += _sanctions(e, pns, acuan, planted=case == 3)
        if case == 5:  # the workbook's birth date is NIP-derived; SIASN holds another one
            out[DATA_UTAMA][-1]["tglLahir"] = date_text((e.tanggal_lahir or date(1980, 1, 1)) + timedelta(days=40))
        if case is not None:
            planted.append(f"{e.nip}: " + ("TMT Jabatan di SIASN 3 bulan lebih lambat", "sudah pindah jabatan/unit "
                                           "menurut rw_jabatan", "predikat tahun lalu Butuh Perbaikan",
                                           "hukuman disiplin sedang yang masih berlaku", "bupPensiun berbeda",
                                           "tanggal lahir berbeda")[case])
    return Sample(out, planted)


def _utama(e: Employee, post: Position, pns: str, ref: Reference, bump_bup: bool) -> dict[str, object]:
    bup = ref.bup_of(post.jenis, post.jenjang, family_of_post(ref, post)) + (2 if bump_bup else 0)
    record: dict[str, object] = {
        "id": pns, "nipBaru": e.nip, "nama": e.nama, "golRuangAkhir": e.golongan,
        "tingkatPendidikanNama": e.pendidikan, "pendidikanTerakhirNama": e.jurusan,
        "jenisKelamin": {"L": "M", "P": "F"}.get(e.jenis_kelamin or ""),
        "kedudukanPnsNama": e.status, "bupPensiun": bup,
    }
    if e.tanggal_lahir is not None:
        record["tglLahir"] = date_text(e.tanggal_lahir)
        ends = retirement_date(e.tanggal_lahir, bup)
        record["tmtPensiun"] = date_text(date(ends.year + (ends.month == 12), ends.month % 12 + 1, 1))
    return record


def _job(pns: str, nip: str, post: Position, tmt: date, ref: Reference, k: int) -> dict[str, object]:
    unit = ref.place_of(post.nama, post.unit, post.lokasi)
    record: dict[str, object] = {
        "id": fake_id("rwj", nip, k), "pnsId": pns, "nipBaru": nip, "tmtJabatan": date_text(tmt),
        "unorId": fake_id("unor", unit), "unorNama": unit, "jenisJabatan": "1",
        "nomorSk": f"821/{k + 1:03d}/BKPSDM/{tmt.year}", "tanggalSk": date_text(tmt - timedelta(days=7)),
    }
    if post.jenis == "Fungsional":
        record.update(jenisJabatan="2", jabatanFungsionalNama=post.nama)
    elif post.jenis == "Pelaksana":
        record.update(jenisJabatan="4", jabatanFungsionalUmumNama=post.nama)
    else:
        record.update(jabatanStrukturalNama=post.nama, eselonNama=_ESELON.get(post.jenis, ""))
    return record


def _jobs(e: Employee, post: Position, pns: str, data: ProblemData, n: int, ref: Reference, moved: bool,
          redated: bool) -> list[dict[str, object]]:
    """One or two earlier posts (another post of the dataset), then the current one at the workbook's TMT."""
    earlier = data.positions[(n * 7 + 3) % len(data.positions)]
    first = e.tmt_jabatan - timedelta(days=365 * (2 + n % 5))
    records = [_job(pns, e.nip, earlier, first, ref, 0)]
    if n % 3 == 0:
        records.insert(0, _job(pns, e.nip, data.positions[(n * 11 + 5) % len(data.positions)],
                               first - timedelta(days=365 * 3), ref, 1))
    tmt = e.tmt_jabatan + timedelta(days=92) if redated else e.tmt_jabatan
    records.append(_job(pns, e.nip, post, tmt, ref, 2))
    if moved:
        other = next(p for p in data.positions if p.unit != post.unit and p.jenis == post.jenis)
        records.append(_job(pns, e.nip, other, max(e.tmt_jabatan, data.params.tanggal_acuan - timedelta(days=60)),
                            ref, 3))
    return records


def _courses(e: Employee, post: Position, pns: str, ref: Reference) -> list[dict[str, object]]:
    """Prajabatan for everyone; the leadership course of a structural post; the JF's pembentukan course."""
    names = ["Diklat Prajabatan"]
    if post.jenis in _LEADERSHIP:
        names.append(_LEADERSHIP[post.jenis])
    family = family_of_post(ref, post)
    if family is not None:
        names.append(f"Pelatihan Fungsional {family.nama} (pembentukan)")
    start = e.tmt_jabatan - timedelta(days=200)
    return [{"id": fake_id("dik", e.nip, k), "pnsId": pns, "nipBaru": e.nip, "latihanStrukturalNama": name,
             "tanggal": date_text(start + timedelta(days=30 * k)), "tahun": (start + timedelta(days=30 * k)).year}
            for k, name in enumerate(names)]


def _skp(e: Employee, pns: str, acuan: date, worse: bool) -> list[dict[str, object]]:
    """The two latest years: last year the workbook's predikat, the year before it or better."""
    last = "Butuh Perbaikan" if worse else e.kinerja
    return [{"id": fake_id("skp", e.nip, year), "pnsId": pns, "nipBaru": e.nip, "tahun": year,
             "predikatKinerja": predikat}
            for year, predikat in ((acuan.year - 2, _BETTER[e.kinerja]), (acuan.year - 1, last))]


def _sanctions(e: Employee, pns: str, acuan: date, planted: bool) -> list[dict[str, object]]:
    level = "Sedang" if planted else e.hukuman
    if level == "Tidak Ada":
        return []
    name, months = _SANCTION[level]
    end = e.akhir_hukuman if not planted else acuan + timedelta(days=180)
    start = min(acuan, end or acuan) - timedelta(days=30 * max(months, 1))  # begun before tanggal_acuan
    record: dict[str, object] = {"id": fake_id("hd", e.nip), "pnsId": pns, "nipBaru": e.nip,
                                 "jenisHukumanNama": name, "tmtHukuman": date_text(start)}
    if end is not None:
        record["akhirHukuman"] = date_text(end)
    elif months:
        record["masaBulan"] = months
    return [record]


def write_sample(sample: Sample, folder: Path, source: str) -> list[Path]:
    """One JSON file per kind in `folder`, each wrapped as SIASN answers ({"code": 1, "data": [...]})."""
    from penempatan.atomic import atomic_text

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for kind, name in FILE_NAMES.items():
        doc = {"code": 1, "keterangan": FICTIONAL.format(source=source), "data": sample.records[kind]}
        path = folder / name
        atomic_text(path, partial(_dump_json, doc), ".json")
        paths.append(path)
    return paths


def _dump_json(doc: dict[str, object], f: TextIO) -> None:
    """The wrapper on its first line, then one record per line (small, and readable in a diff)."""
    records = doc["data"]
    assert isinstance(records, list)
    head = json.dumps({k: v for k, v in doc.items() if k != "data"}, ensure_ascii=False)
    f.write(head[:-1] + ', "data": [\n')
    f.write(",\n".join(json.dumps(r, ensure_ascii=False) for r in records))
    f.write("\n]}\n")


def main(argv: list[str]) -> int:
    """Regenerate data/siasn-contoh/ from data/contoh.xlsx (or the given workbook and folder)."""
    from penempatan.excel.read import read_workbook

    root = Path(__file__).resolve().parents[2]
    source = Path(argv[0]) if argv else root / "data" / "contoh.xlsx"
    folder = Path(argv[1]) if len(argv) > 1 else root / "data" / "siasn-contoh"
    sample = sample_dumps(read_workbook(source).data, conflicts=True)
    for path in write_sample(sample, folder, source.name):
        print(path)
    for line in sample.planted:
        print("konflik sengaja:", line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
