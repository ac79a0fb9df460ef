"""The overview's bars count what a naive count counts, filtered or not, at any size."""

from hypothesis import given
from hypothesis import strategies as st

from viewer.view.density import Density, density


def naive(starts, start, end, bins, mask=None):
    counts = [0] * bins
    width = (end - start) / bins
    for i, s in enumerate(starts):
        if start <= s <= end and (mask is None or mask[i]):
            counts[min(int((s - start) / width), bins - 1)] += 1
    return counts


@given(st.lists(st.integers(0, 1000), max_size=300), st.integers(1, 40),
       st.integers(0, 500), st.integers(1, 600), st.randoms())
def test_counts_match_a_naive_count(starts, bins, start, length, rnd):
    starts = sorted(float(s) for s in starts)
    mask = bytes(rnd.randint(0, 2) for _ in starts)  # any non-zero byte keeps its event
    # edges on whole numbers: both counts see the same slices
    end = float(start + bins * max(length // bins, 1))
    assert density(starts, start, end, bins) == naive(starts, start, end, bins)
    assert Density(starts, mask).counts(start, end, bins) == naive(starts, start, end, bins,
                                                                    mask)


def test_an_empty_window_or_no_bins():
    assert density([1.0, 2.0], 5.0, 5.0, 3) == [0, 0, 0]
    assert density([1.0], 0.0, 2.0, 0) == []
