"""Colours the view picks when the file does not: colour-blind-safe, for light and dark.

Paul Tol's "bright" scheme (https://personal.sron.nl/~pault/) stays distinguishable for the
common colour-vision deficiencies and on both light and dark backgrounds.
"""

from __future__ import annotations

TOL_BRIGHT = ("#4477aa", "#ee6677", "#228833", "#ccbb44", "#66ccee", "#aa3377", "#bbbbbb")


def lane_colour(index: int, declared: str | None) -> str:
    """The declared colour when there is one, else the palette's, cycling."""
    return declared or TOL_BRIGHT[index % len(TOL_BRIGHT)]


def rgb(colour: str) -> tuple[int, int, int]:
    """``#rrggbb`` (or ``#rrggbbaa``) as integers."""
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def luminance(colour: str) -> float:
    """WCAG relative luminance, 0 (black) to 1 (white)."""
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def text_on(colour: str) -> str:
    """Black or white, whichever reads better on ``colour`` (WCAG contrast)."""
    lum = luminance(colour)
    return "#000000" if (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) else "#ffffff"
