"""``python -m tradeimbalance.jb ARGS``: ``jupyter-book ARGS``, without the interpreter's teardown at the end.

A finished Sphinx build still holds millions of docutils nodes, which Python's
finalisation frees one by one (about half a second of the build's wall time on a
laptop). This runs jupyter-book's command line, then does what an exit must do
(the ``atexit`` functions, such as the flush of the logging handlers, and the
flush of the standard streams) and ends the process with the build's exit
status at once (:func:`os._exit`). An exception other than the exit itself is
left to Python's usual handling: its traceback is printed and the status is 1.
"""

from __future__ import annotations

import atexit
import os
import sys


def exit_status(code: object) -> int:
    """The process status for ``SystemExit(code)``: 0 for ``None``, the number itself, 1 (the text printed) otherwise."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


def main(argv: list[str] | None = None) -> None:
    """Run ``jupyter-book`` with ``argv`` (default: this command's arguments) and end the process with its status."""
    from jupyter_book.cli.main import main as jupyter_book

    try:
        jupyter_book(args=argv, prog_name="jupyter-book")
        status = 0
    except SystemExit as exc:  # click ends every run of its command line with one
        status = exit_status(exc.code)
    atexit._run_exitfuncs()  # what the interpreter's own exit runs first
    for stream in (sys.stdout, sys.stderr):
        stream.flush()
    os._exit(status)


if __name__ == "__main__":
    main()
