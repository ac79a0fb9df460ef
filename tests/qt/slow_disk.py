"""A disk so slow that a read lasts until the GUI thread has shown it is alive."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

TICKS = 3  # ticks of the GUI thread's timer a read waits for
GIVE_UP_S = 10  # a read on a blocked GUI thread waits this long, then ends (and the test fails)


class SlowDisk:
    """Replaces a read function: each read waits until a timer on the GUI thread has fired
    ``TICKS`` more times since the read began, which it can only do when the read runs
    elsewhere. ``reads`` tells, for each read, its thread and whether the GUI ticked."""

    def __init__(self, real_read: Callable[[str], bytes], parent: QObject) -> None:
        self.ticks = 0
        self.reads: list[tuple[threading.Thread, bool]] = []
        self._real_read = real_read
        self.timer = QTimer(parent, interval=20)
        self.timer.timeout.connect(self._on_timer_timeout)
        self.timer.start()

    def read(self, path: str) -> bytes:
        began, give_up = self.ticks, time.monotonic() + GIVE_UP_S
        while self.ticks < began + TICKS and time.monotonic() < give_up:
            time.sleep(0.01)
        self.reads.append((threading.current_thread(), self.ticks >= began + TICKS))
        return self._real_read(path)

    @property
    def gui_kept_running(self) -> bool:
        """Whether there were reads, all off the GUI thread, and the GUI ticked meanwhile."""
        return bool(self.reads) and all(
            alive and thread is not threading.main_thread() for thread, alive in self.reads)

    def _on_timer_timeout(self) -> None:
        self.ticks += 1
