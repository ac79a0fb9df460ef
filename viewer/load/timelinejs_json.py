"""TimelineJS JSON (https://timeline.knightlab.com/docs/json-format.html) to slides.

The stdlib :mod:`json` decides what is valid JSON and words syntax errors with their line and
column. It keeps no positions, so a second, small reader walks the (now known valid) text and
builds the same values as :mod:`viewer.load.yamltree` nodes, each with its line and column, so that
a problem inside the 40th event names that event's line. Every value becomes text as it was
written (``2018`` and ``"2018"`` alike), ``null`` becomes None.
"""

from __future__ import annotations

import bisect
import json
import re

from viewer.load.timelinejs_slides import DATE_PARTS, DateParts, Media, Slide, SlideSet
from viewer.load.yamltree import Map, Node, Scalar, Seq
from viewer.model.diagnostics import Diagnostic, Severity, did_you_mean

MAX_DEPTH = 100
TOP_KEYS = ("events", "title", "eras", "scale")
SLIDE_KEYS = ("start_date", "end_date", "text", "media", "group", "display_date", "background",
              "autolink", "unique_id")
ERA_KEYS = ("start_date", "end_date", "text")
DATE_KEYS = (*DATE_PARTS, "display_date", "format")
TEXT_KEYS = ("headline", "text")
MEDIA_KEYS = ("url", "caption", "credit", "thumbnail", "alt", "title", "link", "link_target")

_WS = re.compile(r"[ \t\n\r]*")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?")
_CONSTANTS = (("true", "true"), ("false", "false"), ("null", None), ("NaN", "NaN"),
              ("Infinity", "Infinity"), ("-Infinity", "-Infinity"))
_SURROGATE = re.compile(r"[\ud800-\udfff]")


class _Failure(Exception):
    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def read_json(text: str) -> tuple[SlideSet | None, list[Diagnostic]]:
    """The slides of a TimelineJS JSON text (None when it is not JSON) and the problems."""
    try:  # numbers stay text: int() refuses one of over 4,300 digits, with no position
        json.loads(text, parse_int=str, parse_float=str)
    except json.JSONDecodeError as err:
        return None, [Diagnostic(Severity.ERROR, err.lineno, err.colno,
                                 f"JSON syntax error: {err.msg}", _syntax_hint(err.msg))]
    except RecursionError:
        return None, [Diagnostic(Severity.ERROR, 1, 1, "values are nested too deeply")]
    reader = _Reader(text)
    try:
        root = reader.read()
    except _Failure as failure:
        return None, [failure.diagnostic]
    slides = _Slides(reader.diagnostics)
    return slides.build(root), slides.diagnostics


def _syntax_hint(message: str) -> str:
    if message.startswith("Expecting property name"):
        return "keys need double quotes, and JSON allows no comma before '}'"
    if message.startswith("Expecting ',' delimiter"):
        return "is a comma missing, or a quote inside text not written as \\\"?"
    if message.startswith("Invalid control character"):
        return "write a line break inside text as \\n"
    return ""


class _Reader:
    """Valid JSON text to located nodes; duplicate keys are warned about (the last one wins,
    as in every JSON reader)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0, *(m.end() for m in re.finditer("\n", text))]
        self.diagnostics: list[Diagnostic] = []

    def at(self, index: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, index)
        return line, index - self.starts[line - 1] + 1

    def read(self) -> Node:
        node, _ = self.value(0, 0)
        return node

    def skip(self, index: int) -> int:
        match = _WS.match(self.text, index)
        return match.end() if match else index

    def expect(self, index: int, char: str) -> int:
        index = self.skip(index)
        if not self.text.startswith(char, index):
            raise _Failure(Diagnostic(Severity.ERROR, *self.at(index),
                                      f"JSON syntax error: expecting '{char}'"))
        return index + 1

    def string(self, index: int) -> tuple[str, int]:
        match = _STRING.match(self.text, index)
        if not match:
            raise _Failure(Diagnostic(Severity.ERROR, *self.at(index),
                                      "JSON syntax error: expecting a string"))
        text: str = json.loads(match.group(0))
        return text, match.end()

    def value(self, index: int, depth: int) -> tuple[Node, int]:
        index = self.skip(index)
        line, column = self.at(index)
        if depth > MAX_DEPTH:
            raise _Failure(Diagnostic(Severity.ERROR, line, column,
                                      f"values are nested more than {MAX_DEPTH} levels deep"))
        char = self.text[index:index + 1]
        if char == "{":
            return self.object(index + 1, depth, line, column)
        if char == "[":
            items: list[Node] = []
            index = self.skip(index + 1)
            if self.text.startswith("]", index):
                return Seq((), line, column), index + 1
            while True:
                item, index = self.value(index, depth + 1)
                items.append(item)
                index = self.skip(index)
                if not self.text.startswith(",", index):
                    return Seq(tuple(items), line, column), self.expect(index, "]")
                index += 1
        if char == '"':
            text, end = self.string(index)
            return Scalar(_clean(text), line, column), end
        number = _NUMBER.match(self.text, index)
        if number:
            return Scalar(_number_text(number), line, column), number.end()
        for word, meaning in _CONSTANTS:
            if self.text.startswith(word, index):
                return Scalar(meaning, line, column), index + len(word)
        raise _Failure(Diagnostic(Severity.ERROR, line, column, "JSON syntax error"))

    def object(self, index: int, depth: int, line: int, column: int) -> tuple[Node, int]:
        entries: dict[str, tuple[Scalar, Node]] = {}
        index = self.skip(index)
        if self.text.startswith("}", index):
            return Map(entries, line, column), index + 1
        while True:
            index = self.skip(index)
            key_line, key_column = self.at(index)
            key, index = self.string(index)
            index = self.expect(index, ":")
            value, index = self.value(index, depth + 1)
            if key in entries:
                first = entries[key][0].line
                self.diagnostics.append(Diagnostic(
                    Severity.WARNING, key_line, key_column,
                    f"duplicate key '{key}' (first written at line {first}); "
                    "the last one is used", "remove one of them"))
                del entries[key]
            entries[_clean(key)] = (Scalar(_clean(key), key_line, key_column), value)
            index = self.skip(index)
            if not self.text.startswith(",", index):
                return Map(entries, line, column), self.expect(index, "}")
            index += 1


def _clean(text: str) -> str:
    """Text with any lone surrogate (``"\\ud800"`` is valid JSON) made a replacement mark."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def _number_text(match: re.Match[str]) -> str:
    """``2012.0`` and ``2.012e3`` read as ``2012``, as JavaScript would print them."""
    text = match.group(0)
    if match.group(1) or match.group(2):
        try:
            value = float(text)
        except OverflowError:  # pragma: no cover - float() gives inf rather than raising
            return text
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
    return text


class _Slides:
    """Located JSON to slides, with an error for every value of the wrong shape."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        self.errors = 0

    def error(self, node: Node, message: str, hint: str = "") -> None:
        self.errors += 1
        self.diagnostics.append(Diagnostic(Severity.ERROR, node.line, node.column, message,
                                           hint))

    def build(self, root: Node) -> SlideSet | None:
        if isinstance(root, Seq):  # a bare list of slides
            root = Map({"events": (Scalar("events", root.line, root.column), root)},
                       root.line, root.column)
        if not isinstance(root, Map):
            self.error(root, "a TimelineJS file should be an object with an 'events' list",
                       'start it with {"events": [')
            return None
        self.unknown_keys(root, TOP_KEYS, "at the top of the file")
        result = SlideSet()
        title = root.get("title")
        if title is not None and not _null(title):
            result.title = self.slide(title, "the title slide", SLIDE_KEYS)
        events = root.get("events")
        if events is None:
            self.error(root, "there is no 'events' list", 'add "events": [ ... ]')
        for item in self.items(events, "events"):
            slide = self.slide(item, "an event", SLIDE_KEYS)
            if slide is not None:
                result.events.append(slide)
        for item in self.items(root.get("eras"), "eras"):
            slide = self.slide(item, "an era", ERA_KEYS)
            if slide is not None:
                result.eras.append(slide)
        return result

    def items(self, node: Node | None, key: str) -> tuple[Node, ...]:
        if node is None or _null(node):
            return ()
        if not isinstance(node, Seq):
            self.error(node, f"'{key}' should be a list [ ... ], not {_kind(node)}")
            return ()
        return node.items

    def unknown_keys(self, node: Map, known: tuple[str, ...], where: str) -> None:
        for key, (key_node, _) in node.entries.items():
            hint = did_you_mean(key, known) if key not in known else ""
            if hint:
                self.diagnostics.append(Diagnostic(
                    Severity.WARNING, key_node.line, key_node.column,
                    f"unknown key '{key}' {where}", hint))

    def slide(self, node: Node, what: str, known: tuple[str, ...]) -> Slide | None:
        if not isinstance(node, Map):
            self.error(node, f"{what} should be an object {{...}}, not {_kind(node)}")
            return None
        errors_before = self.errors
        self.unknown_keys(node, known, f"in {what}")
        slide = Slide(node)
        slide.start = self.date(node, "start_date")
        slide.end = self.date(node, "end_date")
        text = self.mapping(node.get("text"), "text", TEXT_KEYS)
        if text is not None:
            slide.headline = self.scalar(text, "headline", "text")
            slide.text = self.scalar(text, "text", "text")
        media = self.mapping(node.get("media"), "media", MEDIA_KEYS)
        if media is not None:
            slide.media = Media(media, *(self.scalar(media, key, "media")
                                         for key in ("url", "caption", "credit", "title")))
        slide.group = self.scalar(node, "group", what)
        slide.display_date = self.scalar(node, "display_date", what)
        slide.unique_id = self.scalar(node, "unique_id", what)
        slide.broken = self.errors > errors_before
        return slide

    def mapping(self, node: Node | None, key: str, known: tuple[str, ...]) -> Map | None:
        if node is None or _null(node):
            return None
        if not isinstance(node, Map):
            self.error(node, f"'{key}' should be an object {{...}}, not {_kind(node)}",
                       _shape_hint(key))
            return None
        self.unknown_keys(node, known, f"in '{key}'")
        return node

    def scalar(self, node: Map, key: str, where: str) -> Scalar | None:
        value = node.get(key)
        if value is None or isinstance(value, Scalar):
            return value
        self.error(value, f"'{key}' in {where} should be text, not {_kind(value)}")
        return None

    def date(self, node: Map, key: str) -> DateParts | None:
        value = self.mapping(node.get(key), key, DATE_KEYS)
        if value is None:
            return None
        date = DateParts(value, key)
        for part in DATE_PARTS:
            scalar = self.scalar(value, part, f"'{key}'")
            if scalar is not None:
                date.parts[part] = scalar
        date.display = self.scalar(value, "display_date", f"'{key}'")
        return date


def _shape_hint(key: str) -> str:
    if key.endswith("_date"):
        return f'write it as "{key}": {{"year": 2018, "month": 12, "day": 1}}'
    if key == "text":
        return 'write it as "text": {"headline": "...", "text": "..."}'
    return 'write it as "media": {"url": "https://...", "caption": "...", "credit": "..."}'


def _null(node: Node) -> bool:
    return isinstance(node, Scalar) and node.value is None


def _kind(node: Node) -> str:
    if isinstance(node, Seq):
        return "a list"
    if isinstance(node, Map):
        return "an object"
    if node.value is None:
        return "null"
    text = node.value if len(node.value) <= 30 else node.value[:29] + "…"
    return f"the text '{text}'"
