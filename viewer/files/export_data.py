"""The events shown, as data for other programs: CSV for spreadsheets, iCalendar for
calendars. No Qt here; both take the events to write, so they follow the current filters.

CSV has one row per event, dates in ISO form at their precision (``2018``, ``2018-12``,
``2018-12-01``, ``2026-01-14T21:30+08:00``; ``~`` marks an approximate date), lists joined
with ``; ``, every cell quoted. A text cell that a spreadsheet would run as a formula (it
starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) gets a leading ``'``
(OWASP's CSV injection rule); the columns only this module words (dates, precision, numbers)
are left as they are.

iCalendar (RFC 5545) writes day, month and year dates as all-day events covering the whole
day, month or year, and times as timed events in their own UTC offset (a VTIMEZONE per
offset); a time written with no zone stays a floating local time. Years outside 1–9999
cannot be written in iCalendar: those events are left out and counted.
"""

from __future__ import annotations

import csv
import io
import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import quote

from viewer.files.atomic import write_atomic
from viewer.model.dates import Date, Precision, civil_from_seconds
from viewer.model.model import Event, Timeline

CSV_COLUMNS = ("id", "title", "start", "end", "precision", "approximate", "category", "tags",
               "people", "places", "summary", "description", "sources", "related",
               "importance", "line")
# Python's str.splitlines() breaks at each of these: a reader that does must see no break
_LINE_BREAK = re.compile("[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f]")  # tab is TEXT
_URI_SAFE = ":/?#[]@!$&'()*+,;=%~"  # RFC 3986's reserved characters, and "%" of escapes
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # OWASP: what a spreadsheet may evaluate


def to_csv(timeline: Timeline, events: Iterable[Event]) -> str:
    """One header row, then one row per event (lines end in CRLF, as RFC 4180 says)."""
    labels = {c.name: c.label or c.name for c in timeline.categories}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow(CSV_COLUMNS)
    for e in events:
        writer.writerow((
            _cell(e.id), _cell(e.title), e.start.iso(), e.end.iso() if e.end else "",
            e.start.precision.name.lower(), "yes" if e.approximate else "no",
            _cell(labels.get(e.category or "", e.category or "")), _cell("; ".join(e.tags)),
            _cell("; ".join(e.people)), _cell("; ".join(e.places)), _cell(e.summary),
            _cell(e.description), _cell("; ".join(s.url or s.title for s in e.sources)),
            _cell("; ".join(e.related)),
            "" if e.importance is None else str(e.importance), str(e.line or "")))
    return out.getvalue()


def _cell(text: str) -> str:
    """Text from the file as a cell no spreadsheet runs: ``=1+1`` is written ``'=1+1``."""
    return "'" + text if text.startswith(_FORMULA_START) else text


@dataclass(frozen=True, slots=True)
class Calendar:
    """An iCalendar file's text, and how many events could not be written in it."""

    text: str
    left_out: int


def to_ics(timeline: Timeline, events: Sequence[Event], now: float | None = None) -> Calendar:
    """The events as a VCALENDAR; ``now`` (Unix seconds) stamps them (default: now)."""
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(time.time() if now is None else now))
    writable = [e for e in events if _writable(e)]
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Timeline Viewer//EN",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    if timeline.title:
        lines.append("X-WR-CALNAME:" + _escape(timeline.title))
    offsets = sorted({d.offset for e in writable for d in (e.start, e.end)
                      if d is not None and _timed(d) and d.offset is not None})
    for offset in offsets:
        lines += _timezone(offset)
    labels = {c.name: c.label or c.name for c in timeline.categories}
    for e in writable:
        lines += ["BEGIN:VEVENT", f"UID:{_escape(e.id)}@timeline-viewer", f"DTSTAMP:{stamp}",
                  *_when(e), "SUMMARY:" + _escape(e.title)]
        text = "\n\n".join(part.strip() for part in (e.summary, e.description, _sources(e))
                           if part.strip())
        if text:
            lines.append("DESCRIPTION:" + _escape(text))
        if e.category:
            lines.append("CATEGORIES:" + _escape(labels.get(e.category, e.category)))
        url = next((s.url for s in e.sources if s.safe_url and s.url), "")
        if url:
            lines.append("URL:" + _uri(url))
        if e.places:
            lines.append("LOCATION:" + _escape(", ".join(e.places)))
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return Calendar("".join(_fold(line) + "\r\n" for line in lines),
                    len(events) - len(writable))


DATA_FORMATS = ("csv", "ics")


def in_range(events: Iterable[Event], start: float | None, end: float | None) -> list[Event]:
    """The events that overlap [start, end) (either bound may be open)."""
    return [e for e in events if (start is None or e.t1 > start) and (end is None or e.t0 < end)]


def export_events(timeline: Timeline, events: Sequence[Event], out: str, *,
                  keep: Iterable[str]) -> str:
    """Write ``events`` to ``out`` (.csv or .ics) atomically, never over a file in ``keep``
    (the file they were read from); return a one-line report. Raises ValueError for another
    suffix and OSError (naming ``out``) when it cannot be written."""
    fmt = out.rsplit(".", 1)[-1].lower() if "." in out else ""
    if fmt not in DATA_FORMATS:
        raise ValueError(f"cannot export events to '{out}': use a .csv or .ics name")
    if fmt == "csv":
        text, left_out = to_csv(timeline, events), 0
    else:
        calendar = to_ics(timeline, events)
        text, left_out = calendar.text, calendar.left_out
    write_atomic(out, text.encode("utf-8"), keep=keep)
    n = len(events) - left_out
    report = f"{n:,} event{'' if n == 1 else 's'} exported"
    if left_out:
        report += (f"; {left_out:,} left out: iCalendar cannot hold years before 1 or "
                   "after 9999")
    return report


def _timed(d: Date) -> bool:
    return d.precision >= Precision.MINUTE


def _writable(e: Event) -> bool:
    last = civil_from_seconds(e.t1)[0]
    return 1 <= e.start.year <= 9999 and 1 <= last <= 9999


def _when(e: Event) -> list[str]:
    if not _timed(e.start):
        # all-day: DTEND is exclusive, the day after the last day the date covers
        return [f"DTSTART;VALUE=DATE:{_day(e.t0)}", f"DTEND;VALUE=DATE:{_day(e.t1)}"]
    end = e.end if e.end is not None and _timed(e.end) else None
    lines = [_instant("DTSTART", e.start)]
    if end is not None:
        lines.append(_instant("DTEND", end))
    elif e.end is not None:  # a time to a whole day: up to the end of that day, in UTC
        lines.append("DTEND:" + _utc(e.t1))
    return lines


def _instant(name: str, d: Date) -> str:
    local = f"{d.year:04d}{d.month:02d}{d.day:02d}T{d.hour:02d}{d.minute:02d}{int(d.second):02d}"
    if d.offset is None:
        return f"{name}:{local}"  # floating: the same wall-clock time wherever one is
    if d.offset == 0:
        return f"{name}:{local}Z"
    return f"{name};TZID={_tzid(d.offset)}:{local}"


def _day(t: float) -> str:
    y, m, d = civil_from_seconds(t)[:3]
    return f"{y:04d}{m:02d}{d:02d}"


def _utc(t: float) -> str:
    y, mo, d, h, mi, s = civil_from_seconds(t)
    return f"{y:04d}{mo:02d}{d:02d}T{h:02d}{mi:02d}{int(s):02d}Z"


def _tzid(offset: int) -> str:
    # no ":" in it: a parameter value may not hold one unquoted, and some readers balk
    sign = "+" if offset >= 0 else "-"
    return f"UTC{sign}{abs(offset) // 60:02d}{abs(offset) % 60:02d}"


def _timezone(offset: int) -> list[str]:
    sign = "+" if offset >= 0 else "-"
    value = f"{sign}{abs(offset) // 60:02d}{abs(offset) % 60:02d}"
    return ["BEGIN:VTIMEZONE", f"TZID:{_tzid(offset)}", "BEGIN:STANDARD",
            "DTSTART:19700101T000000", f"TZOFFSETFROM:{value}", f"TZOFFSETTO:{value}",
            f"TZNAME:{_tzid(offset)}", "END:STANDARD", "END:VTIMEZONE"]


def _sources(e: Event) -> str:
    parts = []
    for s in e.sources:
        text = s.title if s.title and s.title != s.url else ""
        text = " ".join(p for p in (text, s.url, f"({s.publisher})" if s.publisher else "") if p)
        parts.append("Source: " + text)
    return "\n".join(parts)


def _escape(text: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): ``\\ ; ,`` escaped, every line break as ``\\n``, the
    other control characters (which TEXT may not hold) dropped."""
    text = (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\n"))
    return _LINE_BREAK.sub("\\\\n", _CONTROL.sub("", text))


def _uri(url: str) -> str:
    """A URI value (RFC 5545 3.3.13, which has no escapes): what a URI may not hold, control
    characters and line breaks first, is percent-encoded, so it stays on its property's line."""
    return quote(url, safe=_URI_SAFE)


def _fold(line: str) -> str:
    """Lines of at most 75 octets, continued with CRLF + space, never inside a character."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts, start, limit = [], 0, 75
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:  # a UTF-8 continuation byte
            end -= 1
        parts.append(data[start:end].decode("utf-8"))
        start, limit = end, 74  # the leading space counts
    return "\r\n ".join(parts)
