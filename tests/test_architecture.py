"""The pure core imports no Qt: it must stay testable and usable without a display."""

import ast
from pathlib import Path

VIEWER = Path(__file__).resolve().parent.parent / "viewer"


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_core_modules_import_no_qt():
    core = [p for p in VIEWER.glob("*.py")]
    assert len(core) >= 6
    for path in core:
        qt = {m for m in imported_modules(path) if m.startswith(("PySide6", "viewer.qt"))}
        assert not qt or path.name == "cli.py", f"{path.name} imports {qt}"


def test_cli_imports_qt_only_lazily():
    tree = ast.parse((VIEWER / "cli.py").read_text(encoding="utf-8"))
    top_level = [n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
    assert not any(getattr(n, "module", "") and n.module.startswith("viewer.qt")
                   for n in top_level)
