"""Bytes of a YAML file to a tree of plain values that remember where they were written.

One semantics, documented in FORMAT.md: every scalar is text (``NO`` stays ``"NO"``; the
fields that want numbers or dates read them from the text), except an empty value,
``~`` and ``null``, which are nothing. Duplicate keys and tags other than YAML's plain
ones are errors; nothing in the file is ever constructed as a Python object or executed;
an aliased value is read once and shared, so a "billion laughs" file costs nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from viewer.diagnostics import Diagnostic, Severity, one_line

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
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as err:
        raise YamlFailure(_syntax_diagnostic(err, text)) from None
    except yaml.reader.ReaderError as err:  # a character YAML does not allow, e.g. ESC
        raise YamlFailure(_character_diagnostic(err, text)) from None
    except yaml.YAMLError as err:
        raise YamlFailure(Diagnostic(Severity.ERROR, 1, 1, f"not valid YAML: {err}")) from None
    finally:
        loader.dispose()
    if root is None:
        return None, []
    converter = _Converter()
    return converter.convert(root), converter.diagnostics


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
    elif context and err.context_mark:
        message += f" (in {what} that starts at line {err.context_mark.line + 1})"
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


class _Converter:
    """Nodes to values. Aliased nodes are converted once and shared, so aliases cost nothing;
    errors are collected, and each mapping counts the errors inside it."""

    def __init__(self) -> None:
        self.diagnostics: list[Diagnostic] = []
        self.done: dict[int, Node] = {}
        self.active: set[int] = set()

    def convert(self, node: yaml.Node, depth: int = 0) -> Node:
        line, column = node.start_mark.line + 1, node.start_mark.column + 1
        known = self.done.get(id(node))
        if known is not None:
            return known
        if id(node) in self.active or depth > MAX_DEPTH:
            raise YamlFailure(Diagnostic(
                Severity.ERROR, line, column,
                "an alias refers to itself" if id(node) in self.active
                else f"values are nested more than {MAX_DEPTH} levels deep"))
        self.active.add(id(node))
        result = self._convert(node, line, column, depth)
        self.active.discard(id(node))
        self.done[id(node)] = result
        return result

    def _convert(self, node: yaml.Node, line: int, column: int, depth: int) -> Node:
        if node.tag not in _TAGS_BY_KIND[type(node)]:
            tag = node.tag.replace(_TAG, "!!")
            self._error(line, column, f"tag '{tag}' is not allowed",
                        "only text, lists and mappings are read; nothing in the file is run")
            return Scalar(None, line, column, refused=True)
        if isinstance(node, yaml.ScalarNode):
            is_null = node.style in (None, "") and node.value in _NULLS
            return Scalar(None if is_null else node.value, line, column)
        if isinstance(node, yaml.SequenceNode):
            return Seq(tuple(self.convert(item, depth + 1) for item in node.value), line, column)
        errors_before = len(self.diagnostics)
        entries: dict[str, tuple[Scalar, Node]] = {}
        for key_node, value_node in node.value:
            key = self.convert(key_node, depth + 1)
            if not isinstance(key, Scalar) or key.value is None:
                self._error(key.line, key.column, "a key must be plain text",
                            "write keys as words followed by ':'")
            elif key.value in entries:
                first = entries[key.value][0]
                self._error(key.line, key.column,
                            f"duplicate key '{key.value}' (first written at line {first.line})",
                            "a YAML mapping keeps only one of them: remove or rename one")
            else:
                entries[key.value] = (key, self.convert(value_node, depth + 1))
        return Map(entries, line, column, len(self.diagnostics) - errors_before)

    def _error(self, line: int, column: int, message: str, hint: str) -> None:
        self.diagnostics.append(Diagnostic(Severity.ERROR, line, column, message, hint))


_TAGS_BY_KIND: dict[type, set[str]] = {
    yaml.ScalarNode: _PLAIN_TAGS,
    yaml.SequenceNode: {_TAG + "seq"},
    yaml.MappingNode: {_TAG + "map"},
}
