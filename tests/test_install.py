"""Installed like a desktop app: `pip install .` gives a `timeline-viewer` command that finds
the example, the template and the format reference, plus an icon and a .desktop entry."""

import configparser
import os
import subprocess
import sys
import sysconfig
import xml.etree.ElementTree as ET
from pathlib import Path

from viewer import __version__
from viewer.files.resources import bundled_example, format_reference, resource

ROOT = Path(__file__).resolve().parent.parent


def test_the_checkout_finds_its_own_files():
    assert bundled_example() == ROOT / "events.yaml"
    assert format_reference() == ROOT / "FORMAT.md"
    assert resource("new-events.yaml") == ROOT / "resources" / "new-events.yaml"


def test_the_desktop_entry_launches_the_command_with_the_icon():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # keys are case-sensitive
    entry.read(ROOT / "resources" / "timeline-viewer.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application" and desktop["Name"] == "Timeline Viewer"
    assert desktop["Exec"].split()[0] == "timeline-viewer"
    assert (ROOT / "resources" / f"{desktop['Icon']}.svg").exists()
    assert "application/yaml" in desktop["MimeType"].split(";")


def test_the_icon_is_a_square_svg():
    svg = ET.parse(ROOT / "resources" / "timeline-viewer.svg").getroot()
    assert svg.tag.endswith("svg")
    assert svg.get("viewBox") == "0 0 256 256"


def test_pip_install_gives_a_working_command(tmp_path):
    prefix = tmp_path / "prefix"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--prefix",
                    str(prefix), str(ROOT)], check=True, capture_output=True, timeout=600,
                   cwd=tmp_path)
    site = Path(sysconfig.get_path("purelib", vars={"base": str(prefix),
                                                    "platbase": str(prefix)}))
    env = {**os.environ, "PYTHONPATH": str(site)}
    command = prefix / "bin" / "timeline-viewer"
    version = subprocess.run([str(command), "--version"], capture_output=True, text=True,
                             env=env, cwd=tmp_path, timeout=120, check=False)
    assert version.returncode == 0 and version.stdout.strip() == f"Timeline Viewer {__version__}"
    check = subprocess.run([str(command), "--check"], capture_output=True, text=True, env=env,
                           cwd=tmp_path, timeout=120, check=False)
    assert check.returncode == 0, check.stdout + check.stderr
    assert str(prefix / "share" / "timeline-viewer" / "events.yaml") in check.stdout
    assert "39 events" in check.stdout
    for data in ("share/applications/timeline-viewer.desktop",
                 "share/icons/hicolor/scalable/apps/timeline-viewer.svg",
                 "share/timeline-viewer/resources/new-events.yaml",
                 "share/timeline-viewer/FORMAT.md"):
        assert (prefix / data).exists(), data
