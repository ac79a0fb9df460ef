"""Export of the timeline to PNG, SVG or PDF, painted exactly as on screen.

Used by File → Export image… and by ``--export`` alike.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSize, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPdfWriter, QPicture
from PySide6.QtSvg import QSvgGenerator

from viewer.files.atomic import SameFileError, atomic_target
from viewer.qt.canvas import TimelineCanvas
from viewer.qt.painter import Frame, paint_frame

FORMATS = ("png", "svg", "pdf")
WHOLE_ROWS = 24  # rows a lane may take in a picture of the whole timeline


class ExportError(Exception):
    """An export that cannot be written; the message is for the user."""


def layout_dpi() -> int:
    """The resolution the canvas lays text out at (that of a QFont made without a device).

    Vector output must use it too, or its text comes out bigger or smaller than the room
    the layout measured for it. A QPicture reports exactly this resolution.
    """
    return QPicture().logicalDpiX()


def export_frame(canvas: TimelineCanvas, width: float, height: float, *,
                 whole: bool = False) -> Frame:
    """The frame ``canvas`` paints at ``width`` × ``height``: its current view, or with
    ``whole`` every event, fitted as Fit all fits them, lanes from the top, with up to
    :data:`WHOLE_ROWS` rows a lane and the height grown to show every lane and row (the
    frame's ``height``). Nothing is drawn hovered: the pointer is on a menu or a dialog,
    not on the picture.

    What is on screen is left as it was: the time window, and the lanes' scroll (which
    building a frame clamps to the frame's height).
    """
    state, scroll, shown = canvas.state, canvas.lane_scroll, canvas.state.window
    span = canvas.fit_extent()
    fitted = canvas.fitted(span, width) if whole and span is not None else None
    try:
        if fitted is not None:
            state.set_window(fitted, settle_now=True)
            canvas.lane_scroll = 0.0
        frame = dataclasses.replace(canvas.frame(width, height), hovered=-1)
        if whole:
            scene = canvas.roomy_scene(width, WHOLE_ROWS)
            height = max(height, math.ceil(frame.metrics.lanes_top + scene.height + 8))
            frame = dataclasses.replace(frame, scene=scene, height=height, scroll=0.0)
        return frame
    finally:
        if fitted is not None and state.window != shown:
            state.set_window(shown, settle_now=True)
        canvas.lane_scroll = scroll


def export_canvas(canvas: TimelineCanvas, out: str | Path, width: int, height: int,
                  pixel_ratio: float = 1.0, *, whole: bool = False,
                  keep: Iterable[str | Path]) -> None:
    """Paint ``canvas``'s current view (with ``whole``: the whole timeline, taller than
    ``height`` when its lanes need it) at ``width`` × ``height`` into ``out``; a PNG has
    ``pixel_ratio`` pixels per unit.

    The format comes from the suffix (.png, .svg, .pdf). SVG and PDF are vector, with text
    kept as text. Raises :class:`ExportError` for a bad format, an unwritable path or an
    ``out`` that is a file in ``keep`` (the events file shown).
    """
    path = Path(out)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise ExportError(f"cannot export to '{path.name}': use a .png, .svg, .pdf, .csv or "
                          ".ics name")
    if not path.parent.exists():
        raise ExportError(f"cannot export to '{path}': folder '{path.parent}' does not exist")
    frame = export_frame(canvas, width, height, whole=whole)
    height = round(frame.height)
    try:
        with atomic_target(path, keep=keep) as tmp:
            _paint_to(canvas, frame, fmt, tmp, width, height, pixel_ratio)
    except SameFileError as err:
        raise ExportError(f"cannot export: {err}") from err
    except (OSError, ExportError) as err:
        reason = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
        raise ExportError(f"cannot write '{path}': {reason}") from err


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
            raise ExportError("the image could not be saved")
        return
    if fmt == "svg":
        generator = QSvgGenerator()
        generator.setFileName(path)
        generator.setResolution(layout_dpi())  # its default, 72, shrinks the text by a quarter
        generator.setSize(QSize(width, height))
        generator.setViewBox(QRectF(0, 0, width, height))
        generator.setTitle(canvas.timeline.title or "Timeline")
        generator.setDescription("Made with Timeline Viewer")
        painter = QPainter()
        if not painter.begin(generator):
            raise ExportError("the painter could not open the file")
        paint_frame(painter, frame)
        painter.end()
        return
    writer = QPdfWriter(path)
    writer.setTitle(canvas.timeline.title or "Timeline")
    writer.setCreator("Timeline Viewer")
    dpi = layout_dpi()
    writer.setResolution(dpi)
    page = QPageSize(QSizeF(width * 72 / dpi, height * 72 / dpi), QPageSize.Unit.Point,
                     "Timeline", QPageSize.SizeMatchPolicy.ExactMatch)
    writer.setPageLayout(QPageLayout(page, QPageLayout.Orientation.Portrait,
                                     QMarginsF(0, 0, 0, 0)))
    painter = QPainter()
    if not painter.begin(writer):
        raise ExportError("the painter could not open the file")
    paint_frame(painter, frame)
    painter.end()
