"""The per-event values every view reads for all events (start, end, category, position),
gathered once per timeline and shared by the canvas, overview, list and search index. No
Qt here.

Reading one field of 100,000 events costs ~25 ms (each event is a separate object in
memory), so each field is read once per timeline, not once per widget. :func:`columns_of`
keeps the last timeline's columns, and has its category lanes grouped; being pure, they
may be built on a worker thread (the search index builds them where it is built).
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter

from viewer.lanes import LaneMode, assign_lanes
from viewer.model import Timeline

_T0, _T1, _CATEGORY = attrgetter("t0"), attrgetter("t1"), attrgetter("category")


@dataclass(frozen=True, slots=True, eq=False)
class Columns:
    """``t0[i]``, ``t1[i]`` and ``category[i]`` of event ``i``, and ``positions[id]`` = its
    index. Shared by every reader: read-only."""

    t0: list[float]
    t1: list[float]
    category: list[str | None]
    positions: dict[str, int]


_last: tuple[Timeline, Columns] | None = None


def columns_of(timeline: Timeline) -> Columns:
    """The columns of ``timeline``: the last ones built if they are for this very object."""
    global _last
    last = _last
    if last is not None and last[0] is timeline:
        return last[1]
    events = timeline.events
    columns = Columns(list(map(_T0, events)), list(map(_T1, events)),
                      list(map(_CATEGORY, events)), {e.id: i for i, e in enumerate(events)})
    # the lanes every view starts with (the list and filter pane always use them), kept
    # by assign_lanes for when the views ask
    assign_lanes(events, timeline.categories, LaneMode.CATEGORY, category_of=columns.category)
    _last = (timeline, columns)
    return columns
