"""Problems found in an events file, each pinned to a line and column."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from enum import Enum

# What would break a diagnostic's one line or reach the terminal raw: C0 and C1 controls,
# DEL, and the line and paragraph separators; they are shown as escapes such as \x1b.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


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

    def __post_init__(self) -> None:
        # values echoed in a message stay on its one line (a line break in a value must not
        # print a second line, let alone a "X:1:1: error:" one; ESC must not reach a terminal)
        object.__setattr__(self, "message", one_line(self.message))
        object.__setattr__(self, "hint", one_line(self.hint))

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def format(self, path: str) -> str:
        """The ``FILE:LINE:COL: error: message`` form that editors make clickable."""
        text = f"{one_line(path)}:{self.line}:{self.column}: {self.severity.value}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


def unreadable(path: str, error: OSError) -> str:
    """``PATH: error: cannot read the file: REASON``: how every part of the app says it."""
    return one_line(f"{path}: error: cannot read the file: {error.strerror or error}")


def one_line(text: str) -> str:
    """``text`` with its control characters and line breaks escaped (``\\n``, ``\\x1b``)."""
    return _CONTROL.sub(_escape, text) if _CONTROL.search(text) else text


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return _NAMED.get(char) or (f"\\x{ord(char):02x}" if ord(char) < 0x100
                                else f"\\u{ord(char):04x}")


def did_you_mean(word: str, choices: list[str] | tuple[str, ...]) -> str:
    """A hint naming the closest choice, or ``""`` when none is close."""
    close = difflib.get_close_matches(word.lower(), choices, n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""
