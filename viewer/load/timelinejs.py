"""TimelineJS timelines (Knight Lab's JSON, or its spreadsheet template as CSV) as a Timeline.

The mapping is described in FORMAT.md ("Opening TimelineJS timelines"): the title slide gives
the timeline's title and description, events become events, ``group`` becomes a category
(in order of first appearance, with the palette's colours), ``eras`` become periods, media
becomes a source. Dates keep the precision they were written at; TimelineJS's negative
years count BCE years (``-500`` is 500 BCE, astronomical year -499). As with events.yaml,
valid events load next to broken ones and every problem names its line and column.
"""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise
from pathlib import Path

from viewer.load import rules
from viewer.load.loader import LoadResult
from viewer.load.timelinejs_csv import read_csv
from viewer.load.timelinejs_html import embedded_url, html_line, html_text, is_markup
from viewer.load.timelinejs_json import read_json
from viewer.load.timelinejs_slides import DATE_PARTS, DateParts, Media, Slide, SlideSet, text_of
from viewer.load.yamltree import YamlFailure, decode
from viewer.model.dates import MAX_YEAR_DIGITS, Date, Precision, days_in_month, year_text
from viewer.model.diagnostics import Diagnostic, Severity
from viewer.model.links import SAFE_SCHEMES
from viewer.model.model import Category, Event, Period, Source, Timeline
from viewer.model.palette import TOL_BRIGHT

FORMAT_NAMES = {"json": "a TimelineJS timeline (JSON)", "csv": "a TimelineJS spreadsheet (CSV)",
                "yaml": "an events file"}
_WHOLE = re.compile(r"^[+-]?\d+(?:\.0*)?$")
_SLUG = re.compile(r"[\W_]+")
_LIMITS = {"month": (1, 12, "months run from 1 to 12"), "hour": (0, 23, "hours run from 0 to 23"),
           "minute": (0, 59, "minutes run from 0 to 59"),
           "second": (0, 59, "seconds run from 0 to 59"),
           "millisecond": (0, 999, "milliseconds run from 0 to 999")}
TITLE_LENGTH = 60

TIMELINEJS_SUFFIXES = (".json", ".csv")  # what this module reads; all else is YAML


def format_of(name: str | Path) -> str:
    """``json``, ``csv`` or ``yaml`` (the default, also for no name), as the loader reads it."""
    suffix = Path(name).suffix.lower() if str(name) else ""
    return suffix[1:] if suffix in TIMELINEJS_SUFFIXES else "yaml"


def load_timelinejs(data: bytes, kind: str) -> LoadResult:
    """Load TimelineJS ``data``; ``kind`` is ``json`` or ``csv``."""
    try:
        text = decode(data)
    except YamlFailure as failure:
        return LoadResult(None, [failure.diagnostic])
    slides, diagnostics = read_csv(text) if kind == "csv" else read_json(text)
    timeline = None if slides is None else _Builder(diagnostics).build(slides)
    diagnostics.sort(key=lambda d: (d.line, d.column))
    return LoadResult(timeline, diagnostics)


class _Builder:
    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        self.errors = 0
        self.groups: dict[str, str] = {}  # label → category name, in order of appearance
        self.group_names: set[str] = set()
        self.group_suffixes: dict[str, int] = {}  # per name's base, the number given last
        self.ids: dict[str, int] = {}

    def error(self, where: object, message: str, hint: str = "") -> None:
        """An error at ``where``: a slide, date or media (at its ``where``), or a value."""
        self.errors += 1
        self._add(Severity.ERROR, where, message, hint)

    def warn(self, where: object, message: str, hint: str = "") -> None:
        self._add(Severity.WARNING, where, message, hint)

    def _add(self, severity: Severity, where: object, message: str, hint: str) -> None:
        at = getattr(where, "where", where)
        self.diagnostics.append(Diagnostic(severity, getattr(at, "line", 1),
                                           getattr(at, "column", 1), message, hint))

    def build(self, slides: SlideSet) -> Timeline:
        title = description = ""
        if slides.title is not None:
            title = html_line(text_of(slides.title.headline))
            description = html_text(text_of(slides.title.text))
        periods = [p for p in map(self.period, slides.eras) if p is not None]
        events = [e for e in map(self.event, slides.events) if e is not None]
        order = {id(e): i for i, e in enumerate(events)}
        events.sort(key=lambda e: (e.t0, e.t1, order[id(e)]))
        taken = {e.id for e in events if e.id}
        suffixes: dict[str, int] = {}
        events = [e if e.id else replace(e, id=rules.derive_id(e.start, e.title, taken, suffixes))
                  for e in events]
        categories = tuple(Category(name, label, TOL_BRIGHT[i % len(TOL_BRIGHT)])
                           for i, (label, name) in enumerate(self.groups.items()))
        return Timeline(title, description, categories, tuple(periods), tuple(events))

    # -- slides -----------------------------------------------------------------------------

    def event(self, slide: Slide) -> Event | None:
        errors_before = self.errors
        start = end = None
        if slide.start is None:
            self.error(slide, "an event has no start_date",
                       'add "start_date": {"year": 2018}; BCE years are negative')
        else:
            start = self.date(slide.start)
        if slide.end is not None and not slide.end.empty:
            end = self.date(slide.end)
        if start and end and end.end <= start.start:
            self.error(slide.end, f"the event ends ({end.display()}) before it starts "
                                  f"({start.display()})")
        sources = self.sources(slide.media)
        if slide.broken or self.errors > errors_before or start is None:
            return None
        event_id = text_of(slide.unique_id).strip()
        if event_id in self.ids:
            self.error(slide.unique_id, f"duplicate unique_id '{event_id}' (first used at line "
                                        f"{self.ids[event_id]})",
                       "ids must be unique; this event is left out until it is fixed")
            return None
        if event_id:
            self.ids[event_id] = slide.where.line
        description = html_text(text_of(slide.text))
        display = html_line(text_of(slide.display_date) or
                            text_of(slide.start.display if slide.start else None))
        title = (html_line(text_of(slide.headline)) or
                 _title_from(html_line(text_of(slide.text)), display, start))
        extra = [("display_date", display)] if display else []
        end_display = html_line(text_of(slide.end.display if slide.end else None))
        if end_display:
            extra.append(("end_display_date", end_display))
        return Event(id=event_id, title=title, start=start, end=end,
                     category=self.category(html_line(text_of(slide.group))),
                     description=description, sources=sources, extra=tuple(extra),
                     line=slide.where.line)

    def period(self, slide: Slide) -> Period | None:
        errors_before = self.errors
        dates: list[Date | None] = []
        for key, parts in (("start_date", slide.start), ("end_date", slide.end)):
            if parts is None or parts.empty:
                where = slide if parts is None else parts
                self.error(where, f"an era has no {key}",
                           "an era needs both a start and an end date")
                dates.append(None)
            else:
                dates.append(self.date(parts))
        start, end = dates
        if start and end and end.end <= start.start:
            self.error(slide.end, f"the era ends ({end.display()}) before it starts "
                                  f"({start.display()})")
        if slide.broken or self.errors > errors_before or start is None or end is None:
            return None
        title = (html_line(text_of(slide.headline)) or
                 f"{start.display()} – {end.display()}")
        return Period(title, start, end, line=slide.where.line)

    def category(self, label: str) -> str | None:
        if not label:
            return None
        name = self.groups.get(label)
        if name is None:
            base = _SLUG.sub("-", label.lower()).strip("-")[:40].strip("-") or "group"
            n = self.group_suffixes.get(base, 1)
            name = base if n == 1 else f"{base}-{n}"
            while name in self.group_names:
                n += 1
                name = f"{base}-{n}"
            self.group_suffixes[base] = n
            self.group_names.add(name)
            self.groups[label] = name
        return name

    def sources(self, media: Media | None) -> tuple[Source, ...]:
        if media is None:
            return ()
        url = text_of(media.url).strip()
        if is_markup(url):  # an <iframe> or <blockquote> the spreadsheet docs allow
            url = embedded_url(url)
        credit = html_line(text_of(media.credit))
        title = html_line(text_of(media.caption)) or html_line(text_of(media.title)) or url
        if not title:
            title, credit = credit, ""
        if not title:
            return ()
        scheme = rules.link_scheme(url)
        problem = rules.control_in_link(url) if scheme else None
        if problem is not None:  # the rule of YAML files' links: an error, the event left out
            self.error(media.url, problem.message, problem.hint)
            return ()
        if url and scheme is None:
            self.warn(media.url, f"media '{url}' is not a link",
                      "it is kept as a citation without a link")
            return (Source(title, publisher=credit),)
        if scheme and scheme not in SAFE_SCHEMES:
            self.warn(media.url, f"link '{url}' is not http, https or mailto",
                      "it is shown as text and never made clickable")
            return (Source(title, url, credit, safe_url=False),)
        return (Source(title, url, credit, safe_url=bool(url)),)

    # -- dates ------------------------------------------------------------------------------

    def date(self, parts: DateParts) -> Date | None:
        errors_before = self.errors
        numbers: dict[str, int] = {}
        for name in DATE_PARTS:
            value = parts.parts.get(name)
            text = text_of(value).strip()
            if value is None or not text:
                continue
            if not _WHOLE.match(text):
                shown = text if len(text) <= 40 else text[:39] + "…"
                self.error(value, f"{parts.name(name)}: '{shown}' is not a whole number",
                           _number_hint(name, text))
                continue
            whole = text.split(".")[0]
            digits = whole.lstrip("+-").lstrip("0")
            if len(digits) > MAX_YEAR_DIGITS:  # before int(), which refuses over 4,300 digits
                self.error(value, f"{parts.name(name)}: {name} out of range ({len(digits):,} "
                                  f"digits; at most {MAX_YEAR_DIGITS})",
                           "BCE years are negative: -500 is 500 BCE" if name == "year" else
                           _LIMITS.get(name, (0, 0, "days run from 1 to 31"))[2])
                continue
            numbers[name] = -int(digits or 0) if whole.startswith("-") else int(digits or 0)
        if self.errors > errors_before:
            return None
        if "year" not in numbers:
            self.error(parts, parts.missing or f"{parts.label} has no year",
                       "TimelineJS dates need at least a year; BCE years are negative")
            return None
        for coarser, name in pairwise(DATE_PARTS):
            if name in numbers and coarser not in numbers:
                self.error(parts.parts[name], f"{parts.name(name)}: the {name} is given "
                                              f"without the {coarser}",
                           "give each of year, month, day, hour, minute, second before a "
                           "finer one")
                return None
        year = numbers["year"]
        if year == 0:
            self.error(parts.parts["year"], f"{parts.name('year')}: there is no year 0",
                       "BCE years are negative: -1 is 1 BCE, 1 is AD 1")
            return None
        astronomical = year + 1 if year < 0 else year  # TimelineJS's -500 is 500 BCE
        for name, (low, high, hint) in _LIMITS.items():
            if name in numbers and not low <= numbers[name] <= high:
                self.error(parts.parts[name], f"{parts.name(name)}: {name} {numbers[name]} "
                                              "does not exist", hint)
                return None
        month = numbers.get("month", 1)
        day = numbers.get("day", 1)
        if not 1 <= day <= days_in_month(astronomical, month):
            month_name = Date(astronomical, month, precision=Precision.MONTH).display()
            self.error(parts.parts["day"], f"{parts.name('day')}: day {day} does not exist in "
                                           f"{month_name}",
                       f"that month has {days_in_month(astronomical, month)} days")
            return None
        precision = (Precision.SECOND if "second" in numbers else
                     Precision.MINUTE if "hour" in numbers else
                     Precision.DAY if "day" in numbers else
                     Precision.MONTH if "month" in numbers else Precision.YEAR)
        second = numbers.get("second", 0) + numbers.get("millisecond", 0) / 1000
        try:
            return Date(astronomical, month, day, numbers.get("hour", 0),
                        numbers.get("minute", 0), second, precision=precision)
        except OverflowError:
            self.error(parts.parts["year"], f"{parts.name('year')}: year {year_text(year)} "
                                            "is too far away")
            return None


def _number_hint(name: str, text: str) -> str:
    if name == "year" and re.search(r"[A-Za-z]", text):
        return "BCE years are negative numbers: write -500 for 500 BCE, with no letters"
    if "," in text:
        return "write the number without commas"
    return f"the {name} is a number, such as {'2018' if name == 'year' else '12'}"


def _title_from(text: str, display: str, start: Date) -> str:
    """A title for an event without a headline: its text's first words, else its date."""
    words = text.removeprefix("- ").strip()
    if len(words) > TITLE_LENGTH:
        cut = words[:TITLE_LENGTH].rsplit(" ", 1)[0] or words[:TITLE_LENGTH]
        words = cut.rstrip(" ,.;:") + "…"
    return words or display or start.display()
