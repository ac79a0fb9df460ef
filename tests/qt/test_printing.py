"""File → Print…: the view printed on one page, and a preview that opens, paints and closes
without crashing (a QPrinter collected under its preview dialog segfaults: see printing.py)."""

import gc
from pathlib import Path

import pytest
from PySide6.QtGui import QPageLayout
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QCheckBox, QDialog, QToolBar

from viewer.model.dates import parse_date
from viewer.qt.printing import Printing, done, fit, new_printer, print_view
from viewer.view.timewindow import TimeWindow

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def window(bundled_window):
    return bundled_window


def pdf_printer(path: Path) -> QPrinter:
    printer = new_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def test_a_printer_is_landscape(qapp):
    assert new_printer().pageLayout().orientation() == QPageLayout.Orientation.Landscape


def test_fit_keeps_the_proportions_and_centres():
    left, top, scale = fit(1000, 500, 3000, 3000)  # a wide picture on a square page
    assert scale == 3 and left == 0 and top == 750
    left, top, scale = fit(400, 800, 1000, 1000)
    assert scale == 1.25 and left == 250 and top == 0


def test_printing_to_a_pdf_printer_makes_a_pdf(window, tmp_path):
    out = tmp_path / "printed.pdf"
    printer = pdf_printer(out)
    printer.setDocName(window.timeline.title)
    assert print_view(window.canvas, printer)
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and window.timeline.title.encode() in data
    assert b"/ToUnicode" in data  # the text is text


def test_printing_the_whole_timeline_leaves_the_view(window, tmp_path):
    window.state.set_window(TimeWindow(parse_date("2018").start, parse_date("2019").end),
                            settle_now=True)
    shown = window.state.window
    assert print_view(window.canvas, pdf_printer(tmp_path / "whole.pdf"), whole=True)
    assert window.state.window == shown
    assert (tmp_path / "whole.pdf").read_bytes().startswith(b"%PDF")


def test_the_preview_opens_paints_and_closes(window, qtbot):
    printing = Printing(window.canvas)
    for expect_whole in (False, True):  # the same printer, a fresh dialog each time
        dialog = printing.preview(window)
        with qtbot.waitSignal(dialog.paintRequested, timeout=5000):
            dialog.show()
        assert printing.painted
        whole = dialog.findChild(QToolBar).findChild(QCheckBox)
        assert whole.text() == "&Whole timeline" and whole.isVisible()
        assert whole.isChecked() == expect_whole  # as last time
        with qtbot.waitSignal(dialog.paintRequested, timeout=5000):
            whole.click()  # the preview paints again
        assert printing.whole != expect_whole  # and the next preview starts so
        dialog.close()
        done(dialog)
        gc.collect()
        qtbot.wait(10)


def test_the_menu_previews_and_prints_to_a_pdf(window, tmp_path, monkeypatch, qtbot):
    """Without printers, Qt makes the printer a PDF one; "Print" then writes the file."""
    out = tmp_path / "printed.pdf"
    seen = []

    def preview_then_print(dialog):
        with qtbot.waitSignal(dialog.paintRequested, timeout=5000):
            dialog.show()  # the preview paints
        seen.append(dialog.windowTitle())
        printer = window.menus.printing.printer
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        dialog.paintRequested.emit(printer)  # what the print button does
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(QPrintPreviewDialog, "exec", preview_then_print)
    window.menus.print.trigger()
    gc.collect()
    assert seen == ["Print preview"]
    assert out.read_bytes().startswith(b"%PDF")
    assert window.statusBar().currentMessage() == "Printed to printed.pdf"
    window.menus.print.trigger()  # again, with the printer kept from the first time
    assert len(seen) == 2


@pytest.mark.qt_log_ignore(r"QPainter::begin\(\): Returned false")
def test_a_print_that_fails_says_so(window, monkeypatch):
    warnings = []

    def print_to_a_folder(dialog):
        printer = window.menus.printing.printer
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(ROOT))  # a folder: the printer cannot start
        dialog.paintRequested.emit(printer)
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(QPrintPreviewDialog, "exec", print_to_a_folder)
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.warning",
                        staticmethod(lambda parent, title, text: warnings.append(text)))
    window.menus.print_timeline()
    assert len(warnings) == 1 and "Could not print" in warnings[0]


@pytest.mark.parametrize("name", ["same", "hard link"])
def test_printing_to_a_pdf_never_writes_over_the_file_shown(qtbot, tmp_path, monkeypatch,
                                                             name):
    """A YAML events file may be called x.pdf: Print to file then must not replace it."""
    from PySide6.QtCore import QSettings

    from viewer.qt.main_window import MainWindow

    shown = tmp_path / "chronology.pdf"
    text = (ROOT / "events.yaml").read_text(encoding="utf-8")
    shown.write_text(text, encoding="utf-8")
    target = shown
    if name == "hard link":
        target = tmp_path / "other.pdf"
        target.hardlink_to(shown)
    w = MainWindow(settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.open_file(str(shown))
    qtbot.waitUntil(lambda: len(w.canvas.timeline.events) > 0, timeout=10000)
    warnings = []

    def print_over_the_file_shown(dialog):
        printer = w.menus.printing.printer
        assert printer.outputFileName() != str(shown)  # not even proposed
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        dialog.paintRequested.emit(printer)
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(QPrintPreviewDialog, "exec", print_over_the_file_shown)
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.warning",
                        staticmethod(lambda parent, title, text: warnings.append(text)))
    w.menus.print_timeline()
    assert shown.read_text(encoding="utf-8") == text
    assert len(warnings) == 1 and "never written over" in warnings[0]
