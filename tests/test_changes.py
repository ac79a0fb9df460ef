"""What a save changed, as the window would describe it after a reload."""

from viewer.load.fastload import Memo
from viewer.load.reading import load_bytes
from viewer.model.changes import Changes, diff, stable_key
from viewer.model.model import Timeline

BASE = """\
title: Test
events:
  - {id: a, title: Alpha, date: 2001}
  - {id: b, title: Beta, date: 2002}
  - {title: Gamma, date: 2003}
"""


def timeline(text: str, memo: Memo | None = None) -> Timeline:
    result = load_bytes(text.encode(), memo=memo)
    assert not result.errors, result.errors
    assert result.timeline is not None
    return result.timeline


def test_the_same_file_has_no_changes():
    changes = diff(timeline(BASE), timeline(BASE))
    assert changes == Changes()
    assert not changes
    assert changes.describe() == "no changes"


def test_added_removed_and_changed_are_told_apart():
    new = BASE.replace("  - {id: a, title: Alpha, date: 2001}\n", "") \
              .replace("title: Beta", "title: Beta (edited)") \
              + "  - {id: d, title: Delta, date: 2004}\n  - {id: e, title: Eps, date: 2005}\n"
    changes = diff(timeline(BASE), timeline(new))
    assert changes.added == ("d", "e")
    assert changes.removed == ("a",)
    assert changes.changed == ("b",)
    assert changes.touched == ("d", "e", "b")
    assert changes.describe() == "2 added, 1 removed, 1 changed"


def test_an_event_that_only_moved_lines_is_not_changed():
    moved = BASE.replace("title: Test\n", "title: Test\n# a comment\n\n")
    old, new = timeline(BASE), timeline(moved)
    assert old.events[0].line != new.events[0].line
    assert diff(old, new).describe() == "no changes"


def test_reordering_events_in_the_file_is_not_a_change():
    lines = BASE.splitlines(keepends=True)
    reordered = "".join(lines[:2] + lines[2:][::-1])
    assert diff(timeline(BASE), timeline(reordered)).describe() == "no changes"


def test_a_changed_field_deep_inside_an_event_counts():
    old = BASE.replace("{id: b, title: Beta, date: 2002}",
                       "{id: b, title: Beta, date: 2002, tags: [x, y]}")
    new = old.replace("tags: [x, y]", "tags: [x, z]")
    assert diff(timeline(old), timeline(new)).changed == ("b",)


def test_an_event_without_an_id_is_followed_by_its_derived_id():
    new = BASE.replace("{title: Gamma, date: 2003}", "{title: Gamma, date: 2003, summary: s}")
    gamma = timeline(new).events[2]
    assert stable_key(gamma) == gamma.id == "2003-gamma"
    assert diff(timeline(BASE), timeline(new)).changed == ("2003-gamma",)


def test_renaming_an_id_less_event_is_one_removed_and_one_added():
    new = BASE.replace("title: Gamma", "title: Gamma ray")
    changes = diff(timeline(BASE), timeline(new))
    assert changes.describe() == "1 added, 1 removed"


def test_parts_other_than_events_are_named():
    new = BASE.replace("title: Test\n", "title: Other\nperiods:\n"
                                        "  - {title: P, start: 2001, end: 2003}\n")
    changes = diff(timeline(BASE), timeline(new))
    assert changes.sections == ("title", "periods")
    assert changes.describe() == "title and periods changed"
    assert changes


def test_a_period_that_only_moved_lines_is_not_changed():
    with_period = BASE + "periods:\n  - {title: P, start: 2001, end: 2003}\n"
    moved = with_period.replace("title: Test\n", "title: Test\n\n")
    assert diff(timeline(with_period), timeline(moved)) == Changes()


def test_from_nothing_everything_is_added():
    changes = diff(Timeline(), timeline(BASE))
    assert changes.added == ("a", "b", "2003-gamma")
    assert diff(timeline(BASE), Timeline()).describe() == "3 removed, title changed"


def test_describe_words_single_parts():
    assert Changes(removed=("x",)).describe() == "1 removed"
    assert Changes(added=("x", "y"), changed=("z",)).describe() == "2 added, 1 changed"
    assert Changes(sections=("title", "categories", "periods")).describe() == (
        "title, categories and periods changed")


def test_events_sharing_an_id_are_compared_as_a_group():
    from viewer.model.dates import parse_date
    from viewer.model.model import Event

    def ev(title: str) -> Event:
        return Event("x", title, parse_date("2001"))

    old = Timeline(events=(ev("One"), ev("Two"), Event("y", "Y", parse_date("2002"))))
    same = Timeline(events=(ev("One"), ev("Two")))
    edited = Timeline(events=(ev("One"), ev("Three")))
    assert diff(old, same) == Changes(removed=("y",))
    assert diff(old, edited) == Changes(removed=("y",), changed=("x",))
    assert diff(same, old) == Changes(added=("y",))


def test_an_edit_to_one_of_many_events_read_again_is_found():
    text = BASE + "".join(f"  - {{id: n{i}, title: N{i}, date: {1900 + i}}}\n"
                          for i in range(50))
    memo = Memo()  # the file's, as its documents hand it on
    first = timeline(text, memo)
    second = timeline(text.replace("title: N7,", "title: N7 edited,"), memo)
    kept = {e.id for e in second.events if e is first.event(e.id)}  # read again, not rebuilt
    assert kept == {e.id for e in first.events} - {"n7", "2003-gamma"}  # gamma: id derived
    assert diff(first, second) == Changes(changed=("n7",))
