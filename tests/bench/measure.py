"""The measurements of one benchmark size, run inside the child process of ``run.py``.

The caller has set ``QT_QPA_PLATFORM=offscreen`` before this module is imported, since it
imports PySide6. Every figure is taken on the real :class:`MainWindow`, driven the way a user
drives it, and every frame is timed to the end of a synchronous ``repaint()`` of the canvas.
"""

from __future__ import annotations

import gc
import math
import os
import resource
import statistics
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QEventLoop,
    QObject,
    QSettings,
    Qt,
    QTimer,
)
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QWidget

from viewer.load.reading import load_path
from viewer.qt.app import application
from viewer.qt.main_window import MainWindow
from viewer.view.timewindow import TimeWindow

WAIT_TIMEOUT_S = 60.0
HEARTBEAT_MS = 50  # how often a wait wakes up to look at the clock
DAY = 86400.0
YEAR = 365.2425 * DAY
ZOOM_STEPS = 25  # in, then as many out: 50 frames
PAN_STEPS = 50
SEARCH = "talks"  # typed letter by letter from an empty box
WIDTH, HEIGHT = 1600, 1000


def process_start(fallback: float) -> float:
    """When this process started, on the ``time.perf_counter()`` clock.

    Linux gives the start in /proc/self/stat (field 22, clock ticks after boot, on the
    CLOCK_BOOTTIME clock); the elapsed time since then is carried over to perf_counter
    (CLOCK_MONOTONIC). The tick is 10 ms, so half a tick is added to centre the rounding.
    Anything implausible (no /proc, a start after ``fallback``, which is the perf_counter
    reading of the script's first statement, or one more than 30 s before it) gives
    ``fallback``.
    """
    try:
        stat = Path("/proc/self/stat").read_text(encoding="ascii")
        ticks = int(stat.rsplit(")", 1)[1].split()[19])  # fields after "(comm)" start at 3
        tick = 1.0 / os.sysconf("SC_CLK_TCK")
        boot_now, perf_now = time.clock_gettime(time.CLOCK_BOOTTIME), time.perf_counter()
    except (OSError, ValueError, IndexError, AttributeError):
        return fallback
    started = perf_now - (boot_now - (ticks + 0.5) * tick)
    if not fallback - 30.0 <= started <= fallback:
        return fallback
    return started


def wait_until(done: Callable[[], bool], what: str, *, process_first: bool = False) -> None:
    """Process events until ``done()``; raise after WAIT_TIMEOUT_S.

    Without ``process_first`` nothing is processed when ``done()`` already holds, so work
    that finished synchronously is not followed by paints we then force again. Between
    events this blocks as the app's own idle event loop does (a heartbeat timer wakes it to
    look at the clock): polling instead took the GIL from a loader working on another
    thread, and a 10k reload measured half as long again.
    """
    deadline = time.perf_counter() + WAIT_TIMEOUT_S
    if process_first:
        QCoreApplication.processEvents()
    heartbeat = QTimer()
    heartbeat.start(HEARTBEAT_MS)
    try:
        while not done():
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
            if done():
                return
            if time.perf_counter() > deadline:
                raise TimeoutError(f"benchmark: waited {WAIT_TIMEOUT_S:.0f} s for {what}; "
                                   "it never happened")
    finally:
        heartbeat.stop()


def percentile(samples: Sequence[float], p: float) -> float:
    """The ``p``-th percentile (0–100) of ``samples``, linearly interpolated."""
    ordered = sorted(samples)
    rank = (len(ordered) - 1) * p / 100.0
    low = math.floor(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def ms(seconds: float) -> float:
    return round(seconds * 1000.0, 2)


def open_window(path: Path, n: int, workdir: Path, started: float) -> tuple[MainWindow, float]:
    """The window showing ``path`` and the seconds from ``started`` to its first full frame."""
    application()
    settings = QSettings(str(workdir / "bench-settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings)
    window.resize(WIDTH, HEIGHT)
    window.show()
    window.open_file(str(path))
    # A large file may load on a worker thread: wait for the model. One round of events
    # always runs, so the window's pending layout and first paint of every pane happen as
    # they would for a user; the forced canvas paint after it makes sure the frame counted
    # is the canvas with all n events (it costs one more canvas frame when the load was
    # synchronous and that round already painted the canvas).
    wait_until(lambda: len(window.timeline.events) == n, f"the {n} events to be shown",
               process_first=True)
    window.canvas.repaint()
    return window, time.perf_counter() - started


def dense_anchor(window: MainWindow) -> float:
    """The middle of the median event's day: data on every side, in every zoom."""
    events = window.timeline.events
    middle = events[len(events) // 2]
    return middle.t0 + min(middle.t1 - middle.t0, DAY) / 2.0


def frame(step: Callable[[], None], window: MainWindow) -> float:
    """Seconds for ``step()`` plus the synchronous canvas paint it calls for.

    ``repaint()`` flushes every widget of the window that is due, so the overview strip,
    marked for repainting by the same change of window, is painted inside the frame too.
    """
    began = time.perf_counter()
    step()
    window.canvas.repaint()
    elapsed = time.perf_counter() - began
    QCoreApplication.processEvents()  # untimed: whatever else is queued, before the next
    return elapsed


def zoom_frames(window: MainWindow, anchor: float) -> list[float]:
    """The whole span down to one day around ``anchor`` and back: 25 frames each way."""
    state = window.state
    factor = (state.window.width / DAY) ** (1.0 / ZOOM_STEPS)
    steps = [factor] * ZOOM_STEPS + [1.0 / factor] * ZOOM_STEPS
    samples = [frame(partial(state.zoom, f, anchor), window) for f in steps]
    state.set_window(state.window, settle_now=True)  # the gesture ends
    return samples


def settle(window: MainWindow) -> None:
    """Let the settled view draw its exact layout, which a large file builds while idle in
    slices (as a user sees it who pauses before the next gesture or keystroke)."""
    QCoreApplication.processEvents()
    window.canvas.repaint()
    wait_until(lambda: not window.canvas.building, "the settled layout to be built")
    window.canvas.repaint()


def pan_frames(window: MainWindow, anchor: float) -> list[float]:
    """A one-year window around ``anchor`` moved later by a tenth of its width 50 times."""
    state = window.state
    state.set_window(TimeWindow(anchor - YEAR / 2, anchor + YEAR / 2), settle_now=True)
    settle(window)  # untimed: the first frame at this scale
    samples = [frame(lambda: state.pan(state.window.width * 0.1), window)
               for _ in range(PAN_STEPS)]
    state.set_window(state.window, settle_now=True)
    return samples


def search_box(window: MainWindow) -> QLineEdit:
    """The filter pane's search field, found as a user (or screen reader) finds it."""
    for field in window.filter_pane.findChildren(QLineEdit):
        if field.accessibleName() == "Search":
            return field
    raise LookupError("benchmark: the filter pane has no line edit named 'Search'")


def flush_debounce(window: MainWindow) -> None:
    """Fire the filter pane's pending debounce timer now instead of after its delay.

    The pane coalesces keystrokes with a single-shot QTimer (10 ms) whose timeout emits
    ``filter_changed``; emitting that timeout ourselves measures the filtering work and not
    the delay. Every active timer owned directly by the pane is treated this way.
    """
    for timer in window.filter_pane.findChildren(QTimer, "",
                                                 Qt.FindChildOption.FindDirectChildrenOnly):
        if timer.isActive() and timer.isSingleShot():
            timer.stop()
            timer.timeout.emit()


class PaintCounter(QObject):
    """Counts the paint events a widget receives (``count``, reset by the caller)."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def filter_keystrokes(window: MainWindow) -> list[float]:
    """Type SEARCH into the empty search box; each keystroke until canvas and list repaint."""
    field = search_box(window)
    field.setFocus()
    samples: list[float] = []
    list_paints = PaintCounter(window.event_list.viewport())
    settle(window)  # untimed: the view the pans left, as it is on screen before anyone types
    for i, letter in enumerate(SEARCH):
        wanted = SEARCH[: i + 1]

        def applied(wanted: str = wanted) -> bool:
            return window.flt.text == wanted

        list_paints.count = 0
        began = time.perf_counter()
        QTest.keyClicks(field, letter)  # one key press and release
        flush_debounce(window)
        wait_until(applied, f"the filter to take the search text {wanted!r}")
        window.canvas.repaint()  # it also flushes the list if the list is due
        if not list_paints.count:  # the list painted once in the frame, never twice
            window.event_list.viewport().repaint()
        samples.append(time.perf_counter() - began)
        QCoreApplication.processEvents()  # untimed: the facet lists and labels catch up
    return samples


def reload_after_edit(window: MainWindow, path: Path, n: int) -> float:
    """Seconds from rewriting one event's title on disk to the repainted canvas (F5).

    The file is rewritten from pieces of its bytes, and they are dropped before the viewer
    reloads: the editor that saves a file is another process, so its copies of the text
    are not counted in the viewer's memory."""
    victim = f"ev{n // 2}"
    new_title = f"Benchmark edited title {n}"
    data = path.read_bytes()
    marker = f"  - id: {victim}\n    title: ".encode()
    at = data.find(marker)
    if at < 0:
        raise LookupError(f"benchmark: no title line for {victim} in {path}")
    start = at + len(marker)
    end = data.index(b"\n", start)
    old = window.timeline

    def updated() -> bool:
        event = window.timeline.event(victim)
        return window.timeline is not old and event is not None and event.title == new_title

    began = time.perf_counter()
    with memoryview(data) as view, path.open("wb") as out:
        out.write(view[:start])
        out.write(new_title.encode())
        out.write(view[end:])
    del data
    window.reload()
    wait_until(updated, f"the reloaded timeline to show the edited title of {victim}")
    window.canvas.repaint()
    return time.perf_counter() - began


def standalone_load(path: Path, n: int) -> float:
    """Seconds for ``load_path`` alone (modules already imported, file in the page cache),
    cold: no document's events are looked up (the window's are its own)."""
    gc.collect()
    began = time.perf_counter()
    result = load_path(path)
    elapsed = time.perf_counter() - began
    if result.timeline is None or len(result.timeline.events) != n:
        raise RuntimeError(f"benchmark: {path} did not load {n} events: {result.errors[:3]}")
    return elapsed


def measure(n: int, path: Path, workdir: Path, first_statement: float) -> dict[str, float]:
    """All figures for the file ``path`` of ``n`` events, in the order they are reported."""
    started = process_start(first_statement)
    window, first_paint = open_window(path, n, workdir, started)
    anchor = dense_anchor(window)
    zoom = zoom_frames(window, anchor)
    pan = pan_frames(window, anchor)
    keystrokes = filter_keystrokes(window)
    reload_s = reload_after_edit(window, path, n)
    # the window's peak: the standalone load below builds a second timeline beside the
    # one on screen, which no use of the viewer does
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    load_s = standalone_load(path, n)
    window.close()
    return {
        "n": n,
        "load_s": round(load_s, 3),
        "first_paint_s": round(first_paint, 3),
        "zoom_frame_ms_p50": ms(percentile(zoom, 50)),
        "zoom_frame_ms_p95": ms(percentile(zoom, 95)),
        "pan_frame_ms_p50": ms(percentile(pan, 50)),
        "pan_frame_ms_p95": ms(percentile(pan, 95)),
        "filter_ms": ms(statistics.median(keystrokes)),
        "reload_s": round(reload_s, 3),
        "peak_rss_mb": round(peak_kb / 1024, 1),
    }
