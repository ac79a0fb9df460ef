"""What a save changed: events added, removed and edited between two loads of a file.

Events are matched by their id. An event written without an ``id`` gets one derived from its
date and title by the loader, so ids are stable across saves as long as those stay the same
(editing the title of an id-less event shows as one removed and one added). Moving an event
to another line, or inserting lines above it, is not a change: ``line`` is ignored.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from operator import attrgetter

from viewer.model.model import Event, Period, Timeline

SECTIONS = ("title", "description", "categories", "periods")


@dataclass(frozen=True, slots=True)
class Changes:
    """Event ids that appeared, disappeared or differ, and the other parts that differ.

    ``added`` and ``changed`` follow the new timeline's order, ``removed`` the old one's.
    ``sections`` names the top-level parts other than events that differ (in the order of
    :data:`SECTIONS`). A ``Changes`` is false when nothing differs.
    """

    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed or self.sections)

    @property
    def touched(self) -> tuple[str, ...]:
        """Ids present in the new timeline that are new or edited (e.g. to highlight them)."""
        return self.added + self.changed

    def describe(self) -> str:
        """``2 added, 1 changed``, ``1 removed``, ``periods changed`` or ``no changes``."""
        parts = [f"{len(ids):,} {word}"
                 for ids, word in ((self.added, "added"), (self.removed, "removed"),
                                   (self.changed, "changed")) if ids]
        if self.sections:
            names = list(self.sections)
            listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
            parts.append(f"{listed} changed")
        return ", ".join(parts) if parts else "no changes"


def stable_key(event: Event) -> str:
    """The key that follows an event from one save to the next: its id.

    The loader gives every event an id (the user's ``id``, or one derived from its date
    and title), so the id already is the stable key; this function names that contract.
    """
    return event.id


def diff(old: Timeline, new: Timeline) -> Changes:
    """The changes from ``old`` to ``new`` (use ``Timeline()`` for "nothing loaded")."""
    sections = tuple(name for name in SECTIONS if _section(old, name) != _section(new, name))
    old_keys, new_keys = list(map(stable_key, old.events)), list(map(stable_key, new.events))
    before, after = set(old_keys), set(new_keys)
    if len(before) < len(old_keys) or len(after) < len(new_keys):
        return _diff_with_duplicates(old, new, sections)
    was = dict(zip(old_keys, old.events, strict=True))
    added = tuple(key for key in new_keys if key not in before)
    removed = tuple(key for key in old_keys if key not in after)
    changed = tuple(  # an event the loader kept from the last read is the very same object
        key for key, event in zip(new_keys, new.events, strict=True)
        if (last := was.get(key)) is not None and last is not event
        and _CONTENT(last) != _CONTENT(event))
    return Changes(added, removed, changed, sections)


def _diff_with_duplicates(old: Timeline, new: Timeline, sections: tuple[str, ...]) -> Changes:
    before, after = _by_key(old.events), _by_key(new.events)
    added = _unique(stable_key(e) for e in new.events if stable_key(e) not in before)
    removed = _unique(stable_key(e) for e in old.events if stable_key(e) not in after)
    changed = _unique(
        stable_key(e) for e in new.events
        if stable_key(e) in before and _contents(before[stable_key(e)])
        != _contents(after[stable_key(e)]))
    return Changes(added, removed, changed, sections)


def _by_key(events: Iterable[Event]) -> dict[str, list[Event]]:
    # ids are unique in a file without errors; a list keeps duplicates comparable anyway
    groups: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        groups[stable_key(event)].append(event)
    return groups


# Everything an event holds but its line: one C-level call per event, no copies
_CONTENT = attrgetter(*(f.name for f in fields(Event) if f.init and f.name != "line"))


def _contents(events: list[Event]) -> list[tuple[object, ...]]:
    return [_CONTENT(e) for e in events]


def _section(timeline: Timeline, name: str) -> object:
    if name == "periods":
        return tuple(_period_contents(p) for p in timeline.periods)
    value: object = getattr(timeline, name)
    return value


def _period_contents(period: Period) -> Period:
    return replace(period, line=0) if period.line else period


def _unique(ids: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(ids))
