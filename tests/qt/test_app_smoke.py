"""The window opens a file and shows its events; a broken file shows its problems."""

from pathlib import Path

from viewer.qt.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]


def test_bundled_file_opens(qtbot, settings):
    window = MainWindow(settings=settings)
    qtbot.addWidget(window)
    window.open_file(str(ROOT / "events.yaml"))
    assert "events.yaml" in window.windowTitle()
    assert window.result is not None and window.result.timeline is not None
    assert len(window.result.timeline.events) >= 20


def test_the_app_and_its_windows_use_the_icon(qtbot):
    from viewer.qt.app import application

    app = application()
    assert not app.windowIcon().isNull()
    assert not app.windowIcon().pixmap(64, 64).isNull()
    assert app.desktopFileName() == "timeline-viewer"


def test_tests_keep_the_default_settings_out_of_the_users_config(qapp, config_home):
    from PySide6.QtCore import QSettings

    default = Path(QSettings().fileName())
    assert default.is_relative_to(config_home), default
    assert not default.is_relative_to(Path.home() / ".config")
