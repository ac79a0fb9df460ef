"""The filter pane: edits a :class:`~viewer.query.filtering.Filter` and shows what it keeps.

The pane only edits the value; whoever owns the timeline applies it (the pure
:func:`~viewer.query.filtering.apply`) and hands the result back with :meth:`FilterPane.set_result`
so that the counts beside each value follow the other filters.
"""

from __future__ import annotations

from functools import partial
from itertools import pairwise

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from viewer.document import Document
from viewer.model.dates import DateError, parse_date
from viewer.model.model import Timeline
from viewer.model.palette import lane_colour
from viewer.qt.facet_list import FacetGroup, swatch
from viewer.qt.plain_text import tooltip
from viewer.query.filtering import FACETS, Filter, FilterResult, bound_text
from viewer.view.lanes import LaneMode

_GROUPS = {"category": ("Categories", "category"), "tag": ("Tags", "tag"),
           "person": ("People", "person"), "place": ("Places", "place")}
_DATE_FORMS = "2018, 2018-12, 2018-12-01, Dec 2018, 427 BC or ~2018"
_EMIT_DELAY_MS = 10  # coalesces a burst of keystrokes; far below what anyone notices


def _muted(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # it shows what the user typed
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    label.setWordWrap(True)
    return label


def _bound_of(text: str, *, is_end: bool) -> float | None:
    """The axis bound a date field's text stands for; raises DateError."""
    if not text.strip():
        return None
    date = parse_date(text)
    return date.end if is_end else date.start


def _pairs(result: FilterResult, facet: str) -> tuple[tuple[str, int], ...]:
    return result.facets.get(facet, ())


def _count_text(shown: int, total: int) -> str:
    if shown == total:
        return "1 event" if total == 1 else f"All {total} events"
    return f"{shown} of {total} events"


class FilterPane(QWidget):
    """Search box, date range, toggles and facet checkboxes for the events to show.

    Signals:
        filter_changed(object): the :class:`Filter` changed (by the user, or by
            :meth:`set_filter`); emitted on every keystroke in the search box.
        hide_filtered_changed(bool): filtered-out events are now hidden (True) or dimmed.
    """

    filter_changed = Signal(object)
    hide_filtered_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._filter = Filter()
        self._date_errors: dict[QLineEdit, str] = {}
        self._warnings: dict[QLineEdit, QAction] = {}  # the icon inside a field not a date
        self._emit_timer = QTimer(self)
        self._emit_timer.setSingleShot(True)
        self._emit_timer.setInterval(_EMIT_DELAY_MS)
        self._emit_timer.timeout.connect(self._on_emit_timer_timeout)
        self.setAccessibleName("Filters")

        self._search = QLineEdit()
        self._search.setPlaceholderText("Search titles, text, people, sources…")
        self._search.setClearButtonEnabled(True)
        self._search.setAccessibleName("Search")
        self._search.setToolTip("Show only events that contain every word; put a phrase in "
                                "\"quotes\". Matches ignore case and accents.")
        self._search.textEdited.connect(self._on_search_text_edited)
        self._search.installEventFilter(self)  # Escape empties it

        self._count = QLabel()
        self._count.setTextFormat(Qt.TextFormat.PlainText)
        self._count.setAccessibleName("Events shown")
        self._count.setToolTip("How many events match the filters")
        self._clear = QPushButton("Clear filters")
        self._clear.setAccessibleName("Clear filters")
        self._clear.setToolTip("Remove the search, the dates and every ticked value")
        self._clear.clicked.connect(self._on_clear_clicked)
        self._active = _muted("No filters")
        self._active.setAccessibleName("Active filters")
        self._active.setToolTip("The filters in use")

        self._from = self._date_field("From", "e.g. 2018",
                                      "Keep events that end after the start of this date")
        self._to = self._date_field("To", "e.g. 2021",
                                    "Keep events that begin before the end of this date")
        self._date_error = _muted()
        self._date_error.setAccessibleName("Date problem")
        self._date_error.hide()

        self._sourced = self._toggle("Only events with sources",
                                     "Hide events that cite no source")
        self._approximate = self._toggle("Only approximate dates",
                                         "Show only events whose date is approximate (~2019)")
        self._dim = QRadioButton("Dim")
        self._dim.setChecked(True)
        self._dim.setAccessibleName("Dim filtered-out events")
        self._dim.setToolTip("Draw events that do not match faintly, in place")
        self._hide = QRadioButton("Hide")
        self._hide.setAccessibleName("Hide filtered-out events")
        self._hide.setToolTip("Leave events that do not match out of the timeline")
        self._mode = QButtonGroup(self)
        self._mode.addButton(self._dim)
        self._mode.addButton(self._hide)
        self._hide.toggled.connect(self._on_hide_toggled)

        self.groups: dict[str, FacetGroup] = {}
        for facet in FACETS:
            group = FacetGroup(*_GROUPS[facet])
            group.setAccessibleName(_GROUPS[facet][0])
            group.value_toggled.connect(partial(self._on_group_value_toggled, facet))
            group.rows_created.connect(self._on_group_rows_created)
            self.groups[facet] = group

        self._build_layout()
        self._sync_status()

    # -- public API ---------------------------------------------------------------------

    def filter(self) -> Filter:
        return self._filter

    def set_filter(self, flt: Filter) -> None:
        """Show ``flt`` in the widgets and emit :attr:`filter_changed` once."""
        if self._search.text() != flt.text:  # else the cursor would jump to the end
            self._search.setText(flt.text)
        self._show_bound(self._from, flt.start, is_end=False)
        self._show_bound(self._to, flt.end, is_end=True)
        self._sourced.setChecked(flt.only_sourced)
        self._approximate.setChecked(flt.only_approximate)
        self._commit(flt)

    def set_timeline(self, timeline: Timeline) -> None:
        self.set_document(Document.of(timeline))

    def set_document(self, document: Document) -> None:
        """Names and colour swatches for the categories; call :meth:`set_result` next."""
        timeline = document.timeline
        labels = {c.name: c.label or c.name for c in timeline.categories}
        labels[""] = "Uncategorised"
        colours = {c.name: c.colour for c in timeline.categories if c.colour}
        lanes = document.lanes(LaneMode.CATEGORY)
        for i, lane in enumerate(lanes):  # the colours the canvas gives its category lanes
            colours.setdefault(lane.key, lane_colour(i, lane.colour))
        icons: dict[str, QIcon] = {name: swatch(colour) for name, colour in colours.items()}
        self.groups["category"].set_labels(labels, icons)
        self._count.setText(_count_text(len(timeline.events), len(timeline.events)))

    def set_result(self, result: FilterResult) -> None:
        """Show the counts of ``result``; emits nothing. The facets' counts follow when
        the event loop next runs (their checkboxes show them whenever they are read)."""
        self._count.setText(_count_text(result.shown, result.total))
        for facet, group in self.groups.items():
            group.set_values_soon(partial(_pairs, result, facet), self._filter.selected(facet))

    def focus_search(self) -> None:
        """Put the cursor in the search box with its text selected (for Ctrl+F)."""
        self._search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._search.selectAll()

    @property
    def hide_filtered(self) -> bool:
        """Whether events that do not match are left out (True) or dimmed (False)."""
        return self._hide.isChecked()

    @hide_filtered.setter
    def hide_filtered(self, hide: bool) -> None:
        (self._hide if hide else self._dim).setChecked(True)

    # -- building -----------------------------------------------------------------------

    def _date_field(self, name: str, placeholder: str, tip: str) -> QLineEdit:
        field = QLineEdit()
        field.setPlaceholderText(placeholder)
        field.setClearButtonEnabled(True)
        field.setAccessibleName(name)
        field.setToolTip(f"{tip}. Write it as in the file: {_DATE_FORMS}. Press Enter to apply.")
        warning = QAction(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
                          "Not a date", field)
        field.addAction(warning, QLineEdit.ActionPosition.TrailingPosition)
        warning.setVisible(False)
        self._warnings[field] = warning
        field.textEdited.connect(self._on_date_text_edited)
        field.editingFinished.connect(self._commit_dates)
        return field

    def _toggle(self, text: str, tip: str) -> QCheckBox:
        box = QCheckBox(text)
        box.setAccessibleName(text)
        box.setToolTip(tip)
        box.clicked.connect(self._on_toggle_clicked)
        return box

    def _build_layout(self) -> None:
        status = QHBoxLayout()
        status.addWidget(self._count, 1)
        status.addWidget(self._clear)

        dates = QGridLayout()
        dates.setHorizontalSpacing(6)
        dates.setVerticalSpacing(4)
        for row, (text, field) in enumerate((("From", self._from), ("To", self._to))):
            label = QLabel(text)
            label.setBuddy(field)
            dates.addWidget(label, row, 0)
            dates.addWidget(field, row, 1)
        dates.addWidget(self._date_error, 2, 1)

        mode = QHBoxLayout()
        mode_label = QLabel("Filtered-out events:")
        mode_label.setToolTip("How the timeline shows events that do not match")
        mode.addWidget(mode_label)
        mode.addWidget(self._dim)
        mode.addWidget(self._hide)
        mode.addStretch(1)

        content = QWidget()
        body = QVBoxLayout(content)
        body.setContentsMargins(8, 4, 8, 8)
        body.setSpacing(6)
        body.addLayout(dates)
        body.addWidget(self._sourced)
        body.addWidget(self._approximate)
        body.addLayout(mode)
        for group in self.groups.values():
            body.addSpacing(4)
            body.addWidget(group)
        body.addStretch(1)

        scroll = QScrollArea()
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.viewport().setAutoFillBackground(False)
        content.setAutoFillBackground(False)

        top = QVBoxLayout()
        top.setContentsMargins(8, 8, 8, 4)
        top.setSpacing(6)
        top.addWidget(self._search)
        top.addLayout(status)
        top.addWidget(self._active)
        rule = QFrame()
        rule.setFrameShape(QFrame.Shape.HLine)
        rule.setFrameShadow(QFrame.Shadow.Plain)
        rule.setForegroundRole(QPalette.ColorRole.Mid)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(top)
        layout.addWidget(rule)
        layout.addWidget(scroll, 1)

    # -- state --------------------------------------------------------------------------

    def _commit(self, flt: Filter, *, soon: bool = False) -> None:
        """Adopt ``flt`` and announce it, now or after a short pause for more typing."""
        self._filter = flt
        self._sync_status()
        for facet, group in self.groups.items():
            group.set_selected(flt.selected(facet))
        if soon:
            self._emit_timer.start()
        else:
            self._emit_timer.stop()
            self.filter_changed.emit(flt)

    def _sync_status(self) -> None:
        self._active.setText(self._filter.describe() or "No filters")
        dirty = self._filter != Filter() or bool(self._from.text() or self._to.text())
        self._clear.setEnabled(dirty)

    def _show_bound(self, field: QLineEdit, t: float | None, *, is_end: bool) -> None:
        """Write a bound into its field, unless the field already says the same."""
        try:
            same = _bound_of(field.text(), is_end=is_end) == t
        except DateError:
            same = False
        if not same:
            field.setText("" if t is None else bound_text(t, is_end=is_end))
        self._set_date_error(field, "")

    def _read(self, field: QLineEdit, fallback: float | None) -> float | None:
        """The field's bound, or ``fallback`` with the problem shown when it is not a date."""
        try:
            bound = _bound_of(field.text(), is_end=field is self._to)
        except DateError as err:
            self._set_date_error(field, f"{err.message} — {err.hint}" if err.hint
                                 else err.message)
            return fallback
        self._set_date_error(field, "")
        return bound

    def _set_date_error(self, field: QLineEdit, message: str) -> None:
        if self._date_errors.get(field, "") == message:
            return
        if message:
            self._date_errors[field] = message
        else:
            self._date_errors.pop(field, None)
        self._warnings[field].setVisible(bool(message))
        self._warnings[field].setToolTip(tooltip(message))
        field.setAccessibleDescription(message)
        self._style_date_field(field)
        lines = [f"{f.accessibleName()}: {m}" for f, m in self._date_errors.items()]
        self._date_error.setText("\n".join(lines))
        self._date_error.setVisible(bool(lines))

    def _style_date_field(self, field: QLineEdit) -> None:
        palette = self.palette()
        if field in self._date_errors:
            dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
            palette.setColor(QPalette.ColorRole.Text, QColor("#ff8a80" if dark else "#b3261e"))
        field.setPalette(palette)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # light ↔ dark: re-derive the error red
            for field in (self._from, self._to):
                self._style_date_field(field)

    # -- slots --------------------------------------------------------------------------

    def _on_search_text_edited(self, text: str) -> None:
        self._commit(self._filter.with_(text=text), soon=True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Escape in a non-empty search box empties it, before any window shortcut."""
        if (watched is self._search and isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_Escape and self._search.text()):
            if event.type() == QEvent.Type.KeyPress:
                self._search.clear()
                self._commit(self._filter.with_(text=""))
            event.accept()  # a ShortcutOverride accepted turns into that KeyPress
            return True
        return super().eventFilter(watched, event)

    def _on_emit_timer_timeout(self) -> None:
        self.filter_changed.emit(self._filter)

    def _on_clear_clicked(self) -> None:
        self.set_filter(self._filter.cleared())

    def _on_date_text_edited(self, text: str) -> None:
        if not text:  # the clear button: no Enter will follow
            self._commit_dates()
        self._sync_status()

    def _commit_dates(self) -> None:
        start = self._read(self._from, self._filter.start)
        end = self._read(self._to, self._filter.end)
        if start is not None and end is not None and end <= start and self._to.text():
            self._set_date_error(self._to, "this is before “From”")
            end = self._filter.end
        if (start, end) != (self._filter.start, self._filter.end):
            self._commit(self._filter.with_(start=start, end=end))
        else:
            self._sync_status()

    def _on_toggle_clicked(self) -> None:
        self._commit(self._filter.with_(only_sourced=self._sourced.isChecked(),
                                        only_approximate=self._approximate.isChecked()))

    def _on_hide_toggled(self, hide: bool) -> None:
        self.hide_filtered_changed.emit(hide)

    def _on_group_value_toggled(self, facet: str, value: str) -> None:
        self._commit(self._filter.toggled(facet, value))

    def _on_group_rows_created(self) -> None:
        chain: list[QWidget] = [self._search, self._clear, self._from, self._to, self._sourced,
                                self._approximate, self._dim, self._hide]
        for group in self.groups.values():
            chain += group.focus_chain()
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)
