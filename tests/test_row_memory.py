"""Stable rows: a layout made again (after a save, or over another extent of a large file)
puts every event back in the row it had, unless the edit took its room. Pure, no Qt."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.bench.generate import generate
from viewer.load.reading import load_bytes
from viewer.model.dates import parse_date
from viewer.model.model import Event
from viewer.view.lanes import Lane, LaneLayout, LaneMode, assign_lanes, stack_lane
from viewer.view.rows import RowMemory
from viewer.view.scene import TILE_PX, Metrics, Scene, SceneCache, build_scene, level_of

DAY = 86400.0
PPS = 100 / DAY  # a day is 100 px


def measure(text: str) -> float:
    return 7.0 * len(text)


def timeline(first_title: str, third_title: str = "", third_day: int = 3) -> list[Event]:
    """A long label in row 0 ("a", day 0), then events "b1".."b19" a day apart whose
    labels are longer than a day: they take turns in the rows the long label leaves."""
    out = [Event(id="a", title=first_title, start=parse_date("2020-01-01"))]
    for k in range(1, 20):
        title, day = f"Short event {k:02d} ab", k
        if k == 3:
            title, day = third_title or title, third_day
        out.append(Event(id=f"b{k}", title=title, start=parse_date(f"2020-01-{1 + day:02d}")))
    return sorted(out, key=lambda e: e.t0)


LONG, SHORTER = "A" * 86, "A" * 14


def rows_by_id(events: Sequence[Event], layout: LaneLayout) -> dict[str, int]:
    rows = {events[p.index].id: p.row for p in layout.items}
    rows.update((events[i].id, c.row) for c in layout.clusters for i in c.members)
    return rows


def lay_out(events: Sequence[Event], rows: RowMemory | None) -> dict[str, int]:
    lane = Lane("", "All", None, tuple(range(len(events))))
    prefer = rows.preference(1.0, lane, events) if rows is not None else None
    unchanged = rows.unchanged(1.0, lane, events) if rows is not None else None
    layout = stack_lane(events, lane.members, PPS, measure, prefer=prefer, unchanged=unchanged)
    if rows is not None:
        rows.remember(1.0, lane, events, layout)
    return rows_by_id(events, layout)


def moved(before: dict[str, int], after: dict[str, int]) -> set[str]:
    return {i for i in before.keys() & after.keys() if before[i] != after[i]}


def test_the_same_events_get_the_same_rows_with_or_without_memory():
    events = timeline(LONG)
    plain = lay_out(events, None)
    assert lay_out(events, None) == plain
    rows = RowMemory()
    assert lay_out(events, rows) == plain  # nothing remembered yet: the greedy rows
    assert lay_out(events, rows) == plain  # its own rows remembered: the same again


def test_shortening_a_label_moves_no_other_event():
    # given a long label that pushed the events after it down a row
    before = lay_out(timeline(LONG), None)
    assert before["b2"] == 2
    # when it is shortened and laid out afresh, the greedy rows all shift
    assert len(moved(before, lay_out(timeline(SHORTER), None))) >= 10
    # but laid out with the rows remembered, nothing moves
    rows = RowMemory()
    lay_out(timeline(LONG), rows)
    assert moved(before, lay_out(timeline(SHORTER), rows)) == set()


def test_lengthening_a_label_moves_only_the_event_whose_room_it_took():
    rows = RowMemory()
    before = lay_out(timeline(LONG), rows)
    assert before["b3"] == before["b5"]  # b5 is next in b3's row, two days on
    after = lay_out(timeline(LONG, "Short event 03 made much longer"), rows)
    assert moved(before, after) == {"b5"}


def test_moving_a_date_moves_only_the_events_in_its_way():
    rows = RowMemory()
    before = lay_out(timeline(LONG), rows)
    # b3 a day later, on b4's day: it keeps its row, and its label now covers b5's start
    after = lay_out(timeline(LONG, third_day=4), rows)
    assert moved(before, after) == {"b5"}


@st.composite
def lanes_of_events(draw: st.DrawFn) -> list[Event]:
    n = draw(st.integers(min_value=1, max_value=60))
    out = []
    for i in range(n):
        day = draw(st.integers(min_value=0, max_value=120))
        length = draw(st.integers(min_value=1, max_value=40))
        end = draw(st.one_of(st.none(), st.integers(min_value=0, max_value=30)))
        importance = draw(st.one_of(st.none(), st.integers(min_value=1, max_value=5)))
        start = parse_date(f"{2020 + day // 336}-{1 + day // 28 % 12:02d}-{1 + day % 28:02d}")
        stop = None if end is None else parse_date(
            f"{2020 + (day + end) // 336}-{1 + (day + end) // 28 % 12:02d}-"
            f"{1 + (day + end) % 28:02d}")
        out.append(Event(id=f"e{i}", title="x" * length, start=start, end=stop,
                         importance=importance))
    return sorted(out, key=lambda e: e.t0)


@settings(max_examples=150, deadline=None)
@given(lanes_of_events(), st.sampled_from([PPS / 40, PPS / 8, PPS, PPS * 4]),
       st.integers(min_value=1, max_value=4))
def test_a_layout_given_its_own_rows_makes_the_same_layout(events, pps, max_rows):
    members = range(len(events))
    plain = stack_lane(events, members, pps, measure, max_rows=max_rows)
    rows = rows_by_id(events, plain)
    again = stack_lane(events, members, pps, measure, max_rows=max_rows,
                       prefer=lambda i: rows.get(events[i].id))
    assert again == plain  # rows, labels cut, clusters: all of it


def scene_rows(scene: Scene, events: Sequence[Event], t0: float = -math.inf,
               t1: float = math.inf) -> dict[str, int]:
    """Each event's row, of those whose mark starts in ``t0..t1``."""
    out = {}
    for box in scene.lanes:
        for p in box.layout.items:
            if t0 <= events[p.index].t0 <= t1:
                out[f"{box.lane.key}/{events[p.index].id}"] = p.row
        for c in box.layout.clusters:
            for i in c.members:
                if t0 <= events[i].t0 <= t1:
                    out[f"{box.lane.key}/{events[i].id}"] = c.row
    return out


def test_a_scene_cache_keeps_the_rows_across_a_reset():
    events = timeline(LONG)
    lanes = assign_lanes(events, (), LaneMode.SINGLE)
    rows = RowMemory()
    cache = SceneCache(measure, Metrics(), rows=rows)
    cache.reset(events, lanes)
    before = scene_rows(cache.scene(PPS), events)
    edited = timeline(SHORTER)  # the file saved with one title shorter
    cache.reset(edited, assign_lanes(edited, (), LaneMode.SINGLE))
    assert scene_rows(cache.scene(PPS), edited) == before
    assert scene_rows(build_scene(edited, lanes, level_of(PPS), measure, Metrics()),
                      edited) != before  # as it would be without the memory


def pan_kept(rows: RowMemory | None) -> float:
    """The share of the events on screen that keep their row when a window panning over
    a large file (laid out by extents) leaves the extent laid out for where it started."""
    events = load_bytes(generate(3000).encode()).timeline.events
    lanes = assign_lanes(events, (), LaneMode.CATEGORY)
    cache = SceneCache(measure, Metrics(), full_max=50, rows=rows)
    cache.reset(events, lanes)
    assert cache.by_extent
    pps = level_of(1000 / (400 * DAY))  # about 400 days on 1000 px
    width = 1600 / pps
    t0 = events[len(events) // 2].t0
    first = cache.scene(pps, t0, t0 + width)
    assert first.t1 - (t0 + width) >= TILE_PX / pps  # a tile or more to pan over
    # the last window the first extent covers, and the next one a little further on
    before = cache.scene(pps, first.t1 - width, first.t1)
    after = cache.scene(pps, first.t1 - width / 2, first.t1 + width / 2)
    assert before is first and after is not first  # another extent
    shown = (first.t1 - width / 2, first.t1)  # on screen before and after
    a, b = scene_rows(before, events, *shown), scene_rows(after, events, *shown)
    assert len(a) > 50 and a.keys() == b.keys()
    return sum(a[k] == b[k] for k in a) / len(a)


def test_panning_to_another_extent_keeps_the_rows():
    assert pan_kept(RowMemory()) >= 0.95


def test_a_memory_keeps_a_few_levels_only():
    events = timeline(LONG)
    lane = Lane("", "All", None, tuple(range(len(events))))
    layout = stack_lane(events, lane.members, PPS, measure)
    rows = RowMemory(size=2)
    for level in (1.0, 2.0, 4.0):
        rows.remember(level, lane, events, layout)
    assert rows.preference(1.0, lane, events) is None
    prefer = rows.preference(4.0, lane, events)
    assert prefer is not None and prefer(0) == layout.items[0].row
    assert rows.preference(4.0, dataclasses.replace(lane, key="other"), events) is None


@pytest.mark.parametrize("direction", [1, -1], ids=["right", "left"])
def test_panning_over_many_extents_of_a_dense_file_keeps_the_rows(direction):
    # given 6,000 events (every row of a lane busy at a one-year window) laid out by extents
    events = load_bytes(generate(6000).encode()).timeline.events
    lanes = assign_lanes(events, (), LaneMode.CATEGORY)
    cache = SceneCache(measure, Metrics(), rows=RowMemory())
    cache.reset(events, lanes)
    assert cache.by_extent
    pps = 1600 / (365 * DAY)  # a year on 1,600 px
    level, width = level_of(pps), 1600 / pps
    t0 = events[len(events) // 2].t0
    # when the window pans right (or left) 64 px at a time over 3 tiles
    frames = []
    for step in range(int(3 * TILE_PX / 64) + 1):
        x = t0 + direction * step * 64 / pps
        scene = cache.scene(pps, x, x + width)
        drawn = {}
        for box in scene.lanes:
            for p in box.items_between(x * level, (x + width) * level):
                drawn[box.lane.key, p.index] = p.row
            for c in box.clusters_between(x * level, (x + width) * level):
                drawn.update(((box.lane.key, i), c.row) for i in c.members)
        frames.append((scene, drawn))
    # then the events on screen just before and just after each change of extent keep
    # their row (and the pan did change extents)
    switches = [(a[1], b[1]) for a, b in pairwise(frames) if a[0] is not b[0]]
    assert switches
    both = [(a[k], b[k]) for a, b in switches for k in a.keys() & b.keys()]
    assert len(both) > 100
    assert sum(x == y for x, y in both) / len(both) >= 0.95


def overlapping(layout: LaneLayout, gap: float) -> list[int]:
    """The rows in which a mark or label comes closer than ``gap`` to the next mark."""
    rows: dict[int, list[tuple[float, float]]] = {}
    for p in layout.items:
        rows.setdefault(p.row, []).append(
            (p.x0, max(p.x1, p.label_x + p.label_w if p.label else p.x1)))
    for c in layout.clusters:
        rows.setdefault(c.row, []).append((c.x0, c.x1))
    return [row for row, marks in rows.items()
            for a, b in pairwise(sorted(marks)) if b[0] < a[1] + gap - 1e-6]


@settings(max_examples=150, deadline=None)
@given(lanes_of_events(), st.sampled_from([PPS / 40, PPS / 8, PPS, PPS * 4]),
       st.integers(min_value=1, max_value=4), st.integers(min_value=0, max_value=120),
       st.integers(min_value=0, max_value=120), st.integers(min_value=-60, max_value=60))
def test_carrying_on_from_another_extent_keeps_its_rows_and_overlaps_nothing(
        events, pps, max_rows, start, length, shift):
    # given a lane laid out over one stretch of time (an extent)
    def within(t0: float, t1: float) -> list[int]:
        return [i for i, e in enumerate(events) if e.t0 < t1 and t0 < e.t1]

    base = events[0].t0 + start * DAY
    first = stack_lane(events, within(base, base + length * DAY), pps, measure,
                       max_rows=max_rows)
    # when another stretch overlapping it, to its left or right, carries on from it
    members = within(base + shift * DAY, base + (shift + length) * DAY)
    then = stack_lane(events, members, pps, measure, max_rows=max_rows, kept=first)
    # then the events of both keep their rows, every member is drawn, and nothing overlaps
    before, after = rows_by_id(events, first), rows_by_id(events, then)
    assert moved(before, after) == set()
    assert {events[i].id for i in members} <= after.keys()
    assert overlapping(then, 6.0) == []
