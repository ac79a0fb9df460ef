"""Widgets the detail pane is built from: a wrapping flow of chips, a link label, and a
Markdown view that never loads a resource, interprets HTML or navigates by itself."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
    QMouseEvent,
    QPalette,
    QResizeEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import (
    QLabel,
    QLayout,
    QLayoutItem,
    QPushButton,
    QSizePolicy,
    QTextBrowser,
)

from viewer.model.links import blocked_reason
from viewer.qt.plain_text import tooltip

MARKDOWN = QTextDocument.MarkdownFeature
PROPORTIONAL = QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
LINE_HEIGHT = 112  # percent of the font's line spacing
ROLE = QPalette.ColorRole


def blend(a: QColor, b: QColor, t: float) -> QColor:
    """``a`` moved a fraction ``t`` of the way towards ``b``."""
    pairs = ((a.redF(), b.redF()), (a.greenF(), b.greenF()), (a.blueF(), b.blueF()))
    return QColor.fromRgbF(*(x + (y - x) * t for x, y in pairs))


def muted(palette: QPalette) -> QColor:
    return blend(palette.color(ROLE.WindowText), palette.color(ROLE.Base), 0.42)


def url_text(url: QUrl) -> str:
    return url.toString(QUrl.ComponentFormattingOption.FullyEncoded)


class FlowLayout(QLayout):
    """Lays items out left to right, wrapping onto as many lines as the width needs."""

    def __init__(self, gap: int = 6) -> None:
        super().__init__()
        self._items: list[QLayoutItem] = []
        self._gap = gap
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize(0, 0)
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return size

    def _arrange(self, rect: QRect, *, apply: bool) -> int:
        x, y, line = rect.x(), rect.y(), 0
        for item in self._items:
            hint = item.sizeHint()
            if x > rect.x() and x + hint.width() > rect.right() + 1:
                x, y, line = rect.x(), y + line + self._gap, 0
            if apply:
                width = min(hint.width(), max(rect.width(), 1))
                item.setGeometry(QRect(QPoint(x, y), QSize(width, hint.height())))
            x += hint.width() + self._gap
            line = max(line, hint.height())
        return y + line - rect.y()


class Chip(QPushButton):
    """A flat, rounded button for a tag, person, place or category; when the pane is
    narrower than the chip its text is elided rather than clipped."""

    def __init__(self, text: str, style_sheet: str) -> None:
        super().__init__(text.replace("&", "&&"))  # "&" is not a mnemonic here
        self.full_text = text
        self._hint: QSize | None = None
        self.setFlat(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setStyleSheet(style_sheet)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        if self._hint is None:  # measured with the whole text, before any eliding
            self._hint = super().sizeHint()
        return self._hint

    def minimumSizeHint(self) -> QSize:
        return QSize(min(self.sizeHint().width(), 64), self.sizeHint().height())

    def changeEvent(self, ev: QEvent) -> None:
        if ev.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            self._hint = None
        super().changeEvent(ev)

    def resizeEvent(self, ev: QResizeEvent) -> None:
        super().resizeEvent(ev)
        shown, hint = self.full_text, self.sizeHint().width()
        if self.width() < hint:
            metrics = self.fontMetrics()
            room = self.width() - (hint - metrics.horizontalAdvance(shown))
            shown = metrics.elidedText(shown, Qt.TextElideMode.ElideRight, room)
        self.setText(shown.replace("&", "&&"))


class LinkLabel(QLabel):
    """A wrapping, plain-text label that acts as a link (mouse, Enter or Space).

    Signals:
        activated(): the reader followed the link.
    """

    activated = Signal()

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setForegroundRole(ROLE.Link)
        font = self.font()
        font.setUnderline(True)
        self.setFont(font)

    def mouseReleaseEvent(self, ev: QMouseEvent) -> None:
        inside = self.rect().contains(ev.position().toPoint())
        if ev.button() == Qt.MouseButton.LeftButton and inside:
            self.activated.emit()
        super().mouseReleaseEvent(ev)

    def keyPressEvent(self, ev: QKeyEvent) -> None:
        if ev.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.activated.emit()
        else:
            super().keyPressEvent(ev)


def _inert(link: QTextCharFormat, reason: str) -> QTextCharFormat:
    """``link``'s format as plain text, which says on hover why it is not a link."""
    fmt = QTextCharFormat(link)
    fmt.setAnchor(False)
    fmt.clearProperty(QTextFormat.Property.AnchorHref)
    fmt.clearProperty(QTextFormat.Property.AnchorName)
    fmt.clearForeground()
    fmt.setFontUnderline(False)
    fmt.setToolTip(tooltip(f"{reason}\n{link.anchorHref()}"))
    return fmt


class SafeDocument(QTextDocument):
    """A document that never loads a resource: no files, no network, no data: URLs."""

    def loadResource(self, type: int, name: QUrl | str) -> object:
        return None


class MarkdownView(QTextBrowser):
    """Read-only Markdown without HTML, images or navigation, as tall as its text."""

    def __init__(self) -> None:
        super().__init__()
        self._use(SafeDocument(self))
        self.setSearchPaths([])
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.viewport().setAutoFillBackground(False)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.highlighted.connect(self._on_self_highlighted)

    def loadResource(self, type: int, name: QUrl | str) -> object:
        return None

    def set_markdown(self, text: str, palette: QPalette | None = None) -> None:
        """Render ``text``; images become their alt text, links take ``palette``'s colour
        (give the palette of the pane when this view is not in it yet) and the links that
        are never opened become plain text."""
        pal = palette or self.palette()
        # Parsed into a document that nothing lays out: laying out an image makes Qt open its
        # file (relative to the working directory; a FIFO hangs), whatever loadResource says.
        # Only once every image is text does the view get the document.
        doc = SafeDocument(self)
        doc.setDefaultFont(self.document().defaultFont())
        doc.setMarkdown(text, MARKDOWN.MarkdownDialectGitHub | MARKDOWN.MarkdownNoHTML)
        spans: list[tuple[int, int, QTextCharFormat]] = []
        block = doc.begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                frag = it.fragment()
                if frag.charFormat().isImageFormat() or frag.charFormat().isAnchor():
                    spans.append((frag.position(), frag.length(), frag.charFormat()))
                it += 1
            block = block.next()
        cursor = QTextCursor(doc)
        for pos, length, fmt in reversed(spans):
            cursor.setPosition(pos)
            cursor.setPosition(pos + length, QTextCursor.MoveMode.KeepAnchor)
            new = QTextCharFormat()
            if fmt.isImageFormat():
                alt = str(fmt.property(QTextFormat.Property.ImageAltText) or "")
                new.setForeground(muted(pal))
                new.setFontItalic(True)
                cursor.insertText(f"[image{': ' + alt if alt else ''}]", new)
            elif reason := blocked_reason(fmt.anchorHref()):
                cursor.setCharFormat(_inert(fmt, reason))  # plain text: never a live link
            else:
                new.setForeground(pal.color(ROLE.Link))
                cursor.mergeCharFormat(new)
        spacing = QTextBlockFormat()
        spacing.setLineHeight(LINE_HEIGHT, PROPORTIONAL)
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.mergeBlockFormat(spacing)
        self._use(doc)

    def _use(self, doc: QTextDocument) -> None:
        old = self.document()  # Qt deletes its own first document; the later ones are ours
        ours = isinstance(old, SafeDocument) and old is not doc
        doc.setDocumentMargin(0)
        self.setDocument(doc)
        if ours:
            old.deleteLater()
        doc.documentLayout().documentSizeChanged.connect(self.updateGeometry)
        self.updateGeometry()

    def heightForWidth(self, width: int) -> int:
        self.document().setTextWidth(max(width, 1))
        return int(self.document().size().height()) + 2

    def sizeHint(self) -> QSize:  # the scroll area sizes its page from hints, not hfw
        return QSize(super().sizeHint().width(), self.heightForWidth(max(self.width(), 1)))

    def minimumSizeHint(self) -> QSize:
        return QSize(40, 0)

    def _on_self_highlighted(self, url: QUrl) -> None:
        reason = blocked_reason(url_text(url)) if url.toString() else ""
        self.viewport().setToolTip(tooltip(f"{url.toString()}\n{reason}".strip()))
