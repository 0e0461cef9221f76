"""Collect the MyST Markdown chapters (``chapters/*.md``): one test per chapter.

A chapter's test passes when every cell of the chapter executes without error;
chapters check their own results with ``assert`` cells and ``check_chapter``.
Each chapter is executed once, by :func:`tradeimbalance.prebuild.prepare`, in
the execution cache that ``make book`` uses: the chapters whose inputs (the
chapter, ``lib/``, ``data/``) are unchanged since they last executed without
error are skipped as already proven; the others run on all cores, in the
background while the unit tests run, and each chapter's test then reports its
own result (the failing cell's traceback on error). Under pytest-xdist
(``make test`` runs ``pytest -n auto``) each chapter's test executes its own
chapter on the worker it lands on, the unit tests running on the others.

The tests marked ``heavy`` (data builds, books, kernels) are proven the same way: one that passed
before, with no file, package or setting it could read changed since, is skipped
(``tests/fixtures/proven.py``; ``--rerun-proven`` runs them all).
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent
_KEY = pytest.StashKey[dict]()


class ChapterFailed(Exception):
    """A chapter raised an error while executing."""


class ChapterFile(pytest.File):
    def collect(self):
        yield ChapterItem.from_parent(self, name="execute")


class ChapterItem(pytest.Item):
    """Executes (or finds proven in the cache) one chapter."""

    @property
    def source(self) -> str:
        return self.path.resolve().relative_to(ROOT).as_posix()

    def runtest(self):
        run = self.config.stash[_KEY]
        if run.get("per_item"):  # an xdist worker: this test executes its own chapter
            from tradeimbalance import prebuild

            outcome = prebuild.prepare(ROOT, [self.source], workers=1, progress=lambda line: None, keep_pool=True)[0]
        else:
            run["thread"].join()
            if "error" in run:
                raise run["error"]
            outcome = run["outcomes"][self.source]
        if not outcome.ok:
            raise ChapterFailed(f"{self.source} failed:\n{outcome.error}")
        if outcome.cached:
            pytest.skip(f"unchanged since it last executed without error (execution cache record {outcome.cache_id})")

    def repr_failure(self, excinfo):
        if isinstance(excinfo.value, ChapterFailed):
            return str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self):
        return self.path, None, f"execute {self.source}"


def pytest_configure(config):
    """The tests keep what they may reuse (the Vega JavaScript bundle of their builds, the records of
    tables that passed validation) in ``.test-cache`` instead of this machine's cache
    (:func:`tradeimbalance.paths.cache_dir`): every test process and later run uses the same folder,
    a clean build (``_build`` removed) keeps it and ``make clean`` removes it."""
    os.environ["TRADEIMBALANCE_CACHE"] = str(ROOT / ".test-cache")


def pytest_addoption(parser):
    parser.addoption("--rerun-proven", action="store_true", default=False,
                     help="also run the heavy tests that passed before with every input unchanged (tests/fixtures/proven.py)")


_PROOFS = pytest.StashKey[object]()
_PASSED = pytest.StashKey[bool]()


def _proofs(config):
    """The records of proven heavy tests (:mod:`fixtures.proven`), kept for this run's inputs."""
    if _PROOFS not in config.stash:
        from fixtures.proven import Proofs, inputs_digest

        config.stash[_PROOFS] = Proofs(ROOT / ".test-cache" / "proven", inputs_digest(ROOT))
    return config.stash[_PROOFS]


def pytest_runtest_setup(item):
    """A heavy test that passed before, with nothing it could read changed since, is skipped as proven
    (unless every test is to run: ``--rerun-proven`` or ``TI_RERUN_PROVEN=1``)."""
    if item.get_closest_marker("heavy"):
        from fixtures.proven import rerun_all

        if not rerun_all(item.config.getoption("--rerun-proven")) and _proofs(item.config).proven(item.nodeid):
            pytest.skip("proven: it passed before, and no file, package or setting it could read has changed since")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Record a heavy test that passed whole (call and teardown); forget one that failed."""
    report = (yield).get_result()
    if not item.get_closest_marker("heavy"):
        return
    if report.failed:
        _proofs(item.config).forget(item.nodeid)
    elif report.when == "call" and report.passed:
        item.stash[_PASSED] = True
    elif report.when == "teardown" and item.stash.get(_PASSED, False):
        _proofs(item.config).record(item.nodeid)


def pytest_collect_file(file_path, parent):
    if file_path.suffix == ".md" and file_path.parent.name == "chapters" and file_path.parent.parent == ROOT:
        from tradeimbalance.toc import is_executable

        if is_executable(file_path):
            return ChapterFile.from_parent(parent, path=file_path)
    return None


def pytest_collection_modifyitems(session, config, items):
    """The chapters and the tests marked ``heavy`` first (in their collected order): pytest-xdist then
    starts the long work at once and spreads the many short tests over whichever worker is free, so
    the workers finish together instead of one waiting on a long test picked up last."""
    items.sort(key=lambda i: 0 if isinstance(i, ChapterItem) or i.get_closest_marker("heavy") else 1)


def pytest_collection_finish(session):
    """Look the collected chapters up in the cache, then execute the stale ones in a background thread."""
    items = [i for i in session.items if isinstance(i, ChapterItem)]
    if not items:
        return
    if hasattr(session.config, "workerinput"):  # pytest-xdist worker: chapters are spread like other tests
        session.config.stash[_KEY] = {"per_item": True}
        return
    from tradeimbalance import prebuild

    sources = list(dict.fromkeys(i.source for i in items))
    run: dict = {}
    try:
        plan = prebuild.stale(ROOT, sources)
    except Exception as exc:  # e.g. data/ missing: every chapter test reports it
        run["error"] = exc
        run["thread"] = threading.Thread(target=lambda: None)
        run["thread"].start()
        session.config.stash[_KEY] = run
        return
    env = dict(os.environ)  # the kernels never see what a unit test monkeypatches meanwhile

    def work():
        try:
            run["outcomes"] = {o.source: o for o in prebuild.prepare(ROOT, sources, plan=plan, env=env,
                                                                    progress=lambda line: None)}
        except Exception as exc:
            run["error"] = exc

    run["thread"] = threading.Thread(target=work, name="chapters", daemon=True)
    session.config.stash[_KEY] = run
    run["thread"].start()


@pytest.fixture(autouse=True)
def _views_without_patches(request):
    """A test that patches something may change what a cached view computes: such a test starts and ends
    with empty view caches (:func:`tradeimbalance.data.clear_views`), so it neither sees views computed
    before its patches nor leaves views computed from them to later tests."""
    if "monkeypatch" not in request.fixturenames:
        yield
        return
    from tradeimbalance.data import clear_views

    clear_views()
    yield
    clear_views()
