"""Dates of any era, kept at the precision the user wrote.

Years are astronomical (1 BC is year 0, 2 BC is year -1) on the proleptic Gregorian
calendar, so dates are not limited to Python's ``datetime`` range: deep-time years such
as ``-13800000000`` work. Every date maps to one float axis coordinate, seconds since
2000-01-01T00:00 UTC; a date also covers a span (a whole year, month, day, minute).
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from enum import Enum, IntEnum

from viewer.model.diagnostics import one_line

SECONDS_PER_DAY = 86400
_EPOCH_DAYS = 730425  # days from 0000-03-01 to 2000-01-01 in the civil algorithm below


class Precision(IntEnum):
    """How much of a date the user wrote, coarsest first."""

    YEAR = 0
    MONTH = 1
    DAY = 2
    MINUTE = 3
    SECOND = 4


class DateError(ValueError):
    """A date that cannot be read; ``hint`` says how to write it instead."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def days_from_civil(year: int, month: int, day: int) -> int:
    """Days since 2000-01-01 of a proleptic Gregorian date (any integer year)."""
    y = year - (month <= 2)
    era = y // 400
    yoe = y - era * 400
    mp = (month + 9) % 12
    doy = (153 * mp + 2) // 5 + day - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - _EPOCH_DAYS


def civil_from_days(days: int) -> tuple[int, int, int]:
    """The (year, month, day) of a day number from :func:`days_from_civil`."""
    z = days + _EPOCH_DAYS
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    day = doy - (153 * mp + 2) // 5 + 1
    month = mp + 3 if mp < 10 else mp - 9
    return yoe + era * 400 + (month <= 2), month, day


def is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in_month(year: int, month: int) -> int:
    if month == 2:
        return 29 if is_leap(year) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def seconds_of(year: int, month: int = 1, day: int = 1, hour: int = 0, minute: int = 0,
               second: float = 0.0) -> float:
    """The axis coordinate of a UTC calendar instant."""
    whole = days_from_civil(year, month, day) * SECONDS_PER_DAY + hour * 3600 + minute * 60
    return float(whole) + second


def civil_from_seconds(t: float) -> tuple[int, int, int, int, int, float]:
    """(year, month, day, hour, minute, second) in UTC of an axis coordinate."""
    days = int(t // SECONDS_PER_DAY)
    rest = t - days * SECONDS_PER_DAY
    year, month, day = civil_from_days(days)
    hour = int(rest // 3600)
    minute = int((rest - hour * 3600) // 60)
    return year, month, day, hour, minute, rest - hour * 3600 - minute * 60


MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")
MONTH_ABBR = tuple(name[:3] for name in MONTH_NAMES)  # "Jan" ... "Dec"
_MONTHS = MONTH_NAMES  # the name the parsing below uses


@dataclass(frozen=True, slots=True)
class Date:
    """A calendar date or instant at a precision; ``offset`` is minutes east of UTC."""

    year: int
    month: int = 1
    day: int = 1
    hour: int = 0
    minute: int = 0
    second: float = 0.0
    precision: Precision = Precision.DAY
    approximate: bool = False
    offset: int | None = None
    start: float = field(init=False, compare=False, repr=False)
    end: float = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        t = seconds_of(self.year, self.month, self.day, self.hour, self.minute, self.second)
        t -= (self.offset or 0) * 60
        object.__setattr__(self, "start", t)
        object.__setattr__(self, "end", t + self._length())

    def _length(self) -> float:
        p = self.precision
        if p == Precision.YEAR:
            return (365 + is_leap(self.year)) * SECONDS_PER_DAY
        if p == Precision.MONTH:
            return days_in_month(self.year, self.month) * SECONDS_PER_DAY
        if p == Precision.DAY:
            return SECONDS_PER_DAY
        return 60.0 if p == Precision.MINUTE else 1.0

    def iso(self) -> str:
        """The canonical written form; ``parse_date(d.iso()) == d``."""
        y = f"{self.year:04d}" if self.year >= 0 else f"-{-self.year:04d}"
        text = y
        if self.precision >= Precision.MONTH:
            text += f"-{self.month:02d}"
        if self.precision >= Precision.DAY:
            text += f"-{self.day:02d}"
        if self.precision >= Precision.MINUTE:
            text += f"T{self.hour:02d}:{self.minute:02d}"
        if self.precision == Precision.SECOND:
            sec = f"{self.second:09.6f}".rstrip("0").rstrip(".")
            text += ":" + (sec if len(sec) >= 2 else "0" + sec)
        if self.precision >= Precision.MINUTE and self.offset is not None:
            text += _offset_text(self.offset)
        return ("~" if self.approximate else "") + text

    def display(self) -> str:
        """A human reading of the date at its precision, e.g. ``14 January 2026``."""
        text = year_text(self.year)
        if self.precision >= Precision.MONTH:
            text = f"{MONTH_NAMES[self.month - 1]} {text}"
        if self.precision >= Precision.DAY:
            text = f"{self.day} {text}"
        if self.precision >= Precision.MINUTE:
            text += f", {self.hour:02d}:{self.minute:02d}"
            if self.precision == Precision.SECOND:
                text += f":{int(self.second):02d}"
            if self.offset is not None:
                text += " UTC" + ("" if self.offset == 0 else _offset_text(self.offset))
        return ("c. " if self.approximate else "") + text


class YearStyle(Enum):
    """How :func:`year_text` writes a year."""

    NATURAL = "natural"  # CALENDAR, but AGO from 1,000,000 BC on: "13.8 billion years ago"
    CALENDAR = "calendar"  # "2018", "428 BC", "250,000"
    BOTH_ERAS = "both eras"  # CALENDAR with AD years marked, for a span across AD 1: "AD 100"
    AGO = "ago"  # years before year 0: "900,000 years ago", "now", "AD 1,000,000"


_AGO_FROM = -999_999  # 1,000,000 BC: from this year on, NATURAL reads in years ago


def year_text(year: int, *, style: YearStyle = YearStyle.NATURAL) -> str:
    """An astronomical year for people, in ``style``: ``2018``, ``428 BC``,
    ``13.8 billion years ago``.

    Years ago are counted from year 0 and written exactly, trailing zeros dropped
    (``1.5 million years ago``), so that distinct ticks of the time axis read differently;
    NATURAL rounds a count of more than six significant digits to three
    (``-13799999999``: ``13.8 billion years ago``)."""
    if style is YearStyle.NATURAL:
        if year <= _AGO_FROM:
            return _years_ago(_rounded(-year))
        style = YearStyle.CALENDAR
    if style is YearStyle.AGO:
        if year >= 1:
            return f"AD {year:,}"
        return _years_ago(-year) if year else "now"
    if year >= 1:
        text = str(year) if year < 100_000 else f"{year:,}"
        return f"AD {text}" if style is YearStyle.BOTH_ERAS else text
    bc = 1 - year
    return f"{bc} BC" if bc < 100_000 else f"{bc:,} BC"


def _rounded(n: int) -> int:
    """``n`` itself if it has at most six significant digits, else rounded to three."""
    if len(str(n).rstrip("0")) <= 6:
        return n
    scale: int = 10 ** (len(str(n)) - 3)
    return (n + scale // 2) // scale * scale


def _years_ago(n: int) -> str:
    for unit, word in ((10**9, "billion"), (10**6, "million")):
        if n >= unit:
            whole, part = divmod(n, unit)
            digits = str(part).rjust(len(str(unit)) - 1, "0").rstrip("0")
            return f"{whole:,}{'.' + digits if digits else ''} {word} years ago"
    return f"{n:,} years ago"


def _offset_text(offset: int) -> str:
    if offset == 0:
        return "Z"
    sign = "+" if offset > 0 else "-"
    return f"{sign}{abs(offset) // 60:02d}:{abs(offset) % 60:02d}"


_APPROX = re.compile(r"^(?:~|circa\b|ca\.|c\.|approx\.?|about\b)\s*", re.IGNORECASE)
_ISO = re.compile(
    r"^([+-]?\d+)(?:-(\d\d)(?:-(\d\d)(?:[T ](\d\d):(\d\d)(?::(\d\d(?:\.\d+)?))?"
    r"\s*(Z|[+-]\d\d(?::?\d\d)?)?)?)?)?$"
)
_ERA_AFTER = re.compile(r"^(\d+)\s*(B\.?C\.?E?\.?|BCE|A\.?D\.?|C\.?E\.?)$", re.IGNORECASE)
_ERA_BEFORE = re.compile(r"^(A\.?D\.?)\s*(\d+)$", re.IGNORECASE)
_FULL_YEAR = re.compile(r"\d{3,}")
_DAY_NUMBER = re.compile(r"(?<!\d)(\d{1,2})(?:st|nd|rd|th)?(?!\d)")
_SECONDS = re.compile(r"\d:\d\d:\d\d")
_DEFAULTS = (_dt.datetime(2000, 1, 1, 0, 0, 0), _dt.datetime(2004, 3, 2, 1, 1, 1))
# A sign that dateutil would drop: at the start, or before a number not joined to a word
# or number by it (2018-1-2 joins); after a time it is a zone offset (10:30 -05:00).
_SIGN = re.compile(r"^[-\u2212]|(?<![0-9A-Za-z])[-\u2212]\s*(?=\d)")
_AFTER_TIME = re.compile(r"\d:\d\d(?::\d\d(?:\.\d+)?)?\s*(?:[AaPp]\.?[Mm]\.?\s*)?$")
_BC_WORD = re.compile(r"\bB\.?\s?C\b", re.IGNORECASE)
_UTC_PLUS = re.compile(r"\b(?:UTC|GMT|UT)\s*[-+\u2212]\s*\d[\d:]*", re.IGNORECASE)  # POSIX: west
_YEAR_FIRST = re.compile(r"^\d{3,}[-/. ]")

MAX_DATE_LENGTH = 64  # characters; dateutil takes seconds on a long text
MAX_YEAR_DIGITS = 15  # years up to 999,999,999,999,999 in either direction

DATE_FORMS_HINT = ("write it as 2018, 2018-12, 2018-12-01, 2018-12-01T09:30+08:00, "
                   "'1 December 2018', '427 BC' or '~2018'")


def parse_date(text: str) -> Date:
    """Read a date as written in an events file; raise :class:`DateError` if it is not one."""
    raw = text.strip()
    m = _APPROX.match(raw)
    approximate = m is not None
    body = raw[m.end():] if m else raw
    if not body:
        raise DateError("empty date", DATE_FORMS_HINT)
    iso = _ISO.match(body)
    era = None if iso else _ERA_AFTER.match(body)
    era_before = None if iso or era else _ERA_BEFORE.match(body)
    # the year's size first: a year of thousands of digits is out of range, not too long
    year = (_year_number(iso.group(1)) if iso else _year_number(era.group(1)) if era else
            _year_number(era_before.group(2)) if era_before else None)
    if len(raw) > MAX_DATE_LENGTH:
        raise DateError(f"date is too long ({len(raw):,} characters; at most {MAX_DATE_LENGTH})",
                        DATE_FORMS_HINT)
    if iso and year is not None:
        return _from_iso(iso, year, approximate)
    if era and year is not None:
        bc = era.group(2).upper().startswith("B")
        return _checked(1 - year if bc else year, approximate=approximate, bc=bc, n=year)
    if year is not None:
        return _checked(year, approximate=approximate, bc=False, n=year)
    return _from_words(body, approximate)


def _year_number(text: str) -> int:
    """A written year (sign, digits) as a number, checked against the range before int()
    converts it (Python refuses to convert more than 4,300 digits)."""
    digits = text.lstrip("+-").lstrip("0")
    if len(digits) > MAX_YEAR_DIGITS:
        raise DateError(f"year out of range ({len(digits):,} digits; at most {MAX_YEAR_DIGITS})",
                        "years run from -999999999999999 to 999999999999999; deep time such "
                        "as 13.8 billion years ago is -13800000000")
    return -int(digits or 0) if text.startswith("-") else int(digits or 0)


def _checked(year: int, *, approximate: bool, bc: bool, n: int) -> Date:
    if n == 0:
        raise DateError("there is no year 0 in BC/AD numbering",
                        "1 BC is followed by AD 1; astronomical year 0 is written 0000")
    return Date(year, precision=Precision.YEAR, approximate=approximate)


def _from_iso(m: re.Match[str], year: int, approximate: bool) -> Date:
    month = int(m.group(2) or 1)
    day = int(m.group(3) or 1)
    if not 1 <= month <= 12:
        raise DateError(f"month {month} does not exist", "months run from 01 to 12")
    if not 1 <= day <= days_in_month(year, month):
        raise DateError(f"day {day} does not exist in {_MONTHS[month - 1]} {year_text(year)}",
                        f"that month has {days_in_month(year, month)} days")
    if m.group(4) is None:
        precision = (Precision.DAY if m.group(3) else
                     Precision.MONTH if m.group(2) else Precision.YEAR)
        return Date(year, month, day, precision=precision, approximate=approximate)
    hour, minute = int(m.group(4)), int(m.group(5))
    second = float(m.group(6)) if m.group(6) else 0.0
    if hour > 23 or minute > 59 or second >= 61:
        raise DateError(f"time {hour:02d}:{minute:02d} does not exist",
                        "hours run from 00 to 23, minutes from 00 to 59")
    precision = Precision.SECOND if m.group(6) else Precision.MINUTE
    return Date(year, month, day, hour, minute, second, precision=precision,
                approximate=approximate, offset=_parse_offset(m.group(7)))


def _parse_offset(text: str | None) -> int | None:
    if text is None:
        return None
    if text == "Z":
        return 0
    digits = text[1:].replace(":", "")
    minutes = int(digits[:2]) * 60 + int(digits[2:] or 0)
    if minutes > 18 * 60:
        raise DateError(f"time zone offset {text} is too large",
                        "offsets run from -18:00 to +18:00")
    return minutes if text[0] == "+" else -minutes


def _from_words(body: str, approximate: bool) -> Date:
    """A written form read by dateutil, which must not guess: it drops a '-' sign and BC,
    and picks an order for 1/2/2018, so those are errors here."""

    shown = one_line(body)
    _refuse_lost_sign(body, shown)
    utc_plus = _UTC_PLUS.search(body)
    if utc_plus:  # dateutil reads UTC+3 as 3 hours west, as POSIX time zones do
        raise _zone_with_offset(utc_plus.group())
    try:
        a, b = _parsed(body, _DEFAULTS[0]), _parsed(body, _DEFAULTS[1])
    except DateError:
        raise
    except (ValueError, OverflowError):
        missing = _missing_day(body)
        if missing is not None:
            day, year, month = missing
            raise DateError(f"day {day} does not exist in {_MONTHS[month - 1]} "
                            f"{year_text(year)}",
                            f"that month has {days_in_month(year, month)} days") from None
        hint = DATE_FORMS_HINT
        if _BC_WORD.search(body):
            hint = ("a BC date with a month or day is written with an astronomical year: "
                    "-0043-03-15 is 15 March 44 BC")
        raise DateError(f"'{shown}' is not a date I can read", hint) from None
    if a.year != b.year or not _FULL_YEAR.search(body):
        raise DateError(f"'{shown}' has no year", "write the year in full, e.g. 'Dec 1, 2018'")
    if all(int(y) != a.year for y in _FULL_YEAR.findall(body)):  # '1 2 3 2018' is 2003
        raise DateError(f"'{shown}' is not a date I can read", DATE_FORMS_HINT)
    if not _YEAR_FIRST.match(body):  # 2018/1/2 is year, month, day as in ISO
        _refuse_guessed_order(body, shown, a, b)
    has_month, has_day = a.month == b.month, a.day == b.day
    has_time = a.hour == b.hour
    if has_day and not has_month:
        raise DateError(f"'{shown}' has a day but no month", DATE_FORMS_HINT)
    if has_time:
        delta = a.utcoffset()
        offset = None if delta is None else int(delta.total_seconds() // 60)
        precision = Precision.SECOND if _SECONDS.search(body) else Precision.MINUTE
        return Date(a.year, a.month, a.day, a.hour, a.minute,
                    float(a.second) if precision == Precision.SECOND else 0.0,
                    precision=precision, approximate=approximate, offset=offset)
    precision = Precision.DAY if has_day else Precision.MONTH if has_month else Precision.YEAR
    return Date(a.year, a.month if has_month else 1, a.day if has_day else 1,
                precision=precision, approximate=approximate)


def _parsed(body: str, default: _dt.datetime, dayfirst: bool = False) -> _dt.datetime:
    """dateutil's reading, with a time zone name it only warns about (and drops) an error."""
    from dateutil import parser  # loaded only for written forms: it is slow to import and call

    return parser.parse(body, default=default, dayfirst=dayfirst, tzinfos=_zone)


def _zone(name: str | None, offset: int | None) -> int | None:
    """dateutil's ``tzinfos``: seconds east of UTC for a zone written as an offset or UTC;
    a name such as PST is refused (dateutil would drop it, or use this machine's zone)."""
    if name is None:
        return offset
    if offset:  # 'EST+5': dateutil follows POSIX, where it means 5 hours west
        raise _zone_with_offset(name)
    if name.upper() in ("UTC", "GMT", "UT", "Z"):
        return 0
    raise DateError(f"time zone '{one_line(name)}' is not one I know",
                    "write it as an offset, e.g. 'Jan 14, 2026 21:30 +08:00', or as UTC")


def _zone_with_offset(written: str) -> DateError:
    return DateError(f"time zone '{one_line(written)}' can be read both ways",
                     "write the offset alone, e.g. 'Jan 14, 2026 21:30 +03:00' (3 hours east)")


def _refuse_lost_sign(body: str, shown: str) -> None:
    """An error for a '-' that dateutil would drop, turning 428 BC into AD 427."""
    for m in _SIGN.finditer(body):
        if m.start() and _AFTER_TIME.search(body, 0, m.start()):
            continue  # a zone offset after a time: dateutil reads it as one
        raise DateError(f"'{shown}' is not a date I can read: its '-' sign would be lost",
                        "write a year before AD 1 as -0427-03-15 (astronomical: -0427 is "
                        "428 BC) or as '428 BC'")


def _refuse_guessed_order(body: str, shown: str, a: _dt.datetime, b: _dt.datetime) -> None:
    """An error when dateutil's reading depends on whether the day or the month comes first
    (1 2 2018); a number above 12 leaves one reading (13/12/2018)."""

    try:
        c = _parsed(body, _DEFAULTS[0], dayfirst=True)
        d = _parsed(body, _DEFAULTS[1], dayfirst=True)
    except (ValueError, OverflowError):
        return
    if (a, b) == (c, d):
        return
    month_first = f"{_MONTHS[a.month - 1]} {a.day}"
    day_first = f"{c.day} {_MONTHS[c.month - 1]}"
    iso_a = f"{a.year:04d}-{a.month:02d}-{a.day:02d}"
    iso_c = f"{c.year:04d}-{c.month:02d}-{c.day:02d}"
    raise DateError(f"ambiguous: {shown} could be {day_first} or {month_first}",
                    f"write {iso_c} for {day_first} or {iso_a} for {month_first}")


def _missing_day(body: str) -> tuple[int, int, int] | None:
    """(day, year, month) when written words such as 'November 31, 2018' name a day
    that their month lacks (dateutil only says it cannot read them)."""

    for m in _DAY_NUMBER.finditer(body):
        day = int(m.group(1))
        if day < 29:
            continue
        first = body[:m.start(1)] + "1" + body[m.end(1):]  # the same words on the 1st
        try:
            a, b = _parsed(first, _DEFAULTS[0]), _parsed(first, _DEFAULTS[1])
        except (ValueError, OverflowError):
            continue
        if (a.year, a.month) == (b.year, b.month) and _FULL_YEAR.search(first) \
                and day > days_in_month(a.year, a.month):
            return day, a.year, a.month
    return None


def format_duration(seconds: float) -> str:
    """A rough human length such as ``4 days`` or ``2 years 9 months``."""
    days = seconds / SECONDS_PER_DAY
    if days >= 365.2425:
        years = int(days // 365.2425)
        months = int((days - years * 365.2425) // 30.436875)
        text = _plural(years, "year")
        return text + (" " + _plural(months, "month") if months and years < 10 else "")
    if days >= 60:
        return _plural(int(days // 30.436875), "month")
    if days >= 1:
        return _plural(round(days), "day")
    hours = seconds / 3600
    if hours >= 1:
        return _plural(round(hours), "hour")
    return _plural(max(1, round(seconds / 60)), "minute")


def _plural(n: int, unit: str) -> str:
    return f"{n:,} {unit}" + ("" if n == 1 else "s")
