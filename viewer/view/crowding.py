"""Where a lane's starts are denser than its rows can show, and the runs of them that are
drawn as one cluster; no Qt. Part of :func:`viewer.view.lanes.stack_lane`.

Both work on the lane's starts in world px, in start order, and make their passes in C
(``map``, ``accumulate``, ``bisect``): a lane of the whole of a 100,000-event file is
almost all dense starts, and a loop in Python per start cost most of laying it out.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from itertools import accumulate, chain, compress, islice, repeat
from operator import add, ge, getitem, lt, not_
from typing import cast

CLUSTER_MARKERS = 4  # a cluster gathers dense starts over at most this many marker widths
_NOWHERE = -math.inf  # the reach of a window that is not crowded


def dense(xs: Sequence[float], marker: float, max_rows: int) -> list[bool]:
    """Which starts lie in a marker-wide window holding more than ``max_rows`` starts:
    ``k`` is dense when some window ``[xs[i], xs[i] + marker)`` with ``i <= k`` holds
    ``xs[k]`` and more than ``max_rows`` starts (``xs`` ascending)."""
    ends = list(map(add, xs, repeat(marker)))  # where each start's window ends
    # a window holds more than max_rows starts when the max_rows-th start after its own does
    crowded = chain(map(lt, islice(xs, max_rows, None), ends), repeat(False, max_rows))
    marks = cast("Iterator[float]", map(getitem, zip(repeat(_NOWHERE), ends), crowded))
    reach = accumulate(marks, max)
    return list(map(lt, xs, reach))  # inside the furthest crowded window begun so far


def units(order: Sequence[int], xs: Sequence[float], crowded: Sequence[bool],
          marker: float) -> list[list[int]]:
    """Events to pack, in the order of their first start: alone, or a run of dense
    neighbours to cluster. A run goes on while the next dense start is less than a marker
    after the previous one and less than :data:`CLUSTER_MARKERS` markers after its first
    (the starts that are not dense in between stay alone, and do not end it)."""
    n = len(order)
    if not any(crowded):
        return [[i] for i in order]
    alone = list(compress(range(n), map(not_, crowded)))
    slots: list[list[int] | None] = [None] * n  # each unit at the place of its first start
    for k in alone:
        slots[k] = [order[k]]
    places = list(compress(range(n), crowded))
    ids = list(compress(order, crowded))
    cx = list(compress(xs, crowded))
    m = len(cx)
    # where the next dense start is a marker or more after the previous one
    gaps = list(compress(range(1, m), map(ge, islice(cx, 1, None), map(add, cx, repeat(marker)))))
    reach = CLUSTER_MARKERS * marker
    s = 0
    while s < m:
        g = bisect_right(gaps, s)
        end = min(gaps[g] if g < len(gaps) else m, bisect_left(cx, cx[s] + reach, s + 1, m))
        slots[places[s]] = ids[s:end]
        s = end
    return list(filter(None, slots))  # units are never empty
