"""Reference tables from `data/`: golongan, jenjang pendidikan, jenis jabatan, rumpun, kinerja,
jabatan fungsional, bidang jabatan, pelatihan (SPEC 2.4) and the 9-box of kotak talenta (SPEC 2.1).

The tables are editable CSV files, never constants in code; this package loads them (load.py), checks them (a wrong
edit by a BKPSDM is a `ReferenceDataError` naming the file, line and value) and normalises the many
spellings found in BKPSDM and SIASN spreadsheets to one canonical code.

Keyword tables (rumpun.csv, jabatan_fungsional.csv, bidang_jabatan.csv) are matched on whole-word
sequences after lower-casing and splitting at every non-alphanumeric character ("S-1 Keperawatan / Ners" is
the words s 1 keperawatan ners). The longest keyword found wins; between keywords of the same length:
- rumpun.csv: a specific field wins over `umum` ("SMK Akuntansi" is ekonomi_akuntansi, "SMA IPA" umum), then
  the keyword that starts first ("Pendidikan Matematika" is keguruan, "Perbankan Syariah" ekonomi_akuntansi);
- jabatan_fungsional.csv: the keyword that starts first;
- bidang_jabatan.csv: a keyword with an empty `bidang` marks a general post (Sekretaris, Kepala Dinas …) and
  wins over any other keyword: the post takes every field whatever else its name contains.

Training names are mapped by rumpun.csv like programmes. Choices a BKPSDM may want to revisit: general
leadership and service courses (Kepemimpinan, PKP/PKA/PKN, Pelayanan Publik, Perencanaan, Kepegawaian) count
for `manajemen`, not `administrasi_sosial`, so such a course never opens a social-work or government post;
finance software courses (SIMDA, SIPD) count for ekonomi_akuntansi; a bare "Penyuluhan" for pertanian;
Latsar/Prajabatan are `umum`, which the reader does not record as a trained field.
"""

from penempatan.reference.load import ReferenceDataError, data_dir, load_reference
from penempatan.reference.lookups import Reference
from penempatan.reference.rows import (
    KAPAN,
    PEMICU,
    PENGEMBANGAN,
    UMUM,
    Alasan,
    Golongan,
    JabatanFungsional,
    JenisJabatan,
    Kinerja,
    KotakTalenta,
    Pelatihan,
    Words,
    words,
)

__all__ = ["KAPAN", "PEMICU", "PENGEMBANGAN", "UMUM", "Alasan", "Golongan", "JabatanFungsional", "JenisJabatan",
           "Kinerja", "KotakTalenta", "Pelatihan", "Reference", "ReferenceDataError", "Words", "data_dir",
           "load_reference", "words"]
