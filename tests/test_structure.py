"""The shape of the library: layers, no import cycles, short modules, documented public functions,
and one name per number between a chapter's facts and its prose."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "lib" / "src" / "tradeimbalance"
CHAPTERS_MD = ROOT / "chapters"
MAX_LINES = 300
#: The modules the chapters stand on (and that must never import a chapter or anything above the chapters).
BELOW_CHAPTERS = {"data", "measures", "fmt", "charts", "views", "claims", "figures", "facts", "paths", "errors",
                  "escape", "exhibits", "mdtable", "trend", "yamlio"}
#: Modules above the chapters: they may read the catalog; the chapters may not import them.
ABOVE_CHAPTERS = {"catalog", "reproduction", "book", "checks", "export", "cli", "runner", "replication",
                  "prebuild", "sphinxext", "teaching", "coverage", "__main__"}


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PKG.rglob("*.py")):
        rel = path.relative_to(PKG.parent).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


MODULES = _modules()


def _imports(name: str, path: Path) -> set[str]:
    """Every tradeimbalance module ``name`` imports, at module level or inside a function."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    is_pkg = path.name == "__init__.py"
    base = name.split(".") if is_pkg else name.split(".")[:-1]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("tradeimbalance")}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                mod = ".".join(base[: len(base) - node.level + 1] + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            if not mod.startswith("tradeimbalance"):
                continue
            for a in node.names:  # "from . import x" may name a module
                found.add(f"{mod}.{a.name}" if f"{mod}.{a.name}" in MODULES else mod)
    return {m for m in found if m in MODULES and m != name}


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _top(mod: str) -> str:
    return mod.split(".")[1] if mod.count(".") else ""


def _chapter(mod: str) -> str | None:
    parts = mod.split(".")
    return parts[2] if len(parts) > 2 and parts[1] == "chapters" else None


def test_no_chapter_imports_another_or_anything_above_the_chapters():
    bad = []
    for mod, deps in GRAPH.items():
        ch = _chapter(mod)
        if ch is None:
            continue
        for d in deps:
            other = _chapter(d)
            if other is not None and other != ch:
                bad.append(f"{mod} imports the chapter {other} ({d})")
            elif other is None and _top(d) not in BELOW_CHAPTERS and d != "tradeimbalance.chapters":
                bad.append(f"{mod} imports {d}, which is not below the chapters")
    assert not bad, "\n".join(bad)


def test_nothing_below_the_chapters_imports_them_or_the_catalog():
    bad = [f"{mod} imports {d}" for mod, deps in GRAPH.items() if _top(mod) in BELOW_CHAPTERS
           for d in deps if _chapter(d) or _top(d) in ABOVE_CHAPTERS]
    assert not bad, "\n".join(bad)


def test_no_import_cycles():
    """Depth-first search over every import (module level and inside functions) of the package."""
    state: dict[str, int] = {}
    cycles = []

    def visit(node, stack):
        state[node] = 1
        stack.append(node)
        for d in sorted(GRAPH[node]):
            if d in stack and d in _ancestors(node):
                continue  # a module of a package importing the package it is part of is no cycle
            if state.get(d) == 1:
                cycles.append(stack[stack.index(d):] + [d])
            elif d not in state:
                visit(d, stack)
        stack.pop()
        state[node] = 2

    for n in sorted(GRAPH):
        if n not in state:
            visit(n, [])
    assert not cycles, "\n".join(" -> ".join(c) for c in cycles)


def _ancestors(mod: str) -> set[str]:
    parts = mod.split(".")
    return {".".join(parts[:i]) for i in range(1, len(parts))}


def test_no_module_is_longer_than_the_limit():
    long = {str(p.relative_to(PKG)): n for p in PKG.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, f"modules over {MAX_LINES} lines: {long}"


def _is_reproduction(node) -> bool:
    return any(isinstance(d, ast.Call) and getattr(d.func, "id", "") == "reproduces" for d in node.decorator_list)


def test_every_public_function_has_a_docstring():
    """A claim's reproduction (tagged ``@reproduces``) is documented by its declaration (method, unit)."""
    missing = []
    for name, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and not node.name.startswith("_"):
                if not ast.get_docstring(node) and not _is_reproduction(node):
                    missing.append(f"{name}.{node.name}")
            if isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
                for item in node.body:
                    if (isinstance(item, ast.FunctionDef) and not item.name.startswith("_")
                            and not ast.get_docstring(item) and not any(
                                isinstance(d, ast.Name) and d.id == "property" for d in item.decorator_list)):
                        missing.append(f"{name}.{node.name}.{item.name}")
    assert not missing, "public functions without a docstring:\n" + "\n".join(missing)


def test_no_check_that_cannot_fail():
    pattern = re.compile(r"assert\b[^\n]*\bor True\b|assert True\b")
    found = [f"{p.relative_to(ROOT)}:{i}" for base in (CHAPTERS_MD, ROOT / "tests", PKG)
             for p in base.rglob("*") if p.suffix in (".md", ".py") and p != Path(__file__)
             for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if pattern.search(line)]
    assert not found, found


# --- one name per number ----------------------------------------------------------------------------

CITED = re.compile(r"\{glue(?::text)?\}`([A-Za-z0-9_]+)`")
GLUE_CALL = re.compile(r"\b(glue_value|glue_text|glue_reported)\(\s*f?[\"']([A-Za-z0-9_{}]+)[\"']")


def _cited(md: Path) -> set[str]:
    return set(CITED.findall(md.read_text(encoding="utf-8")))


def _chapter_names() -> list[str]:
    from tradeimbalance.catalog import CHAPTERS

    return list(CHAPTERS)


@pytest.mark.parametrize("chapter", _chapter_names())
def test_a_chapter_glues_its_facts_in_one_call_and_its_prose_cites_exactly_those(chapter):
    import importlib

    from tradeimbalance.catalog import paper_year

    md = CHAPTERS_MD / f"{chapter}.md"
    text = md.read_text(encoding="utf-8")
    assert not GLUE_CALL.search(text), f"{md.name} glues outside glue_facts: {GLUE_CALL.search(text).group(0)}"
    assert text.count("glue_facts(") == 1, f"{md.name}: one glue_facts call glues every fact"
    facts = importlib.import_module(f"tradeimbalance.chapters.{chapter}.facts")
    glued = {f"{chapter}_{f.name}" for f in facts.facts(paper_year(chapter))}
    # facts the page itself adds to its glue_facts call: text written in the chapter's Markdown
    glued |= {f"{chapter}_{n}" for n in re.findall(r"\btext\(\s*[\"']([A-Za-z0-9_]+)[\"']", text)}
    cited = _cited(md)
    assert not sorted(glued - cited), f"glued but never cited in {md.name}: {sorted(glued - cited)}"
    assert not sorted(cited - glued), f"cited in {md.name} but never glued: {sorted(cited - glued)}"


def test_the_other_pages_cite_what_they_glue():
    for md in sorted(CHAPTERS_MD.glob("*.md")):
        if md.stem in _chapter_names():
            continue
        glued = {m.group(2) for m in GLUE_CALL.finditer(md.read_text(encoding="utf-8"))}
        cited = _cited(md)
        assert not sorted(glued - cited), f"{md.name} glues names it never cites: {sorted(glued - cited)}"
        assert not sorted(cited - glued), f"{md.name} cites names it never glues: {sorted(cited - glued)}"


def test_the_library_writes_no_glue_and_no_sentences_for_the_prose():
    calls = [f"{p.relative_to(PKG)}" for p in (PKG / "chapters").rglob("*.py")
             if re.search(r"\bglue_(text|value)\b", p.read_text(encoding="utf-8"))]
    assert not calls, f"chapter code that glues: {calls}"
