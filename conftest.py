"""Collect the MyST Markdown chapters (``chapters/*.md``) for nbval.

nbval only collects ``.ipynb`` files; here each chapter is read with jupytext
and handed to nbval as a notebook, so ``pytest --nbval-lax`` executes every
chapter without writing ``.ipynb`` copies. Converted cells have no stored
outputs, so chapters check their results with ``assert`` cells.
"""

from __future__ import annotations

from types import SimpleNamespace
from unittest import mock

import jupytext
import nbval.plugin


class MystNotebookFile(nbval.plugin.IPyNbFile):
    """An nbval notebook collector that reads a MyST Markdown notebook."""

    def collect(self):
        shim = SimpleNamespace(read=lambda path, as_version=4: jupytext.read(path, fmt="md:myst"))
        with mock.patch.object(nbval.plugin, "nbformat", shim):
            yield from super().collect()


def pytest_collect_file(file_path, parent):
    opt = parent.config.option
    if (opt.nbval or opt.nbval_lax) and file_path.suffix == ".md" and file_path.parent.name == "chapters":
        return MystNotebookFile.from_parent(parent, path=file_path)
    return None
