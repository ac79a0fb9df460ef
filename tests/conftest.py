"""Shared test set-up: Qt always runs offscreen, so tests never need a display."""

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("QT_SCALE_FACTOR", "1")
