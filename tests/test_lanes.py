"""Lane assignment and row stacking: pure layout, no Qt."""

from __future__ import annotations

import dataclasses
import itertools
import subprocess
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from viewer.model.dates import Date, Precision, parse_date
from viewer.model.model import Category, Event
from viewer.view.lanes import (
    ELLIPSIS,
    LABEL_PAD,
    Cluster,
    LaneLayout,
    LaneMode,
    Mark,
    Placed,
    assign_lanes,
    elide,
    stack_lane,
)

YEAR = 365.2425 * 86400
DAY = 86400.0


def measure(text: str) -> float:
    return 7.0 * len(text)


def ev(event_id: str, start: str, end: str | None = None, title: str = "", **kw: object) -> Event:
    return Event(id=event_id, title=title or event_id, start=parse_date(start),
                 end=parse_date(end) if end else None, **kw)  # type: ignore[arg-type]


def extents(layout: LaneLayout, gap: float) -> dict[int, list[tuple[float, float]]]:
    """Every row's occupied intervals: marks and labels, with a gap after each."""
    rows: dict[int, list[tuple[float, float]]] = {}
    for p in layout.items:
        end = max(p.x1, p.label_x + p.label_w if p.label else p.x1) + gap
        rows.setdefault(p.row, []).append((p.x0, end))
    for c in layout.clusters:
        rows.setdefault(c.row, []).append((c.x0, c.x1 + gap))
    return rows


def assert_no_overlap(layout: LaneLayout, gap: float) -> None:
    for spans in extents(layout, gap).values():
        spans.sort()
        for (_, end), (start, _) in itertools.pairwise(spans):
            assert start >= end - 1e-6 * max(1.0, abs(start))


def members_of(layout: LaneLayout) -> Counter[int]:
    seen = Counter(p.index for p in layout.items)
    for c in layout.clusters:
        seen.update(c.members)
    return seen


# -- lanes --------------------------------------------------------------------------------

def test_category_lanes_follow_the_file_then_undeclared_then_catch_all() -> None:
    # Given categories declared b, a, empty and events using a, c (undeclared), b, none
    cats = [Category("b", "Bee", "#0000ff"), Category("a", "", None),
            Category("empty", "Empty", None)]
    events = [ev("1", "2001", category="a"), ev("2", "2002", category="c"),
              ev("3", "2003", category="b"), ev("4", "2004")]
    # When lanes are assigned by category
    lanes = assign_lanes(events, cats, LaneMode.CATEGORY)
    # Then declared order comes first, the empty category has no lane, the catch-all is last
    assert [(ln.key, ln.label, ln.colour, ln.members) for ln in lanes] == [
        ("b", "Bee", "#0000ff", (2,)), ("a", "a", None, (0,)), ("c", "c", None, (1,)),
        ("", "Uncategorised", None, (3,))]


def test_catch_all_lane_only_when_needed() -> None:
    events = [ev("1", "2001", category="a", tags=("x",)), ev("2", "2002", category="a")]
    assert [ln.key for ln in assign_lanes(events, [], LaneMode.CATEGORY)] == ["a"]
    assert [ln.label for ln in assign_lanes(events, [], LaneMode.TAG)] == ["x", "No tag"]
    assert assign_lanes([], [], LaneMode.TAG) == ()


def test_event_with_two_tags_is_in_both_lanes() -> None:
    # Given events tagged in order of first appearance: war, peace; then war+peace
    events = [ev("1", "2001", tags=("war",)), ev("2", "2002", tags=("peace",)),
              ev("3", "2003", tags=("war", "peace", "war"))]
    # When lanes are assigned by tag
    lanes = assign_lanes(events, [], LaneMode.TAG)
    # Then the event tagged twice is in both, once each, and lanes come by first appearance
    assert [(ln.key, ln.members) for ln in lanes] == [("war", (0, 2)), ("peace", (1, 2))]


def test_people_places_and_single_lane() -> None:
    events = [ev("1", "2001", people=("Ada",), places=("Paris",)), ev("2", "2002")]
    assert [ln.label for ln in assign_lanes(events, [], LaneMode.PERSON)] == ["Ada", "No person"]
    assert [ln.label for ln in assign_lanes(events, [], LaneMode.PLACE)] == ["Paris", "No place"]
    (single,) = assign_lanes(events, [], LaneMode.SINGLE, title="History")
    assert (single.key, single.label, single.members) == ("", "History", (0, 1))
    assert assign_lanes(events, [], LaneMode.SINGLE)[0].label == "All events"


# -- stacking -----------------------------------------------------------------------------

def test_a_year_wider_than_a_marker_and_a_half_is_a_span_with_its_label_inside() -> None:
    # Given a year-precision event at a zoom of 100 px per day
    e = ev("y", "2018", title="Year")
    pps = 100 / DAY
    # When it is stacked
    layout = stack_lane([e], [0], pps, measure)
    # Then it is a span over the year, its hard part a marker long, its label inside it
    (p,) = layout.items
    assert p.mark is Mark.SPAN
    assert p.x0 == e.t0 * pps and p.x1 == p.x0 + 10
    assert p.label == "Year" and p.label_x == p.x0 + LABEL_PAD and p.label_w == 28
    assert (p.span_x0, p.span_x1) == (e.t0 * pps, e.t1 * pps)


def test_points_are_markers_centred_on_t0_with_label_right_of_marker() -> None:
    # Given a year-precision event at a zoom where its year is 12 px wide
    e = ev("y", "2018", title="Year")
    pps = 12 / YEAR
    # When it is stacked
    (p,) = stack_lane([e], [0], pps, measure).items
    # Then the marker is centred on t0 and the label starts just right of it
    assert p.mark is Mark.MARKER
    assert (p.x0, p.x1) == (e.t0 * pps - 5, e.t0 * pps + 5)
    assert p.label_x == p.x1 + LABEL_PAD


def test_the_gap_before_a_marker_is_the_layouts_gap_to_its_left_edge() -> None:
    # Given two days 40 px apart, the first with a label that reaches towards the second
    events = [ev("a", "2018-01-01T00:00", title="A long label"),
              ev("b", "2018-01-02T00:00", title="B")]
    # When they are stacked into one row at 40 px per day with a gap of 8
    a, b = stack_lane(events, [0, 1], 40 / DAY, measure, max_rows=1, gap=8).items
    # Then the first label ends at least 8 px before the second marker's left edge
    assert b.x0 == events[1].t0 * 40 / DAY - 5
    assert not a.label or a.label_x + a.label_w <= b.x0 - 8


def test_a_bracket_keeps_its_row_while_another_is_free() -> None:
    # Given a year-precision event and a day in that year, at 10 px per day
    events = [ev("y", "2018", title="Y"), ev("d", "2018-06-01", title="D")]
    # When they are stacked with two rows, then with one
    two = stack_lane(events, [0, 1], 10 / DAY, measure, max_rows=2)
    one = stack_lane(events, [0, 1], 10 / DAY, measure, max_rows=1)
    # Then the day goes below the year's bracket, or under it when there is no other row
    assert [p.row for p in two.items] == [0, 1]
    assert [(p.row, p.label) for p in one.items] == [(0, "Y"), (0, "D")]


def test_ranges_get_bars_of_the_right_length_and_labels_inside_when_they_fit() -> None:
    # Given a two-year range with a short title, one with a long title and a one-day range
    long_bar = ev("a", "2018-01-01", "2019-12-31", title="War")
    crowded = ev("b", "2018-01-01", "2019-12-31", title="A title far too long for the bar")
    short = ev("c", "2018-06-01", "2018-06-01", title="Day")
    pps = 100 / YEAR
    # When they are stacked at 100 px per year
    layout = stack_lane([long_bar, crowded, short], [0, 1, 2], pps, measure)
    a, b, c = sorted(layout.items, key=lambda p: p.index)
    # Then bars span t0..t1, a short range is still a marker long, labels go in or right
    assert a.x1 - a.x0 == pytest.approx((long_bar.t1 - long_bar.t0) * pps)
    assert a.label_x == a.x0 + LABEL_PAD and a.label_x + a.label_w <= a.x1
    assert b.label_x == b.x1 + LABEL_PAD
    assert c.x1 - c.x0 == 10
    assert_no_overlap(layout, 6)


def test_labels_that_cannot_fit_are_elided_or_dropped() -> None:
    # Given one row and events 100 px, then 30 px apart (1 day = 100 px)
    events = [ev("a", "2018-01-01T00:00", title="A very long title indeed"),
              ev("b", "2018-01-02T00:00", title="Another long title"),
              ev("c", "2018-01-02T07:12", title="Third")]
    # When they are stacked into a single row
    layout = stack_lane(events, [0, 1, 2], 100 / DAY, measure, max_rows=1)
    a, b, c = layout.items
    # Then the first label is shortened with "…" before the next mark, the second dropped
    assert a.label == "A very lon" + ELLIPSIS and a.label_w == measure(a.label)
    assert a.label_x + a.label_w <= b.x0 - 6
    assert b.label == "" and b.label_w == 0
    assert c.label == "Third"
    assert_no_overlap(layout, 6)


def test_elide_binary_search() -> None:
    assert elide("Hello world", 1000, measure) == "Hello world"
    assert elide("Hello world", 42, measure) == "Hello" + ELLIPSIS
    assert elide("Hello world", 20, measure) == ""
    assert elide("Hi", 7, measure) == ""


def test_overlapping_marks_beyond_max_rows_merge_into_a_cluster() -> None:
    # Given three long bars a year apart and two rows
    events = [ev(str(i), str(2000 + i), "2010") for i in range(3)]
    pps = 100 / YEAR
    # When they are stacked
    layout = stack_lane(events, [0, 1, 2], pps, measure, max_rows=2)
    # Then the first bar is drawn, and the third merges with the nearest start, the second
    ((item,), (cluster,)) = layout.items, layout.clusters
    assert item.index == 0 and layout.rows == 2
    assert cluster.members == (1, 2) and cluster.row == 1
    assert (cluster.x0, cluster.x1) == (events[1].t0 * pps, events[2].t0 * pps + 10)
    assert (cluster.t0, cluster.t1) == (events[1].t0, events[2].t1)


def test_dense_events_become_clusters_with_counts_summing_to_all() -> None:
    # Given 10,000 events in one day, at a zoom of 100 px per year
    events = [Event(id=str(i), title=f"Event {i}",
                    start=Date(2018, 12, 1, i // 3600 % 24, i // 60 % 60, float(i % 60),
                               precision=Precision.SECOND))
              for i in range(10_000)]
    events.sort(key=lambda e: e.t0)
    calls = Counter[str]()

    def counting(text: str) -> float:
        calls[text] += 1
        return measure(text)

    # When they are stacked
    layout = stack_lane(events, range(10_000), 100 / YEAR, counting)
    # Then they are drawn as clusters whose counts sum to 10,000, without re-measuring
    assert layout.clusters and not layout.items
    assert sum(len(c.members) for c in layout.clusters) == 10_000
    assert max(calls.values()) == 1
    assert_no_overlap(layout, 6)


def test_empty_lane_has_one_row() -> None:
    assert stack_lane([], [], 1.0, measure) == LaneLayout(1, (), ())


def test_layout_module_imports_no_qt() -> None:
    code = ("import sys, viewer.view.lanes; "
            "sys.exit(any(m.startswith(('PySide6', 'viewer.qt')) for m in sys.modules))")
    root = Path(__file__).resolve().parents[1]
    assert subprocess.run([sys.executable, "-c", code], cwd=root).returncode == 0


# -- invariants ---------------------------------------------------------------------------

@st.composite
def timelines(draw: st.DrawFn) -> list[Event]:
    n = draw(st.integers(0, 60))
    events = []
    for i in range(n):
        year = draw(st.integers(2000, 2003))
        precision = draw(st.sampled_from(list(Precision)))
        start = Date(year, draw(st.integers(1, 12)), draw(st.integers(1, 28)),
                     draw(st.integers(0, 23)), draw(st.integers(0, 59)), precision=precision)
        end = None
        if draw(st.booleans()):
            end = Date(year + draw(st.integers(0, 2)), draw(st.integers(1, 12)), 28,
                       precision=Precision.DAY)
            if end.end < start.end:
                end = None
        title = draw(st.text(alphabet="ab cd", max_size=30))
        events.append(Event(id=str(i), title=title, start=start, end=end))
    events.sort(key=lambda e: (e.t0, e.t1))
    return events


@settings(max_examples=200, deadline=None)
@given(events=timelines(), px_per_year=st.sampled_from([10.0, 300.0, 5e3, 1e5, 1e7]),
       max_rows=st.integers(1, 6), subset=st.integers(1, 3))
def test_stacking_never_overlaps_and_places_every_member_once(
        events: list[Event], px_per_year: float, max_rows: int, subset: int) -> None:
    # Given some of a lane's events at some zoom
    members = list(range(0, len(events), subset))
    calls = 0

    def counting(text: str) -> float:
        nonlocal calls
        calls += 1
        return measure(text)

    def title_of(p: Placed) -> str:
        return events[p.index].title

    # When they are stacked
    layout = stack_lane(events, members, px_per_year / YEAR, counting, max_rows=max_rows)
    # Then nothing overlaps in a row, and every member appears exactly once
    assert_no_overlap(layout, 6)
    assert calls <= len(members) * 2 + sum(p.label != title_of(p) for p in layout.items) * 6
    assert members_of(layout) == Counter(members)
    rows = [p.row for p in layout.items] + [c.row for c in layout.clusters]
    assert 1 <= layout.rows <= max_rows and all(0 <= r < layout.rows for r in rows)
    for p in layout.items:
        assert_label_is_title_or_elided(p, events[p.index].title)
    for c in layout.clusters:
        assert_cluster_bounds(c, events)


def assert_label_is_title_or_elided(p: Placed, title: str) -> None:
    assert p.label_w == measure(p.label)
    assert p.label in ("", title) or (
        p.label.endswith(ELLIPSIS) and title.startswith(p.label[:-1]))


def assert_cluster_bounds(c: Cluster, events: Sequence[Event]) -> None:
    assert len(c.members) >= 2 and list(c.members) == sorted(c.members)
    assert c.t0 == min(events[i].t0 for i in c.members)
    assert c.t1 == max(events[i].t1 for i in c.members)


def test_an_important_label_is_kept_whole_before_lesser_ones() -> None:
    """Six rows taken, then later events land where they would cut the label of the
    important one (importance 5): other labels are cut, or a row opened, instead."""
    big = ev("big", "2020-01-01", title="Canada arrests Huawei CFO Meng Wanzhou", importance=5)
    crowd = [ev(f"c{i}", f"2020-01-0{i + 2}", title=f"A crowd of lesser events, number {i}")
             for i in range(5)]
    later = [ev(f"l{i}", f"2020-01-{10 + i}", title=f"Later {i}") for i in range(3)]
    events = [big, *crowd, *later]
    layout = stack_lane(events, range(len(events)), 1 / 86400 * 12, measure, max_rows=6)
    placed = {events[p.index].id: p for p in layout.items}
    assert placed["big"].label == big.title
    assert_no_overlap(layout, 6.0)
    plain = [dataclasses.replace(e, importance=None) for e in events]
    before = stack_lane(plain, range(len(plain)), 1 / 86400 * 12, measure, max_rows=6)
    assert next(p for p in before.items if p.index == 0).label != big.title  # it would be cut
