"""Exceptions that carry a message meant for the user.

Everything that a person can get wrong (a stock file, a scenario file, a command-line
value) raises :class:`WupInputError` with one clear sentence that names the file, the row or
key, and what is allowed. The CLI and the app print the message without a traceback.
"""

from __future__ import annotations

#: The longest message [characters]: a longer one keeps its start and end, and says how much
#: was left out (a message is read on a terminal or in the app, never megabytes of it).
MAX_MESSAGE_CHARS = 2000


def bounded(message: str, limit: int = MAX_MESSAGE_CHARS) -> str:
    """``message`` within ``limit`` characters: its start and its end, and what was cut."""
    if len(message) <= limit:
        return message
    head, tail = (limit * 3) // 4, limit // 6
    cut = len(message) - head - tail
    return f"{message[:head]} ... ({cut:,} characters left out) ... {message[-tail:]}"


class WupInputError(ValueError):
    """Bad user input: the message says what, where, and what is allowed.

    Parameters
    ----------
    message
        The full user-facing message; at most :data:`MAX_MESSAGE_CHARS` characters of it are
        kept (:func:`bounded`).
    source
        The file (or other input) the problem is in, if any. Already part of ``message``;
        kept separately so callers can group messages per file.
    problems
        For a stock table: every bad cell, one entry each (``row``, ``where``, ``column``,
        ``value``, ``problem``, ``allowed``, ``code`` ...; see :mod:`wupmodel.stock.schema`), so
        a front end can list them all; the message summarises them.
    code
        For a problem with a whole uploaded file (too large, binary, a required column
        missing ...): what kind of problem, so a front end can say it in another language
        (:func:`wupmodel.upload_message`); ``details`` holds its figures. Empty otherwise.
    details
        The figures of ``code`` (e.g. ``size_mb``, ``max_mb``, ``line``, ``columns``).
    """

    def __init__(
        self,
        message: str,
        source: str | None = None,
        problems: tuple[dict[str, object], ...] = (),
        code: str = "",
        details: dict[str, object] | None = None,
    ) -> None:
        super().__init__(bounded(message))
        self.source = source if source is None else bounded(source, 300)
        self.problems = problems
        self.code = code
        self.details = dict(details or {})
