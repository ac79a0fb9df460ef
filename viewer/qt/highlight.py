"""Search matches marked where events are read: a highlighter colour that suits the palette,
escaped rich text with the matches marked, marks in a rendered document, and the item
delegate that marks them in the event list.

Spans come from :func:`viewer.query.filtering.highlight_spans`, so what is marked is what the
search matched (accent- and case-insensitively).
"""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QPainter,
    QPalette,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextLayout,
    QTextLine,
)
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from viewer.query.filtering import highlight_spans

MARKER = QColor("#ffc400")
"""A highlighter pen's amber-yellow."""
ON_SELECTION = QColor("#ffd54f")
"""The marker on a selected row, under :data:`INK_ON_MARKER` text."""
INK_ON_MARKER = QColor("#1f2328")

Spans = list[tuple[int, int]]
ROLE = QPalette.ColorRole
ELLIPSIS = "…"


def is_dark(palette: QPalette) -> bool:
    return palette.color(ROLE.Text).lightness() > palette.color(ROLE.Base).lightness()


def marker_fill(palette: QPalette) -> QColor:
    """The marker laid over the palette's Base, opaque: a pale yellow under dark text on a
    light page, a deep amber under light text on a dark page, so the text stays readable."""
    base = palette.color(ROLE.Base)
    t = 0.36 if is_dark(palette) else 0.5
    return QColor.fromRgbF(*(b + (m - b) * t for b, m in (
        (base.redF(), MARKER.redF()), (base.greenF(), MARKER.greenF()),
        (base.blueF(), MARKER.blueF()))))


def marked_html(text: str, spans: Spans, colour: QColor) -> str:
    """``text`` as rich text with every piece escaped and ``spans`` on ``colour``; spaces
    and line breaks are kept as in plain text."""
    parts, at = [], 0
    for start, end in spans:
        parts.append(html.escape(text[at:start]))
        parts.append(f"<span style='background-color:{colour.name()}'>"
                     f"{html.escape(text[start:end])}</span>")
        at = end
    parts.append(html.escape(text[at:]))
    return f"<div style='white-space:pre-wrap'>{''.join(parts)}</div>"


def mark_document(doc: QTextDocument, query: str, colour: QColor) -> int:
    """Give the matches of ``query`` in ``doc`` a ``colour`` background, paragraph by
    paragraph (a phrase does not run across two); how many were marked. The marks are
    char formats in the document itself: render the source again to remove them."""
    mark = QTextCharFormat()
    mark.setBackground(colour)
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()
    count = 0
    block = doc.begin()
    while block.isValid():
        for start, end in highlight_spans(block.text(), query):
            cursor.setPosition(block.position() + start)
            cursor.setPosition(block.position() + end, QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(mark)
            count += 1
        block = block.next()
    cursor.endEditBlock()
    return count


def elided_spans(text: str, spans: Spans, shown: str, query: str) -> Spans:
    """The matched ``spans`` of ``text`` moved onto ``shown``, its elided form. When it
    is cut on the right, a match cut by the ellipsis marks the ellipsis too, so the reader
    knows there is more of it; else the matches are looked for in ``shown`` again."""
    if shown == text:
        return spans
    if not shown.endswith(ELLIPSIS) or not text.startswith(shown[:-1]):
        return highlight_spans(shown, query)
    kept = len(shown) - 1
    return [(start, end if end <= kept else len(shown)) for start, end in spans if start < kept]


class MarkingDelegate(QStyledItemDelegate):
    """Paints a cell's text itself, with the matches of :attr:`query` on a marker; the
    background, selection and focus are the style's. With no query, or no match in the
    cell, it paints as the default delegate does. Spans are found for the painted cell
    only, so a 100k-row table costs what is on screen."""

    query = ""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        text = str(index.data() or "").replace("\n", " ") if self.query else ""
        spans = highlight_spans(text, self.query) if text else []
        if not spans:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        widget = opt.widget
        style = widget.style() if widget is not None else None
        if style is None:
            super().paint(painter, option, index)
            return
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1
        rect.adjust(margin, 0, -margin, 0)
        opt.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        shown = opt.fontMetrics.elidedText(text, opt.textElideMode, rect.width())
        self._draw_text(painter, opt, QRectF(rect), shown,
                        elided_spans(text, spans, shown, self.query))

    def _draw_text(self, painter: QPainter, opt: QStyleOptionViewItem, rect: QRectF,
                   text: str, spans: Spans) -> None:
        state = opt.state
        selected = bool(state & QStyle.StateFlag.State_Selected)
        group = (QPalette.ColorGroup.Disabled if not state & QStyle.StateFlag.State_Enabled
                 else QPalette.ColorGroup.Normal if state & QStyle.StateFlag.State_Active
                 else QPalette.ColorGroup.Inactive)
        pal: QPalette = opt.palette
        ink = pal.color(group, ROLE.HighlightedText if selected else ROLE.Text)
        fill = ON_SELECTION if selected else marker_fill(pal)
        layout = QTextLayout(text, opt.font)
        if selected:  # dark ink on the marker, whatever the selection's text colour
            ranges = []
            for start, end in spans:
                r = QTextLayout.FormatRange()
                r.start, r.length = start, end - start
                r.format.setForeground(INK_ON_MARKER)
                ranges.append(r)
            layout.setFormats(ranges)
        layout.beginLayout()
        line = layout.createLine()
        line.setLineWidth(1e6)
        layout.endLayout()
        top = rect.top() + (rect.height() - line.height()) / 2
        if opt.displayAlignment & Qt.AlignmentFlag.AlignTop:
            top = rect.top()
        painter.save()
        painter.setClipRect(rect.adjusted(-2, 0, 2, 0))  # the marker's rounded ends
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        for start, end in spans:
            x0, x1 = _x(line, start), _x(line, end)
            painter.drawRoundedRect(QRectF(rect.left() + x0 - 1.5, top, x1 - x0 + 3,
                                           line.height()), 3, 3)
        painter.setPen(ink)
        line.draw(painter, QPointF(rect.left(), top))
        painter.restore()


def _x(line: QTextLine, cursor: int) -> float:
    found: tuple[float, int] = line.cursorToX(cursor)  # type: ignore[assignment]
    return found[0]  # PySide6 returns (x, cursor), typed as object
