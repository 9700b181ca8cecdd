"""The layers keep their shape: the import graph of ``matchmaker/`` is built with ``ast``.

Every import counts, also those inside functions: a lazy import hides a cycle, it does not
remove it. Rules (docs/architecture.md): no cycle anywhere; ``domain/`` imports only the
standard library, numpy and zxcvbn; ``services/`` imports no Flask and nothing from ``web/``.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "matchmaker"
WEB_FRAMEWORK = {"flask", "flask_babel", "flask_login", "flask_wtf", "flask_htmx", "werkzeug"}
WEB_FRAMEWORK |= {"jinja2", "markupsafe", "wtforms", "flask_limiter", "spectree"}
DATABASE = {"sqlmodel", "sqlalchemy", "alembic", "psycopg"}


def _modules(root: Path = PACKAGE) -> dict[str, Path]:
    modules = {}
    for path in root.rglob("*.py"):
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules[".".join(parts)] = path
    return modules


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """Fully qualified names a module imports (submodules where ``from x import y`` names one)."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = ".".join(package[: len(package) - node.level + 1] + [node.module or ""])
                base = base.rstrip(".")
            else:
                base = node.module or ""
            for alias in node.names:
                full = f"{base}.{alias.name}"
                found.add(full if full in known else base)
    return found


def _graph() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """(edges between matchmaker modules, every import of each module)."""
    modules = _modules()
    known = set(modules)
    edges: dict[str, set[str]] = {}
    raw: dict[str, set[str]] = {}
    for name, path in modules.items():
        raw[name] = _imports(name, path, known)
        targets = set()
        for target in raw[name]:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                targets.add(target)
        edges[name] = targets
    return edges, raw


def find_cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []
    counter = 0
    for start in sorted(edges):
        if start in index:
            continue
        work = [(start, iter(sorted(edges[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        cycles.append(sorted(component))
    return cycles


def test_the_cycle_finder_finds_a_cycle() -> None:
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert find_cycles(edges) == [["a", "b", "c"]]
    assert find_cycles({"a": {"b"}, "b": set()}) == []


def test_the_module_graph_has_no_cycle() -> None:
    edges, _ = _graph()
    assert len(edges) > 80  # the walk found the package
    assert find_cycles(edges) == []


def _top(name: str) -> str:
    return name.split(".")[0]


def test_services_and_domain_import_no_web_framework() -> None:
    _, raw = _graph()
    offenders = {
        name: sorted(
            t for t in targets if _top(t) in WEB_FRAMEWORK or t.startswith("matchmaker.web")
        )
        for name, targets in raw.items()
        if name.startswith(("matchmaker.services", "matchmaker.domain"))
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_domain_is_pure() -> None:
    """No database, no models, no services: the domain is plain Python and numpy."""
    _, raw = _graph()
    offenders = {
        name: sorted(
            t
            for t in targets
            if _top(t) in DATABASE
            or (t.startswith("matchmaker") and not t.startswith("matchmaker.domain"))
        )
        for name, targets in raw.items()
        if name.startswith("matchmaker.domain")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_no_module_takes_another_modules_private_names() -> None:
    """``from matchmaker.x import _helper`` couples to an implementation: make it public."""
    offenders = []
    for name, path in _modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("matchmaker"):
                offenders += [
                    f"{name}: {node.module}.{alias.name}"
                    for alias in node.names
                    if alias.name.startswith("_") and not alias.name.startswith("__")
                ]
    assert offenders == []
