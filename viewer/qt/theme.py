"""Light and dark colours for the canvas, following the system's colour scheme."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication


@dataclass(frozen=True)
class Theme:
    dark: bool
    background: QColor
    lane_alt: QColor  # every other lane, for the eye to follow a lane
    header: QColor  # lane headers and the axis band
    rule: QColor  # lane separators, axis base line
    grid_minor: QColor
    grid_major: QColor
    text: QColor
    muted: QColor
    highlight: QColor
    today: QColor
    period_alpha: int  # alpha of a period band's fill


LIGHT = Theme(
    dark=False,
    background=QColor("#ffffff"),
    lane_alt=QColor("#f6f7f9"),
    header=QColor("#eef0f3"),
    rule=QColor("#c9ced6"),
    grid_minor=QColor("#eceef2"),
    grid_major=QColor("#d5d9e0"),
    text=QColor("#1f2328"),
    muted=QColor("#5b6470"),
    highlight=QColor("#0b62d6"),
    today=QColor("#cc3311"),
    period_alpha=34,
)

DARK = Theme(
    dark=True,
    background=QColor("#1c1f24"),
    lane_alt=QColor("#22262c"),
    header=QColor("#2a2f36"),
    rule=QColor("#3b424c"),
    grid_minor=QColor("#292e35"),
    grid_major=QColor("#3a414b"),
    text=QColor("#e6e8eb"),
    muted=QColor("#9aa3ae"),
    highlight=QColor("#5aa2ff"),
    today=QColor("#ff7755"),
    period_alpha=46,
)


def system_is_dark(palette: QPalette | None = None) -> bool:
    """The system's choice: Qt's colour-scheme hint, else the palette's window lightness."""
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        scheme = app.styleHints().colorScheme()
        if scheme != Qt.ColorScheme.Unknown:
            return scheme == Qt.ColorScheme.Dark
    pal = palette or QGuiApplication.palette()
    return pal.color(QPalette.ColorRole.Window).lightness() < 128


def theme_for(choice: str = "system") -> Theme:
    """``"light"``, ``"dark"`` or ``"system"``."""
    if choice == "light":
        return LIGHT
    if choice == "dark":
        return DARK
    return DARK if system_is_dark() else LIGHT


_SYSTEM_PALETTE = "timeline_viewer_system_palette"  # a property of the application


def _palette(theme: Theme) -> QPalette:
    pal = QPalette()
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    colours = {
        role.Window: theme.header, role.WindowText: theme.text, role.Base: theme.background,
        role.AlternateBase: theme.lane_alt, role.Text: theme.text, role.Button: theme.header,
        role.ButtonText: theme.text, role.ToolTipBase: theme.background,
        role.ToolTipText: theme.text, role.Highlight: theme.highlight,
        role.HighlightedText: QColor("#ffffff"), role.Link: theme.highlight,
        role.PlaceholderText: theme.muted, role.Mid: theme.rule, role.Midlight: theme.grid_major,
        role.Dark: theme.rule, role.Light: theme.lane_alt, role.BrightText: theme.today,
    }
    for r, colour in colours.items():
        pal.setColor(r, colour)
    for r in (role.WindowText, role.Text, role.ButtonText):
        pal.setColor(group.Disabled, r, theme.muted)
    return pal


def apply_app_palette(choice: str) -> None:
    """Give the whole application the chosen theme's palette ("system" restores the
    platform's own), so panes and dialogs match the canvas."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    system = app.property(_SYSTEM_PALETTE)  # the platform's, kept by the application
    if not isinstance(system, QPalette):
        system = QPalette(app.palette())
        app.setProperty(_SYSTEM_PALETTE, system)
    if choice in ("light", "dark"):
        app.setPalette(_palette(DARK if choice == "dark" else LIGHT))
    else:
        app.setPalette(system)
