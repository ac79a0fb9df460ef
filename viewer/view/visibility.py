"""Which events the filter left out, in the shape the view needs; no Qt."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import compress

from viewer.view.lanes import Lane


class FilteredOut:
    """A container of the event indexes a filter mask rejects (``mask[i] == 0``).

    Membership is one byte lookup, so the canvas and overview can ask it per event without
    building a set of up to 100,000 indexes on every keystroke. Empty when there is no mask.
    """

    __slots__ = ("_counts", "_mask")

    def __init__(self, mask: bytes | None = None) -> None:
        self._mask = mask
        # shown counts by the id of members tuples (kept, so that their ids stay theirs)
        self._counts: dict[int, tuple[tuple[int, ...], int]] = {}

    def __contains__(self, index: object) -> bool:
        return self._mask is not None and isinstance(index, int) and not self._mask[index]

    def __bool__(self) -> bool:
        return self._mask is not None

    @property
    def mask(self) -> bytes | None:
        """One byte per event, 0 for those left out; None when nothing is left out."""
        return self._mask

    def shown(self, members: tuple[int, ...]) -> int:
        """How many of ``members`` (a lane's or a cluster's) are not left out; remembered
        for the same tuple, as every frame asks again."""
        mask = self._mask
        if mask is None:
            return len(members)
        found = self._counts.get(id(members))
        if found is not None and found[0] is members:
            return found[1]
        if len(self._counts) >= 4096:
            self._counts.clear()
        count = sum(map(mask.__getitem__, members))
        self._counts[id(members)] = (members, count)
        return count


def visible_lanes(lanes: Sequence[Lane], out: FilteredOut) -> tuple[Lane, ...]:
    """The lanes with filtered-out members removed, and lanes left empty dropped."""
    mask = out.mask
    if mask is None:
        return tuple(lanes)
    kept = []
    for lane in lanes:
        members = tuple(compress(lane.members, map(mask.__getitem__, lane.members)))
        if members:
            kept.append(Lane(lane.key, lane.label, lane.colour, members))
    return tuple(kept)
