"""The screenshot script, run as a user runs it: a real window on Xvfb, every scene at both
window sizes, and no label too small for its text."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pygame
import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(
    shutil.which("Xvfb") is None, reason="needs Debian's xvfb (.ci/run installs it)"
)
def test_every_scene_is_shot_in_a_real_window_at_both_sizes(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "SDL_VIDEODRIVER")}
    proc = subprocess.run(
        [sys.executable, "-m", "game.ui.screenshots", "--out", str(tmp_path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "too small" not in proc.stderr, proc.stderr[-2000:]
    shots = sorted(tmp_path.glob("*.png"))
    names = {p.name.rsplit("-", 1)[0] for p in shots}
    assert {
        "01-title",
        "05-board",
        "04-cards",
        "11-vote-result",
        "13-end",
        "15-encyclopedia",
        "16-settings",
        "17-load",
    } <= names
    for p in shots:
        image = pygame.image.load(str(p))
        size = p.stem.rsplit("-", 1)[1]
        assert f"{image.get_width()}x{image.get_height()}" == size
        # a blank or black frame would mean the window showed nothing
        colours = {
            image.get_at((x, y))[:3]
            for x in range(0, image.get_width(), 7)
            for y in range(0, image.get_height(), 7)
        }
        assert len(colours) > 8, p.name
