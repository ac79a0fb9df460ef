"""The scene: lanes stacked, laid out once per zoom level, and visible items by bisection."""

from hypothesis import given, settings
from hypothesis import strategies as st

from viewer.load.reading import load_bytes
from viewer.model.dates import parse_date
from viewer.model.model import Event
from viewer.view.lanes import LaneMode, assign_lanes
from viewer.view.scene import Metrics, SceneCache, build_scene, level_of


def measure(text: str) -> float:
    return 7.0 * len(text)


def events_of(days: list[int]) -> list[Event]:
    out = [Event(id=f"e{i}", title=f"Event {i}",
                 start=parse_date(f"2020-{1 + d // 28 % 12:02d}-{1 + d % 28:02d}"))
           for i, d in enumerate(sorted(days))]
    return sorted(out, key=lambda e: e.t0)


@given(st.floats(min_value=1e-15, max_value=1e3))
def test_levels_are_at_or_just_below_the_zoom(pps):
    level = level_of(pps)
    assert level <= pps * (1 + 1e-12)
    assert level > pps / 2 ** 0.25 * (1 - 1e-12)


def test_lanes_stack_top_to_bottom_in_category_order():
    tl = load_bytes(b"""
categories: {a: {label: A}, b: {label: B}}
events:
  - {title: one, date: 2020, category: b}
  - {title: two, date: 2021, category: a}
  - {title: three, date: 2021-05, category: a}
""").timeline
    lanes = assign_lanes(tl.events, tl.categories, LaneMode.CATEGORY)
    scene = build_scene(tl.events, lanes, 1e-5, measure, Metrics())
    assert [b.lane.label for b in scene.lanes] == ["A", "B"]
    assert scene.lanes[0].top == 0 and scene.lanes[1].top == scene.lanes[0].height
    assert scene.height == sum(b.height for b in scene.lanes)


@settings(max_examples=60)
@given(st.lists(st.integers(0, 335), min_size=1, max_size=60),
       st.floats(min_value=1e-6, max_value=1e-3), st.floats(0.0, 1.0), st.floats(0.01, 0.5))
def test_bisection_finds_exactly_the_items_that_reach_the_window(days, pps, where, width):
    _finds_exactly_the_items_that_reach(events_of(days), pps, where, width)


@settings(max_examples=60)
@given(st.lists(st.tuples(st.integers(0, 335), st.integers(0, 300)), min_size=1, max_size=60),
       st.floats(min_value=1e-6, max_value=1e-3), st.floats(0.0, 1.0), st.floats(0.01, 0.5))
def test_a_long_bar_does_not_bring_in_the_short_items_after_it(spans, pps, where, width):
    """Bars of up to 300 days among points: the reach bisected is a running maximum, so a
    long bar keeps it up; the items after it that end before the window are not found."""
    events = sorted((Event(id=f"e{i}", title=f"Event {i}", start=parse_date(
        f"2020-{1 + d // 28 % 12:02d}-{1 + d % 28:02d}"), end=None if not n else parse_date(
        f"2021-{1 + n // 28 % 12:02d}-{1 + n % 28:02d}")) for i, (d, n) in enumerate(spans)),
        key=lambda e: e.t0)
    _finds_exactly_the_items_that_reach(events, pps, where, width)


def _finds_exactly_the_items_that_reach(events, pps, where, width):
    lanes = assign_lanes(events, (), LaneMode.SINGLE)
    box = build_scene(events, lanes, level_of(pps), measure, Metrics()).lanes[0]
    span0 = min(p.x0 for p in box.layout.items) if box.layout.items else 0.0
    span1 = max(max(p.x1, p.label_x + p.label_w, p.span_x1) for p in box.layout.items) \
        if box.layout.items else 1.0
    w0 = span0 + (span1 - span0) * where
    w1 = w0 + (span1 - span0) * width
    found = {p.index for p in box.items_between(w0, w1)}
    expected = {p.index for p in box.layout.items
                if p.x0 <= w1 and max(p.x1, p.label_x + p.label_w, p.span_x1) >= w0}
    assert found == expected
    clusters = box.clusters_between(w0, w1)  # and of the clusters, those in the window
    assert list(clusters) == [c for c in box.layout.clusters if c.x0 <= w1 and c.x1 >= w0]


def test_the_cache_reuses_a_level_and_forgets_on_reset():
    events = events_of([1, 5, 9])
    lanes = assign_lanes(events, (), LaneMode.SINGLE)
    cache = SceneCache(measure, Metrics())
    cache.reset(events, lanes)
    first = cache.scene(1e-4)
    assert cache.scene(1e-4 * 1.01) is first  # same level
    assert cache.scene(1e-3) is not first
    cache.reset(events[:1], assign_lanes(events[:1], (), LaneMode.SINGLE))
    assert cache.scene(1e-4) is not first


DAY = 86400.0


def many_events(n: int) -> list[Event]:
    """``n`` one-day events a day apart from 2000, and one long range over all of them."""
    base = parse_date("2000-01-01")
    out = [Event(id=f"d{i}", title=f"Day {i}", start=parse_date(f"{2000 + i // 336}-"
                                                                  f"{1 + i // 28 % 12:02d}-"
                                                                  f"{1 + i % 28:02d}"))
           for i in range(n)]
    out.append(Event(id="long", title="The long one", start=base,
                     end=parse_date("2030-12-31")))
    return sorted(out, key=lambda e: e.t0)


def test_a_large_file_is_laid_out_over_the_visible_extent_only():
    events = many_events(3000)
    lanes = assign_lanes(events, (), LaneMode.SINGLE)
    cache = SceneCache(measure, Metrics(), full_max=1000)
    cache.reset(events, lanes)
    pps = 1000 / (30 * DAY)  # 30 days on 1000 px
    t0 = events[1500].t0
    scene = cache.scene(pps, t0, t0 + 30 * DAY)
    laid = {p.index for b in scene.lanes for p in b.layout.items} | {
        i for b in scene.lanes for c in b.layout.clusters for i in c.members}
    assert 30 <= len(laid) < 300  # the window and a margin, not 3001 events
    assert any(events[i].id == "long" for i in laid)  # a range reaching in from far left
    assert scene.covers(t0, t0 + 30 * DAY)
    assert cache.scene(pps, t0 + 2 * DAY, t0 + 32 * DAY) is scene  # panning a little reuses it
    assert all(scene.t0 <= events[i].t1 and events[i].t0 <= scene.t1 for i in laid)


def test_a_small_file_is_laid_out_whole_at_each_level():
    events = many_events(300)
    cache = SceneCache(measure, Metrics(), full_max=1000)
    cache.reset(events, assign_lanes(events, (), LaneMode.SINGLE))
    scene = cache.scene(1000 / (30 * DAY), events[10].t0, events[40].t0)
    assert not cache.by_extent and scene.covers(-1e300, 1e300)


def test_a_stand_in_is_coarser_and_covers_the_window():
    events = many_events(3000)
    cache = SceneCache(measure, Metrics(), full_max=1000)
    cache.reset(events, assign_lanes(events, (), LaneMode.SINGLE))
    first, last = events[0].t0, max(e.t1 for e in events)
    whole = cache.scene(1000 / (last - first), first, last)
    fine = 1000 / (30 * DAY)
    t0 = events[1500].t0
    assert cache.ready(fine, t0, t0 + 30 * DAY) is None
    assert cache.cost(fine, t0, t0 + 30 * DAY) > 0
    assert cache.nearest(fine, t0, t0 + 30 * DAY) is whole
    assert cache.nearest(1000 / (last - first) / 4, first - 1e9, last) is None  # nothing coarser


def test_text_is_measured_once_across_resets_until_a_new_measure_comes():
    events = events_of([1, 5, 9])
    lanes = assign_lanes(events, (), LaneMode.SINGLE)
    asked: list[str] = []

    def counting(text: str) -> float:
        asked.append(text)
        return measure(text)

    cache = SceneCache(counting, Metrics())
    cache.reset(events, lanes)
    cache.scene(1e-4)
    once = len(asked)
    cache.reset(events, lanes[:1])  # e.g. the filter hid some events: same font
    cache.scene(1e-4)
    assert len(asked) == once and once >= len(events)
    cache.reset(events, lanes, counting)  # another font: measured anew
    cache.scene(1e-4)
    assert len(asked) == 2 * once


def test_a_lane_fitted_to_a_window_takes_the_rows_in_use_there():
    """Six events at once in 2001 take six rows; zoomed to 2020, where the lane has one
    event, it takes one row and says one is in view."""
    from viewer.view.scene import fitted_to_window

    tl = load_bytes(("events:\n" + "".join(
        f"  - {{title: Crowded {i}, date: 2001-03-0{i + 1}}}\n" for i in range(6))
        + "  - {title: Alone, date: 2020-06-01}\n").encode()).timeline
    lanes = assign_lanes(tl.events, (), LaneMode.SINGLE)
    m = Metrics()
    pps = 1e-5
    scene = build_scene(tl.events, lanes, level_of(pps), measure, m)
    assert scene.lanes[0].layout.rows == 6
    level = scene.level
    w0, w1 = parse_date("2020").start * level, parse_date("2021").start * level
    fitted = fitted_to_window(scene, w0, w1, m)
    box = fitted.lanes[0]
    assert box.height == m.min_lane_height and fitted.height == box.height
    assert box.in_view == 1
    alone = next(p for p in box.layout.items if tl.events[p.index].title == "Alone")
    assert box.row_of(alone.row) == 0
    whole = fitted_to_window(scene, -1e300, 1e300, m).lanes[0]
    assert whole.height == 6 * m.row_height + 2 * m.lane_padding and whole.in_view == 7
