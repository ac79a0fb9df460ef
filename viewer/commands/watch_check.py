"""``main.py --check --watch FILE``: a fresh ``--check`` report in the terminal on every save.

Pure Python (no Qt, no display): the file is polled for its size, mtime, inode and mode, and
read once those have stayed the same for :data:`DEBOUNCE` seconds; a report is printed only
when the content differs from the last one reported (a ``touch`` prints nothing). As in the
window, a file that is missing, unreadable or empty for less than :data:`GRACE` seconds is
taken to be in the middle of a save and read again; only past that is it reported.
"""

from __future__ import annotations

import threading
import time
from typing import TextIO

from viewer.load.file_state import EMPTY, Signature, digest, signature
from viewer.load.loader import LoadResult
from viewer.load.reading import load_bytes, read_file
from viewer.load.report import EXIT_OK, summary
from viewer.model.diagnostics import Diagnostic, Severity, unreadable

DEBOUNCE = 0.15  # seconds the file's stat must stay the same before it is read
GRACE = 1.5  # seconds a file may be missing, unreadable or empty during a save



def watch(path: str, out: TextIO, poll: float = 0.2,
          stop: threading.Event | None = None) -> int:
    """Report on ``path`` now and after every change until ``stop`` is set or Ctrl+C.

    Returns 0 (leaving is not an error; the reports said what is wrong).
    """
    stop = stop or threading.Event()
    follower = Follower(path, out)
    try:
        follower.start()
        while not stop.wait(poll):
            follower.tick(time.monotonic())
    except KeyboardInterrupt:  # Ctrl+C is how one leaves: no traceback
        print(file=out, flush=True)
    return EXIT_OK


class Follower:
    """The watch loop's state: what was last seen and reported, and what is pending."""

    def __init__(self, path: str, out: TextIO, debounce: float = DEBOUNCE,
                 grace: float = GRACE) -> None:
        self.path, self.out = path, out
        self.debounce, self.grace = debounce, grace
        self.seen: Signature | None = None
        self.reported: bytes | None = None  # digest of the content reported last
        self.changed_at: float | None = None  # when the signature last changed, if unread
        self.unsettled_since: float | None = None  # first read that found it gone or empty
        self.missing_reported = False

    def start(self) -> None:
        """Print the first report, whatever state the file is in."""
        self.seen = signature(self.path)
        try:
            data = read_file(self.path)
        except OSError as err:
            self._report_unreadable(err, explain=True)
            return
        self.reported = digest(data)
        self._report(data)

    def tick(self, now: float) -> None:
        """One poll: note a changed signature; read once it has settled."""
        sig = signature(self.path)
        if sig != self.seen:
            self.seen, self.changed_at = sig, now
        if self.changed_at is not None and now - self.changed_at >= self.debounce:
            self._settle(now)

    def _settle(self, now: float) -> None:
        error: OSError | None = None
        try:
            data = read_file(self.path)
        except OSError as err:
            data, error = b"", err
        if error is not None or (not data and self.reported != EMPTY):
            if self.unsettled_since is None:
                self.unsettled_since = now
            if now - self.unsettled_since < self.grace:
                return  # changed_at stays set: read again on the next poll
            if error is not None:
                self.changed_at = self.unsettled_since = None
                if not self.missing_reported:
                    self._report_unreadable(error)
                return
        self.changed_at = self.unsettled_since = None
        new = digest(data)
        if new == self.reported:
            return
        self.missing_reported = False
        self.reported = new
        self._report(data)

    def _report(self, data: bytes) -> None:
        result = _load(data, self.path)
        self._separator()
        for diagnostic in result.diagnostics:
            print(diagnostic.format(self.path), file=self.out)
        if result.diagnostics or result.timeline is None:
            print(summary(self.path, result), file=self.out)
        else:
            n = len(result.timeline.events)
            print(f"ok: {n:,} event{'' if n == 1 else 's'}", file=self.out)
        self.out.flush()

    def _report_unreadable(self, error: OSError, explain: bool = False) -> None:
        self.missing_reported, self.reported = True, None
        self._separator()
        if explain or not isinstance(error, FileNotFoundError):
            print(unreadable(self.path, error), file=self.out)
        print(f"{self.path}: waiting for the file to come back…", file=self.out)
        self.out.flush()

    def _separator(self) -> None:
        print(f"--- {time.strftime('%H:%M:%S')} {self.path}", file=self.out)


def _load(data: bytes, path: str) -> LoadResult:
    try:
        return load_bytes(data, name=path)
    except Exception as err:  # a loader bug must not end the watch
        message = f"the file could not be loaded: {type(err).__name__}: {err}"
        return LoadResult(None, [Diagnostic(Severity.ERROR, 1, 1, message)])




