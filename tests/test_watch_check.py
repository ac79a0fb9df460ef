"""``main.py --check --watch``: a fresh report in the terminal on every save.

The command is run as a user runs it, in a subprocess; its waits are generous and no test
asserts how fast a report comes. The debounce and grace rules are tested on
:class:`Follower` with a clock the test moves by hand.
"""

import io
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from viewer.commands.check import check
from viewer.commands.watch_check import GRACE, Follower

ROOT = Path(__file__).resolve().parent.parent
PATIENCE = 15.0  # seconds to wait for a line before failing

GOOD = "events:\n  - {title: A, date: 2001}\n  - {title: B, date: 2002}\n"
BAD = "events:\n  - title: A\n    date: 2018-13\n  - {title: B, date: 2002}\n"
BAD_LINE = "events.yaml:3:11: error: invalid date: month 13 does not exist"


class Watching:
    """A running ``--check --watch`` whose output lines are collected as they come."""

    def __init__(self, cwd: Path, *args: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(ROOT / "main.py"), "--check", "--watch", *args], cwd=cwd,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append(line.rstrip("\n"))

    def wait_for(self, predicate, after: int = 0) -> int:
        """Index of the first line from ``after`` on that satisfies ``predicate``."""
        deadline = time.monotonic() + PATIENCE
        while time.monotonic() < deadline:
            for i in range(after, len(self.lines)):
                if predicate(self.lines[i]):
                    return i
            if self.proc.poll() is not None and not self._reader.is_alive():
                break
            time.sleep(0.05)
        raise AssertionError(f"no such line after line {after}; got: {self.lines}")

    def interrupt(self) -> tuple[int, str]:
        self.proc.send_signal(signal.SIGINT)
        _, stderr = self.proc.communicate(timeout=PATIENCE)
        return self.proc.returncode, stderr

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.communicate(timeout=PATIENCE)


@pytest.fixture
def watching(tmp_path):
    started: list[Watching] = []

    def start(*args: str) -> Watching:
        started.append(Watching(tmp_path, *args))
        return started[-1]

    yield start
    for w in started:
        w.kill()


def test_reports_follow_saves_and_ctrl_c_leaves_cleanly(tmp_path, watching):
    events = tmp_path / "events.yaml"
    events.write_text(GOOD)
    w = watching("events.yaml")
    first = w.wait_for(lambda line: line == "ok: 2 events")
    assert w.lines[first - 1].startswith("--- ") and w.lines[first - 1].endswith(" events.yaml")

    events.write_text(BAD)
    broken = w.wait_for(lambda line: line.startswith(BAD_LINE), after=first + 1)
    summary = w.wait_for(lambda line: line.startswith("events.yaml: "), after=broken)
    assert summary == broken + 1 and w.lines[summary].endswith("(1 error)")

    events.write_text(GOOD)
    w.wait_for(lambda line: line == "ok: 2 events", after=summary)

    code, stderr = w.interrupt()
    assert code == 0
    assert "Traceback" not in stderr


def test_a_save_by_rename_is_followed(tmp_path, watching):
    events = tmp_path / "events.yaml"
    events.write_text(GOOD)
    w = watching("events.yaml")
    first = w.wait_for(lambda line: line.startswith("ok: "))
    temp = tmp_path / ".events.yaml.swp"
    temp.write_text(GOOD + "  - {title: C, date: 2003}\n")
    os.replace(temp, events)
    w.wait_for(lambda line: line == "ok: 3 events", after=first + 1)
    assert w.interrupt()[0] == 0


def test_watch_without_check_is_a_usage_error(tmp_path):
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), "--watch", "x.yaml"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "usage:" in proc.stderr


# -- the rules, with a hand-moved clock ---------------------------------------------------


@pytest.fixture
def follower(tmp_path):
    events = tmp_path / "events.yaml"
    events.write_text(GOOD)
    out = io.StringIO()
    follower = Follower(str(events), out)
    follower.start()
    return follower, events, out


def reports(out: io.StringIO) -> list[list[str]]:
    """The output split into reports, each without its ``---`` line."""
    result: list[list[str]] = []
    for line in out.getvalue().splitlines():
        if line.startswith("--- "):
            result.append([])
        else:
            result[-1].append(line)
    return result


def test_the_first_report_comes_at_once(follower):
    _, _, out = follower
    assert reports(out) == [["ok: 2 events"]]


def test_a_touch_without_change_prints_nothing(follower):
    f, events, out = follower
    stat = events.stat()
    os.utime(events, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    f.tick(100.0)
    f.tick(101.0)
    assert len(reports(out)) == 1


def test_a_change_is_read_once_the_file_has_settled(follower):
    f, events, out = follower
    events.write_text(BAD)
    f.tick(100.0)  # the change is seen...
    assert len(reports(out)) == 1  # ...but not read before the debounce
    f.tick(100.2)
    assert reports(out)[-1][0].startswith(str(events) + ":3:11: error: invalid date")


def test_a_briefly_missing_file_is_not_reported(follower):
    f, events, out = follower
    events.unlink()
    f.tick(100.0)
    f.tick(100.2)
    f.tick(100.2 + GRACE / 2)
    events.write_text(GOOD)
    f.tick(101.0)
    f.tick(101.2)
    assert reports(out) == [["ok: 2 events"]]


def test_a_file_missing_past_the_grace_is_waited_for_once(follower):
    f, events, out = follower
    events.unlink()
    for step in range(40):
        f.tick(100.0 + step * 0.2)
    assert reports(out)[1:] == [[f"{events}: waiting for the file to come back…"]]
    events.write_text(GOOD)
    f.tick(200.0)
    f.tick(200.2)
    assert reports(out)[-1] == ["ok: 2 events"]  # told again: it is back


def test_a_briefly_empty_file_is_not_reported(follower):
    f, events, out = follower
    events.write_text("")
    f.tick(100.0)
    f.tick(100.2)
    events.write_text(BAD)
    f.tick(100.4)
    f.tick(100.6)
    assert len(reports(out)) == 2 and "error" in reports(out)[-1][0]


def test_an_empty_file_past_the_grace_is_reported(follower):
    f, events, out = follower
    events.write_text("")
    for step in range(20):
        f.tick(100.0 + step * 0.2)
    assert reports(out)[1:] == [["ok: 0 events"]]


def test_reports_word_problems_exactly_as_check_does(tmp_path):
    events = tmp_path / "bad.yaml"
    events.write_text(BAD + "    tittle: x\n")
    expected = io.StringIO()
    check(str(events), expected)
    out = io.StringIO()
    Follower(str(events), out).start()
    assert reports(out) == [expected.getvalue().splitlines()]


def test_a_pipe_is_reported_as_unreadable_not_waited_on(tmp_path):
    os.mkfifo(tmp_path / "fifo.yaml")
    out = io.StringIO()
    done = threading.Event()
    follower = Follower(str(tmp_path / "fifo.yaml"), out)
    worker = threading.Thread(target=lambda: (follower.start(), done.set()), daemon=True)
    worker.start()
    assert done.wait(PATIENCE), "reading the pipe blocked"
    assert out.getvalue().splitlines()[1] == (
        f"{tmp_path / 'fifo.yaml'}: error: cannot read the file: it is a pipe, not a regular file")


def test_a_link_never_opened_is_warned_about_on_every_report(tmp_path, watching):
    (tmp_path / "events.yaml").write_text(
        "events:\n  - title: A\n    date: 2018\n"
        "    description: Read [this](javascript:alert(1)).\n")
    w = watching("events.yaml")
    w.wait_for(lambda line: line == "events.yaml:4:30: warning: link 'javascript:alert(1)' is "
               "not http, https or mailto (it is shown as text and never made clickable)")
    assert w.interrupt()[0] == 0
