"""File → Print…: the view on one page, scaled to fit, with a preview first.

Keep the QPrinter alive for as long as any preview dialog that paints on it: a
QPrintPreviewDialog does not own a printer it is given, and one garbage-collected under it
crashes the app the moment the preview paints (measured with PySide6 6.11, offscreen and
under Xvfb alike). :class:`Printing` holds the one printer for the window's lifetime and
deletes each dialog as soon as it closes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

import shiboken6
from PySide6.QtGui import QPageLayout, QPainter, QPicture
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QCheckBox, QDialog, QToolBar, QWidget

from viewer.files.atomic import SameFileError, same_file
from viewer.qt.canvas import TimelineCanvas
from viewer.qt.export import export_frame
from viewer.qt.painter import paint_frame
from viewer.qt.theme import theme_for


def new_printer() -> QPrinter:
    """A printer set up for timelines: landscape, full resolution. With no printer installed
    Qt makes it a PDF printer: the print dialog then offers "Print to File (PDF)" (on Linux;
    a save dialog on Windows and macOS)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    printer.setDocName("Timeline")
    return printer


def print_view(canvas: TimelineCanvas, printer: QPrinter, whole: bool = False) -> bool:
    """Print ``canvas``'s view (with ``whole``: the whole timeline, as Fit all shows it) on
    one page of ``printer``, as big as fits with its proportions kept, centred.

    It is printed at the canvas's size on screen (the whole timeline taller when its lanes
    need it), in the light theme (paper is white), and
    stays vector with text as text. Returns False if the printer could not be started.
    """
    width, height = max(canvas.width(), 1), max(canvas.height(), 1)
    frame = dataclasses.replace(export_frame(canvas, width, height, whole=whole),
                                theme=theme_for("light"))
    height = round(frame.height)  # the whole timeline grows to show every lane and row
    # Painted through a QPicture: played back, it scales the text along with everything
    # else to the printer's resolution, as the layout measured it on screen.
    picture = QPicture()
    recorder = QPainter(picture)
    paint_frame(recorder, frame)
    recorder.end()
    painter = QPainter()
    if not painter.begin(printer):
        return False
    page = printer.pageRect(QPrinter.Unit.DevicePixel)  # the painter starts at its corner
    sx = printer.logicalDpiX() / picture.logicalDpiX()  # device pixels per screen pixel
    sy = printer.logicalDpiY() / picture.logicalDpiY()
    left, top, scale = fit(width * sx, height * sy, page.width(), page.height())
    painter.translate(left, top)
    painter.scale(scale, scale)  # the picture scales by sx, sy itself as it plays
    painter.drawPicture(0, 0, picture)
    return painter.end()


def fit(width: float, height: float, room_width: float, room_height: float
        ) -> tuple[float, float, float]:
    """Where a ``width`` × ``height`` picture goes to fill a room as far as it can with its
    proportions kept, centred: its left and top, and its scale."""
    scale = min(room_width / width, room_height / height)
    return (room_width - width * scale) / 2, (room_height - height * scale) / 2, scale


class Printing:
    """The window's printer and its preview dialogs."""

    def __init__(self, canvas: TimelineCanvas) -> None:
        self.canvas = canvas
        self.printer = new_printer()
        self.whole = False
        self.painted = False  # whether the last paint on the printer (or preview) worked
        self.keep: Sequence[str] = ()  # files a PDF must never be written over (the one shown)
        self.refused: SameFileError | None = None  # why the last print was not made

    def preview(self, parent: QWidget | None) -> QPrintPreviewDialog:
        """A preview dialog on :attr:`printer`, painted by :func:`print_view`, with a
        "Whole timeline" switch in its tool bar. Delete it with :func:`done` when closed."""
        self.printer.setDocName(self.canvas.timeline.title or "Timeline")
        dialog = QPrintPreviewDialog(self.printer, parent)
        dialog.setWindowTitle("Print preview")
        dialog.resize(960, 720)
        whole = QCheckBox("&Whole timeline", dialog)
        whole.setChecked(self.whole)
        whole.setToolTip("Print every event, as Fit all shows them, instead of the current view")
        toolbar = dialog.findChild(QToolBar)
        if toolbar is not None:
            toolbar.addSeparator()
            toolbar.addWidget(whole)
        else:  # a Qt without the tool bar: no switch, the view is printed
            whole.hide()

        def paint(printer: QPrinter) -> None:
            target = printer.outputFileName()
            if (printer.outputFormat() == QPrinter.OutputFormat.PdfFormat
                    and any(same_file(target, k) for k in self.keep)):
                self.refused, self.painted = SameFileError(target), False
                return  # Qt writes the PDF only once a painter begins on the printer
            self.refused = None
            self.painted = print_view(self.canvas, printer, whole=whole.isChecked())

        def switch(on: bool) -> None:
            self.whole = on
            preview = dialog.findChild(QPrintPreviewWidget)
            if preview is not None:
                preview.updatePreview()

        dialog.paintRequested.connect(paint)
        whole.toggled.connect(switch)
        return dialog

    def run(self, parent: QWidget | None, pdf_name: str = "",
            keep: Sequence[str] = ()) -> bool | None:
        """Show the preview modally: None if it was closed without printing, else whether
        the printing worked. With no printer installed, the print dialog offers a PDF file,
        ``pdf_name`` unless one was chosen before; a PDF is never written over a file in
        ``keep`` (the printing then fails with :attr:`refused` saying why)."""
        self.keep, self.refused = tuple(keep), None
        if (self.printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and pdf_name
                and not self.printer.outputFileName()
                and not any(same_file(pdf_name, k) for k in self.keep)):
            self.printer.setOutputFileName(pdf_name)
        dialog = self.preview(parent)
        try:
            printed = dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            done(dialog)
        return self.painted if printed else None

    def destination(self) -> tuple[bool, str]:
        """Where the printing went: (True, the PDF file's name) or (False, the printer's)."""
        if self.printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:
            return True, Path(self.printer.outputFileName()).name
        return False, self.printer.printerName()


def done(dialog: QDialog) -> None:
    """Delete ``dialog`` now, while the printer it paints on is certainly still alive."""
    if shiboken6.isValid(dialog):
        shiboken6.delete(dialog)
