"""The one conversion between axis seconds and pixels.

Nothing else in the program does this arithmetic: the canvas, the tick chooser and the
layout all ask a :class:`Scale`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from viewer.timewindow import TimeWindow


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

    def t(self, x: float) -> float:
        """The time at pixel ``x``; the inverse of :meth:`x`."""
        if self._pps == 0.0:
            return self.window.start
        return self.window.start + (x - self.left) / self._pps

    def dx_to_dt(self, dx: float) -> float:
        """The seconds spanned by ``dx`` pixels; dragging the content right by ``dx`` is
        ``window.pan(-scale.dx_to_dt(dx))``."""
        return dx / self._pps if self._pps != 0.0 else 0.0
