"""The one conversion between axis seconds, layout pixels and the screen.

Layout (:mod:`viewer.view.lanes`, :mod:`viewer.view.scene`) places things in *world px at a
level*: seconds times the level, a zoom quantised to a ladder, so that one layout serves
every zoom near it and all panning. A :class:`Scale` maps seconds and those world px onto
the screen (:meth:`Scale.x`, :meth:`Scale.px`) and back; nothing else maps to the screen:
the canvas, the tick chooser and the painter all ask a Scale.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from viewer.view.timewindow import TimeWindow


@dataclass(frozen=True, slots=True)
class Scale:
    """Maps ``window`` linearly onto the pixels ``[left, left + width]``.

    ``x(window.start) == left`` and ``x(window.end) == left + width`` (to float rounding).
    A degenerate scale (window width or pixel width not positive and finite) maps every time
    to ``left`` and every pixel to ``window.start``, and has ``px_per_second == 0``; it never
    raises.
    """

    window: TimeWindow
    left: float  # x pixel of window.start
    width: float  # pixels the window spans (> 0)
    _pps: float = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        span = self.window.width
        usable = 0.0 < span < math.inf and 0.0 < self.width < math.inf
        object.__setattr__(self, "_pps", self.width / span if usable else 0.0)

    @property
    def px_per_second(self) -> float:
        return self._pps

    @property
    def right(self) -> float:
        """The x pixel of ``window.end``."""
        return self.left + self.width

    def x(self, t: float) -> float:
        """The pixel of time ``t`` (may lie outside the widget for times outside the window)."""
        if self._pps == 0.0:
            return self.left
        return self.left + (t - self.window.start) * self._pps

    def px(self, wx: float, level: float) -> float:
        """The pixel of ``wx``, a layout x in world px at ``level`` (seconds × level).

        A finer zoom than the level spreads world x apart (gaps only grow); what layout
        sized in px (a marker, a label) keeps its size: add it after mapping."""
        return self.x(wx / level)

    def world(self, level: float) -> tuple[float, float]:
        """The window in world px at ``level``: what layout has to show."""
        return self.window.start * level, self.window.end * level

    def t(self, x: float) -> float:
        """The time at pixel ``x``; the inverse of :meth:`x`."""
        if self._pps == 0.0:
            return self.window.start
        return self.window.start + (x - self.left) / self._pps

    def dx_to_dt(self, dx: float) -> float:
        """The seconds spanned by ``dx`` pixels; dragging the content right by ``dx`` is
        ``window.pan(-scale.dx_to_dt(dx))``."""
        return dx / self._pps if self._pps != 0.0 else 0.0


def fitting(t0: float, t1: float, width: float, left: float, right: float) -> TimeWindow:
    """The window that shows ``t0..t1`` on ``width`` pixels with ``left`` and ``right``
    pixels to spare on either side (``t1 > t0`` and ``width > left + right``)."""
    pps = (width - left - right) / (t1 - t0)
    return TimeWindow(t0 - left / pps, t1 + right / pps)
