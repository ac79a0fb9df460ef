"""Text from the file, or a file's name, shown literally where Qt would read it as HTML."""

import pytest
from PySide6.QtGui import Qt, QTextDocument

from viewer.qt.plain_text import message, tooltip


def rendered(text: str) -> str:
    """What Qt shows for ``text`` in a tooltip or a message box (it auto-detects HTML)."""
    doc = QTextDocument()
    if Qt.mightBeRichText(text):
        doc.setHtml(text)
    else:
        doc.setPlainText(text)
    return doc.toPlainText()


@pytest.mark.parametrize("text", [
    "<i>notes</i>.yaml could not be written: Permission denied",
    "<img src=/etc/passwd> & <b>bold</b>",
    "“a.yaml” already exists in /tmp/<b>x</b>. Replace it?",
    "plain text, two  spaces",
])
@pytest.mark.parametrize("shown", [message, tooltip])
def test_markup_in_a_message_or_tooltip_shows_as_written(qapp, text, shown):
    assert rendered(shown(text)) == text
