"""Search text: how queries and event texts are folded, and the scan that finds a term in
every event's text. No Qt here.

Each event's fields are folded (:func:`normalise`) into one *haystack* with the fields
apart, so that a phrase cannot span two. Searching 100,000 haystacks costs mostly their
memory traffic, so they are kept in one contiguous run and each event is touched once.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Sequence
from functools import cache
from itertools import compress, repeat
from operator import contains

from viewer.model.model import Event

_QUERY = str.maketrans({"“": '"', "”": '"', "„": '"', "\x00": " "})
_FLIP = bytes.maketrans(b"\x00\x01", b"\x01\x00")
_SEP = "\x00"  # between fields in a haystack: not whitespace, and in no query term
_LINE = "\n"  # in no haystack (whitespace is folded to single spaces)
_BLOCK = 4096  # haystacks cut from one string at a time


@cache
def combining_marks() -> frozenset[str]:
    """Every combining mark (a constant, worked out on first use: about 25 ms). Unicode
    has none below U+0300 nor, as of Unicode 15, at or above U+1F000."""
    return frozenset(c for c in map(chr, range(0x300, 0x1F000)) if unicodedata.combining(c))


def normalise(text: str) -> str:
    """Text folded for matching: compatibility-decomposed, case-folded, marks dropped."""
    if text.isascii():
        return text.lower()
    folded = unicodedata.normalize("NFKD", text).casefold()
    if not unicodedata.is_normalized("NFKD", folded):
        folded = unicodedata.normalize("NFKD", folded)
    for mark in combining_marks().intersection(folded):  # set algebra in C
        folded = folded.replace(mark, "")
    return folded


def parse_query(text: str) -> tuple[str, ...]:
    """The normalised terms of a search: words, and "quoted phrases" (an open quote runs
    to the end, so a phrase being typed already matches). Every term must match."""
    terms: list[str] = []
    for n, part in enumerate(text.translate(_QUERY).split('"')):
        if n % 2:
            terms.append(" ".join(normalise(part).split()))
        else:
            terms.extend(normalise(word) for word in part.split())
    return tuple(dict.fromkeys(t for t in terms if t))


def highlight_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Sorted, merged ``(start, end)`` character spans of ``text`` that match a term of
    ``query``, matched as :func:`viewer.query.filtering.apply` matches (accent- and
    case-insensitively)."""
    terms = parse_query(query)
    if not terms or not text:
        return []
    hay, origin = fold_with_origins(text)
    spans: list[tuple[int, int]] = []
    for term in terms:
        at = hay.find(term)
        while at >= 0:
            end = origin[at + len(term) - 1] + 1
            while end < len(text) and not normalise(text[end]):
                end += 1  # take the marks that follow the last matched letter
            spans.append((origin[at], end))
            at = hay.find(term, at + 1)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def fold_with_origins(text: str, *, plain: bool = True) -> tuple[str, Sequence[int]]:
    """``text`` folded as a haystack is (:func:`normalise`, whitespace runs as one space),
    and for each folded character the index of the character it comes from. Printable
    ASCII without double spaces folds to its lower case, character for character (the
    common case, found without a loop in Python unless ``plain`` is false)."""
    if plain and text.isascii() and text.isprintable() and "  " not in text:
        return text.lower(), range(len(text))
    folded: list[str] = []
    origin: list[int] = []
    for i, char in enumerate(text):
        for c in normalise(char):
            if c.isspace() and folded and folded[-1] == " ":
                continue
            folded.append(" " if c.isspace() else c)
            origin.append(i)
    return "".join(folded), origin


Haystacks = tuple[Sequence[Event], list[str]]
"""Some events and their haystacks, in the same order."""


def haystacks(events: Sequence[Event], previous: Haystacks | None = None) -> list[str]:
    """Each event's normalised search text; an event of ``previous`` (the events a save
    did not touch are the same objects, as the loader hands them back) is looked up, not
    normalised again."""
    for done in haystack_steps(events, _BLOCK, previous):
        if done is not None:
            return done
    raise AssertionError("haystack_steps ends with the list")  # pragma: no cover


def haystack_steps(events: Sequence[Event], step: int,
                   previous: Haystacks | None = None) -> Iterator[list[str] | None]:
    """:func:`haystacks` about ``step`` events at a time: None after each part of the work,
    the list last (the window builds it in slices while idle)."""
    old_events, old_out = previous if previous is not None else ((), [])
    # the old events are held meanwhile, so their id()s stay unique
    known = dict(zip(map(id, old_events), old_out, strict=True))
    out = [known.get(id(event), "") for event in events]
    del known, old_events, old_out, previous
    new = [i for i, hay in enumerate(out) if not hay]
    for k in range(0, len(new), step):
        yield None
        for i in new[k:k + step]:
            out[i] = _haystack(events[i])
    if new and len(new) * 2 > len(out):  # mostly new: strings cut from one string lie side
        pieces: list[str] = []  # by side in memory (a scan costs a third less)
        for k in range(0, len(out), _BLOCK):
            yield None
            pieces += _LINE.join(out[k:k + _BLOCK]).split(_LINE)
        out = pieces
    yield out


def _haystack(event: Event) -> str:
    return " ".join(normalise(search_text(event)).split())


def search_text(event: Event) -> str:
    """The text a search looks in, fields apart so that a phrase cannot span two. A term
    matches inside one field, so an empty or repeated field (a source's title that is its
    URL) is left out: it could add no match."""
    fields: list[str] = [event.title, event.summary, event.description]
    fields += event.tags + event.people + event.places
    for source in event.sources:
        fields += (source.title, source.url, source.publisher)
    return _SEP.join(dict.fromkeys(f for f in fields if f))


def containing(hays: Sequence[str], term: str, within: int, size: int) -> int:
    """The events of the mask ``within`` (one byte per event, ``size`` of them set) whose
    haystack holds ``term``, as a mask. Each candidate is searched once, in C."""
    n = len(hays)
    if size * 4 > n * 3:  # nearly all: a plain scan beats picking the candidates out
        return within & int.from_bytes(bytes(map(contains, hays, repeat(term))), "little")
    inside = within.to_bytes(n, "little")
    hit = bytes(map(contains, compress(hays, inside), repeat(term)))
    hits = hit.count(1)
    if hits == size:  # e.g. "talk" → "talks": every candidate still matches
        return within
    misses = hits * 2 > size  # set the bytes of the smaller side: the hits or the misses
    found = bytearray(n)
    for i in compress(compress(range(n), inside), hit.translate(_FLIP) if misses else hit):
        found[i] = 1
    mask = int.from_bytes(found, "little")
    return within ^ mask if misses else mask
