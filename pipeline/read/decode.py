"""Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, or a legacy 8-bit encoding."""

from __future__ import annotations

import codecs
from dataclasses import dataclass

import regex

from pipeline.record import Flag

# control characters other than tab, line feed, carriage return and form feed
CONTROL = regex.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
MAX_CONTROL_SHARE = 0.01
LEGACY = ("cp1252", "latin-1")


class DecodeError(ValueError):
    """The bytes are not text this pipeline can read; the message says why and what to do."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str

    @property
    def legacy(self) -> bool:
        return self.encoding in LEGACY

    def flags(self) -> list[Flag]:
        """The read stage's flags: a file in a legacy encoding may have wrong umlauts or quotes."""
        if not self.legacy:
            return []
        return [Flag(0, 0, "read.legacy_encoding",
                     f"the file is not UTF-8; it was read as {self.encoding}: check umlauts and quotes")]


def decode_bytes(data: bytes) -> Decoded:
    """Decode a document's bytes, refusing binary data.

    >>> decode_bytes("Grüße".encode("utf-8-sig"))
    Decoded(text='Grüße', encoding='utf-8-sig')
    >>> decode_bytes("Grüße".encode("utf-16"))
    Decoded(text='Grüße', encoding='utf-16')
    >>> decode_bytes("Grüße".encode("cp1252"))
    Decoded(text='Grüße', encoding='cp1252')
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return _checked(Decoded(data.decode("utf-16"), "utf-16"))
        except UnicodeDecodeError as exc:
            raise DecodeError(f"starts with a UTF-16 byte order mark but is not valid UTF-16 (byte {exc.start})") from None
    if b"\x00" in data:
        raise DecodeError("looks like a binary file (it contains NUL bytes); give text files only")
    if data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    else:
        encoding = "utf-8"
    try:
        return _checked(Decoded(data.decode(encoding), encoding))
    except UnicodeDecodeError:
        pass
    for legacy in LEGACY:
        try:
            return _checked(Decoded(data.decode(legacy), legacy))
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes any bytes")  # pragma: no cover


def _checked(decoded: Decoded) -> Decoded:
    text = decoded.text
    if text:
        controls = len(CONTROL.findall(text, endpos=min(len(text), 100_000)))
        if controls / min(len(text), 100_000) > MAX_CONTROL_SHARE:
            raise DecodeError(
                f"looks like a binary file ({controls} control characters in the first "
                f"{min(len(text), 100_000)} characters as {decoded.encoding}); give text files only"
            )
    return decoded
