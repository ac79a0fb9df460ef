"""Dense starts and cluster runs, and lanes, agree with the plain loops they replaced."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from viewer.model.dates import parse_date
from viewer.model.model import Category, Event
from viewer.view.crowding import CLUSTER_MARKERS, dense, units
from viewer.view.lanes import LaneMode, group_lanes, stack_lane

# -- the plain loops, as they were --------------------------------------------------------


def plain_dense(xs, marker, max_rows):
    out = [False] * len(xs)
    j = marked = 0
    for i, x in enumerate(xs):
        j = max(j, i)
        while j < len(xs) and xs[j] < x + marker:
            j += 1
        if j - i > max_rows:
            for k in range(max(i, marked), j):
                out[k] = True
            marked = j
    return out


def plain_units(order, xs, crowded, marker):
    found, run = [], []
    run_x0 = prev_x = 0.0
    for i, x, c in zip(order, xs, crowded, strict=True):
        if not c:
            found.append([i])
        elif run and x < prev_x + marker and x < run_x0 + CLUSTER_MARKERS * marker:
            run.append(i)
            prev_x = x
        else:
            run = [i]
            found.append(run)
            run_x0 = prev_x = x
    return found


def plain_lanes(events, categories, mode):
    groups, loose = {}, []
    for i, e in enumerate(events):
        if mode is LaneMode.CATEGORY:
            keys = (e.category,) if e.category else ()
        else:
            values = {LaneMode.TAG: e.tags, LaneMode.PERSON: e.people,
                      LaneMode.PLACE: e.places}[mode]
            keys = tuple(dict.fromkeys(v for v in values if v))
        for key in keys:
            groups.setdefault(key, []).append(i)
        if not keys:
            loose.append(i)
    declared = {c.name: c for c in categories} if mode is LaneMode.CATEGORY else {}
    order = [n for n in declared if n in groups] + [k for k in groups if k not in declared]
    return [(k, tuple(groups[k])) for k in order] + ([("", tuple(loose))] if loose else [])


# -- the same answers ---------------------------------------------------------------------

_STARTS = st.lists(st.one_of(st.integers(0, 400).map(float),
                             st.floats(0, 400, allow_nan=False)), max_size=120)


@settings(max_examples=300)
@given(_STARTS, st.sampled_from([0.0, 0.5, 3.0, 10.0, 37.5]), st.integers(1, 7))
def test_dense_starts_are_those_the_loop_found(starts, marker, max_rows):
    xs = sorted(starts)
    assert dense(xs, marker, max_rows) == plain_dense(xs, marker, max_rows)


@settings(max_examples=300)
@given(_STARTS, st.sampled_from([0.5, 3.0, 10.0]), st.integers(1, 4), st.randoms())
def test_runs_are_those_the_loop_made(starts, marker, max_rows, rnd):
    xs = sorted(starts)
    order = list(range(len(xs)))
    for crowded in (dense(xs, marker, max_rows), [rnd.random() < 0.7 for _ in xs]):
        assert units(order, xs, crowded, marker) == plain_units(order, xs, crowded, marker)


_NAMES = st.sampled_from(["", "a", "b", "c", "d"])


@given(st.lists(st.tuples(_NAMES, st.lists(_NAMES, max_size=3)), max_size=40),
       st.sampled_from([LaneMode.CATEGORY, LaneMode.TAG, LaneMode.PERSON]))
def test_lanes_hold_the_events_the_loop_put_in_them(specs, mode):
    events = [Event(id=str(i), title="t", start=parse_date("2019"), category=c or None,
                    tags=tuple(vs), people=tuple(reversed(vs))) for i, (c, vs) in enumerate(specs)]
    categories = (Category("c", "Cee", None), Category("a", "", "#123456"))
    lanes = group_lanes(events, categories, mode)
    assert [(lane.key, lane.members) for lane in lanes] == plain_lanes(events, categories, mode)


def test_a_lane_lays_out_the_same_from_columns_and_in_any_member_order():
    rnd = random.Random(7)
    dates = [f"{rnd.randrange(2000, 2004)}-{rnd.randrange(1, 13):02d}" for _ in range(400)]
    events = sorted((Event(id=str(i), title=f"Event {i}", start=parse_date(d),
                           end=parse_date("2005") if i % 5 == 0 else None)
                     for i, d in enumerate(dates)), key=lambda e: (e.t0, e.t1))
    members = list(range(0, 400, 2))
    shuffled = members[:]
    rnd.shuffle(shuffled)
    for pps in (1e-6, 1e-5, 3e-4):
        plain = stack_lane(events, members, pps, len)
        assert plain.clusters or pps > 1e-4  # the coarse levels gather events
        in_start_order = sorted(shuffled, key=lambda i: events[i].t0)  # ties as given
        assert stack_lane(events, shuffled, pps, len) == stack_lane(events, in_start_order,
                                                                    pps, len)
        assert stack_lane(events, members, pps, len, starts=[e.t0 for e in events],
                          ends=[e.t1 for e in events]) == plain


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3000), st.integers(0, 40), st.booleans()),
                min_size=1, max_size=150), st.sampled_from([1e-6, 1e-5, 1e-4, 1e-3]))
def test_a_cluster_covers_the_time_of_its_members(specs, pps):
    # events in any order of index, some ranges, at zooms from gathered to apart
    events = [Event(id=str(i), title=f"E{i}", start=parse_date(f"{2000 + day // 365}-01-01"),
                    end=parse_date(f"{2000 + (day + span) // 365 + 1}") if ranged else None)
              for i, (day, span, ranged) in enumerate(specs)]
    layout = stack_lane(events, range(len(events)), pps, len, max_rows=2)
    for cluster in layout.clusters:
        assert cluster.t0 == min(events[i].t0 for i in cluster.members)
        assert cluster.t1 == max(events[i].t1 for i in cluster.members)
