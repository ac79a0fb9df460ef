"""A fold opening or closing on screen: every step a proper scale, from the one before to the
one after, the time zoomed around held under the cursor."""

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from viewer.view.folds import folded_time
from viewer.view.framing import framed
from viewer.view.scale import Scale
from viewer.view.transition import FoldTransition, band_strength

YEAR = 365.2425 * 86400
BUNDLED_LIKE = [(0.0, YEAR)] + [(47 * YEAR + i * YEAR, 48 * YEAR + i * YEAR) for i in range(9)]
FOLDS = folded_time(BUNDLED_LIKE)
(FOLD,) = FOLDS.folds
SAMPLES = [-3 * YEAR, 0.0, 0.5 * YEAR, FOLD.t0, 0.5 * (FOLD.t0 + FOLD.t1), FOLD.t1,
           47.5 * YEAR, 52 * YEAR, 56 * YEAR]


def fitted() -> Scale:
    return Scale(framed((0.0, 56 * YEAR), 1000, folding=FOLDS), 168, 1000, FOLDS)


def into_the_fold() -> FoldTransition:
    """Zooming in a notch at a time at the fold's middle, the notch that opens it."""
    scale = fitted()
    x = 0.5 * (scale.x(FOLD.t0) + scale.x(FOLD.t1))
    while True:
        after = Scale(scale.zoomed(1.25, x), scale.left, scale.width, FOLDS)
        if after.folds != scale.folds:
            return FoldTransition(scale, after, x)
        scale = after


def beside_the_fold() -> FoldTransition:
    scale = fitted()
    x = scale.x(52 * YEAR)
    return FoldTransition(scale, Scale(scale.zoomed(2.0, x), 168, 1000, FOLDS), x)


def far_out() -> FoldTransition:
    zoomed = beside_the_fold().end
    x = zoomed.x(52 * YEAR)
    return FoldTransition(zoomed, Scale(zoomed.zoomed(0.01, x), 168, 1000, FOLDS), x)


transitions = st.sampled_from([into_the_fold, beside_the_fold, far_out]).map(lambda f: f())


def near(a: float, b: float) -> bool:
    return abs(a - b) < 1e-3  # px


@given(transitions)
def test_the_ends_are_the_scales_before_and_after(transition):
    assert transition.moves_folds
    first, last = transition.at(0.0), transition.at(1.0)
    for t in SAMPLES:
        assert near(first.x(t), transition.start.x(t)), t
        assert near(last.x(t), transition.end.x(t)), t


@given(transitions, st.floats(0.0, 1.0), st.lists(st.floats(-5 * YEAR, 60 * YEAR),
                                                   min_size=2, max_size=12))
def test_every_step_is_monotone_and_round_trips(transition, a, ts):
    step = transition.at(a)
    xs = [step.x(t) for t in sorted(ts)]
    assert all(x0 <= x1 for x0, x1 in pairwise(xs))
    for t in ts:
        assert abs(step.t(step.x(t)) - t) < 1e-9 * 60 * YEAR
    for x in (0.0, 168.0, 600.0, 1168.0):
        assert near(step.x(step.t(x)), x)


@given(transitions, st.floats(0.0, 1.0))
def test_the_time_zoomed_around_slides_from_the_cursor_to_where_it_ends(transition, a):
    anchor = transition.start.t(transition.x)
    x_end = transition.end.x(anchor)
    assert near(transition.at(a).x(anchor), transition.x + a * (x_end - transition.x))
    assert near(x_end, transition.x)  # these zooms keep it under the cursor throughout


def test_a_fold_opening_grows_on_screen_between_its_folded_and_its_true_width():
    transition = into_the_fold()
    assert FOLD in transition.start.folds.folds and not transition.end.folds
    widths = [transition.at(a).x(FOLD.t1) - transition.at(a).x(FOLD.t0)
              for a in (0.0, 0.25, 0.5, 0.75, 1.0)]
    assert all(w0 < w1 for w0, w1 in pairwise(widths))
    assert near(widths[-1], transition.end.x(FOLD.t1) - transition.end.x(FOLD.t0))
    assert all(transition.at(a).folds for a in (0.0, 0.5, 1.0))  # drawn as a fold throughout


def test_a_fold_closing_shrinks_and_ordinary_zooms_have_no_steps():
    transition = far_out()
    assert not transition.start.folds and transition.end.folds == FOLDS
    widths = [transition.at(a).x(FOLD.t1) - transition.at(a).x(FOLD.t0)
              for a in (0.0, 0.5, 1.0)]
    assert widths[0] > widths[1] > widths[2]
    scale = fitted()
    same = FoldTransition(scale, Scale(scale.zoomed(1.1, 900), 168, 1000, FOLDS), 900)
    assert not same.moves_folds and same.at(0.5) is same.end


def test_a_folds_band_fades_out_only_as_it_opens_to_its_true_length():
    transition = into_the_fold()
    assert band_strength(FOLD) == 1.0  # folded: drawn in full
    strengths = [band_strength(f) for a in (0.0, 0.5, 0.9, 1.0)
                 for f in transition.at(a).folds.folds]
    assert strengths[0] == 1.0 and all(s0 >= s1 for s0, s1 in pairwise(strengths))
    assert strengths[-1] < 1e-6  # all but gone by the time it is open
