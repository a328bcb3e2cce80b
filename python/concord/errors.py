"""Errors raised by concord.

Every problem with an input (a scenario or order file, a CSV given to a measure, a parameter
out of range) raises :class:`InputError`, a :class:`ValueError` that names where the problem is,
exactly as the command-line program prints it. A file with several problems raises one error
listing all of them (``problems``); the attributes ``file``, ``line``, ``column``, ``field`` and
``message`` are those of the first.
"""
from __future__ import annotations

from typing import NamedTuple


class Problem(NamedTuple):
    """One problem in an input: where it is and what was expected.

    ``line`` and ``column`` are 1-based, 0 when not known; ``field`` is a TOML key path
    (``actor[3].gdp``) or a CSV column, empty when not known.
    """

    file: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        # as concord::Problem::str() prints it
        where = self.file or "<input>"
        if self.line > 0:
            where += f":{self.line}"
            if self.column > 0:
                where += f":{self.column}"
        if self.field:
            where += f": field '{self.field}'"
        return f"{where}: {self.message}"


class InputError(ValueError):
    """An input cannot be used; ``str(error)`` lists every problem, one a line."""

    def __init__(self, problems, text: str | None = None):
        self.problems = [p if isinstance(p, Problem) else Problem(*p) for p in problems]
        super().__init__(text if text is not None else "\n".join(map(str, self.problems)))
        first = self.problems[0] if self.problems else Problem("", 0, 0, "", str(text or ""))
        self.file = first.file
        self.line = first.line
        self.column = first.column
        self.field = first.field
        self.message = first.message
