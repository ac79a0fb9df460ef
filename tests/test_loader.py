"""The loader builds what it can and names the line and column of everything it cannot."""

import textwrap
import tracemalloc

import pytest

from viewer.load.loader import derive_id
from viewer.load.reading import load_bytes
from viewer.load.yamltree import Map, parse
from viewer.model.dates import parse_date


def load(text: str):
    return load_bytes(textwrap.dedent(text).lstrip("\n").encode("utf-8"))


def only(result):
    """The single diagnostic as (severity, line, column, message)."""
    assert len(result.diagnostics) == 1, [d.message for d in result.diagnostics]
    d = result.diagnostics[0]
    return d.severity.value, d.line, d.column, d.message


RICH = """
title: Test chronology
description: A *test*.
categories:
  trade: {label: Trade, colour: "#228833"}
  diplomacy: "#47a"
periods:
  - title: Dispute
    start: 2018-12
    end: 2021
    colour: "#ee6677"
    category: trade
events:
  - id: arrest
    title: Arrest
    date: 2018-12-01
    end: 2018-12-11
    category: trade
    tags: [court, extradition]
    people: [Meng Wanzhou]
    places: Vancouver
    summary: One line.
    description: |
      **Bold** text.
    sources:
      - https://example.com/a
      - {title: Report, url: "https://example.com/b", publisher: Paper, date: 2018-12-02}
      - A printed book, p. 4
    related: [release]
    importance: 5
    outcome: detained
  - id: release
    title: Release
    start: Sept 24, 2021
    category: diplomacy
"""


def test_a_rich_file_loads_every_field():
    result = load(RICH)
    assert result.diagnostics == []
    tl = result.timeline
    assert tl.title == "Test chronology"
    assert [c.name for c in tl.categories] == ["trade", "diplomacy"]
    assert tl.categories[1].colour == "#4477aa"
    assert tl.periods[0].title == "Dispute" and tl.periods[0].colour == "#ee6677"
    arrest, release = tl.events
    assert arrest.is_range and arrest.tags == ("court", "extradition")
    assert arrest.places == ("Vancouver",)
    assert arrest.description == "**Bold** text.\n"
    assert [s.title for s in arrest.sources] == [
        "https://example.com/a", "Report", "A printed book, p. 4"]
    assert arrest.sources[1].publisher == "Paper" and arrest.sources[1].safe_url
    assert not arrest.sources[2].safe_url and arrest.sources[2].url == ""
    assert arrest.related == ("release",) and arrest.importance == 5
    assert arrest.extra == (("outcome", "detained"),)
    assert release.start.display() == "24 September 2021"


def test_free_text_never_becomes_a_boolean_or_number():
    result = load("""
        events:
          - title: NO
            date: 2018
            summary: yes
            flag: on
            code: 0x10
    """)
    ev = result.timeline.events[0]
    assert ev.title == "NO" and ev.summary == "yes"
    assert ev.extra == (("flag", "on"), ("code", "0x10"))


def test_events_are_sorted_and_ids_derived_stably():
    result = load("""
        events:
          - {title: Later one, date: 2020}
          - {title: Early one, date: 2019-05-02}
          - {title: Early one, date: 2019-05-02}
    """)
    assert [e.id for e in result.timeline.events] == [
        "2019-05-02-early-one", "2019-05-02-early-one-2", "2020-later-one"]


@pytest.mark.parametrize(
    ("yaml", "expected"),
    [
        ("events:\n  - title: A\n    date: 2018-13\n",
         ("error", 3, 11, "invalid date: month 13 does not exist")),
        ("events:\n  - date: 2018\n",
         ("error", 2, 5, "'title' is missing")),
        ("events:\n  - title: A\n",
         ("error", 2, 5, "event 'A' has no 'date'")),
        ("events:\n  - title: A\n    date: 2019\n    end: 2018\n",
         ("error", 4, 10, "the event ends (2018) before it starts (2019)")),
        ("events:\n  - title: [a, b]\n    date: 2019\n",
         ("error", 2, 12, "'title' should be text, not a list")),
        ("events:\n  - title: A\n    date: 2019\n    importance: high\n",
         ("error", 4, 17, "importance 'high' should be a whole number")),
        ("events:\n  - title: A\n    title: B\n    date: 2019\n",
         ("error", 3, 5, "duplicate key 'title' (first written at line 2)")),
        ("events:\n  - title: !!python/object/apply:os.system [ls]\n    date: 2019\n",
         ("error", 2, 12, "tag '!!python/object/apply:os.system' is not allowed")),
        ("events:\n  - title: A\n    date: 2019\n    tags: {a: b}\n",
         ("error", 4, 11, "'tags' should be a list, not a mapping")),
        ("events:\n  - title: A\n    date: 2019\n    titel: x\n",
         ("warning", 4, 5, "unknown key 'titel' in an event")),
        ("events:\n  - title: A\n    date: 2019\n    sources: ['javascript:alert(1)']\n",
         ("warning", 4, 15, "link 'javascript:alert(1)' is not http, https or mailto")),
        ("events:\n  - title: A\n    date: 2019\n    related: [b]\n",
         ("warning", 4, 15, "related id 'b' does not exist")),
        ("categories: {trade: '#123456'}\nevents:\n  - {title: A, date: 2019, category: trad}\n",
         ("warning", 3, 38, "unknown category 'trad'")),
        ("titel: x\n", ("warning", 1, 1, "unknown key 'titel' at the top of the file")),
        ("events:\n  - {id: a, title: A, date: 2019}\n  - {id: a, title: B, date: 2020}\n",
         ("error", 3, 10, "duplicate id 'a' (first used at line 2)")),
        ("events:\n  - title: A\n    date: [2019]\n",
         ("error", 3, 11, "'date' should be a date, not a list")),
        ("events:\n  - title: A\n    date: 2019\n    start: 2018\n",
         ("error", 4, 5, "an event has both 'date' and 'start'")),
        ("periods:\n  - {title: P, start: 2019, end: 2018}\n",
         ("error", 2, 34, "the period ends before it starts")),
        ("events:\n  - title: A\n    date: 2019\n    importance: 9\n",
         ("error", 4, 17, "importance 9 is out of range")),
        ("periods:\n  - {title: P, start: ~, end: 2019}\n",
         ("error", 2, 16, "the 'start' of period 'P' is empty")),
        ("periods:\n  - title: P\n    start: 2018\n    end:\n",
         ("error", 4, 5, "the 'end' of period 'P' is empty")),
    ],
)
def test_each_problem_is_reported_at_its_value(yaml, expected):
    result = load_bytes(yaml.encode())
    severity, line, column, message = only(result)
    assert (severity, line, column) == expected[:3]
    assert message.startswith(expected[3])


def test_hints_suggest_the_right_key():
    result = load("events:\n  - title: A\n    date: 2019\n    sumary: x\n")
    assert result.diagnostics[0].hint == "did you mean 'summary'?"


def test_valid_events_load_beside_broken_ones():
    result = load("""
        events:
          - {title: Good, date: 2019}
          - {title: Bad, date: 2019-02-30}
          - {title: Also good, date: 2020}
    """)
    assert [e.title for e in result.timeline.events] == ["Good", "Also good"]
    assert len(result.errors) == 1


def test_a_syntax_error_yields_no_timeline_and_names_the_place():
    result = load_bytes(b"events:\n  - title: A: B\n    date: 2019\n")
    assert result.timeline is None
    severity, line, column, message = only(result)
    assert (severity, line, column) == ("error", 2, 13)
    assert message.startswith("YAML syntax error")
    assert "quotes" in result.diagnostics[0].hint


def test_tabs_get_a_hint():
    result = load_bytes(b"events:\n\t- title: A\n")
    assert result.timeline is None
    assert result.diagnostics[0].line == 2
    assert "tabs" in result.diagnostics[0].hint


def test_undecodable_bytes_name_their_line():
    result = load_bytes(b"title: ok\nevents:\n  - title: caf\xe9\n    date: 2019\n")
    severity, line, column, message = only(result)
    assert (severity, line, column) == ("error", 3, 15)
    assert "not UTF-8" in message


def test_bom_and_crlf_are_fine():
    result = load_bytes(b"\xef\xbb\xbfevents:\r\n  - title: A\r\n    date: 2019\r\n")
    assert result.diagnostics == [] and result.timeline.events[0].title == "A"


def test_aliases_are_shared_not_expanded():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 30):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    result = load_bytes(("\n".join(lines) + "\nevents: []\n").encode())
    assert result.timeline is not None  # 10**30 values if expanded; instant when shared


def test_a_self_referencing_alias_is_an_error():
    result = load_bytes(b"events: &e\n  - *e\n")
    assert result.timeline is None and "refers to itself" in result.diagnostics[0].message


def test_empty_file_is_an_empty_timeline():
    result = load_bytes(b"")
    assert result.diagnostics == [] and result.timeline.events == ()


def test_a_bare_list_of_events_is_accepted():
    result = load_bytes(b"- {title: A, date: 2019}\n")
    assert [e.title for e in result.timeline.events] == ["A"]


def test_a_scalar_file_is_an_error():
    result = load_bytes(b"just text\n")
    assert result.timeline is None and result.diagnostics[0].line == 1


def test_null_values_mean_not_given():
    result = load_bytes(b"events:\n  - title: A\n    date: 2019\n    end: ~\n    summary: null\n")
    assert result.diagnostics == []
    event = result.timeline.events[0]
    assert event.end is None and event.summary == ""


def test_an_absurdly_long_year_is_an_error_not_a_crash():
    result = load_bytes(b"events:\n  - title: A\n    date: " + b"9" * 400 + b"\n")
    assert result.diagnostics[0].message == ("invalid date: year out of range "
                                             "(400 digits; at most 15)")


@pytest.mark.parametrize("text", ["events:\n  - title: A\n    date:\n",
                                  "events:\n  - title: A\n    date: ~\n",
                                  "events:\n  - {title: A, start: }\n"])
def test_an_empty_date_is_an_error_at_its_key_not_a_crash(text):
    result = load_bytes(text.encode())
    assert result.timeline is not None and result.timeline.events == ()
    assert [d.message for d in result.errors] == [
        f"the '{'start' if 'start' in text else 'date'}' of event 'A' is empty"]


@pytest.mark.parametrize(("written", "shown"), [
    (r"\r\nEND:VEVENT", r"\r\nEND:VEVENT"), (r"\tb", r"\tb"), (r"\x7f", r"\x7f"),
    (r"\x85", r"\x85"), (r"\x9b", r"\x9b"), (r"\0", r"\x00"), (r"\x1b[31m", r"\x1b[31m")])
@pytest.mark.parametrize("form", ["sources: ['{url}']", "sources: [{{title: T, url: '{url}'}}]",
                                  "sources:\n      - url: '{url}'\n        title: T"])
def test_a_link_with_a_control_character_is_an_error_at_the_link(form, written, shown):
    yaml = ("events:\n  - title: A\n    date: 2019\n    "
            + form.format(url=f"https://example.org/a{written}/z").replace("'", '"') + "\n")
    result = load_bytes(yaml.encode())
    severity, line, column, message = only(result)
    url_at = yaml.index('"https')
    assert (severity, line) == ("error", yaml.count("\n", 0, url_at) + 1)
    assert column == url_at - yaml.rfind("\n", 0, url_at)
    assert message == f"link 'https://example.org/a{shown}/z' holds a control character"
    assert "\n" not in message + result.diagnostics[0].hint
    assert result.timeline is not None and result.timeline.events == ()  # left out until fixed


def test_a_citation_or_a_link_with_spaces_around_it_is_no_error():
    result = load_bytes(b'events:\n  - title: A\n    date: 2019\n    sources: ["See p.\\t4",'
                        b' {title: T, url: "\\thttps://example.org/a\\n"}]\n')
    assert result.diagnostics == []
    assert [s.url for s in result.timeline.events[0].sources] == ["", "https://example.org/a"]


def test_a_url_with_a_control_character_is_an_error_even_without_a_scheme_or_title():
    result = load_bytes(b'events:\n  - title: A\n    date: 2019\n    sources:\n'
                        b'      - url: "example.org/\\r\\nx"\n')
    assert only(result) == ("error", 5, 14, "link 'example.org/\\r\\nx' holds a control character")


def test_a_long_importance_is_shown_cut_short_on_its_one_line():
    result = load_bytes(b"events:\n  - title: A\n    date: 2019\n    importance: "
                        + b"x" * 100_000 + b"\n")
    assert [(d.line, d.column, d.message) for d in result.diagnostics] == [
        (4, 17, f"importance '{'x' * 39}…' should be a whole number")]


def _laughs(levels: int = 9) -> str:
    """A "billion laughs": 10**levels copies of 'lol' when expanded."""
    lines = ["lol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"lol{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 10) + "]"
              for i in range(1, levels)]
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_in_an_unknown_key_is_cut_short_with_a_warning_at_the_key():
    text = _laughs() + "events:\n  - title: A\n    date: 2019\n    chorus: *l8\n"
    result = load_bytes(text.encode())  # 10**9 copies if expanded: it would never finish
    (warning,) = [d for d in result.diagnostics if "'chorus'" in d.message]
    assert (warning.severity.value, warning.line, warning.column) == ("warning", 13, 5)
    assert warning.message == ("the value of 'chorus' is too large to keep whole "
                               "(more than 100,000 characters): only its start is kept")
    (event,) = result.timeline.events
    key, value = event.extra[0]
    assert key == "chorus" and value.startswith("lol, lol, ") and len(value) <= 100_000


def test_a_deep_alias_chain_in_an_unknown_key_is_cut_at_a_depth_with_a_warning():
    lines = ["c0: &c0 deep"] + [f"c{i}: &c{i} [*c{i - 1}]" for i in range(1, 400)]
    text = "\n".join(lines) + "\nevents:\n  - title: A\n    date: 2019\n    chain: *c399\n"
    result = load_bytes(text.encode())  # RecursionError when each level was a call
    (warning,) = [d for d in result.diagnostics if "'chain'" in d.message]
    assert (warning.line, warning.column) == (404, 5)
    assert warning.message == ("the value of 'chain' is nested more than 20 levels deep: "
                               "only its start is kept")
    assert result.timeline.events[0].extra[0][0] == "chain"


def test_a_bomb_shared_by_many_events_stays_bounded_for_the_whole_file():
    events = "".join(f"  - {{title: E{i}, date: 2019, chorus: *l8}}\n" for i in range(300))
    result = load_bytes((_laughs() + "events:\n" + events).encode())
    assert len(result.timeline.events) == 300
    kept = sum(len(value) for e in result.timeline.events for _, value in e.extra)
    assert kept < 5_000_000  # 300 values of 100,000 characters each were 30 million
    cut = [d for d in result.diagnostics if "'chorus'" in d.message]
    assert cut and all(d.message.startswith("the value of 'chorus' is too large") for d in cut)


def test_many_events_with_one_date_and_title_get_numbered_ids_in_linear_time():
    events = "".join("  - {title: Same, date: 2019-05-01}\n" for _ in range(20_000))
    result = load_bytes(("events:\n  - {id: 2019-05-01-same-3, title: Mine, date: 2019}\n"
                         + events).encode())  # each id tried every number from 2: 30 s
    ids = [e.id for e in result.timeline.events]
    assert len(set(ids)) == len(ids) == 20_001
    same = [e.id for e in result.timeline.events if e.title == "Same"]
    assert same[:4] == ["2019-05-01-same", "2019-05-01-same-2", "2019-05-01-same-4",
                        "2019-05-01-same-5"]
    assert same[-1] == "2019-05-01-same-20001"


def test_deriving_the_same_id_again_tries_one_candidate_not_every_number_since_2():
    class Counting(set):
        tried = 0

        def __contains__(self, item):
            Counting.tried += 1
            return super().__contains__(item)

    taken, suffixes = Counting(), {}
    ids = [derive_id(parse_date("2019"), "Same", taken, suffixes) for _ in range(1_000)]
    assert ids[:3] == ["2019-same", "2019-same-2", "2019-same-3"] and len(set(ids)) == 1_000
    assert Counting.tried < 3_000  # half a million when each started again from 2


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\x7f", "\x85", "\u2028"])
def test_every_diagnostic_is_one_line_whatever_the_value_holds(char):
    text = f'events:\n  - title: A\n    date: "2019{char}x"\n    "ti{char}tle": B\n'
    result = load_bytes(text.encode())
    assert result.diagnostics
    for d in result.diagnostics:
        assert len(d.format("f").splitlines()) == 1 and char not in d.format("f")


@pytest.mark.parametrize(("text", "where", "words"), [
    ("events:\n  - title: A\n    date 2019\n    end: 2020\n", (3, 5),
     "could not find expected ':' (in a simple key that starts here; noticed at line 4)"),
    ('events:\n  - title: "open\n    date: 2019\n', (2, 12),
     "found unexpected end of stream (in a quoted scalar that starts here; noticed at line 4)"),
    ("events:\n  - {title: A, date: 2019\n  - {title: B}\n", (2, 5),
     "did not find expected ',' or '}' (in a flow mapping that starts here; noticed at line 3)"),
    ("events:\n  - title: A\n  date: 2019\n  - title: B\n", (3, 3),
     "did not find expected '-' indicator (in a block collection that starts at line 2)"),
])
def test_a_syntax_error_is_reported_where_the_broken_construct_starts(text, where, words):
    severity, line, column, message = only(load_bytes(text.encode()))
    assert (severity, (line, column), message) == ("error", where, f"YAML syntax error: {words}")


def test_an_anchor_defined_twice_is_an_error_naming_both_lines():
    severity, line, column, message = only(load_bytes(b"a: &x 1\nb: &x 2\nevents: *x\n"))
    assert (severity, line, column, message) == (
        "error", 2, 4, "YAML syntax error: the anchor '&x' is already defined at line 1")


def test_an_alias_to_no_anchor_is_an_error_at_the_alias():
    assert only(load_bytes(b"events:\n  - *nope\n")) == (
        "error", 2, 5, "YAML syntax error: found undefined alias 'nope'")


def test_a_second_document_is_an_error():
    assert only(load_bytes(b"events: []\n---\nevents: []\n")) == (
        "error", 2, 1, "YAML syntax error: but found another document "
                       "(expected a single document in the stream at line 1)")


@pytest.mark.parametrize("flow", [True, False])
def test_reading_a_file_holds_little_more_than_its_tree(flow):
    # PyYAML's node graph of the whole file (two marks a value) was 3.5 times the tree
    rows = [f"{{title: Event {i}, date: 2001-01-{i % 28 + 1:02d}, tags: [a, b]}}"
            for i in range(5_000)]
    text = "events: [\n" + ",\n".join(rows) + "]\n" if flow else \
        "events:\n" + "".join(f"  - {row}\n" for row in rows)
    tracemalloc.start()
    try:
        tree, _ = parse(text)
        kept, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert isinstance(tree, Map) and peak < 1.5 * kept


# -- the file's view: -------------------------------------------------------------------------

def test_a_files_view_loads_its_window_and_lanes():
    result = load("view: {from: 2017, to: 2026-02, lanes: category}\nevents: []\n")
    assert result.diagnostics == []
    view = result.timeline.view
    assert (view.start, view.end, view.lanes) == (parse_date("2017"), parse_date("2026-02"),
                                                  "category")


def test_each_key_of_the_view_is_optional_and_no_view_is_none():
    assert load("view:\n  to: 427 BC\n").timeline.view.end == parse_date("427 BC")
    assert load("view: {lanes: single}\n").timeline.view.start is None
    assert load("events: []\n").timeline.view is None
    assert load("view:\nevents: []\n").timeline.view is None


@pytest.mark.parametrize(("text", "located", "view"), [
    ("view:\n  from: 2017\n  too: 2019\n",
     [(3, 3, "warning", "unknown key 'too' in 'view' (did you mean 'to'?)")], True),
    ("view: {from: 2018-02-30}\n",
     [(1, 14, "error", "invalid view 'from': day 30 does not exist in February 2018 "
                       "(that month has 28 days)")], False),
    ("view: {lanes: tags}\n",
     [(1, 15, "error", "lanes 'tags' is not one of category, tag, person, place, single "
                       "(did you mean 'tag'?)")], False),
    ("view: {from: 2020, to: 2019}\n",
     [(1, 24, "error", "the view ends (2019) before it starts (2020) "
                       "('from' is the earlier date, 'to' the later)")], False),
    ("view: [2017, 2026]\n",
     [(1, 7, "error", "'view' should be a mapping, not a list "
                      "(e.g. 'view: {from: 2017, to: 2026-02, lanes: category}')")], False),
])
def test_a_wrong_view_is_a_located_diagnostic_and_an_error_drops_the_view(text, located, view):
    result = load(text)
    assert [(d.line, d.column, "error" if d.is_error else "warning",
             d.format("f").split(": ", 2)[2]) for d in result.diagnostics] == located
    assert (result.timeline.view is not None) == view
