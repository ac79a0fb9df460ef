"""The per-event columns agree with the events, and are built once per timeline."""

from viewer.columns import columns_of
from viewer.loader import load_bytes

TEXT = b"""\
events:
  - {id: b, title: Later, date: 2020, category: trade}
  - {id: a, title: Earlier, date: 2019-03, end: 2021}
"""


def test_columns_hold_each_events_start_end_category_and_position():
    timeline = load_bytes(TEXT).timeline
    columns = columns_of(timeline)
    events = timeline.events
    assert columns.t0 == [e.t0 for e in events] and columns.t1 == [e.t1 for e in events]
    assert columns.category == [None, "trade"]  # in the timeline's order: by start
    assert columns.positions == {"a": 0, "b": 1}


def test_the_same_timeline_shares_its_columns_and_another_gets_its_own():
    timeline = load_bytes(TEXT).timeline
    assert columns_of(timeline) is columns_of(timeline)
    again = load_bytes(TEXT).timeline  # equal, but another object: another load
    assert columns_of(again) is not columns_of(timeline)
    assert columns_of(again).positions == columns_of(timeline).positions
