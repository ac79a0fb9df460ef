"""The overview strip: the visible window as a rectangle to drag, resize, click and brush."""

from PySide6.QtCore import QPoint, Qt

from viewer.model.dates import parse_date
from viewer.qt.overview import OverviewStrip
from viewer.view.timewindow import TimeWindow


def strip_for(qtbot, canvas):
    strip = OverviewStrip(canvas.state)
    strip.left_margin = canvas.metrics.header_width
    qtbot.addWidget(strip)
    strip.resize(1200, 52)
    strip.set_timeline(canvas.timeline)
    strip.show()
    qtbot.waitExposed(strip)
    return strip


def test_the_window_rectangle_follows_the_canvas(qtbot, canvas):
    strip = strip_for(qtbot, canvas)
    canvas.state.set_window(TimeWindow(parse_date("2018").start, parse_date("2020").start),
                            settle_now=True)
    rect = strip.window_rect()
    sc = strip.scale()
    assert abs(rect.left() - sc.x(parse_date("2018").start)) < 1
    assert rect.width() < strip.width() / 4


def test_dragging_the_rectangle_moves_the_window(qtbot, canvas):
    strip = strip_for(qtbot, canvas)
    strip.set_folding(False)  # 2000-2004 lies in the folded empty years: drawn a sliver
    canvas.state.set_window(TimeWindow(parse_date("2000").start, parse_date("2004").start),
                            settle_now=True)
    before = canvas.state.window
    centre = strip.window_rect().center().toPoint()
    qtbot.mousePress(strip, Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseMove(strip, centre + QPoint(80, 0))
    qtbot.mouseRelease(strip, Qt.MouseButton.LeftButton, pos=centre + QPoint(80, 0))
    after = canvas.state.window
    assert after.start > before.start
    assert abs(after.width - before.width) < before.width * 1e-6


def test_dragging_an_edge_resizes_the_window(qtbot, canvas):
    strip = strip_for(qtbot, canvas)
    canvas.state.set_window(TimeWindow(parse_date("1990").start, parse_date("2000").start),
                            settle_now=True)
    before = canvas.state.window
    edge = QPoint(int(strip.window_rect().right()), 26)
    qtbot.mousePress(strip, Qt.MouseButton.LeftButton, pos=edge)
    qtbot.mouseMove(strip, edge + QPoint(60, 0))
    qtbot.mouseRelease(strip, Qt.MouseButton.LeftButton, pos=edge + QPoint(60, 0))
    assert canvas.state.window.start == before.start
    assert canvas.state.window.end > before.end


def test_click_outside_centres_the_window_there(qtbot, canvas):
    strip = strip_for(qtbot, canvas)
    canvas.state.set_window(TimeWindow(parse_date("1990").start, parse_date("1992").start),
                            settle_now=True)
    target = QPoint(int(strip.scale().x(parse_date("2020-06").start)), 26)
    qtbot.mouseClick(strip, Qt.MouseButton.LeftButton, pos=target)
    assert abs(canvas.state.window.centre - strip.scale().t(target.x())) < 86400 * 40


def test_shift_drag_brushes_a_date_range(qtbot, canvas):
    strip = strip_for(qtbot, canvas)
    x0 = int(strip.scale().x(parse_date("2018").start))
    x1 = int(strip.scale().x(parse_date("2022").start))
    with qtbot.waitSignal(strip.range_brushed) as signal:
        qtbot.mousePress(strip, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier,
                         QPoint(x0, 26))
        qtbot.mouseMove(strip, QPoint(x1, 26))
        qtbot.mouseRelease(strip, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier,
                           QPoint(x1, 26))
    start, end = signal.args
    year = 366 * 86400
    assert abs(start - parse_date("2018").start) < year
    assert abs(end - parse_date("2022").start) < year


def test_a_pan_redraws_only_the_window_and_the_strip_looks_as_drawn_afresh(qtbot, canvas):
    from viewer.view.visibility import FilteredOut

    strip = strip_for(qtbot, canvas)
    state = canvas.state
    state.set_window(TimeWindow(parse_date("2018").start, parse_date("2019").start),
                     settle_now=True)
    strip.grab()
    background = strip._drawn[1]
    state.set_window(TimeWindow(parse_date("2019").start, parse_date("2020").start),
                     settle_now=True)
    panned = strip.grab().toImage()
    assert strip._drawn[1] is background  # the bars were not drawn again
    fresh = strip_for(qtbot, canvas)  # the same window, drawn from nothing
    assert fresh.grab().toImage() == panned
    n = len(canvas.timeline.events)
    out = FilteredOut(bytes([1] * (n // 2) + [0] * (n - n // 2)))  # a filter hides half
    strip.set_filtered_out(out)
    filtered = strip.grab().toImage()
    assert strip._drawn[1] is not background and filtered != panned
    fresh.set_filtered_out(out)
    assert fresh.grab().toImage() == filtered
