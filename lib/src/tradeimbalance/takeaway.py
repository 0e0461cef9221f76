"""The notebooks to take away: each executed chapter with its outputs, and a zip that runs them.

:func:`write_takeaway` copies each chapter's executed notebook (outputs merged from the execution
cache where myst-nb wrote it without them) and writes the zip (:func:`write_notebook_zip`): the
notebooks, ``data/``, the library's source and a ``requirements.txt`` pinned by the lock
(:func:`zip_requirements`). The teaching extension (:mod:`tradeimbalance.teaching`) runs it while
the pages are written.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

#: What the zip's requirements.txt installs: the packages a chapter imports when it runs, pinned by
#: the lock shipped beside it, and the library from the zip's own ``lib/`` folder.
RUNTIME_PACKAGES = ("ipykernel", "nbclient", "nbconvert", "myst-nb", "jupytext", "pandas", "altair", "vl-convert-python",
                    "python-calamine", "PyYAML", "frictionless", "papermill", "tabulate")


def zip_requirements(constraints: Path) -> str:
    """The ``requirements.txt`` of the notebook zip: runtime packages pinned from ``constraints``."""
    pins = {}
    for line in constraints.read_text(encoding="utf-8").splitlines():
        if "==" in line and not line.startswith("#"):
            name, version = line.split("==", 1)
            pins[re.sub(r"[-_.]+", "-", name.strip().lower())] = (name.strip(), version.strip())
    lines = ["# Install with: python -m pip install -r requirements.txt  (from this folder)"]
    for pkg in RUNTIME_PACKAGES:
        key = re.sub(r"[-_.]+", "-", pkg.lower())
        if key not in pins:
            raise ValueError(f"{constraints}: no pin for {pkg}, which the notebooks need")
        lines.append(f"{pins[key][0]}=={pins[key][1]}")
    lines += ["-c constraints.txt", "./lib", ""]
    return "\n".join(lines)


_README = """China's Foreign Trade Imbalance: the chapters as executed notebooks

notebooks/   one notebook per chapter, with the outputs of the book's build
data/        the tidy tables the notebooks read (with data/datapackage.json: sources, units, licences)
lib/         the tradeimbalance library the notebooks call

To run them (Python 3.11 or later), from this folder:

    python -m venv .venv
    .venv/bin/python -m pip install -r requirements.txt
    .venv/bin/jupyter nbconvert --to notebook --execute notebooks/bilateral.ipynb   # or open them in Jupyter

Run the notebooks from inside this folder: the library finds data/ next to _config.yml.
"""


def write_notebook_zip(root: Path, notebooks: dict[str, Path], out: Path) -> Path:
    """Write the take-away zip to ``out`` (through a temporary file, then swapped in).

    ``notebooks`` maps a name (``bilateral``) to an executed ``.ipynb``; ``root`` is the book's root
    (``data/``, ``lib/``, ``_config.yml`` and ``constraints.txt`` are taken from there).
    """
    tmp = out.with_name(out.name + ".tmp")
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:  # fast; the data compress well anyway
        z.writestr("README.txt", _README)
        z.writestr("requirements.txt", zip_requirements(root / "constraints.txt"))
        z.write(root / "constraints.txt", "constraints.txt")
        z.write(root / "_config.yml", "_config.yml")
        for name, nb in sorted(notebooks.items()):
            z.write(nb, f"notebooks/{name}.ipynb")
        for folder in ("data", "lib"):
            for p in sorted((root / folder).rglob("*")):
                rel = p.relative_to(root)
                if p.is_file() and not {"__pycache__", "build", ".pytest_cache"} & set(rel.parts) and not any(s.endswith(".egg-info") for s in rel.parts):
                    z.write(p, str(rel))
    tmp.replace(out)
    return out


def _write_with_outputs(cache_path: str, nb_path: Path, dest: Path) -> None:
    """Copy the notebook myst-nb wrote for a page to ``dest``, with the outputs of its execution.

    When a page's execution comes from the jupyter-cache at ``cache_path`` (every chapter that
    ``make book`` ran before the build), myst-nb writes the notebook as read, without outputs: they
    are merged here from the cache record that matches it. A notebook the build executed itself has them.
    """
    import nbformat

    nb = nbformat.read(nb_path, as_version=4)
    has_outputs = any(c.get("outputs") for c in nb.cells if c.cell_type == "code")
    if not has_outputs and cache_path and Path(cache_path).exists():
        from jupyter_cache import get_cache

        try:
            _, nb = get_cache(cache_path).merge_match_into_notebook(nb)
        except KeyError:  # no matching record: the notebook stays as myst-nb wrote it
            pass
    nbformat.write(nb, dest)


def write_takeaway(root: Path, cache_path: str, notebooks: dict[str, tuple[Path, Path]], out: Path) -> None:
    """Write the take-away notebooks and, for a book inside the project, the zip (returns None).

    ``notebooks`` maps a docname to (the notebook myst-nb wrote, where its copy with outputs goes);
    ``out`` is the zip's path. The zip ships the project's lock, library and data, which only a book
    built inside the project (``root``) has.
    """
    found = {}
    for docname, (nb, dest) in sorted(notebooks.items()):
        dest.parent.mkdir(parents=True, exist_ok=True)
        _write_with_outputs(cache_path, nb, dest)
        found[Path(docname).name] = dest
    if found and all((root / p).exists() for p in ("constraints.txt", "lib/pyproject.toml", "data", "_config.yml")):
        write_notebook_zip(root, found, out)
