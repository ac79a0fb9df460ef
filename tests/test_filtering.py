"""Filtering keeps the events a user asks for and counts facets the faceted-search way."""

import random
import subprocess
import sys
from collections import Counter
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from viewer.model.dates import parse_date
from viewer.model.model import Category, Event, Source, Timeline
from viewer.query.filtering import (
    FACETS,
    Filter,
    SearchIndex,
    apply,
    highlight_spans,
    normalise,
    parse_query,
)


def ev(id: str, title: str = "", date: str = "2018-12-01", end: str | None = None,
       **fields: Any) -> Event:
    return Event(id=id, title=title, start=parse_date(date),
                 end=parse_date(end) if end else None, **fields)


def timeline(*events: Event, categories: tuple[str, ...] = ()) -> Timeline:
    ordered = sorted(events, key=lambda e: (e.t0, e.t1))  # as the loader keeps them
    return Timeline(categories=tuple(Category(c, c.title(), None) for c in categories),
                    events=tuple(ordered))


def shown(tl: Timeline, flt: Filter, index: SearchIndex | None = None) -> list[str]:
    result = apply(index or SearchIndex(tl), flt)
    return sorted(tl.events[i].id for i in result.visible)


def search(tl: Timeline, text: str) -> list[str]:
    return shown(tl, Filter(text=text))


YEAR = {y: parse_date(str(y)) for y in range(1990, 2031)}


# --- search -------------------------------------------------------------------------------

def test_search_ignores_case_and_accents():
    tl = timeline(ev("a", "Talks in Montréal"), ev("b", "Arrest of Meng Wanzhou"),
                  ev("c", "Decomposed Montre\u0301al"), ev("d", "Ein Straße"), ev("e", "Paris"))

    assert search(tl, "montreal") == ["a", "c"]
    assert search(tl, "MONTRÉAL") == ["a", "c"]
    assert search(tl, "MENG") == ["b"]
    assert search(tl, "strasse") == ["d"]
    assert search(tl, "xyz") == []


def test_several_words_must_all_match_in_any_field():
    tl = timeline(ev("a", "Huawei executive arrested", places=("Canada",)),
                  ev("b", "Huawei phones"), ev("c", "Canada geese"))

    assert search(tl, "huawei canada") == ["a"]
    assert search(tl, "  canada   huawei ") == ["a"]
    assert search(tl, "huawei") == ["a", "b"]


def test_a_quoted_phrase_matches_its_words_together_in_order():
    tl = timeline(ev("a", "The trade war began"), ev("b", "War on trade"),
                  ev("c", "A trade", summary="war of words"), ev("d", "trade\n   war, again"),
                  ev("e", "trade wars"))

    assert search(tl, '"trade war"') == ["a", "d", "e"]
    assert search(tl, "“trade war”") == ["a", "d", "e"]  # typographic quotes
    assert search(tl, '"trade wa') == ["a", "d", "e"]  # still being typed
    assert search(tl, 'words "a trade"') == ["c"]


@pytest.mark.parametrize(
    "fields",
    [
        {"title": "Zebra crossing"},
        {"summary": "A zebra crossing"},
        {"description": "Long text about a zebra."},
        {"tags": ("zebra",)},
        {"people": ("Zebra Smith",)},
        {"places": ("Zebra Island",)},
        {"sources": (Source(title="Zebra report"),)},
        {"sources": (Source(title="r", url="https://example.org/zebra"),)},
        {"sources": (Source(title="r", publisher="Zebra Press"),)},
    ],
    ids=["title", "summary", "description", "tags", "people", "places", "source-title",
         "source-url", "source-publisher"],
)
def test_every_searched_field_is_searched(fields):
    tl = timeline(ev("hit", **{"title": "t", **fields}), ev("miss", "Horse"))

    assert search(tl, "ZEBRA") == ["hit"]


def test_parse_query_splits_words_and_phrases():
    assert parse_query('Huawei "Trade  War" Montréal') == ("huawei", "trade war", "montreal")
    assert parse_query('"" "  " ') == ()
    assert parse_query("a a A") == ("a",)


def test_normalise_folds_compatibility_forms_case_and_marks():
    assert normalise("ÉTÉ") == "ete"
    assert normalise("ﬁne") == "fine"
    assert normalise("İstanbul") == "istanbul"
    assert normalise("Ωμέγα") == "ωμεγα"


# --- highlighting -------------------------------------------------------------------------

def test_highlight_spans_map_back_to_the_original_text():
    assert highlight_spans("Montréal", "montreal") == [(0, 8)]
    assert highlight_spans("Montre\u0301al", "montreal") == [(0, 9)]
    assert highlight_spans("Montre\u0301", "montre") == [(0, 7)]  # the trailing mark too
    assert highlight_spans("In Straße 5", "strasse") == [(3, 9)]
    assert highlight_spans("Meng and meng", "MENG") == [(0, 4), (9, 13)]


def test_highlight_spans_merge_overlaps_and_follow_phrases():
    assert highlight_spans("Huawei", "hua awe") == [(0, 5)]
    assert highlight_spans("the trade\n  war", '"trade war"') == [(4, 15)]
    assert highlight_spans("a trade, war", '"trade war"') == []
    assert highlight_spans("anything", "") == []
    assert highlight_spans("", "x") == []


# --- facets -------------------------------------------------------------------------------

@pytest.fixture
def facet_timeline() -> Timeline:
    return timeline(
        ev("t1", category="trade", tags=("tariff", "summit"), people=("Ann",)),
        ev("t2", category="trade", tags=("tariff",), people=("Bo",), places=("Oslo",)),
        ev("s1", category="security", tags=("summit",), people=("Ann",)),
        ev("x1", category="undeclared", tags=("court",)),
        ev("n1", tags=("tariff", "tariff")),
        categories=("security", "trade", "culture"),
    )


def test_facets_count_every_value_when_nothing_is_chosen(facet_timeline):
    result = apply(SearchIndex(facet_timeline), Filter())

    assert result.facets["category"] == (
        ("security", 1), ("trade", 2), ("culture", 0), ("undeclared", 1), ("", 1))
    assert result.facets["tag"] == (("tariff", 3), ("summit", 2), ("court", 1))
    assert result.facets["person"] == (("Ann", 2), ("Bo", 1))
    assert result.facets["place"] == (("Oslo", 1),)


def test_facet_counts_follow_the_other_filters(facet_timeline):
    result = apply(SearchIndex(facet_timeline), Filter(tags=frozenset({"summit"})))

    assert shown(facet_timeline, Filter(tags=frozenset({"summit"}))) == ["s1", "t1"]
    assert result.facets["category"] == (
        ("security", 1), ("trade", 1), ("culture", 0), ("undeclared", 0), ("", 0))
    assert result.facets["person"] == (("Ann", 2),)
    assert result.facets["place"] == ()


def test_a_facets_own_choice_does_not_narrow_its_own_counts(facet_timeline):
    # given trade is ticked
    flt = Filter(categories=frozenset({"trade"}))

    # when filtering
    result = apply(SearchIndex(facet_timeline), flt)

    # then the other categories still show what ticking them would add...
    assert dict(result.facets["category"]) == {
        "security": 1, "trade": 2, "culture": 0, "undeclared": 1, "": 1}
    # ...while the other facets count the trade events only
    assert result.facets["tag"] == (("tariff", 2), ("summit", 1))
    assert result.facets["person"] == (("Ann", 1), ("Bo", 1))


def test_values_of_one_facet_are_alternatives_and_facets_combine(facet_timeline):
    both = Filter(categories=frozenset({"trade", "security"}))

    assert shown(facet_timeline, both) == ["s1", "t1", "t2"]
    assert shown(facet_timeline, both.with_(people=frozenset({"Ann"}))) == ["s1", "t1"]
    assert shown(facet_timeline, Filter(categories=frozenset({""}))) == ["n1"]
    assert shown(facet_timeline, Filter(tags=frozenset({"tariff", "court"}))) == [
        "n1", "t1", "t2", "x1"]


def test_a_chosen_value_with_no_events_stays_listed(facet_timeline):
    index = SearchIndex(facet_timeline)

    result = apply(index, Filter(text="Oslo", tags=frozenset({"court", "gone"})))
    stale = apply(index, Filter(categories=frozenset({"old"})))

    assert result.visible == () == stale.visible
    assert result.facets["tag"] == (("tariff", 1), ("court", 0), ("gone", 0))
    assert stale.facets["category"][-1] == ("old", 0)


# --- dates and toggles ----------------------------------------------------------------------

def test_a_date_range_keeps_events_that_overlap_it():
    tl = timeline(
        ev("before", date="2015", end="2017"),
        ev("year-before", date="2017"),  # ends exactly where the range starts
        ev("ends-inside", date="2016-05", end="2018-02"),
        ev("inside", date="2019-06-01"),
        ev("starts-inside", date="2021-12-31", end="2023"),
        ev("spans", date="2010", end="2030"),
        ev("year-after", date="2022"),
        ev("after", date="2024-01-01", end="2025"),
    )
    in_range = Filter(start=YEAR[2018].start, end=YEAR[2021].end)

    assert shown(tl, in_range) == ["ends-inside", "inside", "spans", "starts-inside"]
    assert shown(tl, Filter(start=YEAR[2022].start)) == [
        "after", "spans", "starts-inside", "year-after"]
    assert shown(tl, Filter(end=YEAR[2016].end)) == ["before", "ends-inside", "spans"]


def test_toggles_keep_sourced_or_approximate_events():
    tl = timeline(ev("sourced", sources=(Source(title="s"),)), ev("approx", date="~2018"),
                  ev("approx-end", date="2018", end="c. 2020"), ev("plain"))

    assert shown(tl, Filter(only_sourced=True)) == ["sourced"]
    assert shown(tl, Filter(only_approximate=True)) == ["approx", "approx-end"]
    assert shown(tl, Filter(only_sourced=True, only_approximate=True)) == []


# --- the filter value ---------------------------------------------------------------------

def test_no_filter_returns_everything(facet_timeline):
    flt = Filter(text="   ")

    result = apply(SearchIndex(facet_timeline), flt)

    assert not flt.is_active and flt.describe() == ""
    assert result.visible == tuple(range(5)) and result.total == 5 == result.shown
    assert result.mask == b"\x01" * 5


def test_describe_sums_up_the_active_filters():
    flt = Filter(text=" huawei  ", categories=frozenset({"trade", "security"}),
                 start=YEAR[2018].start, end=YEAR[2021].end, only_sourced=True)

    assert flt.describe() == (
        "search “huawei” · category: security, trade · 2018–2021 · with sources")
    assert Filter(people=frozenset({"Ann"}), categories=frozenset({""}),
                  only_approximate=True).describe() == (
        "category: no category · person: Ann · approximate dates")
    assert Filter(start=YEAR[2018].start).describe() == "from 2018"
    assert Filter(end=YEAR[2018].end).describe() == "until 2018"
    assert Filter(start=YEAR[2018].start, end=YEAR[2018].end).describe() == "2018"
    assert Filter(start=parse_date("2018-03").start,
                  end=parse_date("2019-06").end).describe() == "March 2018 – June 2019"
    assert Filter(start=parse_date("2018-03-05").start,
                  end=parse_date("2018-03-09").end).describe() == "5 March 2018 – 9 March 2018"
    assert Filter(start=YEAR[2018].start, end=parse_date("2019-03-01T12:00").start
                  ).describe() == "2018 – 1 March 2019"


def test_filters_are_changed_by_copying():
    flt = Filter().toggled("tag", "a").toggled("person", "Ann").with_(text="x")

    assert flt.tags == {"a"} and flt.people == {"Ann"} and flt.is_active
    assert flt.toggled("tag", "a").tags == frozenset()
    assert flt.selected("person") == {"Ann"}
    assert flt.cleared() == Filter() and not flt.cleared().is_active


def test_an_empty_timeline_filters_to_nothing():
    result = apply(SearchIndex(Timeline()), Filter(text="x", only_sourced=True))

    assert result.visible == () and result.total == 0
    assert all(result.facets[f] == () for f in FACETS)


def test_the_filtering_module_needs_no_qt():
    code = ("import sys, viewer.query.filtering; "
            "sys.exit(any(m.startswith('PySide6') for m in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


# --- against a plain reference implementation ---------------------------------------------

def _fields(e: Event) -> list[str]:
    texts = [e.title, e.summary, e.description, *e.tags, *e.people, *e.places]
    for s in e.sources:
        texts += [s.title, s.url, s.publisher]
    return [" ".join(normalise(t).split()) for t in texts]


def _values(e: Event, facet: str) -> set[str]:
    return {"category": {e.category or ""}, "tag": set(e.tags), "person": set(e.people),
            "place": set(e.places)}[facet]


def _keeps(e: Event, flt: Filter, *, ignoring: str = "") -> bool:
    return (all(any(t in f for f in _fields(e)) for t in parse_query(flt.text))
            and all(not flt.selected(f) or _values(e, f) & flt.selected(f)
                    for f in FACETS if f != ignoring)
            and (flt.start is None or e.t1 > flt.start)
            and (flt.end is None or e.t0 < flt.end)
            and (e.sources or not flt.only_sourced)
            and (e.approximate or not flt.only_approximate))


def assert_matches_reference(tl: Timeline, index: SearchIndex, flt: Filter) -> None:
    result = apply(index, flt)
    assert result.visible == tuple(i for i, e in enumerate(tl.events) if _keeps(e, flt))
    assert all(result.mask[i] == (i in result.visible) for i in range(len(tl.events)))
    for facet in FACETS:
        expected = Counter(v for e in tl.events if _keeps(e, flt, ignoring=facet)
                           for v in _values(e, facet))
        assert {v: n for v, n in result.facets[facet] if n} == expected, facet


WORDS = ("Montréal", "trade", "war", "Meng", "ÉTÉ", "straße", "tradewar")


@st.composite
def events(draw: st.DrawFn) -> Timeline:
    made = []
    for i in range(draw(st.integers(0, 12))):
        year = draw(st.integers(2015, 2024))
        made.append(ev(
            f"e{i}", " ".join(draw(st.lists(st.sampled_from(WORDS), max_size=3))),
            date=("~" if draw(st.booleans()) else "") + str(year),
            end=str(year + draw(st.integers(1, 3))) if draw(st.booleans()) else None,
            category=draw(st.sampled_from([None, "trade", "security", "odd"])),
            tags=tuple(draw(st.lists(st.sampled_from("abc"), max_size=3))),
            people=tuple(draw(st.lists(st.sampled_from(["Ann", "Bo"]), max_size=2))),
            places=tuple(draw(st.lists(st.sampled_from(["Oslo", "Genève"]), max_size=1))),
            sources=(Source(title="war report"),) if draw(st.booleans()) else (),
        ))
    return timeline(*made, categories=("trade", "security"))


texts = st.lists(st.sampled_from([*WORDS, "trade war", "a", "ann", "ete", "eve"]),
                 max_size=2).map(lambda ws: " ".join(f'"{w}"' if " " in w else w for w in ws))
choices = {
    "categories": st.frozensets(st.sampled_from(["trade", "security", "odd", ""]), max_size=2),
    "tags": st.frozensets(st.sampled_from("abcd"), max_size=2),
    "people": st.frozensets(st.sampled_from(["Ann", "Bo"]), max_size=1),
    "places": st.frozensets(st.sampled_from(["Oslo", "Genève"]), max_size=1),
}
years = st.none() | st.integers(2014, 2026).map(lambda y: YEAR[y].start)
filters = st.builds(Filter, text=texts, start=years, end=years, only_sourced=st.booleans(),
                    only_approximate=st.booleans(), **choices)


@settings(max_examples=150)
@given(tl=events(), flts=st.lists(filters, min_size=1, max_size=6))
def test_apply_agrees_with_a_plain_reference(tl, flts):
    index = SearchIndex(tl)  # one index for the whole sequence, as while typing
    for flt in flts:
        assert_matches_reference(tl, index, flt)


@settings(max_examples=150)
@given(tl=events(), flt=filters, data=st.data())
def test_more_conditions_never_show_more_events(tl, flt, data):
    # given a filter, and the same filter with conditions added
    more = flt.with_(text=flt.text + " " + data.draw(texts),
                     only_sourced=flt.only_sourced or data.draw(st.booleans()),
                     only_approximate=flt.only_approximate or data.draw(st.booleans()))
    for field, values in choices.items():
        if not getattr(flt, field):  # a further value in a chosen facet would widen it
            more = more.with_(**{field: data.draw(values)})
    if flt.start is None:
        more = more.with_(start=data.draw(years))
    if flt.end is None:
        more = more.with_(end=data.draw(years))
    index = SearchIndex(tl)

    # when both are applied, then the second keeps a subset of the first
    assert set(apply(index, more).visible) <= set(apply(index, flt).visible)


@pytest.mark.parametrize("seed", range(3))
def test_large_timelines_take_the_fast_paths_correctly(seed):
    # given enough events and values that some values are rare and candidates are sparse
    rng = random.Random(seed)
    people = [f"Person {k}" for k in range(80)]
    tl = timeline(*(
        ev(f"e{i}", f"{rng.choice(WORDS)} {rng.choice(WORDS)} {i}",
           date=f"{rng.randrange(1990, 2030)}-{rng.randrange(1, 13):02d}",
           category=rng.choice([None, "trade", "security", "law"]),
           tags=tuple(rng.sample("abcdefgh", rng.randrange(0, 3))),
           people=(rng.choice(people[:3] * 20 + people),),
           places=(f"Place {i % 97}",) if i % 3 else ())
        for i in range(600)), categories=("trade",))
    index = SearchIndex(tl)
    typed = "tradewar 12"
    # when filtering as a user types and ticks, then every step agrees with the reference
    for k in range(1, len(typed) + 1):
        assert_matches_reference(tl, index, Filter(text=typed[:k]))
    for flt in (Filter(people=frozenset({"Person 50", "Person 1"})),
                Filter(text="ete", places=frozenset({"Place 3"}), tags=frozenset({"a"})),
                Filter(text="war", start=YEAR[2000].start, end=YEAR[2010].end),
                Filter(text="mont", categories=frozenset({"trade", ""})),
                Filter(text="montreal tradewar 1")):
        assert_matches_reference(tl, index, flt)


def test_the_search_text_is_built_when_first_needed_or_warmed():
    from viewer.load.reading import load_bytes
    from viewer.query.filtering import SearchIndex, apply

    timeline = load_bytes("events:\n  - {title: Montréal talks, date: 2019}\n"
                          "  - {title: Other, date: 2020}\n".encode()).timeline
    index = SearchIndex(timeline)
    assert index._haystacks is None  # showing a timeline does not wait for it
    assert apply(index, Filter(text="montreal")).shown == 1
    again = SearchIndex(timeline)
    again.warm()
    assert again._haystacks == index.haystacks


def test_a_reload_that_left_a_facet_alone_reuses_it_and_counts_the_same():
    from viewer.load.reading import load_bytes
    from viewer.query.filtering import SearchIndex, apply

    text = "".join(["events:\n"] + [f"  - {{id: e{i}, title: T{i}, date: {2000 + i}, "
                                    f"tags: [t{i % 3}], people: [p{i % 2}]}}\n" for i in range(9)])
    first = SearchIndex(load_bytes(text.encode()).timeline)
    retitled = load_bytes(text.replace("title: T4,", "title: Other,").encode()).timeline
    second = SearchIndex(retitled, previous=first)
    assert second.facets["tag"] is first.facets["tag"]  # the same events' tags: not counted
    assert SearchIndex(retitled).facets["tag"] is not first.facets["tag"]  # another file's
    retagged = load_bytes(text.replace("tags: [t1]", "tags: [t9]", 1).encode()).timeline
    third = SearchIndex(retagged, previous=second)
    assert third.facets["tag"] is not first.facets["tag"]
    assert third.facets["person"] is first.facets["person"]
    fresh = dict(apply(SearchIndex(retagged), Filter(text="t")).facets["tag"])
    assert dict(apply(third, Filter(text="t")).facets["tag"]) == fresh
    assert fresh["t9"] == 1 and fresh["t1"] == 2


def test_a_tag_written_twice_on_an_event_counts_once():
    from viewer.load.reading import load_bytes
    from viewer.query.filtering import SearchIndex, apply

    timeline = load_bytes(b"events:\n  - {title: A, date: 2001, tags: [x, y, x]}\n"
                          b"  - {title: B, date: 2002, tags: [x]}\n").timeline
    counts = dict(apply(SearchIndex(timeline), Filter()).facets["tag"])
    assert counts == {"x": 2, "y": 1}


def test_the_search_text_built_in_steps_is_the_one_built_at_once_and_a_search_cuts_it_short():
    from viewer.load.reading import load_bytes
    from viewer.query.filtering import SearchIndex, apply
    from viewer.query.search_text import haystacks

    text = "".join(["events:\n"] + [f"  - {{title: Talks {i}, date: {1900 + i}}}\n"
                                    for i in range(30)])
    timeline = load_bytes(text.encode()).timeline
    stepped = SearchIndex(timeline)
    parts = sum(1 for _ in stepped.warm_steps(step=4))
    assert parts >= 30 // 4 and stepped._haystacks == haystacks(timeline.events)
    interrupted = SearchIndex(load_bytes(text.encode()).timeline)  # new events: all to read
    steps = interrupted.warm_steps(step=4)
    next(steps)
    assert apply(interrupted, Filter(text="talks 12")).shown == 1  # built the rest at once
    assert list(steps) == []  # and the stepping stops
