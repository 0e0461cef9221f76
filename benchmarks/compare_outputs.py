"""Dump what every chapter puts on the page, and compare two dumps.

    python benchmarks/compare_outputs.py dump OUT.json [--workers N] [--chapters a b ...]
    python benchmarks/compare_outputs.py compare BEFORE.json AFTER.json

``dump`` executes each executable chapter of ``_toc.yml`` in a fresh kernel and records, per
chapter: every glued name with its displayed text and its plain value (``book.GLUED``, written
with ``repr`` so floats compare exactly), the text and Markdown outputs of every cell (tables,
captions) and a hash of each chart's Vega-Lite specification. It also records the seconds each
cell took. ``compare`` prints every difference and exits non-zero when there is one.
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import hashlib
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_DUMP_CELL = (
    "import json as _json\n"
    "from tradeimbalance.book import GLUED as _G\n"
    "print('@@GLUED@@' + _json.dumps({k: (repr(v) if isinstance(v, float) else v) for k, v in _G.items()}))\n"
)


def _chapter_paths(names: list[str] | None) -> list[Path]:
    from tradeimbalance.toc import toc_chapters

    chs = [c for c in toc_chapters(ROOT) if c.executable]
    if names:
        chs = [c for c in chs if c.name in names]
    return [ROOT / c.source for c in chs]


def _outputs(cell) -> tuple[dict, list[str]]:
    glued, shown = {}, []
    for out in cell.get("outputs", []):
        data = out.get("data", {})
        meta = out.get("metadata", {}) or {}
        name = (meta.get("scrapbook") or {}).get("name")
        if name:
            glued[name] = data.get("text/plain")
            continue
        if out.get("output_type") == "stream":
            if out.get("name") == "stdout" and not out.get("text", "").startswith("@@GLUED@@"):
                shown.append("stream:" + out["text"])
            continue
        for mime in sorted(data):
            val = data[mime]
            if mime in ("text/markdown", "text/plain"):
                shown.append(f"{mime}:{val if isinstance(val, str) else ''.join(val)}")
            elif "vegalite" in mime or mime == "application/json":
                shown.append(f"{mime}:sha256:" + hashlib.sha256(json.dumps(val, sort_keys=True).encode()).hexdigest())
            elif mime == "text/html":
                shown.append("text/html:sha256:" + hashlib.sha256(str(val).encode()).hexdigest())
    return glued, shown


def dump_chapter(path: str) -> dict:
    import jupytext
    import nbformat
    from nbclient import NotebookClient

    nb = jupytext.read(path, fmt="md:myst")
    nb.cells.append(nbformat.v4.new_code_cell(_DUMP_CELL))
    client = NotebookClient(nb, timeout=900, kernel_name="python3", resources={"metadata": {"path": str(Path(path).parent)}})
    times = []
    t0 = time.perf_counter()
    with client.setup_kernel():
        for i, cell in enumerate(nb.cells):
            t = time.perf_counter()
            client.execute_cell(cell, i)
            times.append(round(time.perf_counter() - t, 3))
    total = time.perf_counter() - t0
    glued_text, shown, plain = {}, [], {}
    for cell in nb.cells:
        g, s = _outputs(cell)
        glued_text.update(g)
        shown.extend(s)
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream" and out.get("text", "").startswith("@@GLUED@@"):
                plain = json.loads(out["text"][len("@@GLUED@@"):])
    return {"glued_text": glued_text, "glued_value": plain, "outputs": shown, "cell_seconds": times, "seconds": round(total, 2)}


def dump(out: Path, workers: int, names: list[str] | None) -> int:
    paths = _chapter_paths(names)
    res = {}
    with cf.ProcessPoolExecutor(max_workers=workers) as pool:
        futs = {pool.submit(dump_chapter, str(p)): p for p in paths}
        for fut in cf.as_completed(futs):
            p = futs[fut]
            res[p.stem] = fut.result()
            print(f"{p.stem:14s} {res[p.stem]['seconds']:6.1f} s  {len(res[p.stem]['glued_value'])} glued", flush=True)
    out.write_text(json.dumps(dict(sorted(res.items())), indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


def compare(a: Path, b: Path, names: list[str] | None = None) -> int:
    before, after = json.loads(a.read_text()), json.loads(b.read_text())
    if names:
        before = {k: v for k, v in before.items() if k in names}
        after = {k: v for k, v in after.items() if k in names}
    diffs = 0
    for ch in sorted(set(before) | set(after)):
        if ch not in before or ch not in after:
            print(f"{ch}: only in {'after' if ch in after else 'before'}")
            diffs += 1
            continue
        for key in ("glued_text", "glued_value"):
            x, y = before[ch][key], after[ch][key]
            for name in sorted(set(x) | set(y)):
                if x.get(name, "<missing>") != y.get(name, "<missing>"):
                    print(f"{ch}: {key} {name}: {x.get(name, '<missing>')!r} -> {y.get(name, '<missing>')!r}")
                    diffs += 1
        if before[ch]["outputs"] != after[ch]["outputs"]:
            xs, ys = before[ch]["outputs"], after[ch]["outputs"]
            for i in range(max(len(xs), len(ys))):
                x = xs[i] if i < len(xs) else "<missing>"
                y = ys[i] if i < len(ys) else "<missing>"
                if x != y:
                    print(f"{ch}: output {i} differs:\n  before: {x[:300]!r}\n  after:  {y[:300]!r}")
                    diffs += 1
    n = sum(len(v["glued_value"]) for v in after.values())
    print(f"{len(after)} chapters, {n} glued values compared: {diffs} difference(s)")
    return 1 if diffs else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dump")
    d.add_argument("out", type=Path)
    d.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    d.add_argument("--chapters", nargs="*")
    c = sub.add_parser("compare")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    c.add_argument("--chapters", nargs="*", help="compare only these chapters")
    args = ap.parse_args(argv)
    if args.cmd == "dump":
        return dump(args.out, args.workers, args.chapters)
    return compare(args.before, args.after, args.chapters)


if __name__ == "__main__":
    sys.exit(main())
