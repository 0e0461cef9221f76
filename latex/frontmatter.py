"""Write ti-frontmatter.def: the build-time values of the PDF book's front matter.

``make pdf`` runs this before the LaTeX build; ``latex/tradeimbalance.sty`` reads the file
(and falls back to static values when it is absent). It defines:

- ``\\TIcitation``   the paper's citation (``tradeimbalance.PAPER_CITATION``);
- ``\\TIbuilddate``  the build date (``SOURCE_DATE_EPOCH`` when set, for reproducible builds);
- ``\\TIvintage``    the data vintage, from ``data/datapackage.json`` when it states one;
- ``\\TIversion``    the package version;
- ``\\TIimagescale`` 1 / ``PNG_SCALE`` of the chart renderer (PNG pixels per CSS pixel);
- ``\\TIpart{n}{caption}`` for each part of ``_toc.yml``: the part opens with the n-th document
  (:func:`tradeimbalance.toc.parts`).

Usage: python latex/frontmatter.py [--root .] [--out _build/latex/ti-frontmatter.def]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
from pathlib import Path

import yaml

#: The two sources most numbers rest on, with the vintage used when data/datapackage.json states
#: none for them: (pattern matched in a source's title or publisher, short name, default vintage).
MAIN_SOURCES = [
    (r"Direction of Trade", "IMF Direction of Trade Statistics", "vintage of early 2022, data to 2020"),
    (r"World Development Indicators", "World Bank World Development Indicators", "vintage of July 2026, data to 2025"),
]
OTHER_SOURCES = "the other sources as listed in data/datapackage.json and cited in each chapter"
DEFAULT_VINTAGE = "; ".join(f"{name}, {v}" for _, name, v in MAIN_SOURCES) + f"; {OTHER_SOURCES}."
_VINTAGE_IN_TITLE = re.compile(r"\((vintage[^()]*)\)", re.I)

_TEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def tex_escape(text: str) -> str:
    """``text`` with LaTeX's special characters escaped."""
    return "".join(_TEX_SPECIAL.get(c, c) for c in str(text))


def _source_vintage(src: dict) -> str | None:
    """A source's vintage: its ``vintage`` key, or a "(vintage ...)" in its title."""
    if not isinstance(src, dict):
        return None
    if isinstance(src.get("vintage"), str) and src["vintage"].strip():
        return src["vintage"].strip()
    m = _VINTAGE_IN_TITLE.search(str(src.get("title", "")))
    return m.group(1).strip() if m else None


def vintage_sentence(pkg: dict | None) -> str:
    """The data vintage sentence for the title page, from a Frictionless descriptor (or ``None``).

    A top-level ``vintage`` string wins. Otherwise each main source (:data:`MAIN_SOURCES`) gets the
    vintage the descriptor states for it (a ``vintage`` key, or "(vintage ...)" in a source title of
    the package or of its resources), else its default; other sources stating a vintage follow.
    """
    pkg = pkg or {}
    if isinstance(pkg.get("vintage"), str) and pkg["vintage"].strip():
        return pkg["vintage"].strip()
    sources = list(pkg.get("sources", []) or [])
    for res in pkg.get("resources", []) or []:
        sources += list(res.get("sources", []) or [])
    parts: list[str] = []
    used: set[int] = set()
    for pattern, name, default in MAIN_SOURCES:
        found = None
        for i, src in enumerate(sources):
            text = f"{src.get('title', '')} {src.get('publisher', '')}" if isinstance(src, dict) else ""
            if re.search(pattern, text, re.I):
                used.add(i)
                found = found or _source_vintage(src)
        parts.append(f"{name}, {found or default}")
    for i, src in enumerate(sources):
        v = None if i in used else _source_vintage(src)
        if v:
            name = re.split(r"[,(]", str(src.get("title", "")), maxsplit=1)[0].strip() or "source"
            text = f"{name}, {v}"
            if text not in parts:
                parts.append(text)
    return "; ".join(parts) + f"; {OTHER_SOURCES}."


def data_vintage(root: Path) -> str:
    """The data vintage sentence for the title page, from ``data/datapackage.json`` when present."""
    path = root / "data" / "datapackage.json"
    pkg = None
    if path.exists():
        try:
            pkg = json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            pkg = None
    try:
        return vintage_sentence(pkg)
    except (AttributeError, TypeError):
        return DEFAULT_VINTAGE


def build_date() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc) if epoch else dt.datetime.now(dt.timezone.utc)
    return when.strftime("%-d %B %Y")


def html_edition(root: Path) -> str:
    """Where the HTML edition is (LaTeX): ``html.baseurl`` of _config.yml as a link when it is set,
    otherwise the place ``make book`` writes it."""
    cfg = {}
    cfg_path = root / "_config.yml"
    if cfg_path.exists():
        cfg = yaml.safe_load(cfg_path.read_text(encoding="utf-8")) or {}
    url = str(((cfg.get("html") or {}).get("baseurl")) or "").strip()
    if url.startswith(("http://", "https://")):
        safe = url.replace("\\", "").replace("{", "").replace("}", "").replace("%", "\\%").replace("#", "\\#")
        return rf"\url{{{safe}}}"
    return r"\texttt{\_build/html/index.html}, written by \texttt{make book}"


def frontmatter_tex(root: Path) -> str:
    import tradeimbalance
    from tradeimbalance import toc
    from tradeimbalance.charts.vega import PNG_SCALE

    lines = [
        "% Written by latex/frontmatter.py (make pdf). Do not edit.",
        rf"\renewcommand\TIcitation{{{tex_escape(tradeimbalance.PAPER_CITATION)}}}",
        rf"\renewcommand\TIbuilddate{{{tex_escape(build_date())}}}",
        rf"\renewcommand\TIvintage{{{tex_escape(data_vintage(root))}}}",
        rf"\renewcommand\TIversion{{{tex_escape(tradeimbalance.__version__)}}}",
        rf"\renewcommand\TIimagescale{{{1 / PNG_SCALE:g}}}",
        rf"\renewcommand\TIhtmledition{{{html_edition(root)}}}",
    ]
    if (root / "_toc.yml").exists():
        try:
            parts = toc.parts(toc.read_toc(root))
        except ValueError as err:
            print(f"frontmatter: no parts in the PDF ({err})", file=sys.stderr)
            parts = {}
        lines += [rf"\TIpart{{{n}}}{{{tex_escape(caption)}}}" for n, caption in sorted(parts.items())]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", default=".", help="the book's root folder (holding _toc.yml)")
    ap.add_argument("--out", default="_build/latex/ti-frontmatter.def")
    args = ap.parse_args(argv)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(frontmatter_tex(Path(args.root)), encoding="utf-8")
    print(f"frontmatter: wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
