"""Follows one file through however an editor saves it, and hands over each new content.

Editors save in place, by writing a temporary file and renaming it over the original,
by deleting and recreating, and some briefly change permissions. ``QFileSystemWatcher``
drops its watch when the file is replaced, so this watches the parent directory too and
re-adds the file after every notification, with a slow stat poll as a fallback for file
systems whose notifications go missing. Notifications are debounced, a file briefly
missing, unreadable or empty in the middle of a save is looked at again instead of
reported, and only content that really differs from the last one handed over is emitted.
The file is only ever read, on a worker thread (the GUI thread only stats it), so that a
large file or a slow disk never freezes the window; each read gets a generation number,
and only the result of the latest one asked for counts.
"""

from __future__ import annotations

import contextlib
import os
import stat
import time
from dataclasses import dataclass

from PySide6.QtCore import QFileSystemWatcher, QObject, QRunnable, QThreadPool, QTimer, Signal

from viewer.load import reading
from viewer.load.file_state import EMPTY, PIECE, Signature, digest, digest_file, signature


@dataclass(frozen=True, slots=True)
class WatchTimings:
    """How long the watcher waits, in milliseconds. The defaults suit editors saving on a
    desktop; tests pass short ones."""

    debounce_ms: int = 150  # quiet time after the last notification before the file is read
    max_delay_ms: int = 1000  # a steady stream of notifications cannot hold a read back longer
    grace_ms: int = 1500  # how long a file may be missing, unreadable or empty in a save
    poll_ms: int = 1000  # the stat poll behind inotify


DEFAULT_TIMINGS = WatchTimings()


def read_file(path: str) -> bytes:
    """The file's bytes; OSError when it is missing, unreadable, not a regular file or too
    large (:func:`viewer.load.reading.read_file`; tests replace this)."""
    return reading.read_file(path)


@dataclass(frozen=True, slots=True)
class Look:
    """What a look at the file found: its content and the digest of it, or why it could not
    be read, or only that it holds the content handed over last; and its signature once
    read."""

    data: bytes | None = None
    digest: bytes | None = None
    error: OSError | None = None
    unchanged: bool = False
    after: Signature | None = None


def look(path: str, seen: Signature | None, last: bytes | None) -> Look:
    """Read the file (in a worker). Given ``last``, the digest of the content handed over
    last, a large regular file (as ``seen`` by stat) is first digested a piece at a time,
    so that one saved again unchanged is never held whole."""
    if last is not None and seen is not None and stat.S_ISREG(seen[3]) and seen[1] > PIECE:
        with contextlib.suppress(OSError):  # read_file() then tells what is wrong
            if digest_file(path) == last:
                return Look(unchanged=True)
    try:
        data = read_file(path)
    except OSError as err:
        return Look(error=err)
    return Look(data=data, digest=digest(data), after=signature(path))


def _same_content(one: Signature | None, other: Signature | None) -> bool:
    """Whether stat sees the same content: the same inode, size and mtime (not mode)."""
    return one is not None and other is not None and one[:3] == other[:3]


class _Latest:
    """The newest generation asked for, and the one of a baseline look still wanted even if
    overtaken; shared with the worker (reads are atomic)."""

    def __init__(self) -> None:
        self.value = 0
        self.baseline = 0

    def wanted(self, generation: int) -> bool:
        return generation in (self.value, self.baseline)


class _Relay(QObject):
    """Lives in the GUI thread; the worker emits on it, so delivery is a queued call."""

    done = Signal(int, object)


class _LookJob(QRunnable):
    def __init__(self, generation: int, path: str, seen: Signature | None, last: bytes | None,
                 latest: _Latest, relay: _Relay) -> None:
        super().__init__()
        self._generation, self._path, self._seen, self._last = generation, path, seen, last
        self._latest, self._relay = latest, relay

    def run(self) -> None:
        # a look overtaken while it was queued is not worth taking
        found = look(self._path, self._seen, self._last) \
            if self._latest.wanted(self._generation) else None
        with contextlib.suppress(RuntimeError):  # the watcher was deleted meanwhile
            self._relay.done.emit(self._generation, found)


class FileWatcher(QObject):
    """Watches one path; emits its new content once per real change.

    Signals:
        file_changed(bytes): the file's new content, after a quiet ``debounce_ms`` following
            the last notification, only when it differs from the content emitted last
            (or whatever :meth:`watch` was told is current). An empty file is emitted only
            once it has stayed empty for ``grace_ms``. The first successful read after
            ``file_missing`` is always emitted, so the caller can clear its "missing" notice.
        file_missing(object): the file has been missing or unreadable for ``grace_ms``
            (the OSError that says why); emitted once until it comes back.
    """

    file_changed = Signal(bytes)
    file_missing = Signal(object)

    def __init__(self, parent: QObject | None = None, *,
                 timings: WatchTimings = DEFAULT_TIMINGS) -> None:
        super().__init__(parent)
        self._grace = timings.grace_ms / 1000
        self._max_delay = timings.max_delay_ms / 1000
        self._path: str | None = None
        self._last_hash: bytes | None = None
        self._seen: Signature | None = None  # the signature at the last read or poll
        self._watched_inode: int | None = None
        self._pending_since: float | None = None
        self._unsettled_since: float | None = None  # first read that found it gone/empty
        self._missing_reported = False
        self._forced = False  # a look asked for by reread() has not been answered yet
        self._latest = _Latest()
        self._answered = 0  # the latest generation whose look has come back
        self._start: Signature | None = None  # the signature when watching began
        self._pool = QThreadPool()  # not a child: its destructor waits for the worker
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.done.connect(self._on_relay_done)
        self._fs = QFileSystemWatcher(self)
        self._fs.fileChanged.connect(self._on_fs_file_changed)
        self._fs.directoryChanged.connect(self._on_fs_directory_changed)
        self._debounce = QTimer(self, singleShot=True, interval=timings.debounce_ms)
        self._debounce.timeout.connect(self._on_debounce_timeout)
        self._poll = QTimer(self, interval=timings.poll_ms)
        self._poll.timeout.connect(self._on_poll_timeout)

    @property
    def path(self) -> str | None:
        """The absolute path being watched, or None."""
        return self._path

    @property
    def busy(self) -> bool:
        """Whether a read of the file is under way (asked for, not answered yet)."""
        return self._answered != self._latest.value

    def watch(self, path: str, current: bytes | None = None, *, read_now: bool = False) -> None:
        """Watch ``path`` instead of whatever was watched before.

        ``current`` is the content the caller already shows (it read the file itself):
        a file that differs from it is emitted after the debounce. Without it, the content
        on disk now is taken as current (read in the background) and nothing is emitted
        until it changes; or, with ``read_now``, it is read and emitted as by
        :meth:`reread`, for a caller that has not read it yet.
        """
        self.stop()
        self._path = os.path.abspath(path)
        self._seen = self._start = signature(self._path)
        self._rewatch()
        self._poll.start()
        if current is not None:
            self._last_hash = digest(current)
            self._schedule()  # catches a save that raced with the caller's own read
        else:
            if not read_now:  # the content it finds is the current one, unless it changed
                self._latest.baseline = self._latest.value + 1  # the look asked for next
            self._check(forced=read_now)

    def stop(self) -> None:
        """Stop watching; no signal is emitted afterwards until the next :meth:`watch`."""
        self._debounce.stop()
        self._poll.stop()
        watched = self._fs.files() + self._fs.directories()
        if watched:
            self._fs.removePaths(watched)
        self._path = self._last_hash = self._seen = self._watched_inode = None
        self._pending_since = self._unsettled_since = None
        self._missing_reported = self._forced = False
        self._start = None
        self._latest.value += 1  # a look under way is not answered
        self._latest.baseline = 0
        self._answered = self._latest.value

    def wait_for_done(self, msecs: int = -1) -> bool:
        """Block until no read is under way (shutdown, tests); False if ``msecs`` ran out."""
        return self._pool.waitForDone(msecs)

    def reread(self) -> None:
        """Read the file now (F5): emit ``file_changed`` even if unchanged and even if empty,
        or ``file_missing`` at once if it cannot be read; no debounce, no grace."""
        if self._path is None:
            return
        self._debounce.stop()
        self._check(forced=True)

    # -- notifications ----------------------------------------------------------------------

    def _on_fs_file_changed(self, _path: str) -> None:
        self._rewatch()
        self._schedule()

    def _on_fs_directory_changed(self, _path: str) -> None:
        # every file in the directory reports here: act only if ours looks different
        self._rewatch()
        if self._path is not None and (self._debounce.isActive()
                                       or signature(self._path) != self._seen):
            self._schedule()

    def _on_poll_timeout(self) -> None:
        if self._path is None:
            return
        self._rewatch()
        if signature(self._path) != self._seen and not self._debounce.isActive():
            self._schedule()

    def _on_debounce_timeout(self) -> None:
        self._pending_since = None
        self._check(forced=False)

    def _schedule(self) -> None:
        """(Re)start the debounce, unless notifications have held it back long enough."""
        now = time.monotonic()
        if self._pending_since is None or not self._debounce.isActive():
            self._pending_since = now
        elif now - self._pending_since >= self._max_delay:
            return  # let the running timer fire
        self._debounce.start()

    def _rewatch(self) -> None:
        """Watch the file (again, if it was replaced) and its directory."""
        if self._path is None:
            return
        directory = os.path.dirname(self._path)
        if directory not in self._fs.directories() and os.path.isdir(directory):
            self._fs.addPath(directory)
        sig = signature(self._path)
        if sig is None:
            return
        if self._path in self._fs.files() and sig[0] != self._watched_inode:
            self._fs.removePath(self._path)  # the watch follows the old, replaced inode
        if self._path not in self._fs.files() and self._fs.addPath(self._path):
            self._watched_inode = sig[0]

    # -- reading ----------------------------------------------------------------------------

    def _check(self, *, forced: bool) -> None:
        """Look at the file in the worker; :meth:`_on_relay_done` acts on what it finds."""
        path = self._path
        if path is None:
            return
        self._forced = self._forced or forced  # until answered, even by a later look
        self._seen = signature(path)
        self._rewatch()
        self._latest.value += 1
        last = None if self._forced else self._last_hash
        self._pool.start(_LookJob(self._latest.value, path, self._seen, last, self._latest,
                                  self._relay))

    def _on_relay_done(self, generation: int, found: Look | None) -> None:
        if found is None or self._path is None:
            return  # overtaken by a later look, or no longer watching
        if generation == self._latest.baseline:
            self._latest.baseline = 0
            if found.digest is not None and _same_content(found.after, self._start):
                self._last_hash = found.digest  # what was on disk when watching began
            elif found.digest is not None and generation == self._latest.value:
                self._check(forced=False)  # it changed as it was read: what holds it now?
                return
        if generation != self._latest.value:
            return  # overtaken by a later look, on its way
        self._answered = generation
        forced, self._forced = self._forced, False
        if found.unchanged:
            self._unsettled_since = None
            return  # a large file saved again as it was (or reloaded by F5 already)
        data = found.data
        if not forced and (data is None or (data == b"" and self._last_hash != EMPTY)):
            now = time.monotonic()
            if self._unsettled_since is None:
                self._unsettled_since = now
            if now - self._unsettled_since < self._grace:
                self._schedule()  # probably mid-save: look again soon
                return
        self._unsettled_since = None
        if data is None:
            if not self._missing_reported or forced:
                self._missing_reported = True
                self._last_hash = None
                self.file_missing.emit(found.error)
            return
        self._missing_reported = False
        if found.digest == self._last_hash and not forced:
            return
        self._last_hash = found.digest
        self.file_changed.emit(data)
