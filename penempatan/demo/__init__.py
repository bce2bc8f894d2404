"""The fictional pemda generator: "Pemerintah Daerah Alak", a realistic but invented ProblemData (SPEC 1).

Every name is built from syllables and every number comes from one seeded generator, so the same
(n_pegawai, seed, tanggal_acuan) always gives the same data and no real person appears in it.

    draw          weighted and uniform choices from one uniform number
    programmes    study programmes (program_studi.csv) and how a person's is chosen
    families      jabatan fungsional families (keluarga_jf.toml), Guru subjects, planted R18 cases
    units         the OPD of the pemda and the templates of its schools and puskesmas
    organisation  the peta jabatan: posts, Kebutuhan, holders, vacancies, must-fill seats
    names         fictional names from syllables
    people        one employee per holder, drawn to fit the post
    generate      generate_demo
"""

from penempatan.demo.generate import LABEL, MIN_PEGAWAI, PEMDA, generate_demo

__all__ = ["LABEL", "MIN_PEGAWAI", "PEMDA", "generate_demo"]
