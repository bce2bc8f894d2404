"""The employees' voice (SPEC 9): the published priority of every requester (`priority`), the ranked wishes served
in that order before the plan is made (`serve`) and the fairness report of a plan (`fairness`). The wishes
themselves are input data: `model.Wish`, `ProblemData.wishes` (sheet Permintaan) and `ProblemData.wish_lists`
(with the Unit Diminati after the ranked wishes)."""
