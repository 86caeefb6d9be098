"""The window's first launch after install: it never waits for the rules to compile. It draws its
first frame without loading numba or the engine, then starts the compile in the background
(game.warm) and plays the interpreted rules meanwhile."""

from __future__ import annotations

import os
import subprocess
import sys

import pygame

import game.ui
from game import warm
from game.ui.app import App
from game.ui.scenes.title import TitleScene
from helpers import ROOT

FIRST_LAUNCH = """
import sys
import pygame
from game import paths
from game.ui import compile_in_background
from game.ui.app import App
from game.ui.scenes.title import TitleScene
paths.use_kernel_cache()  # as the politburo command does
app = App.start()
app.push(TitleScene(app))
app.step(pygame.event.get(), 0.0)
pygame.display.flip()
loaded = [m for m in ("numba", "game.engine", "game.rules.layout") if m in sys.modules]
proc = compile_in_background()
print(loaded, proc is not None)
if proc is not None:
    proc.terminate()  # this test must not compile the whole core
    proc.wait()
print([m for m in ("numba", "game.engine", "game.rules.layout") if m in sys.modules])
"""


def test_the_first_frame_loads_neither_numba_nor_the_engine_then_compiling_starts(tmp_path):
    env = {k: v for k, v in os.environ.items()
           if k not in ("POLITBURO_JIT", "POLITBURO_BACKGROUND_COMPILE")}
    env.update(POLITBURO_HOME=str(tmp_path), POLITBURO_CACHE=str(tmp_path / "cache"),
               SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    proc = subprocess.run([sys.executable, "-c", FIRST_LAUNCH], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-3000:]
    first, after = proc.stdout.strip().splitlines()[-2:]
    assert first == "[] True"  # nothing heavy before the first frame; a compile was started
    assert after == "[]"  # nor to start the compile


def test_the_main_loop_starts_compiling_after_the_first_frame(ui, monkeypatch):
    seen: list[str] = []
    flip = pygame.display.flip
    monkeypatch.setattr(pygame.display, "flip", lambda: (seen.append("frame"), flip()))

    def after_first_frame() -> None:
        seen.append("compile")
        pygame.event.post(pygame.event.Event(pygame.QUIT))

    ui.app.push(TitleScene(ui.app))
    ui.app.run(after_first_frame=after_first_frame)
    assert seen == ["frame", "compile", "frame"]


def test_launch_compiles_in_the_background(monkeypatch):
    runs, started = [], []
    monkeypatch.setattr(game.ui, "display_problem", lambda: None)
    monkeypatch.setattr(App, "run", lambda self, after_first_frame=None: runs.append(
        after_first_frame))
    monkeypatch.setattr(warm, "start_in_background", lambda: started.append(True) or None)
    try:
        assert game.ui.launch() == 0
    finally:
        pygame.quit()
    assert runs == [game.ui.compile_in_background]
    assert game.ui.compile_in_background() is None and started == [True]
