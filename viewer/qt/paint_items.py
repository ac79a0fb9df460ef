"""Painting events: markers, bars, the spans of vague dates, labels, clusters, and the
arrows from the selected event to its related ones."""

from __future__ import annotations

from collections.abc import Container, Sequence
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

from viewer.model.model import Event
from viewer.model.palette import text_on
from viewer.qt.frame import Frame, HitMap, lane_top, shown_count
from viewer.qt.theme import Theme
from viewer.view.labels import FLIP_GAP, fit_label
from viewer.view.lanes import LABEL_PAD, Cluster, Mark, Placed
from viewer.view.scene import LaneBox, level_of


class _Inks:
    """One lane's colours, pens and fonts for one frame, each made once, not per event.
    The painting helpers copy a colour before changing it, so these are shared."""

    def __init__(self, f: Frame, lane_colour: str) -> None:
        self.f, self.lane_colour = f, lane_colour
        self._of_category: dict[str | None, str] = {}
        self._colours: dict[tuple[str, bool], tuple[QColor, QColor]] = {}
        self._text_on: dict[str, QColor] = {}
        th = f.theme
        self.text, self.muted = QColor(th.text), QColor(th.muted)
        self.dim_text = QColor(th.muted)
        self.dim_text.setAlpha(110)
        self.font, self.bold = QFont(f.font), QFont(f.font)
        self.font.setBold(False)
        self.bold.setBold(True)
        self.metrics, self.bold_metrics = QFontMetricsF(self.font), QFontMetricsF(self.bold)

    def colour_of(self, event: Event) -> str:
        """The event's category colour: declared, else its category lane's, else this lane's."""
        colour = self._of_category.get(event.category)
        if colour is None:
            colour = self._of_category[event.category] = self._find(event.category)
        return colour

    def _find(self, category: str | None) -> str:
        f = self.f
        cat = f.timeline.category(category)
        if cat is not None and cat.colour:
            return cat.colour
        for box in f.scene.lanes:
            if box.lane.key == category:
                return box.colour
        return self.lane_colour

    def fill(self, colour: str, dim: bool) -> tuple[QColor, QColor]:
        """The mark's colour (faint when ``dim``) and its darker outline."""
        found = self._colours.get((colour, dim))
        if found is None:
            fill = QColor(colour)
            if dim:
                fill.setAlpha(60)
            found = self._colours[(colour, dim)] = (fill, fill.darker(130))
        return found

    def text_on(self, colour: QColor) -> QColor:
        name = colour.name()
        found = self._text_on.get(name)
        if found is None:
            found = self._text_on[name] = QColor(text_on(name))
        return found


def lane_items(p: QPainter, f: Frame, lane_index: int, hits: HitMap) -> None:
    m = f.metrics
    box = f.scene.lanes[lane_index]
    top = lane_top(f, box.top)
    if top > f.height or top + box.height < m.lanes_top:
        return
    w0, w1 = f.scale.world(f.scene.level)
    fm = QFontMetricsF(f.font)
    inks = _Inks(f, box.colour)
    clusters = box.clusters_between(w0, w1)
    hidden = f.dimmed if f.hide else ()  # left in a layout not yet closed up over them
    rows: dict[int, list[QRectF]] = {}
    if clusters:
        for pill_row, pill in _clusters(p, f, box, top, clusters, hidden, inks, hits):
            rows.setdefault(pill_row, []).append(pill)
    labels: list[_Label] = []
    flash, flashed, centres = f.flash > 0, f.flashed, hits.centres
    marker, row_height, row_top = m.marker, m.row_height, top + m.lane_padding
    for item in box.items_between(w0, w1):
        if item.index in hidden:
            continue
        y = row_top + (box.row_of(item.row) + 0.5) * row_height
        mark, label = _item(p, f, item, inks, y, fm)
        if flash and item.index in flashed:
            _halo(p, mark, flashed[item.index], f.flash)
        row = rows.get(item.row)
        if row is None:
            row = rows[item.row] = []
        row.append(mark)
        hits.events.append((mark, item.index))
        if item.index not in centres:
            centres[item.index] = QPointF(mark.left() + min(marker, mark.width()) / 2, y)
        if label is not None:
            labels.append(label)
            if label.text:
                row.append(label.rect)
    left, right = f.scale.left + 4, f.scale.left + f.scale.width - 4
    if f.scene.height > f.height - m.lanes_top:  # the canvas's lane scroll bar is there
        right -= LANE_BAR_ROOM
    width = inks.metrics.horizontalAdvance
    for label in labels:  # drawn last: flipped, shortened or slid in at the edges
        if label.text != label.title and not label.inside and \
                _whole_to_the_left(p, label, rows[label.row], left, fm, inks, hits):
            continue
        if not label.text:
            continue
        rect = label.rect
        taken = [(o.left(), o.right()) for o in rows[label.row]
                 if o is not rect and o is not label.own]
        measure, limit = width, label.limit
        if label.bold and not label.inside:  # the selected label: wider in bold, if free
            measure = inks.bold_metrics.horizontalAdvance
            wide = rect.left() + measure(label.text)
            if all(b <= rect.left() or a >= wide + m.gap for a, b in taken):
                rect = QRectF(rect.left(), rect.top(), wide - rect.left(), rect.height())
                limit = max(limit, wide)
        shown = fit_label(label.title, label.text, rect.left(), rect.width(), limit,
                          (label.own.left(), label.own.right()), left, right, taken, measure,
                          flip=not label.inside)
        if shown is None:
            continue
        rect = QRectF(shown.x, rect.top(), shown.w, rect.height())
        text = _draw_label(p, label, shown.text, rect, fm, inks)
        hits.events.append((rect, label.index))
        hits.labels.append((rect, label.index, text))
        rows[label.row].append(rect)
    reaching = () if _stand_in(f) else box.clusters_reaching(w0)
    if reaching:
        _reaching(p, f, box, top, reaching, hidden, rows, inks, hits)


def _whole_to_the_left(p: QPainter, label: _Label, row: list[QRectF], left: float,
                       fm: QFontMetricsF, inks: _Inks, hits: HitMap) -> bool:
    """Draw the whole title of a label that layout shortened or dropped (the next mark in
    its row came too soon) to the left of its mark instead, when that stretch of the row is
    free on screen (zoomed in past the layout's level, or beside empty time); whether it
    did."""
    measure = (inks.bold_metrics if label.bold else inks.metrics).horizontalAdvance
    end = label.own.left() - LABEL_PAD
    start = end - measure(label.title)
    if start < left:
        return False
    for other in row:
        if other is not label.rect and other is not label.own and \
                other.right() + FLIP_GAP > start and other.left() < end:
            return False
    rect = QRectF(start, label.rect.top(), end - start, label.rect.height())
    text = _draw_label(p, label, label.title, rect, fm, inks)
    hits.events.append((rect, label.index))
    hits.labels.append((rect, label.index, text))
    row.append(rect)
    return True


def _reaching(p: QPainter, f: Frame, box: LaneBox, top: float, clusters: Sequence[Cluster],
              hidden: Container[int], rows: dict[int, list[QRectF]], inks: _Inks,
              hits: HitMap) -> None:
    """Clusters whose pill is off to the left while their members run on into view: the
    latest of each row is shown by a pill with its count at the left edge ("◂ 40"), where
    nothing else is drawn there."""
    m, sc = f.metrics, f.scale
    latest: dict[int, Cluster] = {}
    for cluster in clusters:
        if cluster.row not in latest or cluster.x0 > latest[cluster.row].x0:
            latest[cluster.row] = cluster
    height, row_top = m.marker + 4, top + m.lane_padding
    for row, cluster in latest.items():
        count = shown_count(cluster.members, hidden)
        text = f"◂ {count:,}"
        y = row_top + (box.row_of(row) + 0.5) * m.row_height
        rect = QRectF(sc.left - height / 2, y - height / 2,
                      inks.metrics.horizontalAdvance(text) + 2 * LABEL_PAD + height / 2, height)
        if not count or any(o.intersects(rect) for o in rows.get(row, ())):
            continue
        _pill_style(p, box.colour)
        p.drawRoundedRect(rect, height / 2, height / 2)
        p.setPen(inks.text)
        p.setFont(inks.font)
        p.drawText(rect.adjusted(height / 2, 0, 0, 0), Qt.AlignmentFlag.AlignCenter, text)
        hits.clusters.append((rect, cluster))


LANE_BAR_ROOM = 18.0  # px kept free of labels at the right when the lanes scroll


def _stand_in(f: Frame) -> bool:
    """Whether the scene is a coarser layout standing in mid-gesture for the exact one:
    its pills are drawn as plain marks, with no count and no extent the exact one may
    not have."""
    return f.scene.level < level_of(f.scale.px_per_second)


def _pill_style(p: QPainter, colour: str) -> None:
    """The pen and brush of a pill of gathered events: the lane's colour, faintly filled."""
    fill = QColor(colour)
    fill.setAlpha(70)
    p.setPen(QPen(QColor(colour), 1))
    p.setBrush(fill)


def _clusters(p: QPainter, f: Frame, box: LaneBox, top: float, clusters: Sequence[Cluster],
              hidden: Container[int], inks: _Inks, hits: HitMap) -> list[tuple[int, QRectF]]:
    """The pills of events gathered at this zoom, then their counts on them; returns
    each pill's row and box."""
    m, sc, level = f.metrics, f.scale, f.scene.level
    _pill_style(p, box.colour)
    height, row_top = m.marker + 4, top + m.lane_padding
    left, right = sc.left, sc.left + sc.width
    stand_in = _stand_in(f)
    drawn = []
    for cluster in clusters:
        count = shown_count(cluster.members, hidden)
        if not count:
            continue
        y = row_top + (box.row_of(cluster.row) + 0.5) * m.row_height
        x0, x1 = sc.px(cluster.x0, level), sc.px(cluster.x1, level)
        rect = QRectF(x0, y - m.marker / 2 - 2, m.marker if stand_in else
                      max(x1 - x0, m.marker), height)
        p.drawRoundedRect(rect, height / 2, height / 2)
        hits.clusters.append((rect, cluster))
        if not stand_in:
            drawn.append((rect, count, cluster.row))
    p.setPen(inks.text)
    p.setFont(f.font)
    centre = Qt.AlignmentFlag.AlignCenter
    for rect, count, _ in drawn:  # the count stays in view on a long pill
        x0, x1 = rect.left(), rect.right()
        text = f"{count:,}"
        if x0 < left or x1 > right:
            shown_x0, shown_x1 = max(x0, left), min(x1, right)
            if shown_x1 - shown_x0 < inks.metrics.horizontalAdvance(text) + 2:
                continue  # no clipped count ("0" of "10") at an edge
            rect = QRectF(shown_x0, rect.top(), shown_x1 - shown_x0, height)
        p.drawText(rect, centre, text)
    return [(row, rect) for rect, _, row in drawn]


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
    title: str  # the whole title, for a label shortened or flipped at the canvas's edges
    inside: bool  # it sits inside its bar


def _item(p: QPainter, f: Frame, item: Placed, inks: _Inks, y: float,
          fm: QFontMetricsF) -> tuple[QRectF, _Label | None]:
    """Draws one event's mark as layout decided it; returns the mark's rect and its label,
    to draw later. The mark's start and end are mapped from world px; what layout sized in
    px (a marker, a label's offset from its mark) keeps its size."""
    m, th, sc, level = f.metrics, f.theme, f.scale, f.scene.level
    event = f.timeline.events[item.index]
    dim = item.index in f.dimmed
    selected = item.index == f.selected
    colour, outline = inks.fill(inks.colour_of(event), dim)
    x0 = sc.px(item.span_x0, level)
    text_colour = inks.dim_text if dim else inks.text
    inside = item.label_x < item.x1
    if item.mark is Mark.MARKER:
        rect = QRectF(x0 + item.x0 - item.span_x0, y - m.marker / 2, m.marker, m.marker)
        _marker(p, rect, colour, th.highlight if selected else outline,
                event.approximate, selected)
    else:
        x1 = sc.px(item.span_x1, level)
        if item.mark is Mark.BAR:
            x1 = max(x1, x0 + item.x1 - item.x0)  # at least as long as layout made it
        rect = QRectF(x0, y - 7, x1 - x0, 14)
        if item.mark is Mark.BAR:
            _bar(p, rect, colour, event.approximate, selected, th)
            if inside:
                text_colour = inks.muted if dim else inks.text_on(colour)
        else:
            _span(p, rect, colour, event.approximate, selected, th)
    if not item.label and (inside or not event.title):
        return rect, None  # (a dropped label beside its mark may yet go to its left)
    if inside:
        label_x = rect.left() + item.label_x - item.x0
        limit = rect.right() - (item.label_x - item.x0)
    else:
        label_x = rect.right() + item.label_x - item.x1
        limit = label_x + item.label_w
    if selected and not (item.mark is Mark.BAR and inside):
        text_colour = th.highlight
    label_rect = QRectF(label_x, y - fm.height() / 2, item.label_w, fm.height())
    return rect, _Label(item.index, item.row, item.label, label_rect, max(limit, label_x + 1),
                        text_colour, selected, rect, event.title, inside)


def _draw_label(p: QPainter, label: _Label, text: str, rect: QRectF, fm: QFontMetricsF,
                inks: _Inks) -> str:
    """Draw ``text`` in ``rect`` (a bold label shortened to fit it); the text drawn."""
    font, lfm = (inks.bold, inks.bold_metrics) if label.bold else (inks.font, inks.metrics)
    if label.bold:
        text = lfm.elidedText(text, Qt.TextElideMode.ElideRight, rect.width() + 0.5)
    p.setFont(font)
    p.setPen(label.colour)
    p.drawText(QPointF(rect.left(), rect.center().y() + fm.ascent() / 2 - 1), text)
    return text


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
