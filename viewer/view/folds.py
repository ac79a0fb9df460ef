"""A folding time axis: long empty stretches between clusters of events drawn narrow.

:func:`choose_folds` finds the gaps worth folding in the events' extents; a
:class:`FoldedTime` is the monotone piecewise-linear map of axis seconds onto *folded
seconds* that squeezes each of them into a fixed short duration. Layout works in folded
seconds unchanged (events never lie in a fold, so they keep their durations), and
:class:`viewer.view.scale.Scale` maps folded seconds onto the screen. No Qt here.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, compress, islice, repeat
from operator import ge, le, sub

from viewer.model.dates import SECONDS_PER_DAY
from viewer.model.model import Timeline

MIN_SHARE = 0.15  # a gap is folded only if it is at least this share of the whole span
MAX_FOLDS = 10
FOLD_SHARE = 0.2  # each fold takes this share of the span left once the gaps are taken out
PAD_SHARE = 0.006  # of the span, kept unfolded on either side of a gap
_YEAR = 365.2425 * SECONDS_PER_DAY


@dataclass(frozen=True, slots=True)
class Fold:
    """The empty axis seconds ``t0..t1`` drawn as ``width`` folded seconds (``0 < width <
    t1 - t0``)."""

    t0: float
    t1: float
    width: float

    @property
    def skipped(self) -> float:
        return self.t1 - self.t0


@dataclass(frozen=True, slots=True)
class FoldedTime:
    """Axis seconds ↔ folded seconds: the identity before the first fold, shifted back by
    what each fold saves after it, and linear inside a fold. ``folds`` are sorted and
    disjoint. :meth:`fold` is strictly increasing and :meth:`unfold` is its inverse."""

    folds: tuple[Fold, ...] = ()
    _starts: tuple[float, ...] = field(init=False, repr=False, compare=False)
    _ustarts: tuple[float, ...] = field(init=False, repr=False, compare=False)
    _shifts: tuple[float, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        shifts = tuple(accumulate((f.skipped - f.width for f in self.folds), initial=0.0))
        object.__setattr__(self, "_starts", tuple(f.t0 for f in self.folds))
        object.__setattr__(self, "_ustarts",
                           tuple(f.t0 - s for f, s in zip(self.folds, shifts, strict=False)))
        object.__setattr__(self, "_shifts", shifts)

    def __bool__(self) -> bool:
        return bool(self.folds)

    def fold(self, t: float) -> float:
        """The folded seconds of axis seconds ``t``."""
        i = bisect_right(self._starts, t) - 1
        if i < 0:
            return t
        f = self.folds[i]
        if t >= f.t1:
            return t - self._shifts[i + 1]
        return self._ustarts[i] + (t - f.t0) * (f.width / f.skipped)

    def unfold(self, u: float) -> float:
        """The axis seconds of folded seconds ``u``; the inverse of :meth:`fold`."""
        i = bisect_right(self._ustarts, u) - 1
        if i < 0:
            return u
        f = self.folds[i]
        u0 = self._ustarts[i]
        if u >= u0 + f.width:
            return u + self._shifts[i + 1]
        return min(f.t0 + (u - u0) * (f.skipped / f.width), f.t1)

    def hides(self, t: float) -> bool:
        """Whether ``t`` lies strictly inside a fold (an axis tick there is not drawn)."""
        i = bisect_right(self._starts, t) - 1
        return i >= 0 and t < self.folds[i].t1 and t > self.folds[i].t0

    def within(self, t0: float, t1: float) -> FoldedTime:
        """The folds lying wholly inside ``t0..t1``: those a window showing it keeps folded
        (a fold reaching past the window's edge is shown unfolded, as real time)."""
        kept = tuple(f for f in self.folds if t0 <= f.t0 and f.t1 <= t1)
        return self if len(kept) == len(self.folds) else FoldedTime(kept)


def choose_folds(intervals: Iterable[tuple[float, float]], span: tuple[float, float], *,
                 min_share: float = MIN_SHARE, max_folds: int = MAX_FOLDS,
                 pad_share: float = PAD_SHARE) -> list[tuple[float, float]]:
    """The gaps worth folding, in time order: stretches of ``span`` that no interval
    touches, at least ``min_share`` of the span long, the ``max_folds`` longest; each is
    trimmed by ``pad_share`` of the span at both ends, so an event never sits on a fold's
    edge. A timeline without such gaps (or with an empty span) has none."""
    lo, hi = span
    whole = hi - lo
    if not (math.isfinite(whole) and whole > 0.0) or max_folds <= 0:
        return []
    pad = whole * pad_share
    gaps: list[tuple[float, float]] = []
    reach = -math.inf
    for t0, t1 in sorted((min(a, b), max(a, b)) for a, b in intervals):
        if reach > -math.inf and t0 - reach >= whole * min_share and t0 - reach > 2 * pad:
            gaps.append((reach + pad, t0 - pad))
        reach = max(reach, t1)
    gaps.sort(key=lambda g: g[1] - g[0], reverse=True)
    return sorted(gaps[:max_folds])


def folded_time(intervals: Iterable[tuple[float, float]], *, min_share: float = MIN_SHARE,
                max_folds: int = MAX_FOLDS, fold_share: float = FOLD_SHARE) -> FoldedTime:
    """The folds of a timeline whose events and periods cover ``intervals``: each gap of
    :func:`choose_folds` drawn as ``fold_share`` of what is left of the span unfolded."""
    pairs = [(min(a, b), max(a, b)) for a, b in intervals
             if math.isfinite(a) and math.isfinite(b)]
    if not pairs:
        return FoldedTime()
    span = (min(a for a, _ in pairs), max(b for _, b in pairs))
    gaps = choose_folds(pairs, span, min_share=min_share, max_folds=max_folds)
    rest = (span[1] - span[0]) - sum(g1 - g0 for g0, g1 in gaps)
    width = max(rest * fold_share, SECONDS_PER_DAY)
    return FoldedTime(tuple(Fold(g0, g1, min(width, 0.5 * (g1 - g0))) for g0, g1 in gaps))


def folding_of(timeline: Timeline, t0: Sequence[float], t1: Sequence[float]) -> FoldedTime:
    """The timeline's folds: the long gaps no event (starts ``t0``, ends ``t1``) nor
    period covers. Events in start order (as loaded) are first merged into the stretches
    that no gap long enough to fold separates, in C-level passes (100,000 events: a few
    ms, not a tenth of a second)."""
    periods = [(p.t0, p.t1) for p in timeline.periods]
    stretches = _stretches(t0, t1, periods)
    if stretches is None:
        return folded_time([*zip(t0, t1, strict=True), *periods])
    return folded_time([*stretches, *periods])


def _stretches(t0: Sequence[float], t1: Sequence[float],
               periods: list[tuple[float, float]]) -> list[tuple[float, float]] | None:
    """The events as the stretches between the gaps of at least :data:`MIN_SHARE` of the
    whole span, or None when they are not in start order or not all finite."""
    if not t0 or len(t0) != len(t1) or not all(map(le, t0, islice(t0, 1, None))) or \
            not all(map(le, t0, t1)):
        return None
    lo = min(t0[0], *(a for a, _ in periods)) if periods else t0[0]
    hi = max(max(t1), *(b for _, b in periods)) if periods else max(t1)
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return None
    reach = list(accumulate(t1, max))  # the latest end so far, in start order
    shortest = (hi - lo) * MIN_SHARE
    breaks = list(compress(range(1, len(t0)),
                           map(ge, map(sub, islice(t0, 1, None), reach), repeat(shortest))))
    firsts = [0, *breaks]
    lasts = [b - 1 for b in breaks] + [len(t0) - 1]
    return [(t0[a], reach[b]) for a, b in zip(firsts, lasts, strict=True)]


def skipped_text(fold: Fold) -> str:
    """What a fold's marker says it skips: "⋯ 47 years ⋯", "⋯ 5 months ⋯", "⋯ 12 days ⋯"."""
    seconds = fold.skipped
    if seconds >= 2 * _YEAR:
        n, unit = round(seconds / _YEAR), "years"
    elif seconds >= 60 * SECONDS_PER_DAY:
        n, unit = round(seconds / (_YEAR / 12)), "months"
    else:
        n, unit = max(round(seconds / SECONDS_PER_DAY), 1), "days"
    return f"⋯ {n:,} {unit} ⋯"
