"""What the app remembers between runs, through QSettings: layout, geometry, files, choices."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 8


class Remembered:
    """Typed access to the settings store (injected, so tests use a file of their own)."""

    def __init__(self, store: QSettings) -> None:
        self.store = store

    def _text(self, key: str, default: str) -> str:
        value = self.store.value(key, default)
        return value if isinstance(value, str) else default

    def _int(self, key: str, default: int) -> int:
        value = self.store.value(key, default)
        if isinstance(value, int):
            return value
        try:
            return int(value) if isinstance(value, str) else default  # INI files give text
        except ValueError:
            return default

    def _flag(self, key: str, default: bool) -> bool:
        value = self.store.value(key, default)
        if isinstance(value, str):  # an INI file gives "true"/"false"
            return value.lower() in ("true", "1", "yes")
        return value if isinstance(value, bool) else default

    def _bytes(self, key: str) -> QByteArray | None:
        value = self.store.value(key)
        return value if isinstance(value, QByteArray) else None

    @property
    def geometry(self) -> QByteArray | None:
        return self._bytes("window/geometry")

    @property
    def layout(self) -> QByteArray | None:
        return self._bytes("window/state")

    def save_window(self, geometry: QByteArray, state: QByteArray) -> None:
        self.store.setValue("window/geometry", geometry)
        self.store.setValue("window/state", state)

    @property
    def theme(self) -> str:
        return self._text("view/theme", "system")

    @theme.setter
    def theme(self, value: str) -> None:
        self.store.setValue("view/theme", value)

    @property
    def lane_mode(self) -> str:
        return self._text("view/lanes", "category")

    @lane_mode.setter
    def lane_mode(self, value: str) -> None:
        self.store.setValue("view/lanes", value)

    @property
    def hide_filtered(self) -> bool:
        return self._text("view/filtered", "dim") == "hide"

    @hide_filtered.setter
    def hide_filtered(self, hide: bool) -> None:
        self.store.setValue("view/filtered", "hide" if hide else "dim")

    @property
    def frame_matches(self) -> bool:
        """Fit the matches after every change of the filters (View → Frame matches
        automatically); off by default."""
        return self._flag("view/frame_matches", False)

    @frame_matches.setter
    def frame_matches(self, on: bool) -> None:
        self.store.setValue("view/frame_matches", on)

    @property
    def fold_years(self) -> bool:
        return self._flag("view/fold", True)

    @fold_years.setter
    def fold_years(self, on: bool) -> None:
        self.store.setValue("view/fold", on)

    @property
    def editor_command(self) -> str:
        """The "Open in editor" command template; "" means automatic."""
        return self._text("editor/command", "")

    @editor_command.setter
    def editor_command(self, value: str) -> None:
        self.store.setValue("editor/command", value)

    @property
    def export_size(self) -> tuple[int, int]:
        """The width × height last chosen in File → Export image…."""
        return self._int("export/width", 1600), self._int("export/height", 900)

    @export_size.setter
    def export_size(self, size: tuple[int, int]) -> None:
        self.store.setValue("export/width", size[0])
        self.store.setValue("export/height", size[1])

    @property
    def export_custom_size(self) -> bool:
        """Export at :attr:`export_size` (else at the canvas's size on screen)."""
        return self._flag("export/custom_size", False)

    @export_custom_size.setter
    def export_custom_size(self, custom: bool) -> None:
        self.store.setValue("export/custom_size", custom)

    @property
    def export_whole(self) -> bool:
        """Export the whole timeline (else the current view)."""
        return self._flag("export/whole", False)

    @export_whole.setter
    def export_whole(self, whole: bool) -> None:
        self.store.setValue("export/whole", whole)

    @property
    def export_format(self) -> str:
        """The suffix of the last picture exported: png, svg or pdf."""
        value = self._text("export/format", "png")
        return value if value in ("png", "svg", "pdf") else "png"

    @export_format.setter
    def export_format(self, fmt: str) -> None:
        self.store.setValue("export/format", fmt)

    @property
    def export_folder(self) -> str:
        """The folder the last picture went to ("" before the first)."""
        return self._text("export/folder", "")

    @export_folder.setter
    def export_folder(self, folder: str) -> None:
        self.store.setValue("export/folder", folder)

    @property
    def last_file(self) -> str:
        return self._text("files/last", "")

    @property
    def recent(self) -> list[str]:
        value = self.store.value("files/recent", [])
        if isinstance(value, str):
            value = [value]
        return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []

    def add_recent(self, path: str) -> None:
        recent = [path] + [p for p in self.recent if p != path]
        self.store.setValue("files/recent", recent[:MAX_RECENT])
        self.store.setValue("files/last", path)

    def sync(self) -> None:
        self.store.sync()
