"""Lay out the book of one run: the executed notebooks plus the pages, configuration and files they need.

:func:`lay_out_book` writes into the run's book folder the root page, the project's ``_config.yml``
with execution off and the project's Sphinx extension kept (:func:`_book_config`), a ``_toc.yml``
listing only the chapters of the run (:func:`_book_toc`), the pages that are not notebooks and the
files next to the chapters (images, bibliographies). The executed chapters are written there by
:func:`tradeimbalance.runner.parallel.execute_chapters`.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from ..errors import RunError
from ..toc import Chapter, find_source, read_toc, root_document, strip_ext


def _book_toc(root: Path, chapters: list[Chapter]) -> dict:
    """The project's ``_toc.yml`` with only ``chapters`` kept (empty parts dropped)."""
    toc = read_toc(root)
    keep = {c.docname for c in chapters}

    def prune(entries):
        out = []
        for e in entries or []:
            if not isinstance(e, dict):
                continue
            e = dict(e)
            for key in ("sections", "chapters", "parts"):
                if key in e:
                    e[key] = prune(e[key])
                    if not e[key]:
                        del e[key]
            if "file" in e:
                if strip_ext(str(e["file"])) in keep:
                    e["file"] = strip_ext(str(e["file"]))
                    out.append(e)
                elif any(k in e for k in ("sections",)):  # a dropped page with kept sub-pages: keep the sub-pages
                    out.extend(e["sections"])
            elif any(k in e for k in ("chapters", "sections")):
                out.append(e)
        return out

    for key in ("parts", "chapters", "sections"):
        if key in toc:
            toc[key] = prune(toc[key])
            if not toc[key]:
                del toc[key]
    return toc


def _book_config(root: Path, year: int) -> dict:
    """The project's ``_config.yml`` for a book of executed notebooks for ``year``."""
    cfg = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8")) or {}
    cfg["title"] = f"{cfg.get('title', 'Book')} ({year})"
    execute = dict(cfg.get("execute") or {})
    execute["execute_notebooks"] = "off"
    execute.pop("cache", None)
    cfg["execute"] = execute
    sphinx = dict(cfg.get("sphinx") or {})
    ext = list(sphinx.get("extra_extensions") or [])
    if "tradeimbalance.sphinxext" not in ext:
        ext.append("tradeimbalance.sphinxext")
    sphinx["extra_extensions"] = ext
    cfg["sphinx"] = sphinx
    return cfg


def lay_out_book(root: Path, book_dir: Path, chapters: list[Chapter], year: int) -> None:
    """Write ``index.md``, ``_config.yml``, ``_toc.yml`` and the non-executed pages into ``book_dir``.

    Executed chapters are written there as notebooks by :func:`execute_chapters`.
    Files next to the chapters (images, ...) and bibliographies are copied too.
    """
    toc = read_toc(root)
    index = find_source(root, root_document(toc))
    if index is None:
        raise RunError(f"the root page {toc.get('root', 'index')!r} of _toc.yml is missing in {root}")
    book_dir.mkdir(parents=True, exist_ok=True)
    shutil.copy2(index, book_dir / index.name)
    for folder in sorted({Path(c.source).parent for c in chapters} - {Path(".")}):
        for p in (root / folder).rglob("*"):
            if p.is_file() and p.suffix not in (".md", ".ipynb") and "__pycache__" not in p.parts and ".ipynb_checkpoints" not in p.parts:
                dest = book_dir / p.relative_to(root)
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(p, dest)
    for p in list(root.glob("*.bib")) + [root / "_static"]:
        if p.is_file():
            shutil.copy2(p, book_dir / p.name)
        elif p.is_dir():
            shutil.copytree(p, book_dir / p.name, dirs_exist_ok=True)
    for c in chapters:
        if not c.executable:
            dest = book_dir / c.source
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(root / c.source, dest)
    dump = dict(sort_keys=False, allow_unicode=True)
    (book_dir / "_config.yml").write_text(yaml.safe_dump(_book_config(root, year), **dump), encoding="utf-8")
    (book_dir / "_toc.yml").write_text(yaml.safe_dump(_book_toc(root, chapters), **dump), encoding="utf-8")
