"""File → Export image…: the dialog's choices become PNG, SVG and PDF files of the view or of
the whole timeline, at the size asked, with the filters applied and the view left alone."""

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtGui import QImage, QKeySequence
from PySide6.QtWidgets import QDialog, QMessageBox

from viewer.model.dates import parse_date
from viewer.qt.export_dialog import ExportChoice, ExportDialog
from viewer.qt.export_dialog import export_choice as write_choice
from viewer.query.filtering import Filter
from viewer.view.timewindow import TimeWindow

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = str(ROOT / "events.yaml")
OLD = "Canada and the People's Republic of China establish diplomatic relations"  # 1970
RECENT = "China detains Michael Kovrig and Michael Spavor"  # 2018


@pytest.fixture
def window(bundled_window):
    return bundled_window


def export_choice(canvas, choice: ExportChoice) -> Path:
    """The picture ``choice`` asks for, written as the menu writes it: never over the file shown."""
    return write_choice(canvas, choice, keep=(BUNDLED,))


def svg_texts(path: Path) -> str:
    root = ET.parse(path).getroot()
    return " ".join(t.text or "" for t in root.iter() if t.tag.endswith("text"))


def zoom_to_2018_2022(window) -> TimeWindow:
    window.state.set_window(TimeWindow(parse_date("2018").start, parse_date("2022").end),
                            settle_now=True)
    return window.state.window


def test_png_at_a_chosen_size_has_exactly_that_size(window, tmp_path):
    out = export_choice(window.canvas, ExportChoice(tmp_path / "t.png", size=(900, 500)))
    image = QImage(str(out))
    assert (image.width(), image.height()) == (900, 500)


def test_png_as_on_screen_has_the_screens_pixels(window, tmp_path, monkeypatch):
    canvas = window.canvas
    monkeypatch.setattr(canvas, "devicePixelRatioF", lambda: 2.0)
    image = QImage(str(export_choice(canvas, ExportChoice(tmp_path / "t.png"))))
    assert (image.width(), image.height()) == (2 * canvas.width(), 2 * canvas.height())


def test_svg_keeps_the_title_and_the_events_as_text(window, tmp_path):
    zoom_to_2018_2022(window)
    out = export_choice(window.canvas, ExportChoice(tmp_path / "t.svg", size=(1600, 900)))
    root = ET.parse(out).getroot()
    titles = [t.text for t in root.iter() if t.tag.endswith("title")]
    assert titles == [window.timeline.title]
    assert RECENT in svg_texts(out)


def test_pdf_is_a_vector_pdf_with_the_title(window, tmp_path):
    out = export_choice(window.canvas, ExportChoice(tmp_path / "t.pdf", size=(1600, 900)))
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    assert window.timeline.title.encode() in data  # the document title, in its metadata
    assert b"/Type /Font" in data and b"/ToUnicode" in data  # real text, selectable


def test_whole_timeline_shows_what_is_outside_the_view_and_leaves_the_view(window, tmp_path):
    shown = zoom_to_2018_2022(window)
    scroll = window.canvas.lane_scroll
    view = export_choice(window.canvas, ExportChoice(tmp_path / "view.svg", size=(1600, 900)))
    whole = export_choice(window.canvas, ExportChoice(tmp_path / "whole.svg", whole=True,
                                                      size=(1600, 900)))
    assert OLD not in svg_texts(view)
    assert OLD in svg_texts(whole) and RECENT in svg_texts(whole)
    assert window.state.window == shown and window.canvas.lane_scroll == scroll


def test_the_filters_apply(window, tmp_path):
    window.set_hide_filtered(True)
    window.filter_pane.set_filter(Filter(text="canola"))
    out = export_choice(window.canvas, ExportChoice(tmp_path / "t.svg", whole=True,
                                                    size=(1600, 900)))
    texts = svg_texts(out)
    assert "China imposes preliminary anti-dumping duties on canola seed" in texts
    assert RECENT not in texts


def test_dialog_choices_and_remembering_them(window, tmp_path, qtbot):
    dialog = ExportDialog(window.canvas, window.remembered, window.path, window)
    qtbot.addWidget(dialog)
    assert dialog.view.isChecked() and dialog.on_screen.isChecked()
    assert not dialog.width_box.isEnabled()
    assert dialog.choice() == ExportChoice(ROOT / "events.png")
    assert f"{window.canvas.width()} × {window.canvas.height()}" in dialog.on_screen.text()
    dialog.whole.setChecked(True)
    dialog.custom.setChecked(True)
    assert dialog.width_box.isEnabled()
    dialog.width_box.setValue(1234)
    dialog.height_box.setValue(99999)  # clamped to the bounds
    dialog.file_edit.setText(str(tmp_path / "out.svg"))
    assert dialog.format() == "svg"
    assert dialog.choice() == ExportChoice(tmp_path / "out.svg", whole=True,
                                           size=(1234, 20000))
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted

    again = ExportDialog(window.canvas, window.remembered, window.path, window)
    qtbot.addWidget(again)
    assert again.whole.isChecked() and again.custom.isChecked()
    assert (again.width_box.value(), again.height_box.value()) == (1234, 20000)
    assert again.choice().path == tmp_path / "events.svg"  # same folder and format


def test_the_format_and_the_suffix_follow_each_other(window, qtbot, tmp_path):
    dialog = ExportDialog(window.canvas, window.remembered, window.path, window)
    qtbot.addWidget(dialog)
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("pdf"))
    dialog.format_box.activated.emit(dialog.format_box.currentIndex())
    assert dialog.file_edit.text().endswith("events.pdf")
    dialog.file_edit.setText("picture")  # no suffix: the format's, in the starting folder
    assert dialog.choice().path == ROOT / "picture.pdf"
    dialog.file_edit.setText(str(tmp_path / "x.PNG"))
    assert dialog.format() == "png" and dialog.choice().path == tmp_path / "x.PNG"
    dialog.file_edit.setText("")
    assert not dialog.export_button.isEnabled()


def test_replacing_a_file_asks_first(window, qtbot, tmp_path, monkeypatch):
    existing = tmp_path / "old.png"
    existing.write_bytes(b"keep")
    asked = []
    monkeypatch.setattr(QMessageBox, "question", staticmethod(
        lambda *args, **kwargs: asked.append(args) or QMessageBox.StandardButton.No))
    dialog = ExportDialog(window.canvas, window.remembered, window.path, window)
    qtbot.addWidget(dialog)
    dialog.file_edit.setText(str(existing))
    dialog.accept()
    assert asked and dialog.result() != QDialog.DialogCode.Accepted


def test_the_menu_exports_and_says_so(window, tmp_path, monkeypatch):
    def choose_pdf(dialog):
        dialog.file_edit.setText(str(tmp_path / "timeline.pdf"))
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(ExportDialog, "exec", choose_pdf)
    window.menus.export.trigger()
    assert (tmp_path / "timeline.pdf").read_bytes().startswith(b"%PDF")
    assert window.statusBar().currentMessage() == "Exported timeline.pdf"


def test_the_menu_shows_errors(window, tmp_path, monkeypatch):
    def choose_missing_folder(dialog):
        dialog.file_edit.setText(str(tmp_path / "missing" / "t.png"))
        dialog.accept()
        return dialog.result()

    warnings = []
    monkeypatch.setattr(ExportDialog, "exec", choose_missing_folder)
    monkeypatch.setattr(QMessageBox, "warning",
                        staticmethod(lambda parent, title, text: warnings.append(text)))
    window.menus.export_image()
    assert len(warnings) == 1 and "does not exist" in warnings[0]


def test_export_and_print_have_their_shortcuts(window):
    assert window.menus.export.shortcut().toString() == "Ctrl+E"
    assert window.menus.print.shortcut() == QKeySequence(QKeySequence.StandardKey.Print)
    assert window.menus.print.toolTip()


def test_the_dialog_never_exports_over_the_file_shown(qtbot, tmp_path, monkeypatch):
    import os

    from PySide6.QtCore import QSettings

    from viewer.qt.main_window import MainWindow

    events = tmp_path / "events.yaml"
    events.write_bytes(Path(BUNDLED).read_bytes())
    os.link(events, tmp_path / "linked.png")
    window = MainWindow(settings=QSettings(str(tmp_path / "settings.ini"),
                                           QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    assert window.open_file(str(events))
    warnings = []
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *args: QMessageBox.StandardButton.Yes))
    monkeypatch.setattr(QMessageBox, "warning",
                        staticmethod(lambda parent, title, text: warnings.append(text)))

    def choose_the_link(dialog):
        dialog.file_edit.setText(str(tmp_path / "linked.png"))
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(ExportDialog, "exec", choose_the_link)
    window.menus.export_image()
    assert warnings == [f"'{tmp_path / 'linked.png'}' is the file being shown or read; it is "
                        "never written over: choose another name"]
    assert events.read_bytes() == Path(BUNDLED).read_bytes()
    assert os.path.samefile(events, tmp_path / "linked.png")


def test_the_dialog_never_proposes_the_name_of_the_file_shown(window, qtbot, tmp_path):
    odd = tmp_path / "timeline.png"  # an events file, whatever its name says
    odd.write_bytes(Path(BUNDLED).read_bytes())
    assert window.open_file(str(odd))
    dialog = ExportDialog(window.canvas, window.remembered, window.path, window)
    qtbot.addWidget(dialog)
    assert dialog.format() == "png"
    assert dialog.file_edit.text() == str(tmp_path / "timeline-export.png")
