"""Writing a file so that it is never seen half-written: a temporary file beside it, then a
rename over it. Used for everything the app writes (exports, screenshots, conversions, the
new-file template); none of them ever writes over the file being shown or read."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

AnyPath = str | Path


class SameFileError(OSError):
    """A write refused because its target is the file being shown or read."""

    def __init__(self, target: AnyPath) -> None:
        super().__init__(f"'{target}' is the file being shown or read; it is never written "
                         "over: choose another name")
        self.target = str(target)


def same_file(a: AnyPath, b: AnyPath) -> bool:
    """True when ``a`` and ``b`` are one file: the same inode (so a hard link or a symbolic
    link counts), or, when one does not exist, the same path once resolved."""
    if not str(a) or not str(b):
        return False
    try:
        return os.path.samefile(a, b)
    except OSError:
        pass
    except ValueError:  # a NUL in a name: no file has it
        return False
    try:
        return Path(a).resolve() == Path(b).resolve()
    except (OSError, RuntimeError):  # a loop of symbolic links: not a file to write over
        return False


def refuse_same_file(target: AnyPath, keep: Iterable[AnyPath]) -> None:
    """Raise :class:`SameFileError` if ``target`` is one of the files in ``keep``."""
    if any(same_file(target, k) for k in keep):
        raise SameFileError(target)


def free_name(folder: AnyPath, stem: str, suffix: str) -> Path:
    """``folder/stem+suffix``, or ``stem-2``, ``stem-3``… the first name no file has."""
    path, n = Path(folder) / f"{stem}{suffix}", 2
    while path.exists() or path.is_symlink():
        path, n = Path(folder) / f"{stem}-{n}{suffix}", n + 1
    return path


def name_beside(source: AnyPath, suffix: str, tag: str = "export") -> Path:
    """A name to propose for writing ``source``'s data as ``suffix``: ``source`` with that
    suffix, unless that is ``source`` itself (a .csv exported as .csv): then ``stem-tag``."""
    path = Path(source).with_suffix(suffix)
    return path.with_name(f"{path.stem}-{tag}{suffix}") if same_file(path, source) else path


@contextlib.contextmanager
def atomic_target(path: AnyPath, *, keep: Iterable[AnyPath]) -> Iterator[str]:
    """A temporary path in ``path``'s folder to write to; renamed over ``path`` on success.

    ``keep`` lists the files this write must never replace (the file shown or read; empty
    when there is none): if ``path`` is one of them, :class:`SameFileError` is raised before
    anything is written. If the body raises, the temporary file is removed and ``path`` is
    untouched; an OSError names ``path``, never the temporary file. The temporary name keeps
    ``path``'s suffix, so writers that go by the suffix still work.
    """
    target = Path(path)
    refuse_same_file(target, keep)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=target.suffix,
                                   dir=target.parent)
    except OSError as err:
        if err.errno is None:
            raise
        raise _naming(err, target) from err
    os.close(fd)
    try:
        yield tmp
        with contextlib.suppress(OSError):
            mode = target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~_umask()
            os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException as err:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(err, OSError) and err.errno is not None:
            raise _naming(err, target) from err
        raise


def write_atomic(path: AnyPath, data: bytes, *, keep: Iterable[AnyPath]) -> None:
    """Write ``data`` to ``path`` all at once (flushed to disk before the rename); never
    over a file in ``keep`` (see :func:`atomic_target`)."""
    with atomic_target(path, keep=keep) as tmp, open(tmp, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())


def _naming(err: OSError, target: Path) -> OSError:
    """``err`` about ``target``, not the temporary file the failing call was given."""
    return OSError(err.errno, err.strerror or str(err), str(target))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
