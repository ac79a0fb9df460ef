"""The located path: an events file's text to a :class:`Timeline` and the list of what is
wrong with it, and the rules both paths share (viewer/load/reading.py picks the path).

Valid events load even when others are broken; only a file that is not YAML at all (or
not a mapping at its top) yields no timeline. Every diagnostic names the line and column
of the offending value. The format is described in FORMAT.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from viewer.load.yamltree import Map, Node, Scalar, Seq, YamlFailure, parse
from viewer.model.dates import Date, DateError, parse_date
from viewer.model.diagnostics import Diagnostic, Severity, did_you_mean
from viewer.model.links import SAFE_SCHEMES
from viewer.model.model import Category, Event, Period, Source, Timeline

if TYPE_CHECKING:  # viewer.load.fastload builds on this module's rules, so imports it
    pass

TOP_KEYS = ("title", "description", "categories", "periods", "events")
EVENT_KEYS = ("id", "title", "date", "start", "end", "category", "tags", "people", "places",
              "summary", "description", "sources", "related", "importance")
PERIOD_KEYS = ("title", "start", "end", "colour", "color", "category", "description")
CATEGORY_KEYS = ("label", "colour", "color", "description")
SOURCE_KEYS = ("title", "url", "publisher", "date")

_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):\S")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")  # C0 (tab, CR and LF too), DEL, C1
_INT = re.compile(r"^[+-]?\d+$")
_SLUG = re.compile(r"[^a-z0-9]+")

# An unknown key's value is kept as text (FORMAT.md): at most EXTRA_MAX characters and values
# each, nested at most EXTRA_DEPTH deep, and all of a file's together at most EXTRA_TOTAL plus
# EXTRA_PER_CHAR per character of the file (which a file without aliases never reaches), so
# that aliases cannot make a short file expand into gigabytes.
EXTRA_MAX = 100_000
EXTRA_DEPTH = 20
EXTRA_TOTAL = 1_000_000
EXTRA_PER_CHAR = 4


@dataclass
class LoadResult:
    """What loading produced: the timeline (None if unreadable) and its diagnostics."""

    timeline: Timeline | None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if not d.is_error]


def load_located(text: str) -> LoadResult:
    """The located path: ``text`` of an events file read node by node, every problem
    reported at its line and column (FORMAT.md)."""
    try:
        root, diagnostics = parse(text)
    except YamlFailure as failure:
        return LoadResult(None, [failure.diagnostic])
    builder = _Builder(diagnostics, EXTRA_TOTAL + EXTRA_PER_CHAR * len(text))
    timeline = builder.build(root)
    diagnostics.sort(key=lambda d: (d.line, d.column))
    return LoadResult(timeline, diagnostics)


class _Builder:
    """Walks the YAML tree once, building values and collecting diagnostics."""

    def __init__(self, diagnostics: list[Diagnostic], extra_budget: int = EXTRA_TOTAL) -> None:
        self.diagnostics = diagnostics
        self.error_count = len(diagnostics)
        self.extra_budget = self.extra_total = extra_budget

    def error(self, node: Node, message: str, hint: str = "") -> None:
        self.error_count += 1
        self.diagnostics.append(Diagnostic(Severity.ERROR, node.line, node.column, message, hint))

    def warn(self, node: Node, message: str, hint: str = "") -> None:
        self.diagnostics.append(
            Diagnostic(Severity.WARNING, node.line, node.column, message, hint))

    # -- the file ---------------------------------------------------------------------------

    def build(self, root: Node | None) -> Timeline | None:
        if root is None:
            return Timeline()
        if isinstance(root, Seq):  # a bare list of events is a file too
            root = Map({"events": (Scalar("events", root.line, root.column), root)},
                       root.line, root.column)
        if not isinstance(root, Map):
            self.error(root, "the file should be a mapping with 'title', 'categories', "
                             "'periods' and 'events'", "start a line with 'events:'")
            return None
        self.unknown_keys(root, TOP_KEYS, "at the top of the file")
        categories = self.categories(root.get("categories"))
        names = {c.name for c in categories}
        periods = self.periods(root.get("periods"), names)
        events = self.events(root.get("events"), names)
        return Timeline(self.text(root, "title"), self.text(root, "description"),
                        tuple(categories), tuple(periods), tuple(events))

    def unknown_keys(self, node: Map, known: tuple[str, ...], where: str) -> None:
        for key, (key_node, _) in node.entries.items():
            if key not in known:
                self.warn(key_node, f"unknown key '{key}' {where}", did_you_mean(key, known))

    # -- typed values -----------------------------------------------------------------------

    def text(self, node: Map, key: str, required: bool = False) -> str:
        value = node.get(key)
        if value is None or (isinstance(value, Scalar) and value.value is None):
            if required and not (isinstance(value, Scalar) and value.refused):
                self.error(value or node, f"'{key}' is missing", f"add '{key}: ...'")
            return ""
        if not isinstance(value, Scalar):
            self.error(value, f"'{key}' should be text, not a {_kind(value)}",
                       "put it in quotes if it contains ': ' or starts with '[' or '{'")
            return ""
        return value.value or ""

    def text_list(self, node: Map, key: str) -> tuple[str, ...]:
        value = node.get(key)
        if value is None:
            return ()
        if isinstance(value, Scalar):
            return () if value.value is None else (value.value,)
        if isinstance(value, Map):
            self.error(value, f"'{key}' should be a list, not a mapping",
                       f"write '{key}: [a, b]' or one '- item' per line")
            return ()
        items: list[str] = []
        for item in value.items:
            if isinstance(item, Scalar):
                if item.value:
                    items.append(item.value)
            else:
                self.error(item, f"each item of '{key}' should be text, not a {_kind(item)}")
        return tuple(items)

    def date(self, node: Map, key: str) -> Date | None:
        value = node.get(key)
        if not isinstance(value, Scalar) or value.value is None:
            if value is not None and not isinstance(value, Scalar):
                self.error(value, f"'{key}' should be a date, not a {_kind(value)}")
            return None
        try:
            return parse_date(value.value)
        except DateError as err:
            self.error(value, f"invalid {key}: {err.message}", err.hint)
            return None

    def colour(self, node: Map) -> str | None:
        key = "colour" if "colour" in node.entries else "color"
        text = self.text(node, key)
        if not text:
            return None
        if not _COLOUR.match(text):
            self.warn(node.get(key) or node, f"'{text}' is not a colour",
                      "write it as '#rrggbb', e.g. '#4477aa'; a palette colour is used instead")
            return None
        return _normal_colour(text)

    # -- sections ---------------------------------------------------------------------------

    def categories(self, node: Node | None) -> list[Category]:
        if node is None or (isinstance(node, Scalar) and node.value is None):
            return []
        if isinstance(node, Seq):  # a plain list of names
            return [Category(n, n, None) for n in self.text_list(Map(
                {"categories": (Scalar("categories", node.line, node.column), node)},
                node.line, node.column), "categories")]
        if not isinstance(node, Map):
            self.error(node, "'categories' should be a mapping of name to colour and label",
                       "e.g. 'trade: {label: Trade, colour: \"#228833\"}'")
            return []
        result = []
        for name, (_, value) in node.entries.items():
            if isinstance(value, Scalar):  # "trade: '#228833'" or "trade: Trade"
                text = value.value or ""
                colour = _normal_colour(text) if _COLOUR.match(text) else None
                label = name if colour or not text else text
                result.append(Category(name, label, colour))
            elif isinstance(value, Map):
                self.unknown_keys(value, CATEGORY_KEYS, f"in category '{name}'")
                result.append(Category(name, self.text(value, "label") or name,
                                       self.colour(value)))
            else:
                self.error(value, f"category '{name}' should be a mapping with label and colour")
        return result

    def periods(self, node: Node | None, categories: set[str]) -> list[Period]:
        result = []
        for item in self.sequence(node, "periods"):
            if not isinstance(item, Map):
                self.error(item, f"a period should be a mapping, not a {_kind(item)}",
                           "give it 'title', 'start' and 'end'")
                continue
            self.unknown_keys(item, PERIOD_KEYS, "in a period")
            title = self.text(item, "title", required=True)
            start, end = self.period_date(item, "start", title), \
                self.period_date(item, "end", title)
            category = self.text(item, "category") or None
            self.check_category(item, category, categories)
            if not (title and start and end) or item.errors:
                continue
            if end.end <= start.start:
                self.error(item.get("end") or item, "the period ends before it starts")
                continue
            result.append(Period(title, start, end, self.colour(item), category, item.line))
        return result

    def period_date(self, item: Map, key: str, title: str) -> Date | None:
        """A period's start or end, which it must have: missing or empty is an error."""
        if key not in item.entries:
            self.error(item, f"period '{title}' has no '{key}'", f"add '{key}: 2018'")
            return None
        errors_before = self.error_count
        date = self.date(item, key)
        if date is None and self.error_count == errors_before:
            self.error(item.entries[key][0], f"the '{key}' of period '{title}' is empty",
                       f"write a date such as '{key}: 2018'")
        return date

    def sequence(self, node: Node | None, key: str) -> tuple[Node, ...]:
        if node is None or (isinstance(node, Scalar) and node.value is None):
            return ()
        if not isinstance(node, Seq):
            self.error(node, f"'{key}' should be a list, one '- ' item per entry")
            return ()
        return node.items

    def check_category(self, node: Map, category: str | None, known: set[str]) -> None:
        if category and known and category not in known:
            self.warn(node.get("category") or node, f"unknown category '{category}'",
                      did_you_mean(category, sorted(known)) or
                      "declare it under 'categories' at the top of the file")

    # -- events -----------------------------------------------------------------------------

    def events(self, node: Node | None, categories: set[str]) -> list[Event]:
        events: list[Event] = []
        ids: dict[str, int] = {}
        related_refs: list[tuple[Scalar, str]] = []
        for item in self.sequence(node, "events"):
            event = self.event(item, categories, related_refs)
            if event is None:
                continue
            if event.id and event.id in ids:
                assert isinstance(item, Map)
                self.error(item.get("id") or item,
                           f"duplicate id '{event.id}' (first used at line {ids[event.id]})",
                           "ids must be unique; this event is left out until it is fixed")
                continue
            ids[event.id] = event.line
            events.append(event)
        written_ids = {_scalar_text(item.get("id")) for item in self.sequence(node, "events")
                       if isinstance(item, Map)}  # broken events' ids count as existing
        for ref, target in related_refs:
            if target not in written_ids:
                self.warn(ref, f"related id '{target}' does not exist",
                          did_you_mean(target, list(ids)))
        order = {id(e): i for i, e in enumerate(events)}
        events.sort(key=lambda e: (e.t0, e.t1, order[id(e)]))
        return _with_unique_derived_ids(events)

    def event(self, item: Node, categories: set[str],
              related_refs: list[tuple[Scalar, str]]) -> Event | None:
        if not isinstance(item, Map):
            self.error(item, f"an event should be a mapping, not a {_kind(item)}",
                       "start it with '- title: ...' and give it a 'date'")
            return None
        errors_before = self.error_count
        entries = item.entries
        extra: list[tuple[str, str]] = []
        for key, (key_node, value) in entries.items():
            if key not in EVENT_KEYS:
                hint = did_you_mean(key, EVENT_KEYS)
                if hint:
                    self.warn(key_node, f"unknown key '{key}' in an event", hint)
                extra.append((key, self.extra_text(key_node, key, value)))
        title = self.text(item, "title", required=True)
        date_key = "date" if "date" in entries or "start" not in entries else "start"
        if "date" in entries and "start" in entries:
            self.error(entries["start"][0], "an event has both 'date' and 'start'",
                       "they mean the same: keep one")
        if date_key not in entries:
            self.error(item, f"event '{title or '(untitled)'}' has no 'date'",
                       "add 'date: 2018-12-01' (or 2018-12, or 2018)")
        errors_at_date = self.error_count
        start = self.date(item, date_key)
        if start is None and date_key in entries and self.error_count == errors_at_date:
            self.error(entries[date_key][0], f"the '{date_key}' of event "
                       f"'{title or '(untitled)'}' is empty", "write a date such as 2018-12-01")
        end = self.date(item, "end")
        if start and end and end.end <= start.start:
            self.error(item.get("end") or item,
                       f"the event ends ({end.display()}) before it starts ({start.display()})")
            end = None
        category = self.text(item, "category") or None
        self.check_category(item, category, categories)
        for target in self.text_list(item, "related"):
            related_refs.append((_item_node(item.get("related"), target), target))
        importance = self.importance(item)
        sources = self.sources(item.get("sources"))
        event_id = self.text(item, "id")
        if item.errors or self.error_count > errors_before:
            return None
        assert start is not None
        return Event(
            id=event_id, title=title, start=start, end=end, category=category,
            tags=self.text_list(item, "tags"), people=self.text_list(item, "people"),
            places=self.text_list(item, "places"), summary=self.text(item, "summary"),
            description=self.text(item, "description"), sources=sources,
            related=self.text_list(item, "related"), importance=importance,
            extra=tuple(extra), line=item.line)

    def extra_text(self, key_node: Scalar, key: str, value: Node) -> str:
        """An unknown key's value as text, cut short (with a warning) beyond the bounds."""
        text = _ExtraText(min(EXTRA_MAX, self.extra_budget))
        try:
            text.write(value, 0)
        except _Cut as cut:
            reason = str(cut) or "too large to keep whole ({})".format(
                f"more than {EXTRA_MAX:,} characters" if self.extra_budget >= EXTRA_MAX else
                f"the file's unknown keys hold more than {self.extra_total:,} characters in all")
            self.warn(key_node, f"the value of '{key}' is {reason}: only its start is kept")
        self.extra_budget -= text.used
        return "".join(text.parts)

    def importance(self, item: Map) -> int | None:
        text = self.text(item, "importance")
        if not text:
            return None
        if not _INT.match(text.strip()):
            shown = text if len(text) <= 40 else text[:39] + "…"
            self.error(item.get("importance") or item,
                       f"importance '{shown}' should be a whole number",
                       "use 1 (minor) to 5 (major)")
            return None
        value = importance_value(text)
        if value is None:
            written = text.strip()
            digits = written.lstrip("+-").lstrip("0")
            sign = "-" if written.startswith("-") and digits else ""
            shown = (sign + (digits or "0") if len(digits) <= 20 else
                     f"{sign}{digits[:12]}… ({len(digits):,} digits)")
            self.error(item.get("importance") or item,
                       f"importance {shown} is out of range", "use 1 (minor) to 5 (major)")
        return value

    def sources(self, node: Node | None) -> tuple[Source, ...]:
        items = node.items if isinstance(node, Seq) else () if node is None else (node,)
        result = []
        for item in items:
            if isinstance(item, Scalar):
                if item.value:
                    result.append(self.source(item, item.value, item.value))
            elif isinstance(item, Map):
                self.unknown_keys(item, SOURCE_KEYS, "in a source")
                url = self.text(item, "url")
                title = self.text(item, "title") or url
                if not title:
                    self.warn(item, "a source needs a 'title' or a 'url'")
                    continue
                src = self.source(item.get("url") or item, title, url, declared=True)
                result.append(Source(title, src.url, self.text(item, "publisher"),
                                     self.text(item, "date"), src.safe_url))
            else:
                self.error(item, "a source should be a link or a mapping with title and url")
        return tuple(result)

    def source(self, node: Node, title: str, url: str, declared: bool = False) -> Source:
        """A citation; ``url`` is a link when ``declared`` (a ``url:``) or when it has a scheme."""
        scheme = _SCHEME.match(url.strip()) if url else None
        if (scheme or declared) and _CONTROL.search(url.strip()):
            # a line break or tab would smuggle text past the scheme check, or into an export
            self.error(node, f"link '{shown(url.strip())}' holds a control character",
                       "a link cannot hold line breaks, tabs or other control characters: "
                       "write them percent-encoded, such as %0A, or remove them")
            return Source(title)
        if url and scheme is None:
            if url is not title:
                self.warn(node, f"'{url}' is not a link", "write it as https://...")
            return Source(title)  # a plain-text citation
        if scheme and scheme.group(1).lower() not in SAFE_SCHEMES:
            self.warn(node, f"link '{url}' is not http, https or mailto",
                      "it is shown as text and never made clickable")
            return Source(title, url, safe_url=False)
        return Source(title, url.strip(), safe_url=bool(url))


def importance_value(text: str) -> int | None:
    """A whole number's text (``_INT``) as an importance, None when it is not 1 to 5; a number
    of thousands of digits is out of range without int() (which refuses over 4,300)."""
    written = text.strip()
    digits = written.lstrip("+-").lstrip("0")
    if len(digits) > 1:
        return None
    value = -int(digits or 0) if written.startswith("-") else int(digits or 0)
    return value if 1 <= value <= 5 else None


def _with_unique_derived_ids(events: list[Event]) -> list[Event]:
    """Give id-less events a stable id from their date and title (``2018-12-01-meng-...``)."""
    taken = {e.id for e in events if e.id}
    suffixes: dict[str, int] = {}
    result = []
    for e in events:
        if not e.id:
            e = replace(e, id=derive_id(e.start, e.title, taken, suffixes))
        result.append(e)
    return result


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


_ESCAPES = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _item_node(node: Node | None, text: str) -> Scalar:
    if isinstance(node, Seq):
        for item in node.items:
            if isinstance(item, Scalar) and item.value == text:
                return item
    if isinstance(node, Scalar):
        return node
    return Scalar(text, 0, 0)


def _normal_colour(text: str) -> str:
    """``#47a`` → ``#4477aa``; longer forms lower-cased."""
    if len(text) == 4:
        text = "#" + "".join(c * 2 for c in text[1:])
    return text.lower()


def _scalar_text(node: Node | None) -> str | None:
    return node.value if isinstance(node, Scalar) else None


def _kind(node: Node) -> str:
    return "list" if isinstance(node, Seq) else "mapping" if isinstance(node, Map) else "text"


class _Cut(Exception):
    """An unknown key's value went beyond a bound; its text says which (none: the size)."""


class _ExtraText:
    """Writes a value as the extra property's text: lists joined by ", ", mappings by "; ".

    Each value written and each character costs one of ``room``; running out, or nesting
    deeper than EXTRA_DEPTH, raises :class:`_Cut` with ``parts`` holding the start.
    """

    def __init__(self, room: int) -> None:
        self.room, self.used = room, 0
        self.parts: list[str] = []

    def write(self, node: Node, depth: int) -> None:
        if depth > EXTRA_DEPTH:
            raise _Cut(f"nested more than {EXTRA_DEPTH} levels deep")
        self.put("", 1)
        if isinstance(node, Scalar):
            self.put(node.value or "")
        elif isinstance(node, Seq):
            for n, item in enumerate(node.items):
                if n:
                    self.put(", ")
                self.write(item, depth + 1)
        else:
            for n, (key, (_, value)) in enumerate(node.entries.items()):
                self.put(f"; {key}: " if n else f"{key}: ")
                self.write(value, depth + 1)

    def put(self, text: str, values: int = 0) -> None:
        cost = len(text) + values
        if cost > self.room:
            self.parts.append(text[:self.room])
            self.used += self.room
            self.room = 0
            raise _Cut
        self.room -= cost
        self.used += cost
        self.parts.append(text)
