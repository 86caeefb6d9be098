"""Where the game keeps its files (:mod:`game.files` writes them).

Kept apart from :mod:`game.saves` so the window can find its settings and the autosaves
without loading the engine first (that would slow the first frame).

Every game has its own autosave, in the ``autosaves`` folder of the data folder, named by when
the game began, its scenario and its people's contenders, so a new game never overwrites the
last one. The newest :data:`MAX_AUTOSAVES` are kept.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

AUTOSAVES = "autosaves"
LEGACY_AUTOSAVE = "autosave.json"  # the one autosave of versions before per-game autosaves
MAX_AUTOSAVES = 20
_UNSAFE = re.compile(r"[^a-z0-9_]+")


def data_dir() -> Path:
    """Where autosaves, settings and the player's scenarios live: $POLITBURO_HOME if set
    (tests, portable installs), else the platform's per-user data folder."""
    home = os.environ.get("POLITBURO_HOME")
    if home:
        return Path(home)
    import platformdirs

    return Path(platformdirs.user_data_dir("politburo", appauthor=False))


def use_kernel_cache() -> None:
    """Keep the compiled rules in the user cache folder ($POLITBURO_CACHE if already set), so
    they are compiled once per version of the game (see :mod:`game.rules.jit`). Call before the
    engine is first imported."""
    if not os.environ.get("POLITBURO_CACHE"):
        import platformdirs

        os.environ["POLITBURO_CACHE"] = str(
            Path(platformdirs.user_cache_dir("politburo", appauthor=False)) / "kernels")


def autosaves_dir() -> Path:
    return data_dir() / AUTOSAVES


def autosave_files() -> list[Path]:
    """Every autosave, newest first (the legacy single autosave among them, if it is there)."""
    folder = autosaves_dir()
    found = sorted(folder.glob("*.json")) if folder.is_dir() else []
    legacy = data_dir() / LEGACY_AUTOSAVE
    if legacy.is_file():
        found.append(legacy)
    return sorted(found, key=_mtime, reverse=True)


def is_autosave(path: Path) -> bool:
    """True for a file of the autosaves folder (or the legacy autosave)."""
    try:
        p = path.resolve()
        legacy = (data_dir() / LEGACY_AUTOSAVE).resolve()
        return p.parent == autosaves_dir().resolve() or p == legacy
    except (OSError, RuntimeError):  # RuntimeError: a loop of links (Python 3.11 and 3.12)
        return False


def new_autosave_path(
    scenario_id: str, humans: Sequence[str], now: datetime | None = None
) -> Path:
    """A fresh autosave file for a game beginning now, named without spaces so a command that
    names it needs no quotes: '2026-12-07-034912-succession_1924-stalin.json' (a number is
    added if that name is taken)."""
    stamp = (now or datetime.now()).strftime("%Y-%m-%d-%H%M%S")
    who = "-".join(_UNSAFE.sub("", h.lower()) for h in humans) or "ai"
    base = f"{stamp}-{_UNSAFE.sub('', scenario_id.lower())}-{who}"
    folder = autosaves_dir()
    path, n = folder / f"{base}.json", 2
    while path.exists():
        path, n = folder / f"{base}-{n}.json", n + 1
    return path


def prune_autosaves(keep: int = MAX_AUTOSAVES, spare: Path | None = None) -> list[Path]:
    """Remove the oldest autosaves of the folder beyond the newest ``keep`` (never ``spare``,
    the game being played); returns those removed."""
    folder = autosaves_dir()
    files = sorted(folder.glob("*.json"), key=_mtime, reverse=True) if folder.is_dir() else []
    gone = []
    for p in files[keep:]:
        if spare is not None and p == spare:
            continue
        try:
            p.unlink()
        except OSError:
            continue
        gone.append(p)
    return gone


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
