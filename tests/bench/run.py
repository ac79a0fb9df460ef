"""The benchmark: ``python tests/bench/run.py --sizes 1000,10000,100000``.

For each size the parent writes a synthetic events file (tests/bench/generate.py) and
measures it in a fresh child process, so memory and timings are honest, on Qt's offscreen
platform. Each child prints one JSON object, which the parent passes on as one line:

- ``load_s``: ``viewer.load.reading.load_path`` on the file, to the model being ready;
- ``first_paint_s``: from the child process's start to the first complete frame of the
  whole span in a 1600x1000 main window (QApplication, window, open, load, paint);
- ``zoom_frame_ms_p50``/``_p95``: 25 zoom steps from the whole span to one day and 25 back;
- ``pan_frame_ms_p50``/``_p95``: 50 pans of a tenth of a one-year window;
- ``filter_ms``: the median keystroke typing "talks" in the search box, to the repainted
  canvas and event list (the pane's debounce delay is not counted);
- ``reload_s``: from rewriting one event's title on disk to the canvas repainted after F5;
- ``peak_rss_mb``: the child's peak resident memory while it does all of the above but
  ``load_s``, which is measured last (a second timeline beside the window's).

Frames are timed to the end of a synchronous ``repaint()``. Figures, not pass/fail: the
README keeps a table of the latest ones. The measuring itself is in tests/bench/measure.py.
"""

import time

FIRST_STATEMENT = time.perf_counter()  # the origin of first_paint_s when /proc cannot tell

import argparse  # noqa: E402  (after the clock, on purpose)
import faulthandler  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import signal  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

CHILD_TIMEOUT_S = 1800
KEYS = ("n", "load_s", "first_paint_s", "zoom_frame_ms_p50", "zoom_frame_ms_p95",
        "pan_frame_ms_p50", "pan_frame_ms_p95", "filter_ms", "reload_s", "peak_rss_mb")


def child(n: int, path: Path) -> int:
    """Measure ``path`` (``n`` events); the JSON line is the only thing on stdout."""
    faulthandler.enable()  # a crash in Qt leaves a Python traceback on stderr
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before PySide6 is first imported
    os.environ.setdefault("QT_SCALE_FACTOR", "1")
    stdout = os.dup(1)
    os.dup2(2, 1)  # anything the app or Qt writes to stdout meanwhile goes to stderr
    try:
        from tests.bench.measure import measure

        figures = measure(n, path, path.parent, FIRST_STATEMENT)
    finally:
        sys.stdout.flush()
        os.dup2(stdout, 1)
        os.close(stdout)
    assert tuple(figures) == KEYS, figures
    print(json.dumps(figures), flush=True)
    return 0


def run_size(n: int, workdir: Path) -> tuple[int, str, str]:
    """Generate the file for ``n`` and measure it in a child: (exit code, stdout, stderr)."""
    from tests.bench.generate import generate

    path = workdir / f"bench-{n}" / "events.yaml"
    path.parent.mkdir()
    path.write_text(generate(n), encoding="utf-8")
    try:
        proc = subprocess.run([sys.executable, __file__, "--child", str(n), "--file", str(path)],
                              capture_output=True, text=True, check=False, cwd=ROOT,
                              timeout=CHILD_TIMEOUT_S)
    except subprocess.TimeoutExpired as err:
        stderr = err.stderr.decode() if isinstance(err.stderr, bytes) else err.stderr or ""
        return 1, "", f"{stderr}\nbenchmark: N={n} took more than {CHILD_TIMEOUT_S} s"
    return proc.returncode, proc.stdout, proc.stderr


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,100000",
                        help="comma-separated numbers of events, one child process each")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--file", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        return child(args.child, args.file)
    try:
        sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        parser.error(f"--sizes: not a list of numbers: {args.sizes!r}")
    if not sizes or min(sizes) < 1:
        parser.error("--sizes: give one or more numbers of events, each at least 1")
    with tempfile.TemporaryDirectory(prefix="timeline-bench-") as tmp:
        for n in sizes:
            code, out, err = run_size(n, Path(tmp))
            lines = out.strip().splitlines()
            if code != 0 or len(lines) != 1:
                print(err, file=sys.stderr)
                if code < 0:
                    print(f"benchmark: N={n}: the child was killed by "
                          f"{signal.Signals(-code).name}", file=sys.stderr)
                elif code == 0:
                    print(f"benchmark: N={n}: expected one JSON line, got {out!r}",
                          file=sys.stderr)
                return code if code > 0 else 1
            print(lines[0], flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
