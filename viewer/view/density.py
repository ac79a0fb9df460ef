"""How many events fall in each of ``bins`` equal slices of a window: the overview's bars.

A :class:`Density` costs nothing to make for a new filter; each set of bars costs
O(bins · log n) bisections plus one pass in C over the filter's mask, whatever the number
of events, so the overview repaints in constant time.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from itertools import pairwise

from viewer.model.model import Event


def starts_of(events: Sequence[Event]) -> list[float]:
    return [e.t0 for e in events]


class Density:
    """Event starts (sorted) and, with a filter ``mask``, which of them are kept."""

    def __init__(self, starts: Sequence[float], mask: bytes | None = None) -> None:
        self._starts = starts
        self._mask = mask

    def counts(self, start: float, end: float, bins: int) -> list[int]:
        """Counts of kept starts per slice of ``[start, end]`` (the last slice includes
        ``end``)."""
        if bins <= 0 or not end > start:
            return [0] * max(bins, 0)
        width = (end - start) / bins
        starts = self._starts
        edges = [bisect_left(starts, start + k * width) for k in range(bins)]
        edges.append(bisect_right(starts, end))
        mask = self._mask
        if mask is None:
            return [b - a for a, b in pairwise(edges)]
        return [b - a - mask.count(0, a, b) for a, b in pairwise(edges)]


def density(starts: Sequence[float], start: float, end: float, bins: int,
            mask: bytes | None = None) -> list[int]:
    """Counts of event starts per slice of ``[start, end]``; ``starts`` sorted ascending
    (see :func:`starts_of`); with ``mask``, only events whose byte is non-zero count."""
    return Density(starts, mask).counts(start, end, bins)
