"""Framing: what Fit all, Fit matches and the author's view show, without a window."""

from viewer.model.dates import parse_date
from viewer.model.model import DefaultView, Event, Period
from viewer.view.framing import author_window, extent, framed


def event(i: int, start: str, end: str | None = None) -> Event:
    return Event(f"e{i}", f"Event {i}", parse_date(start), parse_date(end) if end else None)


EVENTS = (event(1, "1970"), event(2, "2018-12"), event(3, "2019", "2021"), event(4, "2025-06"))


def test_extent_runs_from_the_first_start_to_the_last_end():
    assert extent(EVENTS) == (parse_date("1970").start, parse_date("2025-06").end)


def test_extent_leaves_out_the_events_the_filter_drops():
    assert extent(EVENTS, left_out={0, 3}) == (parse_date("2018-12").start,
                                                parse_date("2021").end)
    assert extent(EVENTS, left_out={0, 1, 2, 3}) is None


def test_extent_of_a_file_without_events_is_its_periods_or_nothing():
    era = Period("Era", parse_date("1990"), parse_date("1995"))
    assert extent((), (era,)) == (era.t0, era.t1)
    assert extent(EVENTS, (Period("Old", parse_date("1900"), parse_date("1901")),))[0] \
        == EVENTS[0].t0  # with events, periods do not widen the fit
    assert extent(()) is None


def test_framed_shows_the_span_with_a_margin_of_at_most_five_percent_each_side():
    span = extent(EVENTS)
    window = framed(span, 1000)
    assert window.start < span[0] and window.end > span[1]
    assert (span[0] - window.start) / window.width <= 0.05
    assert (window.end - span[1]) / window.width <= 0.05


def test_author_window_shows_the_bounds_given():
    view = DefaultView(parse_date("2017"), parse_date("2026-02"), "tag")
    window = author_window(view, extent(EVENTS), 1000)
    assert (window.start, window.end) == (parse_date("2017").start, parse_date("2026-02").end)


def test_a_missing_bound_of_the_author_view_falls_back_to_the_events():
    first, last = extent(EVENTS)
    window = author_window(DefaultView(start=parse_date("2017")), extent(EVENTS), 1000)
    assert window.start == parse_date("2017").start
    assert 0 < (window.end - last) / window.width <= 0.05
    window = author_window(DefaultView(end=parse_date("2000")), extent(EVENTS), 1000)
    assert window.end == parse_date("2000").end
    assert 0 < (first - window.start) / window.width <= 0.05


def test_an_author_view_without_time_or_backwards_gives_no_window():
    assert author_window(DefaultView(lanes="tag"), extent(EVENTS), 1000) is None
    assert author_window(DefaultView(parse_date("2030"), parse_date("2020")),
                         extent(EVENTS), 1000) is None
    assert author_window(DefaultView(start=parse_date("2030")), extent(EVENTS), 1000) is None
