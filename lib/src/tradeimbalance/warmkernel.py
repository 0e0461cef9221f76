"""Jupyter kernels forked from a warm process: each notebook still gets its own kernel, started in milliseconds.

Starting a kernel and importing Altair, pandas and the package costs about
2.5 s per chapter, more than most chapters compute. A worker of
:mod:`tradeimbalance.prebuild` therefore imports them once (:func:`warm_up`) and,
for every notebook, forks a child that becomes an ordinary IPython kernel
(``ipykernel``'s own application, listening on a fresh connection file) in the
notebook's folder. ``nbclient`` then talks to it exactly as to a kernel it had
launched (:class:`ForkedKernelManager`), and the child is stopped after the
notebook. No state passes from one notebook to the next: each child is forked
from the worker as it was after the warm-up, never from another notebook's kernel.

What a module decides once at import, from the process it is imported in,
is decided as in a kernel: pandas picks its ``display.max_columns`` default by
asking whether it runs inside a Jupyter kernel, so the warm-up imports it while
the question answers yes (or, where pandas was imported before, sets the value
that answer gives). ``tests/test_warmkernel.py`` executes the same
notebook in a launched and in a forked kernel and compares every output.

POSIX only (``os.fork``); elsewhere :func:`available` is False and the caller
launches kernels as usual.
"""

from __future__ import annotations

import asyncio
import builtins
import contextlib
import os
import signal
import sys
import time
from pathlib import Path
from queue import Empty

from jupyter_client.asynchronous.client import AsyncKernelClient
from jupyter_client.manager import AsyncKernelManager
from traitlets import Type

_WARM = False

#: pandas' ``display.max_columns`` default when imported inside a Jupyter kernel (``pandas/core/config_init.py``)
KERNEL_MAX_COLUMNS = 20


def available() -> bool:
    """True where kernels can be forked (POSIX); returns a bool."""
    return hasattr(os, "fork") and sys.platform != "win32"


class _KernelLike:
    """What pandas' import-time check sees: IPython running as a Jupyter kernel."""

    kernel = True


def warm_up() -> None:
    """Import, once per process, what every chapter imports (Altair, pandas, the chapters); returns None.

    No table is loaded and no chapter code runs: a child kernel starts with the
    modules imported and nothing computed.
    """
    global _WARM
    if _WARM:
        return
    already = "pandas" in sys.modules
    had = hasattr(builtins, "get_ipython")
    saved = getattr(builtins, "get_ipython", None)
    builtins.get_ipython = lambda: _KernelLike()  # pandas' is_terminal(): "inside a kernel"
    try:
        import pandas
    finally:
        if had:
            builtins.get_ipython = saved
        else:
            del builtins.get_ipython
    if already:  # imported outside a kernel before: set what its import inside a kernel sets
        pandas.set_option("display.max_columns", KERNEL_MAX_COLUMNS)
    from .charts import enable_charts

    enable_charts()
    import ipykernel.kernelapp  # noqa: F401

    from . import book, catalog  # noqa: F401

    try:
        catalog.all_figures()  # every chapter's modules
    except Exception:  # noqa: BLE001 - e.g. no data/ yet: each kernel then imports them itself and reports it
        pass

    _WARM = True


def _child(connection_file: str, cwd: str) -> None:
    """In the forked child: become an IPython kernel on ``connection_file``; never returns."""
    code = 1
    try:
        devnull = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):  # the kernel's start-up banner goes nowhere; outputs go to the client
            os.dup2(devnull, fd)
        os.chdir(cwd)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        asyncio.set_event_loop(asyncio.new_event_loop())  # not the worker's loop
        from ipykernel.kernelapp import IPKernelApp

        app = IPKernelApp.instance()
        app.initialize(["-f", connection_file, "--HistoryManager.hist_file=:memory:"])
        app.start()
        code = 0
    finally:
        os._exit(code)


class ForkedKernelClient(AsyncKernelClient):
    """``nbclient``'s usual asynchronous client, ready as soon as the forked kernel has answered.

    jupyter-client's own ``wait_for_ready`` ends by waiting until IOPub has been silent for 0.2 s, a
    pause every kernel start would add to a chapter's time. Here the messages already on IOPub are
    read without that pause: what comes later belongs to the ``kernel_info`` request, and ``nbclient``
    reads only the messages of the requests it sends itself.
    """

    async def wait_for_ready(self, timeout: float | None = None) -> None:
        """Return once the kernel has replied to ``kernel_info`` on shell and IOPub is connected."""
        deadline = time.monotonic() + (float("inf") if timeout is None else timeout)
        while True:
            self.kernel_info()
            try:
                msg = await self.shell_channel.get_msg(timeout=1)
            except Empty:
                msg = None
            if msg is not None and msg["msg_type"] == "kernel_info_reply":
                try:
                    await self.iopub_channel.get_msg(timeout=0.2)  # IOPub connected: a message arrived
                except Empty:
                    pass
                else:
                    self._handle_kernel_info_reply(msg)
                    break
            if not await self._async_is_alive():
                raise RuntimeError("Kernel died before replying to kernel_info")
            if time.monotonic() > deadline:
                raise RuntimeError(f"Kernel didn't respond in {timeout:g} seconds")
        while True:  # what is already there, without waiting for silence
            try:
                await self.iopub_channel.get_msg(timeout=0)
            except Empty:
                break


class ForkedKernelManager(AsyncKernelManager):
    """A kernel manager for a kernel forked by :func:`start`: alive while the child runs (its client is
    :class:`ForkedKernelClient`)."""

    pid: int | None = None
    client_factory = Type(ForkedKernelClient, klass=AsyncKernelClient)

    def _alive(self) -> bool:
        if self.pid is None:
            return False
        try:
            done, _ = os.waitpid(self.pid, os.WNOHANG)
        except ChildProcessError:
            return False
        return done == 0

    @property
    def has_kernel(self) -> bool:
        """True while the child kernel runs."""
        return self._alive()

    async def _async_is_alive(self) -> bool:
        return self._alive()

    is_alive = _async_is_alive

    async def _async_interrupt_kernel(self) -> None:
        if self._alive():
            os.kill(self.pid, signal.SIGINT)

    interrupt_kernel = _async_interrupt_kernel

    async def _async_shutdown_kernel(self, now: bool = False, restart: bool = False) -> None:
        if self.pid is None:
            return
        if self._alive():
            os.kill(self.pid, signal.SIGTERM)
        deadline = time.monotonic() + 5
        while self._alive() and time.monotonic() < deadline:
            await asyncio.sleep(0.01)
        if self._alive():
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        self.pid = None

    shutdown_kernel = _async_shutdown_kernel

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        self._remove_connection_file()

    cleanup_resources = _async_cleanup_resources

    def _remove_connection_file(self) -> None:
        if self.connection_file:
            Path(self.connection_file).unlink(missing_ok=True)

    def stop(self) -> None:
        """Stop the child if it still runs and remove its connection file (returns None)."""
        if self.pid is not None:
            asyncio.run(self._async_shutdown_kernel())
        self._remove_connection_file()


def start(cwd: str | Path) -> ForkedKernelManager:
    """Fork a kernel in folder ``cwd`` from this (warmed-up) process; returns its manager.

    Call it outside any running event loop; pass the manager to ``nbclient`` as
    ``km`` and call its :meth:`~ForkedKernelManager.stop` afterwards.
    """
    from jupyter_client.connect import write_connection_file

    connection_file, _ = write_connection_file()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        _child(connection_file, str(cwd))
    km = ForkedKernelManager(connection_file=connection_file)
    km.load_connection_file()
    km.pid = pid
    return km


@contextlib.contextmanager
def forked(cwd: str | Path):
    """A kernel forked in folder ``cwd`` for one notebook, stopped afterwards.

    Yields its manager (pass it to ``nbclient`` or papermill as ``km``), or None
    where kernels cannot be forked: the caller's executor then launches one.
    """
    if not available():
        yield None
        return
    warm_up()
    km = start(cwd)
    try:
        yield km
    finally:
        km.stop()
