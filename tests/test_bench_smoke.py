"""The benchmark runs end to end on a small file and reports every figure; no timing limits."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KEYS = {"n", "load_s", "first_paint_s", "zoom_frame_ms_p50", "zoom_frame_ms_p95",
        "pan_frame_ms_p50", "pan_frame_ms_p95", "filter_ms", "reload_s", "peak_rss_mb"}


def test_benchmark_reports_one_line_of_figures() -> None:
    proc = subprocess.run([sys.executable, "tests/bench/run.py", "--sizes", "200"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == 1, proc.stdout
    figures = json.loads(lines[0])
    assert isinstance(figures, dict)
    assert set(figures) == KEYS
    assert figures["n"] == 200
    for key, value in figures.items():
        assert isinstance(value, (int, float)) and not isinstance(value, bool), key
        assert math.isfinite(value) and value > 0, (key, value)
    assert figures["zoom_frame_ms_p50"] <= figures["zoom_frame_ms_p95"]
    assert figures["pan_frame_ms_p50"] <= figures["pan_frame_ms_p95"]
