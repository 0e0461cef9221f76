"""Exceptions of the package: reading raw sources and building ``data/``, running the book, usage.

Every problem with an input (a missing file, a renamed sheet, a cell that is
not a number, a duplicated key, an unknown country name, a unit that is not
the expected one) stops the build with a single :class:`IngestError` whose
message names the file and, where it applies, the sheet, row and column.
"""

from __future__ import annotations

from pathlib import Path


class IngestError(Exception):
    """A raw input cannot be read into a tidy table.

    Parameters
    ----------
    message:
        What is wrong, in plain words.
    file:
        The file concerned (a path, shown relative to the raw folder when possible).
    sheet, row, column:
        Where in the file, when known. ``row`` is the 1-based row number as a
        spreadsheet or text editor shows it (header included).
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | Path | None = None,
        sheet: str | None = None,
        row: int | None = None,
        column: str | int | None = None,
    ) -> None:
        self.message = message
        self.file = None if file is None else str(file)
        self.sheet = sheet
        self.row = row
        self.column = column
        super().__init__(self._format())

    def _format(self) -> str:
        where = []
        if self.file is not None:
            where.append(f"file {self.file}")
        if self.sheet is not None:
            where.append(f"sheet {self.sheet!r}")
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column {self.column!r}")
        return f"{self.message} ({', '.join(where)})" if where else self.message


class ValidationError(IngestError):
    """A built table breaks its declared schema (columns, types, primary key)."""


class UsageError(Exception):
    """A command was asked for something that does not exist or makes no sense (exit code 2)."""


class RunError(Exception):
    """The book could not be run or built for the year; nothing was written to the output folder."""


class RunUsageError(RunError, UsageError):
    """The run was asked for something the book does not have (a chapter name, a worker count)."""


class Interrupted(BaseException):
    """The process got SIGINT or SIGTERM; raised in the main thread so that clean-up runs.

    A :class:`BaseException` (like :class:`KeyboardInterrupt`), so that
    ``except Exception`` clauses let it through.
    """

    def __init__(self, signum: int) -> None:
        self.signum = signum
        super().__init__(f"signal {signum}")

    @property
    def exit_code(self) -> int:
        return 128 + self.signum
