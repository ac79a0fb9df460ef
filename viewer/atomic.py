"""Writing a file so that it is never seen half-written: a temporary file beside it, then a
rename over it. Used for everything the app writes (exports, the new-file template); the
app never writes to the events file it shows."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def atomic_target(path: str | Path) -> Iterator[str]:
    """A temporary path in ``path``'s folder to write to; renamed over ``path`` on success.

    If the body raises, the temporary file is removed and ``path`` is untouched. The
    temporary name keeps ``path``'s suffix, so writers that go by the suffix still work.
    """
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=target.suffix,
                               dir=target.parent)
    os.close(fd)
    try:
        yield tmp
        with contextlib.suppress(OSError):
            mode = target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~_umask()
            os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_atomic(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` all at once (flushed to disk before the rename)."""
    with atomic_target(path) as tmp, open(tmp, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
