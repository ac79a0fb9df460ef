"""The canvas as a user meets it: zoom, pan, keys, hover, click, and what it paints."""

import itertools

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QWheelEvent
from PySide6.QtWidgets import QApplication, QToolTip

from viewer.model.dates import parse_date
from viewer.qt.painter import paint_frame
from viewer.view.timewindow import TimeWindow


def wheel(widget, pos: QPointF, dy: int = 0, dx: int = 0, modifiers=Qt.KeyboardModifier.NoModifier):
    event = QWheelEvent(pos, widget.mapToGlobal(pos), QPoint(0, 0), QPoint(dx, dy),
                        Qt.MouseButton.NoButton, modifiers, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def show_window(canvas, start: str, end: str) -> None:
    canvas.state.set_window(TimeWindow(parse_date(start).start, parse_date(end).start),
                            settle_now=True)


def render(canvas) -> tuple[QImage, object]:
    image = QImage(canvas.width(), canvas.height(), QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    hits = paint_frame(painter, canvas.frame(canvas.width(), canvas.height()))
    painter.end()
    return image, hits


def centre_of(canvas, event_id: str) -> QPointF:
    canvas.repaint()
    index = next(i for i, e in enumerate(canvas.timeline.events) if e.id == event_id)
    return canvas.hits.centres[index]


def test_first_view_fits_every_event(canvas, bundled):
    window = canvas.state.window
    assert window.start < bundled.events[0].t0
    assert window.end > max(e.t1 for e in bundled.events)


def test_wheel_zooms_around_the_cursor(canvas):
    canvas.set_folding(False)  # a notch unfolds the gap: zooming back is then not exact
    pos = QPointF(700, 300)
    before = canvas.scale().t(pos.x())
    width = canvas.state.window.width
    wheel(canvas, pos, dy=120)
    assert canvas.state.window.width < width
    assert abs(canvas.scale().t(pos.x()) - before) < width * 1e-9
    wheel(canvas, pos, dy=-120)
    assert abs(canvas.state.window.width - width) < width * 1e-9


def test_horizontal_scroll_pans(canvas):
    start = canvas.state.window.start
    wheel(canvas, QPointF(600, 300), dx=-120)
    assert canvas.state.window.start > start


def test_drag_pans_the_time_under_the_mouse(canvas, qtbot):
    t_before = canvas.scale().t(500)
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=QPoint(500, 400))
    qtbot.mouseMove(canvas, QPoint(600, 400))
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=QPoint(600, 400))
    assert abs(canvas.scale().t(600) - t_before) < canvas.state.window.width * 1e-6


def test_keys_zoom_pan_and_fit(canvas, qtbot):
    fitted = canvas.state.window
    qtbot.keyClick(canvas, Qt.Key.Key_Plus)
    assert canvas.state.window.width < fitted.width
    qtbot.keyClick(canvas, Qt.Key.Key_Right)
    assert canvas.state.window.centre > fitted.centre
    qtbot.keyClick(canvas, Qt.Key.Key_Minus)
    qtbot.keyClick(canvas, Qt.Key.Key_Home)
    assert canvas.state.window == fitted


def test_zoom_is_bounded(canvas, qtbot):
    for _ in range(80):
        qtbot.keyClick(canvas, Qt.Key.Key_Plus)
    assert canvas.state.window.width >= 60.0
    for _ in range(120):
        qtbot.keyClick(canvas, Qt.Key.Key_Minus)
    assert canvas.state.window.width <= canvas.state.limits.max_width
    assert canvas.state.window.width > 0


def test_click_selects_and_empty_click_clears(canvas, qtbot):
    show_window(canvas, "2018-10", "2022-01")
    pos = centre_of(canvas, "meng-arrest")
    with qtbot.waitSignal(canvas.state.selection_changed) as signal:
        qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=pos.toPoint())
    assert signal.args == ["meng-arrest"]
    with qtbot.waitSignal(canvas.state.selection_changed) as signal:
        qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=QPoint(1150, below_lanes(canvas)))
    assert signal.args == [""]


def test_escape_clears_and_brackets_step_through_events(canvas, qtbot, bundled):
    qtbot.keyClick(canvas, Qt.Key.Key_BracketRight)
    assert canvas.state.selected == bundled.events[0].id
    qtbot.keyClick(canvas, Qt.Key.Key_BracketRight)
    assert canvas.state.selected == bundled.events[1].id
    qtbot.keyClick(canvas, Qt.Key.Key_Tab)
    assert canvas.state.selected == bundled.events[2].id
    qtbot.keyClick(canvas, Qt.Key.Key_BracketLeft)
    assert canvas.state.selected == bundled.events[1].id
    qtbot.keyClick(canvas, Qt.Key.Key_Escape)
    assert canvas.state.selected == ""


def test_stepping_pans_to_the_selected_event(canvas, qtbot, bundled):
    show_window(canvas, "1969", "1972")
    canvas.state.select(bundled.events[0].id)
    qtbot.keyClick(canvas, Qt.Key.Key_BracketRight)
    event = bundled.events[1]
    assert canvas.state.window.start <= event.t0 <= canvas.state.window.end


def test_hover_shows_title_date_and_summary(canvas, qtbot):
    show_window(canvas, "2018-10", "2022-01")
    pos = centre_of(canvas, "meng-arrest")
    qtbot.mouseMove(canvas, pos.toPoint())
    event = QApplication.instance()  # tooltips come from a ToolTip event
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent

    QApplication.sendEvent(canvas, QHelpEvent(QEvent.Type.ToolTip, pos.toPoint(),
                                               canvas.mapToGlobal(pos.toPoint())))
    text = QToolTip.text()
    assert "Meng Wanzhou" in text and "1 December 2018" in text
    assert event is not None


def test_painting_shows_an_event_in_its_category_colour_and_a_period_band(canvas):
    show_window(canvas, "2018-10", "2022-01")
    image, hits = render(canvas)
    index = next(i for i, e in enumerate(canvas.timeline.events) if e.id == "spavor-sentenced")
    centre = hits.centres[index]
    pixel = image.pixelColor(centre.toPoint())
    security = QColor(canvas.timeline.category("security").colour)
    assert abs(pixel.red() - security.red()) < 30 and abs(pixel.green() - security.green()) < 30
    # the detention-dispute period tints the background inside it, not outside
    detention = next(p for p in canvas.timeline.periods if p.title == "Detention dispute")
    y = below_lanes(canvas)
    inside = image.pixelColor(int(canvas.scale().x(detention.t0) + 20), y)
    outside = image.pixelColor(int(canvas.scale().x(detention.t0) - 20), y)
    assert inside != outside and inside.red() > inside.blue()


def test_selected_event_links_to_its_related_events(canvas):
    show_window(canvas, "2018-10", "2022-01")
    canvas.state.select("meng-arrest")
    image, _ = render(canvas)
    highlight = canvas.theme.highlight
    # the arrow arches above the row between the arrest (Dec 2018) and the release (Sep 2021)
    xs = range(int(canvas.scale().x(parse_date("2019-06").start)),
               int(canvas.scale().x(parse_date("2021-01").start)), 40)
    arrow_pixels = sum(
        1 for x in xs for y in range(*lanes_rows(canvas))
        if _close(image.pixelColor(x, y), highlight))
    assert arrow_pixels >= 5


def lanes_rows(canvas) -> tuple[int, int]:
    """The pixel rows the lanes take, as the scene stacks them."""
    frame = canvas.frame(canvas.width(), canvas.height())
    top = canvas.metrics.lanes_top - frame.scroll
    return int(top), int(top + frame.scene.height)


def below_lanes(canvas) -> int:
    """A pixel row of empty space under the last lane."""
    y = lanes_rows(canvas)[1] + 20
    assert y < canvas.height(), "the lanes fill the canvas: no empty space under them"
    return y


def _close(a: QColor, b: QColor) -> bool:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue()) < 60


def test_double_click_zooms_in_on_empty_space(canvas, qtbot):
    width = canvas.state.window.width
    qtbot.mouseDClick(canvas, Qt.MouseButton.LeftButton, pos=QPoint(400, below_lanes(canvas)))
    assert canvas.state.window.width < width


def test_axis_labels_fit_and_do_not_overlap(canvas):
    from PySide6.QtGui import QFontMetricsF

    for start, end in (("1960", "2060"), ("2018", "2019"), ("2026-01-14", "2026-01-15")):
        show_window(canvas, start, end)
        frame = canvas.frame(canvas.width(), canvas.height())
        fm = QFontMetricsF(canvas.font())
        labelled = [t for t in frame.ticks.minor if t.label]
        assert labelled, (start, end)
        for a, b in itertools.pairwise(labelled):
            assert a.x + fm.horizontalAdvance(a.label) / 2 < b.x - fm.horizontalAdvance(b.label) / 2


def large_canvas(qtbot):
    """A canvas of 12,000 events (laid out by extents), shown and painted once."""
    from tests.bench.generate import generate
    from viewer.load.reading import load_bytes
    from viewer.qt.canvas import TimelineCanvas
    from viewer.qt.view_state import ViewState

    timeline = load_bytes(generate(12_000).encode()).timeline
    state = ViewState()
    canvas = TimelineCanvas(state)
    qtbot.addWidget(canvas)
    canvas.resize(1200, 700)
    canvas.set_timeline(timeline)
    canvas.show()
    qtbot.waitExposed(canvas)
    canvas.grab()  # painted: the whole span laid out and cached
    return canvas, state, timeline


def test_mid_gesture_a_costly_layout_waits_for_the_window_to_settle(qtbot):
    from viewer.view.timewindow import TimeWindow

    canvas, state, timeline = large_canvas(qtbot)
    middle = timeline.events[6000].t0
    state.set_window(TimeWindow(middle - 86400 * 800, middle + 86400 * 800))  # a gesture
    assert state.settling
    canvas.grab()
    assert canvas.approximate  # the cached whole-span layout stood in
    with qtbot.waitSignal(state.span_changed, timeout=5000):
        pass
    canvas.grab()  # settled: the exact layout is built lane by lane while idle ...
    assert canvas.approximate and canvas.building
    qtbot.waitUntil(lambda: not canvas.building, timeout=10_000)
    qtbot.waitUntil(lambda: not canvas.approximate, timeout=5000)  # ... then drawn unasked
    exact = canvas.grab().toImage()
    canvas.wait_for_layout = True  # as for a picture: built at once, the same frame
    canvas._cache.reset(canvas.timeline.events, canvas._cache._lanes)
    assert canvas.grab().toImage() == exact and not canvas.approximate


def test_a_new_gesture_drops_the_layout_being_built_for_the_last_window(qtbot):
    from viewer.view.timewindow import TimeWindow

    canvas, state, timeline = large_canvas(qtbot)
    middle = timeline.events[6000].t0
    state.set_window(TimeWindow(middle - 86400 * 800, middle + 86400 * 800), settle_now=True)
    canvas.grab()
    assert canvas.building
    state.pan(86400 * 300)  # the user moves on before it is done
    canvas.grab()
    assert not canvas.building and canvas.approximate


def test_the_today_label_sits_above_the_lanes_never_over_an_events_label(canvas):
    """"Today" is drawn in the strip under the axis, on a patch of the background; the
    bars that run under its line keep their colour at the foot of the lanes."""
    import time

    from viewer.load.reading import load_bytes

    year = time.gmtime().tm_year
    bars = "".join(f"  - {{title: Bar {i}, date: {year - 1}, end: {year + 1}}}\n"
                   for i in range(6))  # six rows of bars, down to the foot of a short canvas
    canvas.resize(1200, 250)
    canvas.set_timeline(load_bytes(f"events:\n{bars}".encode()).timeline)
    show_window(canvas, f"{year - 1}-06", f"{year + 1}-06")
    image, _ = render(canvas)
    frame = canvas.frame(canvas.width(), canvas.height())
    assert frame.today is not None
    x = int(frame.scale.x(frame.today))
    m = canvas.metrics
    y = int(m.axis_height + m.period_strip / 2)  # the strip under the axis
    assert _close(image.pixelColor(x + 3, y), canvas.theme.background)  # the patch
    box = frame.scene.lanes[0]
    foot = int(m.lanes_top + box.row_centre(5, m.row_height, m.lane_padding))
    assert not _close(image.pixelColor(x + 12, foot), canvas.theme.background)  # the bar
    today = canvas.theme.today
    text = [image.pixelColor(px, py) for px in range(x + 5, x + 45)
            for py in range(y - 8, y + 6)]
    assert any(_close(c, today) for c in text)  # the word itself, in the today colour


def test_hiding_from_a_large_file_leaves_events_out_at_once_and_closes_up_when_idle(qtbot):
    """Typing a search with "Hide" on: the keystroke's frame draws the layout it has without
    the hidden events; the layout closed up over them follows while the window is idle."""
    from viewer.view.timewindow import TimeWindow
    from viewer.view.visibility import FilteredOut

    canvas, state, timeline = large_canvas(qtbot)
    middle = timeline.events[6000].t0
    state.set_window(TimeWindow(middle - 86400 * 200, middle + 86400 * 200), settle_now=True)
    qtbot.waitUntil(lambda: not canvas.building, timeout=10_000)
    kept = bytes(i % 3 == 0 for i in range(len(timeline.events)))  # a third stays
    canvas.set_filtered_out(FilteredOut(kept), hide=True)
    assert canvas.compacting  # not laid out again inside the keystroke
    _, hits = render(canvas)
    drawn = {index for _, index in hits.events}
    assert drawn and all(i % 3 == 0 for i in drawn)  # no hidden event is drawn meanwhile
    from viewer.qt.frame import shown_count  # what each lane's header counts meanwhile

    stand_in = canvas.frame(canvas.width(), canvas.height()).scene
    for box in stand_in.lanes:
        assert shown_count(box.lane.members, canvas.filtered_out) == sum(
            1 for i in box.lane.members if i % 3 == 0) < len(box.lane.members)
    before = canvas._cache
    qtbot.waitUntil(lambda: not canvas.compacting, timeout=10_000)
    assert canvas._cache is not before
    window = state.window
    scene = canvas._cache.scene(canvas.scale().px_per_second, window.start, window.end)
    members = {i for box in scene.lanes for i in box.lane.members}
    assert members == {i for i in range(len(timeline.events)) if i % 3 == 0}
    _, hits = render(canvas)
    assert all(index % 3 == 0 for _, index in hits.events)


def test_events_gathered_off_to_the_left_still_show_where_they_run_on(canvas):
    """Forty bars of the same two years gather into one pill at their start; zoomed into
    the middle of those years, a tab at the left edge says they are there."""
    from viewer.load.reading import load_bytes

    bars = "".join(f"  - {{title: Bar {i}, date: 2001, end: 2002}}\n" for i in range(40))
    canvas.set_timeline(load_bytes(f"events:\n{bars}".encode()).timeline)
    show_window(canvas, "2001-06", "2002-06")
    image, hits = render(canvas)
    assert not hits.events  # no bar of its own: all forty are in the one pill
    (rect, cluster), = hits.clusters
    assert len(cluster.members) == 40
    left = canvas.metrics.header_width
    assert rect.left() < left + 1 and rect.right() > left + 20  # a tab at the left edge
    assert hits.cluster_at(QPointF(left + 8, rect.center().y())) is cluster  # click: zoom
    tab = image.pixelColor(int(left + 3), int(rect.center().y()))
    assert not _close(tab, canvas.theme.background)  # drawn there, in the lane's tint


def test_no_label_runs_past_the_right_edge_and_none_is_left_as_a_fragment(canvas):
    """Zoomed to 2018-2021 labels near the right edge are flipped or shortened with "…",
    and those of events off to the left slide in whole words or are not drawn."""
    for start, end in (("2018", "2021"), ("2019-03", "2020-02"), ("1960", "2030")):
        show_window(canvas, start, end)
        _, hits = render(canvas)
        frame = canvas.frame(canvas.width(), canvas.height())
        right = frame.scale.left + frame.scale.width
        for rect, index in hits.events:  # a bar or marker itself may run on out of view
            mark_end = frame.scale.x(canvas.timeline.events[index].t1) + canvas.metrics.marker
            assert rect.right() <= right or mark_end >= right, (start, rect)


def test_a_lane_with_one_event_in_view_takes_one_row_and_says_so(canvas):
    from viewer.qt.paint_chrome import lane_count_text

    show_window(canvas, "2018-06", "2021-12")  # of Diplomacy's 14, only Kovrig and Spavor's
    frame = canvas.frame(canvas.width(), canvas.height())  # return home (September 2021)
    diplomacy = next(b for b in frame.scene.lanes if b.lane.label == "Diplomacy")
    assert diplomacy.height == canvas.metrics.min_lane_height
    assert lane_count_text(len(diplomacy.lane.members), diplomacy.in_view) == \
        "14 events · 1 in view"


def test_a_scroll_bar_shows_when_the_lanes_overflow_and_scrolls_them(canvas, qtbot):
    canvas.repaint()
    assert not canvas.lane_bar.isVisible()
    canvas.resize(1200, 260)
    canvas.repaint()
    assert canvas.lane_bar.isVisible()
    frame = canvas.frame(canvas.width(), canvas.height())
    last = frame.scene.lanes[-1]
    assert canvas.lane_bar.maximum() >= last.top + last.height - (260 - canvas.metrics.lanes_top)
    canvas.lane_bar.setValue(canvas.lane_bar.maximum())
    assert canvas.lane_scroll == canvas.lane_bar.maximum()
    canvas.repaint()
    frame = canvas.frame(canvas.width(), canvas.height())
    bottom = frame.metrics.lanes_top + last.top + last.height - frame.scroll
    assert bottom <= canvas.height()  # the last lane's foot is in view


def test_a_stand_in_layout_mid_gesture_shows_no_counts_or_stretched_pills(qtbot):
    """While a coarser layout stands in, its pills are marks a marker wide with no count:
    nothing the settled layout will not have (no "938" across four years)."""
    from viewer.view.timewindow import TimeWindow

    canvas, state, timeline = large_canvas(qtbot)
    middle = timeline.events[6000].t0
    state.set_window(TimeWindow(middle - 86400 * 800, middle + 86400 * 800))  # a gesture
    image = canvas.grab().toImage()
    assert canvas.approximate
    assert canvas.hits.clusters  # the stand-in has pills here
    shown = [r for r, _ in canvas.hits.clusters
             if canvas.metrics.header_width < r.center().x() < canvas.width()]
    assert shown
    for rect in shown:
        assert rect.width() <= canvas.metrics.marker + 0.5
        # nothing but the pill's own two colours inside it: no count's text
        inside = {image.pixelColor(int(rect.center().x()), y).name()
                  for y in range(int(rect.top()) + 3, int(rect.bottom()) - 2)}
        assert len(inside) <= 2, inside


def test_fit_all_folds_the_empty_years_so_1970_and_2018_are_both_readable(canvas):
    image, _ = render(canvas)
    scale = canvas.scale()
    (fold,) = scale.folds.folds
    first, recent = canvas.timeline.events[0], canvas.timeline.events[1]
    assert first.t1 <= fold.t0 and fold.t1 <= recent.t0  # no event in the fold
    area = canvas.width() - canvas.metrics.header_width
    assert scale.x(recent.t0) - scale.x(first.t0) < 0.25 * area  # 1970 is near 2017
    last = max(e.t1 for e in canvas.timeline.events)
    assert scale.x(last) - scale.x(recent.t0) > 0.45 * area  # 2017-2026 takes most of it,
    assert scale.right - scale.x(recent.t0) > 0.7 * area  # with its last labels
    assert first.title.startswith(hits_label_text(canvas, 0)[:20])  # its label is drawn
    x0, x1 = round(scale.x(fold.t0)), round(scale.x(fold.t1))
    row = range(4, int(canvas.metrics.axis_height) - 4)
    background = image.pixelColor(x0 + 2, 2)
    inked = {(x, y) for x in range(x0 + 4, x1 - 4) for y in row
             if image.pixelColor(x, y) != background}
    assert len(inked) > 30  # "⋯ 45 years ⋯" is written over the fold
    assert not any(x0 < t.x < x1 for t in canvas.frame(1200, 700).ticks.minor)
    canvas.set_folding(False)
    assert not canvas.scale().folds
    assert canvas.scale().x(recent.t0) - canvas.scale().x(first.t0) > 0.5 * area


def hits_label_text(canvas, index: int) -> str:
    """The title of the event whose label the last paint placed, by hit testing."""
    canvas.repaint()
    rects = [r for r, i in canvas.hits.events if i == index]
    assert rects and canvas.hits.event_at(rects[-1].center()) == index
    return canvas.timeline.events[index].title


def test_a_period_title_keeps_clear_of_today(canvas):
    """Today's label, flipped left of its line at the right edge, lands in a period's strip:
    the title stops before it (or is left out), never drawn under it."""
    import dataclasses

    from viewer.qt.paint_chrome import period_title_places, today_label_patch

    period = max(canvas.timeline.periods, key=lambda p: p.t1)
    today = period.t0 + 0.8 * (period.t1 - period.t0)  # today inside the latest period
    canvas.state.set_window(TimeWindow(period.t0 - 10 * 365 * 86400, today + 86400),
                            settle_now=True)
    frame = dataclasses.replace(canvas.frame(canvas.width(), canvas.height()), today=today)
    patch = today_label_patch(frame)
    assert patch is not None and patch.right() < today  # flipped: at the right edge
    band_left = frame.scale.x(period.t0)
    assert patch.left() > band_left + 40  # room for a shortened title before it
    places = period_title_places(frame)
    assert places
    for x, w, text in places:
        assert x + w <= patch.left() or x >= patch.right(), text
    assert any(text.endswith("…") and x >= band_left for x, _, text in places)


def test_the_axis_names_the_year_it_starts_in_when_its_tick_is_off_to_the_left(canvas):
    show_window(canvas, "1995-06", "2026")  # ticks every two years: 1996, 1998...
    frame = canvas.frame(canvas.width(), canvas.height())
    assert frame.ticks.context == "1995"
    assert all(t.label != "1995" for t in frame.ticks.minor)
    show_window(canvas, "2018", "2019")  # months: the year is the major row's own label
    frame = canvas.frame(canvas.width(), canvas.height())
    assert frame.ticks.context == "2018"


def fold_width(scale, fold) -> float:
    return scale.x(fold.t1) - scale.x(fold.t0)


def notch_that_opens(canvas, fold) -> tuple[QPointF, int]:
    """Where to wheel (the fold's middle) and how many notches in before the one that
    opens the fold, found on the scale alone."""
    scale = canvas.scale()
    x = 0.5 * (scale.x(fold.t0) + scale.x(fold.t1))
    for notches in range(40):
        after = type(scale)(scale.zoomed(1.25, x), scale.left, scale.width, scale.folding)
        if not after.folds:
            return QPointF(x, 300), notches
        scale = after
    raise AssertionError("the fold never opens")


def test_zooming_into_a_fold_opens_it_smoothly(canvas, qtbot):
    (fold,) = canvas.scale().folds.folds
    pos, notches = notch_that_opens(canvas, fold)
    canvas.set_folding(False)  # the window the instant version ends at: the same notches,
    canvas.set_folding(True)   # applied to the scale alone
    instant = canvas.scale()
    for _ in range(notches + 1):
        instant = type(instant)(instant.zoomed(1.25, pos.x()), instant.left, instant.width,
                                instant.folding)
    for _ in range(notches):
        wheel(canvas, pos, dy=120)
    assert not canvas.unfolding  # the fold is still folded: nothing to play
    folded = fold_width(canvas.scale(), fold)
    wheel(canvas, pos, dy=120)
    assert canvas.unfolding and canvas.state.window == instant.window
    opened = fold_width(canvas.scale(), fold)
    assert not canvas.scale().folds and opened > folded
    widths, painted = [], []

    def done() -> bool:
        if canvas.unfolding:
            widths.append(fold_width(canvas.shown_scale(), fold))
            canvas.repaint()
            painted.append(canvas.hits.centres.get(0))  # 1970's marker, where it was drawn
        return not canvas.unfolding

    qtbot.waitUntil(done, timeout=3000)
    assert any(folded < w < opened for w in widths), (folded, widths, opened)
    assert canvas.shown_scale() == canvas.scale() and canvas.state.window == instant.window
    canvas.repaint()
    assert canvas.hits.centres.get(0) not in painted  # the frames moved it along


def test_input_while_a_fold_opens_finishes_it_first(canvas, qtbot):
    (fold,) = canvas.scale().folds.folds
    pos, notches = notch_that_opens(canvas, fold)
    for _ in range(notches + 1):
        wheel(canvas, pos, dy=120)
    assert canvas.unfolding
    opened = canvas.scale()
    wheel(canvas, pos, dy=120)  # the next notch zooms on from the window opened
    assert not canvas.unfolding
    expected = opened.zoomed(1.25, pos.x())
    assert abs(canvas.state.window.start - expected.start) < 1e-9 * expected.width
    assert abs(canvas.state.window.end - expected.end) < 1e-9 * expected.width
    wheel(canvas, pos, dy=-120 * 20)  # far out again: the fold closes
    assert canvas.unfolding and canvas.scale().folds
    qtbot.keyClick(canvas, Qt.Key.Key_Home)  # a key ends it before fitting
    assert not canvas.unfolding and canvas.shown_scale() == canvas.scale()


def test_a_large_file_opens_its_folds_at_once(canvas, bundled):
    import dataclasses

    from viewer.view.scene import FULL_LAYOUT_MAX

    recent = bundled.events[1]
    extra = [dataclasses.replace(recent, id=f"extra-{i}") for i in range(FULL_LAYOUT_MAX)]
    events = sorted([*bundled.events, *extra], key=lambda e: (e.t0, e.t1))
    canvas.set_timeline(dataclasses.replace(bundled, events=tuple(events)))
    (fold,) = canvas.scale().folds.folds
    pos, notches = notch_that_opens(canvas, fold)
    for _ in range(notches + 1):
        wheel(canvas, pos, dy=120)
    assert not canvas.scale().folds and not canvas.unfolding


def test_view_zoom_in_opens_a_fold_as_the_keys_do(canvas, qtbot):
    """View → Zoom in goes through the canvas: a fold it opens opens smoothly."""
    assert canvas.scale().folds
    for _ in range(12):
        canvas.zoom_about_centre(1.5)
        if canvas.unfolding:
            break
    assert canvas.unfolding and not canvas.scale().folds
    qtbot.waitUntil(lambda: not canvas.unfolding, timeout=3000)
