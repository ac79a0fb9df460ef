"""The per-event columns agree with the events, and are built once per document."""

from viewer.document import Document
from viewer.load.reading import load_bytes
from viewer.model.columns import columns_of

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


def test_a_document_holds_its_columns_and_another_load_gets_its_own():
    document = Document(load_bytes(TEXT))
    assert document.columns.positions == columns_of(document.timeline).positions
    again = Document(load_bytes(TEXT))  # equal, but another load
    assert again.columns is not document.columns
    assert again.columns.positions == document.columns.positions
