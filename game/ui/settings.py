"""The player's settings, kept as JSON in the game's data folder.

A missing file means the defaults; a broken one also means the defaults, plus a one-line notice
for the title screen, so a bad settings file can never stop the game from starting.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from game import files, paths

WINDOW_SIZES: tuple[tuple[int, int], ...] = ((1280, 720), (1366, 768), (1600, 900), (1920, 1080))
MIN_SIZE = WINDOW_SIZES[0]  # the size the layouts are drawn for; smaller only on a small screen
MAX_SIZE = WINDOW_SIZES[-1]
SMALLEST = (800, 450)  # however small the screen, a window below this cannot be read
TEXT_SIZES = {"small": 0.9, "normal": 1.0, "large": 1.15, "largest": 1.3}
ANIMATION_SPEEDS = {"off": 0.0, "fast": 2.5, "normal": 1.0, "slow": 0.5}
MAX_BYTES = 100_000  # a settings file is a few hundred bytes


class Settings(BaseModel):
    """What the settings screen changes."""

    model_config = ConfigDict(extra="ignore")

    window_size: tuple[int, int] = Field(default=MIN_SIZE, description="Width and height.")
    fullscreen: bool = False
    text_size: Literal["small", "normal", "large", "largest"] = "normal"
    palette: Literal["standard", "colour_blind"] = "standard"
    volume: float = Field(default=0.6, ge=0.0, le=1.0)
    animation_speed: Literal["off", "fast", "normal", "slow"] = "normal"

    @property
    def text_scale(self) -> float:
        return TEXT_SIZES[self.text_size]

    @property
    def animation_factor(self) -> float:
        """How fast animations run: 0 shows the end state at once."""
        return ANIMATION_SPEEDS[self.animation_speed]


def clamp_size(
    size: tuple[int, int], screen: tuple[int, int] | None = None
) -> tuple[int, int]:
    """A window size within the range the layouts are drawn for and, given the room the
    ``screen`` has for a window, never larger than that (on a screen smaller than the layouts'
    size the window fills the room there is)."""
    top = MAX_SIZE if screen is None else (min(MAX_SIZE[0], screen[0]), min(MAX_SIZE[1], screen[1]))
    top = (max(top[0], SMALLEST[0]), max(top[1], SMALLEST[1]))
    w = min(max(int(size[0]), min(MIN_SIZE[0], top[0])), top[0])
    h = min(max(int(size[1]), min(MIN_SIZE[1], top[1])), top[1])
    return (w, h)


def sizes_that_fit(screen: tuple[int, int] | None) -> list[tuple[int, int]]:
    """The window sizes to offer on a screen with this much room (all of them when the room is
    unknown; the room itself when none fits)."""
    if screen is None:
        return list(WINDOW_SIZES)
    fit = [s for s in WINDOW_SIZES if s[0] <= screen[0] and s[1] <= screen[1]]
    return fit or [clamp_size(screen, screen)]


def settings_path() -> Path:
    return paths.data_dir() / "settings.json"


def load_settings(path: Path | None = None) -> tuple[Settings, str | None]:
    """The saved settings and, if the file could not be used, a notice saying so."""
    path = path or settings_path()
    try:
        raw = files.read_bounded(path, MAX_BYTES)
    except FileNotFoundError:
        return Settings(), None
    except OSError as e:
        return Settings(), f"Settings not read ({e.strerror or e}); using the defaults."
    try:
        data = json.loads(raw[:MAX_BYTES].decode("utf-8"))
        s = Settings.model_validate(data)
        return s.model_copy(update={"window_size": clamp_size(s.window_size)}), None
    except (ValueError, ValidationError):
        return Settings(), "The settings file was damaged; using the defaults."


def save_settings(settings: Settings, path: Path | None = None) -> str | None:
    """Write the settings; returns a one-line problem, or None when they were saved."""
    path = path or settings_path()
    try:
        files.write_text(path, settings.model_dump_json(indent=1) + "\n")
    except OSError as e:
        return f"Settings not saved: {e.strerror or e}"
    return None
