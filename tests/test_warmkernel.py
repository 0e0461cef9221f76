"""Kernels forked from a warm worker: the same outputs as a launched kernel, nothing shared between notebooks."""

from __future__ import annotations

import contextlib
import json
import os

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from tradeimbalance import warmkernel

pytestmark = pytest.mark.skipif(not warmkernel.available(), reason="needs os.fork")

CELLS = [
    "import os, sys\nimport pandas as pd\nfrom IPython.display import Markdown, display",
    "pd.get_option('display.max_columns'), pd.get_option('display.width')",
    "pd.DataFrame({f'a_rather_long_column_name_{i}': [i * 1.5, i * 2.5] for i in range(12)})",
    "print('to stdout'); print('to stderr', file=sys.stderr); display(Markdown('**shown**'))",
    "os.path.basename(os.getcwd()), os.environ.get('TI_WARMKERNEL_PROBE')",
    "'x_from_before' in globals(), sorted(k for k in globals() if not k.startswith('_'))[:8]",
    "x_from_before = 1",
]


def notebook(cells=CELLS):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(c) for c in cells]
    return nb


def outputs(nb) -> list[str]:
    return [json.dumps(c.outputs, sort_keys=True) for c in nb.cells]


def run(nb, folder, forked: bool):
    with warmkernel.forked(folder) if forked else contextlib.nullcontext() as km:
        NotebookClient(nb, km=km, timeout=60, resources={"metadata": {"path": str(folder)}}).execute()
    return nb


@pytest.fixture
def folder(tmp_path, monkeypatch):
    d = tmp_path / "chapter_folder"
    d.mkdir()
    monkeypatch.setenv("TI_WARMKERNEL_PROBE", "seen")
    return d


def test_a_forked_kernel_gives_exactly_the_outputs_of_a_launched_one(folder):
    launched = run(notebook(), folder, forked=False)
    forked = run(notebook(), folder, forked=True)
    assert outputs(forked) == outputs(launched)
    text = json.dumps(forked.cells[4].outputs)
    assert "chapter_folder" in text and "seen" in text
    assert "(20, 80)" in json.dumps(forked.cells[1].outputs)  # pandas' defaults inside a kernel


def test_no_state_passes_from_one_forked_notebook_to_the_next(folder):
    first = run(notebook(), folder, forked=True)
    second = run(notebook(), folder, forked=True)
    assert "False" in json.dumps(second.cells[5].outputs)
    assert outputs(first) == outputs(second)


def test_an_error_is_reported_with_its_traceback_and_the_kernel_is_gone(folder):
    warmkernel.warm_up()
    km = warmkernel.start(folder)
    pid = km.pid
    nb = notebook(["x = 1", "raise ValueError('bad value in cell two')"])
    try:
        with pytest.raises(CellExecutionError, match="bad value in cell two"):
            NotebookClient(nb, km=km, timeout=60).execute()
    finally:
        km.stop()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    assert not os.path.exists(km.connection_file)


def test_a_cell_that_runs_past_the_timeout_stops_the_kernel(folder):
    warmkernel.warm_up()
    km = warmkernel.start(folder)
    pid = km.pid
    nb = notebook(["import time; time.sleep(60)"])
    try:
        with pytest.raises(Exception, match="(?i)timeout|timed out"):
            NotebookClient(nb, km=km, timeout=2, interrupt_on_timeout=False).execute()
    finally:
        km.stop()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_where_kernels_cannot_be_forked_the_caller_launches_one(monkeypatch):
    monkeypatch.setattr(warmkernel, "available", lambda: False)
    with warmkernel.forked(".") as km:
        assert km is None


def test_the_client_is_ready_when_the_kernel_answers_and_reports_a_kernel_that_died(folder):
    """The forked kernel's client is ready once the kernel has answered kernel_info (the first cell's
    output is the cell's own); a kernel that is gone before it answered is reported, not waited for."""
    import asyncio
    import signal

    warmkernel.warm_up()
    km = warmkernel.start(folder)
    try:
        kc = km.client()
        assert isinstance(kc, warmkernel.ForkedKernelClient)
        nb = run(notebook(["40 + 2"]), folder, forked=True)
        assert nb.cells[0].outputs[0]["data"]["text/plain"] == "42"
        os.kill(km.pid, signal.SIGKILL)
        os.waitpid(km.pid, 0)
        km.pid = None  # reaped here: the manager sees no kernel
        kc.start_channels()
        try:
            with pytest.raises(RuntimeError, match="died before replying"):
                asyncio.run(kc.wait_for_ready(timeout=30))
        finally:
            kc.stop_channels()
    finally:
        km.stop()
