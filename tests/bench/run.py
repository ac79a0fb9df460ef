"""The benchmark: ``python tests/bench/run.py --sizes 1000,10000,100000``.

Each size runs in a fresh process (so memory and timings are honest) and prints one JSON
object per line. Figures, not pass/fail: the README keeps a table of the latest ones.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def measure(n: int, workdir: Path) -> dict[str, float]:
    """Runs inside the child process: one size, all figures."""
    from tests.bench.generate import generate
    from viewer.loader import load_path

    path = workdir / f"bench-{n}.yaml"
    path.write_text(generate(n), encoding="utf-8")
    began = time.perf_counter()
    result = load_path(path)
    load_s = time.perf_counter() - began
    assert result.timeline is not None and len(result.timeline.events) == n, result.errors[:3]
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"n": n, "load_s": round(load_s, 3), "file_mb": round(path.stat().st_size / 1e6, 2),
            "peak_rss_mb": round(peak_kb / 1024, 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.child:
            print(json.dumps(measure(args.child, Path(tmp))))
            return 0
        for n in (int(s) for s in args.sizes.split(",")):
            proc = subprocess.run([sys.executable, __file__, "--child", str(n)],
                                  capture_output=True, text=True, check=False)
            if proc.returncode != 0:
                print(proc.stderr, file=sys.stderr)
                return proc.returncode
            print(proc.stdout.strip(), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
