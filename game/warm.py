"""Compiling the rules before anyone waits for them: the warm-up, and how the front ends start it.

The first compile of the whole core takes minutes; numba then keeps the machine code in the
user cache folder and later processes load it in a moment. The warm-up, ``python -m game.warm
[SCENARIO]``, compiles on purpose: with ``POLITBURO_JIT=1`` it plays a shipped scenario through
every public function a game, ``check``, the lab and ``calibrate`` call (:data:`STEPS`), then
leaves the ready marker (:func:`game.rules.jit.is_ready`). From then on every process in the
default mode runs compiled. How the front ends use it:

- the window and the terminal game never wait: until the cache is ready they play the
  interpreted rules (an all-AI game takes a fraction of a second) and start the warm-up in a
  detached, low-priority background process (:func:`start_in_background`);
- ``check``, ``lab`` and ``calibrate`` play thousands of games: they run the warm-up first, in
  the foreground, with a progress bar (:func:`compile_first`).

At most one warm-up runs at a time (a lock file in the cache folder); a second one started in
the foreground follows the first one's progress and waits for it. Each run's output is in
``warm-up.log`` in the cache folder. Where numba cannot be loaded the warm-up says why in
``numba-failed.txt`` there, which the terminal commands repeat in one line.
"""

from __future__ import annotations

import argparse
import os
import queue
import subprocess
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, NamedTuple

LOG = "warm-up.log"
LOCK = "warm-up.lock"
FAILED = "numba-failed.txt"
SEED = 1924
MINUTES = 5  # about how long the first compile takes (docs/core.md has the measurement)
NO_BACKGROUND = "POLITBURO_BACKGROUND_COMPILE"  # "0": never start the warm-up in the background
UNAVAILABLE = 3  # the warm-up's exit status when numba cannot be used here
FOLLOW_EVERY = 0.5  # seconds between looks at another warm-up's progress


# ----- the steps: every kernel a game uses, through the functions the front ends call ---------


def _started(scenario):
    from game.engine import Match

    return Match.start(scenario, SEED)


def _legal_actions(scenario) -> None:
    from game.engine import legal_actions

    state = _started(scenario).state
    for c in scenario.contenders:
        legal_actions(state, c.id)


def _ai_orders(scenario) -> None:
    from game.ai.autoplay import ai_orders

    ai_orders(_started(scenario).state)


def _turned(scenario):
    """A game one turn in (cards drawn, orders carried out, meetings held)."""
    from game.ai.autoplay import ai_orders

    match = _started(scenario)
    match.play(ai_orders(match.state))
    return match


def _views(scenario) -> None:
    from game.engine import guess_state, view
    from game.words import goal

    state = _turned(scenario).state
    for c in scenario.contenders:
        view(state, c.id)
        guess_state(state, c.id, SEED)
        goal.standing(state, c.id)


def _short_game(scenario) -> None:
    from game.ai.autoplay import play_ai_game

    offered = [length for length, *_ in scenario.lesson_lengths()]
    play_ai_game(scenario.with_length(offered[0]), SEED)  # the shortest


def _check_game(scenario) -> None:
    from game.check import play_one

    _must_finish(play_one(scenario, SEED))


def _lab_game(scenario) -> None:
    from game.lab.runner import play_game

    _must_finish(play_game(scenario, SEED))


def _other_ais(scenario) -> None:
    from game.ai.autoplay import seat_orders

    state = _turned(scenario).state
    cid = scenario.contenders[0].id
    for difficulty in ("easy", "strong", "historical"):
        seat_orders(state, cid, difficulty)


def _must_finish(record) -> None:
    if record.error:
        raise RuntimeError(f"the game of seed {record.seed} crashed: {record.error}")


Step = tuple[str, Callable[[object], object]]
# What the warm-up calls, in order, each with the scenario; most of the compiling happens in
# the first steps, each kernel with everything it calls. To compile one more entry point (a
# kernel Python calls, such as a whole-game loop), add a step here: every process in the
# default mode runs interpreted until every step has run compiled.
STEPS: tuple[Step, ...] = (
    ("a new game", _started),
    ("legal actions and their odds", _legal_actions),
    ("the AI's orders", _ai_orders),
    ("a turn: cards, actions, meetings, votes, drift", _turned),
    ("views, guesses and standings", _views),
    ("a short all-AI game", _short_game),
    ("a game as politburo check plays it", _check_game),
    ("a game as the lab and calibrate play it", _lab_game),
    ("the easy, strong and historical AIs", _other_ais),
)


# ----- the warm-up process -------------------------------------------------------------------


class _Lock:
    """An advisory lock on a file, released when the file is closed or its process ends (so a
    killed warm-up never leaves a stale lock)."""

    def __init__(self, path: Path) -> None:
        self.file = open(path, "a+b")  # noqa: SIM115 - held for the life of the lock

    def take(self) -> bool:
        """Take the lock if it is free; False if another process holds it."""
        try:
            if os.name == "nt":
                import msvcrt

                self.file.seek(0)
                msvcrt.locking(self.file.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(self.file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def close(self) -> None:
        self.file.close()


class _Reporter:
    """Says each stage on stdout (one line, read by :func:`compile_first`) and in the log."""

    def __init__(self, log: IO[str] | None = None) -> None:
        self.log = log

    def __call__(self, line: str) -> None:
        print(line, flush=True)
        if self.log is not None:
            self.log.write(f"{time.strftime('%H:%M:%S')} {line}\n")
            self.log.flush()


def _follow(log: Path, lock: _Lock, say: _Reporter) -> None:
    """Wait for the warm-up that holds ``lock``, repeating the steps it logs."""
    seen = 0
    while not lock.take():
        try:
            lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            lines = []
        for line in lines[seen:]:
            _, _, said = line.partition(" ")
            if said.startswith("step "):
                say(said)
        seen = max(seen, len(lines))
        time.sleep(FOLLOW_EVERY)


def _shipped(name: str):
    from game.content.loader import find_scenario, load_scenario

    return load_scenario(find_scenario(name))


def warm_up(scenario, say: Callable[[str], None]) -> None:
    """Run every step of :data:`STEPS` on ``scenario``, saying each as it starts."""
    for i, (label, step) in enumerate(STEPS, 1):
        say(f"step {i}/{len(STEPS)}: {label}")
        step(scenario)


def main(argv: list[str] | None = None) -> int:
    """``python -m game.warm``: compile the rules into the user cache folder, then mark it
    ready. Exit 0 when the cache is ready, 3 when numba cannot be used here, 1 on failure."""
    parser = argparse.ArgumentParser(prog="python -m game.warm", description=__doc__.split(
        "\n\n")[0])
    parser.add_argument("scenario", nargs="?", default="succession_1924",
                        help="a shipped scenario id or a file to play (default: succession_1924)")
    parser.add_argument("--background", action="store_true",
                        help="at low priority; quit at once if another warm-up is running")
    args = parser.parse_args(argv)
    from game import paths

    paths.use_kernel_cache()
    os.environ["POLITBURO_JIT"] = "1"  # before the engine is imported: compile everything
    if args.background and hasattr(os, "nice"):
        os.nice(19)
    from game.rules import jit

    folder = jit.cache_dir()
    assert folder is not None  # use_kernel_cache set it
    say = _Reporter()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        lock = _Lock(folder / LOCK)
    except OSError as e:
        say(f"unavailable: the cache folder {folder} cannot be written ({e.strerror or e})")
        return UNAVAILABLE
    try:
        if not lock.take():
            if args.background:
                return 0  # the warm-up already running will finish the job
            _follow(folder / LOG, lock, say)
        if jit.is_ready():
            say("ready")
            return 0
        with open(folder / LOG, "w", encoding="utf-8") as log:
            os.dup2(log.fileno(), 2)  # numba's warnings and any traceback go to the log too
            return _compile(args.scenario, folder, _Reporter(log))
    finally:
        lock.close()


def _compile(name: str, folder: Path, say: _Reporter) -> int:
    from game.rules import jit

    started = time.perf_counter()
    say(f"warm-up in {folder} (process {os.getpid()}, python {sys.version.split()[0]})")
    d = jit.decision()
    if not d.compiled:
        (folder / FAILED).write_text(d.why + "\n", encoding="utf-8")
        say(f"unavailable: {d.why}")
        return UNAVAILABLE
    (folder / FAILED).unlink(missing_ok=True)
    try:
        warm_up(_shipped(name), say)
        jit.mark_ready(folder)  # where this process's numba keeps what it compiled
    except KeyboardInterrupt:
        say("interrupted")
        raise
    except Exception as e:  # noqa: BLE001 - said in one line; the traceback is in the log
        traceback.print_exc()
        say(f"failed: {type(e).__name__}: {' '.join(str(e).split())}")
        return 1
    say(f"ready (in {time.perf_counter() - started:.0f} s)")
    return 0


# ----- starting it, for the front ends --------------------------------------------------------


def _command(*extra: str) -> list[str]:
    return [sys.executable, "-m", "game.warm", *extra]


def wanted() -> bool:
    """Whether this process would run the rules compiled had the warm-up been run: the default
    mode, a cache folder, and the cache not ready yet (no numba import: cheap)."""
    from game.rules import jit

    return jit.requested() == jit.AUTO and jit.cache_dir() is not None and not jit.is_ready()


def run_compiled() -> bool:
    """For a command that plays many games, before it imports the engine: in the default mode
    this process (and the workers it starts) runs the rules compiled, as ``POLITBURO_JIT=1``.
    True when the cache is not ready, so that :func:`compile_first` must run before the games:
    the command may first check what it was asked, with the engine loaded, at no cost."""
    from game.rules import jit

    first = wanted()
    if jit.requested() == jit.AUTO:
        os.environ["POLITBURO_JIT"] = jit.ON
    return first


def start_in_background() -> subprocess.Popen | None:
    """Start the warm-up in a detached, low-priority process if it is wanted and allowed (not
    when ``POLITBURO_BACKGROUND_COMPILE=0``, which the test suite sets); the process, or None.
    Returns at once: the window calls it after its first frame."""
    if os.environ.get(NO_BACKGROUND, "").strip() == "0" or not wanted():
        return None
    detached: dict = {}
    if os.name == "nt":
        detached["creationflags"] = (
            subprocess.DETACHED_PROCESS | subprocess.CREATE_NEW_PROCESS_GROUP
            | subprocess.BELOW_NORMAL_PRIORITY_CLASS | subprocess.CREATE_NO_WINDOW)
    else:
        detached["start_new_session"] = True  # a closed terminal does not stop it
    try:
        return subprocess.Popen(_command("--background"), stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                close_fds=True, **detached)
    except OSError:
        return None  # the game plays on interpreted; the next start tries again


class Compiled(NamedTuple):
    """How a foreground warm-up ended."""

    ready: bool
    problem: str = ""  # why not, in one line
    unavailable: bool = False  # numba cannot be used here: the rules run interpreted


def compile_first(progress: Callable[[int, int], None]) -> Compiled:
    """Run the warm-up in a subprocess and wait for it, calling ``progress(steps done,
    steps)`` as it goes and at least every second (a step may take minutes). Ctrl-C stops
    it (and is raised again here)."""
    proc = subprocess.Popen(_command(), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, errors="replace")
    said: queue.Queue[str | None] = queue.Queue()
    threading.Thread(target=_read_lines, args=(proc.stdout, said), daemon=True).start()
    problem, done, total = "", 0, len(STEPS)
    try:
        while True:
            try:
                line = said.get(timeout=1)
            except queue.Empty:
                progress(done, total)
                continue
            if line is None:
                break
            if line.startswith("step "):
                step, _, steps = line[5:].partition(":")[0].partition("/")
                if step.isdigit() and steps.isdigit():
                    done, total = int(step) - 1, int(steps)
            elif line.startswith("ready"):
                done = total
            elif line.startswith(("failed: ", "unavailable: ")):
                problem = line.partition(": ")[2]
            progress(done, total)
        code = proc.wait()
    except BaseException:
        with _quietly():
            proc.wait(timeout=10)  # it had the Ctrl-C too
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        raise
    if code == 0:
        return Compiled(True)
    if code == UNAVAILABLE:
        return Compiled(False, problem, unavailable=True)
    return Compiled(False, problem or f"the warm-up stopped with exit status {code}")


def _read_lines(stream: IO[str] | None, into: queue.Queue[str | None]) -> None:
    """Every line of ``stream``, stripped, then None."""
    for line in stream or ():
        into.put(line.strip())
    into.put(None)


@contextmanager
def _quietly() -> Iterator[None]:
    try:
        yield
    except (subprocess.TimeoutExpired, KeyboardInterrupt):
        pass


def why_interpreted() -> str | None:
    """Why the rules run as plain Python here although compiled ones were wanted, for one
    line: numba cannot be used (this process found it, or, in the default mode while the
    cache is not ready, the last warm-up did). None when they run as asked."""
    from game.rules import jit

    d = jit.decision()
    if d.failed:
        return d.why
    folder = jit.cache_dir()
    if d.compiled or jit.requested() != jit.AUTO or folder is None:
        return None
    try:
        return (folder / FAILED).read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


def log_path() -> Path | None:
    from game.rules import jit

    folder = jit.cache_dir()
    return folder / LOG if folder else None


if __name__ == "__main__":
    sys.exit(main())
