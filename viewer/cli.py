"""Command-line arguments of ``main.py`` (and the ``timeline-viewer`` command)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from viewer import __version__

BUNDLED_FILE = Path(__file__).resolve().parent.parent / "events.yaml"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="main.py",
        description="Timeline Viewer: an interactive timeline of a hand-edited events.yaml.")
    parser.add_argument("file", nargs="?", help="the events file (default: the bundled example)")
    parser.add_argument("--check", action="store_true",
                        help="print the file's problems as FILE:LINE:COL and exit "
                             "(0 ok, 1 errors, 2 unreadable)")
    parser.add_argument("--version", action="version", version=f"Timeline Viewer {__version__}")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    path = args.file or str(BUNDLED_FILE)
    if args.check:
        from viewer.check import check

        return check(path, sys.stdout)
    from viewer.qt.app import run

    return run(path)


def entry_point() -> None:
    """The ``timeline-viewer`` console script."""
    sys.exit(main())
