"""Finding input files below a directory, and opening one without ever blocking on it.

Every entry below an input directory is accounted for:

* a directory (or a link to one) is read recursively, in the order of the bytes of the names;
* a regular file (or a link to one) whose name ends in an input suffix is an input; other
  regular files are not inputs and are only counted (:attr:`Found.ignored`);
* everything else is an input that fails with a reason when it is read: a named pipe
  (FIFO), a socket, a device, a link that leads nowhere or in a circle, a directory that
  cannot be listed, a link back to a directory that contains it (a loop; not followed).

Nothing is opened on the strength of its name: :func:`open_regular` opens without blocking
and checks the open file, so a FIFO that took a file's place is refused, not waited on.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.read.names import shown


class NotReadable(OSError):
    """An input that is not a regular file that can be read; the message says what it is."""


@dataclass
class Found:
    """The inputs found below the given paths: (path, path below the given directory)."""

    entries: list[tuple[Path, Path]] = field(default_factory=list)
    ignored: int = 0


def walk(root: Path, is_input: Callable[[str], bool], found: Found) -> None:
    """Add the entries below directory ``root`` to ``found``."""
    try:
        top = root.stat()
    except OSError:
        found.entries.append((root, Path(root.name)))
        return
    _walk(root, Path(), {(top.st_dev, top.st_ino)}, is_input, found)


def _walk(directory: Path, relative: Path, above: set[tuple[int, int]], is_input, found: Found) -> None:
    try:
        with os.scandir(directory) as listing:
            entries = sorted(listing, key=lambda e: os.fsencode(e.name))
    except OSError:
        found.entries.append((directory, relative if relative.parts else Path(directory.name)))
        return
    for entry in entries:
        path, below = directory / entry.name, relative / entry.name
        try:
            info = os.stat(entry.path)
        except OSError:  # a link that leads nowhere or in a circle
            found.entries.append((path, below))
            continue
        if stat.S_ISDIR(info.st_mode):
            key = (info.st_dev, info.st_ino)
            if key in above:
                found.entries.append((path, below))
            else:
                _walk(path, below, above | {key}, is_input, found)
        elif not stat.S_ISREG(info.st_mode) or is_input(entry.name):
            found.entries.append((path, below))
        else:
            found.ignored += 1


def describe(path: Path, error: OSError | None = None) -> str:
    """Why ``path`` cannot be read as a regular file (for the failure's reason)."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if os.path.lexists(path):
            return f"a symbolic link to {shown(os.readlink(path))}, which does not exist"
        return "the file disappeared before it was read"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a symbolic link that leads in a circle"
        return f"cannot read it: {exc.strerror}"
    if stat.S_ISREG(info.st_mode):
        return f"cannot read the file: {error.strerror if error else 'unknown error'}"
    return _kind_of(path, info.st_mode)


def _kind_of(path: Path, mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO), not a file: reading it would wait for a writer; give regular files only"
    if stat.S_ISSOCK(mode):
        return "a socket, not a file; give regular files only"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device, not a file; give regular files only"
    if stat.S_ISDIR(mode):
        try:
            with os.scandir(path):
                pass
        except OSError as exc:
            return f"cannot list the directory: {exc.strerror}"
        return "a link back to a directory that contains it (a loop); not followed"
    return "not a regular file; give regular files only"


def open_regular(path: Path):
    """Open a regular file for reading in binary; anything else raises :class:`NotReadable`
    with the reason, without blocking (a FIFO opened this way does not wait for a writer)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise NotReadable(describe(path, exc)) from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotReadable(_kind_of(path, mode))
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
