"""TimelineJS's Google Spreadsheet template, exported as CSV, to slides.

The template's columns (https://timeline.knightlab.com/docs/using-spreadsheets.html) are
Year, Month, Day, Time, End Year, End Month, End Day, End Time, Display Date, Headline, Text,
Media, Media Credit, Media Caption, Media Thumbnail, Type, Group, Background. Headers match
case-insensitively, in any order; optional ones may be missing. A row whose Type is
``title`` is the title slide, ``era`` rows are eras. Every cell keeps the line and column where
it starts (lines count the header and the line breaks inside quoted cells), which a small
RFC 4180 reader finds: the stdlib :mod:`csv` keeps no positions.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from viewer.load.timelinejs_slides import DateParts, Media, Slide, SlideSet, Where, text_of
from viewer.load.yamltree import Scalar
from viewer.model.diagnostics import Diagnostic, Severity, did_you_mean

COLUMNS = ("year", "month", "day", "time", "end year", "end month", "end day", "end time",
           "display date", "headline", "text", "media", "media credit", "media caption",
           "media thumbnail", "type", "group", "background")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_TIME = re.compile(r"^(\d{1,2})(?::(\d{1,2})(?::(\d{1,2})(?:[.,](\d{1,3}))?)?)?"
                   r"\s*(?:([AaPp])\.?[Mm]\.?)?$")


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    line: int
    column: int


class _Positions:
    def __init__(self, text: str) -> None:
        self.starts = [0, *(m.end() for m in _LINE_BREAK.finditer(text))]

    def at(self, index: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, index)
        return line, index - self.starts[line - 1] + 1


def split_records(text: str, delimiter: str = ",") -> tuple[list[list[Cell]], list[Diagnostic]]:
    """CSV text to records of located cells (blank lines skipped), and any unclosed quote."""
    positions = _Positions(text)
    stop = re.compile(f"[{re.escape(delimiter)}\r\n]")
    records: list[list[Cell]] = []
    diagnostics: list[Diagnostic] = []
    index, size = 0, len(text)
    while index < size:
        cells: list[Cell] = []
        while True:
            line, column = positions.at(index)
            if text.startswith('"', index):
                value, index, closed = _quoted(text, index + 1, stop)
                if not closed:
                    diagnostics.append(Diagnostic(
                        Severity.ERROR, line, column, "this cell's quote is never closed",
                        'close it with a second "; a quote inside a cell is written ""'))
            else:
                match = stop.search(text, index)
                end = match.start() if match else size
                value, index = text[index:end], end
            cells.append(Cell(value, line, column))
            if text.startswith(delimiter, index):
                index += 1
                continue
            break
        newline = _LINE_BREAK.match(text, index)
        index = newline.end() if newline else index
        if len(cells) > 1 or cells[0].text.strip():
            records.append(cells)
    return records, diagnostics


def _quoted(text: str, index: int, stop: re.Pattern[str]) -> tuple[str, int, bool]:
    parts: list[str] = []
    while True:
        quote = text.find('"', index)
        if quote < 0:
            parts.append(text[index:])
            return "".join(parts), len(text), False
        parts.append(text[index:quote])
        if text.startswith('"', quote + 1):
            parts.append('"')
            index = quote + 2
            continue
        index = quote + 1
        match = stop.search(text, index)  # text after the closing quote is kept, as csv does
        end = match.start() if match else len(text)
        parts.append(text[index:end])
        return "".join(parts), end, True


def _delimiter(text: str) -> str:
    """Comma, unless the header line holds more semicolons or tabs (some locales' exports)."""
    first = text.split("\n", 1)[0]
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    return max(counts, key=lambda d: (counts[d], d == ","))


def read_csv(text: str) -> tuple[SlideSet | None, list[Diagnostic]]:
    """The slides of a TimelineJS spreadsheet (None when its header is not the template's)."""
    records, diagnostics = split_records(text, _delimiter(text))
    result = SlideSet()
    if not records:
        return result, diagnostics
    header = _header(records[0], diagnostics)
    if "year" not in header:
        first = records[0][0]
        known = sum(1 for name in COLUMNS if name in header)
        names = {cell.text.strip().lower() for cell in records[0]}
        diagnostics.append(Diagnostic(
            Severity.ERROR, first.line, first.column,
            "the first row has no 'Year' column" if known else
            "this is not a TimelineJS spreadsheet: the first row should name its columns",
            "this looks like Timeline Viewer's own CSV export, which is for other programs: "
            "open the events file it came from" if {"title", "start", "precision"} <= names
            else "export the TimelineJS template with its header row: Year, Month, Day, "
            "Time, End Year, ..., Headline, Text, Media, ..., Type, Group"))
        return None, diagnostics
    unclosed = any(d.is_error for d in diagnostics)  # only ever the last record's quote
    for number, record in enumerate(records[1:], 2):
        row = _Row(record, header)
        kind = row.text("type").strip().lower()
        if kind not in ("", "title", "era"):
            hint = did_you_mean(kind, ("title", "era"))
            if hint:
                cell = row.cell("type")
                diagnostics.append(Diagnostic(
                    Severity.WARNING, cell.line, cell.column,
                    f"Type '{row.text('type')}' is neither 'title' nor 'era'; "
                    "the row is read as an event", hint))
        before = len(diagnostics)
        slide = row.slide(diagnostics)
        slide.broken = (any(d.is_error for d in diagnostics[before:])
                        or (unclosed and number == len(records)))
        if kind == "title":
            if result.title is None:
                result.title = slide
            else:
                diagnostics.append(Diagnostic(
                    Severity.WARNING, record[0].line, record[0].column,
                    f"a second 'title' row (the first is at line {result.title.where.line}); "
                    "it is read as an event", "a timeline has one title slide"))
                result.events.append(slide)
        elif kind == "era":
            result.eras.append(slide)
        else:
            result.events.append(slide)
    return result, diagnostics


def _header(record: list[Cell], diagnostics: list[Diagnostic]) -> dict[str, int]:
    """Canonical column name → index; unknown names are warned about only when close."""
    header: dict[str, int] = {}
    for index, cell in enumerate(record):
        name = " ".join(cell.text.replace("_", " ").split()).lower()
        if name in COLUMNS:
            if name in header:
                diagnostics.append(Diagnostic(
                    Severity.WARNING, cell.line, cell.column,
                    f"a second '{cell.text.strip()}' column; the first one is used"))
            else:
                header[name] = index
        elif name:
            hint = did_you_mean(name, COLUMNS)
            if hint:
                diagnostics.append(Diagnostic(Severity.WARNING, cell.line, cell.column,
                                              f"unknown column '{cell.text.strip()}'", hint))
    return header


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA: how a spreadsheet names a column."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


class _Row:
    def __init__(self, record: list[Cell], header: dict[str, int]) -> None:
        self.record, self.header = record, header
        last = record[-1]
        self.end = Cell("", last.line, last.column + len(last.text))  # where missing cells go

    def cell(self, name: str) -> Cell:
        index = self.header.get(name)
        if index is None or index >= len(self.record):
            return self.end
        return self.record[index]

    def text(self, name: str) -> str:
        return self.cell(name).text

    def value(self, name: str) -> Scalar | None:
        """The cell as a located value; None when the column is missing or the cell blank."""
        cell = self.cell(name)
        return Scalar(cell.text, cell.line, cell.column) if cell.text.strip() else None

    def label(self, name: str) -> str:
        index = self.header.get(name)
        title = name.title()
        return title if index is None else f"{title} (column {column_letter(index)})"

    def slide(self, diagnostics: list[Diagnostic]) -> Slide:
        first = self.record[0]
        slide = Slide(Where(first.line, first.column))
        slide.start = self.date("", diagnostics)
        slide.end = self.date("end ", diagnostics)
        if slide.end is not None and slide.end.empty:
            slide.end = None
        slide.headline, slide.text = self.value("headline"), self.value("text")
        url, credit, caption = self.value("media"), self.value("media credit"), \
            self.value("media caption")
        if url or credit or caption:
            slide.media = Media(url or credit or caption or slide.where, url, caption, credit)
        slide.group, slide.display_date = self.value("group"), self.value("display date")
        return slide

    def date(self, prefix: str, diagnostics: list[Diagnostic]) -> DateParts:
        year = self.cell(prefix + "year")
        label = self.label(prefix + "year")
        date = DateParts(Where(year.line, year.column), label,
                         missing=f"the row has no {label}" if not prefix else
                         f"the row has an end date but no {label}")
        for part in ("year", "month", "day"):
            value = self.value(prefix + part)
            if value is not None:
                date.parts[part] = value
                date.names[part] = self.label(prefix + part)
        time = self.value(prefix + "time")
        if time is not None:
            label = self.label(prefix + "time")
            parts = _time_parts(text_of(time))
            if parts is None:
                diagnostics.append(Diagnostic(
                    Severity.ERROR, time.line, time.column,
                    f"{label}: '{text_of(time).strip()}' is not a time",
                    "write it as 14:30, 14:30:05 or 2:30 PM"))
            else:
                for part, text in parts.items():
                    date.parts[part] = Scalar(text, time.line, time.column)
                    date.names[part] = label
        return date


def _time_parts(text: str) -> dict[str, str] | None:
    match = _TIME.match(text.strip())
    if not match:
        return None
    hour, minute, second, millis, half = match.groups()
    if half:
        h = int(hour)
        if not 1 <= h <= 12:
            return None
        hour = str(h % 12 + (12 if half in "Pp" else 0))
    parts = {"hour": hour, "minute": minute or "0"}
    if second is not None:
        parts["second"] = second
    if millis is not None:
        parts["millisecond"] = millis.ljust(3, "0")
    return parts
