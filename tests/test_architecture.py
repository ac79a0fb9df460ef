"""The layers of viewer/ and their import contracts (pyproject.toml, [tool.importlinter]):
the pure core imports no Qt, each layer imports only the ones below it, and no package has
an import cycle among its modules."""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VIEWER = ROOT / "viewer"
CORE = ("model", "files", "load", "view", "query")


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_the_import_contracts_hold():
    """lint-imports checks every contract in pyproject.toml; its report names what broke."""
    lint = "from importlinter.cli import lint_imports_command as c; c()"
    proc = subprocess.run([sys.executable, "-c", lint, "--no-cache"], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "BROKEN" not in proc.stdout and proc.stdout.count("KEPT") == 3


def test_every_module_lives_in_a_layer():
    """A new module at the top of viewer/ would escape the contracts: only the package's
    __init__ and the document (a layer of its own) live there."""
    top = sorted(p.name for p in VIEWER.glob("*.py"))
    assert top == ["__init__.py", "document.py"]
    packages = sorted(p.name for p in VIEWER.iterdir() if (p / "__init__.py").exists())
    assert packages == sorted(["commands", "files", "load", "model", "qt", "query", "view"])


def test_core_modules_import_no_qt():
    core = [p for name in CORE for p in (VIEWER / name).rglob("*.py")] + [VIEWER / "document.py"]
    assert len(core) >= 30
    for path in core:
        qt = {m for m in imported_modules(path) if m.startswith(("PySide6", "viewer.qt"))}
        assert not qt, f"{path.relative_to(VIEWER)} imports {qt}"


def test_cli_imports_qt_only_lazily():
    tree = ast.parse((VIEWER / "commands" / "cli.py").read_text(encoding="utf-8"))
    top_level = [n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
    assert not any(getattr(n, "module", "") and n.module.startswith("viewer.qt")
                   for n in top_level)
