"""A loaded file's Document: built once per version, and the next version reuses what a
save left as it was (the fast path's events, their search text, equal facets)."""

from viewer.document import Document
from viewer.load.reading import load_bytes
from viewer.view.lanes import LaneMode

HEAD = "categories:\n  trade: {label: Trade}\n  law: {}\nevents:\n"


def text(*titles: str, tag: str = "summit") -> bytes:
    rows = [f"  - {{id: e{i}, title: {t}, date: {2001 + i}, category: {'trade' if i % 2 else 'law'}"
            f", tags: [{tag if i == 1 else 'talks'}], people: [Ada]}}\n"
            for i, t in enumerate(titles)]
    return (HEAD + "".join(rows)).encode()


def next_version(previous: Document | None, data: bytes) -> Document:
    """What the loader's worker does with a save: load with the file's memo, then build."""
    memo = Document.memo_for(previous)
    return Document.next(previous, load_bytes(data, name="events.yaml", memo=memo), memo)


def test_a_reload_reuses_an_unchanged_events_search_text_and_rebuilds_a_changed_one():
    first = next_version(None, text("Trade talks", "Summit in Ottawa", "Tariffs"))
    old = first.index.haystacks  # the window builds it while idle, once shown
    second = next_version(first, text("Trade talks", "Summit in Montréal", "Tariffs"))
    # the unchanged events are the very objects, and so is their search text
    assert second.timeline.events[0] is first.timeline.events[0]
    new = second.index.haystacks
    assert new[0] is old[0] and new[2] is old[2]
    assert new[1] != old[1] and "montreal" in new[1]
    assert second.memo is first.memo  # the file's fast-path memo is handed on


def test_a_reload_reuses_facets_whose_values_are_equal_and_counts_a_changed_one_anew():
    first = next_version(None, text("A", "B", "C"))
    retitled = next_version(first, text("A", "Bee", "C"))
    assert retitled.index.facets["tag"] is first.index.facets["tag"]
    assert retitled.index.facets["person"] is first.index.facets["person"]
    retagged = next_version(retitled, text("A", "Bee", "C", tag="trade-war"))
    assert retagged.index.facets["tag"] is not retitled.index.facets["tag"]
    assert retagged.index.facets["person"] is retitled.index.facets["person"]
    assert dict(retagged.index.unfiltered().facets["tag"]) == {"talks": 2, "trade-war": 1}


def test_a_file_opened_afresh_shares_nothing_with_another_document():
    first = next_version(None, text("A", "B"))
    first.index.warm()
    other = next_version(None, text("A", "B"))
    assert other.memo is not first.memo
    assert other.timeline.events[0] is not first.timeline.events[0]
    assert other.index.haystacks[0] is not first.index.haystacks[0]


def test_a_failed_version_has_no_timeline_and_keeps_the_files_memo():
    first = next_version(None, text("A", "B"))
    broken = next_version(first, b"events:\n  - title: \"open\n")
    assert not broken.loaded and broken.errors and not broken.timeline.events
    assert broken.memo is first.memo


def test_lanes_are_grouped_once_per_mode_and_the_category_ones_come_built():
    document = Document(load_bytes(text("A", "B", "C")))
    category = document.lanes(LaneMode.CATEGORY)
    assert [lane.label for lane in category] == ["Trade", "law"]
    assert document.lanes(LaneMode.CATEGORY) is category
    tags = document.lanes(LaneMode.TAG)
    assert [lane.key for lane in tags] == ["talks", "summit"]
    assert document.lanes(LaneMode.TAG) is tags
    assert document.columns.positions == {"e0": 0, "e1": 1, "e2": 2}
