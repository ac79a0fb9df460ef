"""The per-event values every view reads for all events (start, end, category, position),
gathered once per timeline and shared by the canvas, overview, list and search index. No
Qt here.

Reading one field of 100,000 events costs ~25 ms (each event is a separate object in
memory), so each field is read once per timeline, not once per widget: a loaded file's
:class:`viewer.document.Document` holds its columns, built on the loader's worker.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter

from viewer.model.model import Timeline

_T0, _T1, _CATEGORY = attrgetter("t0"), attrgetter("t1"), attrgetter("category")


@dataclass(frozen=True, slots=True, eq=False)
class Columns:
    """``t0[i]``, ``t1[i]`` and ``category[i]`` of event ``i``, and ``positions[id]`` = its
    index. Shared by every reader: read-only."""

    t0: list[float]
    t1: list[float]
    category: list[str | None]
    positions: dict[str, int]


def columns_of(timeline: Timeline) -> Columns:
    """The columns of ``timeline``, read now (pure: the document keeps them)."""
    events = timeline.events
    return Columns(list(map(_T0, events)), list(map(_T1, events)),
                   list(map(_CATEGORY, events)), {e.id: i for i, e in enumerate(events)})
