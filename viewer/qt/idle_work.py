"""Work the window does in slices while it is idle, so that input and paints come first.

A slice runs steps of an iterator for at most ``budget_ms``, then gives the event loop back;
the next slice runs when it is idle again (a zero-interval timer), until the iterator ends.
Starting another piece of work drops the one in progress.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

from PySide6.QtCore import QObject, QTimer

BUDGET_MS = 8.0  # a slice at most this long keeps a pan or zoom smooth


class IdleWork(QObject):
    """Runs one iterator's steps a slice at a time on the GUI thread."""

    def __init__(self, parent: QObject | None = None, budget_ms: float = BUDGET_MS) -> None:
        super().__init__(parent)
        self._budget = budget_ms / 1000.0
        self._steps: Iterator[object] | None = None
        self._key: object = None
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._slice)

    @property
    def busy(self) -> bool:
        return self._steps is not None

    def start(self, steps: Iterator[object], *, key: object = None,
              then: Callable[[], None] | None = None) -> None:
        """Run ``steps`` from the next idle moment on, instead of any work in progress, and
        call ``then`` once they are done. With a ``key``, work in progress for an equal key
        goes on instead (``steps`` is dropped unstarted)."""
        if key is not None and self._steps is not None and key == self._key:
            return
        self._key = key
        self._steps = steps if then is None else _then(steps, then)
        self._timer.start()

    def stop(self) -> None:
        self._steps = None
        self._timer.stop()

    def _slice(self) -> None:
        steps = self._steps
        if steps is None:
            self._timer.stop()
            return
        until = time.perf_counter() + self._budget
        for _ in steps:
            if time.perf_counter() >= until:
                return
        self.stop()


def _then(steps: Iterator[object], done: Callable[[], None]) -> Iterator[object]:
    yield from steps
    done()
