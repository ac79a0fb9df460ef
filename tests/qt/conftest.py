"""Widgets on the bundled file, ready to be poked as a user would."""

from pathlib import Path

import pytest

from viewer.load.reading import load_path
from viewer.qt.canvas import TimelineCanvas
from viewer.qt.view_state import ViewState

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def bundled():
    return load_path(ROOT / "events.yaml").timeline


@pytest.fixture
def canvas(qtbot, bundled):
    state = ViewState()
    widget = TimelineCanvas(state)
    widget.set_theme("light")
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.set_timeline(bundled)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def settings(tmp_path):
    """A settings file of the test's own, never the user's."""
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def bundled_window(qtbot, settings):
    """The main window, with settings of its own, showing the bundled file."""
    from viewer.qt.main_window import MainWindow

    w = MainWindow(settings=settings)
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    assert w.open_file(str(ROOT / "events.yaml"))
    return w
