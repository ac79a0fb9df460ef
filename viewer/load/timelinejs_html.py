"""TimelineJS text fields hold HTML; the viewer shows text. This keeps the words, drops markup.

The stdlib :mod:`html.parser` only tokenizes: nothing is executed, fetched or resolved.
``<p>``, ``<div>``, headings and list items become line breaks (a blank line between
paragraphs, ``- `` before list items), ``<br>`` a line break, entities are unescaped, and the
content of ``<script>``, ``<style>`` and similar elements is dropped. In a description (which
is Markdown) a link with an http, https or mailto target becomes ``[text](url)``; any other
link keeps only its text. Text with no markup at all keeps its own line breaks.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from viewer.model.links import is_safe_url

_BLOCKS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "dt",
                     "dd", "blockquote", "pre", "table", "tr", "section", "article", "header",
                     "footer", "figure", "figcaption", "hr", "address", "aside", "main", "nav"})
_DROPPED = frozenset({"script", "style", "head", "title", "noscript", "template", "iframe",
                      "object", "embed", "svg", "math", "video", "audio", "canvas", "select"})
_CELLS = frozenset({"td", "th"})
_MARKUP = re.compile(r"<[A-Za-z!/?]")
_SPACE = re.compile(r"[ \t\r\n\f\v]+")
_BLANKS = re.compile(r"\n{3,}")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


class _Text(HTMLParser):
    def __init__(self, links: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.links = links
        self.out: list[str] = []
        self.dropped = 0  # depth inside elements whose content is not text
        self.link: tuple[str, int] | None = None  # (href, index in out where its text starts)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROPPED:
            self.dropped += 1
        elif self.dropped:
            return
        elif tag == "br":
            self.out.append("\n")
        elif tag == "li":
            self.out.append("\n- ")
        elif tag in _BLOCKS:
            self.out.append("\n\n")
        elif tag in _CELLS:
            self.out.append(" ")
        elif tag == "a" and self.links:
            href = dict(attrs).get("href") or ""
            self.link = (href.strip(), len(self.out))

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROPPED:
            self.dropped = max(0, self.dropped - 1)
        elif self.dropped:
            return
        elif tag in _BLOCKS:
            self.out.append("\n\n")
        elif tag == "a" and self.link is not None:
            href, start = self.link
            self.link = None
            words = _SPACE.sub(" ", "".join(self.out[start:])).strip()
            if href and is_safe_url(href) and words and "\n" not in "".join(self.out[start:]):
                del self.out[start:]
                self.out.append(_markdown_link(words, href))

    def handle_data(self, data: str) -> None:
        if not self.dropped:
            self.out.append(_SPACE.sub(" ", data))


def _markdown_link(words: str, href: str) -> str:
    label = words.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
    target = (href.replace("(", "%28").replace(")", "%29")
              .replace("<", "%3C").replace(">", "%3E"))
    return f"<{target}>" if words == href else f"[{label}]({target})"


def html_text(text: str, *, links: bool = True) -> str:
    """The text of an HTML fragment, with line breaks where its blocks and ``<br>`` were."""
    text = _SURROGATE.sub("\ufffd", text)
    if not _MARKUP.search(text):
        plain = html.unescape(text).replace("\r\n", "\n").replace("\r", "\n")
        lines = [line.strip() for line in plain.split("\n")]
        return _BLANKS.sub("\n\n", "\n".join(lines)).strip()
    parser = _Text(links)
    parser.feed(text)
    parser.close()
    lines = [line.strip() for line in "".join(parser.out).split("\n")]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()


def html_line(text: str) -> str:
    """The text of an HTML fragment on one line (a headline, a caption, a credit)."""
    return _SPACE.sub(" ", html_text(text, links=False)).strip()


class _Attributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.url = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if not self.url and name in ("src", "href", "data") and value:
                self.url = value.strip()


def embedded_url(markup: str) -> str:
    """The first ``src``/``href`` in embed markup (``<iframe src=...>``), or ""."""
    parser = _Attributes()
    parser.feed(markup)
    parser.close()
    return parser.url


def is_markup(text: str) -> bool:
    return bool(_MARKUP.match(text.lstrip()))
