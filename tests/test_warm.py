"""The warm-up (game.warm) and how the front ends use it: the window and the terminal game start
it in the background and play on interpreted; check, lab and calibrate run it first with a
progress bar; where numba cannot load, one line says so and the rules run as plain Python.

Subprocesses where a mode is chosen per process. Only one test compiles anything, and it uses
a copy of the suite's own cache (see ``warmed``), so the whole core is compiled at most once.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game import warm
from game.check import ProgressBar
from game.rules import jit
from helpers import ROOT

NO_NUMBA = "import sys; sys.modules['numba'] = None  # as where numba cannot be imported\n"
MAIN = "from game.cli.main import main; sys.exit(main(sys.argv[1:]))"
INTERPRETED_LINE = "the rules run as plain Python (slower)"


def _env(cache: Path, home: Path, **more: str) -> dict[str, str]:
    """The default mode (no POLITBURO_JIT), with its own cache and data folders."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("POLITBURO_JIT", "POLITBURO_BACKGROUND_COMPILE")}
    env.update(POLITBURO_CACHE=str(cache), POLITBURO_HOME=str(home), **more)
    return env


def politburo(args: list[str], env: dict[str, str], before: str = "", timeout: float = 300):
    return subprocess.run([sys.executable, "-c", "import sys\n" + before + MAIN, *args],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout,
                          stdin=subprocess.DEVNULL)


def folder_of(cache: Path, monkeypatch) -> Path:
    """The cache folder of this version of the rules under ``cache``."""
    monkeypatch.setenv("POLITBURO_CACHE", str(cache))
    folder = jit.cache_dir()
    assert folder is not None
    return folder


# ----- where numba cannot load ----------------------------------------------------------------


def test_the_warm_up_without_numba_says_why_and_leaves_no_marker(tmp_path, monkeypatch):
    code = NO_NUMBA + "from game.warm import main; sys.exit(main([]))"
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, env=_env(tmp_path, tmp_path / "home"), timeout=120)
    assert proc.returncode == warm.UNAVAILABLE, proc.stderr[-2000:]
    last = proc.stdout.strip().splitlines()[-1]
    assert last.startswith("unavailable: numba cannot be loaded (ModuleNotFoundError")
    folder = folder_of(tmp_path, monkeypatch)
    assert (folder / warm.FAILED).read_text().startswith("numba cannot be loaded")
    assert not jit.is_ready()
    assert "numba cannot be loaded" in (folder / warm.LOG).read_text()
    # the terminal game, which never loads numba itself in the default mode, repeats it once
    auto = politburo(["play", "--auto", "--seed", "3"], _env(tmp_path, tmp_path / "home"))
    assert auto.returncode == 0, auto.stderr[-2000:]
    assert auto.stderr.count(INTERPRETED_LINE) == 1 and auto.stderr.count("\n") == 1
    assert "numba cannot be loaded" in auto.stderr and "THE OUTCOME" in auto.stdout


def test_check_without_numba_runs_interpreted_with_one_line(tmp_path):
    proc = politburo(["check", "succession_1924", "--games", "2", "--jobs", "1"],
                     _env(tmp_path, tmp_path / "home"), before=NO_NUMBA)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stderr.splitlines() == [
        "politburo: numba cannot be loaded (ModuleNotFoundError: import of numba halted; None "
        f"in sys.modules): {INTERPRETED_LINE}"]
    assert "WIN RATES" in proc.stdout
    assert not list(tmp_path.rglob(warm.LOG))  # no warm-up was tried


def test_check_with_jit_0_runs_interpreted_without_compiling(tmp_path):
    env = _env(tmp_path, tmp_path / "home", POLITBURO_JIT="0")
    proc = politburo(["check", "succession_1924", "--games", "2", "--jobs", "1"], env)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stderr == "" and "WIN RATES" in proc.stdout
    assert not list(tmp_path.rglob(warm.LOG))


# ----- one warm-up at a time --------------------------------------------------------------------


@pytest.fixture
def held(tmp_path, monkeypatch):
    """The cache folder of a warm-up running elsewhere, and its lock, held by this test."""
    folder = folder_of(tmp_path / "cache", monkeypatch)
    folder.mkdir(parents=True)
    lock = warm._Lock(folder / warm.LOCK)
    assert lock.take()
    yield folder, lock
    lock.close()


def test_a_background_warm_up_leaves_a_running_one_alone(held, tmp_path):
    folder, _ = held
    proc = subprocess.run([sys.executable, "-m", "game.warm", "--background"], cwd=ROOT,
                          env=_env(tmp_path / "cache", tmp_path), capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0 and proc.stdout == "", proc.stderr[-2000:]
    assert not (folder / warm.LOG).exists()


def test_a_foreground_warm_up_follows_a_running_one_and_waits_for_it(held, tmp_path):
    folder, lock = held
    (folder / warm.LOG).write_text("10:00:00 warm-up in ...\n10:00:01 step 2/8: a turn\n")
    proc = subprocess.Popen([sys.executable, "-m", "game.warm"], cwd=ROOT, text=True,
                            env=_env(tmp_path / "cache", tmp_path), stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL)
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline() == "step 2/8: a turn\n"
        with open(folder / warm.LOG, "a") as log:
            log.write("10:01:00 step 3/8: legal actions\n")
        assert proc.stdout.readline() == "step 3/8: legal actions\n"
        assert proc.poll() is None  # still waiting
        jit.mark_ready()  # the other warm-up finishes and lets go of the lock
        lock.close()
        assert proc.stdout.read() == "ready\n"
        assert proc.wait(timeout=60) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_start_in_background_only_when_wanted(tmp_path, monkeypatch):
    started = []
    monkeypatch.setattr(subprocess, "Popen", lambda *a, **k: started.append(a) or "process")
    folder = folder_of(tmp_path, monkeypatch)
    monkeypatch.delenv("POLITBURO_JIT")
    monkeypatch.setenv(warm.NO_BACKGROUND, "0")
    assert warm.start_in_background() is None  # the suite's setting
    monkeypatch.setenv(warm.NO_BACKGROUND, "1")
    for mode in ("0", "1"):
        monkeypatch.setenv("POLITBURO_JIT", mode)
        assert warm.start_in_background() is None  # the mode is chosen: no warm-up
    monkeypatch.delenv("POLITBURO_JIT")
    assert warm.start_in_background() == "process"
    assert started == [([sys.executable, "-m", "game.warm", "--background"],)]
    folder.mkdir(parents=True)
    jit.mark_ready()
    assert warm.start_in_background() is None and len(started) == 1  # ready: nothing to do
    monkeypatch.delenv("POLITBURO_CACHE")
    assert warm.start_in_background() is None


@pytest.mark.skipif(os.name != "posix", reason="sessions and niceness are POSIX's")
def test_the_background_warm_up_is_detached_and_low_priority(tmp_path, monkeypatch):
    folder = folder_of(tmp_path, monkeypatch)
    monkeypatch.delenv("POLITBURO_JIT")
    monkeypatch.setenv(warm.NO_BACKGROUND, "1")
    proc = warm.start_in_background()
    assert proc is not None
    try:
        assert os.getsid(proc.pid) == proc.pid  # its own session: a closed terminal spares it
        log, deadline = folder / warm.LOG, time.monotonic() + 60
        while f"(process {proc.pid}," not in (log.read_text() if log.exists() else ""):
            assert time.monotonic() < deadline, "the warm-up never started its log"
            time.sleep(0.1)
        assert os.getpriority(os.PRIO_PROCESS, proc.pid) == 19
        assert not warm._Lock(folder / warm.LOCK).take()  # it holds the lock
    finally:
        proc.terminate()  # this test must not compile the whole core
        proc.wait(timeout=60)
    assert warm._Lock(folder / warm.LOCK).take()  # released with the process


# ----- the front ends -----------------------------------------------------------------------


@pytest.fixture
def spy(monkeypatch):
    """Records the warm-ups the front ends would start (none is started), in a process that
    runs compiled whatever the suite's mode."""
    calls: list[str] = []
    monkeypatch.setattr(jit, "decision", lambda: jit.Decision(True, "POLITBURO_JIT=1"))
    monkeypatch.setattr(warm, "start_in_background", lambda: calls.append("background"))
    monkeypatch.setattr(warm, "compile_first",
                        lambda progress: calls.append("foreground") or warm.Compiled(True))
    return calls


def test_the_terminal_game_starts_it_in_the_background_and_auto_does_not(run, spy):
    code, _, err = run(["play", "--text", "--seed", "3", "--contender", "stalin",
                        "--no-autosave"], typed="q\n")
    assert code == 0 and err == "" and spy == ["background"]
    code, _, _ = run(["play", "--auto", "--seed", "3"])
    assert code == 0 and spy == ["background"]


@pytest.mark.parametrize("command", [
    ["check", "succession_1924", "--games", "1", "--jobs", "1"],
    ["lab", "--games", "1", "--jobs", "1", "--what-if", "no_patronage"],
    ["calibrate", "succession_1924", "--games", "1", "--budget", "2", "--jobs", "1"],
])
def test_commands_that_play_many_games_compile_first(run, spy, monkeypatch, tmp_path, command):
    monkeypatch.chdir(tmp_path)  # calibrate writes its overlay here
    monkeypatch.setattr(warm, "run_compiled", lambda: True)  # as with a cache not ready yet
    code, _, err = run(command)
    assert code == 0, err
    assert spy == ["foreground"]
    assert err.startswith(f"politburo: compiling the rules for this machine (once, about "
                          f"{warm.MINUTES} minutes)...\n")


def test_a_compile_that_fails_stops_the_command_in_one_line(run, spy, monkeypatch):
    monkeypatch.setattr(warm, "run_compiled", lambda: True)
    monkeypatch.setattr(warm, "compile_first",
                        lambda progress: warm.Compiled(False, "TypingError: no"))
    code, out, err = run(["check", "succession_1924", "--games", "1"])
    assert code == 1 and out == ""
    assert err.splitlines()[-1].startswith(
        "politburo: compiling the rules failed: TypingError: no (the log: ")


def test_a_mistake_is_reported_before_any_compile(run, spy, monkeypatch):
    monkeypatch.setattr(warm, "run_compiled", lambda: True)
    code, _, err = run(["check", "no_such_scenario"])
    assert code == 2 and spy == [] and "compiling" not in err


def test_the_steps_bar_counts_steps():
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    out = Terminal()
    bar = ProgressBar(out, width=8, unit="steps", ticking=True)
    bar(3, 8)
    assert out.getvalue() == "\r[###.....] 3/8 steps, 0:00 so far"
    bar(3, 8)  # the same second: nothing to redraw
    bar.start -= 65
    bar(3, 8)
    bar(8, 8)
    assert out.getvalue().split("\r")[2:] == ["[###.....] 3/8 steps, 1:05 so far",
                                               "[########] 8/8 steps in 65.0 s   \n"]


# ----- the whole way, once ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def warmed() -> Path:
    """The suite's own cache folder (the user cache), warmed up and marked ready: compiled once
    for every run of the suite, as its other tests use it."""
    proc = subprocess.run([sys.executable, "-m", "game.warm"], cwd=ROOT, capture_output=True,
                          text=True, timeout=3600, env={**os.environ, "POLITBURO_JIT": "1"})
    assert proc.returncode == 0, proc.stdout[-2000:]
    folder = jit.cache_dir()
    assert folder is not None and jit.is_ready()
    return folder


def test_check_on_a_cache_not_ready_compiles_first_then_plays_compiled(warmed, tmp_path):
    copy = tmp_path / "cache" / warmed.name
    shutil.copytree(warmed, copy, ignore=shutil.ignore_patterns(
        jit.READY_PREFIX + "*", warm.LOCK, warm.LOG, warm.FAILED))
    env = _env(tmp_path / "cache", tmp_path / "home")
    proc = politburo(["check", "succession_1924", "--games", "2", "--jobs", "1"], env)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert proc.stderr.splitlines() == [
        f"politburo: compiling the rules for this machine (once, about {warm.MINUTES} "
        "minutes)..."]
    assert "WIN RATES" in proc.stdout
    assert any(p.name.startswith(jit.READY_PREFIX) for p in copy.iterdir())
    log = (copy / warm.LOG).read_text()
    assert "step 1/" in log and "ready (in" in log
    # now ready: the default mode runs compiled, with nothing more to compile
    again = politburo(["check", "succession_1924", "--games", "2", "--jobs", "1"], env)
    assert again.returncode == 0 and again.stderr == "", again.stderr[-3000:]
    assert again.stdout == proc.stdout
