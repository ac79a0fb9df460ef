"""The visible stretch of the time axis, as an immutable value.

Times are axis seconds (see :mod:`viewer.model.dates`). :meth:`TimeWindow.zoom` and
:meth:`TimeWindow.pan` return new windows and apply no limits; :meth:`TimeWindow.clamped`
is the one place where limits are applied, and it always returns a usable window.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from viewer.model.dates import SECONDS_PER_DAY

_LARGEST = 1e300  # widths and centres beyond this are absurd; capping them avoids overflow
_DEFAULT_MIN_WIDTH = 60.0


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds a window is clamped to: its width, and the stretch of axis it may show.

    Unusable values are read leniently by :meth:`TimeWindow.clamped`: a ``min_width`` that is
    not a positive number means the default minute, a NaN bound means no bound, ``lo > hi``
    is read as ``hi < lo``, and a ``max_width`` below ``min_width`` gives way to it.
    """

    min_width: float = _DEFAULT_MIN_WIDTH  # seconds: one minute
    max_width: float = 1e17  # the canvas sets it from the data
    lo: float = -math.inf  # the window may not start before lo ...
    hi: float = math.inf  # ... nor end after hi


@dataclass(frozen=True, slots=True)
class TimeWindow:
    """The axis seconds ``[start, end]`` on screen.

    Any floats are accepted, so a window may be empty, reversed or NaN until it is
    :meth:`clamped`; the view state only ever stores clamped windows.
    """

    start: float
    end: float

    @property
    def width(self) -> float:
        return self.end - self.start

    @property
    def centre(self) -> float:
        return 0.5 * self.start + 0.5 * self.end

    def zoom(self, factor: float, anchor: float) -> TimeWindow:
        """The window ``factor`` times narrower (``factor > 1`` zooms in) around ``anchor``.

        The time ``anchor`` keeps its fraction across the window, so the time under the
        cursor stays put; ``zoom(f, a).zoom(1 / f, a)`` gives back this window (to float
        rounding). A factor that is not a positive finite number leaves the window as it is,
        and a non-finite anchor means the centre.
        """
        if not (math.isfinite(factor) and factor > 0.0):
            return self
        if not math.isfinite(anchor):
            anchor = self.centre
        return TimeWindow(anchor - (anchor - self.start) / factor,
                          anchor + (self.end - anchor) / factor)

    def pan(self, delta: float) -> TimeWindow:
        """The window shifted later by ``delta`` seconds (earlier if negative)."""
        return TimeWindow(self.start + delta, self.end + delta)

    def clamped(self, limits: Limits) -> TimeWindow:
        """This window made to obey ``limits``: the one clamp.

        The width is brought into ``[min_width, max_width]`` keeping the centre, then the
        window is shifted to lie inside ``[lo, hi]``; one wider than ``hi - lo`` is centred
        on that range instead. A reversed window is read the right way round and a NaN or
        infinite end is ignored (with neither end finite the window centres on time 0). The
        result always has a finite, positive width, equal to the clamped width up to the float
        rounding of its ends.
        """
        min_w, max_w, lo, hi = _sane(limits)
        s, e = (self.end, self.start) if self.end < self.start else (self.start, self.end)
        finite_s, finite_e = math.isfinite(s), math.isfinite(e)
        if finite_s and finite_e:
            centre, width = 0.5 * s + 0.5 * e, e - s
        else:
            centre = s if finite_s else e if finite_e else 0.0
            width = math.inf if math.isinf(s) and math.isinf(e) else min_w
        width = min(max(width, min_w), max_w)
        centre = min(max(centre, -_LARGEST), _LARGEST)
        half = 0.5 * width
        if width >= hi - lo:
            centre = 0.5 * lo + 0.5 * hi
            start, end = centre - half, centre + half
        elif centre - half < lo:
            start, end = lo, min(lo + width, hi)
        elif centre + half > hi:
            start, end = max(hi - width, lo), hi
        else:
            start, end = centre - half, centre + half
        if not end > start:  # a width below the float spacing at this time
            if end < hi:
                end = math.nextafter(start, math.inf)
            else:
                start = math.nextafter(end, -math.inf)
        return TimeWindow(start, end)

    @staticmethod
    def fit(t0: float, t1: float, margin: float = 0.05) -> TimeWindow:
        """The window showing ``[t0, t1]`` with ``margin`` of its width free on each side.

        ``margin`` is a fraction of the resulting window's width, clamped to ``[0, 0.45]``.
        The ends may come in either order; when they coincide (or only one is finite) the
        window is the day centred on that time, and with neither finite it is the day
        centred on time 0.
        """
        margin = min(max(margin, 0.0), 0.45) if not math.isnan(margin) else 0.05
        lo, hi = min(t0, t1), max(t0, t1)
        if not (math.isfinite(lo) and math.isfinite(hi)) or not hi > lo:
            known = [t for t in (t0, t1) if math.isfinite(t)]
            mid = known[0] if known else 0.0
            return TimeWindow(mid - 0.5 * SECONDS_PER_DAY, mid + 0.5 * SECONDS_PER_DAY)
        pad = (hi - lo) * margin / (1.0 - 2.0 * margin)
        return TimeWindow(lo - pad, hi + pad)

    def overlaps(self, t0: float, t1: float) -> bool:
        """Whether ``[t0, t1]`` (either order, ends included) shares any time with the window."""
        return min(t0, t1) <= self.end and max(t0, t1) >= self.start


def _sane(limits: Limits) -> tuple[float, float, float, float]:
    """``limits`` as usable numbers: ``(min_width, max_width, lo, hi)``; see :class:`Limits`."""
    min_w = limits.min_width if 0.0 < limits.min_width <= _LARGEST else _DEFAULT_MIN_WIDTH
    max_w = limits.max_width if not math.isnan(limits.max_width) else _LARGEST
    max_w = max(min(max_w, _LARGEST), min_w)
    lo = limits.lo if not math.isnan(limits.lo) else -math.inf
    hi = limits.hi if not math.isnan(limits.hi) else math.inf
    return (min_w, max_w, hi, lo) if lo > hi else (min_w, max_w, lo, hi)
