"""The screenshot script, run as a user runs it: a real window on Xvfb, every scene at both
window sizes, and no label too small for its text."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pygame
import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(
    shutil.which("Xvfb") is None, reason="needs Debian's xvfb (.ci/run installs it)"
)
def test_every_scene_is_shot_in_a_real_window_at_both_sizes_and_every_text_size(tmp_path):
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
    assert "cut short" not in proc.stderr, proc.stderr[-2000:]
    shots = sorted(tmp_path.glob("*.png"))
    names = {p.name.rsplit("-", 1)[0] for p in shots}
    for text_size in ("small", "large", "largest"):
        assert f"05-board-{text_size}" in names
    assert {
        "01-title",
        "05-board",
        "04-cards",
        "11-vote-result",
        "13-end",
        "15-encyclopedia",
        "16-settings",
        "17-load",
        "18-join-refused",
        "19-joined-waiting",
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


@pytest.mark.skipif(
    shutil.which("Xvfb") is None, reason="needs Debian's xvfb (.ci/run installs it)"
)
def test_a_modder_shoots_their_own_scenario_at_one_size(tmp_path):
    """`--scenario FILE --size WxH --text-size normal`: every scene of the fictional council
    (its own organs, axis and factors) at one size, nothing cut short."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "SDL_VIDEODRIVER")}
    proc = subprocess.run(
        [sys.executable, "-m", "game.ui.screenshots", "--out", str(tmp_path), "--scenario",
         str(ROOT / "tests" / "data" / "fictional_council.yaml"), "--size", "1280x720",
         "--text-size", "normal"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "cut short" not in proc.stderr, proc.stderr[-2000:]
    names = {p.name for p in tmp_path.glob("*.png")}
    assert {"05-board-1280x720.png", "13-end-1280x720.png", "14-debrief-1280x720.png"} <= names
    assert not any("1920x1080" in n for n in names)


@pytest.mark.skipif(
    shutil.which("Xvfb") is None, reason="needs Debian's xvfb (.ci/run installs it)"
)
def test_a_window_asked_larger_than_a_small_screen_fits_it(tmp_path):
    """On a real 1366x768 screen (Xvfb), a window kept at 1920x1080 opens within the screen,
    and dragging it larger is refused."""
    display = next(n for n in range(140, 199) if not Path(f"/tmp/.X11-unix/X{n}").exists())
    xvfb = subprocess.Popen(
        ["Xvfb", f":{display}", "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(50):
            if Path(f"/tmp/.X11-unix/X{display}").exists():
                break
            time.sleep(0.1)
        env = {k: v for k, v in os.environ.items() if k != "SDL_VIDEODRIVER"}
        env.update(DISPLAY=f":{display}", POLITBURO_HOME=str(tmp_path), SDL_AUDIODRIVER="dummy")
        script = (
            "import json\n"
            "from game.ui.app import App\n"
            "from game.ui.settings import Settings\n"
            "app = App(settings=Settings(window_size=(1920, 1080)))\n"
            "opened = app.size\n"
            "app.resized((2400, 1400))\n"
            "print(json.dumps([app.screen, opened, app.size]))\n"
        )
        proc = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=60)
    finally:
        xvfb.terminate()
        xvfb.wait()
    assert proc.returncode == 0, proc.stderr[-2000:]
    room, opened, dragged = json.loads(proc.stdout)
    assert room[0] <= 1366 and room[1] <= 768
    assert opened[0] <= room[0] and opened[1] <= room[1]
    assert dragged == opened
