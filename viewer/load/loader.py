"""The located path: an events file's text to a :class:`Timeline` and the list of what is
wrong with it (viewer/load/reading.py picks the path), by the rules both paths share
(viewer/load/rules.py), each problem placed at its node.

Valid events load even when others are broken; only a file that is not YAML at all (or
not a mapping at its top) yields no timeline. Every diagnostic names the line and column
of the offending value. The format is described in FORMAT.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from viewer.load import rules
from viewer.load.rules import (
    CATEGORY_KEYS,
    EVENT_KEYS,
    EXTRA_DEPTH,
    EXTRA_MAX,
    EXTRA_PER_CHAR,
    EXTRA_TOTAL,
    PERIOD_KEYS,
    SOURCE_KEYS,
    TOP_KEYS,
    VIEW_KEYS,
    Problem,
    Report,
)
from viewer.load.rules import derive_id as derive_id  # where the commands have found it
from viewer.load.yamltree import Map, Node, Scalar, Seq, YamlFailure, parse
from viewer.model.dates import Date
from viewer.model.diagnostics import Diagnostic, Severity
from viewer.model.links import SAFE_SCHEMES as SAFE_SCHEMES  # where tests have found it
from viewer.model.model import Category, DefaultView, Event, Period, Source, Timeline

__all__ = ["CATEGORY_KEYS", "EVENT_KEYS", "PERIOD_KEYS", "SOURCE_KEYS", "TOP_KEYS",
           "LoadResult", "derive_id", "load_located"]


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

    def at(self, node: Node) -> Report:
        """The report for the rules reading ``node``: a problem about one of its keys is
        placed at that key's value (or the key itself), any other at ``node``."""
        def report(problem: Problem) -> None:
            where = node
            if problem.key and isinstance(node, Map) and problem.key in node.entries:
                key_node, value = node.entries[problem.key]
                where = key_node if problem.on_key else value
            if problem.severity is Severity.ERROR:
                self.error(where, problem.message, problem.hint)
            else:
                self.warn(where, problem.message, problem.hint)
        return report

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
                        tuple(categories), tuple(periods), tuple(events),
                        self.view(root.get("view")))

    def view(self, node: Node | None) -> DefaultView | None:
        """The file's ``view:`` (FORMAT.md); None when absent or wrong."""
        if node is None or (isinstance(node, Scalar) and node.value is None):
            return None
        if not isinstance(node, Map):
            self.error(node, f"'view' should be a mapping, not a {_kind(node)}",
                       "e.g. 'view: {from: 2017, to: 2026-02, lanes: category}'")
            return None
        self.unknown_keys(node, VIEW_KEYS, "in 'view'")
        errors_before = self.error_count
        texts = {key: self.text(node, key) for key in VIEW_KEYS}
        if self.error_count > errors_before:
            return None
        return rules.view(texts, self.at(node))

    def unknown_keys(self, node: Map, known: tuple[str, ...], where: str) -> None:
        report = self.at(node)
        for key in node.entries:
            rules.unknown_key(key, known, where, report)

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
        return rules.date(value.value, key, self.at(node))

    def colour(self, node: Map) -> str | None:
        key = "colour" if "colour" in node.entries else "color"
        text = self.text(node, key)
        return rules.colour(text, key, self.at(node)) if text else None

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
                result.append(rules.scalar_category(name, value.value or ""))
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
            if not rules.period_end(start, end, self.at(item)):
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
        rules.category(category, known, self.at(node))

    # -- events -----------------------------------------------------------------------------

    def events(self, node: Node | None, categories: set[str]) -> list[Event]:
        events: list[Event] = []
        ids: dict[str, int] = {}
        related_refs: list[tuple[Scalar, str]] = []
        for item in self.sequence(node, "events"):
            event = self.event(item, categories, related_refs)
            if event is None:
                continue
            if event.id and not rules.unique_id(event.id, ids, self.at(item)):
                continue
            ids[event.id] = event.line
            events.append(event)
        written_ids = {_scalar_text(item.get("id")) or "" for item in self.sequence(node, "events")
                       if isinstance(item, Map)}  # broken events' ids count as existing
        known = list(ids)
        for ref, target in related_refs:
            rules.related(target, written_ids, known, self.at(ref))
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
        report = self.at(item)
        for key, (key_node, value) in entries.items():
            if key not in EVENT_KEYS:
                rules.extra_key(key, report)
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
        if start and end:
            end = rules.event_end(start, end, report)
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
        return rules.importance(text, self.at(item)) if text else None

    def sources(self, node: Node | None) -> tuple[Source, ...]:
        items = node.items if isinstance(node, Seq) else () if node is None else (node,)
        result = []
        for item in items:
            if isinstance(item, Scalar):
                if item.value:
                    result.append(rules.source(item.value, item.value, self.at(item)))
            elif isinstance(item, Map):
                self.unknown_keys(item, SOURCE_KEYS, "in a source")
                entry = rules.source_entry(
                    self.text(item, "title"), self.text(item, "url"),
                    self.text(item, "publisher"), self.text(item, "date"), self.at(item))
                if entry is not None:
                    result.append(entry)
            else:
                self.error(item, "a source should be a link or a mapping with title and url")
        return tuple(result)


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


def _item_node(node: Node | None, text: str) -> Scalar:
    if isinstance(node, Seq):
        for item in node.items:
            if isinstance(item, Scalar) and item.value == text:
                return item
    if isinstance(node, Scalar):
        return node
    return Scalar(text, 0, 0)


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
