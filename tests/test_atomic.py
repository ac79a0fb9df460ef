"""What the app writes appears whole or not at all, and nothing is left behind."""

import os

import pytest

from viewer.atomic import atomic_target, write_atomic


def test_write_replaces_the_whole_file(tmp_path):
    path = tmp_path / "out.yaml"
    path.write_text("old")
    write_atomic(path, b"new content")
    assert path.read_bytes() == b"new content"
    assert os.listdir(tmp_path) == ["out.yaml"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    path = tmp_path / "out.png"
    path.write_text("old")
    with pytest.raises(RuntimeError), atomic_target(path) as tmp:
        assert tmp.endswith(".png") and os.path.dirname(tmp) == str(tmp_path)
        with open(tmp, "w") as half:
            half.write("half")
        raise RuntimeError("the writer failed")
    assert path.read_text() == "old"
    assert os.listdir(tmp_path) == ["out.png"]


def test_an_existing_files_permissions_are_kept(tmp_path):
    path = tmp_path / "shared.csv"
    path.write_text("old")
    path.chmod(0o640)
    write_atomic(path, b"new")
    assert path.stat().st_mode & 0o777 == 0o640
