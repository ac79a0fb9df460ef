"""Which row of its lane each event was last given, so that a layout made again (after a
save, or over another stretch of a large file) puts events back where they were. No Qt.

Rows are remembered by layout level, then lane key, then event id: ids are what stays
the same when the file is saved again (indexes shift when an event is added)."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence

from viewer.model.model import Event
from viewer.view.lanes import Lane, LaneLayout


class RowMemory:
    """The rows events were last laid out in, at the ``size`` levels laid out most
    recently. A layout asks for its :meth:`preference` and then :meth:`remember`\\ s what
    it made; later layouts of other events leave what they do not hold as it was."""

    def __init__(self, size: int = 8) -> None:
        self._size = max(size, 1)
        self._levels: OrderedDict[float, dict[str, dict[str, int]]] = OrderedDict()

    def preference(self, level: float, lane: Lane,
                   events: Sequence[Event]) -> Callable[[int], int | None] | None:
        """Event index → the row it had in ``lane`` at ``level`` (None: not laid out
        there yet); None when nothing of this lane at this level is remembered."""
        lanes = self._levels.get(level)
        rows = lanes.get(lane.key) if lanes is not None else None
        if not rows:
            return None
        get = rows.get

        def prefer(index: int) -> int | None:
            return get(events[index].id)

        return prefer

    def remember(self, level: float, lane: Lane, events: Sequence[Event],
                 layout: LaneLayout) -> None:
        """Keep the rows of ``layout`` (``lane`` at ``level``): its items' and every
        member's of its clusters."""
        levels = self._levels
        lanes = levels.get(level)
        if lanes is None:
            lanes = levels[level] = {}
            while len(levels) > self._size:
                levels.popitem(last=False)
        else:
            levels.move_to_end(level)
        rows = lanes.get(lane.key)
        if rows is None:
            rows = lanes[lane.key] = {}
        for placed in layout.items:
            rows[events[placed.index].id] = placed.row
        for cluster in layout.clusters:
            row = cluster.row
            for index in cluster.members:
                rows[events[index].id] = row
