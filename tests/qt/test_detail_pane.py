"""The detail pane, read and clicked as a user would, and its safety with hostile Markdown."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QColor, QImage, QPalette, QTextCursor, QTextDocument
from PySide6.QtWidgets import QLabel, QPushButton

from tests.qt.rich_text import MARKUP, as_shown
from viewer.model.dates import Date, Precision
from viewer.model.model import Event, Source, Timeline
from viewer.qt.detail_pane import EMPTY_HINT, DetailPane
from viewer.qt.detail_widgets import LinkLabel, MarkdownView, SafeDocument
from viewer.qt.highlight import marker_fill

HOSTILE = """Intro <script>alert(1)</script> and <img src="file:///etc/passwd"> end.

![pic](file:///etc/passwd) ![pic](http://example.com/x.png)

[bad](javascript:alert(1)) and [ok](https://example.com) and [local](file:///etc/passwd)
"""


@pytest.fixture
def opened():
    return []


@pytest.fixture
def pane(qtbot, opened):
    widget = DetailPane(open_url=opened.append)
    qtbot.addWidget(widget)
    widget.resize(420, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def labels(pane):
    return [w for w in pane.findChildren(QLabel) if w.isVisibleTo(pane)]


def texts(pane):
    return [w.text() for w in labels(pane)]


def chip(pane, facet, value):
    [button] = [b for b in pane.findChildren(QPushButton)
                if b.accessibleName() == f"{facet}: {value}"]
    return button


def link(pane, text):
    [found] = [w for w in pane.findChildren(LinkLabel) if w.text() == text]
    return found


def description(pane) -> MarkdownView:
    assert pane.description is not None
    return pane.description


def fragments(doc: QTextDocument):
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            yield it.fragment()
            it += 1
        block = block.next()


def image_names(doc: QTextDocument) -> list[str]:
    return [f.charFormat().toImageFormat().name() for f in fragments(doc)
            if f.charFormat().isImageFormat()]


def click_anchor(qtbot, view: MarkdownView, href: str) -> None:
    """Click the middle of the first character of the link to ``href``, as the reader would."""
    for frag in fragments(view.document()):
        if frag.charFormat().anchorHref() == href:
            cursor = QTextCursor(view.document())
            cursor.setPosition(frag.position() + 1)
            rect = view.cursorRect(cursor)
            qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                             pos=QPoint(rect.left() - 3, rect.center().y()))
            return
    raise AssertionError(f"no link to {href}")


def one_event(**fields) -> Timeline:
    fields.setdefault("start", Date(2020, 5, 17))
    return Timeline(events=(Event(id="x", title="An event", **fields),))


# -- empty state ------------------------------------------------------------------------------

def test_given_nothing_selected_when_shown_then_the_hint_is_centred(pane, bundled):
    assert pane.accessibleName() == "Event details"
    assert pane.empty.isVisible() and pane.empty.text() == EMPTY_HINT
    assert pane.empty.alignment() & Qt.AlignmentFlag.AlignHCenter
    pane.show_event(bundled, "meng-arrest")
    assert not pane.empty.isVisible()
    pane.show_event(bundled, "no-such-event")
    assert pane.empty.isVisible()
    assert "Canada arrests Huawei CFO Meng Wanzhou at a U.S. request" not in texts(pane)
    pane.show_event(None, "meng-arrest")
    assert pane.empty.isVisible()


# -- contents ---------------------------------------------------------------------------------

def test_a_rich_event_reads_top_to_bottom(pane, bundled):
    pane.show_event(bundled, "meng-arrest")
    shown = texts(pane)
    assert "Canada arrests Huawei CFO Meng Wanzhou at a U.S. request" in shown
    assert "1 December 2018" in shown
    assert "Importance 5 of 5" in shown
    assert chip(pane, "category", "security").text() == "Security && justice"  # "&" escaped
    for facet, value in [("tag", "Huawei"), ("tag", "extradition"), ("tag", "detentions"),
                         ("person", "Meng Wanzhou"), ("place", "Vancouver")]:
        assert chip(pane, facet, value).text() == value
    assert any(t.startswith("Canadian authorities detain Huawei") for t in shown)
    body = description(pane).toPlainText()
    assert "Huawei's chief financial" in body and "**" not in body  # Markdown, rendered
    assert "Sources (2)" in shown
    assert link(pane, "en.wikipedia.org/wiki/Canada–China_relations").isVisible()
    related = ["China detains Michael Kovrig and Michael Spavor",
               "Meng Wanzhou released on bail in Vancouver",
               "Meng Wanzhou and the two Michaels freed on the same day"]
    assert all(link(pane, title).isVisible() for title in related)
    assert "10 December 2018 – 24 September 2021" in shown  # a related event's date
    assert "two-michaels-detained" not in " ".join(shown)  # titles, never ids
    assert "Location detail" in shown
    assert "Vancouver International Airport, during a change of planes" in shown
    assert any(b.text() == "Open in editor at line 156" for b in pane.findChildren(QPushButton))


def test_a_range_shows_its_dates_and_duration(pane, bundled):
    pane.show_event(bundled, "two-michaels-detained")
    assert "10 December 2018 – 24 September 2021 · 2 years 9 months" in texts(pane)
    assert chip(pane, "person", "Michael Spavor").isVisible()
    assert chip(pane, "place", "Dandong").isVisible()
    assert chip(pane, "tag", "hostage diplomacy").isVisible()
    assert "Sources (1)" in texts(pane)


def test_extra_properties_show_as_a_form(pane, bundled):
    pane.show_event(bundled, "releases-2021")
    shown = texts(pane)
    value = "All three detainees released; the Meng extradition case ended"
    assert shown.index("Outcome") < shown.index(value)


def test_a_source_with_publisher_and_date_reads_as_a_citation(pane):
    src = Source("Urgent Action", "https://www.amnesty.org/x", "Amnesty International",
                 "2019-01", safe_url=True)
    pane.show_event(one_event(sources=(src,)), "x")
    label = link(pane, "Urgent Action")
    assert label.accessibleName() == "Urgent Action — Amnesty International, 2019-01"
    assert "Amnesty International, 2019-01" in texts(pane)


def test_approximate_dates_say_so(pane):
    pane.show_event(one_event(start=Date(1970, precision=Precision.YEAR, approximate=True)), "x")
    assert "c. 1970 · approximate" in texts(pane)


def test_missing_related_events_are_named_not_linked(pane):
    pane.show_event(one_event(related=("gone",)), "x")
    assert "unknown event 'gone'" in texts(pane)
    assert not pane.findChildren(LinkLabel)


# -- signals ----------------------------------------------------------------------------------

def test_clicking_a_chip_requests_its_facet(pane, bundled, qtbot):
    pane.show_event(bundled, "meng-arrest")
    with qtbot.waitSignal(pane.facet_requested) as blocker:
        qtbot.mouseClick(chip(pane, "tag", "extradition"), Qt.MouseButton.LeftButton)
    assert blocker.args == ["tag", "extradition"]
    with qtbot.waitSignal(pane.facet_requested) as blocker:
        qtbot.mouseClick(chip(pane, "category", "security"), Qt.MouseButton.LeftButton)
    assert blocker.args == ["category", "security"]
    with qtbot.waitSignal(pane.facet_requested) as blocker:
        qtbot.mouseClick(chip(pane, "place", "Vancouver"), Qt.MouseButton.LeftButton)
    assert blocker.args == ["place", "Vancouver"]


def test_following_a_related_link_requests_that_event(pane, bundled, qtbot):
    pane.show_event(bundled, "meng-arrest")
    target = link(pane, "Meng Wanzhou released on bail in Vancouver")
    with qtbot.waitSignal(pane.event_requested) as blocker:
        qtbot.mouseClick(target, Qt.MouseButton.LeftButton)
    assert blocker.args == ["meng-bail"]
    target = link(pane, "China detains Michael Kovrig and Michael Spavor")
    target.setFocus()
    with qtbot.waitSignal(pane.event_requested) as blocker:
        qtbot.keyClick(target, Qt.Key.Key_Return)
    assert blocker.args == ["two-michaels-detained"]


def test_following_a_related_link_shows_that_event_without_error(pane, bundled, qtbot):
    # the window shows the requested event at once, while the clicked link is still handling
    # its click: the page it stood on must outlive the click
    pane.event_requested.connect(lambda event_id: pane.show_event(bundled, event_id))
    pane.show_event(bundled, "meng-arrest")
    qtbot.mouseClick(link(pane, "Meng Wanzhou released on bail in Vancouver"),
                     Qt.MouseButton.LeftButton)
    qtbot.wait(10)  # the old page goes once the event loop is back
    assert pane.findChildren(LinkLabel)
    assert texts(pane)[0] == "Meng Wanzhou released on bail in Vancouver"
    target = link(pane, "Canada arrests Huawei CFO Meng Wanzhou at a U.S. request")
    target.setFocus()
    qtbot.keyClick(target, Qt.Key.Key_Return)
    qtbot.wait(10)
    assert texts(pane)[0] == "Canada arrests Huawei CFO Meng Wanzhou at a U.S. request"


def test_the_editor_button_sends_the_events_line(pane, bundled, qtbot):
    pane.show_event(bundled, "two-michaels-detained")
    line = bundled.event("two-michaels-detained").line
    [button] = [b for b in pane.findChildren(QPushButton) if b.text().startswith("Open in")]
    assert button.text() == f"Open in editor at line {line}"
    with qtbot.waitSignal(pane.open_in_editor_requested) as blocker:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert blocker.args == [line] and line > 0


def test_source_links_open_through_the_opener(pane, bundled, opened, qtbot):
    pane.show_event(bundled, "meng-arrest")
    qtbot.mouseClick(link(pane, "en.wikipedia.org/wiki/Meng_Wanzhou"), Qt.MouseButton.LeftButton)
    assert opened == [QUrl("https://en.wikipedia.org/wiki/Meng_Wanzhou")]


def test_unsafe_sources_are_text_not_links(pane, opened):
    sources = (Source("Evil", "javascript:alert(1)", safe_url=False),
               Source("Sneaky", "javascript:alert(1)", safe_url=True),  # never trust the flag
               Source("A book, page 12"))
    pane.show_event(one_event(sources=sources), "x")
    assert not pane.findChildren(LinkLabel)
    assert {"Evil", "Sneaky", "A book, page 12"} <= set(texts(pane))


# -- safety -----------------------------------------------------------------------------------

def test_hostile_markdown_stays_inert(pane, opened, qtbot, monkeypatch):
    asked: list[tuple[str, object]] = []
    original = SafeDocument.loadResource

    def recording(self, kind, url):
        result = original(self, kind, url)
        asked.append((QUrl(url).toString(), result))
        return result

    monkeypatch.setattr(SafeDocument, "loadResource", recording)
    pane.show_event(one_event(description=HOSTILE), "x")
    view = description(pane)
    text = view.toPlainText()
    # raw HTML is shown literally, never interpreted
    assert "<script>alert(1)</script>" in text
    assert '<img src="file:///etc/passwd">' in text
    # images are shown as their alt text, so nothing is there to load
    assert text.count("[image: pic]") == 2
    doc = view.document()
    assert image_names(doc) == []
    # and even an image put in by hand loads nothing, from disk or network
    cursor = QTextCursor(doc)
    cursor.insertImage("file:///etc/passwd")
    cursor.insertImage("http://example.com/x.png")
    pane.grab()
    assert {url for url, _ in asked} >= {"file:///etc/passwd", "http://example.com/x.png"}
    assert all(result is None for _, result in asked)
    image = QTextDocument.ResourceType.ImageResource.value
    assert doc.resource(image, QUrl("file:///etc/passwd")) is None
    assert view.loadResource(image, QUrl("file:///etc/passwd")) is None
    # only the https link is a link, and only it reaches the opener
    assert [f.charFormat().anchorHref() for f in fragments(doc)
            if f.charFormat().isAnchor()] == ["https://example.com"]
    click_anchor(qtbot, view, "https://example.com")
    assert opened == [QUrl("https://example.com")]
    assert not pane.notice.isVisible()


def test_blocked_links_in_a_description_read_as_plain_text(pane, opened, qtbot):
    pane.show_event(one_event(description=(
        "[bad](javascript:alert(1)) [local](file:///etc/passwd) <vbscript:x> "
        "[mail](mailto:a@b.org?ATTACH=/etc/passwd) [ok](https://example.com)")), "x")
    view = description(pane)
    doc = view.document()
    assert [f.charFormat().anchorHref() for f in fragments(doc)
            if f.charFormat().isAnchor()] == ["https://example.com"]
    link_colour = pane.palette().color(QPalette.ColorRole.Link)
    for text, why in (("bad", "“javascript:”"), ("local", "“file:”"), ("vbscript:x", "“vbscript:”"),
                      ("mail", "attach a file")):
        fmt = doc.find(text).charFormat()
        assert not fmt.isAnchor() and not fmt.fontUnderline(), text
        assert fmt.foreground().color() != link_colour, text
        assert why in fmt.toolTip() and fmt.toolTip().startswith("Not opened"), text
    ok = doc.find("ok").charFormat()
    assert ok.isAnchor() and ok.foreground().color() == link_colour
    for text in ("bad", "local", "mail"):  # clicking the words opens nothing
        cursor = doc.find(text)
        rect = view.cursorRect(cursor)
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                         pos=QPoint(rect.left() - 3, rect.center().y()))
    assert opened == []
    click_anchor(qtbot, view, "https://example.com")
    assert opened == [QUrl("https://example.com")]


def test_open_link_applies_the_scheme_rule(pane, opened):
    for bad in ("javascript:alert(1)", "file:///etc/passwd", "data:text/html,x", "#top",
                "JaVaScRiPt:alert(1)", "vbscript:x"):
        assert not pane.open_link(QUrl(bad))
    assert opened == []
    assert pane.open_link(QUrl("mailto:someone@example.com"))
    assert pane.open_link(QUrl("HTTPS://example.com/a"))
    assert len(opened) == 2


def test_markup_in_the_file_shows_literally_in_labels_chips_and_tooltips(pane, qtbot):
    other = Event(id="y", title=MARKUP, start=Date(2020, 6, 1))
    event = Event(id="x", title=MARKUP, start=Date(2020, 5, 17), category=MARKUP,
                  tags=(MARKUP,), people=(MARKUP,), places=(MARKUP,), summary=MARKUP,
                  sources=(Source(MARKUP), Source("web", "https://example.com/<b>x</b>",
                                                  safe_url=True),
                           Source("bad", "javascript:" + MARKUP)),
                  related=("y",), extra=((MARKUP, MARKUP),))
    pane.show_event(Timeline(events=(event, other)), "x")
    for label in labels(pane):
        assert label.textFormat() == Qt.TextFormat.PlainText, label.text()
    assert texts(pane)[0] == MARKUP
    assert texts(pane).count(MARKUP) >= 4  # title, summary, source, related, extra value
    assert as_shown(link(pane, MARKUP).toolTip()) == f"Show “{MARKUP}”"
    for facet in ("category", "tag", "person", "place"):
        button = chip(pane, facet, MARKUP)
        assert button.text() == MARKUP
        assert as_shown(button.toolTip()) == f"Show only events with {facet} “{MARKUP}”"
    tips = {as_shown(w.toolTip()) for w in pane.findChildren(QLabel)}
    assert {MARKUP, "https://example.com/<b>x</b>", "Not opened: javascript:" + MARKUP} <= tips


# -- reading comfort ---------------------------------------------------------------------------

def test_narrow_pane_wraps_chips_and_never_scrolls_sideways(pane, bundled, qtbot):
    pane.resize(260, 700)
    pane.show_event(bundled, "releases-2021")
    qtbot.wait(10)
    page = pane.page.widget()
    assert page.width() <= pane.page.viewport().width()
    assert not pane.page.horizontalScrollBar().isVisible()
    tags = [chip(pane, "tag", t) for t in ("Huawei", "two Michaels",
                                           "deferred prosecution agreement")]
    assert len({t.y() for t in tags}) > 1  # wrapped onto more than one line
    assert all(t.geometry().right() <= page.width() for t in tags)
    view = description(pane)
    assert view.height() >= view.document().size().height()  # whole text, no inner scrolling


def test_a_chip_wider_than_the_pane_is_elided_not_clipped(pane, bundled, qtbot):
    pane.resize(200, 700)
    pane.show_event(bundled, "releases-2021")
    qtbot.wait(10)
    long_tag = chip(pane, "tag", "deferred prosecution agreement")
    assert long_tag.text().endswith("…")
    assert long_tag.geometry().right() <= pane.page.widget().width()
    assert chip(pane, "tag", "Huawei").text() == "Huawei"


def dark_palette() -> QPalette:
    pal = QPalette()
    for role, colour in [("Window", "#1c1f24"), ("WindowText", "#e6e8eb"), ("Base", "#1c1f24"),
                         ("Text", "#e6e8eb"), ("Button", "#2a2f36"), ("ButtonText", "#e6e8eb"),
                         ("Link", "#5aa2ff")]:
        pal.setColor(getattr(QPalette.ColorRole, role), QColor(colour))
    return pal


def test_dark_palette_draws_light_text_on_dark(pane, bundled):
    pane.show_event(bundled, "meng-arrest")
    pane.setPalette(dark_palette())  # content is rebuilt in the new colours
    title = next(w for w in labels(pane) if w.text().startswith("Canada arrests"))
    assert title.palette().color(title.foregroundRole()).lightness() > 180
    image = pane.grab().toImage()
    assert QColor(image.pixel(4, 4)).lightness() < 60
    chip_bg = chip(pane, "tag", "Huawei")
    assert "#" in chip_bg.styleSheet() and "#000000" not in chip_bg.styleSheet()
    body = description(pane)
    assert body.palette().color(body.foregroundRole()).lightness() > 180
    [anchor] = [f for f in fragments(body.document()) if f.charFormat().isAnchor()]
    assert anchor.charFormat().foreground().color() == QColor("#5aa2ff")  # the palette's Link


# -- search matches marked --------------------------------------------------------------------

def title_label(pane) -> QLabel:
    return labels(pane)[0]


def mark(pane, word: str) -> str:
    return f"<span style='background-color:{marker_fill(pane.palette()).name()}'>{word}</span>"


def background_at(doc: QTextDocument, text: str) -> QColor | None:
    """The background of the middle of the first ``text`` in ``doc``, None when unset."""
    found = doc.find(text)
    assert not found.isNull(), text
    cursor = QTextCursor(doc)
    cursor.setPosition(found.selectionStart() + 1)  # the format of the character before
    fmt = cursor.charFormat()
    return fmt.background().color() if fmt.background().style() != Qt.BrushStyle.NoBrush else None


def test_given_a_search_the_title_and_summary_mark_its_matches(pane, bundled):
    pane.show_event(bundled, "canola-permits-2019")
    pane.set_highlight("canola")
    assert pane.highlight == "canola"
    title = title_label(pane)
    assert title.textFormat() == Qt.TextFormat.RichText
    assert f"China revokes {mark(pane, 'canola')} import permits" in title.text()
    assert title.accessibleName() == "China revokes canola import permits of Canadian exporters"
    summary = next(w for w in labels(pane) if "registrations" in w.text())
    assert f"Canadian {mark(pane, 'canola')} exporters." in summary.text()
    assert "Importance 4 of 5" in texts(pane)  # labels the search does not look in stay plain


def test_the_rest_of_a_marked_title_stays_literal_text(pane):
    pane.show_event(Timeline(events=(Event(id="x", title="Tariffs <b>on</b> canola & more",
                                           start=Date(2020)),)), "x")
    pane.set_highlight("canola")
    shown = title_label(pane).text()
    assert f"Tariffs &lt;b&gt;on&lt;/b&gt; {mark(pane, 'canola')} &amp; more" in shown
    assert "<b>" not in shown


def test_accents_do_not_hide_a_match(pane):
    pane.show_event(one_event(summary="Leaders met in Montréal."), "x")
    pane.set_highlight("montreal")
    [summary] = [t for t in texts(pane) if "Leaders" in t]
    assert f"Leaders met in {mark(pane, 'Montréal')}." in summary


def test_the_description_marks_matches_in_its_rendered_document(pane, bundled):
    pane.show_event(bundled, "canola-permits-2019")
    pane.set_highlight("canola richardson")
    doc = description(pane).document()
    fill = marker_fill(pane.palette())
    assert background_at(doc, "canola registration") == fill
    assert background_at(doc, "Richardson") == fill  # inside **bold**, still marked
    assert doc.find("Richardson").charFormat().fontWeight() >= 600  # and still bold
    assert background_at(doc, "Viterra") is None
    assert "**" not in doc.toPlainText()
    pane.set_highlight("")
    assert background_at(description(pane).document(), "canola registration") is None


def test_marking_the_description_never_lets_its_html_in(pane):
    pane.show_event(one_event(description="A <b>canola</b> deal <img src=x> and *canola*."), "x")
    pane.set_highlight("canola")
    doc = description(pane).document()
    assert "A <b>canola</b> deal <img src=x> and canola." in doc.toPlainText()
    assert background_at(doc, "canola</b>") == marker_fill(pane.palette())
    assert image_names(doc) == []


def test_chips_that_match_are_on_the_marker(pane, bundled):
    pane.show_event(bundled, "canola-permits-2019")
    pane.set_highlight("canola")
    fill = marker_fill(pane.palette()).name()
    assert fill in chip(pane, "tag", "canola").styleSheet()
    assert fill not in chip(pane, "tag", "agriculture").styleSheet()
    pane.set_highlight("")
    assert fill not in chip(pane, "tag", "canola").styleSheet()


def test_clearing_the_search_shows_plain_text_again(pane, bundled):
    pane.show_event(bundled, "canola-permits-2019")
    pane.set_highlight("canola")
    pane.set_highlight("")
    title = title_label(pane)
    assert title.textFormat() == Qt.TextFormat.PlainText
    assert title.text() == "China revokes canola import permits of Canadian exporters"


def test_the_search_stays_marked_on_the_next_event_and_in_dark(pane, bundled):
    pane.set_highlight("meng")
    pane.show_event(bundled, "meng-arrest")
    assert mark(pane, "Meng") in title_label(pane).text()
    pane.setPalette(dark_palette())
    dark_mark = mark(pane, "Meng")
    assert dark_mark in title_label(pane).text()
    assert QColor(marker_fill(pane.palette())).lightness() < 128  # light text stays readable
    assert background_at(description(pane).document(), "Meng") == marker_fill(pane.palette())


def test_marking_keeps_the_readers_place(pane, bundled, qtbot):
    pane.resize(300, 300)
    pane.show_event(bundled, "meng-arrest")
    qtbot.wait(10)
    bar = pane.page.verticalScrollBar()
    bar.setValue(bar.maximum())
    assert bar.value() > 0
    pane.set_highlight("huawei")
    qtbot.wait(10)
    assert bar.value() == bar.maximum() > 0


def test_the_whole_description_stays_visible_when_the_pane_narrows(pane, bundled, qtbot):
    from PySide6.QtWidgets import QApplication

    pane.resize(520, 900)
    pane.show_event(bundled, "meng-arrest")
    for width in (520, 330, 260):
        pane.resize(width, 900)
        for _ in range(3):
            QApplication.processEvents()
        view = pane.description
        laid = view.document().clone()  # the text as wrapped at the view's own width
        laid.setTextWidth(view.viewport().width())
        assert view.height() >= laid.size().height(), width


FIFO_WATCH = """
import os, sys, time
pipe, stop = sys.argv[1], sys.argv[2]
while not os.path.exists(stop):
    try:  # succeeds only while a reader has the FIFO open; closing it gives the reader EOF
        os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))
        print("opened", flush=True)
    except OSError:
        time.sleep(0.01)
"""


class FifoWatch:
    """Notices whether anything opens the FIFO at ``path`` for reading, and lets it go at
    once (it reads an empty file) rather than hang the test. A process of its own, as the
    reader may hold the GIL while it waits."""

    def __init__(self, path) -> None:
        os.mkfifo(path)
        self._stop = path.with_name(path.name + ".stop")
        self._child = subprocess.Popen([sys.executable, "-c", FIFO_WATCH, str(path),
                                        str(self._stop)], stdout=subprocess.PIPE, text=True)

    def stop(self) -> bool:
        """Whether the FIFO was opened."""
        self._stop.touch()
        out, _ = self._child.communicate(timeout=30)
        return "opened" in out


def test_an_image_naming_a_fifo_is_never_opened(pane, qtbot, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    watch = FifoWatch(tmp_path / "pipe")
    try:
        pane.show_event(one_event(description=f"See ![a chart]({tmp_path / 'pipe'}) and "
                                              "![relative](pipe)."), "x")
        pane.grab()
        qtbot.wait(50)
    finally:
        opened = watch.stop()
    assert not opened
    assert description(pane).toPlainText() == "See [image: a chart] and [image: relative]."


def test_an_image_naming_a_real_picture_is_not_loaded(pane, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    picture = QImage(8, 8, QImage.Format.Format_RGB32)
    picture.fill(QColor("red"))
    assert picture.save(str(tmp_path / "pic.png"))
    pane.show_event(one_event(description=f"![abs]({tmp_path / 'pic.png'}) ![rel](pic.png)"),
                    "x")
    pane.grab()
    doc = description(pane).document()
    image = QTextDocument.ResourceType.ImageResource.value
    for name in (str(tmp_path / "pic.png"), "pic.png"):
        assert doc.resource(image, QUrl(name)) is None
    assert image_names(doc) == []
    assert description(pane).toPlainText() == "[image: abs] [image: rel]"
