"""``main.py --convert IN OUT.yaml``: a TimelineJS timeline (or any file the viewer opens)
written as a clean, commented events.yaml in the format FORMAT.md describes.

Every value is quoted only when it has to be (FORMAT.md: every value is text), so titles with
``: ``, ``#``, quotes or a leading dash survive. The file is written to a temporary file beside
OUT and renamed over it, so OUT is never seen half-written; IN is never written. Before the
rename the written text is loaded again and compared with what was converted, so a file that
would not read back the same is never left behind.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TextIO

from viewer.files.atomic import same_file, write_atomic
from viewer.load.loader import derive_id
from viewer.load.reading import load_bytes, load_path
from viewer.load.report import summary
from viewer.load.timelinejs import FORMAT_NAMES, format_of
from viewer.model.dates import Date, year_text
from viewer.model.diagnostics import unreadable
from viewer.model.model import Category, Event, Period, Source, Timeline

EXIT_OK, EXIT_ERRORS, EXIT_UNUSABLE = 0, 1, 2
YAML_SUFFIXES = (".yaml", ".yml")
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_FLOW = frozenset(",[]{}")
_NULLS = frozenset({"~", "null"})


def convert(source: str, target: str, out: TextIO) -> int:
    """Convert ``source`` to ``target``; print diagnostics and a summary to ``out``."""
    if Path(target).suffix.lower() not in YAML_SUFFIXES:
        print(f"{target}: error: the converted file must end in .yaml or .yml", file=out)
        return EXIT_UNUSABLE
    if same_file(source, target):
        print(f"{target}: error: that is the input file; it is never overwritten", file=out)
        return EXIT_UNUSABLE
    try:
        result = load_path(source)
    except OSError as err:
        print(unreadable(source, err), file=out)
        return EXIT_UNUSABLE
    for diagnostic in result.diagnostics:
        print(diagnostic.format(source), file=out)
    if result.timeline is None or result.errors:
        print(f"{summary(source, result)}; nothing written: fix the errors and convert again",
              file=out)
        return EXIT_ERRORS
    kind = FORMAT_NAMES[format_of(source)]
    text = to_yaml(result.timeline, f"{Path(source).name}, {kind}")
    if not _reads_back(text, result.timeline):
        print(f"{target}: error: the converted text would not read back the same; nothing "
              "written (please report this as a bug)", file=out)
        return EXIT_ERRORS
    try:
        write_atomic(target, text.encode("utf-8"), keep=(source,))
    except OSError as err:
        print(f"{target}: error: cannot write the file: {err.strerror or err}", file=out)
        return EXIT_UNUSABLE
    counts = summary(source, result)[len(source) + 2:]
    print(f"{source}: converted to {target}: {counts}", file=out)
    return EXIT_OK


def _reads_back(text: str, timeline: Timeline) -> bool:
    again = load_bytes(text.encode("utf-8")).timeline
    return again is not None and _comparable(again) == _comparable(timeline)


def _comparable(timeline: Timeline) -> Timeline:
    """The timeline without the line numbers, which differ between two files."""
    return replace(timeline, periods=tuple(replace(p, line=0) for p in timeline.periods),
                   events=tuple(replace(e, line=0) for e in timeline.events))


# -- writing ----------------------------------------------------------------------------------

def to_yaml(timeline: Timeline, converted_from: str) -> str:
    """The events.yaml text of ``timeline``, with a header naming where it came from."""
    lines = [f"# Converted from {_one_line(converted_from)}, by python main.py --convert.",
             "# The format is described in FORMAT.md; check this file with "
             "python main.py --check FILE.", ""]
    if timeline.title:
        lines.append(f"title: {scalar(timeline.title)}")
    if timeline.description:
        lines.extend(_field("description", timeline.description, 0))
    if timeline.categories:
        lines += ["", "# name → label and colour, in the order of first appearance",
                  "categories:", *(_category(c) for c in timeline.categories)]
    if timeline.periods:
        lines += ["", "# eras, drawn as bands behind the events", "periods:"]
        for period in timeline.periods:
            lines.extend(_period(period))
    lines += ["", "events:" if timeline.events else "events: []"]
    for i, event in enumerate(timeline.events):
        lines.extend([*([""] if i else []), *_event(event)])
    return "\n".join(lines).rstrip("\n") + "\n"


def _category(category: Category) -> str:
    parts = [f"label: {scalar(category.label, flow=True)}"]
    if category.colour:
        parts.append(f"colour: {scalar(category.colour, flow=True)}")
    return f"  {scalar(category.name)}: {{{', '.join(parts)}}}"


def _period(period: Period) -> list[str]:
    lines = [f"  - title: {scalar(period.title)}", _date("start", period.start),
             _date("end", period.end)]
    if period.colour:
        lines.append(f"    colour: {scalar(period.colour)}")
    if period.category:
        lines.append(f"    category: {scalar(period.category)}")
    return lines


def _event(event: Event) -> list[str]:
    lines = [f"  - title: {scalar(event.title)}", _date("date", event.start)]
    if event.end is not None:
        lines.append(_date("end", event.end))
    if event.id != derive_id(event.start, event.title, set()):  # the loader would derive it
        lines.append(f"    id: {scalar(event.id)}")
    for key in ("category", "summary"):
        value = getattr(event, key)
        if value:
            lines.append(f"    {key}: {scalar(value)}")
    if event.description:
        lines.extend(_field("description", event.description, 4))
    for key in ("tags", "people", "places", "related"):
        values = getattr(event, key)
        if values:
            lines.append(f"    {key}: [{', '.join(scalar(v, flow=True) for v in values)}]")
    if event.sources:
        lines.append("    sources:")
        for source in event.sources:
            lines.extend(_source(source))
    if event.importance is not None:
        lines.append(f"    importance: {event.importance}")
    for key, value in event.extra:
        lines.extend(_field(key, value, 4))
    return lines


def _date(key: str, date: Date) -> str:
    """``    date: 2018-12-01``; a year before AD 1 says which BC year it is."""
    line = f"    {key}: {date.iso()}"
    return f"{line}  # {year_text(date.year)}" if date.year <= 0 else line


def _source(source: Source) -> list[str]:
    fields = [("url", source.url), ("publisher", source.publisher), ("date", source.date)]
    if source.title != source.url:
        fields.insert(0, ("title", source.title))
    lines = [f"{k}: {scalar(v)}" for k, v in fields if v]
    return [("      - " if i == 0 else "        ") + line for i, line in enumerate(lines)]


def _field(key: str, value: str, indent: int) -> list[str]:
    """``key: value``, or a literal block (``|``) for text of several lines."""
    pad = " " * indent
    block = _block(value)
    if block is None:
        return [f"{pad}{scalar(key)}: {scalar(value)}"]
    header, body = block
    return [f"{pad}{scalar(key)}: {header}",
            *(f"{pad}  {line}" if line else "" for line in body)]


def _block(value: str) -> tuple[str, list[str]] | None:
    """The header (``|`` or ``|-``) and lines of a literal block, or None if it cannot be one."""
    if "\n" not in value.rstrip("\n") or value.endswith("\n\n") or value.startswith(("\n", " ")):
        return None
    lines = value.rstrip("\n").split("\n")
    if any(line != line.rstrip() or not _printable(line) for line in lines):
        return None
    return ("|" if value.endswith("\n") else "|-"), lines


def scalar(text: str, *, flow: bool = False) -> str:
    """``text`` as a YAML value that reads back as exactly ``text``: plain when it can be,
    double-quoted (with escapes for anything unprintable) when it cannot."""
    return text if _plain(text, flow) else _quoted(text)


def _plain(text: str, flow: bool) -> bool:
    if not text or text != text.strip() or text.lower() in _NULLS or not _printable(text):
        return False
    if text[0] in _INDICATORS and not (text[0] == "-" and text[1:2].isdigit()):
        return False
    if ": " in text or " #" in text or text.endswith(":"):
        return False
    return not (flow and any(c in _FLOW for c in text))


def _printable(text: str) -> bool:
    return text.isprintable()  # no tabs, controls, line or paragraph separators, BOMs


def _quoted(text: str) -> str:
    out = ['"']
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif char.isprintable():
            out.append(char)
        else:
            code = ord(char)
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
    out.append('"')
    return "".join(out)


def _one_line(text: str) -> str:
    return "".join(c if c.isprintable() else "?" for c in text)
