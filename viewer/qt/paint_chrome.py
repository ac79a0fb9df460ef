"""Painting around the lanes: the time axis, the period titles, the lane headers, and the
bands of folded time."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen

from viewer.model.model import Period
from viewer.qt.frame import Frame, lane_top, period_colour, shown_count
from viewer.view.folds import Fold, skipped_text
from viewer.view.ticks import visible_labels
from viewer.view.transition import band_strength

ZIGZAG = 5.0  # px: the torn edges of a fold band


def axis(p: QPainter, f: Frame) -> None:
    m, th = f.metrics, f.theme
    p.fillRect(QRectF(0, 0, f.width, m.axis_height), th.header)
    p.setPen(QPen(th.rule, 1))
    p.drawLine(QPointF(0, m.axis_height - 0.5), QPointF(f.width, m.axis_height - 0.5))
    small = QFont(f.font)
    small.setPointSizeF(small.pointSizeF() * 0.92)
    fm = QFontMetricsF(small)
    left, right = m.header_width, f.width
    row = m.axis_height / 2

    def measure(text: str) -> float:
        return fm.horizontalAdvance(text)

    bold = QFont(small)
    bold.setBold(True)
    p.setFont(bold)
    bfm = QFontMetricsF(bold)
    p.setPen(th.text)
    # major labels read from their tick rightwards (a year or a day starts at its tick)
    folds = [(r.left(), r.right()) for _, r in _fold_rects(f, 0.0, 1.0)]

    def clear_of_folds(x0: float, x1: float) -> bool:  # a label is never cut by a fold
        return all(x1 <= a or x0 >= b for a, b in folds)

    placed: list[tuple[float, str]] = []
    end = -1e300
    for tick in f.ticks.major:
        w = bfm.horizontalAdvance(tick.label)
        x = tick.x + 4
        if tick.label and x >= left + 2 and x + w <= right - 2 and x > end and \
                clear_of_folds(x, x + w):
            placed.append((x, tick.label))
            end = x + w + 12
    context = f.ticks.context
    minor_labels = visible_labels(f.ticks.minor, left, right, measure)
    context_end = left + 6 + bfm.horizontalAdvance(context)
    if context and (not placed or context_end + 12 < placed[0][0]) and \
            clear_of_folds(left + 6, context_end) and \
            all(t.label != context for t in minor_labels):  # not said twice
        placed.insert(0, (left + 6, context))
    for x, text in placed:
        p.drawText(QPointF(x, row / 2 + bfm.ascent() / 2), text)
    p.setFont(small)
    p.setPen(th.muted)
    for tick in minor_labels:
        w = measure(tick.label)
        if not clear_of_folds(tick.x - w / 2, tick.x + w / 2):
            continue
        p.drawText(QPointF(tick.x - w / 2, row + row / 2 + fm.ascent() / 2), tick.label)
    p.setPen(QPen(th.rule, 1))
    for tick in f.ticks.minor:
        if left <= tick.x <= right:
            p.drawLine(QPointF(tick.x, m.axis_height - 5), QPointF(tick.x, m.axis_height))
    p.setPen(QPen(th.muted, 1))
    for tick in f.ticks.major:
        if left <= tick.x <= right:
            p.drawLine(QPointF(tick.x, row - 4), QPointF(tick.x, m.axis_height))


def headers(p: QPainter, f: Frame) -> None:
    m, th = f.metrics, f.theme
    p.fillRect(QRectF(0, 0, m.header_width, f.height), th.header)
    p.setPen(QPen(th.rule, 1))
    p.drawLine(QPointF(m.header_width - 0.5, 0), QPointF(m.header_width - 0.5, f.height))
    title_font = QFont(f.font)
    title_font.setBold(True)
    tfm = QFontMetricsF(title_font)
    p.setFont(title_font)
    p.setPen(th.text)
    title = tfm.elidedText(f.timeline.title or "Timeline", Qt.TextElideMode.ElideRight,
                           m.header_width - 16)
    p.drawText(QPointF(10, m.axis_height / 2 + tfm.ascent() / 2 - 1), title)
    p.save()
    p.setClipRect(QRectF(0, m.lanes_top, m.header_width, f.height - m.lanes_top))
    fm = QFontMetricsF(f.font)
    for box in f.scene.lanes:
        y = lane_top(f, box.top)
        if y > f.height or y + box.height < m.lanes_top:
            continue
        p.fillRect(QRectF(0, y + 1, 4, box.height - 2), QColor(box.colour))
        p.setFont(title_font)
        p.setPen(th.text)
        label = tfm.elidedText(box.lane.label, Qt.TextElideMode.ElideRight, m.header_width - 24)
        p.drawText(QPointF(14, y + m.lane_padding + tfm.ascent() + 2), label)
        p.setFont(f.font)
        p.setPen(th.muted)
        count = shown_count(box.lane.members, f.dimmed if f.hide else None)
        text = fm.elidedText(lane_count_text(count, box.in_view), Qt.TextElideMode.ElideRight,
                             m.header_width - 20)
        p.drawText(QPointF(14, y + m.lane_padding + tfm.height() + fm.ascent() + 4), text)
        p.setPen(QPen(th.rule, 1))
        p.drawLine(QPointF(0, y + box.height), QPointF(m.header_width, y + box.height))
    p.restore()


def lane_count_text(count: int, in_view: int) -> str:
    """A lane header's second line: its events, and how many of them are in view when
    that is not all of them (``in_view`` < 0: not known)."""
    text = f"{count:,} event{'s' if count != 1 else ''}"
    if 0 <= in_view < count:
        text += f" · {in_view:,} in view"
    return text


def today_x(f: Frame) -> float | None:
    """Where today's line is, if today is in the window."""
    if f.today is None or not f.scale.window.overlaps(f.today, f.today):
        return None
    return f.scale.x(f.today)


def today_label_patch(f: Frame) -> QRectF | None:
    """Where "Today" is written in the strip of period titles (on a patch of background,
    beside its line, flipped left of it at the right edge); None when today is not shown."""
    x = today_x(f)
    if x is None:
        return None
    fm = QFontMetricsF(f.font)
    w = fm.horizontalAdvance("Today")
    tx = x + 5 if x + 5 + w < f.width - 3 else x - 5 - w
    m = f.metrics
    baseline = m.axis_height + m.period_strip / 2 + fm.ascent() / 2 - 1
    return QRectF(tx - 3, baseline - fm.ascent() - 1, w + 6, fm.height() + 2)


def _period_font(f: Frame) -> QFont:
    font = QFont(f.font)
    font.setPointSizeF(font.pointSizeF() * 0.9)
    font.setBold(True)
    return font


def period_strip(f: Frame) -> QRectF:
    m = f.metrics
    return QRectF(m.header_width, m.axis_height, f.width - m.header_width, m.period_strip)


def _period_bands(f: Frame) -> list[tuple[Period, float, float]]:
    """Each period shown in the strip, with the x0..x1 of its band there (at least 4 px)."""
    strip = period_strip(f)
    out = []
    for period in f.timeline.periods:
        x0 = max(f.scale.x(period.t0), strip.left())
        x1 = min(f.scale.x(period.t1), strip.right())
        if x1 - x0 >= 4:
            out.append((period, x0, x1))
    return out


def period_title_places(f: Frame) -> list[tuple[float, float, str]]:
    """Where each period's title goes in the strip under the axis, as (x, width, text):
    inside its band, shortened with "…", clear of the titles before it and of "Today"."""
    fm = QFontMetricsF(_period_font(f))
    strip = period_strip(f)
    taken = strip.left()
    today = today_label_patch(f)
    out = []
    for period, x0, x1 in sorted(_period_bands(f), key=lambda b: b[0].t0):
        start = max(x0 + 4, taken)
        end = x1 - 4
        if today is not None and today.right() > start and today.left() < end:
            if today.left() - 4 - start >= fm.horizontalAdvance("Ab…"):
                end = today.left() - 4  # the title stops before "Today"
            else:
                start = max(start, today.right() + 4)  # or goes on after it
        room = end - start
        text = fm.elidedText(period.title, Qt.TextElideMode.ElideRight, room) if room > 0 else ""
        if text and text != "…":
            w = fm.horizontalAdvance(text)
            out.append((start, w, text))
            taken = start + w + 8
    return out


def period_titles(p: QPainter, f: Frame) -> None:
    strip = period_strip(f)
    p.fillRect(strip, f.theme.background)
    for period, x0, x1 in _period_bands(f):
        band = QColor(period_colour(f, period.colour, period.category))
        band.setAlpha(f.theme.period_alpha + 30)
        p.fillRect(QRectF(x0, strip.top() + 2, x1 - x0, strip.height() - 4), band)
    font = _period_font(f)
    p.setFont(font)
    p.setPen(f.theme.text)
    baseline = strip.center().y() + QFontMetricsF(font).ascent() / 2 - 1
    for x, _, text in period_title_places(f):
        p.drawText(QPointF(x, baseline), text)


def _fold_rects(f: Frame, top: float, bottom: float) -> list[tuple[Fold, QRectF]]:
    left, right = f.metrics.header_width, f.width
    out = []
    for fold in f.scale.folds.folds:
        x0, x1 = f.scale.x(fold.t0), f.scale.x(fold.t1)
        if x1 > left and x0 < right and x1 - x0 >= 2:
            out.append((fold, QRectF(x0, top, x1 - x0, bottom - top)))
    return out


def fold_bands(p: QPainter, f: Frame, area: QRectF) -> None:
    """Each fold in view as a shaded band with torn (zigzag) edges across the lanes."""
    shade = QColor(f.theme.header)
    edge = QPen(f.theme.muted, 1)
    opacity = p.opacity()
    for fold, rect in _fold_rects(f, area.top(), area.bottom()):
        p.setOpacity(opacity * band_strength(fold))  # an opening fold fades out
        p.fillRect(rect, shade)
        p.setPen(edge)
        p.setBrush(Qt.BrushStyle.NoBrush)
        for x in (rect.left(), rect.right()):
            path = QPainterPath(QPointF(x, rect.top()))
            y, side = rect.top(), 1.0
            while y < rect.bottom():
                y += ZIGZAG
                path.lineTo(QPointF(x + side * ZIGZAG / 2, y))
                side = -side
            p.drawPath(path)
    p.setOpacity(opacity)


def fold_labels(p: QPainter, f: Frame) -> None:
    """What each fold in view skips ("⋯ 47 years ⋯"), on the axis over its band."""
    m = f.metrics
    font = QFont(f.font)
    font.setPointSizeF(font.pointSizeF() * 0.92)
    font.setItalic(True)
    fm = QFontMetricsF(font)
    p.setFont(font)
    opacity = p.opacity()
    for fold, rect in _fold_rects(f, 0.0, m.axis_height - 1):
        p.setOpacity(opacity * band_strength(fold))
        text = skipped_text(fold)
        if fm.horizontalAdvance(text) > rect.width() - 4:
            text = text.strip("⋯ ")  # "47 years"
        if fm.horizontalAdvance(text) > rect.width() - 4:
            text = "⋯"
        w = fm.horizontalAdvance(text)
        p.fillRect(QRectF(rect.center().x() - w / 2 - 3, rect.top() + 2, w + 6,
                          rect.height() - 4), f.theme.background)
        p.setPen(f.theme.muted)
        p.drawText(QPointF(rect.center().x() - w / 2, rect.center().y() + fm.ascent() / 2 - 1),
                   text)
    p.setOpacity(opacity)
