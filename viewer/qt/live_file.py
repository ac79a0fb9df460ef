"""The open file, followed through every save: read, parsed and handed over as it changes.

It puts the :class:`FileWatcher` (which survives the ways editors save) in front of the
:class:`BackgroundLoader` (which parses off the GUI thread and drops results a newer save
has overtaken). A small file opened by the user is parsed at once, so the window can show
it before it returns; a large one, and every reload, is parsed in the background.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QObject, Signal

from viewer.document import Document
from viewer.model.diagnostics import unreadable
from viewer.qt import file_watcher
from viewer.qt.background_loader import BackgroundLoader, load_safely
from viewer.qt.file_watcher import DEFAULT_TIMINGS, FileWatcher, WatchTimings

SYNC_LIMIT = 256 * 1024  # bytes parsed on the GUI thread when opening (about 30 ms)


class LiveFile(QObject):
    """Follows one events file and delivers a :class:`Document` for each new content, each
    built as the next version of the last one that had a timeline.

    Signals:
        loaded(str, object): ``(path, Document)`` for the newest content of the followed
            file; a result overtaken by a later save is never delivered.
        unreadable(str, str): ``(path, message)``: the file has gone missing or unreadable
            (past the watcher's grace for a save in progress, or at once on :meth:`reload`).
        loading_started(): a background parse began (the window may show progress).
        loading_finished(): no background parse is pending any more.
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
        self.size = 0  # bytes of the file as the last open read it
        self.sync_limit = sync_limit
        self.watcher = watcher if watcher is not None else FileWatcher(self, timings=timings)
        self.loader = BackgroundLoader(self)
        self.watcher.file_changed.connect(self._on_watcher_file_changed)
        self.watcher.file_missing.connect(self._on_watcher_file_missing)
        self.loader.loaded.connect(self._on_loader_loaded)
        self.loader.started_loading.connect(self.loading_started.emit)
        self.loader.finished_loading.connect(self.loading_finished.emit)

    @property
    def path(self) -> str:
        """The file followed, as it was given to :meth:`open` ("" for none)."""
        return self._path

    @property
    def busy(self) -> bool:
        return self.loader.busy

    def open(self, path: str) -> Document | None:
        """Follow ``path`` from now on and parse what it holds.

        Returns the document at once for a small file; None for a large one, whose
        document comes through ``loaded``. Raises OSError when it cannot be read, following
        nothing new then (the file followed before stays followed).
        """
        data = file_watcher.read_file(path)
        self.size = len(data)
        self.loader.cancel()
        previous = self._last if path == self._path else None
        self._path, self._last = path, previous
        self.watcher.watch(path, current=data)
        if len(data) <= self.sync_limit:
            return self._keep(load_safely(data, path, previous))
        self.loader.load(data, path, previous)
        return None

    def follow(self, path: str) -> None:
        """Follow ``path`` again without reading it (its content on disk is taken as
        shown): after a file the user opened could not be shown."""
        self.loader.cancel()
        if path != self._path:
            self._last = None
        self._path = path
        self.watcher.watch(path)

    def reload(self) -> None:
        """Read the file again now, changed or not (File → Reload, F5)."""
        self.watcher.reread()

    def close(self) -> None:
        self.watcher.stop()
        self.loader.cancel()
        self._path, self._last = "", None

    def wait_for_done(self, msecs: int = -1) -> bool:
        """Block until no parse is running (shutdown, tests)."""
        return self.loader.wait_for_done(msecs)

    # -- slots ------------------------------------------------------------------------------

    def _on_watcher_file_changed(self, data: bytes) -> None:
        self.loader.load(data, self._path, self._last)

    def _on_watcher_file_missing(self) -> None:
        path = self._path
        self.loader.cancel()  # an older content parsing now is no longer what is on disk
        try:
            file_watcher.read_file(path)
            error: OSError = FileNotFoundError(2, os.strerror(2))
        except OSError as err:
            error = err
        self.unreadable.emit(path, unreadable(path, error))

    def _keep(self, document: Document) -> Document:
        if document.loaded:
            self._last = document
        return document

    def _on_loader_loaded(self, _generation: int, document: Document) -> None:
        self.loaded.emit(self._path, self._keep(document))
