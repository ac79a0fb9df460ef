"""The scene: lanes stacked top to bottom, each with its rows laid out, at one zoom level.

Layout is done at a *level*, the zoom quantised down to a fixed ladder (four levels per
doubling), and reused for every zoom between that level and the next and for all panning.
Drawing at a zoom ``z`` finer than the level ``q`` multiplies every world x by ``z / q``:
gaps only grow, and text keeps its width, so nothing laid out apart can come to overlap.

A file of up to :data:`FULL_LAYOUT_MAX` events is laid out whole at each level. A larger
one is laid out over an *extent*: the visible time and a margin around it, snapped to
tiles of :data:`TILE_PX` pixels so that panning reuses it, and only the events that reach
into it, so a level costs what is on screen, not what is in the file. A new extent
overlapping one laid out before at its level keeps that one's marks and fits the other
events around them, so that panning moves nothing on screen to another row. No Qt here: text is
measured by the function passed in (each text once per file, whatever the level).
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import accumulate, compress, islice, repeat
from operator import attrgetter, ge, le, lt, sub

from viewer.model.columns import Columns
from viewer.model.model import Event
from viewer.model.palette import lane_colour
from viewer.view.lanes import Cluster, Lane, LaneLayout, Placed, memoised, stack_lane
from viewer.view.rows import RowMemory

LEVELS_PER_DOUBLING = 4
FULL_LAYOUT_MAX = 500  # events; larger files are laid out over the visible extent
TILE_PX = 2_048.0  # extents are whole tiles of this many world px at their level


@dataclass(frozen=True, slots=True)
class Metrics:
    """The canvas's fixed geometry in device-independent pixels."""

    axis_height: float = 46.0  # two rows of tick labels
    period_strip: float = 20.0  # titles of periods, under the axis
    header_width: float = 168.0  # lane names, left of the time area
    row_height: float = 24.0
    lane_padding: float = 6.0  # above the first and below the last row of a lane
    marker: float = 10.0
    max_rows: int = 6
    gap: float = 8.0
    min_lane_height: float = 48.0  # room for the header's name and count

    @property
    def lanes_top(self) -> float:
        return self.axis_height + self.period_strip


def level_of(px_per_second: float) -> float:
    """The layout level for a zoom: the ladder step at or just below it."""
    exponent = math.floor(math.log2(px_per_second) * LEVELS_PER_DOUBLING)
    return float(2.0 ** (exponent / LEVELS_PER_DOUBLING))


@dataclass(frozen=True, slots=True)
class LaneBox:
    """One lane placed vertically; items and clusters in world px at the scene's level."""

    lane: Lane
    colour: str
    top: float  # relative to the top of the first lane
    height: float
    layout: LaneLayout
    _item_x0: tuple[float, ...] = field(repr=False, compare=False)  # starts, ascending
    _item_reach: tuple[float, ...] = field(repr=False, compare=False)
    _cluster_x0: tuple[float, ...] = field(repr=False, compare=False)
    _cluster_x1: tuple[float, ...] = field(repr=False, compare=False)
    _item_ends: tuple[float, ...] = field(repr=False, compare=False)  # each item's own reach
    _cluster_reach: tuple[float, ...] = field(repr=False, compare=False)  # members' ends, max
    _cluster_ends: tuple[float, ...] = field(repr=False, compare=False)  # each one's own
    _half: float = field(default=0.0, repr=False, compare=False)  # a marker before its start
    shown_rows: tuple[int, ...] = ()  # layout row -> row drawn (-1: none); () as laid out
    in_view: int = -1  # events in the window fitted to (-1: not fitted to a window)

    def row_of(self, row: int) -> int:
        """Where a layout row is drawn once the lane is fitted to a window."""
        shown = self.shown_rows
        return shown[row] if row < len(shown) else row

    def items_between(self, wx0: float, wx1: float) -> Sequence[Placed]:
        """Items whose mark, label or bracket reaches into [wx0, wx1] (world px at level)."""
        first = bisect_left(self._item_reach, wx0)  # reach is a running maximum: sorted
        last = bisect_right(self._item_x0, wx1)  # starting by wx1: their mark does too
        if first >= last:
            found: list[Placed] = []
        else:
            # a long bar keeps that maximum up: of the items after it, only those reaching
            # wx0 (at a one-year window of 100,000 events, 148 of the 312 in the slice)
            found = list(compress(self.layout.items[first:last],
                                  map(ge, self._item_ends[first:last], repeat(wx0))))
        # a marker is centred on its start: it may reach in from just past wx1
        more = bisect_right(self._item_x0, wx1 + self._half, max(first, last))
        found += [p for p in self.layout.items[max(first, last):more] if p.x0 <= wx1]
        return found

    def clusters_between(self, wx0: float, wx1: float) -> Sequence[Cluster]:
        first = bisect_left(self._cluster_x1, wx0)
        last = bisect_right(self._cluster_x0, wx1)
        if first >= last:
            return ()
        return list(compress(self.layout.clusters[first:last],
                             map(ge, map(_X1, self.layout.clusters[first:last]), repeat(wx0))))

    def clusters_reaching(self, wx0: float) -> Sequence[Cluster]:
        """Clusters whose pill ends before ``wx0`` but some of whose members run on past it
        (a zoom into the middle of what they cover would otherwise show nothing of them)."""
        first = bisect_left(self._cluster_reach, wx0)  # a running maximum: sorted
        last = bisect_left(self._cluster_x0, wx0)
        if first >= last:
            return ()
        return [c for c in compress(self.layout.clusters[first:last],
                                    map(ge, self._cluster_ends[first:last], repeat(wx0)))
                if c.x1 < wx0]

    def row_centre(self, row: int, row_height: float, padding: float) -> float:
        return self.top + padding + (self.row_of(row) + 0.5) * row_height


_X0, _X1, _START = attrgetter("x0"), attrgetter("x1"), attrgetter("span_x0")
_ROW, _SPAN_X1, _MEMBERS = attrgetter("row"), attrgetter("span_x1"), attrgetter("members")


def fitted_to_window(scene: Scene, wx0: float, wx1: float, metrics: Metrics) -> Scene:
    """``scene`` with each lane as tall as the rows in use between ``wx0`` and ``wx1``
    (world px at the scene's level), those rows closed up in their order, and how many of
    its events are in view: a lane with one event in the window takes one row."""
    boxes = []
    top = 0.0
    for box in scene.lanes:
        items = box.items_between(wx0, wx1)
        clusters = box.clusters_between(wx0, wx1)
        reaching = box.clusters_reaching(wx0)
        used = set(map(_ROW, items))
        used.update(map(_ROW, clusters))
        used.update(map(_ROW, reaching))
        rows = box.layout.rows
        shown = [-1] * rows
        for n, row in enumerate(sorted(used)):
            shown[row] = n
        count = sum(map(ge, map(_SPAN_X1, items), repeat(wx0)))  # items_between: x0 <= wx1
        count += sum(map(len, map(_MEMBERS, clusters))) + sum(map(len, map(_MEMBERS, reaching)))
        height = max(max(len(used), 1) * metrics.row_height + 2 * metrics.lane_padding,
                     metrics.min_lane_height)
        boxes.append(replace(box, top=top, height=height, shown_rows=tuple(shown),
                             in_view=count))
        top += height
    return replace(scene, lanes=tuple(boxes), height=top)


def _reach(p: Placed) -> float:
    return max(p.x1, p.label_x + p.label_w, p.span_x1)


def lane_box(lane: Lane, colour: str, top: float, layout: LaneLayout,
             metrics: Metrics, level: float) -> LaneBox:
    items, clusters = layout.items, layout.clusters
    reach = tuple(map(_reach, items))
    ends = tuple(max(c.x1, c.t1 * level) for c in clusters)  # where each one's members end
    # clusters do not overlap one another in a row, but rows interleave: use running max
    return LaneBox(
        lane, colour, top,
        max(layout.rows * metrics.row_height + 2 * metrics.lane_padding, metrics.min_lane_height),
        layout,
        tuple(map(_START, items)), tuple(accumulate(reach, max)),
        tuple(map(_X0, clusters)), tuple(accumulate(map(_X1, clusters), max)), reach,
        tuple(accumulate(ends, max)), ends, metrics.marker / 2)


@dataclass(frozen=True, slots=True)
class Scene:
    """Every lane at one level; ``height`` is the lanes' total height in px.

    The layout holds the events that reach into ``t0..t1`` (seconds; the whole time axis
    unless the file was laid out by extents)."""

    level: float
    lanes: tuple[LaneBox, ...]
    height: float
    t0: float = -math.inf
    t1: float = math.inf

    def covers(self, t0: float, t1: float) -> bool:
        return self.t0 <= t0 and t1 <= self.t1


class LaneIndex:
    """Each lane's members in start order with their starts, to find by bisection the
    events that reach into an extent. ``starts``/``ends``: every event's t0 and t1."""

    def __init__(self, lanes: Sequence[Lane], starts: Sequence[float],
                 ends: Sequence[float]) -> None:
        self._members: list[Sequence[int]] = []
        self._starts: list[list[float]] = []
        self._longest: list[float] = []
        for lane in lanes:
            members: Sequence[int] = lane.members
            t0 = list(map(starts.__getitem__, members))
            if not all(map(le, t0, islice(t0, 1, None))):  # members come in start order...
                members = sorted(members, key=starts.__getitem__)  # ...unless not sorted
                t0 = list(map(starts.__getitem__, members))
            self._members.append(members)
            self._starts.append(t0)
            self._longest.append(max(map(sub, map(ends.__getitem__, members), t0), default=0.0))
        self._ends = ends

    def members(self, lane: int, t0: float, t1: float) -> list[int]:
        """The lane's events overlapping ``t0..t1``, in start order."""
        starts, members = self._starts[lane], self._members[lane]
        first = bisect_left(starts, t0 - self._longest[lane])
        last = bisect_left(starts, t1)
        near = members[first:last]
        if not first and (not starts or t0 < starts[0]):
            return list(near)  # every one ends after its start, so after t0
        return list(compress(near, map(lt, repeat(t0), map(self._ends.__getitem__, near))))

    def count(self, t0: float, t1: float) -> int:
        """About how many events a layout of ``t0..t1`` packs (at least the true count)."""
        return sum(bisect_left(s, t1) - bisect_left(s, t0 - longest)
                   for s, longest in zip(self._starts, self._longest, strict=True))


def build_scene(events: Sequence[Event], lanes: Sequence[Lane], level: float,
                measure: Callable[[str], float], metrics: Metrics,
                extent: tuple[float, float] | None = None,
                index: LaneIndex | None = None, columns: Columns | None = None,
                rows: RowMemory | None = None) -> Scene:
    """Lay out ``lanes`` at ``level``: all their events, or those reaching into ``extent``
    (seconds; ``index`` finds them, built here if not given). ``columns``: the events'
    starts and ends, read instead of the events when given. ``rows``: each event goes
    back to the row it had when it can, and the rows it gets are remembered there."""
    for scene in build_scene_steps(events, lanes, level, measure, metrics, extent, index,
                                   columns, rows):
        if scene is not None:
            return scene
    raise AssertionError("build_scene_steps ends with the scene")  # pragma: no cover


def build_scene_steps(events: Sequence[Event], lanes: Sequence[Lane], level: float,
                      measure: Callable[[str], float], metrics: Metrics,
                      extent: tuple[float, float] | None = None,
                      index: LaneIndex | None = None,
                      columns: Columns | None = None,
                      rows: RowMemory | None = None,
                      after: Scene | None = None) -> Iterator[Scene | None]:
    """:func:`build_scene` a lane at a time: None after each lane, the scene last.
    ``after``: a scene of the same lanes at ``level`` over an extent overlapping ``extent``:
    its marks reaching into ``extent`` stay as they are and the other events are packed
    around them (see :func:`viewer.view.lanes.stack_lane`'s ``kept``)."""
    starts = ends = None
    if columns is not None:
        starts, ends = columns.t0, columns.t1
    if extent is not None and index is None:
        index = LaneIndex(lanes, starts or [e.t0 for e in events],
                          ends or [e.t1 for e in events])
    boxes: list[LaneBox] = []
    top = 0.0
    for i, lane in enumerate(lanes):
        members = lane.members if extent is None or index is None else \
            index.members(i, *extent)
        prefer = rows.preference(level, lane, events) if rows is not None else None
        unchanged = rows.unchanged(level, lane, events) if rows is not None else None
        layout = stack_lane(events, members, level, measure, max_rows=metrics.max_rows,
                            marker=metrics.marker, gap=metrics.gap, starts=starts, ends=ends,
                            prefer=prefer, unchanged=unchanged,
                            kept=None if after is None else after.lanes[i].layout)
        if rows is not None:
            rows.remember(level, lane, events, layout)
        box = lane_box(lane, lane_colour(i, lane.colour), top, layout, metrics, level)
        boxes.append(box)
        top += box.height
        yield None
    if extent is None:
        yield Scene(level, tuple(boxes), top)
    else:
        yield Scene(level, tuple(boxes), top, *extent)


class SceneCache:
    """Scenes of one set of lanes at the last few levels and extents; one place to
    invalidate. Text widths are measured once and kept until :meth:`reset`. ``rows``:
    where the events were laid out before, used and kept up to date by every layout and
    not forgotten on :meth:`reset` (so a save or a pan to another extent keeps the rows)."""

    def __init__(self, measure: Callable[[str], float], metrics: Metrics, size: int = 8,
                 full_max: int = FULL_LAYOUT_MAX, rows: RowMemory | None = None) -> None:
        self._metrics = metrics
        self._rows = rows
        self._size = size
        self._full_max = full_max
        self._events: Sequence[Event] = ()
        self._lanes: Sequence[Lane] = ()
        self._index: LaneIndex | None = None
        self._columns = Columns([], [], [], {})
        self._scenes: OrderedDict[tuple[float, float, float], Scene] = OrderedDict()
        self._whole: Scene | None = None  # the coarsest scene of everything: always usable
        self._span = (0.0, 0.0)
        self._set_measure(measure)

    @property
    def rows(self) -> RowMemory | None:
        """Where the events were laid out before (see the class), if kept."""
        return self._rows

    @property
    def measure(self) -> Callable[[str], float]:
        """The text widths measured so far (a new cache for the same font starts from them)."""
        return self._measure

    def _set_measure(self, measure: Callable[[str], float]) -> None:
        self._measure = memoised(measure)  # kept across levels until the next reset

    def reset(self, events: Sequence[Event], lanes: Sequence[Lane],
              measure: Callable[[str], float] | None = None,
              columns: Columns | None = None) -> None:
        """New events, lanes or font: every cached scene is stale. ``columns``: the events'
        starts and ends (:func:`viewer.model.columns.columns_of`), if the caller has them."""
        if columns is None or len(columns.t0) != len(events):
            columns = Columns([e.t0 for e in events], [e.t1 for e in events], [], {})
        self._events, self._lanes, self._columns = events, lanes, columns
        self._index = (LaneIndex(lanes, columns.t0, columns.t1)
                       if len(events) > self._full_max else None)
        if measure is not None:
            self._set_measure(measure)
        self._scenes.clear()
        self._whole = None
        self._span = (min(columns.t0, default=0.0), max(columns.t1, default=0.0))

    @property
    def by_extent(self) -> bool:
        """Whether scenes are laid out over extents (a large file) rather than whole."""
        return self._index is not None

    def extent(self, level: float, t0: float, t1: float) -> tuple[float, float]:
        """The tiles at ``level`` covering ``t0..t1`` with a tile more on either side."""
        tile = TILE_PX / level
        return (math.floor(t0 / tile) - 1) * tile, (math.ceil(t1 / tile) + 1) * tile

    def cost(self, px_per_second: float, t0: float, t1: float) -> int:
        """How many events laying out ``t0..t1`` at this zoom would pack (0 if cached)."""
        if self.ready(px_per_second, t0, t1) is not None:
            return 0
        if self._index is None:
            return len(self._events)
        return self._index.count(*self.extent(level_of(px_per_second), t0, t1))

    def ready(self, px_per_second: float, t0: float = -math.inf,
              t1: float = math.inf) -> Scene | None:
        """The exact scene for this zoom and window if it is cached, else None."""
        level = level_of(px_per_second)
        for key, scene in reversed(self._scenes.items()):
            if key[0] == level and scene.covers(t0, t1):
                return scene
        return None

    def nearest(self, px_per_second: float, t0: float, t1: float) -> Scene | None:
        """A cached scene that may stand in while the exact one is not built: the finest
        one at or below this zoom that covers the window (so nothing drawn overlaps)."""
        level = level_of(px_per_second)
        usable = [s for s in (*self._scenes.values(), self._whole)
                  if s is not None and s.level <= level and s.covers(t0, t1)]
        return max(usable, key=lambda s: s.level, default=None)

    def _carried_on(self, level: float, t0: float, t1: float) -> Scene | None:
        """The latest scene at ``level`` overlapping an extent ``t0..t1``, to carry on
        from: a pan keeps the marks on screen as they were and fits the new ones around."""
        for scene in reversed(self._scenes.values()):
            if scene.level == level and scene.t0 < t1 and t0 < scene.t1:
                return scene
        return None

    def scene(self, px_per_second: float, t0: float = -math.inf,
              t1: float = math.inf) -> Scene:
        """The scene for this zoom covering the window ``t0..t1``, built if need be."""
        for scene in self.scene_steps(px_per_second, t0, t1):
            if scene is not None:
                return scene
        raise AssertionError("scene_steps ends with the scene")  # pragma: no cover

    def scene_steps(self, px_per_second: float, t0: float = -math.inf,
                    t1: float = math.inf) -> Iterator[Scene | None]:
        """:meth:`scene` a lane at a time (None after each lane, the scene last), so that
        the window can build a large layout in slices while it is idle."""
        scene = self.ready(px_per_second, t0, t1)
        level = level_of(px_per_second)
        if scene is not None:
            self._scenes.move_to_end((level, scene.t0, scene.t1))
            yield scene
            return
        extent = None
        if self._index is not None and math.isfinite(t0) and math.isfinite(t1):
            extent = self.extent(level, t0, t1)
        events, lanes = self._events, self._lanes
        after = None if extent is None else self._carried_on(level, *extent)
        for scene in build_scene_steps(events, lanes, level, self._measure,
                                       self._metrics, extent, self._index, self._columns,
                                       self._rows, after):
            if scene is None:
                yield None
            if self._events is not events or self._lanes is not lanes:
                return  # reset meanwhile: what was being built is stale
        assert scene is not None
        self._scenes[(level, scene.t0, scene.t1)] = scene
        while len(self._scenes) > self._size:
            self._scenes.popitem(last=False)
        whole = self._whole
        if scene.covers(*self._span) and (whole is None or scene.level < whole.level):
            self._whole = scene
        yield scene
