"""What the app writes appears whole or not at all, and nothing is left behind."""

import os

import pytest

from viewer.files.atomic import (
    SameFileError,
    atomic_target,
    free_name,
    name_beside,
    same_file,
    write_atomic,
)


def test_write_replaces_the_whole_file(tmp_path):
    path = tmp_path / "out.yaml"
    path.write_text("old")
    write_atomic(path, b"new content", keep=())
    assert path.read_bytes() == b"new content"
    assert os.listdir(tmp_path) == ["out.yaml"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    path = tmp_path / "out.png"
    path.write_text("old")
    with pytest.raises(RuntimeError), atomic_target(path, keep=()) as tmp:
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
    write_atomic(path, b"new", keep=())
    assert path.stat().st_mode & 0o777 == 0o640


def test_one_file_under_another_name_is_the_same_file(tmp_path):
    shown = tmp_path / "sheet.csv"
    shown.write_text("mine")
    os.link(shown, tmp_path / "hard.csv")
    os.symlink(shown, tmp_path / "soft.csv")
    for name in ("sheet.csv", "./sheet.csv", "hard.csv", "soft.csv"):
        assert same_file(tmp_path / name, shown), name
    assert same_file(tmp_path / "gone.csv", tmp_path / "x" / ".." / "gone.csv")
    assert not same_file(tmp_path / "other.csv", shown) and not same_file("", shown)
    assert not same_file("sheet\0.csv", shown)
    os.symlink(tmp_path / "loop", tmp_path / "loop")
    assert not same_file(tmp_path / "loop", shown)


@pytest.mark.parametrize("name", ["sheet.csv", "./sheet.csv", "hard.csv", "soft.csv"])
def test_no_write_ever_replaces_the_file_being_read(tmp_path, name):
    shown = tmp_path / "sheet.csv"
    shown.write_text("mine")
    os.link(shown, tmp_path / "hard.csv")
    os.symlink(shown, tmp_path / "soft.csv")
    with pytest.raises(SameFileError, match="is the file being shown or read; it is never "
                       "written over"):
        write_atomic(tmp_path / name, b"export", keep=(str(shown),))
    assert shown.read_text() == "mine" and (tmp_path / name).read_text() == "mine"
    assert sorted(os.listdir(tmp_path)) == ["hard.csv", "sheet.csv", "soft.csv"]


def test_a_failed_write_names_the_target_not_its_temporary_file(tmp_path):
    for target in (tmp_path / "missing" / "out.csv", tmp_path / "a-folder.ics"):
        if target.suffix == ".ics":
            target.mkdir()  # the rename over it fails
        with pytest.raises(OSError) as raised:
            write_atomic(target, b"data", keep=())
        assert raised.value.filename == str(target) and raised.value.strerror
        assert f"{target.stem}-" not in str(raised.value), str(raised.value)
    assert os.listdir(tmp_path) == ["a-folder.ics"]  # no temporary file left


def test_free_names_count_up_beside_the_files_there(tmp_path):
    assert free_name(tmp_path, "untitled-events", ".yaml") == tmp_path / "untitled-events.yaml"
    (tmp_path / "untitled-events.yaml").write_text("")
    (tmp_path / "untitled-events-2.yaml").write_text("")
    assert free_name(tmp_path, "untitled-events", ".yaml") == \
        tmp_path / "untitled-events-3.yaml"


def test_an_export_beside_its_input_never_gets_the_inputs_name(tmp_path):
    sheet, events = tmp_path / "sheet.csv", tmp_path / "events.yaml"
    sheet.write_text("")
    assert name_beside(events, ".csv") == tmp_path / "events.csv"
    assert name_beside(sheet, ".csv") == tmp_path / "sheet-export.csv"
    assert name_beside(sheet, ".ics") == tmp_path / "sheet.ics"
