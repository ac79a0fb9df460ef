"""What Qt makes of a string it might take for rich text: for tests that user text shows
literally."""

from PySide6 import QtGui
from PySide6.QtGui import QTextDocument

MARKUP = "<b>x</b><img src=x>"  # markup a hostile or careless file might hold


def as_shown(tip: str) -> str:
    """A tooltip's (or label's) text as Qt shows it: rich text when it looks like HTML,
    else as is."""
    if not QtGui.Qt.mightBeRichText(tip):
        return tip
    doc = QTextDocument()
    doc.setHtml(tip)
    return doc.toPlainText()
