"""From a decided plan to the decree (SPEC 10): `penempatan paket`.

Modules, one concept each: `approved` (which moves the Baperjakat approved, rejected or left undecided),
`entries` (each approved move with its kind, reason and legal basis), `sk` (the Keputusan drafts, one per kind),
`minutes` (the Berita Acara), `siasn_rows` (the job-history rows for SIASN / I-MUT), `preflight` (what a
registry would refuse), `document` (the .docx writer they share) and `package` (all of it, written to a folder).
"""

from penempatan.decree.approved import Outcome, Verdicts, undecided_message, verdicts
from penempatan.decree.entries import Entry, legal_sources
from penempatan.decree.minutes import Minutes
from penempatan.decree.package import Package, make_package, write_package
from penempatan.decree.preflight import Finding, preflight

__all__ = ["Entry", "Finding", "Minutes", "Outcome", "Package", "Verdicts", "legal_sources", "make_package",
           "preflight", "undecided_message", "verdicts", "write_package"]
