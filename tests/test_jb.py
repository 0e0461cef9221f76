"""``python -m tradeimbalance.jb``: jupyter-book's command line, ended at once with its status
(lib/src/tradeimbalance/jb.py)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tradeimbalance.jb import exit_status

# A stand-in for jupyter-book's command line: it prints (block-buffered: stdout is a pipe and
# PYTHONUNBUFFERED is unset), registers an exit function and ends as ``END`` says.
LAUNCH = """
import atexit, sys
import jupyter_book.cli.main as cli

def fake(args=None, prog_name=None):
    print("built with", args, end="")
    atexit.register(lambda: print(" and the exit functions ran", end=""))
    {END}

cli.main = fake
from tradeimbalance import jb
jb.main(["build", "book"])
print("never reached")
"""


def run(end: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    return subprocess.run([sys.executable, "-c", LAUNCH.replace("{END}", end)], env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("end, status", [("sys.exit(3)", 3), ("sys.exit(0)", 0), ("return None", 0)])
def test_the_process_ends_with_the_build_status_after_its_exit_functions_and_output(end, status):
    res = run(end)
    assert res.returncode == status, res.stderr
    assert res.stdout == "built with ['build', 'book'] and the exit functions ran"


def test_an_exit_with_a_message_prints_it_and_fails():
    res = run('sys.exit("the book has no _toc.yml")')
    assert res.returncode == 1
    assert "the book has no _toc.yml" in res.stderr


def test_an_error_of_the_build_keeps_its_traceback():
    res = run('raise RuntimeError("There was an error in building your book.")')
    assert res.returncode == 1 and "never reached" not in res.stdout
    assert "RuntimeError: There was an error in building your book." in res.stderr


def test_jupyter_books_own_refusal_comes_through(tmp_path):
    res = subprocess.run([sys.executable, "-m", "tradeimbalance.jb", "build", str(tmp_path / "no-such-book")],
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 2 and "no-such-book" in res.stderr


def test_exit_status():
    assert [exit_status(None), exit_status(0), exit_status(4)] == [0, 0, 4]
