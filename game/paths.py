"""Where the game keeps its files, and how it writes them safely.

Kept apart from :mod:`game.saves` so the window can find its settings and the autosave
without loading the engine first (that would slow the first frame).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

AUTOSAVE_NAME = "autosave.json"


def data_dir() -> Path:
    """Where autosaves, settings and the player's scenarios live: $POLITBURO_HOME if set
    (tests, portable installs), else the platform's per-user data folder."""
    home = os.environ.get("POLITBURO_HOME")
    if home:
        return Path(home)
    import platformdirs

    return Path(platformdirs.user_data_dir("politburo", appauthor=False))


def autosave_path() -> Path:
    return data_dir() / AUTOSAVE_NAME


def write_text_atomic(path: str | Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically: the old file stays whole until the new one is on
    disk. Raises OSError."""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, p)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
