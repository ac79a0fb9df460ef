"""The timeline as plain values: categories, periods and events, as the loader built them."""

from __future__ import annotations

from dataclasses import dataclass, field

from viewer.model.dates import Date


@dataclass(frozen=True, slots=True)
class Category:
    name: str
    label: str
    colour: str | None  # "#rrggbb", or None for a palette colour chosen by the view


@dataclass(frozen=True, slots=True)
class Source:
    """A citation; ``url`` is only ever made clickable when ``safe_url`` is true."""

    title: str
    url: str = ""
    publisher: str = ""
    date: str = ""
    safe_url: bool = False


@dataclass(frozen=True, slots=True)
class DefaultView:
    """The author's default view (the file's top-level ``view:``), used at first open and by
    Shift+Home: the stretch of time to show (either bound may be missing) and the lanes."""

    start: Date | None = None
    end: Date | None = None
    lanes: str | None = None  # "category", "tag", "person", "place" or "single"


@dataclass(frozen=True, slots=True)
class Period:
    """An era drawn as a band behind the lanes."""

    title: str
    start: Date
    end: Date
    colour: str | None = None
    category: str | None = None
    line: int = 0

    @property
    def t0(self) -> float:
        return self.start.start

    @property
    def t1(self) -> float:
        return self.end.end


@dataclass(frozen=True, slots=True)
class Event:
    """One entry of the chronology. ``t0``/``t1`` bound it on the time axis.

    A point event written at year precision still covers that year: ``t0``..``t1`` is
    the span the user's date stands for, and ``is_range`` says whether an ``end`` was given.
    """

    id: str
    title: str
    start: Date
    end: Date | None = None
    category: str | None = None
    tags: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    summary: str = ""
    description: str = ""
    sources: tuple[Source, ...] = ()
    related: tuple[str, ...] = ()
    importance: int | None = None
    extra: tuple[tuple[str, str], ...] = ()
    line: int = 0
    t0: float = field(init=False, compare=False)
    t1: float = field(init=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "t0", self.start.start)
        object.__setattr__(self, "t1", (self.end or self.start).end)

    @property
    def is_range(self) -> bool:
        return self.end is not None

    @property
    def approximate(self) -> bool:
        return self.start.approximate or (self.end is not None and self.end.approximate)

    def date_text(self) -> str:
        """The date as the user wrote it, at its precision: ``2018`` or ``Dec 2018 – 2021``."""
        if self.end is None:
            return self.start.display()
        return f"{self.start.display()} – {self.end.display()}"


@dataclass(frozen=True, slots=True)
class Timeline:
    """A loaded file: events sorted by start (then end, then file order)."""

    title: str = ""
    description: str = ""
    categories: tuple[Category, ...] = ()
    periods: tuple[Period, ...] = ()
    events: tuple[Event, ...] = ()
    view: DefaultView | None = None  # the file's ``view:``, if it has one
    _index: dict[str, Event] = field(init=False, compare=False, repr=False)
    _span: tuple[float, float] | None = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", {e.id: e for e in self.events})
        starts = [e.t0 for e in self.events[:1]] + [p.t0 for p in self.periods]
        ends = [e.t1 for e in self.events] + [p.t1 for p in self.periods]
        object.__setattr__(self, "_span", (min(starts), max(ends)) if starts else None)

    def category(self, name: str | None) -> Category | None:
        for cat in self.categories:
            if cat.name == name:
                return cat
        return None

    def event(self, event_id: str) -> Event | None:
        return self._index.get(event_id)

    @property
    def span(self) -> tuple[float, float] | None:
        """(earliest start, latest end) over events and periods, or None when empty."""
        return self._span
