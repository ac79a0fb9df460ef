"""Timeline Viewer: the pure core (no Qt) lives in this package's top-level modules;
the Qt layer lives in :mod:`viewer.qt`."""

__version__ = "0.1.0"
