"""How fast the window draws the main board, and how long it takes to open.

Frame time: the main board of the main scenario at 1280x720 (mid-game, mouse moving over the
action list so hover and tooltips run), drawn in software with SDL's dummy video driver; prints
the median and 90th percentile of --frames frames. Launch: a fresh Python process that imports
the game, opens the window and draws the title screen, timed from process start to the first
frame (median of --launches runs). First launch: the same with an empty cache of compiled rules
(``POLITBURO_CACHE`` a new folder, the default mode), as on a fresh install: the window then
starts the compile in the background after its first frame (timed too; the bench stops it).

The design's quality bars: a frame of the main board under 4 ms in software; under 1 s from
launch to the first frame, the first launch after install included.

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

# The first launch after install: as the window's main loop does after its first frame, start
# the compile in the background (timed, then stopped: the bench must not leave it running);
# say whether numba or the engine were imported on the way.
FIRST_LAUNCH = FIRST_FRAME + """
import sys
from game.ui import compile_in_background
spawn = time.perf_counter()
proc = compile_in_background()
print(time.perf_counter() - spawn, proc is not None)
if proc is not None:
    proc.terminate()
    proc.wait()
print(" ".join(m for m in ("numba", "game.engine", "game.rules") if m in sys.modules) or "none")
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


def launch_times(launches: int) -> list[tuple[float, float]]:
    """(from process start, after the interpreter was up) to the first frame, per launch."""
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


def first_launch_times(launches: int) -> list[tuple[float, float, bool, str]]:
    """(from process start to the first frame, starting the background compile after it,
    whether one started, what was imported that should not be) per launch, each with a new,
    empty cache of compiled rules."""
    out = []
    for _ in range(launches):
        with tempfile.TemporaryDirectory() as home:
            env = {k: v for k, v in os.environ.items()
                   if k not in ("POLITBURO_JIT", "POLITBURO_BACKGROUND_COMPILE")}
            env.update(POLITBURO_HOME=home, POLITBURO_CACHE=str(Path(home) / "cache"),
                       PYTHONPATH=str(ROOT))
            t = time.perf_counter()
            proc = subprocess.Popen([sys.executable, "-c", FIRST_LAUNCH], env=env,
                                    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
            assert proc.stdout is not None
            first = proc.stdout.readline()  # the first frame is on the screen
            total = time.perf_counter() - t
            rest = proc.communicate()[0].splitlines()
            if proc.returncode or not first.strip() or len(rest) < 2:
                raise SystemExit(f"the first launch failed (exit status {proc.returncode})")
            spawn, started = rest[0].split()
            out.append((total, float(spawn), started == "True", rest[1]))
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
    firsts = first_launch_times(args.launches)
    first = statistics.median(r[0] for r in firsts)
    spawn = statistics.median(r[1] for r in firsts) * 1000
    started = sum(r[2] for r in firsts)
    imported = sorted({r[3] for r in firsts})
    print(f"first launch (empty cache): {first:.2f} s median from process start to the first "
          f"frame over {len(firsts)} launches (bar: under 1 s); the background compile started "
          f"{spawn:.0f} ms after it in {started} of {len(firsts)}; numba, the engine or the "
          f"rules imported by then: {', '.join(imported)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
