"""``main.py --check FILE``: every diagnostic in one run, then a one-line summary."""

from __future__ import annotations

from typing import TextIO

from viewer.load.reading import load_bytes, read_file
from viewer.load.report import EXIT_ERRORS, EXIT_OK, EXIT_UNREADABLE, summary
from viewer.model.diagnostics import unreadable


def check(path: str, out: TextIO) -> int:
    """Print the report for ``path`` to ``out``; return the exit code (0, 1 or 2)."""
    try:
        data = read_file(path)  # a regular file of at most 1 GB: never a pipe or device
    except OSError as err:
        print(unreadable(path, err), file=out)
        return EXIT_UNREADABLE
    result = load_bytes(data, name=path)
    for diagnostic in result.diagnostics:
        print(diagnostic.format(path), file=out)
    print(summary(path, result), file=out)
    return EXIT_ERRORS if result.errors else EXIT_OK
