"""Framing as a user meets it: Home fits the events snugly and scrolls the lanes to the top,
F fits the matches (or every filter change does, if asked), Shift+Home and a file's first
open show the author's view, and a small window leaves most of itself to the timeline."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea

from viewer.model.dates import parse_date
from viewer.model.model import DefaultView, Event, Timeline
from viewer.qt.main_window import MainWindow
from viewer.qt.settings import Remembered
from viewer.query.filtering import Filter
from viewer.view.lanes import LaneMode
from viewer.view.timewindow import TimeWindow

from .conftest import ROOT


def margins(window: TimeWindow, events) -> tuple[float, float]:
    """The free share of the window left and right of ``events``."""
    t0, t1 = min(e.t0 for e in events), max(e.t1 for e in events)
    return (t0 - window.start) / window.width, (window.end - t1) / window.width


def test_fit_all_frames_the_events_with_a_small_margin_and_no_room_for_labels(canvas, bundled):
    canvas.state.set_window(TimeWindow(0, 1e9), settle_now=True)
    qtbot_free_fit = canvas.fit_all
    qtbot_free_fit()
    left, right = margins(canvas.state.window, bundled.events)
    assert 0 < left <= 0.05 and 0 < right <= 0.05


def test_home_and_0_scroll_the_lanes_back_to_the_top(canvas, qtbot):
    canvas.resize(1200, 250)  # too short for every lane
    for key in (Qt.Key.Key_Home, Qt.Key.Key_0):
        canvas.lane_scroll = 120.0
        canvas.repaint()
        assert canvas.lane_scroll > 0  # scrolled down: the first lane is hidden
        qtbot.keyClick(canvas, key)
        assert canvas.lane_scroll == 0.0


def test_fit_matches_frames_the_events_the_filter_keeps(bundled_window, qtbot):
    w = bundled_window
    w.filter_pane.set_filter(Filter(text="canola"))
    matches = w.shown_events()
    assert 0 < len(matches) < len(w.timeline.events)
    w.canvas.lane_scroll = 100.0
    next(a for a in w.menus.view_menu.actions() if a.text() == "Fit &matches").trigger()
    left, right = margins(w.state.window, matches)
    assert 0 < left <= 0.05 and 0 < right <= 0.05
    assert w.canvas.lane_scroll == 0.0


def test_f_on_the_canvas_fits_the_matches(canvas, qtbot):
    from viewer.view.visibility import FilteredOut

    kept = {i for i, e in enumerate(canvas.timeline.events) if e.t0 >= parse_date("2022").start}
    mask = bytes(1 if i in kept else 0 for i in range(len(canvas.timeline.events)))
    canvas.set_filtered_out(FilteredOut(mask), hide=False)
    qtbot.keyClick(canvas, Qt.Key.Key_F)
    left, right = margins(canvas.state.window, [canvas.timeline.events[i] for i in kept])
    assert 0 < left <= 0.05 and 0 < right <= 0.05


def test_typing_f_in_the_search_box_still_types(bundled_window, qtbot):
    w = bundled_window
    shown = w.state.window
    w.focus_search()
    qtbot.keyClicks(w.focusWidget(), "ford")
    assert w.focusWidget().text() == "ford"
    assert w.state.window == shown


def test_frame_matches_automatically_is_off_by_default_and_remembered(bundled_window, settings):
    w = bundled_window
    assert not w.menus.frame_matches.isChecked()
    shown = w.state.window
    w.filter_pane.set_filter(Filter(text="canola"))
    assert w.state.window == shown  # off: the view stays
    w.menus.frame_matches.trigger()
    assert Remembered(settings).frame_matches
    w.filter_pane.set_filter(Filter(text="Huawei"))
    left, right = margins(w.state.window, w.shown_events())
    assert 0 < left <= 0.05 and 0 < right <= 0.05


def authored(view: DefaultView | None) -> Timeline:
    dates = ("1970", "2015", "2018-12", "2019-06", "2021", "2024", "2025-03")
    return Timeline(events=tuple(Event(f"e{i}", f"Event {i}", parse_date(d), tags=("t",))
                                 for i, d in enumerate(dates)), view=view)


AUTHOR = DefaultView(parse_date("2017"), parse_date("2026-02"), "tag")


def test_first_open_shows_the_author_view_and_a_reload_keeps_the_place(canvas):
    canvas.set_timeline(authored(AUTHOR))
    assert canvas.state.window == TimeWindow(parse_date("2017").start,
                                             parse_date("2026-02").end)
    assert canvas.state.lane_mode == LaneMode.TAG
    canvas.state.set_lane_mode(LaneMode.CATEGORY)
    canvas.state.set_window(TimeWindow(parse_date("2019").start, parse_date("2020").start),
                            settle_now=True)
    place = canvas.state.window
    canvas.set_timeline(authored(AUTHOR), keep_window=True)  # a reload
    assert canvas.state.window == place
    assert canvas.state.lane_mode == LaneMode.CATEGORY


def test_shift_home_shows_the_author_view_home_fits_all(canvas, qtbot):
    canvas.set_timeline(authored(AUTHOR))
    qtbot.keyClick(canvas, Qt.Key.Key_Home)
    left, _ = margins(canvas.state.window, canvas.timeline.events)
    assert 0 < left <= 0.05  # the 1970 event is in
    canvas.lane_scroll = 50.0
    qtbot.keyClick(canvas, Qt.Key.Key_Home, Qt.KeyboardModifier.ShiftModifier)
    assert canvas.state.window.start == parse_date("2017").start
    assert canvas.lane_scroll == 0.0


def test_an_author_view_with_one_bound_fits_the_events_on_the_other_side(canvas):
    canvas.set_timeline(authored(DefaultView(start=parse_date("2017"))))
    window = canvas.state.window
    assert window.start == pytest.approx(parse_date("2017").start)
    assert 0 < (window.end - parse_date("2025-03").end) / window.width <= 0.05


def test_a_file_without_a_view_is_fitted_and_shift_home_does_nothing(canvas, qtbot):
    canvas.set_timeline(authored(None))
    fitted = canvas.state.window
    canvas.state.zoom(3.0, fitted.centre)
    zoomed = canvas.state.window
    qtbot.keyClick(canvas, Qt.Key.Key_Home, Qt.KeyboardModifier.ShiftModifier)
    assert canvas.state.window == zoomed
    assert margins(fitted, canvas.timeline.events)[1] <= 0.05


def test_the_author_view_menu_item_is_disabled_for_a_file_without_one(bundled_window):
    assert not bundled_window.menus.author_view.isEnabled()


def test_at_1024_by_640_the_timeline_gets_most_of_the_window(qtbot, settings):
    w = MainWindow(settings=settings)
    qtbot.addWidget(w)
    assert w.minimumSize().width() <= 1024 and w.minimumSize().height() <= 640
    w.resize(1024, 640)
    w.show()
    qtbot.waitExposed(w)
    assert w.open_file(str(ROOT / "events.yaml"))
    canvas = w.canvas
    qtbot.waitUntil(lambda: canvas.width() >= 0.55 * 1024, timeout=2000)
    assert canvas.height() - canvas.metrics.lanes_top >= 200  # room for a few lanes
    scroll = w.filter_pane.findChild(QScrollArea)
    assert scroll.viewport().width() >= scroll.widget().minimumSizeHint().width()  # not clipped
    assert scroll.verticalScrollBar().maximum() > 0  # the rest scrolls into view
