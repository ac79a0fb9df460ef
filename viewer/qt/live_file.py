"""The open file, followed through every save: read, parsed and handed over as it changes.

It puts the :class:`FileWatcher` (which survives the ways editors save, and reads the file
on a worker thread) in front of the :class:`BackgroundLoader` (which parses off the GUI
thread and drops results a newer save has overtaken). A small file opened by the user is
read and parsed at once, so the window can show it before it returns; a large one, and
every reload, is read and parsed in the background.
"""

from __future__ import annotations

import os
import stat

from PySide6.QtCore import QObject, Signal

from viewer.document import Document
from viewer.model.diagnostics import unreadable
from viewer.qt import file_watcher
from viewer.qt.background_loader import BackgroundLoader, load_safely
from viewer.qt.file_watcher import DEFAULT_TIMINGS, FileWatcher, WatchTimings

SYNC_LIMIT = 256 * 1024  # bytes read and parsed on the GUI thread when opening (about 30 ms)


class LiveFile(QObject):
    """Follows one events file and delivers a :class:`Document` for each new content, each
    built as the next version of the last one that had a timeline.

    Signals:
        loaded(str, object): ``(path, Document)`` for the newest content of the followed
            file; a result overtaken by a later save is never delivered.
        unreadable(str, str): ``(path, message)``: the file has gone missing or unreadable
            (past the watcher's grace for a save in progress, or at once on :meth:`reload`).
        loading_started(): a background read or parse of an opened file began (the window
            may show progress).
        loading_finished(): no background read of an opened file, and no parse, is pending
            any more.
    """

    loaded = Signal(str, object)
    unreadable = Signal(str, str)
    loading_started = Signal()
    loading_finished = Signal()

    def __init__(self, parent: QObject | None = None, *,
                 watcher: FileWatcher | None = None, sync_limit: int = SYNC_LIMIT,
                 timings: WatchTimings = DEFAULT_TIMINGS) -> None:
        super().__init__(parent)
        self._path = ""
        self._last: Document | None = None  # the followed file's last version read well
        self.size = 0  # bytes of the file as the last open found it
        self.sync_limit = sync_limit
        self._opening = False  # the watcher is reading a file just opened
        self._was_busy = False
        self.watcher = watcher if watcher is not None else FileWatcher(self, timings=timings)
        self.loader = BackgroundLoader(self)
        self.watcher.file_changed.connect(self._on_watcher_file_changed)
        self.watcher.file_missing.connect(self._on_watcher_file_missing)
        self.loader.loaded.connect(self._on_loader_loaded)
        self.loader.started_loading.connect(self._tell_busy)
        self.loader.finished_loading.connect(self._tell_busy)

    @property
    def path(self) -> str:
        """The file followed, as it was given to :meth:`open` ("" for none)."""
        return self._path

    @property
    def busy(self) -> bool:
        """Whether an opened file is being read, or a content parsed, in the background."""
        return self._opening or self.loader.busy

    def open(self, path: str) -> Document | None:
        """Follow ``path`` from now on and parse what it holds.

        Returns the document at once for a small file; None for a large one, which is read
        and parsed in the background: its document comes through ``loaded``, or
        ``unreadable`` says why it could not be read. Raises OSError when it is missing or
        cannot be read (refused unread when it is not a regular file), following nothing
        new then (the file followed before stays followed).
        """
        info = os.stat(path)
        if stat.S_ISREG(info.st_mode) and info.st_size > self.sync_limit:
            self.size = info.st_size
            self._begin(path)
            self._opening = True
            self.watcher.watch(path, read_now=True)  # emits what it reads, or file_missing
            self._tell_busy()
            return None
        data = file_watcher.read_file(path)  # small, or refused unread: never a long read
        self.size = len(data)
        previous = self._begin(path)
        self.watcher.watch(path, current=data)
        if len(data) <= self.sync_limit:
            return self._keep(load_safely(data, path, previous))
        self.loader.load(data, path, previous)  # it grew since stat looked at it
        return None

    def follow(self, path: str) -> None:
        """Follow ``path`` again without reading it (its content on disk is taken as
        shown): after a file the user opened could not be shown."""
        self.loader.cancel()
        self._opening = False
        if path != self._path:
            self._last = None
        self._path = path
        self.watcher.watch(path)
        self._tell_busy()

    def reload(self) -> None:
        """Read the file again now, changed or not (File → Reload, F5)."""
        self.watcher.reread()

    def close(self) -> None:
        self.watcher.stop()
        self.loader.cancel()
        self._path, self._last, self._opening = "", None, False
        self._tell_busy()

    def wait_for_done(self, msecs: int = -1) -> bool:
        """Block until no read and no parse is running (shutdown, tests)."""
        return self.watcher.wait_for_done(msecs) and self.loader.wait_for_done(msecs)

    def _begin(self, path: str) -> Document | None:
        """Drop what was being loaded and take ``path`` as the file followed; return its
        last version read well, if it was followed already."""
        self.loader.cancel()
        self._opening = False
        self._tell_busy()
        previous = self._last if path == self._path else None
        self._path, self._last = path, previous
        return previous

    # -- slots ------------------------------------------------------------------------------

    def _on_watcher_file_changed(self, data: bytes) -> None:
        self.loader.load(data, self._path, self._last)
        self._opening = False  # after the load began: busy throughout
        self._tell_busy()

    def _on_watcher_file_missing(self, error: OSError | None) -> None:
        path = self._path
        self.loader.cancel()  # an older content parsing now is no longer what is on disk
        self._opening = False
        self._tell_busy()
        if error is None:
            error = FileNotFoundError(2, os.strerror(2))
        self.unreadable.emit(path, unreadable(path, error))

    def _tell_busy(self) -> None:
        """``loading_started`` or ``loading_finished`` when :attr:`busy` has changed."""
        if self.busy != self._was_busy:
            self._was_busy = self.busy
            (self.loading_started if self._was_busy else self.loading_finished).emit()

    def _keep(self, document: Document) -> Document:
        if document.loaded:
            self._last = document
        return document

    def _on_loader_loaded(self, _generation: int, document: Document) -> None:
        self.loaded.emit(self._path, self._keep(document))
