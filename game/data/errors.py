"""The project's own error for bad data files: every problem with file, key path, found and expected."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in a data file."""

    path: str  # key path such as `moves.pirouette.hits[1].frames`; "" for the whole file
    message: str  # what was found and what was expected

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class DataError(Exception):
    """A data file a user wrote is wrong; the message says where and how, never a traceback."""

    def __init__(self, file: Path | str, problems: Iterable[Problem]) -> None:
        self.file = str(file)
        self.problems = list(problems)
        super().__init__(self.describe())

    def describe(self) -> str:
        if len(self.problems) == 1:
            return f"{self.file}: {self.problems[0]}"
        lines = [f"{self.file}: {len(self.problems)} problems"]
        lines += [f"  {problem}" for problem in self.problems]
        return "\n".join(lines)


def key_path(loc: Iterable[str | int]) -> str:
    """`('wave', 2, 'enemies', 1, 'kind')` → `wave[2].enemies[1].kind`."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def nearest(name: str, known: Iterable[str]) -> str | None:
    """The known name closest to a mistyped one, or None when nothing is close."""
    matches = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return matches[0] if matches else None


def unknown_name(kind: str, name: str, known: Iterable[str]) -> str:
    """The message for a name that does not exist, with the nearest known one when there is one."""
    known = sorted(known)
    guess = nearest(name, known)
    hint = f"; did you mean {guess!r}?" if guess else ""
    listing = ", ".join(known) if len(known) <= 12 else ", ".join(known[:12]) + ", …"
    return f"unknown {kind} {name!r}{hint} (known: {listing})"
