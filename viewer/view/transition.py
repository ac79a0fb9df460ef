"""A fold opening (or closing) on screen: the steps between two scales that apply other folds.

A zoom that cuts a fold shows it unfolded, and one that brings it wholly back into view
folds it again; instead of jumping, the canvas can play the :class:`FoldTransition` between
the scale before and the scale after. At progress ``a`` in ``[0, 1]`` each fold being opened
is drawn :func:`step_width` wide, from its folded width to (just under) its true length, and
each fold being closed the other way; the folds both scales apply stay as they are. The time
the zoom was around stays under a pixel that slides from where it was to where it ends, and
the zoom changes geometrically. No Qt here.
"""

from __future__ import annotations

from dataclasses import dataclass

from viewer.view.folds import Fold, FoldedTime
from viewer.view.scale import Scale
from viewer.view.timewindow import TimeWindow

OPEN = 1.0 - 1e-9  # of its true length: a fold opened all the way (still a fold: width < skipped)


def step_width(fold: Fold, a: float, *, opening: bool) -> float:
    """The folded seconds ``fold`` spans at progress ``a``: its width at 0 and (just under)
    its true length at 1 when ``opening``, the other way round when closing; geometric
    between, so that its size on screen grows as a zoom does."""
    folded, opened = fold.width, fold.skipped * OPEN
    w0, w1 = (folded, opened) if opening else (opened, folded)
    return float(w0 * (w1 / w0) ** min(max(a, 0.0), 1.0))


def band_strength(fold: Fold) -> float:
    """How strongly a fold's band is drawn: fully while it is folded (to at most half its
    length, as :func:`viewer.view.folds.folded_time` folds), fading out as it opens to its
    true length, so that the band does not vanish at once when the fold is open."""
    return min(max(2.0 * (1.0 - fold.width / fold.skipped), 0.0), 1.0) if fold.skipped > 0 \
        else 0.0


@dataclass(frozen=True, slots=True)
class FoldTransition:
    """From ``start`` to ``end``, two scales of the same pixels and folding that apply other
    folds, around the pixel ``x`` (where the cursor was). :meth:`at` 0 maps times as
    ``start`` does and :meth:`at` 1 as ``end`` does."""

    start: Scale
    end: Scale
    x: float

    @property
    def moves_folds(self) -> bool:
        """Whether the two scales apply different folds (else there is nothing to play)."""
        return self.start.folds != self.end.folds

    def at(self, a: float) -> Scale:
        """The scale at progress ``a`` (clamped to ``0..1``): its folds applied whatever its
        window. A degenerate start or end has no steps: it is ``end`` throughout."""
        start, end = self.start, self.end
        if start.px_per_second == 0.0 or end.px_per_second == 0.0 or not self.moves_folds:
            return end
        a = min(max(a, 0.0), 1.0)
        folds = self.folds_at(a)
        anchor = start.t(self.x)
        x = self.x + a * (end.x(anchor) - self.x)
        pps = start.px_per_second * (end.px_per_second / start.px_per_second) ** a
        u = folds.fold(anchor)
        u0 = u - (x - start.left) / pps
        window = TimeWindow(folds.unfold(u0), folds.unfold(u0 + start.width / pps))
        return Scale(window, start.left, start.width, start.folding, forced=folds)

    def folds_at(self, a: float) -> FoldedTime:
        """The folds applied at progress ``a``: those both scales apply, and those opening or
        closing at their :func:`step_width`."""
        before, after = set(self.start.folds.folds), set(self.end.folds.folds)
        steps = [f if f in after else Fold(f.t0, f.t1, step_width(f, a, opening=True))
                 for f in before]
        steps += [Fold(f.t0, f.t1, step_width(f, a, opening=False))
                  for f in after - before]
        steps.sort(key=lambda f: f.t0)
        return FoldedTime(tuple(steps))
