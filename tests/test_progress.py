"""The folder through which the pre-execution tells the build beside it which chapters are ready."""

import threading
import time

import pytest

from tradeimbalance import progress


def test_wait_returns_when_the_chapter_is_marked_ready(tmp_path):
    progress.write_order(tmp_path, ["chapters/a.md", "chapters/b.md"])
    assert progress.read_order(tmp_path) == ["chapters/a.md", "chapters/b.md"]
    timer = threading.Timer(0.2, progress.mark, (tmp_path, "chapters/a.md", True))
    timer.start()
    t = time.monotonic()
    progress.wait(tmp_path, "chapters/a.md", timeout=10)
    assert time.monotonic() - t >= 0.15  # it waited for the mark
    timer.join()


def test_a_failed_chapter_raises_with_its_error(tmp_path):
    progress.write_order(tmp_path, ["chapters/a.md"])
    progress.mark(tmp_path, "chapters/a.md", False, "ValueError: bad value")
    with pytest.raises(progress.ChapterFailed, match="chapters/a.md failed in the pre-execution: ValueError: bad value"):
        progress.wait(tmp_path, "chapters/a.md", timeout=10)


def test_chapters_not_run_and_a_finished_pre_execution_are_not_waited_for(tmp_path):
    progress.write_order(tmp_path, ["chapters/a.md"])
    progress.wait(tmp_path, "chapters/other.md", timeout=0.5)  # not in the order: returns at once
    progress.mark_done(tmp_path)
    progress.wait(tmp_path, "chapters/a.md", timeout=0.5)  # never marked, but the pre-execution has finished


def test_a_chapter_never_marked_times_out(tmp_path):
    progress.write_order(tmp_path, ["chapters/a.md"])
    with pytest.raises(TimeoutError, match="chapters/a.md was not ready after 0.2 s"):
        progress.wait(tmp_path, "chapters/a.md", timeout=0.2)


def test_the_folder_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.delenv(progress.ENV, raising=False)
    assert progress.folder() is None
    monkeypatch.setenv(progress.ENV, str(tmp_path))
    assert progress.folder() == tmp_path


def test_the_order_is_waited_for_until_it_is_written_or_the_pre_execution_ends(tmp_path):
    assert progress.read_order(tmp_path) == []  # no wait asked: at once
    timer = threading.Timer(0.2, progress.write_order, (tmp_path / "a", ["chapters/a.md"]))
    (tmp_path / "a").mkdir()
    timer.start()
    assert progress.read_order(tmp_path / "a", timeout=10) == ["chapters/a.md"]
    timer.join()
    (tmp_path / "b").mkdir()
    progress.mark_done(tmp_path / "b")
    t = time.monotonic()
    assert progress.read_order(tmp_path / "b", timeout=10) == [] and time.monotonic() - t < 5
