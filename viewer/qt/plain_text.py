"""Text from the file shown as written in Qt widgets, never read as HTML.

A QLabel set to plain text needs nothing more; a tooltip or a message box's text does: Qt
reads any whose first line looks like HTML (``<b>``, ``&lt;``) as rich text, so a tag such as
``<img src=x>`` in a title (or a file name) would be drawn, or loaded.
"""

from __future__ import annotations

import html

from PySide6.QtGui import Qt


def tooltip(text: str) -> str:
    """``text`` as a tooltip that shows it literally: unchanged when Qt would take it for
    plain text anyway, else escaped inside a paragraph that keeps its spaces and lines."""
    if not Qt.mightBeRichText(text):
        return text
    return f"<p style='white-space:pre-wrap'>{html.escape(text, quote=False)}</p>"


def message(text: str) -> str:
    """``text`` (which may name a file, whose name may look like HTML) for a QMessageBox,
    shown literally: a message box reads its text as a tooltip does."""
    return tooltip(text)
