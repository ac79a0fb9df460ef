"""``main.py --check FILE``: every diagnostic in one run, then a one-line summary."""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from typing import TextIO

from viewer.dates import civil_from_seconds, year_text
from viewer.diagnostics import Diagnostic, Severity, unreadable
from viewer.links import link_warning, markdown_links
from viewer.loader import LoadResult, load_bytes, read_file
from viewer.model import Event, Timeline
from viewer.yamltree import decode

NEVER_OPENED = "it is shown as text and never made clickable"

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2


def check(path: str, out: TextIO) -> int:
    """Print the report for ``path`` to ``out``; return the exit code (0, 1 or 2)."""
    try:
        data = read_file(path)  # a regular file of at most 1 GB: never a pipe or device
    except OSError as err:
        print(unreadable(path, err), file=out)
        return EXIT_UNREADABLE
    result = load_bytes(data, name=path)
    if result.timeline is not None:
        result.diagnostics.extend(link_warnings(data, result.timeline))
    for diagnostic in result.diagnostics:
        print(diagnostic.format(path), file=out)
    print(summary(path, result), file=out)
    return EXIT_ERRORS if result.errors else EXIT_OK


def summary(path: str, result: LoadResult) -> str:
    """``events.yaml: 14 events, 3 periods, 5 categories, 2017–2026`` (+ problem counts)."""
    parts = []
    errors, warnings = len(result.errors), len(result.warnings)
    if errors:
        parts.append(_count(errors, "error"))
    if warnings:
        parts.append(_count(warnings, "warning"))
    timeline = result.timeline
    if timeline is None:
        return f"{path}: {', '.join(parts)}; nothing loaded"
    counts = [_count(len(timeline.events), "event"), _count(len(timeline.periods), "period"),
              _count(len(timeline.categories), "category", "categories")]
    span = timeline.span
    if span is not None:
        first, last = year_text(civil_from_seconds(span[0])[0]), _last_year(span[1])
        counts.append(first if first == last else f"{first}–{last}")
    text = f"{path}: {', '.join(counts)}"
    return f"{text} ({', '.join(parts)})" if parts else text


def _last_year(end: float) -> str:
    # spans end exclusively: an event in 2026 ends at 2027-01-01T00:00
    return year_text(civil_from_seconds(end - 1)[0])


def _count(n: int, word: str, plural: str = "") -> str:
    return f"{n:,} {word if n == 1 else plural or word + 's'}"


def link_warnings(data: bytes, timeline: Timeline) -> list[Diagnostic]:
    """Warnings for the links the detail pane shows as text that the loader let pass: links
    in descriptions, and mail links that attach a file. Each is placed where its url is
    written in the file's text ``data`` (else at its event)."""
    blocked = [(event, [url for url in _links(event) if link_warning(url)])
               for event in timeline.events]
    blocked = [(event, urls) for event, urls in blocked if urls]
    if not blocked:
        return []
    text = decode(data) if data else ""
    line_starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    event_lines = sorted({e.line for e in timeline.events})
    warnings = []
    for event, urls in sorted(blocked, key=lambda pair: pair[0].line):
        first = line_starts[event.line - 1] if 0 < event.line <= len(line_starts) else 0
        after = bisect_left(event_lines, event.line + 1)
        end = line_starts[event_lines[after] - 1] if after < len(event_lines) else len(text)
        seen: Counter[str] = Counter()
        for url in urls:
            at = first - 1
            for _ in range(seen[url] + 1):  # the n-th mention of a url is its n-th in the text
                at = text.find(url, at + 1, end)
                if at < 0:
                    break
            seen[url] += 1
            where = at if at >= 0 else first
            line = bisect_left(line_starts, where + 1)
            column = where - line_starts[line - 1] + 1
            if at < 0:  # not written as is (escaped in quotes): at the event's first key
                column += len(text[where:end]) - len(text[where:end].lstrip(" -"))
            warnings.append(Diagnostic(Severity.WARNING, line, column, link_warning(url),
                                       NEVER_OPENED))
    return warnings


def _links(event: Event) -> list[str]:
    """The links of ``event`` the loader does not warn about: its description's, and its
    sources' that have a scheme it accepts."""
    text = event.description
    maybe = "](" in text or "]:" in text or "<" in text  # most have no link: skip the regexes
    urls = [url for _, url in markdown_links(text)] if maybe else []
    return urls + [source.url for source in event.sources if source.safe_url]
