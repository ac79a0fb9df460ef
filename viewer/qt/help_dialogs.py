"""Help: the keyboard shortcuts, the format reference and About."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from viewer import __version__
from viewer.files.resources import format_reference

FORMAT_REFERENCE = format_reference()

SHORTCUTS: tuple[tuple[str, str], ...] = (
    ("Ctrl+N", "Create a new events file"),
    ("Ctrl+O", "Open a file"),
    ("F5", "Reload the file (it also reloads on every save)"),
    ("Ctrl+Shift+E", "Open the file in your editor at the selected event"),
    ("Ctrl+,", "Preferences: the editor to open"),
    ("Ctrl+E", "Export a picture: the view or the whole timeline, PNG, SVG or PDF"),
    ("Ctrl+P", "Print the view, with a preview"),
    ("Ctrl+Q", "Quit"),
    ("Ctrl+F", "Search"),
    ("Ctrl+Shift+L", "Clear all filters"),
    ("Home or 0", "Fit all events, the lanes back to the top"),
    ("F", "Fit the events the filters keep"),
    ("Shift+Home", "The file's own view (its view:), if it has one"),
    ("+ / −  (Ctrl++ / Ctrl+−)", "Zoom in / out"),
    ("Mouse wheel, pinch", "Zoom around the pointer"),
    ("Drag, ← →, horizontal scroll", "Pan through time"),
    ("Shift+wheel, ↑ ↓", "Scroll the lanes"),
    ("Double-click", "Zoom in (on an event: show its details)"),
    ("[ ]  or  Tab / Shift+Tab", "Previous / next event"),
    ("Esc", "Clear the selection"),
    ("Enter", "Show the selected event's details"),
    ("Ctrl+1 … Ctrl+5", "Lanes by category, tag, person, place, or one lane"),
    ("Shift-drag on the overview", "Filter by a date range"),
)


def _show(parent: QWidget | None, title: str, build: QTextBrowser) -> None:
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    dialog.resize(720, 640)
    layout = QVBoxLayout(dialog)
    layout.addWidget(build)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    dialog.exec()


def shortcuts_html() -> str:
    rows = "".join(f"<tr><td style='padding:3px 18px 3px 0'><b>{html.escape(k)}</b></td>"
                   f"<td>{html.escape(v)}</td></tr>" for k, v in SHORTCUTS)
    return f"<h3>Keyboard and mouse</h3><table>{rows}</table>"


def show_shortcuts(parent: QWidget | None) -> None:
    browser = QTextBrowser()
    browser.setHtml(shortcuts_html())
    _show(parent, "Keyboard shortcuts", browser)


def show_format_reference(parent: QWidget | None) -> None:
    browser = QTextBrowser()
    browser.setOpenExternalLinks(False)
    try:
        text = FORMAT_REFERENCE.read_text(encoding="utf-8")
    except OSError:
        text = "The format reference (FORMAT.md) is not installed beside the program."
    browser.document().setMarkdown(text, QTextDocument.MarkdownFeature.MarkdownDialectGitHub)
    _show(parent, "The events.yaml format", browser)


def show_about(parent: QWidget | None) -> None:
    box = QMessageBox(parent)
    box.setWindowTitle("About Timeline Viewer")
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(f"<h3>Timeline Viewer {html.escape(__version__)}</h3>"
                "<p>An interactive timeline of a hand-edited events.yaml.</p>"
                "<p>The viewer never writes to your file.</p>")
    box.exec()
