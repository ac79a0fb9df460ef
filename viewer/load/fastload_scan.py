"""Looking at an events file's text before and around yaml_rs: whether the fast path may
read it at all, where each event is written, which spots it must look at twice, and that
second look (the located path's reading of one event)."""

from __future__ import annotations

import re
from itertools import accumulate, repeat
from typing import Any

import yaml

from viewer.load.yamltree import Node, Scalar, Seq, YamlFailure, parse


class Unsure(Exception):
    """The fast path cannot vouch for the file: the located path must read it."""

_PIECE = 1 << 20  # characters of the text encoded at a time to look at its bytes
_PRINTABLE = bytes([10, *range(0x20, 0x7F), *range(0x80, 0x100)])
_ODD_UTF8 = (b"\xe2\x80\xa8", b"\xe2\x80\xa9", b"\xef\xbb\xbf", b"\xef\xbf\xbe", b"\xef\xbf\xbf")
_C1 = re.compile(rb"\xc2[\x80-\x9f]")  # NEL and the other C1 controls
_DOCUMENT = re.compile(r"\n(?:---|\.\.\.|%)")  # a document's start or end; a directive
_LINE_COLON = re.compile(r"\n *(?=:)")
_PROPERTY = re.compile(r"[!&*](?:(?<=[\n\-?:,\[{][!&*])|(?<=[\n\-?:,\[{ ] [!&*]))")
_CONTENT = re.compile(r"^( *)(?=[^ \n#])", re.MULTILINE)
_LATER = re.compile(r" *- *(?:#[^\n]*)?\n")  # an item whose content starts on a later line
_NEXT_CONTENT = re.compile(r"\n *(?=[^ \n#])")
_SEQ_END = re.compile(r"\n(?=[^ \n#])")
_TOP_SEQ_END = re.compile(r"\n(?=[^ \n#-]|-[^ \n])")


def plain_text(text: str) -> str | None:
    """The text with LF line ends, or None if it holds something the readers may differ on."""
    text = text.replace("\r\n", "\n") if "\r" in text else text
    if "\r" in text or not text.endswith("\n") or text.startswith(("---", "...", "%")) or \
            _DOCUMENT.search(text):
        return None  # a last block scalar with no line break; documents and directives
    ascii = text.isascii()
    for at in range(0, len(text), _PIECE):  # a piece at a time: no copy of a large file
        try:
            data = text[at:at + _PIECE].encode("utf-8")
        except UnicodeEncodeError:  # lone surrogates
            return None
        if data.translate(None, _PRINTABLE) or (not ascii and (
                any(c in data for c in _ODD_UTF8) or _C1.search(data))):
            return None  # tabs, control characters, line separators (breaks in YAML 1.1)
    return text


def hits(text: str) -> list[int]:
    """Where the readers may part, leaving out comments: what may be a tag, anchor or alias; a
    line starting with ':' or ending in '\\' (a flow mapping's key not on one line)."""
    hits = [m.end() for m in _LINE_COLON.finditer(text)] \
        if "\n:" in text or " :" in text else []  # a plain search is much quicker
    if "\\" in text and "\\\n" in text:
        hits += [m.start() for m in re.finditer(r"\\\n", text)]
    if "!" in text or "&" in text or "*" in text:
        hits += [m.start() for m in _PROPERTY.finditer(text)]
        stripped = text.lstrip(" ")
        if stripped[:1] in ("!", "&", "*"):
            hits.append(len(text) - len(stripped))
    befores = [(at, text[text.rfind("\n", 0, at) + 1:at]) for at in hits]
    return [at for at, before in befores if '"' in before or "'" in before or
            not (before.lstrip(" ").startswith("#") or " #" in before)]


def items(text: str, key: str | None) -> tuple[list[int], list[int], int]:
    """The block sequence under the top-level ``key:`` (or the top-level list): where each item
    starts, the line of its first token (its mapping's line), and where the sequence ends."""
    start = 0
    if key is not None:
        at = 0 if text.startswith(key + ":") else text.find(f"\n{key}:") + 1
        if (at == 0 and not text.startswith(key + ":")) or text.find(f"\n{key}:", at) >= 0:
            raise Unsure  # not at the start of a line, or there twice
        start = text.index("\n", at) + 1
        rest = text[at + len(key) + 1:start].strip()
        if rest and not rest.startswith("#"):
            return [], [], start  # a flow collection or a scalar on the key's line
    first = _CONTENT.search(text, start)
    if first is None or text[first.end():first.end() + 2] not in ("- ", "-\n"):
        return [], [], start
    begin, indent = first.start(), first.end() - first.start()
    end_match = (_SEQ_END if indent else _TOP_SEQ_END).search(text, begin)
    end = end_match.start() + 1 if end_match else len(text)
    dash = "\n" + " " * indent + "-"
    offsets = [begin, *(m.start() + 1 for m in re.compile(dash + "(?=[ \n])").finditer(
        text, begin, end))]
    lines = list(accumulate(map(text.count, repeat("\n"), offsets, offsets[1:]),
                            initial=text.count("\n", 0, begin) + 1))
    if re.compile(dash + r" *(?:#[^\n]*)?\n").search(text, max(begin - 1, 0), end) or \
            _LATER.match(text, begin):
        for n, offset in enumerate(offsets):  # an item whose content starts on a later line
            if _LATER.match(text, offset):
                content = _NEXT_CONTENT.search(text, offset)
                if content is None:
                    raise Unsure
                lines[n] += text.count("\n", offset, content.end())
    return offsets, lines, end


def reads_the_same(chunk: str, value: Any) -> bool:
    """Whether the located path reads an event's text (a one-item list) as yaml_rs did, with
    no tag, anchor or alias in it (``**bold**`` at the start of a line may look like one)."""
    try:
        for event in yaml.parse(chunk, Loader=yaml.CBaseLoader):
            if isinstance(event, yaml.NodeEvent) and (
                    event.anchor is not None or getattr(event, "tag", None) is not None):
                return False
        root, diagnostics = parse(chunk)
    except (yaml.YAMLError, YamlFailure):
        return False
    return not diagnostics and isinstance(root, Seq) and len(root.items) == 1 and \
        _same(root.items[0], value)


def _same(node: Node, value: Any) -> bool:
    if isinstance(node, Scalar):  # an int only if written as yaml_rs writes it: 2018, not +2018
        return type(value) in (str, int) and node.value == str(value)
    if isinstance(node, Seq):
        return type(value) is list and len(value) == len(node.items) and \
            all(map(_same, node.items, value))
    return type(value) is dict and list(value) == list(node.entries) and \
        all(_same(v, value[k]) for k, (_, v) in node.entries.items())
