"""Where the game keeps its files (:mod:`game.files` writes them).

Kept apart from :mod:`game.saves` so the window can find its settings and the autosave
without loading the engine first (that would slow the first frame).
"""

from __future__ import annotations

import os
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
