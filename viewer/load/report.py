"""What a load tells the user in one line, and the exit codes of the commands that print it."""

from __future__ import annotations

from viewer.load.loader import LoadResult
from viewer.model.dates import civil_from_seconds, year_text

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2


def summary(path: str, result: LoadResult) -> str:
    """``events.yaml: 14 events, 3 periods, 5 categories, 2017–2026`` (+ problem counts)."""
    parts = []
    errors, warnings = len(result.errors), len(result.warnings)
    if errors:
        parts.append(_count(errors, "error"))
    if warnings:
        parts.append(_count(warnings, "warning"))
    timeline = result.timeline
    if timeline is None:
        return f"{path}: {', '.join(parts)}; nothing loaded"
    counts = [_count(len(timeline.events), "event"), _count(len(timeline.periods), "period"),
              _count(len(timeline.categories), "category", "categories")]
    span = timeline.span
    if span is not None:
        first, last = year_text(civil_from_seconds(span[0])[0]), _last_year(span[1])
        counts.append(first if first == last else f"{first}–{last}")
    text = f"{path}: {', '.join(counts)}"
    return f"{text} ({', '.join(parts)})" if parts else text


def _last_year(end: float) -> str:
    # spans end exclusively: an event in 2026 ends at 2027-01-01T00:00
    return year_text(civil_from_seconds(end - 1)[0])


def _count(n: int, word: str, plural: str = "") -> str:
    return f"{n:,} {word if n == 1 else plural or word + 's'}"
