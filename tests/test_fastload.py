"""The fast path reads a clean file exactly as the located path does, and defers on the rest."""

import textwrap
from pathlib import Path
from unittest import mock

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.bench.generate import generate
from viewer.load import fastload, fastload_groups
from viewer.load.fastload import fast_load
from viewer.load.loader import LoadResult
from viewer.load.reading import load_bytes

BUNDLED = Path(__file__).resolve().parent.parent / "events.yaml"


def located(text: str) -> LoadResult:
    """What the located (PyYAML) path makes of the text, with the fast path out of its way."""
    with mock.patch.object(fastload, "fast_load", return_value=None):
        return load_bytes(text.encode("utf-8"))


def agrees(text: str) -> bool:
    """Whether the fast path took the text; when it did, it must equal the located path."""
    fast = fast_load(text)
    if fast is None:
        return False
    slow = located(text)
    assert [d.format("f") for d in slow.diagnostics] == []
    assert fast == slow.timeline
    return True


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


# -- clean files take the fast path -----------------------------------------------------------

def test_the_bundled_file_takes_the_fast_path():
    assert agrees(BUNDLED.read_text(encoding="utf-8"))


@pytest.mark.parametrize("seed", [1, 2, 20260114])
def test_benchmark_files_take_the_fast_path(seed):
    assert agrees(generate(200, seed=seed))


def test_the_loader_reads_a_clean_file_without_the_located_path():
    data = BUNDLED.read_bytes()
    expected = located(data.decode("utf-8"))
    with mock.patch("viewer.load.loader.parse", side_effect=AssertionError("the located path ran")):
        assert load_bytes(data) == expected


CLEAN = """
    title: Every kind of clean value
    categories: [trade, diplomacy]
    periods:
      - {title: Dispute, start: 2018, end: 2021-09, colour: "#ABC"}
    events:
      - title: A year as an int, and a range
        date: 2018
        end: 2019
        tags: canola
        importance: 5
        outcome: kept as an extra
      -
        title: Content on the line after the dash
        start: ~2018
      - # a comment
        title: After a comment
        date: 427 BC
        sources:
          - https://example.org/a?b=c#d
          - A printed book, p. 4
          - {title: Report, url: "mailto:a@b.c", publisher: Paper, date: 2024}
      - {title: Flow style, date: "1 December 2018", tags: [a, b], related: [x]}
      - {id: x, title: "Montréal, 北京 😀", date: 2018-12-01, category: trade}
      - title: Same title
        date: Dec 1, 2018
        location_detail: [Vancouver, BC]
        notes: {who: me, when: now}
      - title: Same title
        date: Dec 1, 2018
        description: |
          **Bold** at the start of a line, *emphasis*,
          - a list
          > a quote
"""


def test_a_file_of_every_kind_of_clean_value_takes_the_fast_path():
    assert agrees(dedent(CLEAN))
    assert agrees(dedent(CLEAN).replace("\n", "\r\n"))


def test_a_bare_list_and_an_empty_events_list_take_the_fast_path():
    assert agrees("- {title: A, date: 2018}\n- title: B\n  date: 2019\n")
    assert agrees("title: Nothing yet\nevents: []\n")


def test_lines_are_those_of_each_events_first_key():
    timeline = fast_load(dedent(CLEAN))
    assert timeline is not None
    assert [(e.title, e.line) for e in timeline.events][:3] == [
        ("After a comment", 16), ("Content on the line after the dash", 13),
        ("A year as an int, and a range", 6)]


# -- anything unusual takes the located path --------------------------------------------------

EVENT = "events:\n  - title: A\n    date: 2018\n"


@pytest.mark.parametrize("text", [
    "events:\n  - title: !!python/object:os.system A\n    date: 2018\n",
    "events:\n  - !!map {title: A, date: 2018}\n",
    "events:\n  - title: A\n    title: B\n    date: 2018\n",
    "events:\n  - title: 007\n    date: 2018\n",
    "events:\n  - title: A\n    date: 2018\n    summary: true\n",
    "events:\n  - title: A\n    date: 2018\n    summary: 1e3\n",
    "events:\n  - title: A\n    date: 2018\n    summary: ~\n",
    "events:\n  - title: A\n    date: 2018\n    summary:\n",
    "categories: [trade]\n" + EVENT + "    category: other\n",
    "events:\n  - title: A\n    date: 2018-02-29\n",
    "events:\n  - title: A\n    date: 0x7E2\n",
    "events:\n  - title: A\n    date: 2_018\n",
    "events:\n  - title: A\n    date: 2019\n    end: 2018\n",
    "events:\n  - {title: A, date: 2018, tags: &t [a]}\n  - {title: B, date: 2019, tags: *t}\n",
    "events:\n  - {title: A, date: 2018, tags: &t [a], people: *t}\n",
    EVENT + "    titel: near a known key\n",
    EVENT + "    related: [nowhere]\n",
    EVENT + "    sources: [javascript:alert(1)]\n",
    EVENT + '    sources: ["https://example.org/a\\r\\nEND:VEVENT"]\n',
    EVENT + '    sources: [{title: T, url: "https://example.org/a\\tb"}]\n',
    EVENT + '    sources: [{title: T, url: "mailto:a@b.c\\x85d"}]\n',
    EVENT + "    importance: +5\n    notes: +5\n",
    EVENT + "  - {title: B, date: 2019, id: b}\n  - {title: C, date: 2020, id: b}\n",
    EVENT + "    tags: [|x]\n",
    EVENT + "    tags: [?x]\n",
    EVENT + "---\n" + EVENT,
    EVENT.rstrip("\n"),
    EVENT.replace("A", "A\u2028B"),
    EVENT.replace("  - ", "\t- "),
    "title: 2018\n" + EVENT,
    "",
])
def test_anything_unusual_takes_the_located_path(text):
    assert fast_load(text) is None


def test_without_yaml_rs_the_located_path_reads_everything(monkeypatch):
    from viewer.load import fastload

    monkeypatch.setattr(fastload, "yaml_rs", None)  # as when "import yaml_rs" failed
    text = BUNDLED.read_text(encoding="utf-8")
    assert fast_load(text) is None
    assert load_bytes(text.encode("utf-8")) == located(text)


# -- random files -----------------------------------------------------------------------------

WORDS = ["Trade talks", "Why?", "it's", "NO", "yes", "on", "007", "1e3", "0x10", "true", "null",
         "~", "", "Montréal", "北京", "😀", "a, b", "x #y", "-x", "?x", ":x", "|x", ">x", "&a",
         "*a", "!t", "%x", "2018", "5", "+5", "-0", "art_8", "1_000", "a  b", "\\"]
DATES = ["2018", "2019-05", "2018-12-01", "~2018", "circa 2019", "427 BC", "AD 33", "-0427",
         "-13800000000", "1 December 2018", "Dec 1, 2018", "2026-01-14T21:30+08:00", "+2018",
         "02018", "2018-02-29", "Dec 1", "0x7E2", "2018.0", ""]
KEYS = ["id", "category", "tags", "people", "places", "summary", "description", "sources",
        "related", "importance", "end", "outcome", "location_detail", "titel", "dat", "Title"]
URLS = ["https://example.org/a?b=c", "http://x.y/z#f", "mailto:a@b.c", "javascript:alert(1)",
        "A printed book, p. 4", "https://e.org/art_8.html"]
# What a clean file is made of: the fast path must take a file written with only these
CLEAN_WORDS = ["Trade talks", "Why?", "it's", "NO", "yes", "on", "Montréal", "北京", "😀",
               "2018", "5"]
CLEAN_DATES = ["2018", "2019-05", "2018-12-01", "~2018", "circa 2019", "427 BC", "AD 33",
               "1 December 2018", "2026-01-14T21:30+08:00"]
CLEAN_KEYS = ["category", "tags", "people", "places", "summary", "description", "sources",
              "importance", "outcome", "location_detail"]
CLEAN_URLS = ["https://example.org/a?b=c", "http://x.y/z#f", "mailto:a@b.c"]


@st.composite
def scalars(draw, pool=WORDS):
    word = draw(st.sampled_from(pool))
    quote = draw(st.sampled_from(["", "", "'", '"']))
    if quote == "'":
        return "'" + word.replace("'", "''") + "'"
    if quote == '"':
        return '"' + word.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return word


@st.composite
def values(draw, key, indent, clean=False):
    words = CLEAN_WORDS if clean else WORDS
    if key in ("end", "date", "start"):
        return " " + draw(scalars(CLEAN_DATES if clean else DATES))
    if key in ("tags", "people", "places", "related", "location_detail", "sources"):
        urls = CLEAN_URLS if clean else URLS
        pool = urls if key == "sources" else ["a", "b", "e1", "e2", *words[:6]]
        items = draw(st.lists(scalars(pool), max_size=3))
        if key == "sources" and draw(st.booleans()):
            items.append("{title: " + draw(scalars(words)) + ", url: " + draw(scalars(urls)) +
                         "}")
        style = draw(st.sampled_from(["flow", "block", "scalar"]))
        if style == "scalar" and items:
            return " " + items[0]
        if style == "block" and items:
            return "".join(f"\n{' ' * indent}- {item}" for item in items)
        return " [" + ", ".join(items) + "]"
    if key == "importance":
        return " " + draw(st.sampled_from(["1", "5"] if clean else
                                          ["1", "5", "05", "high", "2.5"]))
    if key == "category":
        return " " + draw(st.sampled_from(["trade", "diplomacy", "other"][:2 if clean else 3]))
    if key == "id":
        return " " + draw(st.sampled_from(["e1", "e2", "e3", "007", "x y"]))
    if key == "description" and draw(st.booleans()):
        lines = draw(st.lists(st.sampled_from(["**Bold** text", "*em*", "- item", "> q", "a: b"]),
                              min_size=1, max_size=3))
        return " |\n" + "\n".join(" " * indent + line for line in lines)
    return " " + draw(scalars(words))


@st.composite
def events(draw, indent, clean=False):
    keys = ["title", draw(st.sampled_from(["date", "date", "start"]))]
    keys += draw(st.lists(st.sampled_from(CLEAN_KEYS if clean else KEYS), max_size=5,
                          unique=True))
    keys = draw(st.permutations(keys))[: len(keys) - draw(st.sampled_from(
        [0] if clean else [0] * 9 + [1]))]
    if draw(st.integers(0, 3)) == 0:  # flow style: one line
        parts = []
        for key in keys:
            value = draw(values(key, indent + 4, clean))
            if "\n" in value:
                value = " a" if clean else " [a, b]"
            parts.append(f"{key}:{value}")
        return "{" + ", ".join(parts) + "}"
    return ("\n" + " " * (indent + 2)).join(f"{k}:{draw(values(k, indent + 4, clean))}"
                                           for k in keys)


@st.composite
def event_files(draw):
    """A random events file, and whether it is clean (made of the CLEAN_ pools only)."""
    clean = draw(st.booleans())
    indent = draw(st.sampled_from([0, 2, 4]))
    heads = ["- ", "- ", "-\n" + " " * (indent + 2), "- # c\n" + " " * (indent + 2)]
    items = [" " * indent + draw(st.sampled_from(heads)) + draw(events(indent, clean))
             for _ in range(draw(st.integers(int(clean), 5)))]
    if draw(st.integers(0, 4)) == 0:
        return "\n".join(items) + "\n", clean
    top = draw(st.sampled_from(["", "title: A timeline\n", "categories: [trade, diplomacy]\n",
                                "categories:\n  trade: {label: Trade, colour: '#228833'}\n"]))
    if clean and top.startswith("categories:\n"):
        top = "categories: [trade, diplomacy]\n"
    return top + "events:\n" + "\n".join(items) + "\n", clean


@settings(max_examples=300, deadline=None)
@given(event_files())
def test_random_files_read_the_same_on_both_paths(file):
    text, clean = file
    took = agrees(text)  # equal to the located path whenever it takes the file
    assert took or not clean  # and a clean file it must take


FLOW_WORDS = ["a", "b c", "title", "2018", "x-y", "https://e.org/a?b=c#d", "it's", "é", "a:b",
              "'q'", '"q q"', '"x\\ty"', "-x", "~x", "x#y", "?x", ":x", "|x", "[]", "{}"]


CLEAN_FLOW_WORDS = ["a", "b c", "title", "x-y", "https://e.org/a?b=c#d", "it's", "é"]


@st.composite
def flows(draw, depth=0, clean=False):
    """Flow collections broken over lines at random, where the two readers differ most; when
    ``clean``, on one line and of plain words."""
    def gap():
        return draw(st.sampled_from([" ", ""] if clean else
                                    [" ", "", " ", "\n      ", "\n  ", "\n      # c\n      "]))
    words = CLEAN_FLOW_WORDS if clean else FLOW_WORDS
    if depth > 2 or draw(st.integers(0, 2)) == 0:
        return draw(st.sampled_from(words))
    items = [draw(flows(depth + 1, clean)) for _ in range(draw(st.integers(0, 3)))]
    if draw(st.booleans()):
        return "[" + gap() + ("," + gap()).join(items) + gap() + "]"
    keys = draw(st.lists(st.sampled_from(words[:12]), min_size=len(items),
                         max_size=len(items), unique=True))
    pairs = [f"{k}{gap()}:{draw(st.sampled_from([' '] if clean else [' ', chr(10) + '        ']))}"
             f"{v}" for k, v in zip(keys, items, strict=True)]
    return "{" + gap() + ("," + gap()).join(pairs) + gap() + "}"


@st.composite
def flow_files(draw):
    """An event with a random flow collection, and whether the fast path must take it."""
    clean = draw(st.booleans())
    flow = draw(flows(clean=clean))
    key = "notes" if clean else draw(st.sampled_from(["notes", "tags", "title"]))
    return (f"events:\n  - date: 2018\n    {'title: A' if key != 'title' else 'id: a'}\n"
            f"    {key}: {flow}\n", clean)


@settings(max_examples=300, deadline=None)
@given(flow_files())
def test_flow_collections_over_several_lines_read_the_same_on_both_paths(file):
    text, clean = file
    took = agrees(text)
    assert took or not clean


def test_a_second_read_reuses_unchanged_events_and_still_equals_the_located_path():
    from viewer.load import fastload

    text = BUNDLED.read_text(encoding="utf-8")
    memo = fastload.Memo()
    first = fast_load(text, memo)
    assert first is not None and len(memo.entries) == len(first.events)
    # a line inserted above every event, one title changed, one event removed
    lines = text.splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("events:"))
    lines.insert(at + 1, "  # a comment that moves every event down a line\n")
    edited = "".join(lines).replace("title: Justin Trudeau visits China",
                                    "title: Justin Trudeau visits China (edited)", 1)
    second = fast_load(edited, memo)
    assert second is not None
    assert second == located(edited).timeline  # lines moved, the edit shows, nothing stale
    assert second.event("trudeau-visit-2017").title.endswith("(edited)")
    moved = [e.line for e in second.events]
    assert moved == [e.line + 1 for e in first.events]


def test_a_read_without_the_last_versions_memo_builds_every_event_afresh():
    text = generate(40, seed=5)
    memo = fastload.Memo()
    first = fast_load(text, memo)
    again = fast_load(text, memo)
    cold = fast_load(text)  # no memo: nothing of another load is looked up
    assert first is not None and again is not None and cold is not None
    assert all(a is b for a, b in zip(again.events, first.events, strict=True))
    assert cold == first and not any(c is f for c, f in zip(cold.events, first.events,
                                                               strict=True))


@settings(max_examples=200, deadline=None)
@given(event_files())
def test_random_files_read_in_groups_of_two_events_read_the_same(file):
    text, clean = file
    with mock.patch.object(fastload_groups, "GROUP", 2):  # each call of yaml_rs reads two events
        took = agrees(text)
    assert took or not clean


def test_a_save_reparses_only_the_events_whose_text_changed():
    text = generate(300, seed=3)
    memo = fastload.Memo()
    first = fast_load(text, memo)
    assert first is not None
    victim = first.events[100]
    edited = text.replace(f"  - id: {victim.id}\n    title: {victim.title}\n",
                          f"  - id: {victim.id}\n    title: Edited\n", 1)
    assert edited != text
    read: list[str] = []
    real = fastload_groups.load

    def recording(chunk: str):
        read.append(chunk)
        return real(chunk)

    with mock.patch.object(fastload_groups, "load", recording), \
            mock.patch.object(fastload, "_load", recording):
        second = fast_load(edited, memo)
    assert second == located(edited).timeline
    assert second.event(victim.id).title == "Edited"
    events_read = [chunk for chunk in read if chunk.startswith("events:\n")]
    assert len(events_read) == 1 and events_read[0].count("  - id: ") == 1
    assert f"id: {victim.id}\n" in events_read[0]
    # the other events are the very objects of the first read: nothing rebuilt, no memory
    unchanged = [e for e in second.events if e.id != victim.id]
    assert all(e is first.event(e.id) for e in unchanged)


def test_an_event_that_moved_to_another_line_is_rebuilt_with_its_new_line():
    text = generate(50, seed=4)
    memo = fastload.Memo()
    first = fast_load(text, memo)
    second = fast_load(text.replace("events:\n", "events:\n  # a new comment\n", 1), memo)
    assert first is not None and second is not None
    assert [e.line for e in second.events] == [e.line + 1 for e in first.events]
    assert second == located(text.replace("events:\n", "events:\n  # a new comment\n", 1)).timeline


# -- sizes and guesses: both paths refuse the same dates, and read the same ones ---------------

@pytest.mark.parametrize(("value", "message"), [
    ("9" * 5000, "invalid date: year out of range (5,000 digits; at most 15)"),
    ("'" + "9" * 5000 + "'", "invalid date: year out of range (5,000 digits; at most 15)"),
    ("9" * 302 + " BC", "invalid date: year out of range (302 digits; at most 15)"),
    ("1 December 2018 " + "x" * 100_000, "invalid date: date is too long (100,016 characters; "
                                         "at most 64)"),
    ("-0427-03-15-", "invalid date: '-0427-03-15-' is not a date I can read: its '-' sign "
                     "would be lost"),
    ("1 2 2018", "invalid date: ambiguous: 1 2 2018 could be 1 February or January 2"),
])
def test_a_date_out_of_range_too_long_or_guessed_is_an_error_on_both_paths(value, message):
    text = f"events:\n  - title: A\n    date: {value}\n"
    assert not agrees(text)
    result = load_bytes(text.encode())
    assert result == located(text)
    assert [(d.line, d.column, d.message) for d in result.diagnostics] == [(3, 11, message)]


@pytest.mark.parametrize(("value", "message"), [
    ("9" * 5000, "importance 999999999999… (5,000 digits) is out of range"),
    ("'" + "9" * 5000 + "'", "importance 999999999999… (5,000 digits) is out of range"),
    ("'" + "0" * 5000 + "9'", "importance 9 is out of range"),
    ("'-" + "0" * 5000 + "7'", "importance -7 is out of range"),
])
def test_an_importance_of_thousands_of_digits_is_out_of_range_on_both_paths(value, message):
    text = f"{EVENT}    importance: {value}\n"
    assert not agrees(text)
    result = load_bytes(text.encode())
    assert result == located(text)
    assert [(d.line, d.column, d.message) for d in result.diagnostics] == [(4, 17, message)]


def test_an_importance_written_with_thousands_of_zeros_reads_the_same_on_both_paths():
    text = f"{EVENT}    importance: '{'0' * 5000}3'\n"
    assert agrees(text)
    assert fast_load(text).events[0].importance == 3


@pytest.mark.parametrize(("value", "ymd"), [
    ("-0427-03-15", (-427, 3, 15)),
    ("13/12/2018", (2018, 12, 13)),
    ("2018/1/2", (2018, 1, 2)),
    ("-999999999999999", (-999999999999999, 1, 1)),
])
def test_dates_with_one_reading_read_the_same_on_both_paths(value, ymd):
    text = f"events:\n  - title: A\n    date: {value}\n"
    assert agrees(text)
    d = fast_load(text).events[0].start
    assert (d.year, d.month, d.day) == ymd


_DATE_TEXT = st.builds(  # pieces of dates joined the ways people join them
    lambda sign, pieces, seps, end: sign + "".join(map(str.__add__, pieces, seps)) + end,
    st.sampled_from(["", "-", "~", "~-", "- "]),
    st.lists(st.sampled_from(["0427", "2018", "03", "15", "1", "2", "12", "13", "March", "Dec",
                              "BC", "AD", "10:30", "-05:00", "T09:30"]), min_size=1, max_size=4),
    st.lists(st.sampled_from(["", " ", "-", "/", ".", ", "]), min_size=4, max_size=4),
    st.sampled_from(["", "-", " "]))


def _plain_value(text: str) -> object:
    """What YAML makes of ``text`` written plain as a value (None when it is no value)."""
    try:
        loaded = yaml.safe_load(f"x: {text}\n")
    except yaml.YAMLError:
        return None
    return loaded.get("x") if isinstance(loaded, dict) else None


@settings(max_examples=150, deadline=None)
@given(_DATE_TEXT, st.sampled_from(["{}", "'{}'"]))
def test_any_written_date_reads_the_same_on_both_paths(value, quoting):
    text = f"events:\n  - title: A\n    date: {quoting.format(value)}\n"
    took = agrees(text)  # asserts equality whenever the fast path takes the file
    result = load_bytes(text.encode())
    assert result == located(text)
    # a date that reads at all is not left to the located path; but a plain "2018." is a
    # float to yaml_rs, whose text the fast path cannot see, so it declines those
    as_float = quoting == "{}" and isinstance(_plain_value(value), float)
    assert took == (not result.diagnostics and not as_float)
    if value.strip().startswith("-") and result.timeline and result.timeline.events:
        assert result.timeline.events[0].start.year <= 0  # a leading minus is before AD 1


@pytest.mark.parametrize("items", [25_000, 25_001])
def test_an_extra_value_at_the_size_bound_is_read_alike_on_both_paths(items):
    # 'x, x, ...': each item is a value and 3 characters, so the bound lies between these
    text = "events:\n  - title: A\n    date: 2019\n    chorus: [" + ", ".join(["x"] * items) + "]\n"
    took = agrees(text)
    assert took == (items == 25_000)
    assert [d.message[:40] for d in located(text).diagnostics] == \
        ([] if took else ["the value of 'chorus' is too large to ke"])


def test_many_events_with_one_date_and_title_get_the_same_ids_on_both_paths():
    text = "events:\n  - {id: 2019-same-3, title: Mine, date: 2019}\n" + \
        "".join("  - title: Same\n    date: 2019\n" for _ in range(5_000))
    assert agrees(text)
    ids = [e.id for e in fast_load(text).events if e.title == "Same"]
    assert ids[:3] == ["2019-same", "2019-same-2", "2019-same-4"] and ids[-1] == "2019-same-5001"


# -- the file's view: both paths read it alike ------------------------------------------------

@pytest.mark.parametrize("text", [
    "view: {from: 2017, to: 2026-02, lanes: category}\n" + EVENT,
    "view:\n  to: 427 BC\n  lanes: single\n" + EVENT,
    "view: {}\n" + EVENT,
])
def test_a_clean_view_takes_the_fast_path(text):
    assert agrees(text)
    assert fast_load(text).view is not None


@pytest.mark.parametrize("text", [
    "view: {from: 2017, too: 2019}\n" + EVENT,
    "view: {from: 2018-02-30}\n" + EVENT,
    "view: {lanes: tags}\n" + EVENT,
    "view: {from: 2020, to: 2019}\n" + EVENT,
    "view: [2017]\n" + EVENT,
    "view: {from: 0x7E1}\n" + EVENT,
])
def test_a_view_with_a_problem_is_left_to_the_located_path(text):
    assert not agrees(text)
    assert load_bytes(text.encode()).diagnostics  # which words it
