"""Reading an events file: its bytes, checked to be a regular file of a sane size, and the
parser that reads them: TimelineJS for ``.json``/``.csv``, else the fast path for a clean
YAML file (viewer/load/fastload.py), and the located path (viewer/load/loader.py) for
anything it is not sure of.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from viewer.load.fastload import Memo, fast_load
from viewer.load.lifetime import long_lived
from viewer.load.link_check import link_warnings
from viewer.load.loader import LoadResult, load_located
from viewer.load.timelinejs import TIMELINEJS_SUFFIXES, load_timelinejs
from viewer.load.yamltree import YamlFailure, decode

MAX_FILE_BYTES = 1 << 30  # 1 GB: a larger file is refused unread (README, FORMAT.md)


def load_path(path: str | Path) -> LoadResult:
    """Read and load a file; OSError propagates (the caller words it for its user)."""
    return load_bytes(read_file(path), name=path)


def read_file(path: str | Path) -> bytes:
    """The bytes of a regular file of at most MAX_FILE_BYTES.

    Anything else raises OSError, with a ``strerror`` that says why, without blocking or
    reading on: a pipe (which would wait for a writer), a device such as /dev/zero (which
    never ends), a directory, or a larger file (of which at most one byte more is read).
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)  # non-blocking: opening a pipe with no writer returns at once
    with open(fd, "rb", closefd=True) as file:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if not stat.S_ISREG(info.st_mode):
            kind = "a pipe" if stat.S_ISFIFO(info.st_mode) else \
                "a socket" if stat.S_ISSOCK(info.st_mode) else "a device"
            raise OSError(errno.EINVAL, f"it is {kind}, not a regular file", str(path))
        data = file.read(min(info.st_size, MAX_FILE_BYTES) + 1)
        if info.st_size < len(data) <= MAX_FILE_BYTES:  # it grew while being read
            data += file.read(MAX_FILE_BYTES + 1 - len(data))
    if len(data) > MAX_FILE_BYTES:
        most = f"{MAX_FILE_BYTES >> 30} GB" if MAX_FILE_BYTES % (1 << 30) == 0 else \
            f"{MAX_FILE_BYTES:,} bytes"
        raise OSError(errno.EFBIG, f"it is larger than {most}, the most the viewer reads",
                      str(path))
    return data


def load_bytes(data: bytes, *, name: str | Path = "", memo: Memo | None = None) -> LoadResult:
    """A clean file takes the fast path; anything else is read here, with every diagnostic.

    ``name`` (the file's name or path) picks the format by its suffix: ``.json`` and ``.csv``
    are TimelineJS timelines (viewer/load/timelinejs.py); anything else, or no name, is YAML.
    ``memo``: the fast path's events of the file's last version (:class:`Memo`), if kept.
    """
    suffix = Path(name).suffix.lower() if name else ""
    if suffix in TIMELINEJS_SUFFIXES:
        return load_timelinejs(data, suffix[1:])
    try:
        text = decode(data)
    except YamlFailure as failure:
        return LoadResult(None, [failure.diagnostic])
    with long_lived():  # a timeline is a few million objects kept while it is shown
        return _load_text(text, memo)


def _load_text(text: str, memo: Memo | None) -> LoadResult:
    timeline = fast_load(text, memo)
    if timeline is not None:
        return LoadResult(timeline, link_warnings(text, timeline))
    result = load_located(text)
    if result.timeline is not None:
        result.diagnostics.extend(link_warnings(text, result.timeline))
        result.diagnostics.sort(key=lambda d: (d.line, d.column))
    return result
