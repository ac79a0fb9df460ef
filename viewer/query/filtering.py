"""Which events a filter keeps, and the facet counts beside them; no Qt.

A :class:`SearchIndex` is built once per loaded timeline: one normalised search text per
event, facet values and date bounds. :func:`apply` then answers each keystroke by combining
per-condition masks, one byte per event (1 = kept), treated as big integers so that AND
and population count run in C. Condition masks are memoised on the index, so changing one
condition recomputes only that one.
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import chain, compress, repeat
from operator import attrgetter, gt, itemgetter
from typing import Any

from viewer.model.columns import Columns, columns_of
from viewer.model.dates import Date, Precision, civil_from_days, civil_from_seconds, days_from_civil
from viewer.model.dates import year_text as _year_text
from viewer.model.model import Event, Timeline
from viewer.query.search_text import containing, haystack_steps, haystacks, normalise, parse_query
from viewer.query.search_text import highlight_spans as highlight_spans  # re-exported

FACETS = ("category", "tag", "person", "place")
"""Facet names, in the filter pane's order; each maps to a :class:`Filter` field."""

_FLIP = bytes.maketrans(b"\x00\x01", b"\x01\x00")
_FIELD = {"category": "categories", "tag": "tags", "person": "people", "place": "places"}
@dataclass(frozen=True, slots=True)
class Filter:
    """What the user asked to see. Within a facet the chosen values are alternatives (OR);
    everything else must hold together (AND). ``start``/``end`` are axis seconds (pass a
    first date's ``Date.start`` and a last date's ``Date.end``); an event is kept when its
    span ``[t0, t1)`` overlaps ``[start, end)``. The category of an uncategorised event is ""."""

    text: str = ""
    categories: frozenset[str] = frozenset()
    tags: frozenset[str] = frozenset()
    people: frozenset[str] = frozenset()
    places: frozenset[str] = frozenset()
    start: float | None = None
    end: float | None = None
    only_sourced: bool = False
    only_approximate: bool = False

    @property
    def is_active(self) -> bool:
        return self != _NO_FILTER and (bool(parse_query(self.text)) or self._has_conditions())

    def _has_conditions(self) -> bool:
        return dataclasses.replace(self, text="") != _NO_FILTER

    def cleared(self) -> Filter:
        return _NO_FILTER

    def with_(self, **changes: Any) -> Filter:
        """A copy with some fields changed, e.g. ``flt.with_(text="huawei")``."""
        return dataclasses.replace(self, **changes)

    def selected(self, facet: str) -> frozenset[str]:
        """The chosen values of a facet named in :data:`FACETS`."""
        values: frozenset[str] = getattr(self, _FIELD[facet])
        return values

    def toggled(self, facet: str, value: str) -> Filter:
        """A copy with ``value`` chosen in ``facet`` if it was not, and unchosen if it was."""
        return self.with_(**{_FIELD[facet]: self.selected(facet) ^ {value}})

    def describe(self) -> str:
        """The active filters on one line, e.g. ``search “huawei” · category: trade · 2018–2021``;
        "" when nothing filters."""
        parts = [f"search “{' '.join(self.text.split())}”"] if parse_query(self.text) else []
        for facet in FACETS:
            values = sorted(self.selected(facet), key=lambda v: (normalise(v), v))
            if values:
                parts.append(f"{facet}: " + ", ".join(v or "no category" for v in values))
        if self.start is not None or self.end is not None:
            parts.append(_range_text(self.start, self.end))
        if self.only_sourced:
            parts.append("with sources")
        if self.only_approximate:
            parts.append("approximate dates")
        return " · ".join(parts)


_NO_FILTER = Filter()


def _range_text(start: float | None, end: float | None) -> str:
    first = None if start is None else bound_text(start, is_end=False)
    last = None if end is None else bound_text(end, is_end=True)
    if first is None:
        return f"until {last}"
    if last is None:
        return f"from {first}"
    if first == last:
        return first
    return f"{first}–{last}" if " " not in first + last else f"{first} – {last}"


def bound_text(t: float, *, is_end: bool) -> str:
    """A range bound at the coarsest precision it falls on; an end is exclusive, so the
    end of 2021 (1 January 2022, 00:00) reads as 2021."""
    year, month, day, hour, minute, second = civil_from_seconds(t)
    if not (hour or minute or second):
        if month == day == 1:
            return _year_text(year - is_end)
        if day == 1:
            return Date(year, month - is_end, precision=Precision.MONTH).display()
        if is_end:
            year, month, day = civil_from_days(days_from_civil(year, month, day) - 1)
    return Date(year, month, day, precision=Precision.DAY).display()


Pairs = tuple[tuple[str, int], ...]


class FilterResult:
    """The outcome of :func:`apply`.

    ``visible``: indexes into ``timeline.events`` that match, ascending. ``mask``: one byte
    per event, 1 when it matches (``result.mask[i]``). ``facets``: for each name in
    :data:`FACETS`, ``(value, count)`` pairs, each count taken over the events that match
    every *other* condition; categories in the timeline's order then undeclared ones by
    name, other facets by count then name (values with no events are left out unless
    chosen). ``total``: the number of events in the timeline.

    ``visible`` and ``facets`` are worked out when first read, so that a keystroke's frame
    pays only for the mask (the filter pane reads the counts when the window is idle).
    """

    __slots__ = ("_count_facets", "_facets", "_visible", "mask", "total")

    def __init__(self, mask: bytes, total: int,
                 facets: Mapping[str, Pairs] | Callable[[], dict[str, Pairs]],
                 visible: tuple[int, ...] | None = None) -> None:
        self.mask, self.total, self._visible = mask, total, visible
        self._facets = dict(facets) if isinstance(facets, Mapping) else None
        self._count_facets = None if isinstance(facets, Mapping) else facets

    @property
    def visible(self) -> tuple[int, ...]:
        if self._visible is None:
            self._visible = tuple(compress(range(self.total), self.mask))
        return self._visible

    @property
    def facets(self) -> dict[str, Pairs]:
        if self._facets is None:
            assert self._count_facets is not None
            self._facets, self._count_facets = self._count_facets(), None
        return self._facets

    @property
    def shown(self) -> int:
        return self.mask.count(1) if self._visible is None else len(self._visible)


class _Facet:
    """One facet's values per event. Frequent values keep a mask each and are counted by
    popcount; rare ones are counted by walking the events (cheap, as they are rare)."""

    _DENSE_MAX = 32  # masks per facet, each one byte per event
    _DENSE_SHARE = 64  # a value is frequent when at least 1/64 of events have it

    def __init__(self, column: list[tuple[str, ...]], order: list[str] | None) -> None:
        self.column, self.order_given = column, order  # as given, to tell an equal one
        values = self.values = column if order is not None else [  # each value once per event
            v if len(v) < 2 or len(set(v)) == len(v) else tuple(dict.fromkeys(v)) for v in column]
        self.full = Counter(chain.from_iterable(values))
        n = len(values)
        masks = {v: bytearray(n) for v, k in self.full.most_common(self._DENSE_MAX)
                 if k * self._DENSE_SHARE >= n}
        for i, vs in enumerate(values):
            for v in vs:
                if v in masks:
                    masks[v][i] = 1
        self.dense = {v: int.from_bytes(m, "little") for v, m in masks.items()}
        self.rare_full = Counter({v: k for v, k in self.full.items() if v not in masks})
        self.rare = ([tuple(v for v in vs if v not in masks) for vs in values]
                     if self.rare_full else [])
        self.ranked = order is None  # by count; else always every value, in the given order
        self.order = tuple(sorted(self.full, key=lambda v: (normalise(v), v))
                           if order is None else order)
        self.known = frozenset(self.order)

    def mask(self, chosen: frozenset[str]) -> int:
        if chosen <= self.dense.keys():
            found = 0
            for v in chosen:
                found |= self.dense[v]
            return found
        keep = bytes(map(chosen.isdisjoint, self.values)).translate(_FLIP)
        return int.from_bytes(keep, "little")

    def counts(self, within: int, everything: int) -> dict[str, int]:
        """How many events of the mask ``within`` have each value."""
        n, n_within = len(self.values), within.bit_count()
        if n_within == n:
            return self.full
        counts = {v: (within & m).bit_count() for v, m in self.dense.items()}
        if not self.rare_full:
            return counts
        if n_within * 2 > n:  # walk the smaller side
            outside = (within ^ everything).to_bytes(n, "little")
            rare = self.rare_full.copy()
            for v, k in Counter(chain.from_iterable(compress(self.rare, outside))).items():
                rare[v] -= k
        else:
            inside = within.to_bytes(n, "little")
            rare = Counter(chain.from_iterable(compress(self.rare, inside)))
        counts.update(rare)
        return counts

    def pairs(self, counts: dict[str, int], chosen: frozenset[str]) -> tuple[tuple[str, int], ...]:
        pairs = [(v, counts.get(v, 0)) for v in self.order]
        if self.ranked:
            pairs = [p for p in pairs if p[1] or p[0] in chosen]
        pairs += sorted((v, 0) for v in chosen if v not in self.known)  # e.g. gone on reload
        if self.ranked:
            pairs.sort(key=itemgetter(1), reverse=True)  # stable, so ties stay in name order
        return tuple(pairs)


_TAGS, _PEOPLE, _PLACES = attrgetter("tags"), attrgetter("people"), attrgetter("places")


def _facet(column: list[tuple[str, ...]], order: list[str] | None = None,
           previous: _Facet | None = None) -> _Facet:
    """The facet of ``column``: ``previous`` itself when it was built from an equal column
    (a reload that left the facet as it was, the same tuples from the very events the
    loader kept), so that it is not counted again."""
    if previous is not None and previous.order_given == order and previous.column == column:
        return previous
    return _Facet(column, order)


class SearchIndex:
    """Per-timeline precomputed, normalised search text and facet values; build once per
    load (a :class:`viewer.document.Document` holds it). It memoises recent condition
    masks, so keep one index per timeline.

    ``columns``: the timeline's (read here when not given). ``previous``: the index of the
    file's last version, whose facets and search text are reused where they still hold.
    """

    _CACHE_SIZE = 32

    def __init__(self, timeline: Timeline, columns: Columns | None = None,
                 previous: SearchIndex | None = None) -> None:
        events = timeline.events
        n = self.size = len(events)
        self._events = events
        self._haystacks: list[str] | None = None  # built by the first text search
        # the last version's, until this one's are built from them
        self._previous: SearchIndex | None = previous
        columns = columns if columns is not None else columns_of(timeline)
        self._t0, self._t1 = columns.t0, columns.t1
        self.everything = int.from_bytes(b"\x01" * n, "little")
        self.sourced = int.from_bytes(bytes(bool(e.sources) for e in events), "little")
        self.approximate = int.from_bytes(bytes(e.approximate for e in events), "little")
        categories: list[tuple[str, ...]] = [(c or "",) for c in columns.category]
        declared = [c.name for c in timeline.categories]
        undeclared = sorted({c for (c,) in categories} - set(declared), key=lambda c: (not c, c))
        old = previous.facets if previous is not None else {}
        self.facets: dict[str, _Facet] = {
            "category": _facet(categories, declared + undeclared, old.get("category")),
            "tag": _facet(list(map(_TAGS, events)), None, old.get("tag")),
            "person": _facet(list(map(_PEOPLE, events)), None, old.get("person")),
            "place": _facet(list(map(_PLACES, events)), None, old.get("place")),
        }
        self._cache: dict[tuple[object, ...], int] = {}
        facets = {f: self.facets[f].pairs(self.facets[f].full, frozenset()) for f in FACETS}
        self._unfiltered = FilterResult(b"\x01" * n, n, facets, tuple(range(n)))

    @property
    def haystacks(self) -> list[str]:
        """Each event's normalised search text. Built on first use, so that showing a
        (re)loaded file does not wait for it; :meth:`warm_steps` builds it ahead of time."""
        if self._haystacks is None:
            self._haystacks = haystacks(self._events, self._take_previous())
        return self._haystacks

    def _take_previous(self) -> tuple[Sequence[Event], list[str]] | None:
        """The last version's events and search text, once (then let go of)."""
        previous, self._previous = self._previous, None
        if previous is None or previous._haystacks is None:
            return None
        return previous._events, previous._haystacks

    def warm(self) -> None:
        """Build what the first search needs now."""
        self.haystacks  # noqa: B018

    def warm_steps(self, step: int = 1024) -> Iterator[None]:
        """:meth:`warm` in parts of about ``step`` events, for the GUI thread to run one
        part at a time while idle; a search meanwhile builds the rest at once."""
        if self._haystacks is not None:
            return
        for done in haystack_steps(self._events, step, self._take_previous()):
            if self._haystacks is not None:
                return  # a search needed it first
            if done is not None:
                self._haystacks = done
                return
            yield

    def unfiltered(self) -> FilterResult:
        r = self._unfiltered
        return FilterResult(r.mask, r.total, r.facets, r.visible)

    def mask(self, key: tuple[object, ...], compute: Callable[[], int]) -> int:
        """The memoised mask of one condition: an integer with one byte per event."""
        found = self._cache.pop(key, None)  # re-inserted last, so the dict stays LRU-ordered
        if found is None:
            found = compute()
            if len(self._cache) >= self._CACHE_SIZE:
                del self._cache[next(iter(self._cache))]
        self._cache[key] = found
        return found

    def text_mask(self, terms: tuple[str, ...]) -> int:
        """Events whose haystack holds every term. While the user types, a remembered
        result for a shorter query bounds the new one, so only its events are searched."""
        found, size = self.everything, self.size
        known: tuple[str, ...] = ()  # terms that every event of ``found`` holds
        for key, m in self._cache.items():
            old = key[1] if key[0] == "text" else None
            if (isinstance(old, tuple) and all(any(o in t for t in terms) for o in old)
                    and (k := m.bit_count()) < size):
                found, size, known = m, k, old
        for term in sorted(terms, key=len, reverse=True):  # the long ones narrow most
            if not any(term in o for o in known):
                found = self._containing(term, found, size)
                size = found.bit_count()
        return found

    def _containing(self, term: str, within: int, size: int) -> int:
        return containing(self.haystacks, term, within, size)

    def date_mask(self, start: float | None, end: float | None) -> int:
        stop = self.size if end is None else bisect_left(self._t0, end)
        keep = (b"\x01" * stop if start is None else
                bytes(map(gt, self._t1[:stop], repeat(start))))
        return int.from_bytes(keep, "little")


def apply(index: SearchIndex, flt: Filter) -> FilterResult:
    """The events of the index's timeline that ``flt`` keeps, with facet counts."""
    if not flt.is_active:
        return index.unfiltered()
    conditions: dict[str, int] = {}  # condition -> mask; facet conditions are named as FACETS
    terms = parse_query(flt.text)
    if terms:
        conditions["text"] = index.mask(("text", terms), partial(index.text_mask, terms))
    for name in FACETS:
        chosen = flt.selected(name)
        if chosen:
            conditions[name] = index.mask((name, chosen),
                                          partial(index.facets[name].mask, chosen))
    if flt.start is not None or flt.end is not None:
        conditions["date"] = index.mask(("date", flt.start, flt.end),
                                        partial(index.date_mask, flt.start, flt.end))
    if flt.only_sourced:
        conditions["sourced"] = index.sourced
    if flt.only_approximate:
        conditions["approximate"] = index.approximate
    matched = _all_of(index, conditions.values())

    def facet_counts() -> dict[str, Pairs]:
        facets = {}
        for name, facet in index.facets.items():
            within = matched if name not in conditions else _all_of(
                index, (m for c, m in conditions.items() if c != name))
            facets[name] = facet.pairs(facet.counts(within, index.everything),
                                       flt.selected(name))
        return facets

    return FilterResult(matched.to_bytes(index.size, "little"), index.size, facet_counts)


def _all_of(index: SearchIndex, masks: Iterable[int]) -> int:
    found = index.everything
    for m in masks:
        found &= m
    return found
