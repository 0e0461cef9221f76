"""The up-to-date check of `make book`: a build is skipped only when no file of the book changed."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tradeimbalance import uptodate


@pytest.fixture
def book(tmp_path):
    root = tmp_path / "book"
    for rel, text in {"_config.yml": "title: t\n", "_toc.yml": "root: index\n", "index.md": "# Home\n",
                      "lib/src/pkg/mod.py": "X = 1\n", "data/t.csv": "a\n1\n"}.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return root


def built(root, salt="html"):
    """Check (stale), 'build' into _build/html, record; returns the output folder."""
    out = root / "_build" / "html"
    assert not uptodate.check(root, out, salt)
    out.mkdir(parents=True, exist_ok=True)
    (out / "index.html").write_text("<html></html>")
    uptodate.write(out)
    return out


def test_an_unchanged_tree_is_up_to_date_and_the_record_lives_beside_the_output(book):
    out = built(book)
    assert uptodate.check(book, out, "html")
    assert (book / "_build" / "html.inputs").is_file()
    assert sorted(p.name for p in out.iterdir()) == ["index.html"]


@pytest.mark.parametrize("rel", ["index.md", "lib/src/pkg/mod.py", "data/t.csv", "_config.yml", "chapters/new.md"])
def test_a_changed_or_new_file_of_the_book_makes_it_stale(book, rel):
    out = built(book)
    (book / rel).parent.mkdir(parents=True, exist_ok=True)
    (book / rel).write_text("changed\n")
    assert not uptodate.check(book, out, "html")


def test_a_renamed_file_makes_it_stale(book):
    out = built(book)
    (book / "data" / "t.csv").rename(book / "data" / "u.csv")
    assert not uptodate.check(book, out, "html")


@pytest.mark.parametrize("rel", ["_build/other.txt", ".git/HEAD", ".venv/x.py", "lib/src/pkg/__pycache__/mod.cpython-311.pyc",
                                 "snapshots/reply.json"])
def test_files_no_build_reads_do_not_count(book, rel):
    out = built(book)
    (book / rel).parent.mkdir(parents=True, exist_ok=True)
    (book / rel).write_text("noise\n")
    assert uptodate.check(book, out, "html")


def test_other_flags_or_a_deleted_output_are_not_up_to_date(book):
    out = built(book)
    assert not uptodate.check(book, out, "html -W")
    out = built(book)
    (out / "index.html").unlink()
    out.rmdir()
    assert not uptodate.check(book, out, "html")


def test_a_failed_build_leaves_no_record_so_the_next_run_builds_again(book):
    out = built(book)
    (book / "index.md").write_text("# Changed\n")
    assert not uptodate.check(book, out, "html")  # the build then fails: write is never called
    (book / "index.md").write_text("# Home\n")  # even back to the recorded state, the old record is gone
    assert not uptodate.check(book, out, "html")


def test_an_edit_during_the_build_is_not_recorded_as_built(book):
    out = book / "_build" / "html"
    assert not uptodate.check(book, out, "html")
    (book / "index.md").write_text("# Edited while building\n")
    out.mkdir(parents=True)
    uptodate.write(out)
    assert not uptodate.check(book, out, "html")


def test_write_without_check_is_one_clear_error(book):
    done = subprocess.run([sys.executable, "-m", "tradeimbalance.uptodate", "write", "--root", str(book),
                           "--out", "_build/html"], capture_output=True, text=True)
    assert done.returncode == 2
    assert "html.pending" in done.stderr and "run 'check' before the build" in done.stderr
    assert not (book / "_build" / "html.inputs").exists()
