"""Preferences and File → New, as a user goes through them (editors are never started)."""

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox

from viewer.load.reading import load_path
from viewer.qt import file_actions
from viewer.qt.main_window import MainWindow
from viewer.qt.preferences import PreferencesDialog

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def started() -> list[list[str]]:
    return []


@pytest.fixture
def window(qtbot, tmp_path, started):
    w = MainWindow(settings=QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat),
                   open_url=lambda url: True,
                   start_process=lambda argv: started.append(argv) or True)
    qtbot.addWidget(w)
    yield w
    w.live.close()


def test_automatic_shows_what_visual_gives(qtbot):
    dialog = PreferencesDialog("", environ={"VISUAL": "code"})
    qtbot.addWidget(dialog)
    assert dialog.choice.currentIndex() == 0
    assert dialog.command.placeholderText() == "code -g {file}:{line}:{column}"
    assert "code -g /home/you/events.yaml:12:5" in dialog.preview.text()


def test_without_any_editor_the_system_application_is_used(qtbot):
    dialog = PreferencesDialog("", environ={})
    qtbot.addWidget(dialog)
    assert "system's default application" in dialog.preview.text()


def test_picking_an_editor_fills_in_its_command(qtbot):
    dialog = PreferencesDialog("", environ={})
    qtbot.addWidget(dialog)
    index = dialog.choice.findText("Sublime Text")
    dialog.choice.setCurrentIndex(index)
    dialog.choice.activated.emit(index)
    assert dialog.editor_command() == "subl {file}:{line}:{column}"
    assert "subl /home/you/events.yaml:12:5" in dialog.preview.text()


def test_typing_a_command_of_ones_own_is_custom(qtbot):
    dialog = PreferencesDialog("", environ={})
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.command, "'/opt/My Editor/ed' --goto {line} {file}")
    assert dialog.choice.currentText() == "Custom command"
    assert "'/opt/My Editor/ed' --goto 12 /home/you/events.yaml" in dialog.preview.text()


def test_a_broken_command_says_why(qtbot):
    dialog = PreferencesDialog("", environ={})
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.command, "ed 'unclosed")
    assert "Not usable" in dialog.preview.text()


def test_the_choice_is_remembered_and_used(window, started, tmp_path, monkeypatch):
    monkeypatch.setattr(PreferencesDialog, "exec", lambda self: (
        self.command.setText("kate -l {line} -c {column} {file}"), 1)[1])
    assert file_actions.edit_preferences(window)
    again = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    assert again.value("editor/command") == "kate -l {line} -c {column} {file}"
    window.open_in_editor(7, 3, str(tmp_path / "x.yaml"))
    assert started == [["kate", "-l", "7", "-c", "3", str((tmp_path / "x.yaml").resolve())]]


def test_new_file_writes_the_template_shows_it_and_opens_the_editor(window, started,
                                                                    tmp_path):
    window.remembered.editor_command = "gedit +{line} {file}"
    target = tmp_path / "mine"
    assert file_actions.new_file(window, str(target))
    created = tmp_path / "mine.yaml"
    text = created.read_text(encoding="utf-8")
    schema = Path(file_actions.resource("events.schema.json"))
    assert text.splitlines()[0] == f"# yaml-language-server: $schema={schema.as_uri()}"
    assert text.splitlines()[1:] == file_actions.TEMPLATE.read_text().splitlines()[1:]
    assert window.path == str(created) and len(window.timeline.events) == 3
    line = int(started[0][1].lstrip("+"))
    assert created.read_text().splitlines()[line - 1].strip() == "title: The project starts"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp left


def test_the_template_is_a_valid_commented_events_file():
    result = load_path(file_actions.TEMPLATE)
    assert result.diagnostics == [] and result.timeline is not None
    assert Path(file_actions.TEMPLATE).read_text().startswith("#")


@pytest.fixture
def shown(window, qtbot, tmp_path):
    """The window showing ``mine/events.yaml``, a copy of the bundled file, zoomed in."""
    from viewer.model.dates import parse_date
    from viewer.view.timewindow import TimeWindow

    folder = tmp_path / "mine"
    folder.mkdir()
    events = folder / "events.yaml"
    events.write_bytes((ROOT / "events.yaml").read_bytes())
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    assert window.open_file(str(events))
    window.state.set_window(TimeWindow(parse_date("2019").start, parse_date("2020").end),
                            settle_now=True)
    return events


@pytest.fixture
def warnings(monkeypatch) -> list[str]:
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        staticmethod(lambda parent, title, text: said.append(text)))
    return said


def answer_save_dialog(monkeypatch, answer=None) -> list[str]:
    """The save dialog: records the name it proposes, and accepts it (or ``answer``)."""
    proposed: list[str] = []

    def dialog(parent, caption, start, *rest):
        proposed.append(start)
        return (start if answer is None else answer), ""
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(dialog))
    return proposed


def test_new_proposes_an_untitled_file_beside_the_shown_one_and_shows_it_fitted(
        window, shown, monkeypatch):
    before = shown.read_bytes()
    proposed = answer_save_dialog(monkeypatch)
    window.menus.file_menu.actions()[0].trigger()  # File → New…, as Ctrl+N does
    created = shown.parent / "untitled-events.yaml"
    assert proposed == [str(created)]
    assert shown.read_bytes() == before  # the user's timeline is untouched
    assert window.path == str(created) and len(window.timeline.events) == 3
    assert window.state.window == window.canvas.fitted(window.canvas.fit_extent(),
                                                       window.canvas.width())
    file_actions.new_file(window)  # again: the name is taken now
    assert proposed[-1] == str(shown.parent / "untitled-events-2.yaml")


@pytest.mark.parametrize("name", ["events.yaml", "./events.yaml", "linked.yaml", "events"])
def test_new_never_writes_over_the_file_shown(window, shown, warnings, monkeypatch, name):
    os.link(shown, shown.parent / "linked.yaml")
    before = shown.read_bytes()
    shown_window = window.state.window
    answer_save_dialog(monkeypatch, str(shown.parent / name))
    assert not file_actions.new_file(window)
    assert warnings == [f"{shown.parent / name}{'.yaml' if name == 'events' else ''} is the "
                        "file shown; File → New never writes over it. Choose another name."]
    assert shown.read_bytes() == before and os.path.samefile(shown, shown.parent / "linked.yaml")
    assert window.path == str(shown) and window.state.window == shown_window


def test_a_yaml_suffix_added_to_the_name_typed_asks_before_replacing(window, shown,
                                                                     monkeypatch):
    notes = shown.parent / "notes.yaml"
    notes.write_text("# my notes\n")
    asked = []
    monkeypatch.setattr(QMessageBox, "question", staticmethod(
        lambda *args: asked.append(args[2]) or QMessageBox.StandardButton.No))
    assert not file_actions.new_file(window, str(shown.parent / "notes"))
    assert asked == [f"“notes.yaml” already exists in {shown.parent}. Replace it?"]
    assert notes.read_text() == "# my notes\n" and window.path == str(shown)
