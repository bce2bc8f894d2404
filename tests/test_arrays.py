"""penempatan.arrays: the sort-based helpers the hot paths use instead of numpy's hashing ones."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from penempatan.arrays import unique


@given(st.lists(st.integers(min_value=-(2**40), max_value=2**40), max_size=200))
def test_unique_matches_numpy(values: list[int]) -> None:
    array = np.array(values, dtype=np.int64)
    got = unique(array)
    assert got.dtype == array.dtype
    assert np.array_equal(got, np.unique(array))
