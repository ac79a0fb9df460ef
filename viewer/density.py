"""How many events fall in each of ``bins`` equal slices of a window: the overview's bars."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Container, Sequence

from viewer.model import Event


def starts_of(events: Sequence[Event]) -> list[float]:
    return [e.t0 for e in events]


def density(starts: Sequence[float], start: float, end: float, bins: int,
            skip: Container[int] = ()) -> list[int]:
    """Counts of event starts per slice of ``[start, end)``; ``starts`` sorted ascending
    (see :func:`starts_of`). Events whose index is in ``skip`` (filtered out) are not counted.
    """
    counts = [0] * max(bins, 0)
    if bins <= 0 or not end > start:
        return counts
    first, last = bisect_left(starts, start), bisect_right(starts, end)
    width = (end - start) / bins
    for i in range(first, last):
        if i in skip:
            continue
        slot = int((starts[i] - start) / width)
        counts[min(slot, bins - 1)] += 1
    return counts
