"""Bytes of a YAML file to a tree of plain values that remember where they were written.

One semantics, documented in FORMAT.md: every scalar is text (``NO`` stays ``"NO"``; the
fields that want numbers or dates read them from the text), except an empty value,
``~`` and ``null``, which are nothing. Duplicate keys and tags other than YAML's plain
ones are errors; nothing in the file is ever constructed as a Python object or executed;
an aliased value is read once and shared, so a "billion laughs" file costs nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from viewer.model.diagnostics import Diagnostic, Severity, one_line

# The base loaders resolve no implicit types: every plain scalar is tagged ``str``.
# libyaml's C parser is ~10x faster; the pure-Python one gives the same nodes.
_Loader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)

_TAG = "tag:yaml.org,2002:"
_PLAIN_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
_NULLS = {"", "~", "null", "Null", "NULL"}
MAX_DEPTH = 100


@dataclass(frozen=True, slots=True)
class Scalar:
    """Text (or ``None`` for null) at a 1-based line and column."""

    value: str | None
    line: int
    column: int
    refused: bool = False  # a value whose tag was refused; already reported, so read as absent


@dataclass(frozen=True, slots=True)
class Seq:
    items: tuple[Node, ...]
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class Map:
    """A mapping in file order: key text → (key scalar, value)."""

    entries: dict[str, tuple[Scalar, Node]]
    line: int
    column: int
    errors: int = 0  # errors found inside this mapping while reading it

    def get(self, key: str) -> Node | None:
        entry = self.entries.get(key)
        return entry[1] if entry else None


Node = Scalar | Seq | Map


class YamlFailure(Exception):
    """The file cannot be read as YAML at all; carries the diagnostic."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def decode(data: bytes) -> str:
    """UTF-8 text (BOM dropped); undecodable bytes raise :class:`YamlFailure` at their line."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        before = data[: err.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1:].decode("utf-8", "replace")) + 1
        raise YamlFailure(Diagnostic(
            Severity.ERROR, line, column,
            f"byte 0x{data[err.start]:02x} is not UTF-8 text",
            "save the file as UTF-8 in your editor")) from None


def parse(text: str) -> tuple[Node | None, list[Diagnostic]]:
    """The document's tree (``None`` for an empty file) and the errors found in it.

    A file that cannot be read as YAML at all raises :class:`YamlFailure`.
    """
    loader = _Loader(text)
    builder = _Builder(loader)
    try:
        root = builder.document()
    except yaml.MarkedYAMLError as err:
        raise YamlFailure(_syntax_diagnostic(err, text)) from None
    except yaml.reader.ReaderError as err:  # a character YAML does not allow, e.g. ESC
        raise YamlFailure(_character_diagnostic(err, text)) from None
    except yaml.YAMLError as err:
        raise YamlFailure(Diagnostic(Severity.ERROR, 1, 1, f"not valid YAML: {err}")) from None
    finally:
        loader.dispose()
    return root, builder.diagnostics


def _syntax_diagnostic(err: yaml.MarkedYAMLError, text: str) -> Diagnostic:
    """Where the construct that failed starts, when that is where the mistake is: a key
    missing its ':', an unclosed quote or flow collection is noticed only on a later line.
    A block collection's start is usually far from the line written wrong: that stays."""
    problem, context = err.problem or "not valid YAML", err.context or ""
    what = context.removeprefix("while scanning ").removeprefix("while parsing ")
    mark, message = err.problem_mark or err.context_mark, f"YAML syntax error: {problem}"
    if err.context_mark and (err.problem_mark is None or context.startswith(
            ("while scanning", "while parsing a flow"))):
        if err.problem_mark and err.problem_mark.line != err.context_mark.line:
            message += f" (in {what} that starts here; noticed at line " \
                       f"{err.problem_mark.line + 1})"
        mark = err.context_mark
    elif context.startswith("while ") and err.context_mark:
        message += f" (in {what} that starts at line {err.context_mark.line + 1})"
    elif context and err.context_mark:
        message += f" ({context} at line {err.context_mark.line + 1})"
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    hint = ""
    if "mapping values are not allowed" in problem:
        hint = "put text containing ': ' in quotes"
    elif _char_at(text, line, column) == "\t":
        hint = "indent with spaces, not tabs"
    elif "could not find expected ':'" in problem:
        hint = "each key needs a ':' after it"
    return Diagnostic(Severity.ERROR, line, column, message, hint)


def _character_diagnostic(err: yaml.reader.ReaderError, text: str) -> Diagnostic:
    at = err.position
    line, column = text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
    code = err.character if isinstance(err.character, int) else ord(str(err.character)[:1] or "?")
    char = one_line(chr(code))
    if char == chr(code):  # not a control character: U+FFFE and the like
        return Diagnostic(Severity.ERROR, line, column,
                          f"the character U+{code:04X} is not allowed in YAML", "remove it")
    return Diagnostic(Severity.ERROR, line, column,
                      f"the control character {char} is not allowed in YAML",
                      f"remove it, or write it as {char} in double quotes")


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n", line)
    return lines[line - 1][column - 1:column] if len(lines) >= line else ""


class _Builder:
    """The parser's events to values, as they come: no node graph of the whole file is ever
    held (PyYAML's nodes, with two marks each, cost about 3.5 KB per event). An anchored
    value is built once and shared by its aliases, so aliases cost nothing; errors are
    collected, and each mapping counts the errors inside it."""

    def __init__(self, loader: Any) -> None:
        self.events = loader
        self.diagnostics: list[Diagnostic] = []
        self.anchors: dict[str, Node | tuple[int, int]] = {}  # (line, column): being built

    def document(self) -> Node | None:
        events = self.events
        events.get_event()  # the stream's start
        if events.check_event(yaml.StreamEndEvent):
            return None
        start = events.get_event().start_mark
        root = self.node(0)
        events.get_event()  # the document's end
        if not events.check_event(yaml.StreamEndEvent):
            raise yaml.composer.ComposerError(
                "expected a single document in the stream", start,
                "but found another document", events.get_event().start_mark)
        return root

    def node(self, depth: int) -> Node:
        event = self.events.get_event()
        mark = event.start_mark
        line, column = mark.line + 1, mark.column + 1
        if isinstance(event, yaml.AliasEvent):
            known = self.anchors.get(event.anchor or "")
            if known is None:
                raise yaml.composer.ComposerError(
                    None, None, f"found undefined alias '{event.anchor}'", mark)
            if isinstance(known, tuple):
                raise YamlFailure(Diagnostic(Severity.ERROR, *known, "an alias refers to itself"))
            return known
        if depth > MAX_DEPTH:
            raise YamlFailure(Diagnostic(Severity.ERROR, line, column,
                                         f"values are nested more than {MAX_DEPTH} levels deep"))
        anchor = event.anchor
        if anchor is not None:
            if anchor in self.anchors:
                first = self.anchors[anchor]
                raise yaml.composer.ComposerError(None, None, (
                    f"the anchor '&{anchor}' is already defined at line "
                    f"{first[0] if isinstance(first, tuple) else first.line}"), mark)
            self.anchors[anchor] = (line, column)
        result = self.value(event, line, column, depth)
        if anchor is not None:
            self.anchors[anchor] = result
        return result

    def value(self, event: Any, line: int, column: int, depth: int) -> Node:
        kind = type(event)
        tag = event.tag
        if tag not in _TAGS_BY_KIND[kind] and tag not in (None, "!"):
            self._error(line, column, f"tag '{tag.replace(_TAG, '!!')}' is not allowed",
                        "only text, lists and mappings are read; nothing in the file is run")
            if kind is not yaml.ScalarEvent:  # read past it, reporting nothing inside
                errors_before = len(self.diagnostics)
                self.collection(kind, line, column, depth)
                del self.diagnostics[errors_before:]
            return Scalar(None, line, column, refused=True)
        if kind is yaml.ScalarEvent:
            is_null = event.style in (None, "") and event.value in _NULLS
            return Scalar(None if is_null else event.value, line, column)
        return self.collection(kind, line, column, depth)

    def collection(self, kind: type, line: int, column: int, depth: int) -> Node:
        events = self.events
        if kind is yaml.SequenceStartEvent:
            items = []
            while not events.check_event(yaml.SequenceEndEvent):
                items.append(self.node(depth + 1))
            events.get_event()
            return Seq(tuple(items), line, column)
        errors_before = len(self.diagnostics)
        entries: dict[str, tuple[Scalar, Node]] = {}
        while not events.check_event(yaml.MappingEndEvent):
            key = self.node(depth + 1)
            before_value = len(self.diagnostics)
            value = self.node(depth + 1)
            if not isinstance(key, Scalar) or key.value is None:
                del self.diagnostics[before_value:]  # the value of a broken key is not read
                self._error(key.line, key.column, "a key must be plain text",
                            "write keys as words followed by ':'")
            elif key.value in entries:
                del self.diagnostics[before_value:]
                first = entries[key.value][0]
                self._error(key.line, key.column,
                            f"duplicate key '{key.value}' (first written at line {first.line})",
                            "a YAML mapping keeps only one of them: remove or rename one")
            else:
                entries[key.value] = (key, value)
        events.get_event()
        return Map(entries, line, column, len(self.diagnostics) - errors_before)

    def _error(self, line: int, column: int, message: str, hint: str) -> None:
        self.diagnostics.append(Diagnostic(Severity.ERROR, line, column, message, hint))


_TAGS_BY_KIND: dict[type, set[str]] = {
    yaml.ScalarEvent: _PLAIN_TAGS,
    yaml.SequenceStartEvent: {_TAG + "seq"},
    yaml.MappingStartEvent: {_TAG + "map"},
}
