"""Shared test set-up: Qt always runs offscreen, so tests never need a display, and no test
ever reads or writes the user's own configuration."""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("QT_SCALE_FACTOR", "1")


@pytest.fixture(scope="session", autouse=True)
def config_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Where the default QSettings (and every program a test runs) keeps its settings,
    instead of the user's ~/.config. Set before any test runs: Qt fixes the settings
    folders at the first QSettings it makes."""
    home = tmp_path_factory.mktemp("config-home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CONFIG_HOME", str(home))
        yield home


@pytest.fixture(autouse=True)
def _settings_of_its_own(config_home: Path) -> Iterator[None]:
    """Fails a test that wrote settings where the app puts them by default (outside tests,
    the user's config): a test gives each window a settings file of its own."""
    yield
    written = sorted(str(p.relative_to(config_home)) for p in config_home.rglob("*")
                     if p.is_file())
    for name in written:
        (config_home / name).unlink()  # the next test starts clean
    assert not written, (f"the test wrote settings into the default location {written}: "
                         "pass MainWindow(settings=QSettings(<tmp file>, IniFormat))")
