"""Which links the viewer may open, and how citations and links read to a person.

One rule for every link the app shows (descriptions, sources): only the loader's
``SAFE_SCHEMES`` (http, https, mailto) are ever opened; anything else stays inert text.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from viewer.loader import SAFE_SCHEMES
from viewer.model import Source

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_CONTROL = re.compile(r"[\x00-\x20\x7f]")


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
    scheme = url_scheme(url)
    if scheme not in SAFE_SCHEMES:
        return False
    rest = url[len(scheme) + 1:]
    if scheme == "mailto":
        return bool(rest)
    return rest.startswith("//") and bool(urlsplit(url).hostname)


def blocked_reason(url: str) -> str:
    """Why ``url`` is not opened, for the reader; "" when it is safe to open."""
    if is_safe_url(url):
        return ""
    scheme = url_scheme(url)
    kind = f"“{scheme}:” links are" if scheme else "links without http, https or mailto are"
    return f"Not opened: {kind} blocked; only http, https and mailto links are followed."


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
