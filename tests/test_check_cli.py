"""``main.py --check`` as a user runs it: output lines and exit codes."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from viewer.commands.check import check
from viewer.load import reading

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, cwd: Path = ROOT, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=cwd,
                          capture_output=True, text=True, timeout=timeout)


def test_the_bundled_file_checks_clean():
    proc = run("--check", "events.yaml")
    assert proc.returncode == 0, proc.stdout
    summary = proc.stdout.strip().splitlines()[-1]
    assert summary.startswith("events.yaml: ")
    assert " events, " in summary and summary.endswith("–2026")


def test_errors_print_file_line_col_and_exit_1(tmp_path):
    f = tmp_path / "bad.yaml"
    f.write_text("events:\n  - title: A\n    date: 2018-13\n  - title: B\n    date: 2019\n"
                 "    tittle: x\n")
    proc = run("--check", "bad.yaml", cwd=tmp_path)
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert lines[0] == ("bad.yaml:3:11: error: invalid date: month 13 does not exist "
                        "(months run from 01 to 12)")
    assert lines[1] == ("bad.yaml:6:5: warning: unknown key 'tittle' in an event "
                        "(did you mean 'title'?)")
    assert lines[2] == "bad.yaml: 1 event, 0 periods, 0 categories, 2019 (1 error, 1 warning)"
    assert proc.stderr == ""


def test_a_syntax_error_exits_1_with_nothing_loaded(tmp_path):
    f = tmp_path / "broken.yaml"
    f.write_text("events:\n  - title: \"open\n")
    proc = run("--check", str(f))
    assert proc.returncode == 1
    assert proc.stdout.startswith(f"{f}:2:12: error: YAML syntax error")
    assert proc.stdout.strip().endswith("1 error; nothing loaded")


def test_a_missing_file_exits_2_without_a_traceback(tmp_path):
    proc = run("--check", str(tmp_path / "nope.yaml"))
    assert proc.returncode == 2
    assert "cannot read the file" in proc.stdout and "Traceback" not in proc.stderr


def test_bad_usage_exits_2():
    proc = run("--check", "--no-such-option")
    assert proc.returncode == 2 and "usage:" in proc.stderr


def test_a_large_file_with_one_bad_date_at_the_end_is_quick(tmp_path):
    rows = [f"  - {{title: Event {i}, date: 2001-01-{i % 28 + 1:02d}}}" for i in range(20000)]
    rows.append("  - {title: Last, date: 2001-02-30}")
    f = tmp_path / "big.yaml"
    f.write_text("events:\n" + "\n".join(rows) + "\n")
    proc = run("--check", str(f))  # run() gives up after 60 s: a hang fails the test
    assert proc.returncode == 1
    assert proc.stdout.startswith(f"{f}:20002:25: error: invalid date: day 30 does not exist")


def test_version():
    proc = run("--version")
    assert proc.returncode == 0 and proc.stdout.startswith("Timeline Viewer ")


def test_a_line_break_in_a_link_is_an_error_on_one_line(tmp_path):
    f = tmp_path / "bad.yaml"
    f.write_text('events:\n  - title: A\n    date: 2018\n    sources:\n'
                 '      - {title: T, url: "https://example.org/\\r\\nEND:VEVENT\\r\\n'
                 'BEGIN:VEVENT\\r\\nSUMMARY:evil"}\n')
    proc = run("--check", "bad.yaml", cwd=tmp_path)
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert lines[0] == ("bad.yaml:5:25: error: link 'https://example.org/\\r\\nEND:VEVENT\\r\\n"
                        "BEGIN:VEVENT\\r\\nSUMMARY:evil' holds a control character (a link "
                        "cannot hold line breaks, tabs or other control characters: write them "
                        "percent-encoded, such as %0A, or remove them)")
    assert lines[1] == "bad.yaml: 0 events, 0 periods, 0 categories (1 error)"
    assert len(lines) == 2 and proc.stderr == ""


BIG = "9" * 5000  # past Python's int() limit of 4,300 digits


@pytest.mark.parametrize(("name", "content", "first"), [
    ("year.yaml", f"events:\n  - title: A\n    date: {BIG}\n",
     "year.yaml:3:11: error: invalid date: year out of range (5,000 digits; at most 15)"),
    ("far.yaml", f"events:\n  - title: A\n    date: {'9' * 302} BC\n",  # was OverflowError
     "far.yaml:3:11: error: invalid date: year out of range (302 digits; at most 15)"),
    ("imp.yaml", f"events:\n  - title: A\n    date: 2018\n    importance: {BIG}\n",
     "imp.yaml:4:17: error: importance 999999999999… (5,000 digits) is out of range"),
    ("long.yaml", f"events:\n  - title: A\n    date: 1 Dec 2018 {'x' * 1_000_000}\n",
     "long.yaml:3:11: error: invalid date: date is too long (1,000,011 characters; at most 64)"),
    ("bc.yaml", "events:\n  - title: A\n    date: -0427-03-15-\n",
     "bc.yaml:3:11: error: invalid date: '-0427-03-15-' is not a date I can read: its '-' "
     "sign would be lost"),
    ("amb.yaml", "events:\n  - title: A\n    date: 1 2 2018\n",
     "amb.yaml:3:11: error: invalid date: ambiguous: 1 2 2018 could be 1 February or "
     "January 2 (write 2018-02-01 for 1 February or 2018-01-02 for January 2)"),
    ("year.json", f'{{"events": [\n  {{"start_date": {{"year": {BIG}}}}}]}}\n',
     "year.json:2:27: error: start_date.year: year out of range (5,000 digits; at most 15)"),
    ("month.json", f'{{"events": [\n  {{"start_date": {{"year": 2018, "month": "{BIG}"}}}}]}}\n',
     "month.json:2:42: error: start_date.month: month out of range (5,000 digits; at most 15)"),
    ("year.csv", f"Year,Headline\n-{BIG},A\n",
     "year.csv:2:1: error: Year (column A): year out of range (5,000 digits; at most 15)"),
])
def test_huge_numbers_and_unreadable_dates_are_one_located_line_each(tmp_path, name, content,
                                                                    first):
    (tmp_path / name).write_text(content, encoding="utf-8")
    proc = run("--check", name, cwd=tmp_path)
    assert proc.stderr == "" and proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert len(lines) == 2 and lines[0].startswith(first)
    assert lines[1].startswith(f"{name}: 0 events")


def test_a_huge_json_number_in_a_key_the_viewer_does_not_use_loads(tmp_path):
    (tmp_path / "t.json").write_text(
        f'{{"events": [{{"start_date": {{"year": 2018}}, "text": {{"headline": "A"}}, '
        f'"background": {{"opacity": {BIG}}}}}]}}\n', encoding="utf-8")
    proc = run("--check", "t.json", cwd=tmp_path)
    assert (proc.returncode, proc.stderr) == (0, "")
    assert proc.stdout.startswith("t.json: 1 event, ")


LINKS = """\
events:
  - title: A
    date: 2018
    description: |
      Read [this](javascript:alert(1)) and [that](https://example.com).
      Also <file:///etc/passwd>, ![a picture](/etc/passwd) and `[code](javascript:x)`.
    sources:
      - https://example.com
      - mailto:press@example.com?subject=x&Attach=/etc/passwd
      - {title: T, url: "mailto:a@b.org?attach=x"}
  - title: B
    date: 2019
    description: "[again](javascript:alert(1))"
"""


def test_links_that_are_never_opened_are_warned_about_where_they_are_written(tmp_path):
    (tmp_path / "links.yaml").write_text(LINKS)
    proc = run("--check", "links.yaml", cwd=tmp_path)
    hint = " (it is shown as text and never made clickable)"
    assert proc.stdout.splitlines() == [
        "links.yaml:5:19: warning: link 'javascript:alert(1)' is not http, https or mailto"
        + hint,
        "links.yaml:6:13: warning: link 'file:///etc/passwd' is not http, https or mailto"
        + hint,
        "links.yaml:9:9: warning: mail link 'mailto:press@example.com?subject=x&Attach=/etc/passwd'"
        " attaches a file" + hint,
        "links.yaml:10:26: warning: mail link 'mailto:a@b.org?attach=x' attaches a file" + hint,
        "links.yaml:13:27: warning: link 'javascript:alert(1)' is not http, https or mailto"
        + hint,
        "links.yaml: 2 events, 0 periods, 0 categories, 2018–2019 (5 warnings)",
    ]
    assert proc.returncode == 0


def test_a_link_not_written_as_is_is_warned_about_at_its_event(tmp_path):
    from io import StringIO

    from viewer.commands.check import check

    f = tmp_path / "escaped.yaml"
    f.write_text('events:\n  - title: A\n    date: 2018\n'
                 '    description: "[x](javascript\\u003Aalert(1))"\n')
    out = StringIO()
    assert check(str(f), out) == 0
    assert out.getvalue().splitlines()[0] == (
        f"{f}:2:5: warning: link 'javascript:alert(1)' is not http, https or mailto"
        " (it is shown as text and never made clickable)")


def test_a_control_character_is_one_line_naming_where_it_is(tmp_path):
    (tmp_path / "esc.yaml").write_bytes(b"events:\n  - title: A\x1b[31mB\n    date: 2019\n")
    proc = run("--check", "esc.yaml", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stdout.splitlines() == [
        "esc.yaml:2:13: error: the control character \\x1b is not allowed in YAML "
        "(remove it, or write it as \\x1b in double quotes)",
        "esc.yaml: 1 error; nothing loaded"]


def test_a_value_with_a_line_break_cannot_spoof_a_second_diagnostic(tmp_path):
    (tmp_path / "nl.yaml").write_text(
        'events:\n  - title: A\n    date: "2019\\nX:1:1: error: spoof\\u2028Y:2:2: error: x"\n')
    proc = run("--check", "nl.yaml", cwd=tmp_path)
    assert proc.returncode == 1
    first, summary = proc.stdout.splitlines()
    assert first.startswith("nl.yaml:3:11: error: invalid date: '2019\\nX:1:1: error: spoof"
                            "\\u2028Y:2:2: error: x' is not a date")
    assert summary.startswith("nl.yaml: 0 events")


def test_a_pipe_is_refused_at_once_not_waited_on(tmp_path):
    os.mkfifo(tmp_path / "fifo.yaml")  # opening it for reading waited for a writer forever
    proc = run("--check", "fifo.yaml", cwd=tmp_path, timeout=20)
    assert proc.returncode == 2
    assert proc.stdout == "fifo.yaml: error: cannot read the file: it is a pipe, not a regular " \
                          "file\n"


def test_a_device_is_refused_not_read_forever():
    proc = run("--check", "/dev/zero", timeout=20)
    assert (proc.returncode, proc.stdout) == (
        2, "/dev/zero: error: cannot read the file: it is a device, not a regular file\n")


def test_a_file_larger_than_the_limit_is_refused_with_exit_2(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(reading, "MAX_FILE_BYTES", 100)
    (tmp_path / "big.yaml").write_bytes(b"events:\n" + b"#" * 92 + b"\n")  # 101 bytes
    assert check(str(tmp_path / "big.yaml"), sys.stdout) == 2
    assert capsys.readouterr().out.endswith(
        "big.yaml: error: cannot read the file: it is larger than 100 bytes, the most the "
        "viewer reads\n")
    (tmp_path / "big.yaml").write_bytes(b"events:\n" + b"#" * 91 + b"\n")  # 100 bytes
    assert check(str(tmp_path / "big.yaml"), sys.stdout) == 0
