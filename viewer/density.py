"""How many events fall in each of ``bins`` equal slices of a window: the overview's bars.

A :class:`Density` is built once per timeline and filter (O(n)); each set of bars then costs
O(bins · log n), whatever the number of events, so the overview repaints in constant time.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from itertools import accumulate, pairwise

from viewer.model import Event


def starts_of(events: Sequence[Event]) -> list[float]:
    return [e.t0 for e in events]


class Density:
    """Event starts (sorted) and, with a filter ``mask``, how many are kept up to each."""

    def __init__(self, starts: Sequence[float], mask: bytes | None = None) -> None:
        self._starts = starts
        self._kept = None if mask is None else [0, *accumulate(mask)]

    def _count_below(self, t: float, *, inclusive: bool) -> int:
        i = (bisect_right if inclusive else bisect_left)(self._starts, t)
        return i if self._kept is None else self._kept[i]

    def counts(self, start: float, end: float, bins: int) -> list[int]:
        """Counts of kept starts per slice of ``[start, end]`` (the last slice includes
        ``end``)."""
        if bins <= 0 or not end > start:
            return [0] * max(bins, 0)
        width = (end - start) / bins
        edges = [self._count_below(start + k * width, inclusive=False) for k in range(bins)]
        edges.append(self._count_below(end, inclusive=True))
        return [b - a for a, b in pairwise(edges)]


def density(starts: Sequence[float], start: float, end: float, bins: int,
            mask: bytes | None = None) -> list[int]:
    """Counts of event starts per slice of ``[start, end]``; ``starts`` sorted ascending
    (see :func:`starts_of`); with ``mask``, only events whose byte is non-zero count."""
    return Density(starts, mask).counts(start, end, bins)
