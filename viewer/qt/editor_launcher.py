"""Starting the user's editor at a line, without ever waiting for it."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path

from PySide6.QtCore import QProcess, QUrl

from viewer.files.editor_command import resolve_command

StartProcess = Callable[[list[str]], bool]
OpenUrl = Callable[[QUrl], object]


def start_detached(argv: list[str]) -> bool:
    """Start ``argv`` as a process of its own; False when it could not be started."""
    ok, _pid = QProcess.startDetached(argv[0], argv[1:])
    return bool(ok)


class EditorLauncher:
    """Opens a file at a line with the command the user chose (see Preferences).

    ``start`` and ``open_url`` are injected so tests see the command without running it.
    """

    def __init__(self, start: StartProcess = start_detached,
                 open_url: OpenUrl | None = None,
                 environ: Mapping[str, str] | None = None) -> None:
        self.start = start
        self.open_url = open_url
        self.environ = environ if environ is not None else os.environ
        self.last_command: list[str] | None = None

    def open(self, setting: str, path: str, line: int, column: int = 1) -> str:
        """Open ``path`` at ``line``; return "" on success, else what went wrong, for the
        user. With no editor configured the system's default application opens the file."""
        file = str(Path(path).resolve())
        try:
            argv = resolve_command(setting, self.environ, file, line, column)
        except ValueError as err:
            return f"The editor command is not valid: {err}. Change it in Preferences."
        except OSError as err:
            return f"Cannot open a terminal for the editor: {err}."
        self.last_command = argv
        if argv is None:
            if self.open_url is not None and self.open_url(QUrl.fromLocalFile(file)) is False:
                return ("No editor is set and the system could not open the file: choose "
                        "an editor in Preferences.")
            return ""
        if not self.start(argv):
            return f"Could not start '{argv[0]}': check the editor command in Preferences."
        return ""
