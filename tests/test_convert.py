"""``main.py --convert IN OUT.yaml``: TimelineJS to a clean events.yaml that reads back the same."""

import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from viewer.commands.convert import convert, scalar, to_yaml
from viewer.load.link_check import NEVER_OPENED
from viewer.load.reading import load_bytes, load_path
from viewer.load.yamltree import Map, Scalar, parse
from viewer.model.dates import Date, Precision
from viewer.model.model import Category, Event, Period, Source, Timeline

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "timelinejs"
INPUTS = ["timekeeping.json", "template.csv", "minimal.csv"]


def without_lines(timeline: Timeline) -> Timeline:
    return replace(timeline, periods=tuple(replace(p, line=0) for p in timeline.periods),
                   events=tuple(replace(e, line=0) for e in timeline.events))


def read_back(text: str):
    """The timeline of a converted file, which must load without a problem of its own (a
    description's link the viewer never opens is the description's, and is warned about)."""
    result = load_bytes(text.encode("utf-8"))
    problems = [d for d in result.diagnostics if d.hint != NEVER_OPENED]
    assert problems == [], [d.format("out.yaml") for d in problems]
    return result.timeline


@pytest.mark.parametrize("name", INPUTS)
def test_converting_and_loading_gives_back_the_same_timeline(name):
    original = load_path(DATA / name).timeline
    again = read_back(to_yaml(original, name))
    assert without_lines(again) == without_lines(original)
    for before, after in zip(original.events, again.events, strict=True):
        assert (after.id, after.title, after.description, after.category, after.sources) == (
            before.id, before.title, before.description, before.category, before.sources)
        assert (after.start.iso(), after.start.precision) == (before.start.iso(),
                                                             before.start.precision)
        assert after.end == before.end and after.extra == before.extra
    assert again.categories == original.categories
    assert [replace(p, line=0) for p in again.periods] == [
        replace(p, line=0) for p in original.periods]
    with mock.patch("viewer.load.fastload.fast_load", return_value=None):  # the located path too
        assert without_lines(read_back(to_yaml(original, name))) == without_lines(original)


def test_the_written_file_is_plain_commented_yaml():
    text = to_yaml(load_path(DATA / "template.csv").timeline,
                   "template.csv, a TimelineJS spreadsheet (CSV)")
    lines = text.splitlines()
    assert lines[0] == ("# Converted from template.csv, a TimelineJS spreadsheet (CSV), by "
                        "python main.py --convert.")
    assert "title: A short history of timekeeping" in lines
    assert "  instruments: {label: Instruments, colour: \"#4477aa\"}" in lines
    assert "    date: -1499  # 1500 BC" in lines
    assert '  - title: "# Not a comment - a headline"' in lines
    assert '  - title: "The Gregorian calendar: ten days dropped"' in lines
    assert "    description: |-" in lines
    assert [ln for ln in lines if ln.startswith(("title:", "categories:", "periods:",
                                                 "events:"))] == [
        "title: A short history of timekeeping", "categories:", "periods:", "events:"]
    assert not any(ln != ln.rstrip() for ln in lines)


def test_derived_ids_are_left_out_and_given_ones_kept():
    text = to_yaml(load_path(DATA / "timekeeping.json").timeline, "t")
    assert "    id: julian" in text.splitlines()
    assert text.count("    id: ") == 1


TRICKY = ["a: b", "# not a comment", "say \"hi\"", "it's", "- dash", "-", "--- x", "[x]",
          "{x}", "a, b", "!tag", "&anchor", "*alias", "| pipe", "> fold", "%directive",
          "@at", "`tick", "null", "~", "NULL", "", " leading", "trailing ", "tab\there",
          "line\u2028separator", "nel\x85", "bom\ufeff", "?", "key:", "a #b", "yes", "007",
          "2018-12-01", "back\\slash", "🙂 emoji", "control\x07", "-0499", "😀\U0001F600"]


@pytest.mark.parametrize("text", TRICKY)
def test_a_tricky_title_survives(text):
    timeline = Timeline(text, events=(Event("id", text or "x", Date(2001)),))
    again = read_back(to_yaml(timeline, "test"))
    assert again.title == text


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_any_text_reads_back_as_itself(text):
    root, problems = parse(f"a: {scalar(text)}\nb: [{scalar(text, flow=True)}]\n")
    assert problems == [] and isinstance(root, Map)
    value, items = root.get("a"), root.get("b")
    assert isinstance(value, Scalar) and (value.value or "") == text
    assert [i.value or "" for i in items.items] == [text]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(st.characters(blacklist_categories=("Cs",)), max_size=15),
                min_size=1, max_size=5).map("\n".join))
def test_any_description_reads_back_as_itself(description):
    event = Event("x", "Title", Date(2001, precision=Precision.YEAR), description=description)
    again = read_back(to_yaml(Timeline(events=(event,)), "test"))
    assert again.events[0].description == description


def test_everything_an_event_holds_round_trips():
    event = Event("my-id", "T", Date(2001, 2, 3), Date(2001, 3, precision=Precision.MONTH),
                  category="c", tags=("a, b", "c"), people=("P",), places=("[x]",),
                  summary="S: s", description="One\n\ntwo\n", related=("my-id",),
                  importance=3, extra=(("display_date", "Early 2001"), ("note", "n")),
                  sources=(Source("T", "https://x.org", "P", "2001", True),
                           Source("Plain citation"), Source("https://y.org", "https://y.org",
                                                            safe_url=True)))
    timeline = Timeline("t", "d", (Category("c", "C: c", "#123456"),),
                        (Period("P", Date(2000, precision=Precision.YEAR),
                                Date(2002, precision=Precision.YEAR), "#ee6677", "c"),),
                        (event,))
    assert without_lines(read_back(to_yaml(timeline, "test"))) == timeline


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=cwd,
                          capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("name", ["timekeeping.json", "template.csv"])
def test_main_converts_prints_one_line_and_the_result_checks_clean(tmp_path, name):
    out = tmp_path / "events.yaml"
    before = (DATA / name).read_bytes()
    proc = run("--convert", str(DATA / name), str(out))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout == f"{DATA / name}: converted to {out}: " + proc.stdout.split(": ")[-1]
    assert proc.stdout.count("\n") == 1
    assert (DATA / name).read_bytes() == before
    assert without_lines(load_path(out).timeline) == without_lines(
        load_path(DATA / name).timeline)
    assert run("--check", str(out)).returncode == 0
    assert [p.name for p in tmp_path.iterdir()] == ["events.yaml"]  # no temporary file left


def test_errors_in_the_input_exit_1_with_their_lines_and_write_nothing(tmp_path):
    out = tmp_path / "out.yaml"
    proc = run("--convert", "broken.json", str(out), cwd=DATA)
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("broken.json:5:20: error: start_date has no year")
    assert lines[-1].endswith("(7 errors); nothing written: fix the errors and convert again")
    assert not out.exists()


def test_unusable_input_or_output_exits_2(tmp_path):
    proc = run("--convert", str(DATA / "template.csv"), str(tmp_path / "out.json"))
    assert proc.returncode == 2 and "must end in .yaml or .yml" in proc.stdout
    proc = run("--convert", str(tmp_path / "missing.json"), str(tmp_path / "out.yaml"))
    assert proc.returncode == 2 and "cannot read the file" in proc.stdout
    assert "Traceback" not in proc.stderr
    proc = run("--convert", str(DATA / "template.csv"), str(tmp_path / "no" / "out.yaml"))
    assert proc.returncode == 2 and "cannot write the file" in proc.stdout


def test_the_input_is_never_overwritten(tmp_path):
    src = tmp_path / "events.yaml"
    src.write_text("# mine\nevents:\n  - {title: A, date: 2001}\n")
    assert run("--convert", str(src), str(src)).returncode == 2
    assert run("--convert", str(src), str(tmp_path / "." / "events.yaml")).returncode == 2
    assert src.read_text().startswith("# mine")


def test_an_existing_output_is_replaced_whole_and_keeps_its_mode(tmp_path, capsys):
    out = tmp_path / "out.yml"
    out.write_text("old")
    out.chmod(0o640)
    assert convert(str(DATA / "minimal.csv"), str(out), sys.stdout) == 0
    assert "Only three columns" in out.read_text() and (out.stat().st_mode & 0o777) == 0o640
    assert capsys.readouterr().out == (
        f"{DATA / 'minimal.csv'}: converted to {out}: 1 event, 0 periods, 0 categories, 1969\n")
    assert sorted(os.listdir(tmp_path)) == ["out.yml"]


def test_convert_goes_alone(tmp_path):
    proc = run("--convert", "a.json", "b.yaml", "--check")
    assert proc.returncode == 2 and "--convert takes its own IN and OUT.yaml" in proc.stderr


_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=20)
_DATE = st.fixed_dictionaries({"year": st.integers(-5000, 3000).filter(bool)},
                              optional={"month": st.integers(1, 12), "day": st.integers(1, 28)})
_SLIDE = st.fixed_dictionaries({"start_date": _DATE}, optional={
    "end_date": _DATE, "group": _TEXT, "display_date": _TEXT, "unique_id": _TEXT,
    "text": st.fixed_dictionaries({}, optional={"headline": _TEXT, "text": _TEXT}),
    "media": st.fixed_dictionaries({"url": _TEXT | st.just("https://x.org/a")},
                                   optional={"caption": _TEXT, "credit": _TEXT})})


@settings(max_examples=200, deadline=None)
@given(st.lists(_SLIDE, max_size=6), _TEXT)
def test_any_timelinejs_timeline_converts_and_reads_back_the_same(slides, headline):
    data = json.dumps({"title": {"text": {"headline": headline}}, "events": slides})
    original = load_bytes(data.encode(), name="t.json").timeline
    again = load_bytes(to_yaml(original, "t.json").encode()).timeline
    assert again is not None and without_lines(again) == without_lines(original)
