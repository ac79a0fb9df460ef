"""A large file reloaded after the loader's worker thread has been retired must not crash
the app (yaml_rs 0.1.6 segfaults when first imported on a worker thread that exits)."""

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent("""
    import faulthandler, os, sys, time
    faulthandler.enable()
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    sys.path.insert(0, sys.argv[1])
    from PySide6.QtCore import QCoreApplication
    from viewer.qt.background_loader import BackgroundLoader
    from tests.bench.generate import generate

    app = QCoreApplication([])
    data = generate(300).encode()
    results = []
    loader = BackgroundLoader()
    loader._pool.setExpiryTimeout(50)  # retire idle workers at once instead of after 30 s
    loader.loaded.connect(lambda generation, result: results.append(result))
    for round in range(3):
        loader.load(data)
        deadline = time.monotonic() + 60
        while len(results) <= round and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.01)
        time.sleep(0.3)  # the worker thread expires and exits
        app.processEvents()
    print(len(results), [len(r.timeline.events) for r in results])
""")


def test_reloading_on_a_fresh_worker_thread_does_not_crash(tmp_path):
    script = tmp_path / "reload_threads.py"
    script.write_text(SCRIPT, encoding="utf-8")
    proc = subprocess.run([sys.executable, str(script), str(ROOT)], capture_output=True,
                          text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.strip() == "3 [300, 300, 300]"
