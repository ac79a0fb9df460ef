"""``main.py FILE --export OUT``: load, lay out and paint without showing a window."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from viewer.files.atomic import SameFileError, atomic_target
from viewer.files.export_data import DATA_FORMATS, export_events, in_range
from viewer.load.reading import load_path
from viewer.load.report import EXIT_ERRORS, EXIT_UNREADABLE
from viewer.model.dates import DateError, parse_date
from viewer.model.diagnostics import unreadable
from viewer.qt.app import application
from viewer.qt.canvas import TimelineCanvas
from viewer.qt.export import ExportError, export_canvas
from viewer.qt.view_state import ViewState
from viewer.view.lanes import LaneMode
from viewer.view.timewindow import TimeWindow


def export_file(path: str, args: argparse.Namespace, err: TextIO) -> int:
    """Export ``path`` as the options say; problems go to ``err``; returns the exit code."""
    try:
        result = load_path(path)
    except OSError as error:
        print(unreadable(path, error), file=err)
        return EXIT_UNREADABLE
    if result.timeline is None:
        for d in result.diagnostics:
            print(d.format(path), file=err)
        return EXIT_ERRORS
    dates = _dates(args, err)
    if dates is None:
        return EXIT_UNREADABLE
    start, end = dates
    if Path(args.export).suffix.lower().lstrip(".") in DATA_FORMATS:
        timeline = result.timeline
        try:
            report = export_events(timeline, in_range(timeline.events, start, end), args.export,
                                   keep=(path,))
        except SameFileError as error:
            print(f"error: {error}", file=err)
            return EXIT_UNREADABLE
        except OSError as error:
            print(f"error: cannot write '{args.export}': {error.strerror or error}", file=err)
            return EXIT_UNREADABLE
        except ValueError as error:
            print(f"error: {error}", file=err)
            return EXIT_UNREADABLE
        print(f"{args.export}: {report}", file=err)
        return 0
    application()
    state = ViewState()
    state.set_lane_mode(LaneMode(args.lanes))
    canvas = TimelineCanvas(state)
    canvas.set_theme(args.theme)
    canvas.set_timeline(result.timeline)
    width, height = args.size
    canvas.resize(width, height)
    if start is None and end is None:
        canvas.fit_all()
    elif not _show_dates(state, start, end, err):
        return EXIT_UNREADABLE
    try:
        export_canvas(canvas, args.export, width, height, keep=(path,),
                      whole=start is None and end is None)
    except ExportError as error:
        print(f"error: {error}", file=err)
        return EXIT_UNREADABLE
    return 0


def _dates(args: argparse.Namespace, err: TextIO) -> tuple[float | None, float | None] | None:
    """The seconds ``--from`` starts and ``--to`` ends at (None when not given); None, with
    the problem written to ``err``, when one is not a date."""
    try:
        return (parse_date(args.date_from).start if args.date_from else None,
                parse_date(args.date_to).end if args.date_to else None)
    except DateError as error:
        print(f"error: --from/--to: {error.message} ({error.hint})", file=err)
        return None


def _show_dates(state: ViewState, start: float | None, end: float | None,
                err: TextIO) -> bool:
    """Show ``start`` to ``end`` (the view's own edge where one is None); False, with the
    problem written to ``err``, when they are the wrong way round."""
    window = state.window
    new = TimeWindow(start if start is not None else window.start,
                     end if end is not None else window.end)
    if not new.width > 0:
        print("error: --from must come before --to", file=err)
        return False
    state.set_window(new, settle_now=True)
    return True


def screenshot_file(path: str, args: argparse.Namespace, err: TextIO) -> int:
    """The whole main window, offscreen, with the selection and search asked for."""
    import tempfile

    from PySide6.QtCore import QSettings

    from viewer.qt.main_window import MainWindow
    from viewer.query.filtering import Filter

    out = Path(args.screenshot)
    if out.suffix.lower() != ".png":
        print(f"error: cannot save a screenshot as '{out.name}': use a .png name", file=err)
        return EXIT_UNREADABLE
    if not out.parent.exists():
        print(f"error: cannot save to '{out}': folder '{out.parent}' does not exist", file=err)
        return EXIT_UNREADABLE
    try:  # as --check and --export say: unreadable is 2, errors in the file are 1
        with open(path, "rb"):
            pass
    except OSError as error:
        print(unreadable(path, error), file=err)
        return EXIT_UNREADABLE
    dates = _dates(args, err)
    if dates is None:
        return EXIT_UNREADABLE
    app = application()
    with tempfile.TemporaryDirectory() as tmp:  # a fresh layout, not the user's
        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(settings=settings)
        window.set_theme(args.theme)
        window.set_lane_mode(LaneMode(args.lanes))
        width, height = args.size
        window.resize(width, height)
        window.show()
        shown = window.open_file(path) and window.finish_loading() and window.path == path
        if not shown:
            print(window.problems.text(), file=err)
            return EXIT_ERRORS
        if (dates[0] is not None or dates[1] is not None) and \
                not _show_dates(window.state, *dates, err):
            window.close()
            return EXIT_UNREADABLE
        if args.search:
            window.filter_pane.set_filter(Filter(text=args.search))
        if args.select:
            if window.timeline.event(args.select) is None:
                print(f"error: --select: no event has the id '{args.select}'", file=err)
                return EXIT_UNREADABLE
            window.state.select(args.select)
            window.docks["details"].show()
        window.canvas.wait_for_layout = True  # a picture shows the exact layout, never a stand-in
        for _ in range(3):  # panes sized by height-for-width settle in a second pass
            app.processEvents()
        try:
            with atomic_target(out, keep=(path,)) as tmp:
                if not window.grab().save(tmp):
                    raise OSError("the picture could not be written")
            problem = ""
        except SameFileError as error:
            problem = f"error: {error}"
        except OSError as error:
            problem = f"error: cannot write '{out}': {error.strerror or error}"
        window.close()
    if problem:
        print(problem, file=err)
        return EXIT_UNREADABLE
    return 0
