"""How fast the window draws the main board, and how long it takes to open.

Frame time: the main board of the main scenario at 1280x720 (mid-game, mouse moving over the
action list so hover and tooltips run), drawn in software with SDL's dummy video driver; prints
the median and 90th percentile of --frames frames. Launch: a fresh Python process that imports
the game, opens the window and draws the title screen, timed from process start to the first
frame (median of --launches runs).

The design's quality bars: a frame of the main board under 4 ms in software; under 1 s from
launch to the first frame.

    python bench/window.py --frames 600 --launches 5
"""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"

import argparse  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FIRST_FRAME = """
import time, os
start = time.perf_counter()
import pygame
from game.ui.app import App
from game.ui.scenes.title import TitleScene
app = App.start()
app.push(TitleScene(app))
app.step(pygame.event.get(), 0.0)
pygame.display.flip()
print(time.perf_counter() - start)
"""


def frame_times(frames: int) -> list[float]:
    import pygame

    from game.ui.app import App
    from game.ui.scenes.board import BoardScene
    from game.ui.scenes.title import TitleScene
    from game.ui.session import GameSession
    from game.ui.settings import Settings

    app = App(settings=Settings())
    scenario = app.catalogue().get("succession_1924").scenario
    session = GameSession.new(scenario, ["stalin"], seed=1924)
    session.autosave = False
    for _ in range(6):  # mid-game: a fuller log and board
        session.submit()
    app.push(TitleScene(app))
    board = app.push(BoardScene(app, session))
    while app.top is not board:
        app.pop()
    rows = [r[0].center for r in board.rows if r[1] is not None] or [(900, 300)]
    times = []
    for n in range(frames + 30):
        pos = rows[n // 10 % len(rows)]
        event = pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))
        t = time.perf_counter()
        app.step([event], 1 / 60)
        pygame.display.flip()
        if n >= 30:  # after the first frames, which build caches
            times.append(time.perf_counter() - t)
    pygame.quit()
    return times


def launch_times(launches: int) -> list[float]:
    out = []
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, POLITBURO_HOME=home, PYTHONPATH=str(ROOT))
        for _ in range(launches):
            t = time.perf_counter()
            proc = subprocess.run([sys.executable, "-c", FIRST_FRAME], env=env,
                                  capture_output=True, text=True, check=True)
            total = time.perf_counter() - t
            inside = float(proc.stdout.strip().splitlines()[-1])
            out.append((total, inside))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=600)
    parser.add_argument("--launches", type=int, default=5)
    args = parser.parse_args()
    times = sorted(frame_times(args.frames))
    median = statistics.median(times) * 1000
    p90 = times[int(0.9 * (len(times) - 1))] * 1000
    print(f"main board frame at 1280x720, software: median {median:.2f} ms, "
          f"90th percentile {p90:.2f} ms over {len(times)} frames (bar: median under 4 ms)")
    runs = launch_times(args.launches)
    total = statistics.median(r[0] for r in runs)
    inside = statistics.median(r[1] for r in runs)
    print(f"launch to first frame: median {total:.2f} s from process start "
          f"({inside:.2f} s after the interpreter was up) over {len(runs)} launches "
          "(bar: under 1 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
