"""The letter template (data/surat-template.docx): a kop surat block, the addressee, the placeholder
{{ISI_SURAT}} for the body and a signature block, each a plain paragraph an office restyles in Word or
LibreOffice (its own letterhead, logo, signatory). The committed file was made once by
`write_default_template`; `penempatan surat` only reads it.

Placeholders: {{NAMA}}, {{NIP}}, {{JABATAN_ASAL}}, {{UNIT_ASAL}}, {{JABATAN_TUJUAN}}, {{UNIT_TUJUAN}},
{{BATAS_TANGGAPAN}}, {{TANGGAL_ACUAN}} anywhere in a paragraph; {{ISI_SURAT}} (the letter's body) and
{{LEMBAR_TANGGAPAN}} (the reply slip, optional) alone in their paragraphs.
"""

from __future__ import annotations

from pathlib import Path

from penempatan.reference import data_dir

TEMPLATE_NAME = "surat-template.docx"
BODY = "{{ISI_SURAT}}"
REPLY = "{{LEMBAR_TANGGAPAN}}"


def template_path() -> Path:
    """The template shipped in data/ (the packaged copy or the checkout's)."""
    return data_dir() / TEMPLATE_NAME


_KOP = ("[KOP SURAT: ganti blok ini dengan kop surat instansi Anda]",
        "PEMERINTAH DAERAH ....................",
        "BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA",
        "Alamat ....................  Telepon ....................")
_HEAD = ("Nomor\t: ....................", "Sifat\t: Rahasia", "Lampiran\t: -",
         "Perihal\t: Rancangan usulan mutasi (untuk ditanggapi)")
_TO = ("Yth. {{NAMA}}", "NIP {{NIP}}", "{{JABATAN_ASAL}}, {{UNIT_ASAL}}", "di tempat")
_SIGN = ("[BLOK TANDA TANGAN: ganti dengan jabatan, nama dan NIP penanda tangan]",
         "Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia,", "", "", "",
         "....................................", "NIP ....................")


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
    for k, line in enumerate(_KOP):
        p = doc.add_paragraph(line)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if k:
            p.runs[0].bold = k < 3
    doc.add_paragraph("_" * 78)
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
    for line in _SIGN:
        p = doc.add_paragraph(line)
        p.paragraph_format.left_indent = Cm(9)
    doc.add_paragraph("_" * 78)
    doc.add_paragraph(REPLY)
    doc.core_properties.author = "penempatan"
    doc.core_properties.title = "Templat surat usulan mutasi"
    doc.save(str(path))
