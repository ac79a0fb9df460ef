"""File → New and Preferences: the two places where the app writes something the user asked
for (a new events file, the editor setting), never the file it shows."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from viewer.files.atomic import free_name, same_file, write_atomic
from viewer.files.resources import resource
from viewer.qt.plain_text import message
from viewer.qt.preferences import PreferencesDialog

if TYPE_CHECKING:
    from viewer.qt.main_window import MainWindow

TEMPLATE = resource("new-events.yaml")


def first_event_line(text: str) -> int:
    """The line of the template's first event title, where the editor should open."""
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip().startswith("title:") and line.startswith((" ", "-")):
            return number
    return 1


SCHEMA_COMMENT = "# yaml-language-server: $schema="


def template_text() -> str:
    """The template, its schema comment pointing at the schema where it really is, so that
    editors with a YAML language server find it from wherever the new file is saved."""
    schema = resource("events.schema.json")
    lines = TEMPLATE.read_text(encoding="utf-8").splitlines(keepends=True)
    if lines and lines[0].startswith(SCHEMA_COMMENT):
        lines[0] = SCHEMA_COMMENT + schema.as_uri() + "\n" if schema.exists() else ""
    return "".join(lines)


def create_events_file(path: str | Path, keep: str | Path = "") -> int:
    """Write the commented template to ``path`` (atomically), never over ``keep`` (the file
    shown: :class:`viewer.files.atomic.SameFileError` then); return the line to edit."""
    text = template_text()
    write_atomic(path, text.encode("utf-8"), keep=(keep,))
    return first_event_line(text)


NEW_NAME = "untitled-events"


def new_file(window: MainWindow, path: str = "") -> bool:
    """Ask where (unless ``path`` is given), create a commented events file there, show it,
    fitted, and open it in the editor. Never over the file shown: the proposed name is a
    free ``untitled-events.yaml`` beside it. False if cancelled or not written."""
    if not path:
        start = Path(window.path).parent if window.path else Path.home()
        path, _ = QFileDialog.getSaveFileName(window, "Create a new events file",
                                              str(free_name(start, NEW_NAME, ".yaml")),
                                              "Events files (*.yaml *.yml)")
        if not path:
            return False
    named = Path(path).suffix.lower() in (".yaml", ".yml")
    path = path if named else path + ".yaml"
    if same_file(path, window.path):
        QMessageBox.warning(window, "Cannot create the file",
                            message(f"{path} is the file shown; File → New never writes "
                                    "over it. Choose another name."))
        return False
    if not named and Path(path).exists() and QMessageBox.question(
            window, "Replace the file?", message(f"“{Path(path).name}” already exists in "
                                                 f"{Path(path).parent}. Replace it?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No) != QMessageBox.StandardButton.Yes:
        return False  # the save dialog asked about the name typed, not this one
    try:
        line = create_events_file(path, window.path)
    except OSError as err:  # a SameFileError too, should the file shown become this one
        QMessageBox.warning(window, "Cannot create the file",
                            message(f"{path} could not be written: {err.strerror or err}"))
        return False
    if not window.open_file(path):
        return False
    window.open_in_editor(line, 1, path)
    return True


def open_in_editor(window: MainWindow, line: int, column: int, path: str) -> None:
    """Start the editor chosen in Preferences at ``path:line:column``, never waiting for
    it; a failure to start it is said in the status bar and a non-modal message."""
    if not path:
        return
    problem = window.editor.open(window.remembered.editor_command, path, line, column)
    if not problem:
        window.statusBar().showMessage(f"Opened {Path(path).name} at line {line} in the "
                                       "editor", 5000)
        return
    window.statusBar().showMessage(problem, 15_000)
    box = QMessageBox(QMessageBox.Icon.Warning, "Cannot open the editor", problem,
                      QMessageBox.StandardButton.Ok, window)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()  # not modal: the viewer goes on


def edit_preferences(window: MainWindow) -> bool:
    """The Preferences dialog; True when the user changed and kept something."""
    dialog = PreferencesDialog(window.remembered.editor_command, window,
                               environ=window.editor.environ)
    if not dialog.exec():
        return False
    window.remembered.editor_command = dialog.editor_command()
    window.remembered.sync()
    return True
