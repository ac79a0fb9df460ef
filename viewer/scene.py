"""The scene: lanes stacked top to bottom, each with its rows laid out, at one zoom level.

Layout is done at a *level*, the zoom quantised down to a fixed ladder (four levels per
doubling), and reused for every zoom between that level and the next and for all panning.
Drawing at a zoom ``z`` finer than the level ``q`` multiplies every world x by ``z / q``:
gaps only grow, and text keeps its width, so nothing laid out apart can come to overlap.
No Qt here: text is measured by the function passed in.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import accumulate

from viewer.lanes import Cluster, Lane, LaneLayout, Placed, stack_lane
from viewer.model import Event
from viewer.palette import lane_colour

LEVELS_PER_DOUBLING = 4


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
    _item_x0: tuple[float, ...] = field(repr=False, compare=False)
    _item_reach: tuple[float, ...] = field(repr=False, compare=False)
    _cluster_x0: tuple[float, ...] = field(repr=False, compare=False)
    _cluster_x1: tuple[float, ...] = field(repr=False, compare=False)

    def items_between(self, wx0: float, wx1: float) -> Sequence[Placed]:
        """Items whose mark, label or bracket reaches into [wx0, wx1] (world px at level)."""
        first = bisect_left(self._item_reach, wx0)  # reach is a running maximum: sorted
        last = bisect_right(self._item_x0, wx1)
        return self.layout.items[first:last] if first < last else ()

    def clusters_between(self, wx0: float, wx1: float) -> Sequence[Cluster]:
        first = bisect_left(self._cluster_x1, wx0)
        last = bisect_right(self._cluster_x0, wx1)
        return self.layout.clusters[first:last] if first < last else ()

    def row_centre(self, row: int, row_height: float, padding: float) -> float:
        return self.top + padding + (row + 0.5) * row_height


def _reach(p: Placed) -> float:
    return max(p.x1, p.label_x + p.label_w, p.span_x1)


def lane_box(lane: Lane, colour: str, top: float, layout: LaneLayout,
             metrics: Metrics) -> LaneBox:
    items, clusters = layout.items, layout.clusters
    # clusters do not overlap one another in a row, but rows interleave: use running max
    return LaneBox(
        lane, colour, top,
        max(layout.rows * metrics.row_height + 2 * metrics.lane_padding, metrics.min_lane_height),
        layout,
        tuple(p.x0 for p in items), tuple(accumulate((_reach(p) for p in items), max)),
        tuple(c.x0 for c in clusters), tuple(accumulate((c.x1 for c in clusters), max)))


@dataclass(frozen=True, slots=True)
class Scene:
    """Every lane at one level; ``height`` is the lanes' total height in px."""

    level: float
    lanes: tuple[LaneBox, ...]
    height: float


def build_scene(events: Sequence[Event], lanes: Sequence[Lane], level: float,
                measure: Callable[[str], float], metrics: Metrics) -> Scene:
    boxes: list[LaneBox] = []
    top = 0.0
    for i, lane in enumerate(lanes):
        layout = stack_lane(events, lane.members, level, measure,
                            max_rows=metrics.max_rows, marker=metrics.marker, gap=metrics.gap)
        box = lane_box(lane, lane_colour(i, lane.colour), top, layout, metrics)
        boxes.append(box)
        top += box.height
    return Scene(level, tuple(boxes), top)


class SceneCache:
    """Scenes of one set of lanes at the last few levels; one place to invalidate."""

    def __init__(self, measure: Callable[[str], float], metrics: Metrics, size: int = 6) -> None:
        self._measure = measure
        self._metrics = metrics
        self._size = size
        self._events: Sequence[Event] = ()
        self._lanes: Sequence[Lane] = ()
        self._scenes: OrderedDict[float, Scene] = OrderedDict()

    def reset(self, events: Sequence[Event], lanes: Sequence[Lane],
              measure: Callable[[str], float] | None = None) -> None:
        """New events, lanes or font: every cached scene is stale."""
        self._events, self._lanes = events, lanes
        if measure is not None:
            self._measure = measure
        self._scenes.clear()

    def scene(self, px_per_second: float) -> Scene:
        level = level_of(px_per_second)
        scene = self._scenes.get(level)
        if scene is None:
            scene = build_scene(self._events, self._lanes, level, self._measure, self._metrics)
            self._scenes[level] = scene
            while len(self._scenes) > self._size:
                self._scenes.popitem(last=False)
        else:
            self._scenes.move_to_end(level)
        return scene
