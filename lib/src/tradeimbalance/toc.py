"""The book's table of contents (``_toc.yml``): the one walk of it that every reader of it uses.

:func:`walk` goes through a jb-book table of contents depth first, in reading order (the
order Sphinx includes the documents), and yields one :class:`TocEntry` per ``file`` or
``glob`` entry with the part it belongs to. On top of it:

- :func:`files` -- the ``file`` entries as written (the prebuild's digest, the runner);
- :func:`pages` -- every page, root first, globs expanded (the browser tests);
- :func:`parts` -- where each part opens (the PDF's front matter, ``latex/frontmatter.py``);
- :func:`toc_chapters` -- the chapters of a book folder as :class:`Chapter` records
  (the runner, the prebuild, the test suite's chapter collector, ``benchmarks/``);
- :func:`select_chapters` -- the chapters a user named on the command line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import yaml

from .errors import RunError, RunUsageError

#: The suffixes of a page's source.
SUFFIXES = (".md", ".ipynb")
#: The opening fence of a code cell of a MyST notebook.
CODE_FENCE = re.compile(r"^(`{3,}|~{3,})\{code-cell\}", re.M)
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_NESTED = ("sections", "chapters", "parts")


@dataclass(frozen=True)
class TocEntry:
    """One page entry of ``_toc.yml``: a ``file`` or a ``glob``, and the top-level part it is in."""

    file: str | None  # as written, e.g. "chapters/bilateral" (a suffix kept if given)
    glob: str | None  # the pattern of a glob entry
    part: int | None  # 0-based position of the top-level part; None in a book without parts
    caption: str | None  # that part's caption


@dataclass(frozen=True)
class Chapter:
    """One page of the table of contents."""

    docname: str  # e.g. "chapters/bilateral"
    source: str  # e.g. "chapters/bilateral.md"
    executable: bool  # a MyST notebook with code cells (run with papermill); else copied as is

    @property
    def name(self) -> str:
        """The file name without folder and suffix, e.g. ``bilateral``."""
        return Path(self.docname).name

    @property
    def notebook(self) -> str:
        """Where ``tradeimbalance run`` writes the executed chapter in its book, e.g. ``chapters/bilateral.ipynb``."""
        return self.docname + ".ipynb"


def read_toc(root: str | Path) -> dict:
    """The parsed ``root/_toc.yml`` (an empty dict for an empty file)."""
    return yaml.safe_load((Path(root) / "_toc.yml").read_text(encoding="utf-8")) or {}


def strip_ext(docname: str) -> str:
    """``docname`` without a ``.md`` or ``.ipynb`` suffix."""
    return re.sub(r"\.(md|ipynb)$", "", docname)


def root_document(toc: dict) -> str:
    """The docname of the book's root page (``root`` of the table of contents, default ``index``)."""
    return strip_ext(str(toc.get("root", "index")))


def _walk(entries, part: int | None, caption: str | None) -> Iterator[TocEntry]:
    for e in entries or []:
        if not isinstance(e, dict):
            continue
        if "file" in e:
            yield TocEntry(str(e["file"]), None, part, caption)
        if "glob" in e:
            yield TocEntry(None, str(e["glob"]), part, caption)
        for key in _NESTED:
            yield from _walk(e.get(key), part, caption)


def walk(toc: dict) -> Iterator[TocEntry]:
    """Every ``file`` and ``glob`` entry of ``toc``, depth first in reading order (the root page not included)."""
    for key in ("sections", "chapters"):
        yield from _walk(toc.get(key), None, None)
    for i, part in enumerate(toc.get("parts") or []):
        if isinstance(part, dict):
            yield from _walk([part], i, part.get("caption"))


def files(toc: dict) -> list[str]:
    """The ``file`` entries of ``toc`` as written, in reading order (the root page and glob entries not included)."""
    return [e.file for e in walk(toc) if e.file is not None]


def pages(root: str | Path) -> list[str]:
    """Every page of the book at ``root``, root page first, as docnames (e.g. ``chapters/intro``).

    Glob entries are expanded to the matching ``.md`` and ``.ipynb`` files, in sorted order;
    a page listed twice is given once.
    """
    root = Path(root)
    toc = read_toc(root)
    out = [root_document(toc)]
    for e in walk(toc):
        if e.file is not None:
            out.append(strip_ext(e.file))
        else:
            out.extend(p.relative_to(root).with_suffix("").as_posix()
                       for p in sorted(root.glob(e.glob + ".*")) if p.suffix in SUFFIXES)
    return list(dict.fromkeys(out))


def parts(toc: dict) -> dict[int, str]:
    """Where each part with a caption opens: the 1-based position of its first document -> its caption.

    Positions count the documents in reading order, the root page excluded (Sphinx writes
    ``\\sphinxstepscope`` before each). Raises :class:`ValueError` for a glob entry, whose
    documents' order is not known from the table of contents alone.
    """
    out: dict[int, str] = {}
    seen: set[int] = set()
    for n, e in enumerate(walk(toc), start=1):
        if e.glob is not None:
            raise ValueError("glob entries in _toc.yml: the order of documents is not known here")
        if e.part is not None and e.part not in seen:
            seen.add(e.part)
            if e.caption:
                out[n] = e.caption
    return out


def find_source(root: Path, docname: str) -> Path | None:
    """The source file of ``docname`` in ``root`` (``docname`` itself, or with ``.md`` or ``.ipynb``), if any."""
    p = root / docname
    if p.suffix in SUFFIXES and p.is_file():
        return p
    for ext in SUFFIXES:
        if p.with_name(p.name + ext).is_file():
            return p.with_name(p.name + ext)
    return None


def is_executable(path: Path) -> bool:
    """Whether a page is a notebook with code cells (a MyST notebook or an .ipynb)."""
    if path.suffix == ".ipynb":
        return True
    text = path.read_text(encoding="utf-8")
    m = _FRONT_MATTER.match(text)
    return bool(m and "jupytext" in m.group(0) and CODE_FENCE.search(text))


def toc_chapters(root: str | Path) -> list[Chapter]:
    """The chapters listed in ``root/_toc.yml`` (the root page excluded), in book order."""
    root = Path(root)
    if not (root / "_toc.yml").is_file():
        raise RunUsageError(f"{root} is not a book folder: it has no _toc.yml (check --root or TRADEIMBALANCE_ROOT)")
    toc = read_toc(root)
    out = []
    for f in files(toc):
        docname = strip_ext(f)
        if docname == root_document(toc):
            continue
        src = find_source(root, docname)
        if src is None:
            raise RunError(f"_toc.yml lists {f!r} but no {docname}.md or {docname}.ipynb exists in {root}")
        out.append(Chapter(docname, src.relative_to(root).as_posix(), is_executable(src)))
    return out


def select_chapters(chapters: list[Chapter], names: list[str] | None) -> list[Chapter]:
    """The chapters named in ``names`` (``bilateral``, ``chapters/bilateral`` or ``chapters/bilateral.md``)."""
    if not names:
        return list(chapters)
    by_key = {}
    for c in chapters:
        for key in (c.name, c.docname, c.source):
            by_key[key] = c
    chosen, unknown = [], []
    for n in names:
        key = n.strip().rstrip("/")
        c = by_key.get(key) or by_key.get(strip_ext(key))
        if c is None:
            unknown.append(n)
        elif c not in chosen:
            chosen.append(c)
    if unknown:
        raise RunUsageError(f"unknown chapter(s) {unknown}; the table of contents lists: {[c.name for c in chapters]}")
    return [c for c in chapters if c in chosen]  # book order
