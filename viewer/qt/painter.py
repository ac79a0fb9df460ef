"""Paints one frame of the timeline: what the scene, ticks and scale decided, nothing more.

Used by the canvas's ``paintEvent`` and by headless export alike, so a PNG, SVG or PDF
shows exactly what the window shows.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen

from viewer.qt.frame import Frame, HitMap, lane_top, period_colour
from viewer.qt.paint_chrome import (
    axis,
    fold_bands,
    fold_labels,
    headers,
    period_titles,
    today_label_patch,
    today_x,
)
from viewer.qt.paint_items import lane_items, related_arrows

__all__ = ["Frame", "HitMap", "paint_frame"]


def paint_frame(p: QPainter, f: Frame) -> HitMap:
    hits = HitMap()
    m, th = f.metrics, f.theme
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    p.fillRect(QRectF(0, 0, f.width, f.height), th.background)
    area = QRectF(m.header_width, m.lanes_top, f.width - m.header_width, f.height - m.lanes_top)
    p.save()
    p.setClipRect(area)
    _lane_backgrounds(p, f, area)
    _grid(p, f, area)
    _periods(p, f, area)
    fold_bands(p, f, area)
    _today(p, f, area)
    for lane_index in range(len(f.scene.lanes)):
        lane_items(p, f, lane_index, hits)
    related_arrows(p, f, hits)
    p.restore()
    axis(p, f)
    fold_labels(p, f)
    period_titles(p, f)
    _today_label(p, f)
    headers(p, f)
    return hits


def _lane_backgrounds(p: QPainter, f: Frame, area: QRectF) -> None:
    for i, box in enumerate(f.scene.lanes):
        y = lane_top(f, box.top)
        if i % 2:
            p.fillRect(QRectF(area.left(), y, area.width(), box.height), f.theme.lane_alt)
        p.setPen(QPen(f.theme.rule, 1))
        p.drawLine(QPointF(0, y + box.height), QPointF(f.width, y + box.height))


def _grid(p: QPainter, f: Frame, area: QRectF) -> None:
    for ticks, colour in ((f.ticks.minor, f.theme.grid_minor), (f.ticks.major, f.theme.grid_major)):
        p.setPen(QPen(colour, 1))
        for tick in ticks:
            x = round(tick.x) + 0.5
            p.drawLine(QPointF(x, area.top()), QPointF(x, area.bottom()))


def _periods(p: QPainter, f: Frame, area: QRectF) -> None:
    for period in f.timeline.periods:
        x0, x1 = f.scale.x(period.t0), f.scale.x(period.t1)
        if x1 < area.left() or x0 > area.right():
            continue
        colour = period_colour(f, period.colour, period.category)
        fill = QColor(colour)
        fill.setAlpha(f.theme.period_alpha)
        p.fillRect(QRectF(x0, area.top(), max(x1 - x0, 1.0), area.height()), fill)
        edge = QColor(colour)
        edge.setAlpha(110)
        p.setPen(QPen(edge, 1, Qt.PenStyle.DashLine))
        for x in (x0, x1):
            p.drawLine(QPointF(x, area.top()), QPointF(x, area.bottom()))


def _today(p: QPainter, f: Frame, area: QRectF) -> None:
    x = today_x(f)
    if x is None:
        return
    p.setPen(QPen(f.theme.today, 1.5, Qt.PenStyle.DashLine))
    p.drawLine(QPointF(x, area.top()), QPointF(x, area.bottom()))


def _today_label(p: QPainter, f: Frame) -> None:
    """"Today" beside its line in the strip of period titles, on a patch of the
    background: above the lanes, so that it is never drawn over an event's label."""
    patch = today_label_patch(f)
    if patch is None:
        return
    fm = QFontMetricsF(f.font)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(f.theme.background)
    p.drawRoundedRect(patch, 3, 3)
    p.setPen(f.theme.today)
    p.setFont(f.font)
    p.drawText(QPointF(patch.left() + 3, patch.top() + 1 + fm.ascent()), "Today")
