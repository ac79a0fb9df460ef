"""Parses an events file's bytes on a worker thread, so a large file never freezes the window.

Each :meth:`BackgroundLoader.load` gets a generation number; only the result of the latest
one is delivered. Loads run one at a time on a private thread pool, and a queued load that
has already been superseded when its turn comes is skipped without parsing. The worker
delivers a :class:`viewer.document.Document`: the timeline with its columns, lanes and
search index, so that the window does not build them on the GUI thread (the window builds
the search text in slices while idle, once the timeline is on screen).
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from viewer.document import Document

# yaml_rs 0.1.6 crashes (SIGSEGV) when it is first imported and used on a thread that then
# exits and is later used on another: the pool retires idle workers after 30 s. Importing
# it here, on the GUI thread, before any worker exists, avoids that.
from viewer.load import fastload  # noqa: F401
from viewer.load.lifetime import long_lived
from viewer.load.loader import LoadResult
from viewer.load.reading import load_bytes
from viewer.model.diagnostics import Diagnostic, Severity

if TYPE_CHECKING:
    from viewer.load.fastload import Memo


class _Latest:
    """The newest generation requested, shared with the workers (reads are atomic)."""

    def __init__(self) -> None:
        self.value = 0


class _Relay(QObject):
    """Lives in the GUI thread; a worker emits on it, so delivery is a queued call."""

    done = Signal(int, object)


class _LoadJob(QRunnable):
    def __init__(self, generation: int, data: bytes, name: str, previous: Document | None,
                 latest: _Latest, relay: _Relay) -> None:
        super().__init__()
        self._generation, self._data, self._name = generation, data, name
        self._previous, self._latest, self._relay = previous, latest, relay

    def run(self) -> None:
        # a job superseded while it was queued, or once parsed, is not worth going on with
        document = None
        if self._generation == self._latest.value:
            memo = Document.memo_for(self._previous)
            result = parse_safely(self._data, self._name, memo)
            self._data = b""
            if self._generation == self._latest.value:
                document = build_safely(result, self._previous, memo)
        self._data, self._previous = b"", None
        with contextlib.suppress(RuntimeError):  # the loader was deleted meanwhile
            self._relay.done.emit(self._generation, document)


def load_safely(data: bytes, name: str = "", previous: Document | None = None) -> Document:
    """The :class:`Document` of ``data`` (of the file ``name``), the next version of
    ``previous``; any exception is turned into a one-error result."""
    memo = Document.memo_for(previous)
    return build_safely(parse_safely(data, name, memo), previous, memo)


def build_safely(result: LoadResult, previous: Document | None, memo: Memo) -> Document:
    """``Document.next(previous, result, memo)``; an exception gives a one-error
    document."""
    try:
        with long_lived():  # what it builds lives as long as the file is shown
            return Document.next(previous, result, memo)
    except Exception as err:  # a bug must not take the window down
        return Document.next(previous, _bug(err), memo)


def parse_safely(data: bytes, name: str = "", memo: Memo | None = None) -> LoadResult:
    """``load_bytes(data, name=name, memo=memo)``, with any exception turned into a
    one-error result (``name``'s suffix picks the format: YAML, or TimelineJS .json/.csv)."""
    try:
        return load_bytes(data, name=name, memo=memo)
    except Exception as err:  # a bug in the loader must not take the window down
        return _bug(err)


def _bug(err: Exception) -> LoadResult:
    message = f"the file could not be loaded: {type(err).__name__}: {err}"
    return LoadResult(None, [Diagnostic(Severity.ERROR, 1, 1, message,
                                        "please report this as a bug")])


class BackgroundLoader(QObject):
    """Runs :func:`viewer.load.reading.load_bytes` off the GUI thread, and builds the
    :class:`Document` of its result there.

    Signals:
        loaded(int, object): ``(generation, Document)`` in the GUI thread, only for the
            latest generation requested; older results are dropped, never emitted.
        started_loading(): the loader went from idle to busy (the first :meth:`load` after
            being idle; further loads while busy do not repeat it).
        finished_loading(): the latest requested load has been delivered; idle again.
    """

    loaded = Signal(int, object)
    started_loading = Signal()
    finished_loading = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._latest = _Latest()
        self._busy = False
        self._pool = QThreadPool()  # not a child: its destructor waits for the worker
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.done.connect(self._on_relay_done)

    @property
    def busy(self) -> bool:
        """Whether a requested load has not been delivered yet."""
        return self._busy

    @property
    def generation(self) -> int:
        """The latest generation requested (0 before the first load)."""
        return self._latest.value

    def load(self, data: bytes, name: str = "", previous: Document | None = None) -> int:
        """Start parsing ``data`` (of the file ``name``, whose suffix picks the format) as
        the next version of ``previous`` (None: a file opened afresh); return its
        generation (1, 2, ...), which supersedes all earlier ones."""
        self._latest.value += 1  # only ever written in the GUI thread
        generation = self._latest.value
        self._pool.start(_LoadJob(generation, data, name, previous, self._latest,
                                  self._relay))
        if not self._busy:
            self._busy = True
            self.started_loading.emit()
        return generation

    def cancel(self) -> None:
        """Drop every pending result (e.g. the file was closed); idle at once."""
        self._latest.value += 1
        self._finish()

    def wait_for_done(self, msecs: int = -1) -> bool:
        """Block until the worker is idle (shutdown, tests); False if ``msecs`` ran out.
        Results are still delivered through the event loop afterwards."""
        return self._pool.waitForDone(msecs)

    def _on_relay_done(self, generation: int, document: Document | None) -> None:
        if generation != self._latest.value or document is None:
            return
        self.loaded.emit(generation, document)
        self._finish()

    def _finish(self) -> None:
        if self._busy:
            self._busy = False
            self.finished_loading.emit()
