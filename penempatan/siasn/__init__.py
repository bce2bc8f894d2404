"""SIASN histories in (SPEC 10): history dumps read offline (`dump`), per-person facts with the record each came
from (`history`), the planner's workbook filled and cross-checked (`merge`) or a new one built from the dumps
alone (`build`), written with sheets Sumber SIASN and Konflik SIASN (`write`); `sample` makes fictional dumps.
"""
