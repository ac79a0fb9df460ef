"""No module-level mutable state in viewer/: a loaded file's derived data lives in its
:class:`viewer.document.Document`, passed along, never in a module's caches.

The scan flags a ``global`` statement, a module-level ContextVar, a module-level container
(dict, list, set, …) that its module changes (``X[k] = v``, ``X.clear()``, ``X += …``), and
a memoising decorator (``functools.cache``/``lru_cache``) on a function with parameters.
Constant tables (a dict literal never written to), frozensets, tuples, strings, compiled
patterns, type aliases and classes pass."""

import ast
from pathlib import Path

VIEWER = Path(__file__).resolve().parent.parent / "viewer"

CONTAINERS = frozenset({"dict", "list", "set", "bytearray", "defaultdict", "OrderedDict",
                        "Counter", "deque", "WeakKeyDictionary", "WeakValueDictionary",
                        "WeakSet"})
MUTATORS = frozenset({"append", "extend", "insert", "pop", "popitem", "remove", "clear",
                      "update", "setdefault", "add", "discard", "difference_update",
                      "intersection_update", "symmetric_difference_update", "appendleft",
                      "extendleft", "sort", "reverse", "__setitem__", "__delitem__"})
MEMOISERS = frozenset({"cache", "lru_cache", "functools.cache", "functools.lru_cache"})
# Known exceptions, each with its reason; anything else found fails the test.
ALLOWED: frozenset[tuple[str, str]] = frozenset()


def _name(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_name(node.value)}.{node.attr}"
    if isinstance(node, ast.Call):
        return _name(node.func)
    return ""


def _container(value: ast.expr) -> bool:
    if isinstance(value, (ast.Dict, ast.List, ast.Set, ast.DictComp, ast.ListComp,
                          ast.SetComp)):
        return True
    return isinstance(value, ast.Call) and _name(value.func).split(".")[-1] in CONTAINERS


def _changed(tree: ast.Module) -> set[str]:
    """The names the module's code changes in place."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr in MUTATORS and isinstance(node.func.value, ast.Name):
            names.add(node.func.value.id)
        elif isinstance(node, ast.Subscript) and isinstance(node.ctx, (ast.Store, ast.Del)) \
                and isinstance(node.value, ast.Name):
            names.add(node.value.id)
        elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return names


def module_state(path: Path) -> list[str]:
    """Each piece of module-level mutable state in ``path``, as "file:line: what"."""
    found: list[tuple[int, str, str]] = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    changed = _changed(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Global):
            found += [(node.lineno, name, f"global {name}") for name in node.names]
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            args = node.args
            takes = args.posonlyargs + args.args + args.kwonlyargs
            if args.vararg or args.kwarg or [a for a in takes if a.arg not in ("self", "cls")]:
                found += [(node.lineno, node.name, f"@{_name(d)} def {node.name}(…)")
                          for d in node.decorator_list if _name(d) in MEMOISERS]
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        elif isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        else:
            continue
        what = ast.unparse(value)[:50]
        for name in map(_name, targets):
            if _name(value).split(".")[-1] == "ContextVar":
                found.append((node.lineno, name, f"{name} = {what}"))
            elif _container(value) and name in changed:
                found.append((node.lineno, name, f"{name} = {what}, changed in place"))
    return [f"{path.relative_to(path.parents[1]) if path.is_relative_to(VIEWER) else path.name}"
            f":{line}: {what}" for line, name, what in sorted(found)
            if (path.name, name) not in ALLOWED]


def test_viewer_keeps_no_module_level_mutable_state():
    found = [f for path in sorted(VIEWER.rglob("*.py")) for f in module_state(path)]
    assert not found, "module-level mutable state:\n" + "\n".join(found)


def test_the_scan_finds_each_kind_of_state_and_passes_constants(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import re\nfrom contextvars import ContextVar\nfrom functools import cache\n"
        "_cache: dict[int, str] = {}\n"            # 4: written below
        "_seen = set()\n"                          # 5: added to below
        "FLAG = ContextVar('f')\n"                 # 6
        "TABLE = {'a': 1}\n"                       # a constant table: passes
        "PATTERN = re.compile('x')\nNAMES = frozenset({'a'})\n"
        "def f(x):\n    global _last\n    _cache[x] = 'y'\n    _seen.add(x)\n"  # 11
        "@cache\ndef g(x): return x\n"             # 15
        "@cache\ndef h(): return 1\n",             # a lazy constant: passes
        encoding="utf-8")
    lines = [int(f.split(":")[1]) for f in module_state(sample)]
    assert lines == [4, 5, 6, 11, 15]
