"""The first thing a user sees: the bundled file in a 1600×1000 window, fitted. Positions are
asked of what the canvas drew (its hit map), not read from pixels."""

import itertools

import pytest

from tests.qt.conftest import ROOT


@pytest.fixture(params=[(1600, 1000), (1024, 640)], ids=["1600x1000", "1024x640"])
def first_view(request, qtbot, settings):
    from viewer.qt.main_window import MainWindow

    window = MainWindow(settings=settings)
    qtbot.addWidget(window)
    window.resize(*request.param)
    window.show()
    qtbot.waitExposed(window)
    assert window.open_file(str(ROOT / "events.yaml")) and window.finish_loading()
    canvas = window.canvas
    qtbot.waitUntil(lambda: canvas.width() >= 0.55 * request.param[0], timeout=2000)
    canvas.wait_for_layout = True
    window.canvas.repaint()
    return window


def test_no_label_crosses_the_canvas_edge_and_none_overlap(first_view):
    canvas = first_view.canvas
    hits = canvas.hits
    assert len(hits.labels) >= (15 if canvas.width() >= 1000 else 8)
    left, right = canvas.metrics.header_width, canvas.width()
    for rect, _, text in hits.labels:
        assert left <= rect.left() and rect.right() <= right, text
    for (a, _, ta), (b, _, tb) in itertools.combinations(hits.labels, 2):
        assert not a.adjusted(0.5, 0.5, -0.5, -0.5).intersects(b), (ta, tb)


def test_every_event_is_drawn_and_the_arrest_title_is_whole(first_view):
    canvas = first_view.canvas
    if canvas.lane_bar.isVisible():  # at 1024×640 the lanes scroll: those in view
        canvas.resize(canvas.width(), 2000)
        canvas.repaint()
    hits = canvas.hits
    drawn = {index for _, index in hits.events}
    for _, cluster in hits.clusters:  # a pill stands for its events, with their count
        drawn.update(cluster.members)
    assert drawn == set(range(len(canvas.timeline.events)))
    if canvas.width() >= 1000:
        texts = {text for _, _, text in hits.labels}
        assert "Canada arrests Huawei CFO Meng Wanzhou at a U.S. request" in texts


@pytest.mark.parametrize("first_view", [(1600, 1000)], ids=["1600x1000"], indirect=True)
def test_selecting_an_event_keeps_its_title_whole_in_bold(first_view):
    canvas = first_view.canvas
    first_view.state.select("meng-arrest")
    canvas.repaint()
    index = canvas.timeline.events.index(canvas.timeline.event("meng-arrest"))
    (shown,) = [text for _, i, text in canvas.hits.labels if i == index]
    assert shown == "Canada arrests Huawei CFO Meng Wanzhou at a U.S. request"


@pytest.mark.parametrize("first_view", [(1600, 1000)], ids=["1600x1000"], indirect=True)
def test_a_label_layout_had_to_drop_goes_whole_to_the_left_of_its_mark(first_view):
    """Beside the crowded last months, labels the next mark cut short are drawn whole to
    the left of their dots where the row is free: most events are named at first sight."""
    canvas = first_view.canvas
    shown = {text for _, _, text in canvas.hits.labels}
    assert 'Canada\'s Indo-Pacific Strategy calls China "an increasingly disruptive global ' \
        'power"' in shown
    whole = [text for text in shown if not text.endswith("…")]
    assert len(whole) >= 20, sorted(shown)
    centres = canvas.hits.centres
    flipped = [(rect, i) for rect, i, _ in canvas.hits.labels if rect.right() < centres[i].x()]
    assert len(flipped) >= 10
