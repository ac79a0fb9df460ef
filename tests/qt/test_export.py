"""``main.py FILE --export OUT`` renders without a window; bad paths and formats exit 2."""

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtGui import QFont, QImage

from viewer.qt.export import layout_dpi

ROOT = Path(__file__).resolve().parents[2]


def main_py(*args: str) -> subprocess.CompletedProcess[str]:
    """``main.py`` run as a user runs it, offscreen, with ``args``."""
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True,
                          text=True, timeout=120,
                          env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin",
                               "HOME": str(ROOT)})


def export(*args: str) -> subprocess.CompletedProcess[str]:
    return main_py(str(ROOT / "events.yaml"), "--export", *args)


def test_png_has_the_asked_size_and_shows_events(tmp_path, qapp):
    out = tmp_path / "t.png"
    proc = export(str(out), "--size", "1200x700")
    assert proc.returncode == 0, proc.stderr
    image = QImage(str(out))
    assert image.width() == 1200 and image.height() >= 700  # taller if the lanes need it
    # not blank: the lanes' colours are there
    colours = {image.pixel(x, y) for x in range(0, 1200, 7) for y in range(60, 700, 7)}
    assert len(colours) > 20


def test_svg_keeps_titles_as_text(tmp_path):
    out = tmp_path / "t.svg"
    proc = export(str(out), "--from", "2018-06", "--to", "2022")
    assert proc.returncode == 0, proc.stderr
    root = ET.parse(out).getroot()
    texts = " ".join(t.text or "" for t in root.iter() if t.tag.endswith("text"))
    assert "Detention dispute" in texts
    assert "China detains Michael Kovrig and Michael Spavor" in texts


def test_svg_text_has_the_size_the_layout_measured(tmp_path, qapp):
    out = tmp_path / "t.svg"
    proc = export(str(out))
    assert proc.returncode == 0, proc.stderr
    sizes = Counter(e.get("font-size") for e in ET.parse(out).getroot().iter()
                    if e.get("font-size"))
    most = float(sizes.most_common(1)[0][0])  # the events' labels, in the app's font
    assert most == pytest.approx(QFont().pointSizeF() * layout_dpi() / 72, rel=0.01)


def test_pdf_is_a_pdf(tmp_path):
    out = tmp_path / "t.pdf"
    proc = export(str(out), "--theme", "dark")
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes().startswith(b"%PDF")


def test_bad_format_and_path_exit_2(tmp_path):
    bad_format = export(str(tmp_path / "t.gif"))
    assert bad_format.returncode == 2
    assert "use a .png, .svg, .pdf, .csv or .ics" in bad_format.stderr
    bad_path = export(str(tmp_path / "missing" / "t.png"))
    assert bad_path.returncode == 2 and "does not exist" in bad_path.stderr
    bad_date = export(str(tmp_path / "t.png"), "--from", "2018-13")
    assert bad_date.returncode == 2 and "month 13" in bad_date.stderr
    bad_size = export(str(tmp_path / "t.png"), "--size", "big")
    assert bad_size.returncode == 2 and "not a size" in bad_size.stderr
    assert not (tmp_path / "t.png").exists()


def screenshot(*args: str) -> subprocess.CompletedProcess[str]:
    return main_py(str(ROOT / "events.yaml"), "--screenshot", *args)


def test_a_screenshot_is_the_window_at_the_asked_size(tmp_path, qapp):
    out = tmp_path / "w.png"
    proc = screenshot(str(out), "--size", "1300x800", "--select", "meng-arrest")
    assert proc.returncode == 0, proc.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1300, 800)


def test_a_screenshot_shows_the_dates_asked_for(tmp_path, qapp, monkeypatch):
    import argparse
    import io

    from viewer.model.dates import parse_date
    from viewer.qt import headless
    from viewer.qt.main_window import MainWindow

    shown = []
    close = MainWindow.close
    monkeypatch.setattr(MainWindow, "close", lambda w: (shown.append(w.state.window), close(w)))
    args = argparse.Namespace(screenshot=str(tmp_path / "w.png"), theme="light",
                              lanes="category", size=(1200, 800), search=None, select=None,
                              date_from="2018-06", date_to="2022")
    assert headless.screenshot_file(str(ROOT / "events.yaml"), args, io.StringIO()) == 0
    assert (shown[0].start, shown[0].end) == (parse_date("2018-06").start,
                                              parse_date("2022").end)


def test_screenshot_dates_the_wrong_way_round_exit_2(tmp_path):
    proc = screenshot(str(tmp_path / "w.png"), "--from", "2022", "--to", "2018")
    assert proc.returncode == 2 and "--from must come before --to" in proc.stderr
    assert not (tmp_path / "w.png").exists()
    launch = main_py("--from", "2018")
    assert launch.returncode == 2 and "--from and --to go with --export or --screenshot" \
        in launch.stderr


def test_nothing_is_ever_written_over_the_file_being_read(tmp_path):
    sheet = tmp_path / "sheet.csv"
    sheet.write_bytes((ROOT / "tests" / "data" / "timelinejs" / "template.csv").read_bytes())
    events = tmp_path / "events.yaml"
    events.write_bytes((ROOT / "events.yaml").read_bytes())
    os.link(events, tmp_path / "linked.png")
    before = sheet.read_bytes(), events.read_bytes()
    for args in ((str(sheet), "--export", str(sheet)),
                 (str(sheet), "--export", str(tmp_path / "." / "sheet.csv")),
                 (str(events), "--export", str(tmp_path / "linked.png")),
                 (str(events), "--screenshot", str(tmp_path / "linked.png"))):
        proc = main_py(*args)
        assert proc.returncode == 2, (args, proc.stderr)
        assert "is the file being shown or read; it is never written over" in proc.stderr
        assert "Traceback" not in proc.stderr
    assert (sheet.read_bytes(), events.read_bytes()) == before
    assert os.path.samefile(events, tmp_path / "linked.png")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.yaml", "linked.png",
                                                         "sheet.csv"]


@pytest.mark.parametrize("args", [("--export", ""), ("--screenshot", " "),
                                  ("--convert", "events.yaml", "")])
def test_an_empty_output_name_is_a_usage_error_not_the_window(args, monkeypatch, capsys):
    from viewer.commands import cli
    from viewer.qt import app

    launched = []
    monkeypatch.setattr(app, "run", lambda *a, **k: launched.append(a) or 0)
    with pytest.raises(SystemExit) as exited:
        cli.main(list(args))
    assert exited.value.code == 2 and not launched
    assert f"{args[0]} needs the name of the file to write" in capsys.readouterr().err


def test_a_screenshot_of_an_unreadable_file_exits_2_as_check_and_export_do(tmp_path):
    missing = tmp_path / "nope.yaml"
    for option in ("--check", "--export", "--screenshot"):
        proc = main_py(str(missing), *((option,) if option == "--check" else
                                       (option, str(tmp_path / "out.png"))))
        assert proc.returncode == 2, (option, proc.stdout, proc.stderr)
        assert f"{missing}: error: cannot read the file" in proc.stdout + proc.stderr
    assert not (tmp_path / "out.png").exists()


@pytest.mark.parametrize("name", ["out.csv", "out.ics", "out.png"])
def test_a_failed_write_names_the_file_asked_for_not_a_temporary_one(tmp_path, name):
    target = tmp_path / name
    target.mkdir()  # a folder in the way: the rename over it fails
    proc = export(str(target))
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"error: cannot write '{target}': "), proc.stderr
    assert ".out-" not in proc.stderr, proc.stderr


def test_the_whole_timeline_shows_every_lane_and_row_growing_taller(canvas, tmp_path):
    """A picture of the whole timeline is as tall as its lanes need, and no pill gathers
    events that have room: every event is drawn, and its label is whole."""
    from viewer.qt.export import export_canvas, export_frame

    frame = export_frame(canvas, 1200, 400, whole=True)
    assert frame.height >= frame.metrics.lanes_top + frame.scene.height
    assert all(not box.layout.clusters for box in frame.scene.lanes)
    drawn = {p.index for box in frame.scene.lanes for p in box.layout.items}
    assert drawn == set(range(len(canvas.timeline.events)))
    labels = {canvas.timeline.events[p.index].title == p.label
              for box in frame.scene.lanes for p in box.layout.items}
    assert labels == {True}
    out = tmp_path / "whole.png"
    export_canvas(canvas, out, 1200, 400, whole=True, keep=())
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1200, round(frame.height))
