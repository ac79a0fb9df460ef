"""Adaptive ticks for the time axis, from minutes to billions of years.

A declarative ladder of steps (:data:`LADDER`: minutes, hours, days, weeks, months, then
years in a 1-2-5 sequence up to 10^12) is searched from the finest; the first step whose
labels fit between its ticks is the minor row, and its enclosing unit (day, month, year,
power of ten years) is the major row. Steps walk the calendar with the integer civil
arithmetic of :mod:`viewer.model.dates`: days start at midnight UTC, weeks on Mondays, months
on the 1st, and year steps on calendar multiples. BC years align on their BC number, so
the axis reads "500 BC", "490 BC" (astronomical years -499, -489), never "501 BC"; AD
years align on the year itself (1990, 2000). Steps of 100,000 years and more read in years
ago ("13.8 billion years ago") and align on astronomical years, year 0 reading "now".

**Labels are centred on their tick's x.** Within each row, consecutive labels keep at
least ``min_gap`` pixels between them and never overlap; :func:`visible_labels` then picks
the labels that are not cut by the ends of the axis. Ticks are chosen in real time and drawn
where the Scale puts them; those inside a fold of the scale are dropped. Nothing here
imports Qt.
"""

from __future__ import annotations

import enum
import functools
import itertools
import math
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from viewer.model.dates import (
    MONTH_ABBR,
    MONTH_NAMES,
    SECONDS_PER_DAY,
    YearStyle,
    civil_from_days,
    days_from_civil,
    days_in_month,
    year_text,
)
from viewer.view.scale import Scale

Measure = Callable[[str], float]

MIN_TICK_SPACING = 4.0
"""Pixels between ticks whatever their labels, so a row never holds more than ~width/4."""

_MAX_TICKS = 10_000  # a row never has more ticks than this, however wide the widget
_MAX_T = 1e30  # axis seconds (3e22 years) beyond which no ticks are computed
_ABBR, _MONTHS = MONTH_ABBR, MONTH_NAMES
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONDAY = 2  # day number of Monday 2000-01-03; day 0 (2000-01-01) was a Saturday
_DEEP_STEP = 100_000  # year steps from this long read in years ago
_AD_1 = float(days_from_civil(1, 1, 1) * SECONDS_PER_DAY)


@dataclass(frozen=True, slots=True)
class Tick:
    """One tick of a row: its time, its pixel, and its label, drawn centred on ``x``."""

    t: float  # axis seconds
    x: float  # pixel, via the Scale
    label: str  # "" when this tick carries no label; drawn centred on x


@dataclass(frozen=True, slots=True)
class Ticks:
    """The two rows of an axis; both sorted by time and lying within the window.

    ``context`` is the full major label of the period containing the window's start (e.g.
    "Mon 14 Jan 2026" when ``minor`` are hours), for the canvas to pin at the left end of
    the major row when no major tick is near. When ``minor`` are years (up to decades) it
    is the window start's year, for the canvas to pin when that year's own label is not
    drawn (its tick is off to the left, or too near the edge); "" for coarser steps.
    """

    major: tuple[Tick, ...]  # the coarser row; unlabelled ticks (label "") for year steps
    minor: tuple[Tick, ...]  # the finer ticks with short labels ("Jan" / "14" / "09:00")
    unit: str  # name of the minor step, e.g. "month", "decade", "hour"; "" when no ticks
    context: str = ""


_NO_TICKS = Ticks((), (), "")


class _Kind(enum.Enum):
    """How a step walks the calendar; a tick's integer *key* is given in brackets."""

    SECOND = "second"  # fixed multiples of seconds from the epoch [seconds]
    DAY = "day"  # midnights [day number]
    WEEK = "week"  # Monday midnights [day number]
    MONTH = "month"  # the 1st of months whose index is a multiple [year * 12 + month - 1]
    YEAR = "year"  # 1 January of years whose AD or BC number is a multiple [year]


@dataclass(frozen=True, slots=True)
class _Major:
    """A major row: the step it walks and its label formats, longest first (none: no
    labels); a format takes a tick's key and how the axis writes years."""

    kind: _Kind
    count: int
    formats: tuple[Callable[[int, YearStyle], str], ...]


@dataclass(frozen=True, slots=True)
class _Step:
    """One rung of the ladder: ``count`` units of ``kind`` between minor ticks."""

    unit: str
    kind: _Kind
    count: int
    major: _Major
    shortest: float  # the fewest seconds between two of its ticks


def year_label(year: int, step: int, eras: YearStyle) -> str:
    """An astronomical year on an axis of ``step``-year ticks: with ``step >= 100_000``
    in years ago (:data:`YearStyle.AGO`, year 0 reading "now"), else as the axis writes
    years, ``eras`` (:data:`YearStyle.CALENDAR`, or :data:`YearStyle.BOTH_ERAS` on an axis
    across AD 1: "AD 100"). Distinct years on a step's ticks always get distinct labels."""
    return year_text(year, style=YearStyle.AGO if step >= _DEEP_STEP else eras)


def _number(year: int, step: int) -> int:
    """A year's number on the lattice of ``step``-year ticks, whose multiples get ticks.

    Below :data:`_DEEP_STEP` it is the era number (AD n is n, n BC is -n, and 0 is no year),
    so ticks fall on round AD and BC years; deep steps use astronomical years (0 is "now").
    """
    return year if step >= _DEEP_STEP or year >= 1 else year - 1


def _year(number: int, step: int) -> int:
    return number if step >= _DEEP_STEP or number >= 1 else number + 1


def _day_of(t: float) -> int:
    return math.floor(t / SECONDS_PER_DAY)


def _month_index(t: float) -> int:
    year, month, _ = civil_from_days(_day_of(t))
    return year * 12 + month - 1


def _walk(kind: _Kind, count: int, t0: float, t1: float) -> list[tuple[float, int]]:
    """``(t, key)`` of every tick of ``count`` ``kind`` units within ``[t0, t1]``, in order."""
    out: list[tuple[float, int]] = []
    if kind is _Kind.SECOND or kind is _Kind.DAY:
        size = count if kind is _Kind.SECOND else count * SECONDS_PER_DAY
        for k in range(math.ceil(t0 / size), math.floor(t1 / size) + 1):
            t = float(k * size)
            if t0 <= t <= t1:
                out.append((t, k * size if kind is _Kind.SECOND else k * count))
    elif kind is _Kind.WEEK:
        first = math.ceil(t0 / SECONDS_PER_DAY)
        first += (_MONDAY - first) % 7
        for day in range(first, _day_of(t1) + 1, 7):
            t = float(day * SECONDS_PER_DAY)
            if t0 <= t <= t1:
                out.append((t, day))
    elif kind is _Kind.MONTH:
        index = _month_index(t0)
        index += -index % count
        while True:
            year, month0 = divmod(index, 12)
            t = float(days_from_civil(year, month0 + 1, 1) * SECONDS_PER_DAY)
            if t > t1:
                break
            if t >= t0:
                out.append((t, index))
            index += count
    else:
        n0 = _number(civil_from_days(_day_of(t0))[0], count)
        n1 = _number(civil_from_days(_day_of(t1))[0], count)
        for number in range(n0 + -n0 % count, n1 + 1, count):
            year = _year(number, count)
            t = float(days_from_civil(year, 1, 1) * SECONDS_PER_DAY)
            if number == 0 and count < _DEEP_STEP:  # no year 0: the era's turn, at AD 1
                year, t = 1, _AD_1
                if count == 1:
                    continue  # AD 1 is a tick of its own
            if t0 <= t <= t1:
                out.append((t, year))
    return out


def _ordinal(kind: _Kind, count: int, key: int) -> int:
    """A tick's index along its step's lattice, for thinning labels to every n-th."""
    if kind is _Kind.WEEK:
        return (key - _MONDAY) // 7
    return (_number(key, count) if kind is _Kind.YEAR else key) // count


def _minor_label(step: _Step, eras: YearStyle, key: int) -> str:
    kind = step.kind
    if kind is _Kind.SECOND:
        of_day = key % SECONDS_PER_DAY
        return f"{of_day // 3600:02d}:{of_day % 3600 // 60:02d}"
    if kind is _Kind.DAY or kind is _Kind.WEEK:
        return str(civil_from_days(key)[2])
    if kind is _Kind.MONTH:
        return _ABBR[key % 12]
    return year_label(key, step.count, eras)


def _samples(step: _Step, t0: float, t1: float, eras: YearStyle) -> Iterable[str]:
    """Labels as wide as the step's widest in this window, to rule the step out cheaply."""
    kind = step.kind
    if kind is _Kind.DAY or kind is _Kind.WEEK:
        return ("28", "30")
    if kind is _Kind.MONTH:
        return _ABBR[::step.count]
    if kind is _Kind.SECOND:
        return ("00:00", _minor_label(step, eras, math.floor(t1 / step.count) * step.count))
    numbers = [_number(civil_from_days(_day_of(t))[0], step.count) for t in (t0, t1)]
    aligned = [n - n % step.count or -step.count for n in numbers]
    return [year_label(_year(n, step.count), step.count, eras) for n in aligned]


def _weekday_date(day: int, eras: YearStyle) -> str:
    return f"{_WEEKDAYS[(day - _MONDAY) % 7]} {_date(day, eras)}"


def _date(day: int, eras: YearStyle) -> str:
    year, month, d = civil_from_days(day)
    return f"{d} {_ABBR[month - 1]} {year_text(year, style=eras)}"


def _day_month(day: int, eras: YearStyle) -> str:
    _, month, d = civil_from_days(day)
    return f"{d} {_ABBR[month - 1]}"


def _month_year(index: int, eras: YearStyle) -> str:
    year, month0 = divmod(index, 12)
    return f"{_MONTHS[month0]} {year_text(year, style=eras)}"


def _mon_year(index: int, eras: YearStyle) -> str:
    year, month0 = divmod(index, 12)
    return f"{_ABBR[month0]} {year_text(year, style=eras)}"


def _calendar_year(year: int, eras: YearStyle) -> str:
    return year_text(year, style=eras)


def _mon(index: int, eras: YearStyle) -> str:
    return _ABBR[index % 12]


def _one_two_five() -> Iterator[int]:
    """1, 2, 5, 10, 20, 50, ... without end."""
    decade = 1
    while True:
        yield from (decade, 2 * decade, 5 * decade)
        decade *= 10


def _shortest(kind: _Kind, count: int) -> float:
    if kind is _Kind.SECOND:
        return float(count)
    if kind is _Kind.MONTH:
        days = min(sum(days_in_month(2001, (m + i) % 12 + 1) for i in range(count))
                   for m in range(12))
    else:
        days = {_Kind.DAY: count, _Kind.WEEK: 7, _Kind.YEAR: 365 * count}[kind]
    return float(days * SECONDS_PER_DAY)


def _step(unit: str, kind: _Kind, count: int, major: _Major) -> _Step:
    return _Step(unit, kind, count, major, _shortest(kind, count))


def _years_unit(n: int) -> str:
    named = {1: "year", 10: "decade", 100: "century", 1000: "millennium",
             10**6: "million years", 10**9: "billion years"}
    if n in named:
        return named[n]
    if n >= 10**9:
        return f"{n // 10**9:,} billion years"
    return f"{n // 10**6} million years" if n >= 10**6 else f"{n:,} years"


_BY_DAY = _Major(_Kind.DAY, 1, (_weekday_date, _date, _day_month))
_BY_MONTH = _Major(_Kind.MONTH, 1, (_month_year, _mon_year, _mon))
_BY_YEAR = _Major(_Kind.YEAR, 1, (_calendar_year,))

LADDER: tuple[_Step, ...] = (
    _step("minute", _Kind.SECOND, 60, _BY_DAY),
    _step("5 minutes", _Kind.SECOND, 5 * 60, _BY_DAY),
    _step("15 minutes", _Kind.SECOND, 15 * 60, _BY_DAY),
    _step("30 minutes", _Kind.SECOND, 30 * 60, _BY_DAY),
    _step("hour", _Kind.SECOND, 3600, _BY_DAY),
    _step("3 hours", _Kind.SECOND, 3 * 3600, _BY_DAY),
    _step("6 hours", _Kind.SECOND, 6 * 3600, _BY_DAY),
    _step("12 hours", _Kind.SECOND, 12 * 3600, _BY_DAY),
    _step("day", _Kind.DAY, 1, _BY_MONTH),
    _step("week", _Kind.WEEK, 1, _BY_MONTH),
    _step("month", _Kind.MONTH, 1, _BY_YEAR),
    _step("quarter", _Kind.MONTH, 3, _BY_YEAR),
    _step("half-year", _Kind.MONTH, 6, _BY_YEAR),
    *(_step(_years_unit(n), _Kind.YEAR, n, _Major(_Kind.YEAR, 10 ** len(str(n)), ()))
      for n in itertools.takewhile(lambda n: n <= 10**12, _one_two_five())),
)
"""The steps from finest to coarsest; year steps have unlabelled powers of ten as majors."""


def compute_ticks(scale: Scale, measure: Measure, min_gap: float = 8.0) -> Ticks:
    """The ticks for ``scale``'s window, with labels ``measure(text)`` pixels wide.

    The minor row uses the finest ladder step whose labels, centred on their ticks, keep
    ``min_gap`` pixels apart (and whose ticks are at least :data:`MIN_TICK_SPACING` apart);
    the major row uses the step's enclosing unit, falling back to shorter label formats and
    then to labelling every 2nd, 5th, 10th... tick until its labels fit too. Degenerate
    input (an empty, reversed or non-finite window or scale) gives no ticks; never raises
    for any measure returning numbers.
    """
    t0, t1 = scale.window.start, scale.window.end
    pps = scale.px_per_second
    if not (-_MAX_T < t0 < t1 < _MAX_T and 0.0 < pps < math.inf
            and math.isfinite(scale.left)):
        return _NO_TICKS
    # an axis across AD 1 shows both eras: then AD years say so ("AD 100")
    eras = YearStyle.BOTH_ERAS if t0 < _AD_1 < t1 else YearStyle.CALENDAR
    return _ticks(scale, measure, min_gap, eras)


def _ticks(scale: Scale, measure: Measure, min_gap: float, eras: YearStyle) -> Ticks:
    t0, t1 = scale.window.start, scale.window.end
    pps = scale.px_per_second
    gap = min_gap if min_gap >= 0.0 else 0.0
    width = _memo(measure)
    for step in LADDER:
        spacing = step.shortest * pps
        if spacing < MIN_TICK_SPACING or (t1 - t0) / step.shortest > _MAX_TICKS:
            continue
        if spacing < max(width(s) for s in _samples(step, t0, t1, eras)) + gap:
            continue
        walked = _unfolded(scale, _walk(step.kind, step.count, t0, t1))
        minor = _labelled(scale, walked, functools.partial(_minor_label, step, eras))
        if _fits(minor, width, gap):
            break
    else:  # even the coarsest labels collide: keep that step, and label fewer of its ticks
        step = LADDER[-1]
        if step.shortest * pps < MIN_TICK_SPACING or (t1 - t0) / step.shortest > _MAX_TICKS:
            return _NO_TICKS
        walked = _unfolded(scale, _walk(step.kind, step.count, t0, t1))
        minor = _thinned(_labelled(scale, walked, functools.partial(_minor_label, step, eras)),
                         [_ordinal(step.kind, step.count, key) for _, key in walked],
                         width, gap)
    major, context = _major_row(scale, step.major, width, gap, eras)
    if step.kind is _Kind.YEAR and step.count <= 10:
        context = year_label(civil_from_days(_day_of(t0))[0], step.count, eras)
    return Ticks(major, tuple(minor), step.unit, context)


def _major_row(scale: Scale, major: _Major, width: Measure, gap: float,
               eras: YearStyle) -> tuple[tuple[Tick, ...], str]:
    """The major row's ticks, labelled with the longest format that fits, and the context."""
    t0, t1 = scale.window.start, scale.window.end
    walked = _unfolded(scale, _walk(major.kind, major.count, t0, t1))
    if not major.formats:
        return tuple(Tick(t, scale.x(t), "") for t, _ in walked), ""
    ticks: list[Tick] = []
    for fmt in major.formats:
        ticks = _labelled(scale, walked, functools.partial(_in_style, fmt, eras))
        if _fits(ticks, width, gap):
            break
    else:
        ticks = _thinned(ticks, [_ordinal(major.kind, major.count, k) for _, k in walked],
                         width, gap)
    if major.kind is _Kind.DAY:
        key = _day_of(t0)
    elif major.kind is _Kind.MONTH:
        key = _month_index(t0)
    else:
        key = civil_from_days(_day_of(t0))[0]
    return tuple(ticks), major.formats[0](key, eras)


def _unfolded(scale: Scale, walked: list[tuple[float, int]]) -> list[tuple[float, int]]:
    """``walked`` but the ticks inside the scale's folds."""
    folds = scale.folds
    return [w for w in walked if not folds.hides(w[0])] if folds else walked


def _in_style(fmt: Callable[[int, YearStyle], str], eras: YearStyle, key: int) -> str:
    return fmt(key, eras)


def _labelled(scale: Scale, walked: list[tuple[float, int]],
              label: Callable[[int], str]) -> list[Tick]:
    return [Tick(t, scale.x(t), label(key)) for t, key in walked]


def _fits(ticks: Iterable[Tick], width: Measure, gap: float) -> bool:
    """Whether consecutive labels, centred on their ticks, stay ``gap`` pixels apart."""
    right: float | None = None
    for tick in ticks:
        if tick.label:
            half = 0.5 * width(tick.label)
            if right is not None and not (tick.x - half > right and tick.x - half >= right + gap):
                return False
            right = tick.x + half
    return True


def _thinned(ticks: list[Tick], ordinals: list[int], width: Measure,
             gap: float) -> list[Tick]:
    """``ticks`` with labels kept only where the ordinal is a multiple of the smallest of
    1, 2, 5, 10... that makes them fit; multiples of a stride stay put while panning."""
    for stride in _one_two_five():
        kept = [tick if ordinal % stride == 0 else Tick(tick.t, tick.x, "")
                for tick, ordinal in zip(ticks, ordinals, strict=True)]
        if sum(1 for tick in kept if tick.label) <= 1 or _fits(kept, width, gap):
            return kept
    raise AssertionError("unreachable: the strides grow without end")


def _memo(measure: Measure) -> Measure:
    """``measure`` asked once per text, with NaN and negative widths read as 0."""
    cache: dict[str, float] = {}

    def width(text: str) -> float:
        w = cache.get(text)
        if w is None:
            w = float(measure(text))
            w = cache[text] = w if w >= 0.0 else 0.0
        return w

    return width


def visible_labels(ticks: tuple[Tick, ...], left: float, right: float,
                   measure: Measure) -> tuple[Tick, ...]:
    """The labelled ticks whose label, centred on the tick, lies wholly within
    ``[left, right]``: the canvas draws exactly these labels (the others are dropped, not
    shifted, so a label never moves off its tick nor onto a neighbour)."""
    out = []
    for tick in ticks:
        if tick.label:
            half = 0.5 * measure(tick.label)
            if tick.x - half >= left and tick.x + half <= right:
                out.append(tick)
    return tuple(out)
