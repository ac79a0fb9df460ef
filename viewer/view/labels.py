"""Where a label goes on screen once its mark is mapped there: beside it, flipped to its
left, shortened with "…", or not at all; no Qt.

Layout (:mod:`viewer.view.lanes`) places labels in world px, where there are no canvas
edges. At the edges of the visible time a label is never cut: one that would run past the
right edge is flipped to the left of its mark when that room is free, else shortened with
"…"; one whose mark is off to the left slides in from the left edge, shortened to what is
free, or is left out. The painter draws what this decides.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from viewer.view.lanes import LABEL_PAD, elide

FLIP_GAP = 8.0  # px kept free before a label flipped to the left of its mark


@dataclass(frozen=True, slots=True)
class ShownLabel:
    """A label as drawn: its text (maybe elided), where it starts and its width (screen px)."""

    text: str
    x: float
    w: float


def fit_label(title: str, text: str, x: float, w: float, limit: float, mark: tuple[float, float],
              left: float, right: float, taken: Sequence[tuple[float, float]],
              measure: Callable[[str], float], *, flip: bool = True) -> ShownLabel | None:
    """Fit a label between the visible ``left`` and ``right`` edges (screen px).

    ``text`` (maybe already elided from ``title``) starts at ``x`` and is ``w`` wide; it may
    not reach past ``limit`` (its bar's end or what layout left it). ``mark`` is its mark's
    x0..x1 and ``taken`` the x0..x1 of everything else drawn in its row; not ``flip``: a
    label inside its bar stays there. Returns None when
    no part worth showing fits (fewer than three characters).
    """
    if x >= left and x + w <= right:
        return ShownLabel(text, x, w)
    if x + w > right and x >= left:
        if not flip:
            return _shortened(title, x, min(right, limit), measure)
        end = mark[0] - LABEL_PAD
        flipped = end - measure(title)
        if flipped >= left and end <= right and _free(flipped - FLIP_GAP, end, taken):
            return ShownLabel(title, flipped, measure(title))
        return _shortened(title, x, min(right, limit), measure)
    # the start is off to the left: slide in from the edge if the rest of the room is free
    end = min(limit, right)
    if end - left < 8:
        return None
    room = _room_from(left, end, taken)
    return _shortened(title, left, room, measure)


def _shortened(title: str, x: float, end: float, measure: Callable[[str], float]
               ) -> ShownLabel | None:
    text = elide(title, end - x, measure)
    return ShownLabel(text, x, measure(text)) if text else None


def _free(x0: float, x1: float, taken: Sequence[tuple[float, float]]) -> bool:
    return not any(a < x1 and b > x0 for a, b in taken)


def _room_from(x0: float, x1: float, taken: Sequence[tuple[float, float]]) -> float:
    """Where the first thing in ``taken`` starting after ``x0`` cuts ``x0..x1`` (or x1);
    ``x0`` itself when something covers it."""
    end = x1
    for a, b in taken:
        if a <= x0 < b:
            return x0
        if x0 < a < end:
            end = a - LABEL_PAD
    return end
