"""Problems found in an events file, each pinned to a line and column."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem: 1-based ``line`` and ``column`` of the offending value."""

    severity: Severity
    line: int
    column: int
    message: str
    hint: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def format(self, path: str) -> str:
        """The ``FILE:LINE:COL: error: message`` form that editors make clickable."""
        text = f"{path}:{self.line}:{self.column}: {self.severity.value}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


def unreadable(path: str, error: OSError) -> str:
    """``PATH: error: cannot read the file: REASON``: how every part of the app says it."""
    return f"{path}: error: cannot read the file: {error.strerror or error}"


def did_you_mean(word: str, choices: list[str] | tuple[str, ...]) -> str:
    """A hint naming the closest choice, or ``""`` when none is close."""
    close = difflib.get_close_matches(word.lower(), choices, n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""
