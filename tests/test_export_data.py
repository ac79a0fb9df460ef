"""The events shown, exported for spreadsheets (CSV) and calendars (iCalendar), read back
the way those programs read them: CSV by the csv module, .ics by a strict RFC 5545 reader."""

import csv
import io
import json
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from viewer.files.export_data import CSV_COLUMNS, in_range, to_csv, to_ics
from viewer.load.reading import load_bytes, load_path

ROOT = Path(__file__).resolve().parent.parent

SAMPLE = """\
title: Sample, with; hard characters
categories:
  trade: {label: Trade & tariffs, colour: "#228833"}
events:
  - id: canola
    title: China's tariffs on canola, oil; meal
    date: 2025-03-08
    end: 2025-03-20
    category: trade
    tags: [canola, tariffs]
    people: [Mark Carney]
    places: [Beijing, Ottawa]
    summary: A line with a comma, a semicolon; and a backslash \\\\.
    sources: [https://example.org/canola]
  - id: visit
    title: The prime minister arrives in Beijing
    date: 2026-01-14T21:30+08:00
    category: trade
  - id: utc-call
    title: A call at noon UTC
    date: 2026-02-01T12:00Z
  - id: floating
    title: A time written with no zone
    date: 2026-02-02T09:15
  - id: month
    title: A whole month
    date: ~2019-03
  - id: year
    title: A whole year
    date: 2020
  - id: ancient
    title: The Peloponnesian War begins
    date: 431 BC
  - id: unicode
    title: "Ménage à trois — a long title with accents éàü, folded at seventy-five octets"
    date: 2021-09-24
"""


@pytest.fixture
def timeline():
    result = load_bytes(SAMPLE.encode())
    assert result.diagnostics == []
    return result.timeline


# -- a strict iCalendar reader (RFC 5545, the parts we write) ------------------------------

CONTENT_LINE = re.compile(r"^([A-Z0-9-]+)((?:;[A-Z0-9-]+=[^;:]*)*):(.*)$")
DATE = re.compile(r"^\d{8}$")
DATE_TIME = re.compile(r"^\d{8}T\d{6}Z?$")


def unescape(text: str) -> str:
    out, i = [], 0
    while i < len(text):
        if text[i] == "\\":
            nxt = text[i + 1]
            out.append("\n" if nxt in "nN" else nxt)
            assert nxt in "\\;,nN", f"bad escape \\{nxt}"
            i += 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def read_ics(data: bytes) -> list[dict]:
    """The components as dicts of name → (params, value); raises on anything malformed."""
    text = data.decode("utf-8")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    physical = text.split("\r\n")[:-1]
    for line in physical:
        assert len(line.encode("utf-8")) <= 75, f"line not folded: {line!r}"
    logical: list[str] = []
    for line in physical:
        if line.startswith(" "):
            logical[-1] += line[1:]
        else:
            logical.append(line)
    stack, components = [], []
    for line in logical:
        m = CONTENT_LINE.match(line)
        assert m, f"not a content line: {line!r}"
        name, params, value = m.group(1), m.group(2), m.group(3)
        if name == "BEGIN":
            stack.append({"_type": value})
        elif name == "END":
            component = stack.pop()
            assert component["_type"] == value, f"END:{value} closes {component['_type']}"
            components.append(component)
        else:
            assert stack, f"{name} outside any component"
            stack[-1][name] = (dict(p.split("=", 1) for p in params.split(";")[1:]), value)
    assert not stack, "unclosed components"
    assert components[-1]["_type"] == "VCALENDAR"
    calendar = components[-1]
    assert calendar["VERSION"][1] == "2.0" and "PRODID" in calendar
    zones = {c["TZID"][1] for c in components if c["_type"] == "VTIMEZONE"}
    events = [c for c in components if c["_type"] == "VEVENT"]
    uids = [e["UID"][1] for e in events]
    assert len(set(uids)) == len(uids), "UIDs must be unique"
    for e in events:
        for key in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
            assert key in e, f"VEVENT without {key}"
        for key in ("DTSTART", "DTEND"):
            if key not in e:
                continue
            params, value = e[key]
            if params.get("VALUE") == "DATE":
                assert DATE.match(value), value
            else:
                assert DATE_TIME.match(value), value
                if "TZID" in params:
                    assert params["TZID"] in zones and not value.endswith("Z")
        if "DTEND" in e:
            assert e["DTEND"][1] > e["DTSTART"][1], "DTEND must come after DTSTART"
    return events


def by_uid(events: list[dict]) -> dict[str, dict]:
    return {e["UID"][1].split("@")[0]: e for e in events}


def test_ics_is_strictly_valid_and_says_what_it_left_out(timeline):
    calendar = to_ics(timeline, timeline.events, now=0)
    events = by_uid(read_ics(calendar.text.encode()))
    assert calendar.left_out == 1 and "ancient" not in events  # 431 BC has no iCalendar form
    assert len(events) == len(timeline.events) - 1


def test_day_month_and_year_dates_are_all_day_events_covering_them(timeline):
    events = by_uid(read_ics(to_ics(timeline, timeline.events, now=0).text.encode()))
    assert events["canola"]["DTSTART"] == ({"VALUE": "DATE"}, "20250308")
    assert events["canola"]["DTEND"] == ({"VALUE": "DATE"}, "20250321")  # exclusive end
    assert events["month"]["DTSTART"][1] == "20190301"
    assert events["month"]["DTEND"][1] == "20190401"
    assert events["year"]["DTSTART"][1] == "20200101"
    assert events["year"]["DTEND"][1] == "20210101"


def test_times_keep_their_zone(timeline):
    events = by_uid(read_ics(to_ics(timeline, timeline.events, now=0).text.encode()))
    assert events["visit"]["DTSTART"] == ({"TZID": "UTC+0800"}, "20260114T213000")
    assert events["utc-call"]["DTSTART"] == ({}, "20260201T120000Z")
    assert events["floating"]["DTSTART"] == ({}, "20260202T091500")


def test_text_survives_escaping_and_folding(timeline):
    events = by_uid(read_ics(to_ics(timeline, timeline.events, now=0).text.encode()))
    assert unescape(events["canola"]["SUMMARY"][1]) == "China's tariffs on canola, oil; meal"
    assert unescape(events["unicode"]["SUMMARY"][1]) == timeline.event("unicode").title
    description = unescape(events["canola"]["DESCRIPTION"][1])
    assert description.startswith(timeline.event("canola").summary)
    assert "\\" in timeline.event("canola").summary
    assert "https://example.org/canola" in description
    assert unescape(events["canola"]["CATEGORIES"][1]) == "Trade & tariffs"
    assert unescape(events["canola"]["LOCATION"][1]) == "Beijing, Ottawa"
    assert events["canola"]["URL"][1] == "https://example.org/canola"


def test_csv_reads_back_one_row_per_event_with_iso_dates(timeline):
    rows = list(csv.DictReader(io.StringIO(to_csv(timeline, timeline.events), newline="")))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [r["id"] for r in rows] == [e.id for e in timeline.events]
    row = {r["id"]: r for r in rows}
    assert row["canola"]["title"] == "China's tariffs on canola, oil; meal"
    assert (row["canola"]["start"], row["canola"]["end"]) == ("2025-03-08", "2025-03-20")
    assert row["canola"]["tags"] == "canola; tariffs"
    assert row["canola"]["category"] == "Trade & tariffs"
    assert (row["month"]["start"], row["month"]["precision"]) == ("~2019-03", "month")
    assert row["month"]["approximate"] == "yes"
    assert row["visit"]["start"] == "2026-01-14T21:30+08:00"
    assert row["ancient"]["start"] == "-0430"  # astronomical year: 431 BC


def test_the_bundled_file_exports_every_event():
    timeline = load_path(ROOT / "events.yaml").timeline
    events = read_ics(to_ics(timeline, timeline.events).text.encode())
    assert len(events) == len(timeline.events)


def test_in_range_keeps_what_overlaps(timeline):
    start = load_bytes(b"events:\n  - {title: x, date: 2025-03-15}\n").timeline.events[0].t0
    kept = {e.id for e in in_range(timeline.events, start, None)}
    assert "canola" in kept and "year" not in kept and "visit" in kept


@pytest.mark.parametrize("suffix", ["csv", "ics"])
def test_export_from_the_command_line(tmp_path, suffix):
    out = tmp_path / f"events.{suffix}"
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), str(ROOT / "events.yaml"),
                           "--export", str(out), "--from", "2021", "--to", "2021"],
                          capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    expected = [e for e in load_path(ROOT / "events.yaml").timeline.events
                if e.t0 < load_bytes(b"events:\n  - {title: x, date: 2022}\n")
                .timeline.events[0].t0 and e.t1 > load_bytes(
                    b"events:\n  - {title: x, date: 2021}\n").timeline.events[0].t0]
    assert f"{len(expected)} events exported" in proc.stderr
    if suffix == "csv":
        with out.open(newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        assert [r["id"] for r in rows] == [e.id for e in expected]
    else:
        assert len(read_ics(out.read_bytes())) == len(expected)


# -- nothing in a cell or a line is read as more than text -----------------------------------

FORMULAS = ['=HYPERLINK("http://x","y")', "+1", "-1+2", "@SUM(1)", "\tx", "\rx"]


def hostile_timeline():
    events = "".join(
        f'  - {{id: "{title}", title: "{title}", date: 2018, tags: ["{title}"], '
        f'summary: "{title}", sources: ["{title}"]}}\n'
        for title in (t.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
                      .replace("\r", "\\r") for t in FORMULAS))
    result = load_bytes(f"events:\n{events}  - {{title: Old, date: 427 BC}}\n".encode())
    assert result.errors == []
    return result.timeline


def test_csv_cells_starting_like_a_formula_are_neutralised():
    timeline = hostile_timeline()
    rows = list(csv.DictReader(io.StringIO(to_csv(timeline, timeline.events), newline="")))
    by_title = {r["title"]: r for r in rows}
    for text in FORMULAS:
        row = by_title["'" + text]  # read back as text: the quote keeps a spreadsheet off it
        assert row["id"] == row["tags"] == row["summary"] == row["sources"] == "'" + text
    old = by_title["Old"]
    assert (old["start"], old["precision"]) == ("-0426", "year")  # our own date: left alone


def test_csv_cells_with_a_carriage_return_are_quoted():
    timeline = hostile_timeline()
    text = to_csv(timeline, timeline.events)
    assert "\"'\rx\"" in text  # a quoted cell, so a reader never takes the CR as a row's end


def test_every_csv_cell_is_quoted_so_a_semicolon_reader_splits_no_formula_out():
    timeline = load_bytes(b'events:\n  - {title: "a;=1+2", date: 2018, importance: 3}\n').timeline
    text = to_csv(timeline, timeline.events)
    assert '"a;=1+2"' in text  # a spreadsheet splitting on ';' still sees one cell here
    assert all(re.fullmatch(r'"[^"]*"(,"[^"]*")*', row) for row in text.split("\r\n")[:-1])
    row = next(csv.DictReader(io.StringIO(text, newline="")))
    assert (row["title"], row["importance"]) == ("a;=1+2", "3")


EVIL = "\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:evil"


def unfolded_lines(data: bytes) -> list[str]:
    """Every physical line at most 75 octets and ended by CRLF; the logical lines back."""
    assert data.endswith(b"\r\n")
    physical = data.split(b"\r\n")[:-1]
    assert all(len(line) <= 75 and b"\r" not in line and b"\n" not in line
               for line in physical), [line for line in physical if len(line) > 75]
    logical: list[str] = []
    for line in physical:
        text = line.decode("utf-8")  # raises if a fold split a character
        if text.startswith(" "):
            logical[-1] += text[1:]
        else:
            logical.append(text)
    return logical


def test_a_line_break_in_a_link_adds_no_event_to_the_calendar():
    # Loading refuses a link with a line break (a located error); a timeline built some
    # other way may still hold one, and the calendar must not take it for lines.
    url = "https://example.org/a,b;c\\d" + EVIL + "\u0085NEL\u2028LS\x07"
    data = json.dumps({"events": [
        {"start_date": {"year": 2018}, "text": {"headline": "One"},
         "media": {"url": "https://example.org/", "caption": "Cap"}},
        {"start_date": {"year": 2019}, "text": {"headline": "Two " + "é€😀" * 30},
         "media": {"url": "https://example.org/" + "é" * 80}}]})
    loaded = load_bytes(data.encode(), name="t.json").timeline
    assert loaded is not None and len(loaded.events) == 2
    first = loaded.events[0]
    hostile = replace(first.sources[0], url=url, title="Cap" + EVIL)
    timeline = replace(loaded, events=(replace(first, sources=(hostile,)), *loaded.events[1:]))
    bad = json.dumps({"events": [{"start_date": {"year": 2018}, "text": {"headline": "One"},
                                  "media": {"url": url}}]})
    refused = load_bytes(bad.encode(), name="t.json")  # refused when loaded, located
    assert refused.timeline is not None and not refused.timeline.events
    assert any("control characters" in d.hint for d in refused.diagnostics)
    text = to_ics(timeline, timeline.events, now=0).text
    lines = unfolded_lines(text.encode("utf-8"))
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == 2
    assert not any(line.startswith("SUMMARY:evil") for line in lines)
    assert all(re.match(r"[A-Z-]+[;:]", line) or line.startswith("X-") for line in lines)
    assert all(not any(c in line for c in "\x07\x85\u2028\u2029") for line in lines)
    events = read_ics(text.encode("utf-8"))  # the strict reader: every line a property
    summaries = sorted(unescape(e["SUMMARY"][1]) for e in events)
    assert summaries == ["One", "Two " + "é€😀" * 30]  # folded, never inside a character
    urls = [e["URL"][1] for e in events]
    assert urls[0].startswith("https://example.org/a,b;c%5Cd%0D%0AEND:VEVENT")
    assert urls[1] == "https://example.org/" + "%C3%A9" * 80


def test_a_line_break_in_any_text_adds_no_property_to_the_calendar():
    hostile = '"x' + EVIL.replace("\r", "\\r").replace("\n", "\\n") + '\\x07\\N\\L"'
    yaml_text = (f"title: {hostile}\ncategories: {{c: {{label: {hostile}}}}}\nevents:\n"
                 f"  - {{id: {hostile}, title: {hostile}, date: 2018, category: c,\n"
                 f"     places: [{hostile}], summary: {hostile}, sources: [{hostile}]}}\n")
    timeline = load_bytes(yaml_text.encode()).timeline
    assert timeline is not None and len(timeline.events) == 1
    text = to_ics(timeline, timeline.events, now=0).text
    lines = unfolded_lines(text.encode("utf-8"))
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == 1
    assert not any(line.startswith("SUMMARY:evil") for line in lines)
    (event,) = read_ics(text.encode("utf-8"))
    written = "x\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:evil\n\n"  # NEL and LS are breaks too
    for key in ("SUMMARY", "CATEGORIES", "LOCATION"):
        assert unescape(event[key][1]) == written, key
    assert unescape(event["DESCRIPTION"][1]).startswith(written)
