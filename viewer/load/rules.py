"""The loading rules, written once: how a written value becomes a field of the model, and
which values are wrong (FORMAT.md). Both parsers use them: the located path
(viewer/load/loader.py) and the fast path (viewer/load/fastload.py), and TimelineJS's links.

A rule takes plain text and a :data:`Report`, which it calls with a :class:`Problem` for
each thing wrong, then goes on with the value the format falls back to. The located path's
report turns a problem into a diagnostic at the line and column of ``Problem.key``'s value
(or key) in the mapping it was reading; the fast path's report raises, so that any problem
at all sends the file to the located path, which words it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from viewer.model.dates import Date, DateError, parse_date
from viewer.model.diagnostics import Severity, did_you_mean
from viewer.model.links import SAFE_SCHEMES
from viewer.model.model import Category, DefaultView, Source

TOP_KEYS = ("title", "description", "categories", "periods", "events", "view")
EVENT_KEYS = ("id", "title", "date", "start", "end", "category", "tags", "people", "places",
              "summary", "description", "sources", "related", "importance")
PERIOD_KEYS = ("title", "start", "end", "colour", "color", "category", "description")
CATEGORY_KEYS = ("label", "colour", "color", "description")
SOURCE_KEYS = ("title", "url", "publisher", "date")
VIEW_KEYS = ("from", "to", "lanes")
LANES = ("category", "tag", "person", "place", "single")

# An unknown key's value is kept as text (FORMAT.md): at most EXTRA_MAX characters and values
# each, nested at most EXTRA_DEPTH deep, and all of a file's together at most EXTRA_TOTAL plus
# EXTRA_PER_CHAR per character of the file (which a file without aliases never reaches), so
# that aliases cannot make a short file expand into gigabytes.
EXTRA_MAX = 100_000
EXTRA_DEPTH = 20
EXTRA_TOTAL = 1_000_000
EXTRA_PER_CHAR = 4

_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):\S")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")  # C0 (tab, CR and LF too), DEL, C1
_INT = re.compile(r"^[+-]?\d+$")
_SLUG = re.compile(r"[^a-z0-9]+")
_ESCAPES = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with a value: what and how to fix it, and where, as the ``key`` of
    the mapping being read whose value (or, with ``on_key``, whose key) it is about; ""
    for the mapping (or lone value) itself."""

    severity: Severity
    message: str
    hint: str = ""
    key: str = ""
    on_key: bool = False


Report = Callable[[Problem], None]


def _error(message: str, hint: str = "", key: str = "") -> Problem:
    return Problem(Severity.ERROR, message, hint, key)


def _warning(message: str, hint: str = "", key: str = "", on_key: bool = False) -> Problem:
    return Problem(Severity.WARNING, message, hint, key, on_key)


# -- keys -----------------------------------------------------------------------------------

def unknown_key(key: str, known: tuple[str, ...], where: str, report: Report) -> None:
    """A key of a mapping that the format does not know (not of an event: see extra_key)."""
    if key not in known:
        report(_warning(f"unknown key '{key}' {where}", did_you_mean(key, known), key, True))


def extra_key(key: str, report: Report) -> None:
    """An event's own key, kept as an extra property; warned about when it looks like a typo
    of a known key."""
    hint = did_you_mean(key, EVENT_KEYS)
    if hint:
        report(_warning(f"unknown key '{key}' in an event", hint, key, True))


# -- values ---------------------------------------------------------------------------------

def date(text: str, key: str, report: Report) -> Date | None:
    """The date written as ``text`` under ``key``; None (with an error) if it is not one."""
    try:
        return parse_date(text)
    except DateError as err:
        report(_error(f"invalid {key}: {err.message}", err.hint, key))
        return None


def event_end(start: Date, end: Date, report: Report) -> Date | None:
    """An event's end, None (with an error) when it ends before it starts."""
    if end.end <= start.start:
        report(_error(f"the event ends ({end.display()}) before it starts ({start.display()})",
                      key="end"))
        return None
    return end


def period_end(start: Date, end: Date, report: Report) -> bool:
    """Whether a period's end comes after its start (if not: an error)."""
    if end.end <= start.start:
        report(_error("the period ends before it starts", key="end"))
        return False
    return True


def category(name: str | None, known: set[str] | frozenset[str], report: Report) -> None:
    """An event's or period's category, which must be declared if any are."""
    if name and known and name not in known:
        report(_warning(f"unknown category '{name}'", did_you_mean(name, sorted(known)) or
                        "declare it under 'categories' at the top of the file", "category"))


def colour(text: str, key: str, report: Report) -> str | None:
    """``#47a`` → ``#4477aa`` (longer forms lower-cased); None (with a warning) if it is no
    colour, so that a palette colour is used."""
    if not _COLOUR.match(text):
        report(_warning(f"'{text}' is not a colour", "write it as '#rrggbb', e.g. '#4477aa'; "
                        "a palette colour is used instead", key))
        return None
    if len(text) == 4:
        text = "#" + "".join(c * 2 for c in text[1:])
    return text.lower()


def scalar_category(name: str, text: str) -> Category:
    """A category written as one value: ``trade: '#228833'`` (a colour) or ``trade: Trade``."""
    shade = colour(text, "", _ignore) if _COLOUR.match(text) else None
    return Category(name, name if shade or not text else text, shade)


def importance(text: str, report: Report) -> int | None:
    """A whole number from 1 to 5; None (with an error) otherwise."""
    written = text.strip()
    if not _INT.match(written):
        shown_text = text if len(text) <= 40 else text[:39] + "…"
        report(_error(f"importance '{shown_text}' should be a whole number",
                      "use 1 (minor) to 5 (major)", "importance"))
        return None
    digits = written.lstrip("+-").lstrip("0")
    if len(digits) <= 1:  # thousands of digits are out of range without int() (over 4,300)
        value = -int(digits or 0) if written.startswith("-") else int(digits or 0)
        if 1 <= value <= 5:
            return value
    sign = "-" if written.startswith("-") and digits else ""
    shown_number = (sign + (digits or "0") if len(digits) <= 20 else
                    f"{sign}{digits[:12]}… ({len(digits):,} digits)")
    report(_error(f"importance {shown_number} is out of range", "use 1 (minor) to 5 (major)",
                  "importance"))
    return None


def control_in_link(url: str, key: str = "") -> Problem | None:
    """The error of a link holding a control character, if it does: a line break or tab
    would smuggle text past the scheme check, or into an export."""
    if not _CONTROL.search(url):
        return None
    return _error(f"link '{shown(url)}' holds a control character",
                  "a link cannot hold line breaks, tabs or other control characters: "
                  "write them percent-encoded, such as %0A, or remove them", key)


def link_scheme(url: str) -> str | None:
    """The scheme of a link (lower case), None when ``url`` is no link at all."""
    scheme = _SCHEME.match(url)
    return None if scheme is None else scheme.group(1).lower()


def source(title: str, url: str, report: Report, *, declared: bool = False,
           key: str = "") -> Source:
    """A citation; ``url`` is a link when ``declared`` (a ``url:``) or when it has a scheme;
    a ``url`` that is the title itself is a plain-text citation without a warning."""
    link = url.strip()
    scheme = link_scheme(link) if url else None
    if scheme or declared:
        problem = control_in_link(link, key)
        if problem is not None:
            report(problem)
            return Source(title)
    if url and scheme is None:
        if url is not title:
            report(_warning(f"'{url}' is not a link", "write it as https://...", key))
        return Source(title)  # a plain-text citation
    if scheme and scheme not in SAFE_SCHEMES:
        report(_warning(f"link '{url}' is not http, https or mailto",
                        "it is shown as text and never made clickable", key))
        return Source(title, url, safe_url=False)
    return Source(title, link, safe_url=bool(url))


def source_entry(title: str, url: str, publisher: str, when: str,
                 report: Report) -> Source | None:
    """A source written as a mapping: a title (else its url) and a link; None (with a
    warning) when it has neither."""
    title = title or url
    if not title:
        report(_warning("a source needs a 'title' or a 'url'"))
        return None
    link = source(title, url, report, declared=True, key="url")
    return Source(title, link.url, publisher, when, link.safe_url)


def unique_id(event_id: str, first_lines: Mapping[str, int], report: Report) -> bool:
    """Whether an event's written id is not taken by an earlier one (if it is: an error)."""
    if event_id in first_lines:
        report(_error(f"duplicate id '{event_id}' (first used at line {first_lines[event_id]})",
                      "ids must be unique; this event is left out until it is fixed", "id"))
        return False
    return True


def related(target: str, written_ids: set[str], ids: list[str], report: Report) -> None:
    """A ``related`` id, which some event of the file must have."""
    if target not in written_ids:
        report(_warning(f"related id '{target}' does not exist", did_you_mean(target, ids)))


def view(texts: Mapping[str, str], report: Report) -> DefaultView | None:
    """The file's ``view:`` from its values' texts (``from``, ``to``, ``lanes``, each
    optional); None when any of them is wrong (each with an error)."""
    dates: dict[str, Date | None] = {}
    ok = True
    for key in ("from", "to"):
        text = texts.get(key)
        dates[key] = date(text, f"view '{key}'", _at(key, report)) if text else None
        ok = ok and (dates[key] is not None or not text)
    start, end = dates["from"], dates["to"]
    lanes = texts.get("lanes") or None
    if lanes is not None and lanes not in LANES:
        ok = False
        report(_error(f"lanes '{shown(lanes)}' is not one of {', '.join(LANES)}",
                      did_you_mean(lanes, LANES) or f"write one of {', '.join(LANES)}",
                      "lanes"))
    if start and end and end.end <= start.start:
        ok = False
        report(_error(f"the view ends ({end.display()}) before it starts ({start.display()})",
                      "'from' is the earlier date, 'to' the later", "to"))
    return DefaultView(start, end, lanes) if ok else None


# -- ids and text ---------------------------------------------------------------------------

def derive_id(start: Date, title: str, taken: set[str],
              suffixes: dict[str, int] | None = None) -> str:
    """The id of an event written without one, unique among ``taken`` (which it joins):
    ``base``, else ``base-2``, ``base-3``, ... ``suffixes`` remembers, per base, the number
    given last, so that many events with one date and title take linear time."""
    base = f"{start.iso().lstrip('~')}-{_SLUG.sub('-', title.lower()).strip('-')}"[:80]
    n = suffixes.get(base, 1) if suffixes is not None else 1  # the base itself is number 1
    candidate = base if n == 1 else f"{base}-{n}"
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    taken.add(candidate)
    if suffixes is not None:
        suffixes[base] = n
    return candidate


def shown(text: str) -> str:
    """Text on one line of a message: ``\\r\\n``, ``\\t`` and ``\\x07`` for control characters."""
    return _CONTROL.sub(lambda m: _ESCAPES.get(m.group(), f"\\x{ord(m.group()):02x}"), text)


def _ignore(problem: Problem) -> None:
    """A report for a rule whose problems the caller has ruled out."""


def _at(key: str, report: Report) -> Report:
    """``report`` with each problem placed at ``key``."""
    return lambda problem: report(Problem(problem.severity, problem.message, problem.hint, key,
                                          problem.on_key))
