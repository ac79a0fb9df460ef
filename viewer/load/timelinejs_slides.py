"""What the TimelineJS readers (JSON and spreadsheet CSV) hand to the builder: slides whose
every written value remembers its line and column, so one builder words every problem."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from viewer.load.yamltree import Scalar

DATE_PARTS = ("year", "month", "day", "hour", "minute", "second", "millisecond")


class Located(Protocol):
    """Anything written somewhere: a value, an object, a cell."""

    @property
    def line(self) -> int: ...

    @property
    def column(self) -> int: ...


@dataclass(frozen=True, slots=True)
class Where:
    line: int
    column: int


@dataclass
class DateParts:
    """A TimelineJS date as written: its parts (text, or None for null) where they were.

    ``names`` says how to call a part in a message (``start_date.month`` or ``End Month``).
    """

    where: Located
    label: str
    parts: dict[str, Scalar] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    display: Scalar | None = None
    missing: str = ""  # the message when the year is missing, if not "LABEL has no year"

    def name(self, part: str) -> str:
        return self.names.get(part, f"{self.label}.{part}")

    @property
    def empty(self) -> bool:
        return not any(_given(v) for v in self.parts.values())


@dataclass
class Media:
    where: Located
    url: Scalar | None = None
    caption: Scalar | None = None
    credit: Scalar | None = None
    title: Scalar | None = None


@dataclass
class Slide:
    """An event, the title slide or an era. ``broken``: the reader already reported an error
    inside it, so it is left out."""

    where: Located
    start: DateParts | None = None
    end: DateParts | None = None
    headline: Scalar | None = None
    text: Scalar | None = None
    media: Media | None = None
    group: Scalar | None = None
    display_date: Scalar | None = None
    unique_id: Scalar | None = None
    broken: bool = False


@dataclass
class SlideSet:
    """A whole TimelineJS timeline."""

    title: Slide | None = None
    events: list[Slide] = field(default_factory=list)
    eras: list[Slide] = field(default_factory=list)


def text_of(value: Scalar | None) -> str:
    """The text of an optional value; "" for absent or null."""
    return value.value if value is not None and value.value is not None else ""


def _given(value: Scalar | None) -> bool:
    return bool(text_of(value).strip())
