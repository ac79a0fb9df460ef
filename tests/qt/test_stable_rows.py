"""A save keeps the rows: an edited event's neighbours stay where the eye left them."""

from pathlib import Path

from viewer.qt.canvas import TimelineCanvas
from viewer.qt.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
EDITED = "Canada and the People's Republic of China establish diplomatic relations"


def drawn_rows(canvas: TimelineCanvas) -> dict[tuple[str, str], int]:
    """(lane, event id) → the row it is drawn in, in the canvas's frame."""
    scene = canvas.frame(canvas.width(), canvas.height()).scene
    events = canvas.timeline.events
    rows = {}
    for box in scene.lanes:
        for p in box.layout.items:
            rows[box.lane.key, events[p.index].id] = box.row_of(p.row)
        for c in box.layout.clusters:
            rows.update(((box.lane.key, events[i].id), box.row_of(c.row)) for i in c.members)
    return rows


def test_a_save_that_shortens_one_title_moves_no_other_event(qtbot, settings, tmp_path):
    path = tmp_path / "events.yaml"
    text = (ROOT / "events.yaml").read_text(encoding="utf-8")
    assert text.count(f"title: {EDITED}\n") == 1
    path.write_text(text, encoding="utf-8")
    window = MainWindow(settings=settings)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    assert window.open_file(str(path))
    qtbot.wait(200)  # the docks laid out: the canvas at its width
    before = drawn_rows(window.canvas)
    edited = window.timeline.events[[e.title for e in window.timeline.events].index(EDITED)]

    with qtbot.waitSignal(window.file_loaded, timeout=10_000):
        path.write_text(text.replace(f"title: {EDITED}\n", "title: Relations established\n"),
                        encoding="utf-8")
        window.reload()

    assert window.canvas.flashed == {edited.id: "changed"}  # reloaded as a save is
    after = drawn_rows(window.canvas)
    assert before.keys() == after.keys()
    assert {k for k in before if before[k] != after[k] and k[1] != edited.id} == set()


def test_shortening_any_title_of_the_bundled_file_moves_no_other_event(qtbot):
    """Every title in turn, as a save would bring it: the labels cut before for the marks
    after them are cut again, so no mark moves into the room a short title leaves."""
    import re

    from viewer.document import Document
    from viewer.load.reading import load_bytes
    from viewer.qt.view_state import ViewState

    text = (ROOT / "events.yaml").read_text(encoding="utf-8")
    first = Document.next(None, load_bytes(text.encode()))
    for title in re.findall(r"^    title: (.*)$", text, re.M):
        canvas = TimelineCanvas(ViewState())
        qtbot.addWidget(canvas)
        canvas.resize(1250, 700)
        canvas.set_document(first)
        before = drawn_rows(canvas)
        edited = text.replace(f"    title: {title}\n", "    title: Short\n", 1)
        canvas.set_document(Document.next(first, load_bytes(edited.encode())), keep_window=True)
        after = drawn_rows(canvas)
        moved = {k for k in before.keys() & after.keys()
                 if before[k] != after[k] and canvas.timeline.event(k[1]).title != "Short"}
        assert moved == set(), title
