"""``main.py FILE --export OUT``: load, lay out and paint without showing a window."""

from __future__ import annotations

import argparse
from typing import TextIO

from viewer.check import EXIT_ERRORS, EXIT_UNREADABLE
from viewer.dates import DateError, parse_date
from viewer.lanes import LaneMode
from viewer.loader import load_path
from viewer.qt.app import application
from viewer.qt.canvas import TimelineCanvas
from viewer.qt.export import ExportError, export_canvas
from viewer.qt.view_state import ViewState
from viewer.timewindow import TimeWindow


def export_file(path: str, args: argparse.Namespace, err: TextIO) -> int:
    """Export ``path`` as the options say; problems go to ``err``; returns the exit code."""
    try:
        result = load_path(path)
    except OSError as error:
        print(f"{path}: error: cannot read the file: {error.strerror or error}", file=err)
        return EXIT_UNREADABLE
    if result.timeline is None:
        for d in result.diagnostics:
            print(d.format(path), file=err)
        return EXIT_ERRORS
    try:
        start = parse_date(args.date_from).start if args.date_from else None
        end = parse_date(args.date_to).end if args.date_to else None
    except DateError as error:
        print(f"error: --from/--to: {error.message} ({error.hint})", file=err)
        return EXIT_UNREADABLE
    application()
    state = ViewState()
    state.set_lane_mode(LaneMode(args.lanes))
    canvas = TimelineCanvas(state)
    canvas.set_theme(args.theme)
    canvas.set_timeline(result.timeline)
    width, height = args.size
    canvas.resize(width, height)
    if start is not None or end is not None:
        window = state.window
        new = TimeWindow(start if start is not None else window.start,
                         end if end is not None else window.end)
        if not new.width > 0:
            print("error: --from must come before --to", file=err)
            return EXIT_UNREADABLE
        state.set_window(new, settle_now=True)
    else:
        canvas.fit_all()
    try:
        export_canvas(canvas, args.export, width, height)
    except ExportError as error:
        print(f"error: {error}", file=err)
        return EXIT_UNREADABLE
    return 0
