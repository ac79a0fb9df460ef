"""The Preferences dialog: which editor "Open in editor" starts, and how."""

from __future__ import annotations

import os
import shlex
from collections.abc import Mapping

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from viewer.files.editor_command import CHOICES, default_template, resolve_command

AUTOMATIC, CUSTOM = "Automatic", "Custom command"
_EXAMPLE = "/home/you/events.yaml"


class PreferencesDialog(QDialog):
    """Edits the editor command: "" (automatic, from $VISUAL/$EDITOR) or a template."""

    def __init__(self, command: str, parent: QWidget | None = None,
                 environ: Mapping[str, str] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.setMinimumWidth(560)
        self._environ = environ if environ is not None else os.environ
        auto = default_template(self._environ)
        self.choice = QComboBox()
        self.choice.setAccessibleName("Editor")
        self.choice.addItem(f"{AUTOMATIC} (from $VISUAL or $EDITOR)", "")
        for label, template in CHOICES:
            self.choice.addItem(label, template)
        self.choice.addItem(CUSTOM, None)
        self.command = QLineEdit()
        self.command.setAccessibleName("Editor command")
        self.command.setPlaceholderText(auto or "the system's default application")
        self.command.setToolTip("{file}, {line} and {column} are replaced by the file and the "
                                "place to open; quote a program path that has spaces")
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        help_text = QLabel(
            "“Open in editor” runs this command. <b>{file}</b>, <b>{line}</b> and "
            "<b>{column}</b> are replaced by the file and the place to open. Left empty, it "
            "is derived from $VISUAL or $EDITOR, and without those the file opens in the "
            "system's default application. Terminal editors (vim, nano…) open in a new "
            "terminal window.")
        help_text.setWordWrap(True)
        form = QFormLayout()
        form.addRow("&Editor:", self.choice)
        form.addRow("&Command:", self.command)
        form.addRow("", self.preview)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(help_text)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.command.setText(command)
        self._sync_choice()
        self._update_preview()
        self.choice.activated.connect(self._on_choice_activated)
        self.command.textEdited.connect(self._on_command_text_edited)

    def editor_command(self) -> str:
        """What was chosen: "" for automatic, else a command template."""
        return self.command.text().strip()

    def _sync_choice(self) -> None:
        index = self.choice.findData(self.command.text().strip())
        self.choice.setCurrentIndex(index if index >= 0 else self.choice.count() - 1)

    def _update_preview(self) -> None:
        try:
            argv = resolve_command(self.command.text(), self._environ, _EXAMPLE, 12, 5)
        except (ValueError, OSError) as err:
            self.preview.setText(f"<i>Not usable: {err}</i>")
            return
        shown = "the system's default application" if argv is None else shlex.join(argv)
        self.preview.setText(f"<i>For line 12, column 5 this runs:</i> {_escape(shown)}")

    def _on_choice_activated(self, index: int) -> None:
        template = self.choice.itemData(index)
        if template is not None:
            self.command.setText(template)
        else:
            self.command.setFocus()
        self._update_preview()

    def _on_command_text_edited(self, _text: str) -> None:
        self._sync_choice()
        self._update_preview()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
