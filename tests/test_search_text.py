"""Search text: the fast paths give what the general ones give."""

from hypothesis import given
from hypothesis import strategies as st

from viewer.model.dates import parse_date
from viewer.model.model import Event, Source
from viewer.query.search_text import containing, fold_with_origins, haystacks, search_text

_ASCII = st.text(st.characters(min_codepoint=0, max_codepoint=127), max_size=40)


@given(_ASCII | st.text(max_size=20))
def test_plain_text_folds_as_any_text_does(text):
    hay, origin = fold_with_origins(text)
    slow_hay, slow_origin = fold_with_origins(text, plain=False)
    assert hay == slow_hay and list(origin) == list(slow_origin)


def _event(i: int, title: str, **fields) -> Event:
    return Event(id=f"e{i}", title=title, start=parse_date("2019"), **fields)


def test_a_repeated_or_empty_field_is_searched_once():
    url = "https://example.org/7"
    event = _event(0, "Talks", sources=(Source(url, url),), tags=("talks", ""))
    assert search_text(event).split("\x00") == ["Talks", "talks", url]


@given(st.lists(st.sampled_from(["talks", "tariff", "Montréal", "a  b", "ta lk"]),
                min_size=1, max_size=30), st.sampled_from(["t", "ta", "talks", "e", "a b"]),
       st.integers(0, 2**30))
def test_containing_finds_what_a_plain_scan_finds(titles, term, within_seed):
    hays = haystacks([_event(i, t) for i, t in enumerate(titles)])
    n = len(hays)
    within = within_seed & ((1 << n) - 1)
    within = int.from_bytes(bytes((within >> i) & 1 for i in range(n)), "little")
    size = within.to_bytes(n, "little").count(1)
    expected = bytes(int(bool((within >> (8 * i)) & 1) and term in h) for i, h in enumerate(hays))
    assert containing(hays, term, within, size) == int.from_bytes(expected, "little")


def test_a_reload_looks_up_the_events_it_kept_and_reads_the_others(monkeypatch):
    import viewer.query.search_text as search

    first = [_event(i, f"Trade talks {i}") for i in range(5)]
    hays = haystacks(first)
    assert hays == [f"trade talks {i}" for i in range(5)]
    read: list[str] = []
    real = search._haystack
    monkeypatch.setattr(search, "_haystack", lambda e: read.append(e.id) or real(e))
    edited = _event(2, "Montréal summit")  # a save changed this one: a new object
    second = [first[0], first[1], edited, first[3], first[4], _event(5, "New")]
    assert haystacks(second, (first, hays)) == ["trade talks 0", "trade talks 1",
                                                 "montreal summit", "trade talks 3",
                                                 "trade talks 4", "new"]
    assert read == ["e2", "e5"]  # the kept events were not read again
    read.clear()
    assert haystacks(second)[0] == "trade talks 0"  # without the last ones: all read
    assert len(read) == 6
