"""Guards against a Qt binding that corrupts reference counts (PySide6 6.12.0 did: every
void QPainter call dropped a reference to None, and the app aborted a few thousand paints
later on Python 3.11)."""

import sys

from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QImage, QPainter, QPen


def test_painting_keeps_reference_counts(qapp):
    image = QImage(10, 10, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        painter.setPen(QPen(QColor("red"), 1))
        before = sys.getrefcount(None)
        for _ in range(200):
            painter.setPen(QPen(QColor("red"), 1))
            painter.drawLine(QPointF(0, 0), QPointF(5, 5))
            painter.fillRect(0, 0, 1, 1, QColor("blue"))
        after = sys.getrefcount(None)
    finally:
        painter.end()
    if sys.version_info < (3, 12):  # None is immortal from 3.12 on; its count then says nothing
        assert abs(after - before) < 50
