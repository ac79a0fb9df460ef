"""One version of a loaded file and everything derived from it, as one value. No Qt here.

The loader's worker builds a :class:`Document` from each load (:meth:`Document.next`), off
the GUI thread; the window hands the same one to every view, so that the per-event columns,
the lanes and the search index are worked out once per version, not once per widget. A
reload builds the next document from the previous one, reusing what the save left as it
was: the fast path's events by written text, facets whose values are equal, the search text
of the events the loader kept (the same objects).
"""

from __future__ import annotations

from viewer.load.fastload import Memo
from viewer.load.loader import LoadResult
from viewer.model.columns import Columns, columns_of
from viewer.model.diagnostics import Diagnostic
from viewer.model.model import Timeline
from viewer.query.filtering import SearchIndex
from viewer.view.folds import FoldedTime, folding_of
from viewer.view.lanes import Lane, LaneMode, assign_lanes


class Document:
    """A load's result (``result``: the timeline, or None, and the diagnostics) and what
    the views read of it: ``timeline`` (empty when nothing could be read), its ``columns``,
    its ``folding`` (the long empty stretches the time axis may draw narrow), its search
    ``index`` (the search text built on first use, or in slices while the window is idle)
    and its lanes by mode (:meth:`lanes`). ``memo``: the fast path's events of the
    file, handed on to the next version's load.

    Read-only once built, but for the lanes it memoises (one set per mode, built when a
    view first asks for them, on the GUI thread).
    """

    __slots__ = ("_lanes", "columns", "folding", "index", "memo", "result", "timeline")

    def __init__(self, result: LoadResult, *, memo: Memo | None = None,
                 previous: Document | None = None) -> None:
        self.result = result
        self.memo = memo if memo is not None else Memo()
        timeline = self.timeline = result.timeline if result.timeline is not None else Timeline()
        columns: Columns = columns_of(timeline)
        self.columns = columns
        self.folding: FoldedTime = folding_of(timeline, columns.t0, columns.t1)
        old = previous.index if previous is not None and previous.loaded else None
        self.index: SearchIndex = SearchIndex(timeline, columns, old)
        # the lanes every view starts with (the list and the filter pane always use them)
        self._lanes: dict[LaneMode, tuple[Lane, ...]] = {
            LaneMode.CATEGORY: assign_lanes(timeline.events, timeline.categories,
                                            LaneMode.CATEGORY, category_of=columns.category)}

    @classmethod
    def of(cls, timeline: Timeline) -> Document:
        """The document of a timeline built without a file (tests, pictures, the empty
        window)."""
        return cls(LoadResult(timeline, []))

    @staticmethod
    def memo_for(previous: Document | None) -> Memo:
        """The fast-path memo to load the next version of ``previous``'s file with (a new
        one for a file opened afresh)."""
        return previous.memo if previous is not None else Memo()

    @classmethod
    def next(cls, previous: Document | None, result: LoadResult,
             memo: Memo | None = None) -> Document:
        """The document of ``result``, a new version of ``previous``'s file (None: a file
        opened afresh), loaded with ``memo`` (:meth:`memo_for`; by default the previous
        one's): what the save left as it was is reused, not worked out again."""
        return cls(result, memo=memo if memo is not None else Document.memo_for(previous),
                   previous=previous)

    @property
    def loaded(self) -> bool:
        """Whether the load gave a timeline (else only diagnostics: a syntax error)."""
        return self.result.timeline is not None

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return self.result.diagnostics

    @property
    def errors(self) -> list[Diagnostic]:
        return self.result.errors

    def lanes(self, mode: LaneMode) -> tuple[Lane, ...]:
        """The timeline's events grouped into lanes by ``mode`` (the single lane is titled
        with the timeline's title), worked out once per mode."""
        lanes = self._lanes.get(mode)
        if lanes is None:
            timeline = self.timeline
            lanes = self._lanes[mode] = assign_lanes(
                timeline.events, timeline.categories, mode, title=timeline.title,
                category_of=self.columns.category)
        return lanes
