"""Text from the file shown as written in Qt widgets, never read as HTML.

A QLabel set to plain text needs nothing more; a tooltip does: Qt reads any tooltip whose first
line looks like HTML (``<b>``, ``&lt;``) as rich text, so a tag such as ``<img src=x>`` in a
title would be drawn, or loaded.
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
