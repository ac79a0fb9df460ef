"""The event list: rows, greying, sorting, and the selection kept in step with the state."""

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage, QPalette

from viewer.model.dates import parse_date
from viewer.model.model import Category, Event, Timeline
from viewer.qt.event_list import EVENT_ID_ROLE, SORT_ROLE, Column, EventList, EventTableModel
from viewer.qt.highlight import ON_SELECTION, elided_spans, marker_fill
from viewer.qt.view_state import ViewState
from viewer.query.filtering import Filter, SearchIndex, apply


def canola(timeline):
    return apply(SearchIndex(timeline), Filter(text="canola"))


def ids_in_view_order(model):
    return [model.index(row, 0).data(EVENT_ID_ROLE) for row in range(model.rowCount())]


def selected_ids(view):
    return [index.data(EVENT_ID_ROLE) for index in view.selectionModel().selectedRows()]


@pytest.fixture
def model(bundled):
    m = EventTableModel()
    m.set_timeline(bundled)
    return m


@pytest.fixture
def view(qtbot, bundled):
    widget = EventList(ViewState())
    qtbot.addWidget(widget)
    widget.resize(900, 400)
    widget.set_timeline(bundled)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def click_header(qtbot, view, column):
    header = view.horizontalHeader()
    pos = QPoint(header.sectionViewportPosition(column) + 10, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def row_centre(view, row):
    return view.visualRect(view.model().index(row, Column.TITLE)).center()


def test_the_model_passes_the_model_tester(qtmodeltester, model, bundled):
    qtmodeltester.check(model)
    model.set_filter(canola(bundled), hide=True)
    qtmodeltester.check(model)
    model.set_filter(canola(bundled), hide=False)
    model.sort(Column.TITLE, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)


def test_cells_show_what_the_user_wrote(model, bundled):
    row = model.row_of("meng-arrest")
    event = bundled.event("meng-arrest")
    cell = {c: model.index(row, c) for c in Column}
    assert model.headerData(Column.DATE, Qt.Orientation.Horizontal) == "Date"
    assert cell[Column.DATE].data() == event.date_text() == "1 December 2018"
    assert cell[Column.TITLE].data() == event.title
    assert cell[Column.TITLE].data(Qt.ItemDataRole.ToolTipRole) == event.summary
    assert cell[Column.CATEGORY].data() == "Security & justice"  # the label, not the name
    assert cell[Column.CATEGORY].data(Qt.ItemDataRole.DecorationRole).name() == "#ee6677"
    assert cell[Column.TAGS].data() == "Huawei, extradition, detentions"
    assert cell[Column.PEOPLE].data() == "Meng Wanzhou"
    assert cell[Column.TAGS].data(Qt.ItemDataRole.ToolTipRole) == cell[Column.TAGS].data()


def test_hiding_drops_rows_and_showing_greys_them(model, bundled):
    result = canola(bundled)
    assert 0 < result.shown < result.total == model.rowCount()
    model.set_filter(result, hide=True)
    assert model.rowCount() == result.shown
    assert ids_in_view_order(model) == [bundled.events[i].id for i in result.visible]
    model.set_filter(result, hide=False)
    assert model.rowCount() == result.total
    muted = model.index(model.row_of("meng-arrest"), 1).data(Qt.ItemDataRole.ForegroundRole)
    kept = model.index(model.row_of("canola-permits-2019"), 1).data(
        Qt.ItemDataRole.ForegroundRole)
    assert muted is not None and kept is None
    model.set_filter(None, hide=True)
    assert model.rowCount() == result.total


def test_greyed_rows_use_the_views_placeholder_colour(view, bundled):
    view.set_filter(canola(bundled), hide=False)
    model = view.event_model
    muted = model.index(model.row_of("meng-arrest"), 0).data(Qt.ItemDataRole.ForegroundRole)
    assert muted == view.palette().color(QPalette.ColorRole.PlaceholderText)


def test_sort_keys_order_dates_by_time_and_titles_without_case(model):
    first = model.index(0, Column.DATE).data(SORT_ROLE)
    last = model.index(model.rowCount() - 1, Column.DATE).data(SORT_ROLE)
    assert first < last
    assert model.index(0, Column.TITLE).data(SORT_ROLE) == model.event_at(0).title.casefold()


def test_clicking_headers_sorts(qtbot, view, bundled):
    by_time = [e.id for e in sorted(bundled.events, key=lambda e: (e.t0, e.t1))]
    assert ids_in_view_order(view.model()) == by_time  # initially by date, ascending
    click_header(qtbot, view, Column.TITLE)
    titles = [view.model().index(r, Column.TITLE).data() for r in range(len(by_time))]
    assert titles == sorted(titles, key=str.casefold)
    click_header(qtbot, view, Column.DATE)
    assert ids_in_view_order(view.model()) == by_time
    click_header(qtbot, view, Column.DATE)
    assert ids_in_view_order(view.model()) == by_time[::-1]


def test_clicking_a_row_selects_the_event(qtbot, view):
    row = view.event_model.row_of("meng-bail")
    with qtbot.waitSignal(view._state.selection_changed) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=row_centre(view, row))
    assert blocker.args == ["meng-bail"]
    assert view._state.selected == "meng-bail"


def test_selecting_in_the_state_selects_and_reveals_the_row(qtbot, view):
    view.resize(900, 120)  # too short to show every row
    view._state.select("carney-xi-meeting")
    assert selected_ids(view) == ["carney-xi-meeting"]
    index = view.selectionModel().selectedRows()[0]
    assert view.viewport().rect().intersects(view.visualRect(index))
    view._state.select("meng-arrest")
    assert selected_ids(view) == ["meng-arrest"]


def test_the_down_key_walks_to_the_next_event(qtbot, view, bundled):
    view._state.select("meng-arrest")
    after = bundled.events[[e.id for e in bundled.events].index("meng-arrest") + 1].id
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view._state.selected == after
    assert selected_ids(view) == [after]


def test_a_hidden_selected_event_is_unselected_in_the_list_only(view, bundled):
    view._state.select("meng-arrest")
    view.set_filter(canola(bundled), hide=True)
    assert selected_ids(view) == []
    assert view._state.selected == "meng-arrest"  # the canvas may still show it
    view.set_filter(canola(bundled), hide=False)
    assert selected_ids(view) == ["meng-arrest"]  # back after the reset


def test_the_selection_survives_a_sort_and_a_reload(qtbot, view, bundled):
    view._state.select("canola-permits-2019")
    click_header(qtbot, view, Column.TITLE)
    assert selected_ids(view) == ["canola-permits-2019"]
    view.set_timeline(bundled)
    assert selected_ids(view) == ["canola-permits-2019"]
    assert view._state.selected == "canola-permits-2019"


def test_double_click_and_enter_activate_the_event(qtbot, view):
    pos = row_centre(view, view.event_model.row_of("meng-arrest"))
    with qtbot.waitSignal(view.event_activated) as blocker:
        # as a real mouse does: the first click, then the second one that is a double-click
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert blocker.args == ["meng-arrest"]
    view._state.select("meng-bail")
    with qtbot.waitSignal(view.event_activated) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert blocker.args == ["meng-bail"]


def test_a_hundred_thousand_events_make_a_model(qtbot):
    start = parse_date("2018-12-01")
    events = tuple(Event(id=f"e{i}", title=f"Event {99_999 - i}", start=start,
                         category="trade", tags=("t",)) for i in range(100_000))
    timeline = Timeline(categories=(Category("trade", "Trade", None),), events=events)
    view = EventList(ViewState())
    qtbot.addWidget(view)
    view.set_timeline(timeline)
    model = view.event_model
    assert model.rowCount() == 100_000
    last = model.index(99_999, Column.TITLE)
    assert last.data() == "Event 0" and last.data(EVENT_ID_ROLE) == "e99999"
    view.sortByColumn(Column.TITLE, Qt.SortOrder.AscendingOrder)
    assert model.index(99_999, Column.TITLE).data() == "Event 99999"
    view._state.select("e5")
    view.set_filter(apply(SearchIndex(timeline), Filter(text='"event 9"')), hide=True)
    assert model.rowCount() == 11_111
    assert selected_ids(view) == ["e5"]  # "Event 99994"


# -- search matches marked --------------------------------------------------------------------

def cell_rect(view, event_id, column) -> QRect:
    """The cell on screen, inset so that neighbouring cells cannot leak into a probe."""
    index = view.model().index(view.event_model.row_of(event_id), column)
    return view.visualRect(index).translated(view.viewport().pos()).adjusted(2, 2, -2, -2)


def pixels_like(image: QImage, rect: QRect, colour: QColor, tolerance: int = 3) -> int:
    """How many pixels of ``rect`` in ``image`` are ``colour``, give or take."""
    found = 0
    for y in range(rect.top(), rect.bottom() + 1):
        for x in range(rect.left(), rect.right() + 1):
            c = QColor(image.pixel(x, y))
            found += (abs(c.red() - colour.red()) <= tolerance
                      and abs(c.green() - colour.green()) <= tolerance
                      and abs(c.blue() - colour.blue()) <= tolerance)
    return found


def luminance(c: QColor) -> float:
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())


def contrast(a: QColor, b: QColor) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_given_a_search_when_painted_then_matches_are_on_the_marker(view):
    marker = marker_fill(view.palette())
    view.set_highlight("canola")
    assert view.highlight == "canola"
    image = view.grab().toImage()
    assert pixels_like(image, cell_rect(view, "canola-permits-2019", Column.TITLE), marker) > 20
    assert pixels_like(image, cell_rect(view, "canola-permits-2019", Column.TAGS), marker) > 20
    assert pixels_like(image, cell_rect(view, "meng-arrest", Column.TITLE), marker) == 0
    assert pixels_like(image, cell_rect(view, "canola-permits-2019", Column.DATE), marker) == 0


def test_given_no_search_then_nothing_is_marked(view):
    marker = marker_fill(view.palette())
    view.set_highlight("canola")
    view.set_highlight("")
    image = view.grab().toImage()
    assert pixels_like(image, cell_rect(view, "canola-permits-2019", Column.TITLE), marker) == 0


def test_a_marked_row_still_reads_as_selected(view):
    view._state.select("canola-permits-2019")
    view.set_highlight("canola")
    image = view.grab().toImage()
    rect = cell_rect(view, "canola-permits-2019", Column.TITLE)
    selection = view.palette().color(QPalette.ColorRole.Highlight)
    assert pixels_like(image, rect, ON_SELECTION) > 20  # the match, on its own marker
    assert pixels_like(image, rect, selection) > rect.width() * rect.height() // 2


def test_marked_text_sits_where_the_default_delegate_puts_it(view):
    """The marked cell's first letters are drawn where they were before the search."""
    rect = cell_rect(view, "canola-permits-2019", Column.TITLE)
    rect.setWidth(60)  # "China revo", before the match
    before = view.grab().toImage().copy(rect)
    view.set_highlight("canola")
    assert view.grab().toImage().copy(rect) == before


@pytest.mark.parametrize("dark", [False, True])
def test_the_marker_keeps_text_readable_in_light_and_dark(view, dark):
    pal = QPalette(view.palette())
    base, text = (QColor("#1c1f24"), QColor("#e6e8eb")) if dark else (
        QColor("#ffffff"), QColor("#1f2328"))
    for role, colour in ((QPalette.ColorRole.Base, base), (QPalette.ColorRole.Text, text),
                         (QPalette.ColorRole.AlternateBase, base)):
        pal.setColor(role, colour)
    view.setPalette(pal)
    view.set_highlight("canola")
    marker = marker_fill(view.palette())
    assert contrast(marker, text) >= 4.5
    assert marker != base
    image = view.grab().toImage()
    assert pixels_like(image, cell_rect(view, "canola-permits-2019", Column.TITLE), marker) > 20


def test_accents_and_case_do_not_hide_a_match(view):
    marker = marker_fill(view.palette())
    view.set_highlight("MELANIE")
    view.scrollTo(view.model().index(view.event_model.row_of("indo-pacific-strategy"), 0))
    image = view.grab().toImage()
    assert pixels_like(image, cell_rect(view, "indo-pacific-strategy", Column.PEOPLE),
                       marker) > 20


def test_a_match_cut_by_the_ellipsis_marks_the_ellipsis():
    text = "two Michaels, detentions"
    spans = [(4, 11)]
    assert elided_spans(text, spans, text, "michael") == spans
    assert elided_spans(text, spans, "two Micha…", "michael") == [(4, 10)]
    assert elided_spans(text, spans, "two …", "michael") == []
    assert elided_spans(text, spans, "two Michaels, d…", "michael") == spans
    assert elided_spans(text, spans, "…detentions", "detention") == [(1, 10)]


def test_marking_a_hundred_thousand_rows_paints_only_what_is_seen(qtbot, monkeypatch):
    from viewer.qt import highlight

    start = parse_date("2018-12-01")
    events = tuple(Event(id=f"e{i}", title=f"Canola event {i}", start=start, tags=("canola",))
                   for i in range(100_000))
    view = EventList(ViewState())
    qtbot.addWidget(view)
    view.resize(900, 400)
    view.set_timeline(Timeline(events=events))
    view.show()
    qtbot.waitExposed(view)
    searched: list[str] = []  # every text searched for matches, to mark them
    real_spans = highlight.highlight_spans
    monkeypatch.setattr(highlight, "highlight_spans",
                        lambda text, query: searched.append(text) or real_spans(text, query))
    view.set_highlight("canola")
    image = view.grab().toImage()
    rect = cell_rect(view, "e0", Column.TITLE)
    assert pixels_like(image, rect, marker_fill(view.palette())) > 20
    on_screen = range(view.rowAt(0), view.rowAt(view.viewport().height() - 1) + 1)
    assert 5 < len(on_screen) < 50
    titles = {text for text in searched if text.startswith("Canola event")}
    assert titles == {f"Canola event {row}" for row in on_screen}  # the rows seen, no other
    assert len(searched) <= 3 * len(on_screen)  # title, tags and people of each, at most


def test_markup_in_a_cell_or_its_tooltip_shows_literally():
    from tests.qt.rich_text import MARKUP as markup
    from tests.qt.rich_text import as_shown

    model = EventTableModel()
    model.set_timeline(Timeline(events=(Event(id="a", title=markup, start=parse_date("2018"),
                                              summary=markup, tags=(markup,)),)))
    title, tags = model.index(0, Column.TITLE), model.index(0, Column.TAGS)
    assert title.data() == markup
    assert as_shown(title.data(Qt.ItemDataRole.ToolTipRole)) == markup
    assert as_shown(tags.data(Qt.ItemDataRole.ToolTipRole)) == markup
