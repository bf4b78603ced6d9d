"""A JSON document read piece by piece: the members of its top-level object one at a time,
and the elements of a long array member one at a time, never the whole file in memory.

Each piece is decoded by the standard library's C decoder (``JSONDecoder.raw_decode``) from a
buffer refilled a megabyte at a time, so a 100,000-interview export is read in one pass with
the memory of one interview.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import IO, Any

CHUNK = 1 << 20
_SPACE = re.compile(r"[ \t\n\r]*")


class JsonStream:
    """``members()``: the top-level object's ``(key, value)`` pairs in file order; the value
    of a key in ``streamed`` is an iterator over its array's elements, to be read through
    before the next member. Malformed JSON raises ``json.JSONDecodeError`` where it is met."""

    def __init__(self, handle: IO[str], streamed: tuple[str, ...] = ()) -> None:
        self.handle = handle
        self.streamed = streamed
        self.buffer = ""
        self.pos = 0
        self.done = 0  # characters before the buffer, for error positions
        self.decoder = json.JSONDecoder()

    def members(self) -> Iterator[tuple[str, Any]]:
        self._expect("{")
        if self._peek() == "}":
            self.pos += 1
            return self._end()
        while True:
            key = self._value()
            if not isinstance(key, str):
                self._fail("Expecting property name enclosed in double quotes")
            self._expect(":")
            if key in self.streamed and self._peek() == "[":
                yield key, self._elements()
            else:
                yield key, self._value()
            if self._separator("}"):
                return self._end()

    def _elements(self) -> Iterator[Any]:
        self._expect("[")
        if self._peek() == "]":
            self.pos += 1
            return
        while True:
            yield self._value()
            if self._separator("]"):
                return

    def _separator(self, close: str) -> bool:
        """After a member or element: True at the closing mark, False after a comma."""
        found = self._peek()
        if found not in (",", close):
            self._fail(f"Expecting ',' delimiter or '{close}'")
        self.pos += 1
        return found == close

    def _end(self) -> None:
        if self._peek():
            self._fail("Extra data")

    def _fill(self) -> bool:
        more = self.handle.read(CHUNK)
        if not more:
            return False
        self.done += self.pos
        self.buffer = self.buffer[self.pos :] + more
        self.pos = 0
        return True

    def _peek(self) -> str:
        while True:
            self.pos = _SPACE.match(self.buffer, self.pos).end()  # type: ignore[union-attr]
            if self.pos < len(self.buffer) or not self._fill():
                return self.buffer[self.pos : self.pos + 1]

    def _expect(self, mark: str) -> None:
        if self._peek() != mark:
            self._fail(f"Expecting '{mark}'")
        self.pos += 1

    def _value(self) -> Any:
        self._peek()
        failed_at = -1  # where the last attempt failed, counted from the file's start
        while True:
            try:
                value, end = self.decoder.raw_decode(self.buffer, self.pos)
            except json.JSONDecodeError as error:
                # A value cut by the end of the buffer fails too: read on and try again,
                # unless the same place fails once more (a long string may take several).
                at = self.done + error.pos
                again = (
                    at != failed_at
                    or error.pos >= len(self.buffer) - 8  # a literal such as "nul" cut short
                    or error.msg.startswith("Unterminated")
                )
                failed_at = at
                if again and self._fill():
                    continue
                raise json.JSONDecodeError(error.msg, error.doc, error.pos) from None
            # A number at the end of the buffer may go on in the next piece.
            cut = end == len(self.buffer) and not isinstance(value, (dict, list, str))
            if cut and self._fill():
                continue
            self.pos = end
            return value

    def _fail(self, message: str) -> None:
        raise json.JSONDecodeError(message, self.buffer, self.pos)
