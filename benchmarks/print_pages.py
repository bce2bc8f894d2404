"""How a plan workbook prints (issue 23): pages, printed font sizes and overprinting per sheet, measured on the
PDF LibreOffice makes of it.

    python benchmarks/print_pages.py HASIL.xlsx [--pdf HASIL.pdf] [--list-sheet "Daftar Usulan"]
    python benchmarks/print_pages.py --pdf-only BUKU.pdf        # a PDF printed by Chromium (the report)

Needs `soffice` (LibreOffice) for the conversion and `pdftohtml` (poppler-utils) to read the PDF back; skips
with a message when they are missing. Each page is given to the sheet named in its footer (every sheet's footer
names its sheet, `&A`); pages without one are counted under "(lain)". Font sizes are read at a tenth of a
point (pdftohtml -zoom 10), without the page header and footer. "Tumpang tindih" counts pairs of text lines
on a page whose boxes overlap (wrapped text overprinting a shorter row). For the list sheet also: moves per
page (numbers in its `No` column) and whether every word of the sheet's cells is in the PDF (a row too short
for its text cuts words off).
"""

from __future__ import annotations

import argparse
import math
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET  # the XML is pdftohtml's output for our own files
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ZOOM = 3  # pdftohtml coordinates and font sizes in thirds of a point (it zooms at most 3 times)
EDGE = 0.075  # the top and bottom share of a page taken by the page header and footer


@dataclass
class Text:
    top: float
    left: float
    width: float
    height: float
    size: float
    text: str


@dataclass
class SheetPrint:
    pages: int = 0
    sizes: Counter[float] = field(default_factory=Counter)
    overlaps: int = 0
    numbers_per_page: list[int] = field(default_factory=list)
    words: set[str] = field(default_factory=set)


def convert(xlsx: Path, outdir: Path) -> Path:
    """The workbook as PDF, printed by LibreOffice with the sheets' own page setup."""
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(outdir), str(xlsx)],
                   check=True, capture_output=True, timeout=1800)
    return outdir / (xlsx.stem + ".pdf")


def pages(pdf: Path) -> list[tuple[float, list[Text]]]:
    """(page height, texts) of every page, in points."""
    xml = subprocess.run(["pdftohtml", "-xml", "-i", "-q", "-zoom", str(ZOOM), "-stdout", str(pdf)],
                         check=True, capture_output=True, timeout=1800).stdout
    root = ET.fromstring(xml)
    fonts: dict[str, float] = {}
    out = []
    for page in root.iter("page"):
        for spec in page.iter("fontspec"):
            fonts[spec.get("id", "")] = float(spec.get("size", "0")) / ZOOM
        texts = [Text(*(float(t.get(k, "0")) / ZOOM for k in ("top", "left", "width", "height")),
                      fonts.get(t.get("font", ""), 0.0), "".join(t.itertext()).strip())
                 for t in page.iter("text")]
        out.append((float(page.get("height", "0")) / ZOOM, [t for t in texts if t.text]))
    return out


def overlaps(texts: list[Text]) -> int:
    """Pairs of text boxes that overlap by more than a third of the smaller height and by 1 pt across."""
    boxes = sorted(texts, key=lambda t: t.top)
    n = 0
    for k, a in enumerate(boxes):
        for b in boxes[k + 1:]:
            if b.top >= a.top + a.height:
                break
            tall = min(a.top + a.height, b.top + b.height) - b.top
            wide = min(a.left + a.width, b.left + b.width) - max(a.left, b.left)
            if tall > min(a.height, b.height) / 3 and wide > 1:
                n += 1
    return n


def measure(pdf: Path, sheet_names: list[str]) -> dict[str, SheetPrint]:
    out: dict[str, SheetPrint] = defaultdict(SheetPrint)
    for height, texts in pages(pdf):
        foot = [t for t in texts if t.top > height * (1 - EDGE)]
        name = next((t.text for t in foot if t.text in sheet_names), "(lain)")
        body = [t for t in texts if height * EDGE < t.top < height * (1 - EDGE)]
        sheet = out[name]
        sheet.pages += 1
        sheet.sizes.update(round(t.size, 1) for t in body)
        sheet.overlaps += overlaps(body)
        left = min((t.left for t in body), default=0)
        sheet.numbers_per_page.append(sum(1 for t in body if t.left < left + 8 and t.text.isdigit()))
        for t in body:  # a word wrapped at its hyphen is printed as two pieces
            sheet.words.update(piece for w in t.text.split() for piece in (w, *w.split("-")) if piece)
    return out


def cell_words(xlsx: Path, sheet: str) -> set[str]:
    from openpyxl import load_workbook

    wb = load_workbook(xlsx, read_only=True)
    words: set[str] = set()
    for row in wb[sheet].iter_rows(min_row=2, values_only=True):
        for v in row:
            if isinstance(v, str):
                words.update(v.split())
    wb.close()
    return words


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("workbook", nargs="?", type=Path)
    parser.add_argument("--pdf", type=Path, help="keep LibreOffice's PDF here")
    parser.add_argument("--pdf-only", type=Path, help="measure this PDF (e.g. Chromium's print of the report)")
    parser.add_argument("--list-sheet", default="Daftar Usulan")
    parser.add_argument("--words-from", type=Path, help="with --pdf-only: the plan workbook whose list sheet's "
                        "words must all be in the PDF (a clipped column loses some)")
    args = parser.parse_args()
    if shutil.which("pdftohtml") is None:
        print("dilewati: pdftohtml (poppler-utils) tidak ada")
        return 0
    if args.pdf_only:
        result = measure(args.pdf_only, [])
        listed = None
        if args.words_from:
            result = {args.list_sheet: result["(lain)"]}
            listed = (args.list_sheet, cell_words(args.words_from, args.list_sheet))
        show(result, listed)
        return 0
    if args.workbook is None:
        parser.error("workbook or --pdf-only is needed")
    if shutil.which("soffice") is None:
        print("dilewati: soffice (LibreOffice) tidak ada")
        return 0
    from openpyxl import load_workbook

    names = load_workbook(args.workbook, read_only=True).sheetnames
    with tempfile.TemporaryDirectory() as tmp:
        pdf = convert(args.workbook, Path(tmp))
        if args.pdf:
            shutil.copyfile(pdf, args.pdf)
        result = measure(pdf, names)
    listed = None
    if args.list_sheet in names and args.list_sheet in result:
        listed = (args.list_sheet, cell_words(args.workbook, args.list_sheet))
    show(result, listed, names)
    return 0


def show(result: dict[str, SheetPrint], listed: tuple[str, set[str]] | None, order: list[str] | None = None) -> None:
    print("| sheet | halaman | font terkecil (pt) | font terbanyak (pt) | tumpang tindih | catatan |")
    print("|---|---:|---:|---:|---:|---|")
    for name in [*(order or []), *sorted(set(result) - set(order or []))]:
        if name not in result:
            continue
        s = result[name]
        smallest = min(s.sizes, default=math.nan)
        common = s.sizes.most_common(1)[0][0] if s.sizes else math.nan
        note = ""
        if listed and name == listed[0]:
            per = [n for n in s.numbers_per_page if n]
            missing = {w for w in listed[1] if w not in s.words and not re.fullmatch(r"[.()]+|NIP|\.+\)", w)
                       and not all(piece in s.words for piece in w.split("-") if piece)}
            note = (f"{sum(per)} baris bernomor, {min(per, default=0)}–{max(per, default=0)} per halaman; "
                    f"kata sel yang tidak tercetak: {len(missing)}")
            if missing:
                note += " (" + ", ".join(sorted(missing)[:5]) + ")"
        print(f"| {name} | {s.pages} | {smallest:.1f} | {common:.1f} | {s.overlaps} | {note} |")


if __name__ == "__main__":
    sys.exit(main())
