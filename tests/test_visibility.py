"""Hiding filtered-out events: lanes keep only what the filter kept."""

from viewer.view.lanes import Lane
from viewer.view.visibility import FilteredOut, visible_lanes

LANES = (Lane("a", "A", None, (0, 2, 4)), Lane("b", "B", "#123456", (1, 3)),
         Lane("", "Uncategorised", None, (5,)))


def test_hidden_events_leave_their_lanes_and_an_emptied_lane_goes():
    out = FilteredOut(bytes([1, 0, 0, 0, 1, 1]))
    assert visible_lanes(LANES, out) == (Lane("a", "A", None, (0, 4)),
                                         Lane("", "Uncategorised", None, (5,)))
    assert 1 in out and 0 not in out


def test_with_no_filter_every_lane_stays_whole():
    assert visible_lanes(LANES, FilteredOut()) == LANES
    assert not FilteredOut() and 3 not in FilteredOut()
