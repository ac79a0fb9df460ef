"""Lanes and rows: which events share a lane, and where each one sits in it. No Qt here.

Layout works in *world pixels* (``wx = t * px_per_second``), so it depends only on the
zoom level and panning is a pure translation of the same layout. Text is measured by a
function passed in, so the layout is testable without fonts.

Conventions the painter relies on:

* Layout decides each event's :class:`Mark`: a range is a ``BAR`` from ``t0``; a point
  event is a ``MARKER`` centred on ``t0``, or, when the day, month or year its date stands
  for (``span_x0..span_x1``) is wider than 1.5 markers, a ``SPAN``: a faint band over it.
  A span's band is soft room, like labels: no later item is placed under it while a row
  is free, but when every row is taken one may be; its first marker-width (``x0..x1``) is
  the hard part.
* A marker's label starts just right of it; a span's starts inside its band; a bar's goes
  inside when it fits there, else just right of the bar.
* In a row, marks (markers, bars, cluster boxes) and labels never overlap and are at
  least ``gap`` apart, as drawn: the painter only maps these x to the screen.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from itertools import islice, repeat
from operator import attrgetter, itemgetter, le, mul

from viewer.model.model import Category, Event
from viewer.view.crowding import CLUSTER_MARKERS as CLUSTER_MARKERS  # re-exported
from viewer.view.crowding import dense, units

ELLIPSIS = "…"
LABEL_PAD = 3.0  # px between a marker, bar edge or cluster edge and the text beside it
MIN_LABEL_CHARS = 3  # an elided label showing fewer characters than this is dropped
IMPORTANT = 4  # events of this importance or more keep their whole label while they can
EXTRA_ROWS = 2  # rows a lane may add past max_rows to keep such a label whole


class LaneMode(str, Enum):
    """What puts events in the same lane."""

    CATEGORY = "category"
    TAG = "tag"
    PERSON = "person"
    PLACE = "place"
    SINGLE = "single"


CATCH_ALL_LABELS = {
    LaneMode.CATEGORY: "Uncategorised",
    LaneMode.TAG: "No tag",
    LaneMode.PERSON: "No person",
    LaneMode.PLACE: "No place",
}


@dataclass(frozen=True, slots=True)
class Lane:
    """A horizontal band of the timeline; ``key`` is "" for the catch-all lane."""

    key: str
    label: str
    colour: str | None  # the category's "#rrggbb" when known, else None (a palette colour)
    members: tuple[int, ...]  # indexes into the events sequence, ascending


def assign_lanes(events: Sequence[Event], categories: Sequence[Category], mode: LaneMode,
                 *, title: str = "",
                 category_of: Sequence[str | None] | None = None) -> tuple[Lane, ...]:
    """Group events into lanes (see :func:`group_lanes`, the same function). Pure: the
    :class:`viewer.document.Document` of a loaded file keeps its lanes, one set per mode."""
    return group_lanes(events, categories, mode, title=title, category_of=category_of)


def group_lanes(events: Sequence[Event], categories: Sequence[Category], mode: LaneMode,
                *, title: str = "",
                category_of: Sequence[str | None] | None = None) -> tuple[Lane, ...]:
    """Group events into lanes.

    CATEGORY: declared categories in file order, then undeclared ones in order of first
    use, then "Uncategorised"; a declared category no event uses gets no lane. TAG, PERSON
    and PLACE: one lane per value in order of first appearance (so, chronologically), an
    event in every lane it names, then the catch-all. SINGLE: one lane titled ``title``.
    The catch-all lane exists only when some event needs it. ``category_of``: every
    event's category (:mod:`viewer.model.columns`), read instead of the events when given.
    """
    if mode is LaneMode.SINGLE:
        return (Lane("", title or "All events", None, tuple(range(len(events)))),)
    if mode is LaneMode.CATEGORY:
        groups, loose = _by_key(map(_CATEGORY, events) if category_of is None
                                else category_of)
    else:
        groups, loose = _by_keys(map(_VALUES[mode], events))
    declared: dict[str, Category] = {}
    if mode is LaneMode.CATEGORY:
        for category in categories:
            declared.setdefault(category.name, category)
    order = [name for name in declared if name in groups]
    order += [key for key in groups if key not in declared]
    lanes = []
    for key in order:
        cat = declared.get(key)
        label = (cat.label or cat.name) if cat else key
        lanes.append(Lane(key, label, cat.colour if cat else None, tuple(groups[key])))
    if loose:
        lanes.append(Lane("", CATCH_ALL_LABELS[mode], None, tuple(loose)))
    return tuple(lanes)


_CATEGORY = attrgetter("category")
_VALUES = {LaneMode.TAG: attrgetter("tags"), LaneMode.PERSON: attrgetter("people"),
           LaneMode.PLACE: attrgetter("places")}


def _by_key(keys: Iterable[str | None]) -> tuple[dict[str, list[int]], list[int]]:
    """Event indexes by their one key, in order of first use; those with none apart."""
    groups: dict[str, list[int]] = {}
    loose: list[int] = []
    for i, key in enumerate(keys):
        if key:
            members = groups.get(key)
            if members is None:
                groups[key] = [i]
            else:
                members.append(i)
        else:
            loose.append(i)
    return groups, loose


def _by_keys(values: Iterable[Sequence[str]]) -> tuple[dict[str, list[int]], list[int]]:
    """Event indexes under each of their (non-empty) values, each index once per value,
    values in order of first use; those with no value apart."""
    groups: dict[str, list[int]] = {}
    loose: list[int] = []
    for i, keys in enumerate(values):
        placed = False
        for key in keys:
            if key:
                members = groups.get(key)
                if members is None:
                    groups[key] = [i]
                elif members[-1] != i:  # a value named twice by one event
                    members.append(i)
                placed = True
        if not placed:
            loose.append(i)
    return groups, loose


class Mark(Enum):
    """How an event is drawn, as layout decided."""

    MARKER = "marker"  # a dot centred on t0
    BAR = "bar"  # a range: t0..t1, at least a marker long
    SPAN = "span"  # a point event's whole day, month or year: a faint band over t0..t1


SPAN_MARKERS = 1.5  # a point event's t0..t1 wider than this many markers is drawn as a span


@dataclass(frozen=True, slots=True)
class Placed:
    """One event drawn on its own. All x are world px.

    ``span_x0``/``span_x1`` (t0 and t1) scale with the zoom; the other x are as drawn at
    the layout's level, and their offsets from the mark (label beside a marker, inside a
    bar) are kept in px when the painter maps the mark to a finer zoom."""

    index: int  # event index
    row: int  # 0 = top row of the lane
    x0: float  # where the mark starts: t0 - marker/2 for a marker, t0 for a bar or span
    x1: float  # where it ends: x0 + marker for a marker or span; a bar is at least that
    label: str  # the text to draw, maybe elided with "…"; "" when no label fits
    label_x: float  # where the label starts: inside the mark when < x1
    label_w: float  # its measured width (0 when there is no label)
    span_x0: float  # t0 and t1 of the event: for a point event, the day/month/year
    span_x1: float  # its date stands for
    mark: Mark = Mark.MARKER


@dataclass(frozen=True, slots=True)
class Cluster:
    """Events too dense to draw one by one at this zoom: drawn as one mark with a count.

    The mark is a box from the first start ``x0`` to just past the last start, ``x1``
    (world px), with room for the count inside; members' bars are not drawn, and may
    reach beyond ``x1``: ``t0..t1`` is the time the members cover.
    """

    row: int
    x0: float
    x1: float
    members: tuple[int, ...]  # event indexes, ascending
    t0: float
    t1: float


@dataclass(frozen=True, slots=True)
class LaneLayout:
    """A lane's rows at one zoom level; items in order of start (``span_x0``), clusters
    in order of ``x0``."""

    rows: int  # rows used (>= 1 even when empty)
    items: tuple[Placed, ...]
    clusters: tuple[Cluster, ...]


@dataclass(slots=True, eq=False)
class _Box:
    """A mark while packing: one event, or a cluster once it holds several."""

    x0: float
    x1: float  # end of marker, bar or cluster box
    last_start: float  # the latest start among its members
    mark_free: float  # where the next mark may start in its row: x1 + gap
    free: float  # ... without overlapping its label or bracket either
    members: list[int]
    label: str = ""
    label_x: float = 0.0
    label_w: float = 0.0
    mark: Mark = Mark.MARKER
    cluster: bool = False
    title: str = field(default="", repr=False)
    row: int = -1
    important: bool = False  # importance 4 or 5: its label is cut last
    strayed: bool = False  # not in the row it had before: its label yields to that row's own


def memoised(measure: Callable[[str], float]) -> Callable[[str], float]:
    """``measure`` asked once per distinct text (text measurement is what layout costs)."""
    widths: dict[str, float] = {}

    def width(text: str) -> float:
        w = widths.get(text)
        if w is None:
            w = widths[text] = measure(text)
        return w

    width.memoised = True  # type: ignore[attr-defined]
    return width


_MARK_FREE = attrgetter("mark_free")


def _START(box: _Box) -> float:
    """Where a mark's first member starts (a marker is centred on it)."""
    return box.x0 if box.cluster else box.last_start


_X0 = attrgetter("x0")
_T0, _T1 = attrgetter("t0"), attrgetter("t1")
_FIRST = itemgetter(0)


class _Field(Sequence[float]):
    """One field of every event, read when asked for (``starts`` when none are given)."""

    def __init__(self, events: Sequence[Event], field: Callable[[Event], float]) -> None:
        self._events, self._field = events, field

    def __getitem__(self, i: int) -> float:  # type: ignore[override]
        return self._field(self._events[i])

    def __len__(self) -> int:
        return len(self._events)


def stack_lane(events: Sequence[Event], members: Sequence[int], px_per_second: float,
               measure: Callable[[str], float], *, max_rows: int = 6, marker: float = 10.0,
               gap: float = 6.0, starts: Sequence[float] | None = None,
               ends: Sequence[float] | None = None,
               prefer: Callable[[int], int | None] | None = None,
               unchanged: Callable[[int], bool] | None = None,
               kept: LaneLayout | None = None) -> LaneLayout:
    """Stack a lane's events into at most ``max_rows`` rows (:data:`EXTRA_ROWS` more to keep
    an important label whole) so that nothing overlaps.

    Greedy interval packing in start order, into the first row that is free. When every
    row is taken, the event goes to the row whose last mark ends earliest, eliding (or
    dropping) the label in its way; not the label of an event of importance 4 or more
    while another row will do or an extra row can open. If every row's last mark is in
    the way, it merges with the mark that starts nearest into a :class:`Cluster`. Starts denser than
    ``max_rows`` per marker width are clustered first. O(n log n); ``measure`` is called
    once per distinct title or count, plus a binary search per elided label. ``starts``
    and ``ends``, every event's ``t0`` and ``t1`` (:mod:`viewer.model.columns`), are read
    instead of the events when given.

    ``prefer``: event index → the row it had before (None: none). A mark (a cluster: by
    its first member) goes back to that row when the row is open and free at its start,
    or, every row being taken, when only a label there is in the way; else the rule above.
    ``unchanged``: event index → whether the event is as it was when that row was given (its
    start and title): a label of such an event in the way of a preferred row is cut again,
    as it was before, so that shortening a title moves nothing; one an edit made longer or
    moved takes the room, and the mark it reaches moves.
    So an edit moves only the marks whose room it took, not every one after it, and a
    layout given the rows it made itself makes them again. Rows may then be left empty.

    ``kept``: a layout of this lane at this level over an overlapping stretch, to carry on
    from (a pan over a large file): its items and clusters holding any of ``members`` stay
    in their rows as they are (a label may be cut by what comes after it, and a mark may
    take in later events as a cluster), and the other members are packed around them by
    the rules above, in a row only where they end a gap before its next kept mark, else in
    a row opened for them or, none being left, gathered into a cluster that does. Packed
    after them, past a rightward pan, they go as one layout of both stretches would.
    """
    if not px_per_second > 0 or max_rows < 1:
        raise ValueError("px_per_second must be positive and max_rows at least 1")
    width = measure if getattr(measure, "memoised", False) else memoised(measure)
    if starts is None:
        starts = _Field(events, _T0)
    if ends is None:
        ends = _Field(events, _T1)

    pack = _Packer(px_per_second, marker, gap, width)
    carried: list[_Box] = []
    if kept is not None:
        carried = pack.carry(events, kept, members, starts)
        taken = {i for box in carried for i in box.members}
        members = [i for i in members if i not in taken]
    t0 = list(map(starts.__getitem__, members))
    if all(map(le, t0, islice(t0, 1, None))):  # as members usually come: in start order
        order = list(members)
    else:
        order = [i for _, i in sorted(zip(t0, members, strict=True), key=_FIRST)]  # stable
        t0.sort()
    xs = list(map(mul, t0, repeat(px_per_second)))
    boxes = carried
    for unit in units(order, xs, dense(xs, marker, max_rows), marker):
        if len(unit) > 1:
            boxes.append(pack.cluster(unit, starts[unit[0]] * px_per_second,
                                      starts[unit[-1]] * px_per_second))
        else:
            boxes.append(pack.item(events[unit[0]], unit[0]))
    # the carried marks keep their rows: the others are packed around them, in start order
    walls: list[list[float]] = []  # each row's carried marks' x0, the next one last
    if carried:
        boxes.sort(key=_START)  # stable: a carried mark before a new one starting with it
        for box in reversed(boxes):
            if box.row >= 0:
                walls += [[] for _ in range(box.row + 1 - len(walls))]
                walls[box.row].append(box.x0)

    def room(row: int, x1: float) -> bool:
        """Whether a mark ending at ``x1`` leaves the gap before the row's next carried
        mark (always, but when carrying on from ``kept`` before its marks)."""
        return row >= len(walls) or not walls[row] or x1 + gap <= walls[row][-1]

    # rows beyond max_rows open only to keep an important label whole
    most = max_rows + EXTRA_ROWS
    free = [-math.inf] * most  # where each row can take its next mark
    # each used row's last mark; None: a row left empty so far (only with ``prefer``),
    # which is free, so that every row is taken only when none is None
    last: list[_Box | None] = []
    placed: list[_Box] = []
    want: int | None = None
    for box in boxes:
        x0 = box.x0
        if prefer is not None:
            want = prefer(box.members[0])
        row = box.row  # -1 but for a mark carried on from ``kept``, which keeps its row
        if row >= 0:
            walls[row].pop()
            owner = last[row] if row < len(last) else None
            if owner is not None and owner.free > x0:  # only a label can be in the way
                pack.elide_label(owner, x0)
        elif want is not None and 0 <= want < max(max_rows, len(last)) \
                and room(want, box.x1):
            if free[want] <= x0:
                row = want
            else:  # only a label in the way, cut there before (its event unchanged) or
                # of a mark that strayed there? cut it again; not an important one
                owner = last[want]
                if owner is not None and not owner.important and owner.mark_free <= x0 \
                        and (owner.strayed or (unchanged is not None
                                               and unchanged(owner.members[0]))):
                    pack.elide_label(owner, x0)
                    row = want
        if row < 0:
            for row in range(max(max_rows, len(last))):
                if free[row] <= x0 and room(row, box.x1):
                    break
            else:
                row = -1
                # the rows it may go in, all taken (every row, but before carried marks)
                full = [b for b in last if b is not None and room(b.row, box.x1)]
                prev = min(full, key=_MARK_FREE, default=None)
                # a row to open (past max_rows), or -1
                spare = next((r for r in range(max(max_rows, len(last)), most)
                              if room(r, box.x1)), -1)
                if prev is None or prev.mark_free > x0:
                    fits = [b for b in last if b is not None and (
                        not walls or room(b.row, pack.absorbed_x1(b, box)))]
                    if not fits and spare >= 0:
                        row = spare  # none that can take it: open a row
                    else:
                        anyone = fits or [b for b in last if b is not None]
                        if anyone:
                            prev = max(anyone, key=_X0)
                            pack.absorb(prev, box)
                            free[prev.row] = prev.free
                            continue
                        # nothing placed yet, every row walled just ahead: the furthest
                        row = max(range(most), key=lambda r: walls[r][-1]
                                  if r < len(walls) and walls[r] else math.inf)
                else:
                    opened = False
                    owner = last[want] if want is not None and 0 <= want < len(last) \
                        else None
                    if owner is not None and owner.mark_free <= x0 and not owner.important \
                            and room(owner.row, box.x1):
                        prev = owner  # only its label is in the way: cut it, as before
                    elif prev.important:  # cut another label, or open a row, rather than this
                        others = [b for b in full if not b.important and b.mark_free <= x0]
                        if others:
                            prev = min(others, key=_MARK_FREE)
                        else:
                            opened = spare >= 0
                    if opened:
                        row = spare
                    else:
                        pack.elide_label(prev, x0)
                        row = prev.row
            if row < len(walls) and walls[row] and box.label \
                    and box.label_x + box.label_w + gap > walls[row][-1]:
                pack.elide_label(box, walls[row][-1])  # its label stops before the wall
        box.row = row
        if row != want and prefer is not None:
            box.strayed = True
        placed.append(box)
        if row < len(last):
            last[row] = box
        else:
            if row > len(last):
                last += [None] * (row - len(last))
            last.append(box)
        free[row] = box.free

    items: list[Placed] = []
    clusters: list[Cluster] = []
    for box in placed:
        if box.cluster:
            ids = tuple(sorted(box.members))
            # boxes come in start order, a unit's first member first: so does a cluster's
            clusters.append(Cluster(box.row, box.x0, box.x1, ids, starts[box.members[0]],
                                    max(map(ends.__getitem__, ids))))
        else:
            index = box.members[0]
            items.append(Placed(index, box.row, box.x0, box.x1, box.label, box.label_x,
                                box.label_w, starts[index] * px_per_second,
                                ends[index] * px_per_second, box.mark))
    return LaneLayout(max(1, len(last)), tuple(items), tuple(clusters))


@dataclass(frozen=True, slots=True)
class _Packer:
    """Sizes marks and labels at one zoom level, and reshapes them when rows are full."""

    pps: float
    marker: float
    gap: float
    width: Callable[[str], float]

    def item(self, event: Event, index: int) -> _Box:
        # max() spelt out: this runs once per event laid out
        t0x, t1x = event.t0 * self.pps, event.t1 * self.pps
        marker = self.marker
        title = event.title
        w = self.width(title) if title else 0.0
        if event.end is not None:
            mark, x0 = Mark.BAR, t0x
            x1 = t1x if t1x >= t0x + marker else t0x + marker
            inside = w + 2 * LABEL_PAD <= x1 - x0
        elif t1x - t0x > SPAN_MARKERS * marker:
            mark, x0, x1, inside = Mark.SPAN, t0x, t0x + marker, True
        else:
            mark, x0, x1, inside = Mark.MARKER, t0x - marker / 2, t0x + marker / 2, False
        label_x = x0 + LABEL_PAD if inside else x1 + LABEL_PAD
        mark_free = x1 + self.gap
        free = t1x if t1x > mark_free else mark_free
        if w:
            label_end = label_x + w + self.gap
            if label_end > free:
                free = label_end
        importance = event.importance
        return _Box(x0, x1, t0x, mark_free, free, [index], title if w else "", label_x, w,
                    mark, title=title, important=importance is not None and importance >= IMPORTANT)

    def carry(self, events: Sequence[Event], kept: LaneLayout, members: Sequence[int],
              starts: Sequence[float]) -> list[_Box]:
        """``kept``'s marks holding any of ``members`` as they were, in order of start."""
        wanted = set(members)
        gap = self.gap
        out: list[tuple[float, _Box]] = []
        for p in kept.items:
            if p.index in wanted:
                event = events[p.index]
                mark_free = p.x1 + gap
                free = max(mark_free, p.span_x1,
                           p.label_x + p.label_w + gap if p.label else mark_free)
                importance = event.importance
                out.append((p.span_x0, _Box(
                    p.x0, p.x1, p.span_x0, mark_free, free, [p.index], p.label, p.label_x,
                    p.label_w, p.mark, title=event.title, row=p.row,
                    important=importance is not None and importance >= IMPORTANT)))
        for c in kept.clusters:
            if not wanted.isdisjoint(c.members):
                ids = sorted(c.members, key=starts.__getitem__)  # stable: ties by index
                out.append((c.x0, _Box(c.x0, c.x1, starts[ids[-1]] * self.pps, c.x1 + gap,
                                       c.x1 + gap, ids, cluster=True, row=c.row)))
        out.sort(key=_FIRST)  # stable: items before clusters starting with them
        return [box for _, box in out]

    def cluster(self, unit: list[int], x0: float, last_start: float) -> _Box:
        box = _Box(x0, 0.0, last_start, 0.0, 0.0, unit, cluster=True)
        self._fit(box)
        return box

    def _fit(self, box: _Box) -> None:
        """Size a cluster's box to span its starts, with room for its count inside."""
        room = max(self.marker, self.width(f"{len(box.members):,}") + 2 * LABEL_PAD)
        box.x1 = max(box.last_start + self.marker, box.x0 + room)
        box.free = box.mark_free = box.x1 + self.gap

    def absorbed_x1(self, box: _Box, other: _Box) -> float:
        """Where ``box``'s mark would end once it :meth:`absorb`\\ s ``other``."""
        x0 = box.x0 if box.cluster else box.last_start
        room = max(self.marker, self.width(f"{len(box.members) + len(other.members):,}")
                   + 2 * LABEL_PAD)
        return max(max(box.last_start, other.last_start) + self.marker, x0 + room)

    def absorb(self, box: _Box, other: _Box) -> None:
        """Merge ``other`` (starting no earlier) into ``box``, which becomes a cluster."""
        if not box.cluster:  # a cluster's box starts at its first start, not its mark
            box.x0 = box.last_start
        box.members.extend(other.members)
        box.last_start = max(box.last_start, other.last_start)
        box.cluster = True
        box.label, box.label_w = "", 0.0
        self._fit(box)

    def elide_label(self, box: _Box, next_x0: float) -> None:
        """Shorten ``box``'s label to leave a gap before ``next_x0``, or drop it."""
        limit = next_x0 - self.gap
        if box.label and box.label_x + box.label_w > limit:
            box.label = elide(box.title, limit - box.label_x, self.width)
            box.label_w = self.width(box.label) if box.label else 0.0
        label_end = box.label_x + box.label_w + self.gap if box.label else box.mark_free
        box.free = max(box.mark_free, label_end)


def elide(text: str, room: float, measure: Callable[[str], float]) -> str:
    """The longest prefix of ``text`` plus "…" measuring at most ``room``; "" if that
    would show fewer than :data:`MIN_LABEL_CHARS` characters. Binary search: O(log len)."""
    if measure(text) <= room:
        return text

    def shown(k: int) -> str:
        return text[:k].rstrip() + ELLIPSIS

    lo, hi = MIN_LABEL_CHARS, len(text) - 1
    if hi < lo or len(text[:lo].strip()) < MIN_LABEL_CHARS or measure(shown(lo)) > room:
        return ""
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if measure(shown(mid)) <= room:
            lo = mid
        else:
            hi = mid - 1
    return shown(lo)
