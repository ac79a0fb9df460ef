"""Painting events: markers, bars, the spans of vague dates, labels, clusters, and the
arrows from the selected event to its related ones."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPen,
)

from viewer.lanes import LABEL_PAD, Placed
from viewer.model import Event
from viewer.palette import text_on
from viewer.qt.frame import Frame, HitMap, lane_top
from viewer.qt.theme import Theme


def _colour_for(f: Frame, event: Event, lane_colour: str) -> str:
    cat = f.timeline.category(event.category)
    if cat is not None and cat.colour:
        return cat.colour
    for box in f.scene.lanes:
        if box.lane.key == event.category:
            return box.colour
    return lane_colour


def lane_items(p: QPainter, f: Frame, lane_index: int, hits: HitMap) -> None:
    m, th, sc = f.metrics, f.theme, f.scale
    box = f.scene.lanes[lane_index]
    top = lane_top(f, box.top)
    if top > f.height or top + box.height < m.lanes_top:
        return
    level = f.scene.level
    w0, w1 = sc.window.start * level, sc.window.end * level
    fm = QFontMetricsF(f.font)
    for cluster in box.clusters_between(w0, w1):
        y = top + m.lane_padding + (cluster.row + 0.5) * m.row_height
        x0, x1 = sc.x(cluster.x0 / level), sc.x(cluster.x1 / level)
        rect = QRectF(x0, y - m.marker / 2 - 2, max(x1 - x0, m.marker), m.marker + 4)
        colour = QColor(box.colour)
        colour.setAlpha(70)
        p.setPen(QPen(QColor(box.colour), 1))
        p.setBrush(colour)
        p.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
        p.setPen(th.text)
        p.setFont(f.font)
        shown = rect.intersected(QRectF(sc.left, rect.top(), sc.width, rect.height()))
        p.drawText(shown if shown.width() > 0 else rect, Qt.AlignmentFlag.AlignCenter,
                   f"{len(cluster.members):,}")  # the count stays in view on a long pill
        hits.clusters.append((rect, cluster))
    rows: dict[int, list[QRectF]] = {}
    labels: list[_Label] = []
    for item in box.items_between(w0, w1):
        y = top + m.lane_padding + (item.row + 0.5) * m.row_height
        mark, label = _item(p, f, item, box.colour, y, fm)
        if f.flash > 0 and item.index in f.flashed:
            _halo(p, mark, f.flashed[item.index], f.flash)
        rows.setdefault(item.row, []).append(mark)
        hits.events.append((mark, item.index))
        hits.centres.setdefault(item.index, QPointF(mark.left() + min(m.marker, mark.width()) / 2,
                                                    y))
        if label is not None:
            labels.append(label)
            rows[item.row].append(label.rect)
    left = sc.left + 4
    for label in labels:  # drawn last, sliding into view when their place is off-screen
        rect = label.rect
        if rect.left() < left < label.limit - 8:
            moved = QRectF(left, rect.top(), min(rect.width(), label.limit - left), rect.height())
            if not any(o is not rect and o.intersects(moved) for o in rows[label.row]
                       if o is not label.own):
                rect = moved
        _draw_label(p, f, label, rect, fm)
        hits.events.append((rect, label.index))


@dataclass
class _Label:
    index: int
    row: int
    text: str
    rect: QRectF
    limit: float  # the label may not reach past this x (its bar's end, or its row's room)
    colour: QColor
    bold: bool
    own: QRectF  # the mark it belongs to (it may sit on it)


def _item(p: QPainter, f: Frame, item: Placed, lane_colour: str, y: float,
          fm: QFontMetricsF) -> tuple[QRectF, _Label | None]:
    """Draws one event's mark; returns the mark's rect and its label, to draw later."""
    m, th, sc = f.metrics, f.theme, f.scale
    event = f.timeline.events[item.index]
    colour = QColor(_colour_for(f, event, lane_colour))
    dim = item.index in f.dimmed
    selected = item.index == f.selected
    if dim:
        colour.setAlpha(60)
    x0, x1 = sc.x(event.t0), sc.x(event.t1)
    text_colour = QColor(th.muted if dim else th.text)
    if dim:
        text_colour.setAlpha(110)
    label_w = item.label_w
    if event.is_range or x1 - x0 > m.marker * 1.5:  # a bar, or the span a vague date covers
        x1 = max(x1, x0 + m.marker)
        rect = QRectF(x0, y - 7, x1 - x0, 14)
        if event.is_range:
            _bar(p, rect, colour, event.approximate, selected, th)
        else:
            _span(p, rect, colour, event.approximate, selected, th)
        inside = item.label_x < item.x1 or not event.is_range
        if inside and event.is_range:
            text_colour = QColor(text_on(colour.name()))
            if dim:
                text_colour = QColor(th.muted)
        label_x = x0 + LABEL_PAD if inside else x1 + LABEL_PAD
        limit = x1 - LABEL_PAD if inside else label_x + label_w
    else:
        rect = QRectF(x0 - m.marker / 2, y - m.marker / 2, m.marker, m.marker)
        _marker(p, rect, colour, th.highlight if selected else colour.darker(130),
                event.approximate, selected)
        label_x = x0 + m.marker / 2 + LABEL_PAD
        limit = label_x + label_w
    if not item.label:
        return rect, None
    if selected and not (event.is_range and inside):
        text_colour = th.highlight
    label_rect = QRectF(label_x, y - fm.height() / 2, label_w, fm.height())
    return rect, _Label(item.index, item.row, item.label, label_rect, max(limit, label_x + 1),
                        text_colour, selected, rect)


def _draw_label(p: QPainter, f: Frame, label: _Label, rect: QRectF, fm: QFontMetricsF) -> None:
    font = QFont(f.font)
    font.setBold(label.bold)
    lfm = QFontMetricsF(font)
    text = label.text
    if label.bold or rect.width() < label.rect.width():
        text = lfm.elidedText(text, Qt.TextElideMode.ElideRight, rect.width() + 0.5)
    p.setFont(font)
    p.setPen(label.colour)
    p.drawText(QPointF(rect.left(), rect.center().y() + fm.ascent() / 2 - 1), text)


FLASH_COLOURS = {"added": "#1f9d55", "changed": "#e8a317"}


def _halo(p: QPainter, mark: QRectF, kind: str, strength: float) -> None:
    """The ring around an event that the last save added or changed, fading out."""
    colour = QColor(FLASH_COLOURS.get(kind, FLASH_COLOURS["changed"]))
    ring = mark.adjusted(-5, -5, 5, 5)
    glow = QColor(colour)
    glow.setAlphaF(0.28 * strength)
    colour.setAlphaF(strength)
    p.setPen(QPen(colour, 2.5))
    p.setBrush(glow)
    radius = min(ring.height() / 2, 9.0)
    p.drawRoundedRect(ring, radius, radius)


def _span(p: QPainter, rect: QRectF, colour: QColor, approximate: bool, selected: bool,
          th: Theme) -> None:
    """The whole year or month a vague date stands for: a faint band, not a day's mark."""
    fill = QColor(colour)
    fill.setAlpha(min(colour.alpha(), 75))
    edge = QColor(colour)
    edge.setAlpha(min(colour.alpha(), 170))
    style = Qt.PenStyle.DotLine if approximate else Qt.PenStyle.SolidLine
    p.setPen(QPen(th.highlight, 2) if selected else QPen(edge, 1, style))
    p.setBrush(fill)
    p.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), 4, 4)


def _bar(p: QPainter, rect: QRectF, colour: QColor, approximate: bool, selected: bool,
         th: Theme) -> None:
    fill: QBrush | QColor = colour
    if approximate and rect.width() > 24:
        grad = QLinearGradient(rect.topLeft(), rect.topRight())
        faint = QColor(colour)
        faint.setAlpha(40)
        edge = min(0.25, 12 / rect.width())
        grad.setColorAt(0, faint)
        grad.setColorAt(edge, colour)
        grad.setColorAt(1 - edge, colour)
        grad.setColorAt(1, faint)
        fill = QBrush(grad)
    p.setPen(QPen(th.highlight, 2) if selected else Qt.PenStyle.NoPen)
    p.setBrush(fill)
    p.drawRoundedRect(rect, 4, 4)


def _marker(p: QPainter, rect: QRectF, colour: QColor, pen: QColor, approximate: bool,
            selected: bool) -> None:
    if selected:
        glow = QColor(pen)
        glow.setAlpha(60)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(glow)
        p.drawEllipse(rect.adjusted(-4, -4, 4, 4))
    if approximate:
        faint = QColor(colour)
        faint.setAlpha(90)
        p.setBrush(faint)
        p.setPen(QPen(pen, 1.5, Qt.PenStyle.DotLine))
    else:
        p.setBrush(colour)
        p.setPen(QPen(pen, 2 if selected else 1))
    p.drawEllipse(rect)


def related_arrows(p: QPainter, f: Frame, hits: HitMap) -> None:
    if f.selected < 0:
        return
    source = hits.centres.get(f.selected)
    if source is None:
        return
    ids = {e.id: i for i, e in enumerate(f.timeline.events)
           if e.id in f.timeline.events[f.selected].related}
    p.setPen(QPen(f.theme.highlight, 1.6))
    for index in ids.values():
        target = hits.centres.get(index)
        if target is None:
            continue
        _arrow(p, source, target, f.theme.highlight)


def _arrow(p: QPainter, a: QPointF, b: QPointF, colour: QColor) -> None:
    """A curved arrow from ``a`` to ``b``, arching over the rows between (straight if close)."""
    dx = b.x() - a.x()
    lift = min(abs(dx) * 0.2, 80.0) if abs(dx) > 60 else 0.0
    c1 = QPointF(a.x() + dx * 0.3, min(a.y(), b.y()) - lift)
    c2 = QPointF(a.x() + dx * 0.7, min(a.y(), b.y()) - lift)
    if lift == 0.0:
        c1, c2 = a, QPointF(a.x() + dx * 0.5, a.y() + (b.y() - a.y()) * 0.5)
    path = QPainterPath(a)
    path.cubicTo(c1, c2, b)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawPath(path)
    # the head points along the curve's last tangent (c2 → b), stopping at the marker's edge
    d = QPointF(b.x() - c2.x(), b.y() - c2.y())
    length = max((d.x() ** 2 + d.y() ** 2) ** 0.5, 1e-6)
    ux, uy = d.x() / length, d.y() / length
    tip = QPointF(b.x() - ux * 6, b.y() - uy * 6)
    left = QPointF(tip.x() - ux * 8 - uy * 4, tip.y() - uy * 8 + ux * 4)
    right = QPointF(tip.x() - ux * 8 + uy * 4, tip.y() - uy * 8 - ux * 4)
    head = QPainterPath(tip)
    head.lineTo(left)
    head.lineTo(right)
    head.closeSubpath()
    p.setBrush(colour)
    p.drawPath(head)
