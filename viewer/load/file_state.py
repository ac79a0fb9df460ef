"""What tells one version of a file from another: its stat signature, and a digest of its
content. Both watchers (the window's and ``--check --watch``) keep only these of the last
version they read."""

from __future__ import annotations

import hashlib
import os

Signature = tuple[int, int, int, int]  # inode, size, mtime_ns, mode


def signature(path: str) -> Signature | None:
    """Inode, size, mtime and mode of ``path``, or None when it cannot be stat'ed."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_ino, st.st_size, st.st_mtime_ns, st.st_mode


def digest(data: bytes) -> bytes:
    """What tells two contents apart (both watchers keep only this of the last one)."""
    return hashlib.blake2b(data, digest_size=16).digest()



EMPTY = digest(b"")
PIECE = 1 << 20  # a file larger than this is digested a piece at a time


def digest_file(path: str) -> bytes:
    """:func:`digest` of the file's content, read a piece at a time, so that looking at a
    large file that did not change never holds all of it; OSError as for reading it."""
    found = hashlib.blake2b(digest_size=16)
    with open(path, "rb") as file:
        while piece := file.read(PIECE):
            found.update(piece)
    return found.digest()
