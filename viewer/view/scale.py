"""The one conversion between axis seconds, layout pixels and the screen.

Layout (:mod:`viewer.view.lanes`, :mod:`viewer.view.scene`) places things in *world px at a
level*: seconds times the level, a zoom quantised to a ladder, so that one layout serves
every zoom near it and all panning. A :class:`Scale` maps seconds and those world px onto
the screen (:meth:`Scale.x`, :meth:`Scale.px`) and back; nothing else maps to the screen:
the canvas, the tick chooser and the painter all ask a Scale.

With a :class:`~viewer.view.folds.FoldedTime`, the mapping is linear in *folded* seconds:
the folds lying wholly inside the window are drawn narrow, and layout's world px are folded
seconds times the level (the canvas lays out events at their folded times). A scale may
instead be ``forced`` to apply given folds whatever its window: the steps of a fold opening
or closing on screen (:mod:`viewer.view.transition`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from viewer.view.folds import FoldedTime
from viewer.view.timewindow import TimeWindow

_NO_FOLDS = FoldedTime()


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
    folding: FoldedTime = _NO_FOLDS  # every fold of the timeline; those inside the window apply
    forced: FoldedTime | None = None  # the folds that apply whatever the window (a transition)
    folds: FoldedTime = field(init=False, repr=False, compare=False)  # the ones that apply
    _u0: float = field(init=False, repr=False, compare=False)  # window.start, folded
    _pps: float = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.forced is not None:
            folds = self.forced
        elif self.folding:
            folds = self.folding.within(self.window.start, self.window.end)
        else:
            folds = self.folding
        u0 = folds.fold(self.window.start) if folds else self.window.start
        span = (folds.fold(self.window.end) if folds else self.window.end) - u0
        usable = 0.0 < span < math.inf and 0.0 < self.width < math.inf
        object.__setattr__(self, "folds", folds)
        object.__setattr__(self, "_u0", u0)
        object.__setattr__(self, "_pps", self.width / span if usable else 0.0)

    @property
    def px_per_second(self) -> float:
        """Pixels per second (outside folds; per folded second in them)."""
        return self._pps

    @property
    def right(self) -> float:
        """The x pixel of ``window.end``."""
        return self.left + self.width

    def x(self, t: float) -> float:
        """The pixel of time ``t`` (may lie outside the widget for times outside the window)."""
        if self._pps == 0.0:
            return self.left
        if self.folds:
            t = self.folds.fold(t)
        return self.left + (t - self._u0) * self._pps

    def px(self, wx: float, level: float) -> float:
        """The pixel of ``wx``, a layout x in world px at ``level`` (folded seconds × level).

        A finer zoom than the level spreads world x apart (gaps only grow); what layout
        sized in px (a marker, a label) keeps its size: add it after mapping."""
        if self._pps == 0.0:
            return self.left
        return self.left + (wx / level - self._u0) * self._pps

    def world(self, level: float) -> tuple[float, float]:
        """The window in world px at ``level``: what layout has to show."""
        return self._u0 * level, (self._u0 + self.width / self._pps if self._pps else
                                  self._u0) * level

    def folded_window(self) -> tuple[float, float]:
        """The window in folded seconds (what layout of folded events has to cover)."""
        return self._u0, (self._u0 + self.width / self._pps if self._pps else self._u0)

    def t(self, x: float) -> float:
        """The time at pixel ``x``; the inverse of :meth:`x`."""
        if self._pps == 0.0:
            return self.window.start
        u = self._u0 + (x - self.left) / self._pps
        return self.folds.unfold(u) if self.folds else u

    def dx_to_dt(self, dx: float) -> float:
        """The seconds spanned by ``dx`` pixels; dragging the content right by ``dx`` is
        ``window.pan(-scale.dx_to_dt(dx))``."""
        return dx / self._pps if self._pps != 0.0 else 0.0

    def zoomed(self, factor: float, x: float) -> TimeWindow:
        """The window ``factor`` times narrower on screen around pixel ``x``, which keeps
        its time. A fold the new window cuts is shown unfolded: if ``x`` lies outside it, the
        scale around ``x`` is kept (only the empty stretch appears at its true length);
        if inside, the time the screen shows is kept (the fold's years spread out). A
        fold coming wholly into view folds again, the scale around ``x`` kept."""
        if not (math.isfinite(factor) and factor > 0.0) or self._pps == 0.0:
            return self.window
        return self._moved(x, self._pps * factor, x)

    def panned(self, dx: float) -> TimeWindow:
        """The window with its content dragged ``dx`` pixels right (see :meth:`zoomed`)."""
        if self._pps == 0.0:
            return self.window
        centre = self.left + 0.5 * self.width
        return self._moved(centre - dx, self._pps, centre)

    def _moved(self, x_from: float, pps: float, x_to: float) -> TimeWindow:
        """The window in which the time now at ``x_from`` is at ``x_to``, at ``pps``; if the
        folds it shows differ from this scale's, the time at ``x_to`` and ``pps`` are kept
        with its own folds (inside a fold being opened, the time shown is kept instead)."""
        anchor = self.t(x_from)
        folds = self.folds
        window = self.window
        for _ in range(len(self.folding.folds) + 1):
            u = folds.fold(anchor)
            u0, u1 = u - (x_to - self.left) / pps, u + (self.left + self.width - x_to) / pps
            window = TimeWindow(folds.unfold(u0), folds.unfold(u1))
            shown = self.folding.within(window.start, window.end)
            if shown == folds:
                break
            if any(f.t0 < anchor < f.t1 for f in folds.folds if f not in shown.folds):
                # zoomed into a fold: its years spread over the screen, the time the
                # window spans kept, and the time under the cursor kept there
                rate = self.width / window.width
                return TimeWindow(anchor - (x_to - self.left) / rate,
                                  anchor + (self.left + self.width - x_to) / rate)
            folds = shown
        return window

