"""TimelineJS timelines (JSON, and the spreadsheet template as CSV) open like events files.

The files under tests/data/timelinejs/ were written for these tests from Knight Lab's format
documentation (json-format.html and using-spreadsheets.html).
"""

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from viewer.load.reading import load_bytes, load_path
from viewer.load.timelinejs_csv import column_letter, split_records
from viewer.load.timelinejs_html import html_line, html_text
from viewer.model.dates import Precision
from viewer.model.model import Source
from viewer.model.palette import TOL_BRIGHT

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "timelinejs"


def load_json(obj: object):
    return load_bytes(json.dumps(obj, indent=2).encode(), name="t.json")


def load_text(text: str, name: str):
    return load_bytes(textwrap.dedent(text).lstrip("\n").encode(), name=name)


def diagnostics(result):
    return [(d.severity.value, d.line, d.column, d.message) for d in result.diagnostics]


def by_title(timeline):
    return {e.title: e for e in timeline.events}


# -- JSON ---------------------------------------------------------------------------------------

def test_a_json_timeline_opens_with_its_title_slide_groups_and_eras():
    result = load_path(DATA / "timekeeping.json")
    assert result.diagnostics == []
    t = result.timeline
    assert t.title == "A short history of timekeeping"
    assert t.description == ("From shadow clocks to atomic time — a test timeline written from "
                             "the TimelineJS JSON format documentation.\n\n"
                             "Second paragraph\nwith a line break.")
    assert [(c.name, c.label, c.colour) for c in t.categories] == [
        ("instruments", "Instruments", TOL_BRIGHT[0]), ("calendars", "Calendars", TOL_BRIGHT[1])]
    assert [(p.title, p.start.iso(), p.end.iso()) for p in t.periods] == [
        ("Before mechanical clocks", "-2999", "1300"), ("June 1955 – 2025", "1955-06", "2025")]
    assert len(t.events) == 8
    assert [e.t0 for e in t.events] == sorted(e.t0 for e in t.events)


def test_json_dates_keep_their_precision_and_bce_years_count_back_from_1_bce():
    events = by_title(load_path(DATA / "timekeeping.json").timeline)
    shadow = events["Shadow clocks in Egypt"].start
    assert (shadow.year, shadow.precision) == (-1499, Precision.YEAR)  # "-1500" is 1500 BCE
    assert shadow.display() == "1500 BC"
    julian = events["The Julian calendar takes effect"]
    assert julian.start.iso() == "-0044-01-01" and julian.start.display() == "1 January 45 BC"
    assert julian.id == "julian"  # unique_id
    assert events["Huygens' pendulum clock"].start.precision == Precision.MONTH
    utc = events["UTC starts 10 seconds behind TAI"].start
    assert utc.iso() == "1972-01-01T00:00:10" and utc.precision == Precision.SECOND
    meridian = events["International Meridian Conference"]
    assert meridian.end is not None and meridian.end.iso() == "1884-11-01"
    assert meridian.category is None and meridian.sources == ()  # no group, no media
    assert julian.end is None


def test_empty_and_null_date_parts_are_not_given():
    events = load_path(DATA / "timekeeping.json").timeline.events
    essen = next(e for e in events if e.start.year == 1955)
    assert essen.start.iso() == "1955-06-03" and essen.start.precision == Precision.DAY


def test_html_text_is_kept_as_text_and_links_as_markdown_links():
    gregorian = by_title(load_path(DATA / "timekeeping.json").timeline)["The Gregorian calendar"]
    assert gregorian.description == (
        "Ten days are dropped: 4 October is followed by 15 October. See "
        "[the calendar](https://en.wikipedia.org/wiki/Gregorian_calendar).")
    assert "alert" not in gregorian.description
    assert gregorian.extra == (("display_date", "15 October 1582"),)


def test_media_becomes_a_source_with_caption_and_credit():
    events = by_title(load_path(DATA / "timekeeping.json").timeline)
    assert events["The Gregorian calendar"].sources == (Source(
        "Pope Gregory XIII", "https://commons.wikimedia.org/wiki/File:Gregory_XIII.jpg",
        "Wikimedia Commons", safe_url=True),)
    assert events["UTC starts 10 seconds behind TAI"].sources == (Source(
        "https://www.iers.org/", "https://www.iers.org/", "IERS", safe_url=True),)


def test_an_event_without_a_headline_is_titled_from_its_text_or_its_date():
    events = load_path(DATA / "timekeeping.json").timeline.events
    essen = next(e for e in events if e.start.year == 1955)
    assert essen.title == "Louis Essen and Jack Parry build the first accurate caesium…"
    assert events[-1].title == "20 May 2019, 14:30"
    assert events[-1].id == "2019-05-20T14:30-20-may-2019-14-30"


def test_broken_json_events_name_their_lines_and_valid_ones_still_load():
    result = load_path(DATA / "broken.json")
    assert diagnostics(result) == [
        ("error", 5, 20, "start_date has no year"),
        ("error", 6, 29, "start_date.year: 'MMXX' is not a whole number"),
        ("error", 8, 45, "start_date.month: month 13 does not exist"),
        ("error", 11, 5, "an event has no start_date"),
        ("error", 12, 48, "the event ends (2002) before it starts (2003)"),
        ("error", 13, 44, "'text' should be an object {...}, not the text 'not an object'"),
        ("error", 15, 82, "duplicate unique_id 'same' (first used at line 14)"),
    ]
    assert [e.title for e in result.timeline.events] == ["Fine before", "Fine after"]


def test_a_json_syntax_error_gives_jsons_line_and_column_and_loads_nothing():
    result = load_text("""
        {"events": [
          {"start_date": {"year": 2001}},
        ]}
        """, "t.json")
    assert result.timeline is None
    assert diagnostics(result) == [
        ("error", 3, 1, "JSON syntax error: Expecting value")]


@pytest.mark.parametrize(("date", "message"), [
    ({"year": 0}, "start_date.year: there is no year 0"),
    ({"year": 2020.5}, "start_date.year: '2020.5' is not a whole number"),
    ({"year": "1,500"}, "start_date.year: '1,500' is not a whole number"),
    ({"year": 2020, "month": 2, "day": 30},
     "start_date.day: day 30 does not exist in February 2020"),
    ({"year": 2020, "month": 1, "day": 1, "hour": 24}, "start_date.hour: hour 24 does not exist"),
    ({"year": 2020, "minute": 5}, "start_date.minute: the minute is given without the hour"),
    ({"year": 2020, "month": [1]}, "'month' in 'start_date' should be text, not a list"),
])
def test_invalid_date_parts_are_errors_at_the_part(date, message):
    slide = f'{{"text": {{"headline": "X"}}, "start_date": {json.dumps(date)}}}'
    text = f'{{"events": [\n  {slide}\n]}}'
    result = load_bytes(text.encode(), name="t.json")
    assert [d.message for d in result.errors] == [message]
    (error,) = result.errors  # at the value of the date's last part
    assert error.line == 2
    assert text.splitlines()[1][error.column - 1:].startswith(json.dumps(list(date.values())[-1]))
    assert result.timeline.events == ()


def test_whole_numbers_may_be_numbers_or_text():
    result = load_json({"events": [{"start_date": {"year": "2020", "month": 3.0, "day": " 7 "}}]})
    assert result.diagnostics == [] and result.timeline.events[0].start.iso() == "2020-03-07"


def test_milliseconds_and_an_hour_without_minutes():
    result = load_json({"events": [
        {"start_date": {"year": 2020, "month": 1, "day": 2, "hour": 3}},
        {"start_date": {"year": 2020, "month": 1, "day": 2, "hour": 3, "minute": 4,
                        "second": 5, "millisecond": 250}}]})
    first, second = (e.start for e in result.timeline.events)
    assert first.iso() == "2020-01-02T03:00" and first.precision == Precision.MINUTE
    assert second.iso() == "2020-01-02T03:04:05.25"


def test_deep_time_years_work():
    result = load_json({"events": [{"start_date": {"year": -13800000000}}]})
    assert result.timeline.events[0].start.display() == "13.8 billion years ago"


def test_the_file_may_be_a_bare_list_of_slides_and_needs_events_otherwise():
    assert len(load_json([{"start_date": {"year": 1}}]).timeline.events) == 1
    result = load_json({"title": {"text": {"headline": "T"}}})
    assert [d.message for d in result.errors] == ["there is no 'events' list"]
    assert load_json("text").timeline is None


def test_typos_in_keys_are_warned_about_and_duplicate_keys_keep_the_last():
    result = load_text("""
        {"events": [{"start_date": {"year": 2001}, "txt": {"headline": "A"},
                     "group": "a", "group": "b"}]}
        """, "t.json")
    assert diagnostics(result) == [
        ("warning", 1, 44, "unknown key 'txt' in an event"),
        ("warning", 2, 28, "duplicate key 'group' (first written at line 2); the last one is "
                           "used")]
    assert result.timeline.events[0].category == "b"


def test_unsafe_and_relative_media_links_are_never_clickable():
    result = load_json({"events": [
        {"start_date": {"year": 1}, "media": {"url": "javascript:alert(1)", "caption": "c"}},
        {"start_date": {"year": 2}, "media": {"url": "images/a.jpg"}},
        {"start_date": {"year": 3},
         "media": {"url": '<iframe src="https://example.org/embed"></iframe>', "credit": "X"}}]})
    a, b, c = (e.sources[0] for e in result.timeline.events)
    assert (a.url, a.safe_url) == ("javascript:alert(1)", False)
    assert (b.title, b.url, b.safe_url) == ("images/a.jpg", "", False)
    assert (c.url, c.publisher, c.safe_url) == ("https://example.org/embed", "X", True)
    assert [d.severity.value for d in result.diagnostics] == ["warning", "warning"]


def test_deeply_nested_json_is_refused_without_a_crash():
    result = load_bytes(b'{"events": ' + b"[" * 5000 + b"]" * 5000 + b"}", name="t.json")
    assert result.timeline is None and result.errors


def test_undecodable_bytes_name_their_line():
    result = load_bytes(b'{"events": [\n{"text": "caf\xe9"}]}', name="t.json")
    assert result.timeline is None and result.errors[0].line == 2


# -- HTML ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("html", "text"), [
    ("<p>One</p><p>Two</p>", "One\n\nTwo"),
    ("a<br>b<br/>c", "a\nb\nc"),
    ("Fish &amp; chips &lt;b&gt; &#8212; &eacute;", "Fish & chips <b> — é"),
    ("<ul><li>a</li><li>b</li></ul>", "- a\n- b"),
    ("<script>alert(1)</script><style>p{}</style>kept", "kept"),
    ('<a href="javascript:alert(1)">click</a>', "click"),
    ('<a href="https://x.org/a_(b)">x [1]</a>', "[x \\[1\\]](https://x.org/a_%28b%29)"),
    ('<a href="https://x.org">https://x.org</a>', "<https://x.org>"),
    ('<img src="https://tracker.example/p.gif" onerror="alert(1)">text', "text"),
    ("  plain\r\ntext  \n\n\n\nkept  ", "plain\ntext\n\nkept"),
    ("<p>unclosed <b>bold", "unclosed bold"),
])
def test_html_becomes_text(html, text):
    assert html_text(html) == text


def test_a_headline_is_one_line_without_links():
    assert html_line('<h1>A</h1><p>b <a href="https://x.org">c</a></p>') == "A b c"


# -- CSV ----------------------------------------------------------------------------------------

def test_the_spreadsheet_template_opens_with_title_era_groups_and_times():
    result = load_path(DATA / "template.csv")
    assert result.diagnostics == []
    t = result.timeline
    assert t.title == "A short history of timekeeping"
    assert t.description == "Written from the TimelineJS spreadsheet template."
    assert [(p.title, p.start.iso(), p.end.iso()) for p in t.periods] == [
        ("Before mechanical clocks", "-2999", "1300")]
    assert [c.label for c in t.categories] == ["Instruments", "Calendars"]
    assert [(e.start.iso(), e.end and e.end.iso()) for e in t.events] == [
        ("-1499", None), ("1582-10-15", None), ("1884-10-01", "1884-11-01"),
        ("1955-06-03T14:30", None), ("2019-05-20T14:30:05", "2019-05-20T16:00")]
    gregorian = t.events[1]
    assert gregorian.title == "The Gregorian calendar: ten days dropped"
    assert gregorian.description == "Ten days are dropped.\n4 October is followed by 15 October."
    assert gregorian.sources[0].title == 'Pope Gregory "XIII"'
    assert gregorian.extra == (("display_date", "15 October 1582"),)
    assert t.events[3].title == "The first accurate caesium atomic clock."
    assert t.events[4].title == "# Not a comment - a headline"
    assert [e.line for e in t.events] == [4, 5, 7, 8, 9]  # the quoted Text spans lines 5-6


def test_headers_match_in_any_case_and_order_and_optional_columns_may_be_missing():
    result = load_path(DATA / "minimal.csv")  # semicolons, three columns
    assert result.diagnostics == []
    event = result.timeline.events[0]
    assert (event.title, event.start.iso(), event.description) == (
        "Only three columns", "1969",
        "Semicolon separated, from a spreadsheet in a comma-decimal locale")


def test_broken_rows_name_their_line_and_the_column_where_the_cell_starts():
    result = load_path(DATA / "broken.csv")
    assert diagnostics(result) == [
        ("error", 3, 6, "Month (column B): month 13 does not exist"),
        ("error", 4, 1, "the row has no Year (column A)"),
        ("error", 5, 8, "Day (column C): day 30 does not exist in February 2003"),
        ("error", 6, 10, "Time (column D): hour 25 does not exist"),
        ("error", 7, 1, "Year (column A): 'MMXX' is not a whole number"),
        ("error", 9, 9, "this cell's quote is never closed"),
    ]
    assert [e.title for e in result.timeline.events] == ["Fine before", "Fine after"]


@pytest.mark.parametrize(("time", "iso"), [
    ("9:05", "2020-01-02T09:05"), ("09:05:07", "2020-01-02T09:05:07"),
    ("12:00 AM", "2020-01-02T00:00"), ("12:30 pm", "2020-01-02T12:30"),
    ("4 PM", "2020-01-02T16:00"), ("4:15:30.5", "2020-01-02T04:15:30.5"),
])
def test_times_as_spreadsheets_write_them(time, iso):
    result = load_text(f"Year,Month,Day,Time,Headline\n2020,1,2,{time},X\n", "t.csv")
    assert result.diagnostics == [] and result.timeline.events[0].start.iso() == iso


def test_an_unreadable_time_is_an_error_at_its_cell():
    result = load_text("Year,Month,Day,Time,Headline\n2020,1,2,noon,X\n", "t.csv")
    assert diagnostics(result) == [("error", 2, 10, "Time (column D): 'noon' is not a time")]


def test_a_csv_without_the_template_header_loads_nothing():
    result = load_text("Date,Event\n2020-01-01,X\n", "t.csv")
    assert result.timeline is None
    assert diagnostics(result) == [("error", 1, 1, "this is not a TimelineJS spreadsheet: the "
                                                   "first row should name its columns")]
    result = load_text("Headline,Text\nX,Y\n", "t.csv")
    assert result.timeline is None and result.errors[0].message == (
        "the first row has no 'Year' column")


def test_an_empty_csv_is_an_empty_timeline():
    result = load_bytes(b"", name="t.csv")
    assert result.diagnostics == [] and result.timeline.events == ()


def test_unknown_types_and_a_second_title_row_are_warned_about():
    result = load_text("""
        Year,Headline,Type
        ,One,title
        ,Two,title
        2001,Three,tilte
        """, "t.csv")
    assert diagnostics(result) == [
        ("warning", 3, 1, "a second 'title' row (the first is at line 2); it is read as an "
                          "event"),
        ("error", 3, 1, "the row has no Year (column A)"),
        ("warning", 4, 12, "Type 'tilte' is neither 'title' nor 'era'; the row is read as an "
                           "event"),
    ]
    assert result.timeline.title == "One" and [e.title for e in result.timeline.events] == [
        "Three"]


def test_csv_records_keep_quoted_commas_quotes_and_line_breaks():
    records, problems = split_records('a,"b, ""c""\nd",e\r\nf\n\n')
    assert problems == []
    assert [[(c.text, c.line, c.column) for c in r] for r in records] == [
        [("a", 1, 1), ('b, "c"\nd', 1, 3), ("e", 2, 4)], [("f", 3, 1)]]


def test_column_letters():
    assert [column_letter(i) for i in (0, 25, 26, 27, 701, 702)] == [
        "A", "Z", "AA", "AB", "ZZ", "AAA"]


# -- dispatch and --check -----------------------------------------------------------------------

def test_the_suffix_picks_the_reader_and_yaml_stays_the_default():
    data = (DATA / "timekeeping.json").read_bytes()
    assert load_bytes(data, name="T.JSON").timeline == load_path(DATA / "timekeeping.json").timeline
    assert load_bytes(b"events:\n  - {title: A, date: 2001}\n").timeline.events[0].title == "A"
    assert load_bytes(b"events:\n  - {title: A, date: 2001}\n",
                      name="events.yml").timeline.events[0].title == "A"


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=cwd,
                          capture_output=True, text=True, timeout=60)


def test_check_reports_json_problems_by_line_and_exits_1():
    proc = run("--check", "broken.json", cwd=DATA)
    assert proc.returncode == 1, proc.stdout
    lines = proc.stdout.splitlines()
    assert lines[0] == ("broken.json:5:20: error: start_date has no year (TimelineJS dates "
                        "need at least a year; BCE years are negative)")
    assert lines[-1] == "broken.json: 2 events, 0 periods, 0 categories, 2001–2005 (7 errors)"


def test_check_passes_a_clean_json_and_csv():
    for name, summary in (("timekeeping.json", "8 events, 2 periods, 2 categories"),
                          ("template.csv", "5 events, 1 period, 2 categories")):
        proc = run("--check", name, cwd=DATA)
        assert proc.returncode == 0, proc.stdout
        assert proc.stdout.startswith(f"{name}: {summary}, 3000 BC–")


# -- anything at all ----------------------------------------------------------------------------

_KEYS = st.sampled_from(["events", "title", "eras", "start_date", "end_date", "text", "headline",
                         "media", "url", "group", "unique_id", "year", "month", "day", "hour"])
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-10**20, 10**20) | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=6),
    max_leaves=30)


@settings(max_examples=300, deadline=None)
@given(_JSON)
def test_any_json_value_loads_or_is_explained_never_raises(value):
    result = load_bytes(json.dumps(value).encode(), name="t.json")
    assert all(d.line >= 1 and d.column >= 1 for d in result.diagnostics)
    assert result.timeline is not None or result.errors


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet='0123,"\n\r;-:APM<>&ab ', max_size=80))
def test_any_csv_body_loads_or_is_explained_never_raises(body):
    header = "Year,Month,Day,Time,End Year,Headline,Text,Type,Group,Media\n"
    result = load_bytes((header + body).encode(), name="t.csv")
    assert all(d.line >= 1 and d.column >= 1 for d in result.diagnostics)


def test_the_viewers_own_csv_export_is_named_as_such():
    from viewer.files.export_data import to_csv

    timeline = load_path(DATA / "timekeeping.json").timeline
    result = load_bytes(to_csv(timeline, timeline.events).encode(), name="events.csv")
    assert result.timeline is None
    assert "Timeline Viewer's own CSV export" in result.errors[0].hint


@pytest.mark.parametrize("url", ["https://example.org/a\r\nEND:VEVENT", "https://e.org/a\tb",
                                 "mailto:a@b.c\x85d"])
def test_a_media_link_with_a_control_character_is_a_located_error(url):
    timeline = {"events": [
        {"start_date": {"year": 1}, "text": {"headline": "A"}},
        {"start_date": {"year": 2}, "text": {"headline": "B"},
         "media": {"url": url, "caption": "c"}}]}
    result = load_json(timeline)
    assert [e.title for e in result.timeline.events] == ["A"]  # as in YAML files: left out
    [d] = result.diagnostics
    lines = json.dumps(timeline, indent=2).splitlines()
    url_line = 1 + next(n for n, line in enumerate(lines) if line.lstrip().startswith('"url"'))
    assert (d.severity.value, d.line) == ("error", url_line)
    assert d.message.startswith("link '") and d.message.endswith("' holds a control character")
    assert "\n" not in d.message and "\r" not in d.message


def test_many_events_with_one_title_and_many_groups_with_one_name_load():
    count = 20_000
    result = load_json({"events": [
        {"start_date": {"year": 2019}, "text": {"headline": "Same"},
         "group": "G" + "!" * (i % 50)}
        for i in range(count)]})
    ids = [e.id for e in result.timeline.events]
    assert len(set(ids)) == count and ids[:3] == ["2019-same", "2019-same-2", "2019-same-3"]
    assert ids[-1] == f"2019-same-{count}"
    names = [c.name for c in result.timeline.categories]
    assert names[:3] == ["g", "g-2", "g-3"] and len(set(names)) == 50
