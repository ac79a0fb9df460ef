"""The event list: a sortable table of the timeline's events, in step with the selection.

Built for 100,000 events: the model answers only for the rows on screen and sorts itself
in Python (one key per event, cached per column), because a ``QSortFilterProxyModel`` calls
``data()`` back into Python for every comparison: about 6 s per sort or filter at 100k rows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import IntEnum
from functools import partial
from itertools import compress
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QGuiApplication, QKeyEvent, QPalette
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from viewer.document import Document
from viewer.model.model import Event, Timeline
from viewer.model.palette import lane_colour
from viewer.qt.highlight import MarkingDelegate
from viewer.qt.plain_text import tooltip
from viewer.qt.view_state import ViewState
from viewer.query.filtering import FilterResult
from viewer.view.lanes import LaneMode

EVENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
"""The event's id (str)."""
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
"""The sort key: Date gives the event's index in the timeline (sorted by t0, then t1),
the text columns their text case-folded."""

_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
_DISPLAY = Qt.ItemDataRole.DisplayRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_ANSWERED = frozenset({_DISPLAY, EVENT_ID_ROLE, SORT_ROLE, _FOREGROUND,
                       Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.DecorationRole})


class Column(IntEnum):
    DATE = 0
    TITLE = 1
    CATEGORY = 2
    TAGS = 3
    PEOPLE = 4


HEADERS = ("Date", "Title", "Category", "Tags", "People")
MARKED = (Column.TITLE, Column.TAGS, Column.PEOPLE)  # the columns a text search looks in
WIDTHS = {Column.CATEGORY: 150, Column.TAGS: 140, Column.PEOPLE: 140}  # px; Title stretches
WIDEST_DAY = "30 September 2018"  # a range elides past its start, its tooltip shows all


class EventTableModel(QAbstractTableModel):
    """The events of one timeline as rows, filtered and sorted.

    Each row is an event index; ``set_filter`` either drops the events a filter rejects or
    keeps them as greyed rows. Sorting is done here (``sort``), not by a proxy.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timeline = Timeline()
        self._ids: Mapping[str, int] = {}
        self._labels: dict[str, str] = {}
        self._colours: dict[str, QColor] = {}
        self._result: FilterResult | None = None
        self._hide = False
        self._sort = (Column.DATE, Qt.SortOrder.AscendingOrder)
        self._orders: dict[Column, Sequence[int]] = {}  # all events, ascending, per column
        self._rows: Sequence[int] = ()
        self._muted = QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)

    @property
    def timeline(self) -> Timeline:
        return self._timeline

    def set_timeline(self, timeline: Timeline) -> None:
        self.set_document(Document.of(timeline))

    def set_document(self, document: Document) -> None:
        """Show the document's timeline, unfiltered (a filter result belongs to the
        previous one)."""
        self.beginResetModel()
        self._timeline = timeline = document.timeline
        self._ids = document.columns.positions
        self._labels = {c.name: c.label or c.name for c in timeline.categories}
        lanes = document.lanes(LaneMode.CATEGORY)
        self._colours = {lane.key: QColor(lane_colour(i, lane.colour))
                         for i, lane in enumerate(lanes) if lane.key}
        self._result = None
        self._orders = {}
        self._rows = self._sorted_rows()
        self.endResetModel()

    def set_filter(self, result: FilterResult | None, hide: bool) -> None:
        """Apply ``result`` (from this timeline's index; None for no filter): with ``hide``
        only its ``visible`` events are rows, else every event is, the rest greyed."""
        if result is not None and result.total != len(self._timeline.events):
            raise ValueError("the filter result is for another timeline")
        old = self._rows
        self._result, self._hide = result, hide
        rows = self._sorted_rows()
        if rows is old or (len(rows) == len(old) and rows == old):
            if rows:  # the same rows, greyed anew: no reset (the view keeps its place)
                self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, 4),
                                      [Qt.ItemDataRole.ForegroundRole,
                                       Qt.ItemDataRole.DecorationRole])
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def set_muted_colour(self, colour: QColor) -> None:
        """The text colour of rows the filter rejects (default: the placeholder text's)."""
        self._muted = QColor(colour)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 4),
                                  [Qt.ItemDataRole.ForegroundRole])

    def event_at(self, row: int) -> Event | None:
        if 0 <= row < len(self._rows):
            return self._timeline.events[self._rows[row]]
        return None

    def row_of(self, event_id: str) -> int:
        """The row showing ``event_id``, or -1 when it is not a row."""
        i = self._ids.get(event_id)
        return -1 if i is None else self._row_of_event(i)

    def _row_of_event(self, i: int) -> int:
        try:
            return self._rows.index(i)  # a C loop, or O(1) on a range
        except ValueError:
            return -1

    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(HEADERS):
            return None
        if role == _DISPLAY:
            return HEADERS[section]
        if role == Qt.ItemDataRole.InitialSortOrderRole:  # a new column sorts ascending first
            return Qt.SortOrder.AscendingOrder.value
        return None

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        if role not in _ANSWERED:  # a cell's paint asks for some eight roles
            return None
        row = index.row()
        if not index.isValid() or not 0 <= row < len(self._rows):
            return None
        i = self._rows[row]
        if role == _FOREGROUND:
            return self._muted if self._dimmed(i) else None
        event = self._timeline.events[i]
        column = index.column()
        if role == _DISPLAY:
            return self._text(event, column)
        if role == EVENT_ID_ROLE:
            return event.id
        if role == SORT_ROLE:
            return self._sort_key(column, i)
        if role == Qt.ItemDataRole.ToolTipRole:  # what an elided cell holds
            tip = event.summary if column == Column.TITLE else self._text(event, column)
            return tooltip(tip) if tip else None
        if role == Qt.ItemDataRole.DecorationRole and column == Column.CATEGORY:
            colour = self._colours.get(event.category or "")
            if colour is not None and self._dimmed(i):
                colour = QColor(colour)
                colour.setAlpha(90)
            return colour
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order the rows by ``column``; ties keep date order (reversed when descending)."""
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        kept = [(self._rows[p.row()], p.column()) for p in old]
        self._sort = (Column(column) if 0 <= column < len(HEADERS) else Column.DATE, order)
        self._rows = self._sorted_rows()
        self.changePersistentIndexList(
            old, [self.index(self._row_of_event(i), c) for i, c in kept])
        self.layoutChanged.emit()

    def _dimmed(self, i: int) -> bool:
        return self._result is not None and not self._hide and not self._result.mask[i]

    def _text(self, event: Event, column: int) -> str:
        if column == Column.DATE:
            return event.date_text()
        if column == Column.TITLE:
            return event.title
        if column == Column.CATEGORY:
            return self._labels.get(event.category or "", event.category or "")
        return ", ".join(event.tags if column == Column.TAGS else event.people)

    def _sort_key(self, column: int, i: int) -> int | str:
        if column == Column.DATE:
            return i  # the timeline is sorted by t0, then t1
        return self._text(self._timeline.events[i], column).casefold()

    def _sorted_rows(self) -> Sequence[int]:
        column, order = self._sort
        n = len(self._timeline.events)
        rows = self._orders.get(column)
        if rows is None:
            rows = self._orders[column] = (
                range(n) if column == Column.DATE
                else sorted(range(n), key=partial(self._sort_key, column)))
        if order == Qt.SortOrder.DescendingOrder:
            rows = rows[::-1]
        if self._result is not None and self._hide:
            mask = self._result.mask
            rows = list(compress(rows, map(mask.__getitem__, rows)))
        return rows


class EventList(QTableView):
    """The event table, kept in step with ``state``'s selection both ways.

    Signals:
        event_activated(str): the user double-clicked an event or pressed Enter on it.
    """

    event_activated = Signal(str)

    def __init__(self, state: ViewState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self._syncing = False  # applying the state's selection: do not echo it back
        self._model = EventTableModel(self)
        self.setModel(self._model)
        self.setAccessibleName("Event list")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)  # Tab leaves the table, as in any list
        self.setCornerButtonEnabled(False)
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # uniform heights: no measuring
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.setIconSize(QSize(10, 10))  # the category swatch
        self._marks = MarkingDelegate(self)
        for column in MARKED:
            self.setItemDelegateForColumn(column, self._marks)
        self.setColumnWidth(Column.DATE, self.fontMetrics().horizontalAdvance(WIDEST_DAY) + 24)
        for column, width in WIDTHS.items():
            self.setColumnWidth(column, width)
        header.setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSortIndicator(Column.DATE, Qt.SortOrder.AscendingOrder)
        self.setSortingEnabled(True)
        self._model.set_muted_colour(self.palette().color(QPalette.ColorRole.PlaceholderText))
        self.selectionModel().selectionChanged.connect(self._on_selection_model_selection_changed)
        self._model.modelReset.connect(self._on_model_model_reset)
        self._model.layoutChanged.connect(self._on_model_layout_changed)
        self.doubleClicked.connect(self._on_view_double_clicked)
        state.selection_changed.connect(self._on_state_selection_changed)

    @property
    def event_model(self) -> EventTableModel:
        return self._model

    def set_timeline(self, timeline: Timeline) -> None:
        self._model.set_timeline(timeline)

    def set_document(self, document: Document) -> None:
        self._model.set_document(document)

    def set_filter(self, result: FilterResult | None, hide: bool) -> None:
        self._model.set_filter(result, hide)

    @property
    def highlight(self) -> str:
        return self._marks.query

    def set_highlight(self, query: str) -> None:
        """Mark the matches of the search ``query`` (a :class:`Filter`'s ``text``) in the
        Title, Tags and People cells; "" marks nothing."""
        if query != self._marks.query:
            self._marks.query = query
            self.viewport().update()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.event_activated.emit(self.currentIndex().data(EVENT_ID_ROLE))
            event.accept()
            return
        super().keyPressEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._model.set_muted_colour(self.palette().color(QPalette.ColorRole.PlaceholderText))

    def _show_selected(self) -> None:
        """Select and reveal the state's event, or select nothing when it is not a row."""
        row = self._model.row_of(self._state.selected)
        selection = self.selectionModel()
        self._syncing = True
        try:
            if row < 0:
                selection.clear()
            else:
                index = self._model.index(row, Column.DATE)
                flags = QItemSelectionModel.SelectionFlag
                selection.setCurrentIndex(index, flags.ClearAndSelect | flags.Rows)
                self.scrollTo(index)
        finally:
            self._syncing = False

    def _on_state_selection_changed(self, _event_id: str) -> None:
        self._show_selected()

    def _on_model_model_reset(self) -> None:
        self._show_selected()

    def _on_model_layout_changed(self) -> None:
        if self.selectionModel().hasSelection():
            self.scrollTo(self.selectionModel().selectedRows()[0])

    def _on_selection_model_selection_changed(self) -> None:
        if self._syncing:
            return
        rows = self.selectionModel().selectedRows()
        self._state.select(rows[0].data(EVENT_ID_ROLE) if rows else "")

    def _on_view_double_clicked(self, index: QModelIndex) -> None:
        self.event_activated.emit(index.data(EVENT_ID_ROLE))
