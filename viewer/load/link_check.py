"""Links the loader lets pass but the viewer never opens (in descriptions, or mail links that
attach a file): warned about where they are written, so that --check, --check --watch and the
window's Problems all say so."""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter

from viewer.model.diagnostics import Diagnostic, Severity
from viewer.model.links import link_warning, markdown_links
from viewer.model.model import Event, Timeline

NEVER_OPENED = "it is shown as text and never made clickable"


def link_warnings(text: str, timeline: Timeline) -> list[Diagnostic]:
    """Warnings for the links the detail pane shows as text that the loader let pass: links
    in descriptions, and mail links that attach a file. Each is placed where its url is
    written in the file's ``text`` (else at its event)."""
    blocked = [(event, [url for url in _links(event) if link_warning(url)])
               for event in timeline.events]
    blocked = [(event, urls) for event, urls in blocked if urls]
    if not blocked:
        return []
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
