"""The letter drafts of `penempatan surat` (SPEC 7): one .docx per mover, from the template in data/ or the
office's own (`--templat`), the sender (kop, address, signer, contact) from the parameters.

`content` turns one mover of a `PlanView` into a `Letter` (plain data: the employee's words, the same
`Penjelasan` as the plan workbook, no rule codes and no scores); `template` makes and finds the .docx template
an office restyles with its own kop surat and signature block; `render` fills it, one letter per document or
all of them in one document for printing (each letter from an odd page on); `write` puts the files and
`daftar-surat.xlsx` in a folder.
"""

from penempatan.letters.content import Letter, Sender, file_name, letters_for
from penempatan.letters.render import TemplateError, check_template, render_letters
from penempatan.letters.template import TEMPLATE_NAME, template_path, write_default_template
from penempatan.letters.write import COMBINED_NAME, LIST_COLUMNS, LIST_NAME, write_letter_list, write_letters

__all__ = ["COMBINED_NAME", "LIST_COLUMNS", "LIST_NAME", "TEMPLATE_NAME", "Letter", "Sender", "TemplateError",
           "check_template", "file_name", "letters_for", "render_letters", "template_path", "write_default_template",
           "write_letter_list", "write_letters"]
