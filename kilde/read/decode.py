"""Bytes to text: UTF-8 first, then cp1252/latin-1 with a warning; binary is refused."""
from __future__ import annotations

from kilde.errors import Code

MAX_RECORD_BYTES = 5 * 1024 * 1024
_CONTROL = set(range(0, 32)) - {9, 10, 12, 13}
_NOT_CONTROL = bytes(b for b in range(256) if b not in _CONTROL)  # deleted to count the control bytes


class DecodeError(ValueError):
    """Raised with a ready reason (code and message) for a bad record."""

    def __init__(self, code: Code, **fields: object) -> None:
        self.code = code
        super().__init__(code.format(**fields))


def looks_binary(data: bytes) -> str | None:
    """Why ``data`` looks binary, or ``None``."""
    sample = data[:8192]
    if b"\x00" in sample:
        return "contains NUL bytes (not a text file)"
    if sample:
        control = len(sample.translate(None, _NOT_CONTROL))
        if control / len(sample) > 0.05:
            return f"{control} control bytes in the first {len(sample)} (not a text file)"
    return None


def decode(data: bytes, limit: int | None = MAX_RECORD_BYTES) -> tuple[str, list[str]]:
    """Decode ``data`` (at most ``limit`` bytes; a whole CSV file has none); return the text and any
    warnings. Raises DecodeError."""
    if limit is not None and len(data) > limit:
        raise DecodeError(Code.E004, size=len(data), limit=limit)
    why = looks_binary(data)
    if why:
        raise DecodeError(Code.E003, detail=why)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    for encoding in ("cp1252", "latin-1"):
        try:
            return data.decode(encoding), [Code.W001.format(encoding=encoding)]
        except UnicodeDecodeError:
            continue
    raise DecodeError(Code.E009, detail="cannot decode bytes")  # pragma: no cover - latin-1 decodes all
