"""Reading and writing files so that nothing is lost and nothing hangs: the one way the game
writes every file it writes (saves, the autosave, settings, reports, the JSON Schema), and reads
files of bounded size (:func:`read_bounded`).

:func:`write_text` follows the habits of git and SQLite:

- it refuses to overwrite a file the same command reads (``inputs``): `politburo debrief
  game.json -o game.json` would otherwise replace the save with its own report;
- a regular file is replaced atomically: the new text goes to a temporary file next to it, is
  flushed to the disk, then renamed over the old one, so a crash, a full disk or a kill leaves
  either the old file or the new one, whole; the temporary file never outlives a failed write;
- a symbolic link is written through: its target is replaced and the link stays a link;
- a path that is not a regular file (``/dev/null``, ``/dev/full``, a pipe) is written straight to,
  never replaced by a plain file (a pipe nobody reads is refused, not waited on);
- a new file gets the permissions the umask allows (as any program's would); a file replaced
  keeps its own.

Every failure is an OSError whose ``strerror`` says what went wrong in a few words (a full disk
is "No space left on device"), for a one-line message.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

TEMP_SUFFIX = ".tmp"
MAX_TEMP_STEM = 80  # characters of the target's name kept in the temporary file's name


def write_text(path: str | Path, text: str, *, inputs: Iterable[str | Path] = ()) -> None:
    """Write ``text`` (UTF-8) to ``path`` as described in the module's docstring. Raises OSError
    (UnicodeEncodeError for text that is not Unicode, before anything is touched)."""
    write_bytes(path, text.encode("utf-8"), inputs=inputs)


def write_bytes(path: str | Path, data: bytes, *, inputs: Iterable[str | Path] = ()) -> None:
    """Write ``data`` to ``path`` as described in the module's docstring; raises OSError."""
    target = Path(path)
    for source in inputs:
        if same_file(target, source):
            raise OSError(errno.EEXIST, f"it is an input of this command ({source}): writing it "
                          "would destroy it")
    try:
        st = os.stat(target)  # through symbolic links
    except FileNotFoundError:
        st = None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise IsADirectoryError(errno.EISDIR, "it is a folder")
    if st is not None and not stat.S_ISREG(st.st_mode):
        _write_straight(target, data)
        return
    real = Path(os.path.realpath(target))  # a link's target (a dangling link: where it points)
    mode = stat.S_IMODE(st.st_mode) if st is not None else 0o666 & ~_umask()
    _replace_atomically(real, data, mode)


def same_file(a: str | Path, b: str | Path) -> bool:
    """True if ``a`` and ``b`` are the same existing file (by any path, link or hard link)."""
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _replace_atomically(target: Path, data: bytes, mode: int) -> None:
    folder = target.parent
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(
        prefix=f".{target.name[:MAX_TEMP_STEM]}.", suffix=TEMP_SUFFIX, dir=folder
    )
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _sync_folder(folder)


def _sync_folder(folder: Path) -> None:
    """Put the rename itself on the disk (POSIX; elsewhere the rename is already durable)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _write_straight(target: Path, data: bytes) -> None:
    """Write to a device or a pipe in place: there is nothing to replace atomically."""
    try:
        fd = os.open(target, os.O_WRONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as e:
        if e.errno == errno.ENXIO:  # a pipe with no reader: waiting would hang
            raise OSError(errno.ENXIO, "it is a pipe that nothing reads from") from None
        raise
    if hasattr(os, "O_NONBLOCK"):
        os.set_blocking(fd, True)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
        f.flush()


def read_bounded(path: str | Path, limit: int) -> bytes:
    """Up to ``limit + 1`` bytes of a regular file (so a caller sees that it is too large).
    Opens without blocking and checks what it opened, so a pipe, a device or a folder is refused
    at once with OSError, never waited on or read without end."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as f:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(21, "is a folder, not a file")
        if not stat.S_ISREG(mode):
            raise OSError(0, "not a regular file (a pipe, a device or a socket)")
        return f.read(limit + 1)
