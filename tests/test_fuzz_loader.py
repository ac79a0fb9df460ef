"""The bundled events.yaml, mangled at random as a hurried edit might: nothing escapes the
loader, every problem is one ``FILE:LINE:COL`` line, and the fast path, where it answers,
reads the file as the located path does."""

import io
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_fastload import BUNDLED, agrees
from viewer.commands.check import check
from viewer.load.reading import load_bytes, load_path

LINES = BUNDLED.read_bytes().splitlines(keepends=True)
ODD = [b":", b": ", b"[", b"]", b"{", b"}", b"&", b"&a ", b"*", b"*a", b"-", b"- ", b"'", b'"',
       b"#", b"!", b"!!str ", b"|", b">", b"?", b",", b"~", b"%", b"\\", b"\t", b"\n", b"\r",
       b" ", b"\x00", b"\x1b", b"\x7f", b"\xc2\x85", b"\xe2\x80\xa8", b"\xef\xbb\xbf", b"\xff",
       b"---\n", b"\n  ", b"9" * 30]
INSERTS = st.sampled_from(ODD) | st.binary(min_size=1, max_size=3)
DIAGNOSTIC = re.compile(r"events\.yaml:[1-9][0-9]*:[1-9][0-9]*: (error|warning): ")


SPOT = st.integers(0, 1 << 20)  # a line or a place in it, taken modulo their number
EDITS = st.lists(st.one_of(
    st.tuples(st.sampled_from(["delete", "duplicate", "truncate"]), SPOT),
    st.tuples(st.just("swap"), SPOT, SPOT),
    st.tuples(st.just("insert"), SPOT, SPOT, INSERTS)), min_size=1, max_size=4)


def mangle(edits: list[tuple]) -> bytes:
    """The bundled file with ``edits`` made to it (kept small, so a failure reads well)."""
    lines = list(LINES)
    for kind, spot, *more in edits:
        if not lines:
            break
        i = spot % len(lines)
        if kind == "delete":
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, lines[i])
        elif kind == "swap":
            j = more[0] % len(lines)
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == "insert":
            at = more[0] % (len(lines[i]) + 1)
            lines[i] = lines[i][:at] + more[1] + lines[i][at:]
        else:
            data = b"".join(lines)
            lines = [data[:spot % (len(data) + 1)]]
    return b"".join(lines)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(EDITS)
def test_a_mangled_file_never_crashes_and_every_problem_is_one_located_line(edits):
    data = mangle(edits)
    result = load_bytes(data, name="events.yaml")
    for diagnostic in result.diagnostics:
        text = diagnostic.format("events.yaml")
        assert len(text.splitlines()) == 1 and text == text.strip("\n"), text
        assert DIAGNOSTIC.match(text), text
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return
    if text.startswith("\ufeff"):
        text = text[1:]
    # When the fast path answers, the located path must read the same, cleanly (asserted
    # inside agrees); a mangled file may well be one the fast path declines.
    if agrees(text):
        assert result.diagnostics == []


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(EDITS)
def test_a_mangled_file_checks_from_disk_in_one_line_per_problem(edits):
    data = mangle(edits)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "events.yaml"
        path.write_bytes(data)
        assert load_path(path) == load_bytes(data, name="events.yaml")
        out = io.StringIO()
        assert check(str(path), out) in (0, 1)
    *problems, summary = out.getvalue().splitlines()
    assert summary.startswith(f"{path}: ")
    assert all(line.startswith(f"{path}:") and DIAGNOSTIC.match(line[len(str(path)) - 11:])
               for line in problems)
