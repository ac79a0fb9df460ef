"""The filter pane, used as a person would: typing, ticking, dates, clearing."""

from itertools import pairwise

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QCheckBox, QLabel, QLineEdit, QRadioButton, QWidget

from tests.qt.rich_text import MARKUP, as_shown
from viewer.model.dates import parse_date
from viewer.model.model import Event, Timeline
from viewer.qt.facet_list import SHOWN
from viewer.qt.filter_pane import FilterPane
from viewer.query.filtering import Filter, SearchIndex, apply


def make_pane(qtbot, timeline, *, wired=True):
    """A pane that, like the main window, applies each filter it emits and shows the result."""
    pane = FilterPane()
    qtbot.addWidget(pane)
    index = SearchIndex(timeline)
    pane.set_timeline(timeline)
    pane.set_result(index.unfiltered())
    if wired:
        pane.filter_changed.connect(lambda flt: pane.set_result(apply(index, flt)))
    pane.resize(280, 900)
    pane.show()
    qtbot.waitExposed(pane)
    return pane


@pytest.fixture
def pane(qtbot, bundled):
    return make_pane(qtbot, bundled)


def shown(button: QAbstractButton) -> str:
    """A button's text as drawn: "&&" is how a literal "&" is written."""
    return button.text().replace("&&", "&")


def boxes(pane, facet):
    return pane.groups[facet].boxes()


def box(pane, facet, starting):
    found = [b for b in boxes(pane, facet) if shown(b).startswith(starting)]
    assert len(found) == 1, [shown(b) for b in boxes(pane, facet)]
    return found[0]


def field(pane, name) -> QLineEdit:
    return next(w for w in pane.findChildren(QLineEdit) if w.accessibleName() == name)


def button(pane, kind, name):
    return next(w for w in pane.findChildren(kind) if w.accessibleName() == name)


def active_line(pane) -> str:
    return button(pane, QLabel, "Active filters").text()


def type_date(qtbot, edit, text):
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def click_row(qtbot, widget):
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(8, widget.height() // 2))


def test_typing_in_the_search_box_emits_the_text(qtbot, pane):
    search = field(pane, "Search")
    assert search.placeholderText() == "Search titles, text, people, sources…"
    with qtbot.waitSignal(pane.filter_changed, check_params_cb=lambda f: f.text == "canola"):
        qtbot.keyClicks(search, "canola")
    assert pane.filter().text == "canola"


def test_the_counts_follow_the_other_filters(qtbot, bundled):
    pane = make_pane(qtbot, bundled, wired=False)
    trade = box(pane, "category", "Trade & tariffs")
    assert shown(trade) == "Trade & tariffs  (10)"
    in_trade = sum(e.category == "trade" and "canola" in f"{e.title} {e.summary} {e.description} "
                   f"{' '.join(e.tags)}".lower() for e in bundled.events)

    pane.set_result(apply(SearchIndex(bundled), Filter(text="canola")))

    assert trade in boxes(pane, "category")  # the same checkbox, new text
    assert shown(trade) == f"Trade & tariffs  ({in_trade})"
    assert not box(pane, "category", "Canadian politics").isEnabled()  # (0)
    assert button(pane, QLabel, "Events shown").text() == "12 of 39 events"


def test_set_result_emits_nothing(qtbot, pane, bundled):
    with qtbot.assertNotEmitted(pane.filter_changed, wait=30):
        pane.set_result(apply(SearchIndex(bundled), Filter(text="huawei")))


def test_ticking_a_category_filters_by_it(qtbot, pane):
    trade = box(pane, "category", "Trade & tariffs")
    assert not trade.icon().isNull()  # the colour swatch
    with qtbot.waitSignal(pane.filter_changed) as blocker:
        click_row(qtbot, trade)
    assert blocker.args[0].categories == {"trade"}
    assert trade.isChecked()
    assert "category: trade" in active_line(pane)
    assert pane.groups["category"].accessibleName() == "Categories"


def test_a_date_range_from_partial_dates(qtbot, pane):
    with qtbot.waitSignal(pane.filter_changed):
        type_date(qtbot, field(pane, "From"), "2018")
    with qtbot.waitSignal(pane.filter_changed):
        type_date(qtbot, field(pane, "To"), "2021")
    flt = pane.filter()
    assert flt.start == parse_date("2018").start
    assert flt.end == parse_date("2021").end
    assert active_line(pane) == flt.describe() == "2018–2021"


def test_an_invalid_date_is_shown_and_changes_nothing(qtbot, pane):
    edit = field(pane, "From")
    with qtbot.assertNotEmitted(pane.filter_changed, wait=30):
        type_date(qtbot, edit, "2018-13")
    assert pane.filter().start is None
    problem = button(pane, QLabel, "Date problem")
    assert problem.isVisible()
    assert "month 13 does not exist" in problem.text()
    assert "month 13 does not exist" in edit.accessibleDescription()

    with qtbot.waitSignal(pane.filter_changed):
        type_date(qtbot, edit, "Dec 2018")
    assert pane.filter().start == parse_date("2018-12").start
    assert not problem.isVisible()


def test_the_toggles(qtbot, pane):
    with qtbot.waitSignal(pane.filter_changed) as blocker:
        click_row(qtbot, button(pane, QCheckBox, "Only events with sources"))
    assert blocker.args[0].only_sourced
    with qtbot.waitSignal(pane.filter_changed) as blocker:
        click_row(qtbot, button(pane, QCheckBox, "Only approximate dates"))
    assert blocker.args[0].only_approximate and blocker.args[0].only_sourced
    assert active_line(pane) == "with sources · approximate dates"


def test_clear_filters_resets_everything(qtbot, pane):
    clear = button(pane, QAbstractButton, "Clear filters")
    assert not clear.isEnabled()
    assert active_line(pane) == "No filters"
    qtbot.keyClicks(field(pane, "Search"), "canola")
    type_date(qtbot, field(pane, "From"), "2018")
    type_date(qtbot, field(pane, "To"), "nonsense")
    click_row(qtbot, box(pane, "category", "Trade"))
    click_row(qtbot, button(pane, QCheckBox, "Only events with sources"))
    assert clear.isEnabled()

    with qtbot.waitSignal(pane.filter_changed) as blocker:
        qtbot.mouseClick(clear, Qt.MouseButton.LeftButton)

    assert blocker.args[0] == Filter() == pane.filter()
    assert not clear.isEnabled()
    assert active_line(pane) == "No filters"
    assert all(not field(pane, name).text() for name in ("Search", "From", "To"))
    assert not button(pane, QLabel, "Date problem").isVisible()
    assert not any(b.isChecked() for b in pane.findChildren(QCheckBox))


def test_set_filter_ticks_the_tag_and_emits_once(qtbot, pane):
    with qtbot.waitSignal(pane.filter_changed) as blocker:
        pane.set_filter(Filter(tags=frozenset({"canola"})))
    assert blocker.args[0].tags == {"canola"}
    assert box(pane, "tag", "canola").isChecked()
    assert active_line(pane) == "tag: canola"
    assert pane.groups["tag"].focus_chain()[0].text() == "Tags · 1 ticked"


def test_set_filter_writes_a_brushed_range_into_the_fields(qtbot, pane):
    pane.set_filter(Filter(text="huawei", start=parse_date("2018").start,
                           end=parse_date("2021").end))
    assert field(pane, "Search").text() == "huawei"
    assert field(pane, "From").text() == "2018"
    assert field(pane, "To").text() == "2021"
    assert active_line(pane) == "search “huawei” · 2018–2021"


def test_hide_or_dim_filtered_out_events(qtbot, pane):
    assert pane.hide_filtered is False
    with qtbot.waitSignal(pane.hide_filtered_changed, check_params_cb=lambda hide: hide):
        click_row(qtbot, button(pane, QRadioButton, "Hide filtered-out events"))
    assert pane.hide_filtered is True
    with qtbot.waitSignal(pane.hide_filtered_changed, check_params_cb=lambda hide: not hide):
        pane.hide_filtered = False


def test_escape_empties_the_search_before_the_window_gets_it(qtbot, pane):
    window_escapes = []
    shortcut = QShortcut(QKeySequence(Qt.Key.Key_Escape), pane)
    shortcut.activated.connect(lambda: window_escapes.append(1))
    search = field(pane, "Search")
    search.setFocus()
    qtbot.keyClicks(search, "canola")
    with qtbot.waitSignal(pane.filter_changed, check_params_cb=lambda f: f.text == ""):
        qtbot.keyClick(search, Qt.Key.Key_Escape)
    assert search.text() == "" and not window_escapes
    qtbot.keyClick(search, Qt.Key.Key_Escape)  # now empty: the window's Escape
    assert window_escapes == [1]


def test_focus_search_selects_the_text(qtbot, pane):
    search = field(pane, "Search")
    search.setText("canola")
    pane.focus_search()
    assert search.hasFocus() and search.selectedText() == "canola"


def test_hundreds_of_tags_are_listed_a_dozen_at_a_time(qtbot):
    events = tuple(Event(f"e{i}", f"Event {i}", parse_date("2020"),
                         tags=(f"tag {i:03d}", *(("common",) if i % 2 else ())))
                   for i in range(300))
    pane = make_pane(qtbot, Timeline(events=events))
    more = button(pane, QAbstractButton, "Show all tags")
    assert len(boxes(pane, "tag")) == SHOWN <= 12
    assert shown(boxes(pane, "tag")[0]) == "common  (150)"
    assert shown(more) == "Show all (301)"

    pane.set_filter(Filter(tags=frozenset({"tag 299"})))  # ticked: listed though rare
    assert len(boxes(pane, "tag")) == SHOWN + 1
    assert boxes(pane, "tag")[-1].isChecked()

    qtbot.mouseClick(more, Qt.MouseButton.LeftButton)
    assert len(boxes(pane, "tag")) == 301
    qtbot.mouseClick(more, Qt.MouseButton.LeftButton)
    assert len(boxes(pane, "tag")) == SHOWN + 1


def test_a_long_value_is_elided_but_keeps_its_count(qtbot):
    long = "a very long tag name that could never fit in a narrow pane at all"
    pane = make_pane(qtbot, Timeline(events=(Event("e", "E", parse_date("2020"), tags=(long,)),)))
    row = boxes(pane, "tag")[0]
    assert shown(row).endswith("…  (1)")
    assert row.accessibleName() == f"{long}, 1 event"


def test_the_tab_order_follows_the_layout(qtbot, pane):
    chain: list[QWidget] = []
    widget = field(pane, "Search")
    while widget not in chain:
        chain.append(widget)
        widget = widget.nextInFocusChain()
    tabbable = [w for w in chain if w.isVisible() and w.isEnabled() and pane.isAncestorOf(w)
                and w.focusPolicy() & Qt.FocusPolicy.TabFocus]
    assert len(tabbable) > 20
    places = [(w.mapTo(pane, QPoint(0, 0)).y(), w.mapTo(pane, QPoint(0, 0)).x())
              for w in tabbable]
    for (y0, x0), (y1, x1) in pairwise(places):
        assert y1 > y0 or (y1 == y0 and x1 > x0)


def test_every_control_is_named_and_explained(pane):
    controls = [w for w in pane.findChildren(QWidget)
                if isinstance(w, (QAbstractButton, QLineEdit)) and w.isVisible()]
    assert len(controls) > 20
    for w in controls:
        assert w.accessibleName(), w
        assert w.toolTip(), w.accessibleName()


def test_the_counts_are_shown_once_the_event_loop_runs(qtbot, bundled):
    # Given a pane showing every event's counts
    pane = make_pane(qtbot, bundled, wired=False)
    trade = box(pane, "category", "Trade & tariffs")
    in_trade = sum(e.category == "trade" and "canola" in f"{e.title} {e.summary} {e.description} "
                   f"{' '.join(e.tags)}".lower() for e in bundled.events)
    # When a search's result arrives, then its count is on the checkbox as soon as the
    # window is idle, without anything asking for the rows
    pane.set_result(apply(SearchIndex(bundled), Filter(text="canola")))
    qtbot.waitUntil(lambda: shown(trade) == f"Trade & tariffs  ({in_trade})", timeout=1000)
    assert button(pane, QLabel, "Events shown").text() == "12 of 39 events"


def test_a_new_file_never_says_none_match_while_its_counts_are_on_their_way(qtbot, bundled):
    from viewer.qt.facet_list import FacetGroup

    pane = FilterPane()
    qtbot.addWidget(pane)
    pane.set_timeline(bundled)
    pane.set_result(SearchIndex(bundled).unfiltered())  # the counts come when idle
    pane.show()
    nones = [label for group in pane.findChildren(FacetGroup) for label in
             group.findChildren(QLabel) if label.text() == "None among the matching events"]
    assert nones and not any(label.isVisibleTo(pane) for label in nones)
    group = pane.groups["category"]
    qtbot.waitUntil(lambda: group._pending is None, timeout=5000)  # arrived while idle
    assert boxes(pane, "category") and not any(label.isVisibleTo(pane) for label in nones)
    nobody = Timeline(events=(Event("x", "X", parse_date("2001")),))  # no category at all
    pane.set_timeline(nobody)
    pane.set_result(SearchIndex(nobody).unfiltered())
    qtbot.waitUntil(lambda: any(label.isVisibleTo(pane) for label in nones), timeout=5000)


def test_fewer_rows_stay_packed_while_the_pane_catches_up(qtbot, bundled_window):
    """A search that leaves a facet fewer values: at every turn of the event loop, its
    rows sit one under the other (the room they left is not spread between them)."""
    import time

    from PySide6.QtWidgets import QApplication

    window = bundled_window
    people = window.filter_pane.groups["person"]
    window.filter_pane.set_filter(Filter(text="canola"))
    for _ in range(8):
        QApplication.processEvents()
        time.sleep(0.02)
        rows = [row for row in people.boxes() if row.isVisibleTo(window)]
        assert rows
        gaps = [b.geometry().top() - a.geometry().bottom() for a, b in pairwise(rows)]
        assert all(gap <= 2 for gap in gaps), gaps


def test_markup_in_values_searches_and_dates_shows_literally(qtbot):
    timeline = Timeline(events=(Event(id="a", title=MARKUP, start=parse_date("2018"),
                                      tags=(MARKUP,), people=(MARKUP,)),))
    pane = make_pane(qtbot, timeline)
    value = box(pane, "tag", MARKUP)
    assert as_shown(value.toolTip()).startswith(MARKUP + "\n1 event")
    with qtbot.waitSignal(pane.filter_changed):
        pane.set_filter(Filter(text=MARKUP, tags=frozenset({MARKUP})))
    active = button(pane, QLabel, "Active filters")
    assert active.textFormat() == Qt.TextFormat.PlainText
    assert active.text() == f"search “{MARKUP}” · tag: {MARKUP}"
    edit = field(pane, "From")
    type_date(qtbot, edit, "<b>x</b>")
    problem = button(pane, QLabel, "Date problem")
    assert problem.textFormat() == Qt.TextFormat.PlainText
    assert "'<b>x</b>' is not a date" in problem.text()
    [warning] = [a for a in edit.actions() if a.isVisible()]
    assert as_shown(warning.toolTip()).startswith("'<b>x</b>' is not a date")
    assert button(pane, QLabel, "Events shown").textFormat() == Qt.TextFormat.PlainText
