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
        # level → lane key → event id → (row, the event's start and title then)
        self._levels: OrderedDict[float, dict[str, dict[str, tuple[int, float, str]]]] = \
            OrderedDict()

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
            was = get(events[index].id)
            return was[0] if was is not None else None

        return prefer

    def unchanged(self, level: float, lane: Lane,
                  events: Sequence[Event]) -> Callable[[int], bool] | None:
        """Event index → whether it was laid out in ``lane`` at ``level`` with the same
        start and title (so a label of it in another's way is the one that was cut there
        before, not one an edit made longer or moved); None when nothing is remembered."""
        lanes = self._levels.get(level)
        rows = lanes.get(lane.key) if lanes is not None else None
        if not rows:
            return None
        get = rows.get

        def same(index: int) -> bool:
            event = events[index]
            was = get(event.id)
            return was is not None and was[1] == event.t0 and was[2] == event.title

        return same

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
            event = events[placed.index]
            rows[event.id] = (placed.row, event.t0, event.title)
        for cluster in layout.clusters:
            row = cluster.row
            for index in cluster.members:
                event = events[index]
                rows[event.id] = (row, event.t0, event.title)
