"""Headless export of the timeline to PNG, SVG or PDF, painted exactly as on screen."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSize, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtSvg import QSvgGenerator

from viewer.atomic import atomic_target
from viewer.qt.canvas import TimelineCanvas
from viewer.qt.painter import Frame, paint_frame

FORMATS = ("png", "svg", "pdf")


class ExportError(Exception):
    """An export that cannot be written; the message is for the user."""


def export_canvas(canvas: TimelineCanvas, out: str | Path, width: int, height: int,
                  pixel_ratio: float = 1.0) -> None:
    """Paint ``canvas``'s current view at ``width`` × ``height`` into ``out``.

    The format comes from the suffix (.png, .svg, .pdf). SVG and PDF are vector, with text
    kept as text. Raises :class:`ExportError` for a bad format or an unwritable path.
    """
    path = Path(out)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise ExportError(f"cannot export to '{path.name}': use a .png, .svg, .pdf, .csv or "
                          ".ics name")
    if not path.parent.exists():
        raise ExportError(f"cannot export to '{path}': folder '{path.parent}' does not exist")
    frame = canvas.frame(width, height)
    try:
        with atomic_target(path) as tmp:
            _paint_to(canvas, frame, fmt, tmp, width, height, pixel_ratio)
    except OSError as err:
        raise ExportError(f"cannot write '{path}': {err.strerror or err}") from err


def _paint_to(canvas: TimelineCanvas, frame: Frame, fmt: str, path: str, width: int,
              height: int, pixel_ratio: float) -> None:
    if fmt == "png":
        image = QImage(QSize(round(width * pixel_ratio), round(height * pixel_ratio)),
                       QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(pixel_ratio)
        painter = QPainter(image)
        paint_frame(painter, frame)
        painter.end()
        if not image.save(path):
            raise ExportError(f"cannot write '{path}'")
        return
    if fmt == "svg":
        generator = QSvgGenerator()
        generator.setFileName(path)
        generator.setSize(QSize(width, height))
        generator.setViewBox(QRectF(0, 0, width, height))
        generator.setTitle(canvas.timeline.title or "Timeline")
        generator.setDescription("Made with Timeline Viewer")
        painter = QPainter()
        if not painter.begin(generator):
            raise ExportError(f"cannot write '{path}'")
        paint_frame(painter, frame)
        painter.end()
        return
    writer = QPdfWriter(path)
    writer.setTitle(canvas.timeline.title or "Timeline")
    writer.setCreator("Timeline Viewer")
    writer.setResolution(96)
    page = QPageSize(QSizeF(width * 72 / 96, height * 72 / 96), QPageSize.Unit.Point,
                     "Timeline", QPageSize.SizeMatchPolicy.ExactMatch)
    writer.setPageLayout(QPageLayout(page, QPageLayout.Orientation.Portrait,
                                     QMarginsF(0, 0, 0, 0)))
    painter = QPainter()
    if not painter.begin(writer):
        raise ExportError(f"cannot write '{path}'")
    paint_frame(painter, frame)
    painter.end()
