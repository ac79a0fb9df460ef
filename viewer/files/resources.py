"""Where the files that come with the app are: the bundled example, the new-file template,
the format reference, the icon and the schema.

In a checkout (or an editable install) they sit beside ``viewer/``; ``pip install .`` puts
them under ``PREFIX/share/timeline-viewer`` (see ``[tool.setuptools.data-files]``).
"""

from __future__ import annotations

import sys
from pathlib import Path

_HERE = Path(__file__).resolve().parent.parent  # the viewer package
_SHARE = ("share", "timeline-viewer")


def _candidates() -> list[Path]:
    roots = [_HERE.parent]  # a checkout: main.py, events.yaml, resources/ side by side
    # an install: PREFIX/lib/pythonX.Y/site-packages/viewer, data under PREFIX/share
    prefixes = [Path(sys.prefix), *(_HERE.parents[3:4])]
    return [*roots, *(p.joinpath(*_SHARE) for p in prefixes)]


def _find(*names: str) -> Path:
    for root in _candidates():
        for name in names:
            path = root / name
            if path.exists():
                return path
    return _HERE.parent / names[0]  # where it would be in a checkout, for the message


def resource(name: str) -> Path:
    """A file of ``resources/`` (``new-events.yaml``, ``timeline-viewer.svg``, …)."""
    return _find(f"resources/{name}", name)


def bundled_example() -> Path:
    """The bundled ``events.yaml`` (Canada–China relations)."""
    return _find("events.yaml")


def format_reference() -> Path:
    """``FORMAT.md``, shown by Help → The events.yaml format."""
    return _find("FORMAT.md")
