"""The detail pane: one event laid out to be read, its sources checked and its links followed.

The description is Markdown rendered safely (see :class:`MarkdownView`), and only http, https
and mailto links are opened, through an injectable opener. Colours come from the widget's
palette, so light and dark both read well.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QEvent, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QColor, QDesktopServices, QFont, QPalette
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from viewer.model.dates import format_duration
from viewer.model.links import (
    blocked_reason,
    is_safe_url,
    readable_url,
    source_meta,
    source_text,
    source_title,
)
from viewer.model.model import Event, Timeline
from viewer.model.palette import lane_colour, text_on
from viewer.qt.detail_widgets import (
    Chip,
    FlowLayout,
    LinkLabel,
    MarkdownView,
    blend,
    muted,
    url_text,
)
from viewer.qt.highlight import mark_document, marked_html, marker_fill
from viewer.qt.plain_text import tooltip
from viewer.query.filtering import highlight_spans

EMPTY_HINT = "Select an event on the timeline or in the list to read it here."
PADDING = 18
ROLE = QPalette.ColorRole


class DetailPane(QWidget):
    """Shows one event of a timeline; empty until :meth:`show_event` names one. The
    matches of a search given to :meth:`set_highlight` are marked in what it shows.

    Signals:
        facet_requested(str, str): a chip was clicked: facet ("tag", "person", "place",
            "category") and value, to filter the timeline by it.
        event_requested(str): a related event's link was followed; its id.
        open_in_editor_requested(int): the reader asked to edit the event at this line.
    """

    facet_requested = Signal(str, str)
    event_requested = Signal(str)
    open_in_editor_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None,
                 open_url: Callable[[QUrl], object] = QDesktopServices.openUrl) -> None:
        super().__init__(parent)
        self.setAccessibleName("Event details")
        self._open_url = open_url
        self._timeline: Timeline | None = None
        self._event_id = ""
        self._query = ""
        self._marked: list[tuple[QLabel, str]] = []  # labels that mark matches, their text
        self._chips: list[Chip] = []  # chips that a match colours whole
        self._description = ""  # the Markdown source, to render again without marks
        self._description_marked = False
        self.description: MarkdownView | None = None
        self.empty = QLabel(EMPTY_HINT)
        self.empty.setBackgroundRole(ROLE.Base)  # the same reading surface as an event's page
        self.empty.setAutoFillBackground(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setMargin(PADDING)
        self.page = QScrollArea()
        self.page.setWidgetResizable(True)
        self.page.setFrameShape(QScrollArea.Shape.NoFrame)
        self.page.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.notice = QLabel()
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.notice.setWordWrap(True)
        self.notice.setContentsMargins(PADDING, 6, PADDING, 6)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        for widget, stretch in ((self.empty, 1), (self.page, 1), (self.notice, 0)):
            layout.addWidget(widget, stretch)
        self.show_event(None, "")

    def show_event(self, timeline: Timeline | None, event_id: str) -> None:
        """Show ``event_id`` of ``timeline``; "" or an unknown id shows the empty hint.
        The same event shown again (after a reload) keeps its place in the pane."""
        scroll = self.page.verticalScrollBar().value() if event_id == self._event_id else 0
        self._timeline, self._event_id = timeline, event_id
        event = timeline.event(event_id) if timeline is not None and event_id else None
        self.notice.hide()
        self.description = None
        self._marked, self._chips, self._description_marked = [], [], False
        self._paint(self.empty, muted(self.palette()))
        self.empty.setVisible(event is None)
        self.page.setVisible(event is not None)
        content = QWidget() if timeline is None or event is None else self._content(timeline, event)
        self._mark()
        old = self.page.takeWidget()
        if old is not None:  # later: a link or chip on it may be handling the click that led here
            old.deleteLater()
        self.page.setWidget(content)
        bar = self.page.verticalScrollBar()
        bar.setValue(0)
        if scroll:  # once the new content is laid out, so that the range allows it
            QTimer.singleShot(0, self, lambda: bar.setValue(scroll))

    @property
    def highlight(self) -> str:
        return self._query

    def set_highlight(self, query: str) -> None:
        """Mark the matches of the search ``query`` (a :class:`Filter`'s ``text``) in the
        title, summary, description and tag, person and place chips of this and every
        event shown after; "" marks nothing. The page keeps its scroll position."""
        if query != self._query:
            self._query = query
            self._mark()

    def open_link(self, url: QUrl) -> bool:
        """Open ``url`` with the opener if it is http, https or mailto; say so if it is not."""
        reason = blocked_reason(url_text(url))
        self.notice.setText(reason)
        self.notice.setVisible(bool(reason))
        self._paint(self.notice, muted(self.palette()))
        if not reason:
            self._open_url(url)
        return not reason

    def changeEvent(self, ev: QEvent) -> None:
        super().changeEvent(ev)
        if ev.type() == QEvent.Type.PaletteChange:  # colours are baked in when content is built
            self.show_event(self._timeline, self._event_id)

    def _content(self, timeline: Timeline, event: Event) -> QWidget:
        page = QWidget()
        page.setBackgroundRole(ROLE.Base)  # children then draw in the Text role
        page.setAutoFillBackground(True)
        col = QVBoxLayout(page)
        col.setContentsMargins(PADDING, PADDING, PADDING, PADDING)
        col.setSpacing(10)
        col.addWidget(self._markable(event.title, scale=1.45, bold=True))
        when = event.date_text()
        if event.is_range:
            when += f" · {format_duration(event.t1 - event.t0)}"
        when += " · approximate" if event.approximate else ""
        col.addWidget(self._text(when, faint=True))
        col.addLayout(self._category_row(timeline, event))
        if event.summary:
            col.addWidget(self._markable(event.summary, scale=1.08, italic=True))
        for facet, heading, values in (("tag", "Tags", event.tags),
                                       ("person", "People", event.people),
                                       ("place", "Places", event.places)):
            if values:
                col.addWidget(self._heading(heading))
                flow = FlowLayout()
                for value in values:
                    self._chips.append(self._chip(facet, value, value))
                    flow.addWidget(self._chips[-1])
                col.addLayout(flow)
        if event.description:
            self.description = MarkdownView()
            self.description.setAccessibleName("Description")
            self.description.set_markdown(event.description, self.palette())
            self._description = event.description
            self.description.anchorClicked.connect(self._on_description_anchor_clicked)
            col.addSpacing(4)
            col.addWidget(self.description)
        if event.sources:
            col.addWidget(self._heading(f"Sources ({len(event.sources)})"))
            col.addLayout(self._sources(event))
        if event.related:
            col.addWidget(self._heading("Related"))
            col.addLayout(self._related(timeline, event))
        if event.extra:
            col.addWidget(self._heading("Details"))
            col.addLayout(self._extra(event))
        if event.line > 0:
            button = QPushButton(f"Open in editor at line {event.line}")
            button.clicked.connect(partial(self._on_editor_button_clicked, event.line))
            col.addSpacing(6)
            col.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        col.addStretch(1)
        return page

    def _category_row(self, timeline: Timeline, event: Event) -> QLayout:
        row = FlowLayout(gap=10)
        cat = timeline.category(event.category)
        if cat is not None:
            colour = lane_colour(timeline.categories.index(cat), cat.colour)
            row.addWidget(self._chip("category", cat.name, cat.label or cat.name, colour))
        elif event.category:
            row.addWidget(self._chip("category", event.category, event.category))
        if event.importance is not None:
            label = self._text(f"Importance {event.importance} of 5", faint=True)
            label.setMinimumHeight(label.fontMetrics().height() + 8)  # a chip's height
            label.setAlignment(Qt.AlignmentFlag.AlignVCenter)
            row.addWidget(label)
        return row

    def _chip(self, facet: str, value: str, text: str, colour: str | None = None) -> Chip:
        chip = Chip(text, self._chip_style(colour))
        chip.setAccessibleName(f"{facet}: {value}")
        chip.setToolTip(tooltip(f"Show only events with {facet} “{value}”"))
        chip.clicked.connect(partial(self._on_chip_clicked, facet, value))
        return chip

    def _chip_style(self, colour: str | None = None, marked: bool = False) -> str:
        """A neutral chip's look, or one in a category's ``colour``; a ``marked`` neutral
        chip is on the search marker."""
        pal = self.palette()
        base, ink = pal.color(ROLE.Base), pal.color(ROLE.WindowText)
        if colour is None:
            bg = marker_fill(pal) if marked else blend(base, ink, 0.08)
            edge, hover = blend(bg, ink, 0.16), blend(bg, ink, 0.09)
        else:
            bg, ink = QColor(colour), QColor(text_on(colour))
            edge, hover = bg.darker(115), bg.lighter(112)
        focus = pal.color(ROLE.Highlight).name()
        return (f"QPushButton {{ background: {bg.name()}; color: {ink.name()};"
                f" border: 1px solid {edge.name()}; border-radius: 11px; padding: 3px 10px; }}"
                f" QPushButton:hover {{ background: {hover.name()}; }}"
                f" QPushButton:focus {{ border: 2px solid {focus}; }}")

    def _mark(self) -> None:
        """Mark the search's matches in what is shown, and unmark the old ones."""
        fill = marker_fill(self.palette())
        for label, text in self._marked:
            spans = highlight_spans(text, self._query)
            label.setTextFormat(Qt.TextFormat.RichText if spans else Qt.TextFormat.PlainText)
            label.setText(marked_html(text, spans, fill) if spans else text)
        for chip in self._chips:
            marked = bool(highlight_spans(chip.full_text, self._query))
            if bool(chip.property("marked")) != marked:
                chip.setProperty("marked", marked)
                chip.setStyleSheet(self._chip_style(marked=marked))
        if self.description is not None:
            if self._description_marked:  # marks are formats in the document: start afresh
                self.description.set_markdown(self._description, self.palette())
            self._description_marked = bool(
                mark_document(self.description.document(), self._query, fill))

    def _sources(self, event: Event) -> QLayout:
        box = QVBoxLayout()
        box.setSpacing(0)
        for source in event.sources:
            safe = source.safe_url and is_safe_url(source.url)
            label = LinkLabel(source_title(source)) if safe else self._text(source_title(source))
            if isinstance(label, LinkLabel):
                label.activated.connect(partial(self._on_source_activated, source.url))
            tip = source.url if safe else f"Not opened: {source.url}" * bool(source.url)
            label.setToolTip(tooltip(tip))
            label.setAccessibleName(source_text(source))
            box.addSpacing(6 * bool(box.count()))
            box.addWidget(label)
            meta = source_meta(source)
            if safe and not meta and source.title != source.url:
                meta = readable_url(source.url).split("/")[0]  # where the link leads
            if meta:
                box.addWidget(self._text(meta, faint=True, scale=0.92))
        return box

    def _related(self, timeline: Timeline, event: Event) -> QLayout:
        box = QVBoxLayout()
        box.setSpacing(0)
        for rid in event.related:
            box.addSpacing(6 * bool(box.count()))
            other = timeline.event(rid)
            if other is None:
                box.addWidget(self._text(f"unknown event '{rid}'", faint=True))
                continue
            link = LinkLabel(other.title)
            link.setToolTip(tooltip(f"Show “{other.title}”"))
            link.activated.connect(partial(self._on_related_activated, rid))
            box.addWidget(link)
            box.addWidget(self._text(other.date_text(), faint=True, scale=0.92))
        return box

    def _extra(self, event: Event) -> QLayout:
        form = QFormLayout()
        form.setHorizontalSpacing(14)
        form.setVerticalSpacing(6)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key, value in event.extra:
            name = self._text(key.replace("_", " ").capitalize(), faint=True)
            name.setToolTip(tooltip(key))
            form.addRow(name, self._text(value))
        return form

    def _heading(self, text: str) -> QLabel:
        label = self._text(text, faint=True, scale=0.85, bold=True)
        font = label.font()
        font.setCapitalization(QFont.Capitalization.AllUppercase)
        font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 106)
        label.setFont(font)
        label.setContentsMargins(0, 8, 0, 0)
        return label

    def _text(self, text: str, *, faint: bool = False, scale: float = 1.0, bold: bool = False,
              italic: bool = False) -> QLabel:
        """A wrapping, selectable plain-text label, muted when ``faint``."""
        label = QLabel(text)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = label.font()
        font.setPointSizeF(font.pointSizeF() * scale)
        font.setBold(bold)
        font.setItalic(italic)
        label.setFont(font)
        if faint:
            self._paint(label, muted(self.palette()))
        return label

    def _markable(self, text: str, *, scale: float, bold: bool = False,
                  italic: bool = False) -> QLabel:
        """A :meth:`_text` label in which :meth:`_mark` marks the search's matches."""
        label = self._text(text, scale=scale, bold=bold, italic=italic)
        label.setAccessibleName(text)  # not the markup it may hold
        self._marked.append((label, text))
        return label

    @staticmethod
    def _paint(label: QLabel, colour: QColor) -> None:
        pal = label.palette()
        for role in (ROLE.WindowText, ROLE.Text):  # Text is the role under a Base background
            pal.setColor(role, colour)
        label.setPalette(pal)

    def _on_description_anchor_clicked(self, url: QUrl) -> None:
        self.open_link(url)

    def _on_source_activated(self, url: str) -> None:
        self.open_link(QUrl(url))

    def _on_related_activated(self, event_id: str) -> None:
        self.event_requested.emit(event_id)

    def _on_chip_clicked(self, facet: str, value: str, _checked: bool = False) -> None:
        self.facet_requested.emit(facet, value)

    def _on_editor_button_clicked(self, line: int, _checked: bool = False) -> None:
        self.open_in_editor_requested.emit(line)
