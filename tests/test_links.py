"""The one rule for opening links, and how citations read, without Qt."""

import pytest

from viewer.load.loader import SAFE_SCHEMES
from viewer.model.links import (
    blocked_reason,
    is_safe_url,
    markdown_links,
    readable_url,
    source_text,
    source_title,
    url_scheme,
)
from viewer.model.model import Source


@pytest.mark.parametrize("url", [
    "https://example.com", "http://example.com/a?b=c#d", "HTTPS://EXAMPLE.COM",
    "mailto:someone@example.com",
])
def test_web_and_mail_links_are_safe(url):
    assert is_safe_url(url)
    assert blocked_reason(url) == ""


@pytest.mark.parametrize("url", [
    "", "javascript:alert(1)", "JavaScript:alert(1)", "java\tscript:alert(1)",
    " javascript:alert(1)", "file:///etc/passwd", "data:text/html,<script>", "vbscript:x",
    "#top", "/etc/passwd", "relative/page.html", "https:", "https:example.com", "http:///x",
    "mailto:", "https://exa mple.com", "https://example.com/\nx",
])
def test_everything_else_is_blocked(url):
    assert not is_safe_url(url)
    assert blocked_reason(url).startswith("Not opened")


def test_the_rule_is_the_loaders():
    assert {url_scheme(u) for u in ("http://a", "https://a", "mailto:a")} == set(SAFE_SCHEMES)
    assert "“javascript:”" in blocked_reason("javascript:alert(1)")


def test_urls_read_without_scheme_or_escapes():
    url = "https://en.wikipedia.org/wiki/Canada%E2%80%93China_relations"
    assert readable_url(url) == "en.wikipedia.org/wiki/Canada–China_relations"
    assert readable_url("https://www.example.com/") == "example.com"
    assert readable_url("mailto:a@b.org") == "a@b.org"


def test_citations_read_title_publisher_date():
    src = Source("Urgent Action", "https://amnesty.org/x", "Amnesty International", "2019-01",
                 safe_url=True)
    assert source_text(src) == "Urgent Action — Amnesty International, 2019-01"
    assert source_text(Source("A book")) == "A book"
    assert source_text(Source("T", publisher="P")) == "T — P"
    bare = Source("https://en.wikipedia.org/wiki/Two_Michaels",
                  "https://en.wikipedia.org/wiki/Two_Michaels", safe_url=True)
    assert source_title(bare) == "en.wikipedia.org/wiki/Two_Michaels"


@pytest.mark.parametrize("url", [
    "mailto:a@b.org?attach=/etc/passwd", "mailto:a@b.org?subject=hi&ATTACH=~/.ssh/id_rsa",
    "MAILTO:a@b.org?Attach=x", "mailto:a@b.org?%61ttach=/etc/passwd",
    "mailto:a@b.org?attachment=x", "mailto:a@b.org?body=x;attach=y",
])
def test_a_mail_link_that_attaches_a_file_is_blocked(url):
    assert not is_safe_url(url)
    assert blocked_reason(url) == ("Not opened: mail links that attach a file are blocked; "
                                   "only http, https and mailto links are followed.")


@pytest.mark.parametrize("url", [
    "mailto:a@b.org?subject=attach%20this", "mailto:a@b.org?subject=hi&body=attach=x",
])
def test_attach_in_a_mail_links_text_is_fine(url):
    assert is_safe_url(url)


def test_markdown_links_are_found_where_they_are_written():
    text = ("Intro [ok](https://example.com) and [bad](javascript:alert(1)) ![pic](/etc/passwd)\n"
            "`[code](javascript:x)` <vbscript:y> [![img](a.png)](file:///etc/passwd)"
            " [t](<mailto:a@b.org?attach=x> \"title\")\n\n[ref]: data:text/html,x\n")
    found = markdown_links(text)
    assert [url for _, url in found] == [
        "https://example.com", "javascript:alert(1)", "vbscript:y", "file:///etc/passwd",
        "mailto:a@b.org?attach=x", "data:text/html,x"]
    assert all(text[at:at + len(url)] == url for at, url in found)


@pytest.mark.parametrize("text", ["[](0", "[a](javascript:x", "see [a](b c d)"])
def test_brackets_without_a_closed_destination_are_no_link(text):
    assert markdown_links(text) == []
