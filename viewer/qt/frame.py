"""One frame's inputs, and where things were drawn: shared by the painting modules."""

from __future__ import annotations

from collections.abc import Container, Mapping
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QFont

from viewer.model.model import Timeline
from viewer.qt.theme import Theme
from viewer.view.lanes import Cluster
from viewer.view.scale import Scale
from viewer.view.scene import Metrics, Scene
from viewer.view.ticks import Ticks
from viewer.view.visibility import FilteredOut


@dataclass
class Frame:
    """Everything one frame needs; built by the canvas (or the exporter) each paint."""

    timeline: Timeline
    scene: Scene
    scale: Scale
    ticks: Ticks
    metrics: Metrics
    theme: Theme
    font: QFont
    width: float
    height: float
    scroll: float = 0.0  # lanes scrolled up by this many px
    selected: int = -1  # event index
    hovered: int = -1
    dimmed: Container[int] = ()
    today: float | None = None
    flashed: Mapping[int, str] = field(default_factory=dict)  # index → "added"/"changed"
    flash: float = 0.0  # how strongly the flashed events are marked, 1 (new) → 0 (gone)
    hide: bool = False  # the dimmed events are not drawn (the layout may still hold them)


@dataclass
class HitMap:
    """Where things were drawn, topmost last, for hover and click."""

    events: list[tuple[QRectF, int]] = field(default_factory=list)
    clusters: list[tuple[QRectF, Cluster]] = field(default_factory=list)
    centres: dict[int, QPointF] = field(default_factory=dict)  # event index → marker centre
    labels: list[tuple[QRectF, int, str]] = field(default_factory=list)  # as drawn

    def event_at(self, pos: QPointF) -> int:
        for rect, index in reversed(self.events):
            if rect.contains(pos):
                return index
        return -1

    def cluster_at(self, pos: QPointF) -> Cluster | None:
        for rect, cluster in reversed(self.clusters):
            if rect.contains(pos):
                return cluster
        return None


def lane_top(f: Frame, top: float) -> float:
    return f.metrics.lanes_top + top - f.scroll


def period_colour(f: Frame, colour: str | None, category: str | None) -> QColor:
    if colour is None and category is not None:
        for box in f.scene.lanes:
            if box.lane.key == category:
                colour = box.colour
        cat = f.timeline.category(category)
        colour = colour or (cat.colour if cat else None)
    return QColor(colour or ("#8899aa" if not f.theme.dark else "#aab4c0"))


def shown_count(members: tuple[int, ...], hidden: Container[int] | None) -> int:
    """How many of a lane's or a cluster's ``members`` are shown: all, or those a hidden
    filter keeps (the layout on screen may still hold the others while its closed-up one is
    built). Remembered by the filter's :class:`FilteredOut` for the same members."""
    return hidden.shown(members) if isinstance(hidden, FilteredOut) else len(members)
