"""yaml_rs reading the events' items a group at a time, for the fast path.

A group's text is parsed while the caller builds the events of the group before it: yaml_rs
lets go of the GIL while it parses, so on a second core the two overlap. Reading by groups
also keeps yaml_rs's own memory to that of one group's text (it kept about 3.7 KB per event
of a file read whole).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from functools import cache
from typing import Any, TypeVar

try:  # imported with this module: see viewer/qt/background_loader.py for why it matters
    import yaml_rs
except ImportError:  # the app works without it, only slower on large files
    yaml_rs = None  # type: ignore[assignment]

from viewer.load.fastload_scan import Unsure

GROUP = 2_000  # items read by one call of yaml_rs

Plan = TypeVar("Plan")


@cache
def _reader() -> ThreadPoolExecutor:
    """One reading thread for the life of the process, started when first needed: yaml_rs
    must not be used again after a thread that used it has exited (0.1.6 crashes), so the
    thread is never retired. A process resource, not any file's data."""
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="yaml_rs")


def load(text: str) -> Any:
    """``text`` as yaml_rs reads it, with the fast path's settings."""
    return yaml_rs.loads(text, parse_datetime=False,
                         duplicate_key_policy=yaml_rs.DuplicateKeyPolicy.Error,
                         alias_limits=yaml_rs.AliasLimits(max_total_replayed_events=10_000))


def parse_items(prefix: str, texts: list[str]) -> list[Any]:
    """The items written in ``texts`` (whole items of the events' block sequence) as yaml_rs
    reads them under ``prefix`` ("events:" or nothing, as in the file)."""
    value = load(prefix + "".join(texts))
    if prefix:
        value = value.get("events") if type(value) is dict and len(value) == 1 else None
    if type(value) is not list or len(value) != len(texts):
        raise Unsure
    return value


def read_groups(count: int, texts: list[str], prefix: str,
                plan: Callable[[range], tuple[Plan, list[int]]],
                ) -> Iterator[tuple[range, Plan, dict[int, Any]]]:
    """Each group of GROUP items out of ``count``, with what ``plan(group)`` says about it
    and, parsed, the items it names (those whose text must be read). A group is planned
    just before the one ahead of it is handed over, so that its reading overlaps that one's
    use."""
    groups = [range(first, min(first + GROUP, count)) for first in range(0, count, GROUP)]
    reader = _reader() if len(groups) > 1 else None

    def start(group: range) -> tuple[Plan, list[int], Future[list[Any]] | None]:
        about, todo = plan(group)
        if not todo or reader is None:
            return about, todo, None
        return about, todo, reader.submit(parse_items, prefix, [texts[i] for i in todo])

    ahead = start(groups[0]) if groups else None
    for n, group in enumerate(groups):
        assert ahead is not None
        about, todo, job = ahead
        ahead = start(groups[n + 1]) if n + 1 < len(groups) else None  # its text is read now
        items = job.result() if job is not None else \
            parse_items(prefix, [texts[i] for i in todo]) if todo else []
        yield group, about, dict(zip(todo, items, strict=True))
