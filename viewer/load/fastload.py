"""The fast path for clean files: yaml_rs's plain values straight to a :class:`Timeline`.

:func:`fast_load` vouches only for files it can prove clean and unambiguous, and returns None
("not sure") for the rest, which the loader then reads on its located path with every
diagnostic. yaml_rs types scalars (``007`` → 7, ``~`` → None) where FORMAT.md keeps text, so a
value whose written text it may have changed is not trusted. Where yaml_rs and libyaml read
the same text differently, the file is refused (tabs, odd characters, several documents, no
last line break, tags, anchors, aliases) or the event is re-read on the located path (text
starting with ``|>?:``, keys with spaces, lines starting with ':': flow collections differ).
"""

from __future__ import annotations

import bisect
import gc
import re
from dataclasses import replace
from typing import Any, NoReturn

import yaml

try:  # imported with this module: see viewer/qt/background_loader.py for why it matters
    import yaml_rs
except ImportError:  # the app works without it, only slower on large files
    yaml_rs = None  # type: ignore[assignment]

from viewer.load import rules
from viewer.load.fastload_groups import load as _load
from viewer.load.fastload_groups import read_groups
from viewer.load.fastload_scan import Unsure as _Unsure
from viewer.load.fastload_scan import hits as _hits
from viewer.load.fastload_scan import items as _items
from viewer.load.fastload_scan import plain_text as _plain_text
from viewer.load.fastload_scan import reads_the_same as _reads_the_same
from viewer.load.rules import Problem
from viewer.model.dates import Date
from viewer.model.model import Category, DefaultView, Event, Period, Source, Timeline

MAX_REREAD = 50  # events re-read on the located path before it had better read the file
_NOT_DECIMAL = ("0x", "0X", "0o", "0O", "0b", "0B")  # yaml_rs's other ways to write an int
_UNDERSCORE = re.compile(r"_(?:(?<=[0-9]_)|(?=[0-9]))")  # yaml_rs reads 1_000 as 1000 ...
_INT_START = re.compile(r"(?:^|[\s\[{,:?])[-+]?[0-9_]*_$")  # ... and art_8 as text
# libyaml reads a flow collection's [|x], [?x] and {a: :x} differently; a value of only
# spaces differs in block scalars. Text starting with one of these is looked at twice.
_ODD_START = frozenset("|>?:").union(c for c in map(chr, range(0x3001)) if c.isspace())
_EVENT_KEYS = frozenset(rules.EVENT_KEYS)
_KNOWN = {"top": rules.TOP_KEYS, "period": rules.PERIOD_KEYS,
          "category": rules.CATEGORY_KEYS, "source": rules.SOURCE_KEYS,
          "view": rules.VIEW_KEYS}
_KEYS = {kind: frozenset(keys) for kind, keys in _KNOWN.items()}


MEMO_MAX = 200_000  # events of a file beyond which none are remembered
_Memo = dict[tuple[str, frozenset[str]], tuple[Event, bool]]  # the event, used ints


class Memo:
    """The events of a file's last version read, by their written text: a save that changed
    one event rebuilds only that one. One per followed file (its documents hand it on);
    bounded to one version's events, and off for very large files. Not thread-safe: one
    load at a time uses it."""

    __slots__ = ("entries",)

    def __init__(self) -> None:
        self.entries: _Memo = {}


def fast_load(text: str, memo: Memo | None = None) -> Timeline | None:
    """The timeline of a clean file, equal to the located path's; None when not sure.
    ``memo``: the events of the file's last version, updated to this one's."""
    if yaml_rs is None:
        return None
    plain = _plain_text(text)
    if plain is None or not hasattr(yaml, "CBaseLoader"):  # checked against libyaml only
        return None
    gc_was_enabled = gc.isenabled()
    gc.disable()  # a million new containers and no cycles: collecting would only cost time
    try:
        return _Builder(plain, memo if memo is not None else Memo()).build()
    except Exception:  # yaml_rs's errors, _Unsure, invalid dates: the located path reports
        return None
    finally:
        if gc_was_enabled:
            gc.enable()


class _Builder:
    """Plain values → model values by the located path's rules; raises :class:`_Unsure`."""

    def __init__(self, text: str, memo: Memo) -> None:
        self.src = text
        self.memo = memo
        self.dates: dict[str | int, Date] = {}
        self.ints_decimal: bool | None = None
        self.extra_keys: set[str] = set()  # unknown keys of events that are no typos
        self.chunk: tuple[int, int] | None = None  # where the event being read is written
        self.suspect = False  # whether it is re-read on the located path
        self.decimal_calls = 0
        self.values = 0  # values in the extra property being read

    def build(self) -> Timeline:
        """Read the file: the events' block sequence in groups of GROUP items (the parser's
        memory stays that of one group, and an unchanged event's text is not parsed again),
        the rest of the file on its own."""
        src = self.src
        key = "events" if src.startswith("events:") or "\nevents:" in src else None
        found = _items(src, key)
        offsets, _, end = found
        if offsets:  # the rest, with "events:" left empty (or nothing but comments)
            root = _load(src[:offsets[0]] + src[end:])
            if key is None and root is None:
                root = []
            elif key is None or type(root) is not dict or root.get("events", 0) is not None:
                raise _Unsure
        else:
            root = _load(src)
        if type(root) is list:
            root = {"events": root}
        elif type(root) is not dict:
            raise _Unsure
        _known(root, "top", "at the top of the file")
        categories = self.categories(root.get("categories", ()))
        names = {c.name for c in categories}
        periods = self.periods(root.get("periods", ()), names)
        if not offsets and root.get("events", ()) not in ([], ()):
            raise _Unsure  # events, but not in a block sequence
        events = self.events(found, names, "events:\n" if key else "")
        return Timeline(_text(root["title"]) if "title" in root else "",
                        _text(root["description"]) if "description" in root else "",
                        tuple(categories), tuple(periods), tuple(events),
                        self.view(root["view"]) if "view" in root else None)

    def view(self, node: Any) -> DefaultView | None:
        if type(node) is not dict:
            raise _Unsure  # not a mapping, or empty (~ is text to the located path)
        _known(node, "view", "in 'view'")
        texts = {}
        for key, value in node.items():
            if type(value) is int:  # a year
                self.decimal()
                value = str(value)
            texts[key] = _text(value)
        return rules.view(texts, _refuse)

    # -- values -----------------------------------------------------------------------------

    def text(self, value: Any) -> str:
        """Text in an event: an int's written text is checked; text starting with an odd
        character has the event re-read."""
        if type(value) is not str or not value:
            if type(value) is int and self.chunk:
                return self.int_text(value, *self.chunk)
            raise _Unsure
        if value[0] in _ODD_START:
            if value.isspace():
                raise _Unsure
            self.suspect = True
        return value

    def texts(self, value: Any) -> tuple[str, ...]:
        if type(value) is not list:
            return (self.text(value),)
        for v in value:
            if type(v) is not str or not v or v[0] in _ODD_START:
                return tuple([self.text(v) for v in value])
        return tuple(value)

    def int_text(self, value: int, start: int, end: int) -> str:
        """An int's text, if every way of writing it in the event is ``str(value)``."""
        self.decimal()
        written = re.compile(rf"(?<=[\s\[{{,:?])[-+]?0*{abs(value)}(?![0-9])")  # re caches it
        text = str(value)
        if any(m.group() != text for m in written.finditer(self.src, start, end)):
            raise _Unsure  # +5, 05 or -0: the text is not str(value)
        return text

    def key(self, key: Any) -> str:
        if type(key) is not str:  # 1 and "1" are two keys to yaml_rs, the same to libyaml
            raise _Unsure
        if " " in key or "\n" in key:  # maybe a flow key over two lines, which libyaml refuses
            self.suspect = True
        return self.text(key)

    def date(self, value: Any) -> Date:
        kind = type(value)
        date = self.dates.get(value) if kind is str or kind is int else None
        if date is None:
            if kind is int:  # a year: parse_date reads 2018, +2018 and 02018 alike
                self.decimal()
            elif kind is not str or not value or value[0] in _ODD_START:
                raise _Unsure
            date = rules.date(str(value), "date", _refuse)
            if date is None:
                raise _Unsure
            self.dates[value] = date
        return date

    def decimal(self) -> None:
        """Vouch that yaml_rs's ints were written in decimal (not 0x7e2, 0o3742 or 2_018)."""
        self.decimal_calls += 1
        if self.ints_decimal is None:
            src = self.src
            self.ints_decimal = not any(s in src for s in _NOT_DECIMAL) and not any(
                _INT_START.search(src, max(src.rfind("\n", 0, m.start()), 0), m.end())
                for m in _UNDERSCORE.finditer(src))
        if not self.ints_decimal:
            raise _Unsure

    # -- sections ---------------------------------------------------------------------------

    def categories(self, node: Any) -> list[Category]:
        if type(node) is list:
            return [Category(n, n, None) for n in map(_text, node)]
        if node == ():
            return []
        if type(node) is not dict:
            raise _Unsure
        result = []
        for name, value in node.items():
            if " " in _text(name) or "\n" in name:
                raise _Unsure  # maybe a flow key over two lines, which libyaml refuses
            if type(value) is str:
                result.append(rules.scalar_category(name, _text(value)))
            elif type(value) is dict:
                _known(value, "category", f"in category '{name}'")
                label = _text(value["label"]) if "label" in value else name
                result.append(Category(name, label, _colour(value)))
            else:
                raise _Unsure
        return result

    def periods(self, node: Any, categories: set[str]) -> list[Period]:
        lines = _items(self.src, "periods")[1] if node else []
        if type(node) not in (list, tuple) or len(lines) != len(node):
            raise _Unsure
        result = []
        for item, line in zip(node, lines, strict=True):
            if type(item) is not dict:
                raise _Unsure
            _known(item, "period", "in a period")
            title = _text(item.get("title"))
            start, end = self.date(item.get("start")), self.date(item.get("end"))
            category = _text(item["category"]) if "category" in item else None
            rules.period_end(start, end, _refuse)
            rules.category(category, categories, _refuse)
            result.append(Period(title, start, end, _colour(item), category, line))
        return result

    def events(self, found: tuple[list[int], list[int], int], categories: set[str],
               prefix: str) -> list[Event]:
        offsets, lines, end = found
        src = self.src
        suspects = set()
        for at in _hits(src):
            if not (offsets and offsets[0] <= at < end):
                raise _Unsure  # outside the events
            suspects.add(bisect.bisect_right(offsets, at) - 1)
        if len(suspects) > MAX_REREAD:
            raise _Unsure
        chunks = list(zip(offsets, [*offsets[1:], end] if offsets else [], strict=True))
        texts = [""] * len(chunks)  # each item's text, sliced when its group is planned
        rows: list[Event] = []  # as written: an id-less event's id is still ""
        ids: dict[str, int] = {}
        targets: set[str] = set()
        reread: dict[int, Any] = {}
        last: _Memo = self.memo.entries
        memo: _Memo = {}
        self.memo.entries = memo  # an error on the way keeps what was read until then
        keep = len(offsets) <= MEMO_MAX
        names = frozenset(categories)

        def plan(group: range) -> tuple[list[Any], list[int]]:  # what is known, what to read
            for i in group:
                texts[i] = src[chunks[i][0]:chunks[i][1]]
            # taken out of the last memo, so its copy of the old text goes as this one comes
            known = [last.pop((texts[i], names), None) if keep else None for i in group]
            return known, [i for i, k in zip(group, known, strict=True)
                           if k is None or i in suspects]

        for group, known, parsed in read_groups(len(offsets), texts, prefix, plan):
            for i, entry in zip(group, known, strict=True):
                line = lines[i]
                if i not in parsed and entry is not None:  # the same text as last time
                    event, used_decimal = entry
                    if used_decimal:
                        self.decimal()
                    if event.line != line:  # moved
                        event = replace(event, line=line)
                        entry = (event, used_decimal)
                    targets.update(event.related)
                else:
                    item = parsed[i]
                    self.chunk, self.suspect = chunks[i], False
                    calls = self.decimal_calls
                    event = self.event(item, names, targets, line)
                    entry = (event, self.decimal_calls != calls)
                    if self.suspect:
                        suspects.add(i)
                    if i in suspects:
                        reread[i] = item
                        entry = None  # looked at twice every time, so not remembered
                if keep and entry is not None:
                    memo[(texts[i], names)] = entry
                if event.id:
                    rules.unique_id(event.id, ids, _refuse)
                    ids[event.id] = line
                rows.append(event)
        self.chunk = None
        for target in targets.difference(ids):
            rules.related(target, set(ids), list(ids), _refuse)
        if len(suspects) > MAX_REREAD:
            raise _Unsure
        for i in suspects:
            if not _reads_the_same(texts[i], reread[i]):
                raise _Unsure
        rows.sort(key=_span)  # stable: then file order
        taken = set(ids)
        suffixes: dict[str, int] = {}
        return [event if event.id else
                replace(event, id=rules.derive_id(event.start, event.title, taken, suffixes))
                for event in rows]

    def event(self, item: Any, categories: frozenset[str], targets: set[str],
              line: int) -> Event:
        """The event written as ``item`` (its id "" when none is written)."""
        if type(item) is not dict or None in item.values():
            raise _Unsure  # not a mapping; or ~ and empty values, which libyaml reads as text
        extra = () if item.keys() <= _EVENT_KEYS else self.extra(item)
        get, text, texts, dates = item.get, self.text, self.texts, self.dates
        written = get("date")
        if written is None:
            written = get("start")
        elif "start" in item:
            raise _Unsure
        start = (dates.get(written) if type(written) is str else None) or self.date(written)
        end = get("end")
        if end is not None:
            end = (dates.get(end) if type(end) is str else None) or self.date(end)
            end = rules.event_end(start, end, _refuse)
        category = get("category")
        if category is not None:
            category = text(category)
            rules.category(category, categories, _refuse)
        related = get("related")
        related = () if related is None else texts(related)
        targets.update(related)
        importance = get("importance")
        if importance is not None:
            importance = self.importance(importance)
        tags, people, places = get("tags"), get("people"), get("places")
        summary, description, sources = get("summary"), get("description"), get("sources")
        event_id = get("id")
        return Event(
            id="" if event_id is None else text(event_id), title=text(get("title")),
            start=start, end=end, category=category,
            tags=() if tags is None else texts(tags),
            people=() if people is None else texts(people),
            places=() if places is None else texts(places),
            summary="" if summary is None else text(summary),
            description="" if description is None else text(description),
            sources=() if sources is None else self.sources(sources), related=related,
            importance=importance, extra=extra, line=line)

    def extra(self, item: dict[Any, Any]) -> tuple[tuple[str, str], ...]:
        """The unknown keys kept silently as extra properties (a near miss is warned about)."""
        extra = []
        for key, value in item.items():
            if key not in _EVENT_KEYS:
                if key not in self.extra_keys:  # the rule looks for typos: once per key
                    rules.extra_key(self.key(key), _refuse)
                    self.extra_keys.add(key)
                self.values = 0
                text = self.as_text(value, 0)
                if len(text) + self.values > rules.EXTRA_MAX:
                    raise _Unsure  # cut short, with a warning
                extra.append((self.key(key), text))
        return tuple(extra)

    def as_text(self, value: Any, depth: int) -> str:
        """As the located path shows an extra property: lists joined by ", ", mappings by "; ";
        counts the values in ``self.values`` (the located path's bounds count them too)."""
        if depth > rules.EXTRA_DEPTH:
            raise _Unsure
        self.values += 1
        if type(value) is list:
            return ", ".join([self.as_text(v, depth + 1) for v in value])
        if type(value) is dict:
            return "; ".join([f"{self.key(k)}: {self.as_text(v, depth + 1)}"
                              for k, v in value.items()])
        return self.text(value)

    def importance(self, value: Any) -> int | None:
        if type(value) is int:
            self.decimal()  # as written: 5, 05 or +5, all read alike
            return rules.importance(str(value), _refuse)
        return rules.importance(self.text(value), _refuse)

    def sources(self, value: Any) -> tuple[Source, ...]:
        result = []
        for item in value if type(value) is list else [value]:
            if type(item) is not dict:
                text = self.text(item)
                result.append(rules.source(text, text, _refuse))
                continue
            _known(item, "source", "in a source")
            get = self.text
            entry = rules.source_entry(
                get(item["title"]) if "title" in item else "",
                get(item["url"]) if "url" in item else "",
                get(item["publisher"]) if "publisher" in item else "",
                get(item["date"]) if "date" in item else "", _refuse)
            if entry is None:
                raise _Unsure
            result.append(entry)
        return tuple(result)


def _text(value: Any) -> str:
    """Text outside the events: anything unusual there sends the file to the located path."""
    if type(value) is not str or not value or value[0] in _ODD_START:
        raise _Unsure
    return value


def _colour(node: dict[str, Any]) -> str | None:
    key = "colour" if "colour" in node else "color"
    return rules.colour(_text(node[key]), key, _refuse) if key in node else None


def _known(node: dict[Any, Any], kind: str, where: str) -> None:
    """Refuses a mapping with a key the format does not know."""
    if not node.keys() <= _KEYS[kind]:
        for key in node.keys() - _KEYS[kind]:
            rules.unknown_key(_text(key), _KNOWN[kind], where, _refuse)


def _refuse(problem: Problem) -> NoReturn:
    """The fast path's report: a problem of any kind is for the located path to word."""
    raise _Unsure(problem.message)


def _span(event: Event) -> tuple[float, float]:
    return event.t0, event.t1
