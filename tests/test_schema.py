"""resources/events.schema.json agrees with the loader.

An editor with a YAML language server checks an events file against the JSON Schema as it is
typed; the loader (``--check``) remains the authority. These tests keep the two in step:

- every file the loader accepts without errors validates against the schema (a);
- every file the loader rejects for its structure is rejected by the schema (b);
- the warnings the schema flags too, the warnings it does not, the loader errors a schema
  cannot see, and the places where the loader is laxer than FORMAT.md are each listed.

A language server hands the schema typed values, not the loader's text, so every file is
checked as each of two readings of it (``READINGS``): YAML 1.2's core schema, the default of
yaml-language-server (``2018`` is a number, ``NO`` a string, ``2018-12-01`` a string), and
YAML 1.1 as PyYAML's ``safe_load`` reads it (``NO`` is a boolean and ``2018-12-01`` a date,
which JSON does not have: it is given to the schema as its ISO text).
"""

from __future__ import annotations

import ast
import datetime
import json
import re
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from tests.bench.generate import generate
from viewer.load.loader import (
    CATEGORY_KEYS,
    EVENT_KEYS,
    PERIOD_KEYS,
    SOURCE_KEYS,
    TOP_KEYS,
    LoadResult,
)
from viewer.load.reading import load_bytes

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_PATH = ROOT / "resources" / "events.schema.json"
SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
DEFS = SCHEMA["$defs"]
VALIDATOR = Draft202012Validator(SCHEMA)
BUNDLED = (ROOT / "events.yaml", ROOT / "resources" / "new-events.yaml")


# -- reading YAML as a language server does ---------------------------------------------------

class _Yaml12(yaml.SafeLoader):
    """YAML 1.2 core schema: only true/false are booleans, no timestamps, 0o/0x integers."""


_Yaml12.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in (
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", list("-+0123456789")),
    ("float", r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
              r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$", list("-+.0123456789")),
):
    _Yaml12.add_implicit_resolver(f"tag:yaml.org,2002:{_tag}", re.compile(_pattern), _first)


class _Yaml11(yaml.SafeLoader):
    """PyYAML's safe_load, except that a timestamp that is no real date (2018-02-30) stays
    text instead of raising, as a language server keeps it."""


def _timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_Yaml11.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


class Unreadable(Exception):
    """The text cannot be made into a JSON instance (a YAML error, a refused tag, a loop)."""


def _json(value: Any, depth: int = 0) -> Any:
    """PyYAML's values as JSON values: dates and times become their ISO text."""
    if depth > 100:
        raise Unreadable("nested too deep (or an alias loop)")
    if isinstance(value, dict):
        return {_key(k): _json(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list):
        return [_json(v, depth + 1) for v in value]
    if isinstance(value, datetime.date):  # datetime.datetime is a date too
        return value.isoformat()
    if value is None or isinstance(value, (str, int, float)):  # bool is an int
        return value
    raise Unreadable(f"no JSON value for {type(value).__name__}")


def _key(key: Any) -> str:
    """A mapping key as JSON's text (YAML 1.1 makes `no:` a boolean and `2018:` a number)."""
    if isinstance(key, bool):
        return "true" if key else "false"
    if isinstance(key, datetime.date):
        return key.isoformat()
    return "null" if key is None else str(key)


def _reader(loader: type[yaml.SafeLoader]) -> Callable[[str], Any]:
    def read(text: str) -> Any:
        try:
            return _json(yaml.load(text, Loader=loader))  # both loaders are SafeLoaders
        except yaml.YAMLError as err:
            raise Unreadable(str(err)) from None
    return read


READINGS = {"yaml-1.2": _reader(_Yaml12), "yaml-1.1": _reader(_Yaml11)}


def text_of(data: str | bytes) -> str:
    return data.decode("utf-8-sig") if isinstance(data, bytes) else data


def schema_errors(instance: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path)) or '(file)'}: {e.message}"
            for e in VALIDATOR.iter_errors(instance)]


def load(text: str) -> LoadResult:
    return load_bytes(text.encode("utf-8"))


def messages(result: LoadResult) -> list[str]:
    return [f"{d.severity.value} {d.line}:{d.column} {d.message}" for d in result.diagnostics]


# -- the schema itself ------------------------------------------------------------------------

def test_the_schema_is_a_valid_draft_2020_12_schema():
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$id"] and SCHEMA["title"] and SCHEMA["description"]


def _described(node: dict[str, Any], where: str, own: bool) -> list[str]:
    """Where a (sub)schema that an editor can show on hover has no description."""
    missing = []
    if "description" not in node and (own or "$ref" not in node):
        missing.append(where)
    for name, sub in node.get("properties", {}).items():
        missing += _described(sub, f"{where}/properties/{name}", own=True)
    for name, sub in node.get("$defs", {}).items():
        missing += _described(sub, f"{where}/$defs/{name}", own=True)
    for keyword in ("anyOf", "oneOf"):
        for i, sub in enumerate(node.get(keyword, [])):
            missing += _described(sub, f"{where}/{keyword}/{i}", own=False)
    for keyword in ("items", "additionalProperties"):
        if isinstance(node.get(keyword), dict):
            missing += _described(node[keyword], f"{where}/{keyword}", own=False)
    return missing


def test_every_property_and_definition_has_a_description():
    assert _described(SCHEMA, "#", own=True) == []


def test_the_schema_names_exactly_the_keys_the_loader_knows():
    assert set(SCHEMA["properties"]) == set(TOP_KEYS)
    assert set(DEFS["event"]["properties"]) == set(EVENT_KEYS)
    assert set(DEFS["period"]["properties"]) == set(PERIOD_KEYS)
    assert set(DEFS["categoryMapping"]["properties"]) == set(CATEGORY_KEYS)
    assert set(DEFS["sourceMapping"]["properties"]) == set(SOURCE_KEYS)


def test_only_keywords_that_draft_07_understands_too():
    """yaml-language-server validates with draft-07 semantics; these would be ignored there."""
    later = {"prefixItems", "dependentRequired", "dependentSchemas", "unevaluatedItems",
             "unevaluatedProperties", "$dynamicRef", "$dynamicAnchor", "$anchor", "contains",
             "minContains", "maxContains", "$recursiveRef"}
    # and a $ref is the only validation keyword of its object: draft-07 ignores its siblings
    annotations = {"$ref", "description", "markdownDescription", "examples", "$comment"}
    used: set[str] = set()

    def check(node: Any, names: bool = False) -> None:
        if isinstance(node, dict):
            if not names:  # the keys of properties and $defs are names, not keywords
                used.update(node)
                assert "$ref" not in node or set(node) <= annotations, node
            for key, value in node.items():
                if names or key not in ("examples", "defaultSnippets", "enum", "const"):
                    check(value, names=not names and key in ("properties", "$defs"))
        elif isinstance(node, list):
            for value in node:
                check(value)

    check(SCHEMA)
    assert used & later == set()


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_the_bundled_files_point_at_the_schema(path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    prefix = "# yaml-language-server: $schema="
    assert first.startswith(prefix)
    # yaml-language-server resolves a relative path from the directory of the YAML file
    assert (path.parent / first[len(prefix):]).resolve() == SCHEMA_PATH


# -- (a) what the loader accepts, the schema accepts ------------------------------------------

VALID = {
    "a bare list of events": """
        - title: A
          date: 2019
        - {title: B, start: 2020-05}
    """,
    "every event key": """
        title: Test chronology
        description: |
          A *test*.
        categories:
          trade: {label: Trade, colour: "#228833", description: Goods}
          diplomacy: "#47a"
        periods:
          - {title: Dispute, start: 2018-12, end: 2021, colour: "#ee6677", category: trade,
             description: A note}
        events:
          - id: arrest
            title: Arrest
            date: 2018-12-01
            end: 2018-12-11
            category: trade
            tags: [court, extradition]
            people:
              - Meng Wanzhou
            places: [Vancouver]
            summary: One line.
            description: |
              **Bold** text.
            sources:
              - https://example.com/a
              - {title: Report, url: "https://example.com/b", publisher: Paper, date: 2018-12-02}
              - A printed book, p. 4
            related: [release]
            importance: 5
          - {id: release, title: Release, date: Sept 24 2021, category: diplomacy}
    """,
    "category shorthands and colour spellings": """
        categories:
          trade: "#228833"
          short: "#47a"
          alpha: "#4477aacc"
          upper: "#EE6677"
          named: Diplomacy
          bare:
          spelt: {label: Spelt, color: "#abc"}
          blank: {label: Blank, colour: ""}
          nothing: {}
        events:
          - {title: A, date: 2019, category: named}
    """,
    "categories as a list of names": """
        categories: [trade, law]
        events:
          - {title: A, date: 2019, category: law}
    """,
    "start as the synonym of date": """
        events:
          - title: A
            start: 2018-12-01
            end: 2019
    """,
    "sources of every kind": """
        events:
          - title: A
            date: 2019
            sources:
              - https://example.com/a
              - mailto:someone@example.com
              - A printed book, p. 4
              - {title: Only a title}
              - {url: "https://example.com/only-url"}
              - {title: Report, url: "https://example.com/b", publisher: Paper, date: 12 May 2019}
              -
          - {title: B, date: 2019, sources: https://example.com/single}
          - {title: C, date: 2019, sources: {title: One mapping, publisher: Press}}
          - {title: D, date: 2019, sources: ~}
    """,
    "single values for lists": """
        events:
          - {id: a, title: A, date: 2019, tags: canola, people: Meng Wanzhou, places: Vancouver,
             related: b}
          - {id: b, title: B, date: 2020, tags: [~, trade], related: [a]}
    """,
    "extra keys of any shape": """
        events:
          - title: A
            date: 2019
            outcome: detained
            location_detail: {city: Vancouver, court: BC Supreme Court}
            witnesses: [a, b]
            flag: on
            code: 0x10
            count: 3
            when_reported: 2019-01-02
    """,
    "dates before year 1 and deep time": """
        events:
          - {title: Peloponnesian war, date: 431 BC, end: 404 BCE}
          - {title: A, date: AD 33}
          - {title: B, date: 33 CE}
          - {title: C, date: -0427}
          - {title: D, date: -0427-03-15}
          - {title: Big Bang, date: -13800000000}
          - {title: E, date: 0000}
    """,
    "approximate dates": """
        events:
          - {title: A, date: ~2019, end: circa 2021}
          - {title: B, date: c. 2019}
          - {title: C, date: ca. 2019-05}
          - {title: D, date: "~2019"}
    """,
    "instants and written forms": """
        events:
          - {title: A, date: 2026-01-14T21:30+08:00}
          - {title: B, date: 2026-01-14 21:30:05Z}
          - {title: C, date: 2026-01-14T21:30}
          - {title: D, date: 2026-01-14T21:30:05.5-05:00}
          - {title: E, date: 1 December 2018}
          - {title: F, date: "Dec 1, 2018"}
          - {title: G, date: "Jan. 14, 2026"}
          - {title: H, date: December 2018}
    """,
    "text that YAML 1.1 would make booleans and numbers": """
        title: 2026
        description: yes
        events:
          - {title: NO, date: 2018, summary: yes, id: 42, category: on}
          - {title: 1e3, date: 2019, description: 0x10}
          - {title: true, date: 2020, places: [no, off, 12]}
    """,
    "importance as a number or as quoted digits": """
        events:
          - {title: A, date: 2019, importance: 1}
          - {title: B, date: 2019, importance: 5}
          - {title: C, date: 2019, importance: "3"}
          - {title: D, date: 2019, importance: "+2"}
          - {title: E, date: 2019, importance: 04}
          - {title: F, date: 2019, importance: ""}
          - {title: G, date: 2019, importance: ~}
    """,
    "nulls mean not given": """
        title: ~
        description:
        categories: ~
        periods:
        events:
          - title: A
            date: 2019
            end: ~
            id:
            category: null
            tags:
            people: ~
            places:
            summary: null
            description:
            sources:
            related:
            importance:
    """,
    "an empty file": "",
    "only comments": "# nothing yet\n",
    "empty lists": "categories: {}\nperiods: []\nevents: []\n",
    "an empty bare list": "[]\n",
    "periods with every key": """
        categories:
          trade: "#228833"
        periods:
          - title: A
            start: 2018
            end: 2019-06
            color: "#abc"
            category: trade
            description: |
              A note.
          - {title: 2020, start: ~2020, end: 2021-01-14T09:30Z}
    """,
    "anchors and aliases": """
        categories:
          trade: {label: Trade, colour: &green "#228833"}
        periods:
          - {title: P, start: 2018, end: 2019, colour: *green}
        events:
          - &base {title: A, date: 2019, tags: [x]}
          - {title: B, date: 2020, tags: [x]}
    """,
    "a default view": """
        view: {from: 2017, to: 2026-02, lanes: category}
        events:
          - {title: A, date: 2019}
    """,
    "a default view with one bound": "view:\n  to: 427 BC\nevents: []\n",
    "block scalars and quoted text": """
        title: "Canada–China: relations"
        events:
          - title: 'Quoted: with a colon'
            date: "2019-05-02"
            summary: >
              Folded
              text.
            description: |
              Literal *Markdown*.
    """,
}


def _valid_cases() -> list[Any]:
    cases = [pytest.param(p.read_text(encoding="utf-8"), id=p.name) for p in BUNDLED]
    cases.append(pytest.param(generate(50), id="bench-generate-50"))
    cases += [pytest.param(textwrap.dedent(t).lstrip("\n"), id=k) for k, t in VALID.items()]
    return cases


@pytest.mark.parametrize("reading", READINGS)
@pytest.mark.parametrize("text", _valid_cases())
def test_a_file_the_loader_accepts_cleanly_validates(text, reading):
    result = load(text)
    assert result.timeline is not None and result.diagnostics == [], messages(result)
    assert schema_errors(READINGS[reading](text)) == []


# -- (b) what the loader rejects for its structure, the schema rejects ------------------------

BROKEN = {
    "an empty date": "- {title: A, date: ~}\n",
    "an empty start": "- title: A\n  start:\n",
    "the file is text": "just text\n",
    "the file is a number": "2018\n",
    "a bare list of text": "- Canada detains Meng\n- Release\n",
    "an event without a title": "events:\n  - date: 2019\n",
    "an event with an empty title": "events:\n  - {title: ~, date: 2019}\n",
    "an event without a date": "events:\n  - title: A\n",
    "an event with date and start": "events:\n  - {title: A, date: 2019, start: 2019}\n",
    "a title that is a mapping": "events:\n  - title: {a: b}\n    date: 2019\n",
    "a title that is a list": "events:\n  - title: [a, b]\n    date: 2019\n",
    "a date that is a list": "events:\n  - title: A\n    date: [2019]\n",
    "a date that is a mapping": "events:\n  - title: A\n    date: {year: 2019}\n",
    "a start that is a list": "events:\n  - title: A\n    start: [2019]\n",
    "an end that is a mapping": "events:\n  - {title: A, date: 2019, end: {year: 2020}}\n",
    "a blank date": "events:\n  - {title: A, date: ' '}\n",
    "a date that is true": "events:\n  - {title: A, date: true}\n",
    "events that are a mapping": "events:\n  arrest: {title: A, date: 2019}\n",
    "events that are text": "events: none yet\n",
    "an event that is text": "events:\n  - Canada detains Meng\n",
    "an event that is a list": "events:\n  - [A, 2019]\n",
    "an empty event item": "events:\n  -\n  - {title: A, date: 2019}\n",
    "tags as a mapping": "events:\n  - title: A\n    date: 2019\n    tags: {a: b}\n",
    "people as a mapping": "events:\n  - {title: A, date: 2019, people: {name: Meng}}\n",
    "related as a mapping": "events:\n  - {title: A, date: 2019, related: {id: b}}\n",
    "a tag that is a mapping": "events:\n  - {title: A, date: 2019, tags: [{a: b}]}\n",
    "a place that is a list": "events:\n  - {title: A, date: 2019, places: [[a, b]]}\n",
    "a source that is a list": "events:\n  - {title: A, date: 2019, sources: [[a, b]]}\n",
    "a source title that is a list": (
        "events:\n  - {title: A, date: 2019, sources: [{title: [x], url: 'https://a.b'}]}\n"),
    "importance as a word": "events:\n  - {title: A, date: 2019, importance: high}\n",
    "importance as quoted words": "events:\n  - {title: A, date: 2019, importance: 'three'}\n",
    "importance as a list": "events:\n  - {title: A, date: 2019, importance: [3]}\n",
    "an id that is a list": "events:\n  - {title: A, date: 2019, id: [a]}\n",
    "a category that is a list": "events:\n  - {title: A, date: 2019, category: [a, b]}\n",
    "a summary that is a mapping": "events:\n  - {title: A, date: 2019, summary: {a: b}}\n",
    "a description that is a list": "events:\n  - {title: A, date: 2019, description: [a]}\n",
    "categories that are text": "categories: trade\n",
    "categories as a list of mappings": "categories:\n  - {trade: '#228833'}\n",
    "a category that is a list of colours": "categories:\n  trade: ['#228833']\n",
    "a category label that is a list": "categories:\n  trade: {label: [Trade]}\n",
    "a category colour that is a list": "categories:\n  trade: {colour: ['#228833']}\n",
    "periods that are a mapping": "periods:\n  dispute: {title: P, start: 2018, end: 2019}\n",
    "a period that is text": "periods:\n  - Dispute\n",
    "a period without a start": "periods:\n  - {title: P, end: 2019}\n",
    "a period without an end": "periods:\n  - {title: P, start: 2018}\n",
    "a period without a title": "periods:\n  - {start: 2018, end: 2019}\n",
    "a period title that is a list": "periods:\n  - {title: [P], start: 2018, end: 2019}\n",
    "a period colour that is a list": (
        "periods:\n  - {title: P, start: 2018, end: 2019, colour: ['#ee6677']}\n"),
    "a period start that is a mapping": "periods:\n  - {title: P, start: {y: 2018}, end: 2019}\n",
    "a file title that is a list": "title: [a, b]\nevents: []\n",
    "a view that is a list": "view: [2017, 2026]\n",
    "a view date that is a list": "view: {from: [2017]}\n",
    "a file description that is a mapping": "description: {a: b}\nevents: []\n",
}


@pytest.mark.parametrize("reading", READINGS)
@pytest.mark.parametrize(("name", "text"), BROKEN.items(), ids=list(BROKEN))
def test_a_file_the_loader_rejects_for_its_structure_is_rejected(name, text, reading):
    result = load(text)
    assert result.errors, f"{name}: the loader accepts it"
    assert schema_errors(READINGS[reading](text)), f"{name}: the schema accepts it"


# -- warnings ---------------------------------------------------------------------------------

# The loader warns and ignores what was written: the schema flags these too, so the editor
# shows them. (A misspelt top-level key is the costly one: `evnts:` loses every event.)
FLAGGED_WARNINGS = {
    "an unknown top-level key": "titel: My timeline\nevents: []\n",
    "a misspelt 'events'": "evnts:\n  - {title: A, date: 2019}\n",
    "an unknown key in a period": "periods:\n  - {title: P, start: 2018, end: 2019, ned: 2020}\n",
    "an unknown key in a category": "categories:\n  trade: {label: Trade, colur: '#228833'}\n",
    "an unknown key in a source": (
        "events:\n  - {title: A, date: 2019, sources: [{title: T, link: 'https://a.b'}]}\n"),
    "a category colour that is not a colour": "categories:\n  trade: {colour: green}\n",
    "a period colour that is not a colour": (
        "periods:\n  - {title: P, start: 2018, end: 2019, colour: '#12345'}\n"),
    "a colour written as a number": "categories:\n  trade: {colour: 123456}\n",
    "a source with neither title nor url": (
        "events:\n  - {title: A, date: 2019, sources: [{publisher: Press}]}\n"),
}

# The loader warns but keeps the value, or the problem needs the whole file to see: the schema
# accepts these (it cannot check that a category or an id exists).
UNFLAGGED_WARNINGS = {
    "an unknown key in an event (kept as an extra)": "- {title: A, date: 2019, sumary: x}\n",
    "an unknown category": "categories: {trade: '#228833'}\nevents:\n"
                           "  - {title: A, date: 2019, category: trad}\n",
    "a related id that does not exist": "- {title: A, date: 2019, related: [b]}\n",
    "a link that is not http, https or mailto": (
        "- {title: A, date: 2019, sources: ['javascript:alert(1)']}\n"),
    "a source url that is not a link": "- {title: A, date: 2019, sources: [{title: T, url: x}]}\n",
}


@pytest.mark.parametrize("reading", READINGS)
@pytest.mark.parametrize("text", FLAGGED_WARNINGS.values(), ids=list(FLAGGED_WARNINGS))
def test_a_warning_about_an_ignored_value_is_flagged_by_the_schema(text, reading):
    result = load(text)
    assert result.errors == [] and result.warnings, messages(result)
    assert schema_errors(READINGS[reading](text))


@pytest.mark.parametrize("reading", READINGS)
@pytest.mark.parametrize("text", UNFLAGGED_WARNINGS.values(), ids=list(UNFLAGGED_WARNINGS))
def test_a_warning_about_a_kept_value_is_not_flagged_by_the_schema(text, reading):
    result = load(text)
    assert result.errors == [] and result.warnings, messages(result)
    assert schema_errors(READINGS[reading](text)) == []


@pytest.mark.parametrize("colour", ["#4477aa", "#4477AA", "#47a", "#4477aacc", "#4477a", "#44",
                                    "4477aa", "green", "#ggg", "#4477aa ", "rgb(1, 2, 3)", ""])
def test_the_colour_pattern_is_the_loaders(colour):
    text = f"categories:\n  trade: {{label: Trade, colour: '{colour}'}}\n"
    warned = bool(load(text).warnings)
    for read in READINGS.values():
        assert bool(schema_errors(read(text))) == warned


@pytest.mark.parametrize("importance", ["'1'", "'5'", "'+3'", "' 2 '", "'03'", "''", "1", "5",
                                        "03", "+4", "'high'", "'3.0'", "'0x3'", "'1 2'",
                                        "three", "[3]", "{n: 3}"])
def test_importance_is_read_as_the_loader_reads_it(importance):
    text = f"- {{title: A, date: 2019, importance: {importance}}}\n"
    rejected = bool(load(text).errors)
    for read in READINGS.values():
        assert bool(schema_errors(read(text))) == rejected


# -- the boundary: loader errors no schema can see --------------------------------------------

# The loader rejects these; the schema accepts them (or no JSON instance exists at all: a
# language server reports YAML errors and unknown tags itself). `--check` catches them.
NOT_STRUCTURAL = {
    "an impossible day": "- {title: A, date: 2018-02-30}\n",
    "month 13": "- {title: A, date: 2018-13}\n",
    "a date with no year": "- {title: A, date: Dec 1}\n",
    "a two-digit year": "- {title: A, date: 'Dec 1, 18'}\n",
    "year 0 BC": "- {title: A, date: 0 BC}\n",
    "a time that does not exist": "- {title: A, date: 2019-01-01T25:00}\n",
    "an unreadable date": "- {title: A, date: someday}\n",
    "an end before the start": "- {title: A, date: 2019, end: 2018}\n",
    "a period that ends before it starts": "periods:\n  - {title: P, start: 2019, end: 2018}\n",
    "duplicate ids": "- {id: a, title: A, date: 2019}\n- {id: a, title: B, date: 2020}\n",
    "duplicate keys": "- {title: A, title: B, date: 2019}\n",
    "a key that is null": "- {title: A, date: 2019, ~: x}\n",
    "importance written as a decimal (a number to a language server)": (
        "- {title: A, date: 2019, importance: 3.0}\n"),
    "importance written in hex (a number to a language server)": (
        "- {title: A, date: 2019, importance: 0x3}\n"),
    "a refused tag": "- {title: !!python/object/apply:os.system [ls], date: 2019}\n",
    "an unknown tag": "- {title: !secret A, date: 2019}\n",
    "a YAML syntax error": "- title: A: B\n  date: 2019\n",
    "an alias that refers to itself": "events: &e\n  - *e\n",
    "a line break in a link": '- {title: A, date: 2019, sources: ["https://a.org/\\r\\nx"]}\n',
}


@pytest.mark.parametrize("text", NOT_STRUCTURAL.values(), ids=list(NOT_STRUCTURAL))
def test_what_only_the_loader_catches(text):
    assert load(text).errors
    for read in READINGS.values():
        try:
            instance = read(text)
        except Unreadable:
            continue  # the language server reports it as YAML, before any schema
        assert schema_errors(instance) == []


# What FORMAT.md forbids beyond its types: the schema and the loader both reject it.
BEYOND_TYPES = {
    "importance 9": "- {title: A, date: 2019, importance: 9}\n",
    "importance 0": "- {title: A, date: 2019, importance: 0}\n",
    "importance -1": "- {title: A, date: 2019, importance: '-1'}\n",
    "a period with an empty start": "periods:\n  - {title: P, start: ~, end: 2019}\n",
    "a period with an empty end": "periods:\n  - title: P\n    start: 2018\n    end:\n",
    "lanes not one of the five": "view: {lanes: tags}\n",
}


@pytest.mark.parametrize("reading", READINGS)
@pytest.mark.parametrize("text", BEYOND_TYPES.values(), ids=list(BEYOND_TYPES))
def test_the_schema_rejects_what_format_md_forbids(text, reading):
    assert schema_errors(READINGS[reading](text))


@pytest.mark.parametrize("text", BEYOND_TYPES.values(), ids=list(BEYOND_TYPES))
def test_the_loader_reports_what_format_md_forbids(text):
    assert load(text).errors, messages(load(text))


# -- every events snippet in the test suite ---------------------------------------------------

STRUCTURAL, OTHER, FLAGGED, UNFLAGGED = "structural", "other", "flagged", "unflagged"
_YAML_NUMBER = re.compile(r"^[-+]?(?:0x[0-9a-fA-F]+|0o[0-7]+|(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)"
                          r"(?:[eE][-+]?[0-9]+)?)$")
_KINDS: list[tuple[str, str]] = [  # (kind, message pattern) for every diagnostic of YAML files
    (STRUCTURAL, r"the file should be a mapping"),
    (STRUCTURAL, r"'\w+' should be text, not a "),
    (STRUCTURAL, r"'\w+' should be a list, not a mapping"),
    (STRUCTURAL, r"each item of '\w+' should be text"),
    (STRUCTURAL, r"'\w+' should be a date, not a "),
    (STRUCTURAL, r"'categories' should be a mapping"),
    (STRUCTURAL, r"category '.*' should be a mapping"),
    (STRUCTURAL, r"a period should be a mapping"),
    (STRUCTURAL, r"period '.*' has no '(start|end)'"),
    (STRUCTURAL, r"'\w+' should be a list, one '- ' item"),
    (STRUCTURAL, r"an event should be a mapping"),
    (STRUCTURAL, r"'title' is missing"),
    (STRUCTURAL, r"event '.*' has no 'date'"),
    (STRUCTURAL, r"the '(date|start)' of event '.*' is empty"),
    (STRUCTURAL, r"an event has both 'date' and 'start'"),
    (STRUCTURAL, r"a source should be a link or a mapping"),
    (STRUCTURAL, r"'view' should be a mapping"),
    (STRUCTURAL, r"lanes '.*' is not one of "),
    (STRUCTURAL, r"importance '.*' should be a whole number"),  # unless a number: below
    (STRUCTURAL, r"importance -?[0-9]+ is out of range"),
    (STRUCTURAL, r"the '(start|end)' of period '.*' is empty"),
    (OTHER, r"invalid (date|start|end|view '(from|to)'): "),
    (OTHER, r"the (event|period|view) ends .*before it starts"),
    (OTHER, r"duplicate (id|key) '"),
    (OTHER, r"tag '.*' is not allowed"),
    (OTHER, r"a key must be plain text"),
    (OTHER, r"link '.*' holds a control character$"),
    (OTHER, r"YAML syntax error|not valid YAML|byte 0x.. is not UTF-8|an alias refers to itself"
            r"|values are nested more than|the (control )?character .* is not allowed in YAML"),
    (FLAGGED, r"unknown key '.*' (at the top of the file|in a period|in category '.*'"
              r"|in a source|in 'view')$"),
    (FLAGGED, r"'.*' is not a colour$"),
    (FLAGGED, r"a source needs a 'title' or a 'url'$"),
    (UNFLAGGED, r"unknown key '.*' in an event$"),
    (UNFLAGGED, r"unknown category '"),
    (UNFLAGGED, r"related id '.*' does not exist"),
    (UNFLAGGED, r"link '.*' is not http, https or mailto"),
    (UNFLAGGED, r"mail link '.*' attaches a file"),
    (UNFLAGGED, r"'.*' is not a link$"),
    (UNFLAGGED, r"the value of '.*' is (too large|nested more).*only its start is kept$"),
]


def kind_of(message: str) -> str:
    number = re.match(r"importance '(.*)' should be a whole number", message)
    if number and _YAML_NUMBER.match(number.group(1).strip()):
        return OTHER  # 3.0 or 0x3: a language server hands the schema the number 3
    for kind, pattern in _KINDS:
        if re.match(pattern, message):
            return kind
    raise AssertionError(f"classify this loader message in tests/test_schema.py: {message!r}")


def _snippets() -> list[Any]:
    """Every string in the test suite that looks like an events file, with where it is."""
    words = ("title", "events", "date", "categories", "periods")
    found: dict[str, str] = {}
    for path in sorted((ROOT / "tests").rglob("*.py")):
        if path.name == "test_schema.py":  # its own lists are checked above, xfails and all
            continue
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
        except (SyntaxError, UnicodeDecodeError):  # a file being edited: not ours to judge
            continue
        fragments = {id(side) for op in ast.walk(tree) if isinstance(op, ast.BinOp)
                     for side in (op.left, op.right)}  # b"date: " + b"9" * 400: not a file
        for node in ast.walk(tree):
            if (not isinstance(node, ast.Constant) or not isinstance(node.value, (str, bytes))
                    or id(node) in fragments):
                continue
            try:
                text = text_of(node.value)
            except UnicodeDecodeError:
                continue
            text = textwrap.dedent(text).lstrip("\n")
            if ":" in text and any(w in text for w in words):
                found.setdefault(text, f"{path.relative_to(ROOT)}:{node.lineno}")
    return [pytest.param(text, id=where) for text, where in found.items()]


@pytest.mark.parametrize("text", _snippets())
def test_every_snippet_in_the_test_suite_agrees(text):
    result = load(text)
    kinds = {kind_of(d.message) for d in result.diagnostics}
    if STRUCTURAL in kinds or (FLAGGED in kinds and OTHER not in kinds):
        for read in READINGS.values():
            try:
                instance = read(text)
            except Unreadable:
                continue
            assert schema_errors(instance), messages(result)
    elif kinds <= {UNFLAGGED}:
        for read in READINGS.values():
            assert schema_errors(read(text)) == [], messages(result)
    # else: only errors a schema cannot see (dates, duplicates, syntax): no claim either way


def test_the_suite_has_snippets_of_every_kind():
    kinds = {kind_of(d.message) for p in _snippets() for d in load(p.values[0]).diagnostics}
    assert kinds == {STRUCTURAL, OTHER, FLAGGED, UNFLAGGED}
