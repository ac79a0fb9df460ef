"""One facet of the filter pane: a collapsible group of checkboxes, one per value, each
with its count; the most frequent values first, the rest behind "Show all"."""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import QPoint, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette, QPixmap, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QSizePolicy,
    QStyle,
    QStyleOptionButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

SHOWN = 12
"""Values listed before "Show all" is clicked (ticked ones are listed besides)."""


def swatch(colour: str, size: int = 12) -> QIcon:
    """A small rounded square of ``colour``, outlined so that it shows on any background."""
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pix)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    fill = QColor(colour)
    painter.setPen(fill.darker(150))
    painter.setBrush(fill)
    painter.drawRoundedRect(QRectF(0.5, 0.5, size - 1, size - 1), 2.5, 2.5)
    painter.end()
    return QIcon(pix)


def _events(count: int) -> str:
    return f"{count} event" if count == 1 else f"{count} events"


class ValueBox(QCheckBox):
    """A value's checkbox: the label elided to the width it gets, the count kept whole.

    Signals:
        value_clicked(str): the user ticked or unticked this value.
    """

    value_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.value = ""
        self.label = ""
        self.count = 0
        # The label is elided to fit, so the row must not ask the pane to be wider.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.clicked.connect(self._on_self_clicked)

    def show_value(self, value: str, label: str, count: int, icon: QIcon | None,
                   checked: bool, tip: str) -> None:
        if (value, label, count) != (self.value, self.label, self.count):
            self.value, self.label, self.count = value, label, count
            self.setAccessibleName(f"{label}, {_events(count)}")
            self.setToolTip(f"<b>{html.escape(label)}</b><br>{_events(count)} {html.escape(tip)}")
            self._fit()
        self.setIcon(icon or QIcon())
        if self.isChecked() != checked:
            self.setChecked(checked)
        enabled = count > 0 or checked
        if self.isEnabled() != enabled:
            self.setEnabled(enabled)

    def hitButton(self, pos: QPoint) -> bool:
        return self.rect().contains(pos)  # the whole row, not just the box and its text

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit()

    def _fit(self) -> None:
        count = f"  ({self.count})"
        label = self.label
        if self.isVisible():
            opt = QStyleOptionButton()
            self.initStyleOption(opt)
            rect = self.style().subElementRect(QStyle.SubElement.SE_CheckBoxContents, opt, self)
            room = rect.width() - 4
            if not self.icon().isNull():
                room -= self.iconSize().width() + 4
            metrics = self.fontMetrics()
            room = max(room - metrics.horizontalAdvance(count), 3 * metrics.averageCharWidth())
            label = metrics.elidedText(label, Qt.TextElideMode.ElideRight, room)
        text = (label + count).replace("&", "&&")  # a lone & would make a mnemonic
        if text != self.text():
            self.setText(text)

    def _on_self_clicked(self) -> None:
        self.value_clicked.emit(self.value)


class FacetGroup(QWidget):
    """The values of one facet as checkboxes with counts, under a header that collapses it.

    Rows are reused: new counts change texts and visibility, not widgets. At most
    :data:`SHOWN` values are listed (plus any ticked ones) until "Show all" is clicked.
    Counts given by :meth:`set_values_soon` are shown when the event loop next runs (or
    as soon as anything asks for the rows), so a keystroke's frame does not wait for them.

    Signals:
        value_toggled(str): the user ticked or unticked a value.
        rows_created(): new checkboxes were made, so the tab order needs renewing.
    """

    value_toggled = Signal(str)
    rows_created = Signal()

    def __init__(self, title: str, noun: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.noun = noun  # e.g. "tag", as in "events with this tag"
        self._pairs: Sequence[tuple[str, int]] = ()
        self._selected: frozenset[str] = frozenset()
        self._labels: Mapping[str, str] = {}
        self._icons: Mapping[str, QIcon] = {}
        self._rows: list[ValueBox] = []
        self._show_all = False
        self._pending: Callable[[], Sequence[tuple[str, int]]] | None = None

        self._header = QToolButton(self)
        self._header.setAutoRaise(True)  # flat: a heading that folds, not a pushed button
        self._header.setArrowType(Qt.ArrowType.DownArrow)
        self._header.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self._header.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        font = self._header.font()
        font.setBold(True)
        self._header.setFont(font)
        self._header.setToolTip(f"Show or hide the list of {title.lower()}")
        self._header.clicked.connect(self._on_header_clicked)

        self._body = QWidget(self)
        self._list = QVBoxLayout(self._body)
        self._list.setContentsMargins(14, 0, 0, 2)
        self._list.setSpacing(0)
        self._none = QLabel("None among the matching events", self._body)
        self._none.setTextFormat(Qt.TextFormat.PlainText)
        self._none.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self._none.setWordWrap(True)
        self._none.hide()
        self._more = QToolButton(self._body)
        self._more.setAutoRaise(True)
        self._more.setAccessibleName(f"Show all {title.lower()}")
        self._more.setToolTip(f"List every one of the {title.lower()}, or only the most "
                              "frequent")
        self._more.clicked.connect(self._on_more_clicked)
        self._more.hide()
        self._list.addWidget(self._none)
        self._list.addWidget(self._more, 0, Qt.AlignmentFlag.AlignLeft)
        # while the pane catches up with fewer rows, their room is left below them, not
        # spread between them
        self._list.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._header)
        layout.addWidget(self._body)
        self.expanded = True
        self._update_header()

    @property
    def expanded(self) -> bool:
        return not self._body.isHidden()

    @expanded.setter
    def expanded(self, on: bool) -> None:
        self._body.setHidden(not on)
        self._header.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)
        self._header.setAccessibleDescription("expanded" if on else "collapsed")

    @property
    def show_all(self) -> bool:
        return self._show_all

    @show_all.setter
    def show_all(self, on: bool) -> None:
        self._show_all = on
        self.flush()
        self._render()

    def set_labels(self, labels: Mapping[str, str], icons: Mapping[str, QIcon]) -> None:
        """Display names (a value without one shows as itself) and swatches, by value."""
        self._labels, self._icons = labels, icons
        self._render()

    def set_values(self, pairs: Sequence[tuple[str, int]], selected: frozenset[str]) -> None:
        """``(value, count)`` pairs in display order, and the ticked values."""
        self._pending = None
        self._pairs, self._selected = pairs, selected
        self._render()

    def set_values_soon(self, pairs: Callable[[], Sequence[tuple[str, int]]],
                        selected: frozenset[str]) -> None:
        """As :meth:`set_values`, with the pairs asked of ``pairs()`` when the event loop
        next runs, or sooner if anything reads the rows."""
        if self._pending is None:
            QTimer.singleShot(0, self, self.flush)
        self._pending, self._selected = pairs, selected
        self._none.hide()  # counts are coming: not "none" before they are known

    def flush(self) -> None:
        """Show counts given by :meth:`set_values_soon` now, if they are not shown yet."""
        pending, self._pending = self._pending, None
        if pending is not None:
            self._pairs = pending()
            self._render()

    def set_selected(self, selected: frozenset[str]) -> None:
        self.flush()
        if selected != self._selected:
            self._selected = selected
            self._render()

    def boxes(self) -> list[ValueBox]:
        """The value checkboxes listed now, top to bottom."""
        self.flush()
        return [row for row in self._rows if not row.isHidden()]

    def focus_chain(self) -> list[QWidget]:
        self.flush()
        return [self._header, *self._rows, self._more]

    def _render(self) -> None:
        pairs, chosen = self._pairs, self._selected
        if self._show_all or len(pairs) <= SHOWN:
            listed = list(pairs)
        else:
            listed = [*pairs[:SHOWN], *(p for p in pairs[SHOWN:] if p[0] in chosen)]
        if len(listed) > len(self._rows):
            self._add_rows(len(listed) - len(self._rows))
        tip = f"match the other filters. Tick to keep only events with this {self.noun}."
        for row, (value, count) in zip(self._rows, listed, strict=False):
            row.show_value(value, self._labels.get(value, value), count,
                           self._icons.get(value), value in chosen, tip)
        for n, row in enumerate(self._rows):
            if row.isHidden() != (n >= len(listed)):
                row.setHidden(n >= len(listed))
        self._none.setHidden(bool(pairs) or self._pending is not None)
        self._more.setHidden(len(pairs) <= SHOWN)
        self._more.setText("Show fewer" if self._show_all else f"Show all ({len(pairs)})")
        self._update_header()

    def _add_rows(self, n: int) -> None:
        for _ in range(n):
            row = ValueBox(self._body)
            row.value_clicked.connect(self.value_toggled)
            self._list.insertWidget(len(self._rows), row)
            self._rows.append(row)
        self.rows_created.emit()

    def _update_header(self) -> None:
        n = len(self._selected)
        self._header.setText(f"{self.title} · {n} ticked" if n else self.title)
        self._header.setAccessibleName(self._header.text())

    def _on_header_clicked(self) -> None:
        self.expanded = not self.expanded

    def _on_more_clicked(self) -> None:
        self.show_all = not self._show_all
