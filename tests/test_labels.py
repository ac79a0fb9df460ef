"""Labels at the canvas's edges: flipped, shortened with "…" or slid in, never cut."""

from hypothesis import given
from hypothesis import strategies as st

from viewer.view.labels import fit_label


def measure(text: str) -> float:
    return 7.0 * len(text)


TITLE = "Canada arrests Huawei CFO Meng Wanzhou"  # 38 characters, 266 px


def test_a_label_running_past_the_right_edge_flips_to_the_left_of_its_mark():
    shown = fit_label(TITLE, TITLE, 903, 266, 1169, (890, 900), 100, 1000, [], measure)
    assert shown is not None
    assert shown.text == TITLE and shown.x + shown.w <= 890


def test_with_no_room_on_the_left_it_is_shortened_with_an_ellipsis():
    taken = [(700, 880)]  # another label ends just before the mark
    shown = fit_label(TITLE, TITLE, 903, 266, 1169, (890, 900), 100, 1000, taken, measure)
    assert shown is not None
    assert shown.text.endswith("…") and shown.x == 903 and shown.x + shown.w <= 1000


def test_a_flipped_label_keeps_a_gap_after_the_label_before_it():
    """Flipped flush against the previous label, two titles would read as one."""
    flipped_x = 890 - 3 - 266  # where the flipped title would start: 621
    touching = [(500, flipped_x - 1)]
    shown = fit_label(TITLE, TITLE, 903, 266, 1169, (890, 900), 100, 1000, touching, measure)
    assert shown is not None and shown.x == 903  # not flipped: shortened in place
    clear = [(500, flipped_x - 9)]
    shown = fit_label(TITLE, TITLE, 903, 266, 1169, (890, 900), 100, 1000, clear, measure)
    assert shown is not None and shown.x == flipped_x


def test_a_label_whose_mark_is_off_to_the_left_slides_in_or_is_left_out():
    shown = fit_label(TITLE, TITLE, 20, 266, 286, (5, 15), 100, 1000, [], measure)
    assert shown is not None and shown.x == 100 and shown.x + shown.w <= 286
    assert shown.text.endswith("…")
    # only a sliver left of it: no stray fragment such as `r"` or `K…`
    assert fit_label(TITLE, TITLE, -150, 266, 116, (-165, -155), 100, 1000, [],
                     measure) is None
    # something else drawn at the edge: nothing slides under it
    assert fit_label(TITLE, TITLE, 20, 266, 286, (5, 15), 100, 1000, [(95, 140)],
                     measure) is None


def test_a_label_inside_its_bar_is_shortened_not_flipped():
    shown = fit_label(TITLE, TITLE, 803, 266, 1400, (800, 1400), 100, 1000, [], measure,
                      flip=False)
    assert shown is not None and shown.x == 803 and shown.text.endswith("…")


@given(st.floats(-2000, 3000), st.integers(1, 60), st.floats(0, 400))
def test_no_label_extends_past_either_edge(x, chars, taken_at):
    title = "x" * chars
    w = measure(title)
    shown = fit_label(title, title, x, w, x + w, (x - 13, x - 3), 100, 1000,
                      [(taken_at, taken_at + 30)], measure)
    if shown is not None:
        assert shown.x >= 100 and shown.x + shown.w <= 1000
        assert shown.text == title or len(shown.text.rstrip("…")) >= 3
