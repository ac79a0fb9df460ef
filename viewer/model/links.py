"""Which links the viewer may open, and how citations and links read to a person.

One rule for every link the app shows (descriptions, sources): only the loader's
``SAFE_SCHEMES`` (http, https, mailto) are ever opened; anything else stays inert text.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from viewer.model.model import Source

SAFE_SCHEMES = ("http", "https", "mailto")  # the only links ever opened
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_CONTROL = re.compile(r"[\x00-\x20\x7f]")
_QUERY_PARTS = re.compile(r"[&;]")
_PLAIN_WEB = re.compile(r"(?i:https?)://[A-Za-z0-9.-]+(?:[:/?#]|$)")  # surely has a host

# Markdown links as GitHub's dialect writes them (the detail pane's renderer reads the same):
# [text](url "title") with one level of brackets in the text and of parentheses in the url,
# <scheme:autolinks>, and [reference]: url definitions. An image (![alt](url)) is no link.
_BRACKETS = r"\[(?:[^\[\]\\]|\\.|\[(?:[^\[\]\\]|\\.)*\])*\]"
_DESTINATION = r"(?:<(?P<angled>[^<>\n]*)>|(?P<bare>(?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))+))"
_TITLE = r"""(?:\s+(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\((?:[^()\\]|\\.)*\)))?"""
_INLINE_LINK = re.compile(rf"(?P<bang>!?){_BRACKETS}\(\s*{_DESTINATION}{_TITLE}\s*\)")
_AUTOLINK = re.compile(r"<(?P<angled>[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>")
_DEFINITION = re.compile(rf"^ {{0,3}}{_BRACKETS}:[ \t]*\n?[ \t]*{_DESTINATION}", re.MULTILINE)
_FENCED_CODE = re.compile(r"^ {0,3}(`{3,}|~{3,})[^\n]*\n(?:.*?\n)?? {0,3}\1[`~]*[ \t]*$|"
                          r"^ {0,3}(`{3,}|~{3,}).*\Z", re.MULTILINE | re.DOTALL)
_CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)", re.DOTALL)


def url_scheme(url: str) -> str:
    """The scheme of ``url`` in lower case, or "" when it has none (a relative link)."""
    m = _SCHEME.match(url)
    return m.group(1).lower() if m else ""


def is_safe_url(url: str) -> bool:
    """True for an absolute http, https or mailto link that may be handed to a browser.

    Whitespace or control characters anywhere make it unsafe: browsers strip some of them,
    so ``java\\tscript:`` could otherwise slip past the scheme check.
    """
    if not url or _CONTROL.search(url):
        return False
    if _PLAIN_WEB.match(url):  # most links; as urlsplit would say, but quicker
        return True
    scheme = url_scheme(url)
    if scheme not in SAFE_SCHEMES:
        return False
    rest = url[len(scheme) + 1:]
    if scheme == "mailto":
        return bool(rest) and not attaches_a_file(url)
    return rest.startswith("//") and bool(urlsplit(url).hostname)


def attaches_a_file(url: str) -> bool:
    """True for a ``mailto:`` link whose query asks the mail program to attach a file
    (``?attach=/etc/passwd``, in any letter case or escaped): opening it could send one."""
    if url_scheme(url) != "mailto":
        return False
    query = url.partition("?")[2].partition("#")[0]
    names = (unquote(part.partition("=")[0]).strip().lower()
             for part in _QUERY_PARTS.split(query))
    return any(name.startswith("attach") for name in names)


def blocked_reason(url: str) -> str:
    """Why ``url`` is not opened, for the reader; "" when it is safe to open."""
    if is_safe_url(url):
        return ""
    scheme = url_scheme(url)
    if attaches_a_file(url):
        kind = "mail links that attach a file are"
    else:
        kind = f"“{scheme}:” links are" if scheme else "links without http, https or mailto are"
    return f"Not opened: {kind} blocked; only http, https and mailto links are followed."


def link_warning(url: str) -> str:
    """What ``--check`` says of a link that is never opened; "" for one that may be."""
    if is_safe_url(url):
        return ""
    if attaches_a_file(url):
        return f"mail link '{url}' attaches a file"
    return f"link '{url}' is not http, https or mailto"


def markdown_links(text: str) -> list[tuple[int, str]]:
    """The links of the Markdown ``text``, each as (where its url starts, the url as written),
    in text order; images and code are not links."""
    def blank(m: re.Match[str]) -> str:  # same length, so offsets stay those of ``text``
        return re.sub(r"[^\n]", " ", m.group())

    plain = _CODE_SPAN.sub(blank, _FENCED_CODE.sub(blank, text))
    found = []
    for pattern in (_INLINE_LINK, _AUTOLINK, _DEFINITION):
        for m in pattern.finditer(plain):
            if not m.groupdict().get("bang"):
                group = "angled" if m.group("angled") is not None else "bare"
                found.append((m.start(group), text[m.start(group):m.end(group)]))
        plain = pattern.sub(blank, plain)  # a link's <url> is no autolink of its own
    return sorted(found)


def readable_url(url: str) -> str:
    """A URL as a person reads it: no scheme, escapes decoded, no trailing slash.

    ``https://en.wikipedia.org/wiki/Canada%E2%80%93China_relations`` reads
    ``en.wikipedia.org/wiki/Canada–China_relations``.
    """
    scheme = url_scheme(url)
    text = url[len(scheme) + 1:] if scheme else url
    text = unquote(text.removeprefix("//"))
    return text.removeprefix("www.").rstrip("/") or url


def source_title(source: Source) -> str:
    """The title to show: the readable URL when the file gave only a URL."""
    if source.url and source.title == source.url:
        return readable_url(source.url)
    return source.title


def source_meta(source: Source) -> str:
    """``Publisher, 2018-12-02``, either part, or ""."""
    return ", ".join(part for part in (source.publisher, source.date) if part)


def source_text(source: Source) -> str:
    """A citation on one line: ``Title — Publisher, 2018-12-02``."""
    meta = source_meta(source)
    return f"{source_title(source)} — {meta}" if meta else source_title(source)
