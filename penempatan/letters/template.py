"""The letter template (data/surat-template.docx): the kop surat, the place and date, the addressee, the
letter's body, the signature block and the reply slip, each a placeholder in a plain paragraph an office
restyles in Word or LibreOffice. The committed file was made once by `write_default_template`; `penempatan
surat` reads it, or an office's own template given with `--templat` (checked by `render.check_template`).

Field placeholders, anywhere in a paragraph of the document's body: {{NAMA}}, {{NIP}}, {{JABATAN_ASAL}},
{{UNIT_ASAL}}, {{JABATAN_TUJUAN}}, {{UNIT_TUJUAN}}, {{BATAS_TANGGAPAN}}, {{TANGGAL_ACUAN}}, {{TANGGAL_SURAT}},
{{TEMPAT_SURAT}}, {{KELAS_ASAL}}, {{KELAS_TUJUAN}}, {{TEMPAT_KERJA_TUJUAN}}, {{ALAMAT_TUJUAN}},
{{NAMA_INSTANSI}}, {{ALAMAT_INSTANSI}}, {{KONTAK}}. Block placeholders, each alone in its paragraph, which
becomes several: {{ISI_SURAT}} (the letter's body, required), {{LEMBAR_TANGGAPAN}} (the reply slip),
{{KOP_SURAT}} (nama_instansi and alamat_instansi) and {{PENANDA_TANGAN}} (penanda_tangan); the lines of a
block take the alignment, indent and font of its paragraph.
"""

from __future__ import annotations

from pathlib import Path

from penempatan.reference import data_dir

TEMPLATE_NAME = "surat-template.docx"
BODY = "{{ISI_SURAT}}"
REPLY = "{{LEMBAR_TANGGAPAN}}"
KOP = "{{KOP_SURAT}}"
SIGNATURE = "{{PENANDA_TANGAN}}"
BLOCKS = ("ISI_SURAT", "LEMBAR_TANGGAPAN", "KOP_SURAT", "PENANDA_TANGAN")
FIELDS = ("NAMA", "NIP", "JABATAN_ASAL", "UNIT_ASAL", "JABATAN_TUJUAN", "UNIT_TUJUAN", "BATAS_TANGGAPAN",
          "TANGGAL_ACUAN", "KELAS_ASAL", "KELAS_TUJUAN", "TEMPAT_KERJA_TUJUAN", "ALAMAT_TUJUAN", "PERIHAL",
          "TANGGAL_SURAT", "TEMPAT_SURAT", "NAMA_INSTANSI", "ALAMAT_INSTANSI", "KONTAK")
"""In the order a letter fills them: its own, then the sender's (`Sender.fields`)."""


def template_path() -> Path:
    """The template shipped in data/ (the packaged copy or the checkout's)."""
    return data_dir() / TEMPLATE_NAME


_HEAD = ("Nomor\t: ....................", "Sifat\t: Rahasia", "Lampiran\t: -",
         "Perihal\t: {{PERIHAL}}")
_TO = ("Yth. {{NAMA}}", "NIP {{NIP}}", "{{JABATAN_ASAL}}, {{UNIT_ASAL}}", "di tempat")


def write_default_template(path: Path) -> None:
    """Write the default template to `path` (how data/surat-template.docx was made)."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)  # A4
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin = section.bottom_margin = Cm(2.0)
    doc.styles["Normal"].font.name = "Arial"
    doc.styles["Normal"].font.size = Pt(11)
    doc.add_paragraph(KOP).alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph("_" * 78)
    doc.add_paragraph("{{TEMPAT_SURAT}}, {{TANGGAL_SURAT}}").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for line in _HEAD:
        doc.add_paragraph(line)
    doc.add_paragraph("")
    for line in _TO:
        doc.add_paragraph(line)
    doc.add_paragraph("")
    doc.add_paragraph("Dengan hormat,")
    doc.add_paragraph(BODY)
    doc.add_paragraph("Demikian kami sampaikan. Atas perhatian Anda kami ucapkan terima kasih.")
    doc.add_paragraph("")
    doc.add_paragraph(SIGNATURE).paragraph_format.left_indent = Cm(9)
    doc.add_paragraph("_" * 78)
    doc.add_paragraph(REPLY)
    doc.core_properties.author = "penempatan"
    doc.core_properties.title = "Templat surat usulan mutasi"
    doc.save(str(path))
