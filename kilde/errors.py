"""User-facing errors and reject reasons, one place, with codes.

Each message says what happened and, where it helps, what to do. Readers and
the pipeline never raise these for a single bad record: they turn them into a
:class:`kilde.article.Reject` so a batch goes on.
"""
from __future__ import annotations

from enum import Enum


class Code(str, Enum):
    """Reject and error codes. The value is the message template."""

    E001 = "input not found: {path}"
    E002 = "empty input: the record has no text"
    E003 = "binary data: {detail}"
    E004 = "record too large: {size:,} bytes (limit {limit:,})"
    E005 = "malformed JSON on line {line}: {detail}"
    E006 = "missing 'text': the record has no non-empty string field 'text'"
    E007 = "truncated or corrupt gzip after line {line}: {detail}"
    E008 = "field '{field}' has the wrong type: expected {expected}"
    E009 = "unreadable input: {detail}"
    E010 = "analysis failed: {detail}"
    E011 = "unknown export format {fmt!r}: choose one of {choices}"
    E012 = "no model at {path}: pass --model with a spaCy pipeline directory or package name"
    E013 = "database error: {detail}"
    E014 = "record is not a JSON object on line {line}"
    E015 = "no article text found in the {kind}"
    E016 = "unreadable feed: {detail}"
    E017 = "truncated or corrupt web archive after {records} records: {detail}"
    E018 = "not an article: {detail}"
    E019 = "no text column in the CSV: the header has {columns}; name one of {choices}"
    W001 = "not valid UTF-8: decoded as {encoding}"

    def format(self, **fields: object) -> str:
        """Render the message with its code, e.g. ``[E002] empty input: ...``."""
        return f"[{self.name}] " + self.value.format(**fields)


class KildeError(Exception):
    """An error a user can act on; the CLI prints it without a traceback."""

    def __init__(self, code: Code, **fields: object) -> None:
        self.code = code
        self.fields = fields
        super().__init__(code.format(**fields))
