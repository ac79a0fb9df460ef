"""Command-line arguments of ``main.py`` (and the ``timeline-viewer`` command)."""

from __future__ import annotations

import argparse
import os
import re
import sys

from viewer import __version__
from viewer.files.atomic import SameFileError, same_file
from viewer.files.resources import bundled_example

BUNDLED_FILE = bundled_example()
EXIT_USAGE = 2


def size_arg(text: str) -> tuple[int, int]:
    m = re.fullmatch(r"(\d+)[xX×](\d+)", text.strip())
    if not m or not (16 <= int(m.group(1)) <= 20000 and 16 <= int(m.group(2)) <= 20000):
        raise argparse.ArgumentTypeError(f"'{text}' is not a size like 1600x900")
    return int(m.group(1)), int(m.group(2))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="main.py",
        description="Timeline Viewer: an interactive timeline of a hand-edited events.yaml.")
    parser.add_argument("file", nargs="?", help="the events file (default: the bundled example)")
    parser.add_argument("--check", action="store_true",
                        help="print the file's problems as FILE:LINE:COL and exit "
                             "(0 ok, 1 errors, 2 unreadable)")
    parser.add_argument("--watch", action="store_true",
                        help="with --check: check again on every save until Ctrl+C")
    parser.add_argument("--convert", nargs=2, metavar=("IN", "OUT.yaml"),
                        help="write IN (a TimelineJS .json, or its spreadsheet template saved "
                             "as .csv) as a commented events file OUT.yaml and exit (0 written, "
                             "1 errors in IN: then nothing is written, 2 unreadable IN or an "
                             "OUT not ending in .yaml/.yml); IN is never changed")
    parser.add_argument("--export", metavar="OUT",
                        help="render the timeline to OUT.png, OUT.svg or OUT.pdf and exit")
    parser.add_argument("--screenshot", metavar="OUT.png",
                        help="render the whole main window offscreen to OUT.png and exit")
    parser.add_argument("--size", type=size_arg, metavar="WxH",
                        help="picture size in pixels (default 1600x900 for --export, "
                             "1600x1000 for --screenshot)")
    parser.add_argument("--select", metavar="ID", help="with --screenshot: select this event")
    parser.add_argument("--search", metavar="TEXT", help="with --screenshot: search for TEXT")
    parser.add_argument("--from", dest="date_from", metavar="DATE",
                        help="with --export or --screenshot: show from this date (default: "
                             "the whole span)")
    parser.add_argument("--to", dest="date_to", metavar="DATE",
                        help="with --export or --screenshot: show up to this date")
    parser.add_argument("--lanes", choices=("category", "tag", "person", "place", "single"),
                        help="how lanes group events (default: category, or as last time)")
    parser.add_argument("--theme", choices=("system", "light", "dark"),
                        help="colours of the window and pictures (default: follow the system, "
                             "or as last time)")
    parser.add_argument("--version", action="version", version=f"Timeline Viewer {__version__}")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    path = args.file or str(BUNDLED_FILE)
    if args.watch and not args.check:
        parser.error("--watch goes with --check")
    for option, out in (("--export", args.export), ("--screenshot", args.screenshot),
                        ("--convert", args.convert[1] if args.convert else None)):
        if out is not None and not out.strip():
            parser.error(f"{option} needs the name of the file to write")
    if args.convert:
        if args.file or args.check:
            parser.error("--convert takes its own IN and OUT.yaml")
        from viewer.commands.convert import convert

        source, target = args.convert
        return convert(source, target, sys.stdout)
    if args.check:
        if args.watch:
            from viewer.commands.watch_check import watch

            return watch(path, sys.stdout)
        from viewer.commands.check import check

        return check(path, sys.stdout)
    if args.export or args.screenshot:
        if same_file(path, args.export or args.screenshot):
            print(f"error: {SameFileError(args.export or args.screenshot)}", file=sys.stderr)
            return EXIT_USAGE
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from viewer.qt import headless

        args.theme = args.theme or "system"
        args.lanes = args.lanes or "category"
        if args.export:
            args.size = args.size or (1600, 900)
            return headless.export_file(path, args, sys.stderr)
        args.size = args.size or (1600, 1000)
        return headless.screenshot_file(path, args, sys.stderr)
    if args.select or args.search:
        parser.error("--select and --search go with --screenshot")
    if args.date_from or args.date_to:
        parser.error("--from and --to go with --export or --screenshot")
    from viewer.qt.app import run

    return run(path, theme=args.theme, lanes=args.lanes)


def entry_point() -> None:
    """The ``timeline-viewer`` console script."""
    sys.exit(main())
