"""What Fit all, Fit matches and the author's view show: pure functions from events to a window.

The extent of what is to be framed is computed by :func:`extent` alone, so that another time
axis (one that folds empty stretches, say) can take it as it is; :func:`framed` adds the small
margin a fit leaves on each side, and nothing for labels (they flip or move to a free row near
the right edge instead).
"""

from __future__ import annotations

import math
from collections.abc import Container, Sequence

from viewer.model.model import DefaultView, Event, Period
from viewer.view.folds import FoldedTime
from viewer.view.timewindow import TimeWindow

FIT_MARGIN = 0.03  # of the window's width, free on each side of the framed events
MIN_PAD_PX = 12.0  # ...but at least this many pixels, so that an end mark is whole


def extent(events: Sequence[Event], periods: Sequence[Period] = (),
           left_out: Container[int] = ()) -> tuple[float, float] | None:
    """The time from the earliest start to the latest end of the events whose index is not
    in ``left_out``; the periods only when no event is left (an empty file with eras). None
    when there is nothing to frame."""
    t0, t1 = math.inf, -math.inf
    for i, e in enumerate(events):
        if i not in left_out:
            t0, t1 = min(t0, e.t0), max(t1, e.t1)
    if t0 > t1:
        for p in periods:
            t0, t1 = min(t0, p.t0), max(t1, p.t1)
    return (t0, t1) if t0 <= t1 else None


def framed(span: tuple[float, float], width_px: float, margin: float = FIT_MARGIN,
           min_pad_px: float = MIN_PAD_PX,
           folding: FoldedTime | None = None) -> TimeWindow:
    """The window showing ``span`` on ``width_px`` pixels with ``margin`` of the window free
    on each side (or ``min_pad_px`` pixels, whichever is more, within reason), the folds of
    ``folding`` inside the span drawn narrow (the margin is taken of the folded width). A
    span of no width (one point event) is the day around it."""
    t0, t1 = span
    if not t1 > t0:
        return TimeWindow.fit(t0, t1)
    folds = folding.within(t0, t1) if folding is not None else None
    if folds:
        u = framed((folds.fold(t0), folds.fold(t1)), width_px, margin, min_pad_px)
        return TimeWindow(folds.unfold(u.start), folds.unfold(u.end))
    if width_px > 0:
        margin = max(margin, min(min_pad_px / width_px, 0.1))
    return TimeWindow.fit(t0, t1, margin)


def author_window(view: DefaultView, span: tuple[float, float] | None,
                  width_px: float) -> TimeWindow | None:
    """The window the author's ``view:`` asks for: from its start to its end, a missing bound
    falling back to the edge of the fitted ``span`` (the events). None when it gives no
    stretch of time, or a backwards one."""
    if view.start is None and view.end is None:
        return None
    start = view.start.start if view.start is not None else None
    end = view.end.end if view.end is not None else None
    if start is None or end is None:  # the events' edge, framed with what the author gave
        lo = start if start is not None else span[0] if span is not None else math.inf
        hi = end if end is not None else span[1] if span is not None else -math.inf
        if not hi > lo:
            return None
        fit = framed((lo, hi), width_px)
        start, end = (fit.start if start is None else start), (fit.end if end is None else end)
    return TimeWindow(start, end) if end > start else None
