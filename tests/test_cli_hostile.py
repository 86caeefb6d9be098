"""The command under hostile conditions: signals, closed standard streams, paths too long or not
UTF-8, empty names. Each ends in one clear line and the documented exit status, the game saved
where it can be, never a traceback or a hang."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from game import saves

ROOT = Path(__file__).resolve().parents[1]
POSIX = pytest.mark.skipif(os.name != "posix", reason="POSIX signals and file descriptors")


def _politburo(args: list, home: Path, **kw) -> subprocess.Popen:
    env = {**os.environ, "POLITBURO_HOME": str(home), "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "game", *map(str, args)], cwd=ROOT, env=env, **kw
    )


@POSIX
@pytest.mark.parametrize("signame", ["SIGTERM", "SIGHUP"])
def test_a_signal_saves_the_game_as_ctrl_c_does(tmp_path, signame):
    save = tmp_path / "game.json"
    proc = _politburo(
        ["play", "--text", "--contender", "stalin", "--seed", "6", "--save", save],
        tmp_path / "home",
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        proc.stdin.write("d\nd\n")  # play the first turn
        proc.stdin.flush()
        seen = ""
        while "YOUR ACTIONS" not in seen or seen.count("YOUR ACTIONS") < 2:
            line = proc.stdout.readline()
            assert line, "the game ended before the second turn"
            seen += line
        proc.send_signal(getattr(signal, signame))
        out, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    signum = getattr(signal, signame)
    assert proc.returncode == 128 + signum, err
    assert "Traceback" not in err and f"Stopped by signal {signum}" in out
    assert saves.load_save(save).turn == 1


@POSIX
def test_text_play_with_standard_input_closed_stops_and_saves(tmp_path):
    home = tmp_path / "home"
    proc = _politburo(
        ["play", "--text", "--contender", "trotsky", "--seed", "2"],
        home,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: os.close(0),
    )
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0 and "Traceback" not in err, err
    assert "Input closed" in out


@POSIX
def test_a_game_with_standard_output_closed_runs_to_the_end(tmp_path):
    proc = _politburo(
        ["play", "--auto", "--seed", "2", "--save", tmp_path / "g.json"],
        tmp_path / "home",
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: os.close(1),
    )
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0 and "Traceback" not in err, err
    assert saves.load_save(tmp_path / "g.json").turn == 24


@POSIX
def test_a_file_name_that_is_not_utf8_is_shown_escaped(tmp_path):
    bad = os.fsencode(tmp_path) + b"/\xff\xfe.yaml"
    Path(os.fsdecode(bad)).write_text("id: [", encoding="utf-8")
    env = {**os.environ, "POLITBURO_HOME": str(tmp_path / "home"), "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.run(
        [sys.executable.encode(), b"-m", b"game", b"validate", bad],
        cwd=ROOT, env=env, capture_output=True, timeout=120,
    )
    assert proc.returncode == 1 and b"Traceback" not in proc.stderr, proc.stderr
    assert b"\\udcff\\udcfe.yaml:" in proc.stdout


LONG = "n" * 5000


@pytest.mark.parametrize(
    "argv",
    [
        ["play", "--text", "--load", LONG],
        ["play", "--auto", "--seed", "1", "--save", f"/tmp/{LONG}"],
        ["play", "--auto", "--scenario", LONG],
        ["play", "--auto", "--scenario", f"{LONG}.yaml"],
        ["validate", f"{LONG}.yaml"],
        ["schema", "-o", f"/tmp/{LONG}"],
        ["debrief", LONG, "-o", "r.html"],
        ["debrief", "--class", LONG, "-o", "r.html"],
        ["lab", "--scenario", LONG, "--games", "1"],
        ["check", LONG, "--games", "1"],
    ],
    ids=lambda a: " ".join(x if len(x) < 20 else "LONG" for x in a),
)
def test_a_path_too_long_is_one_line(run, argv):
    code, out, err = run(argv)  # the run fixture fails on any traceback
    assert code in (1, 2)
    said = (err or out).strip().splitlines()  # validate reports on stdout
    assert len(said) == 1 and ("too long" in said[0] or "no scenario" in said[0]), said


@pytest.mark.parametrize(
    "argv",
    [
        ["play", "--auto", "--scenario", ""],
        ["play", "--text", "--scenario", "  "],
        ["lab", "--scenario", ""],
        ["debrief", "x.json", "-o", "r.html", "--scenario", ""],
        ["check", ""],
    ],
)
def test_an_empty_scenario_name_is_a_usage_error(run, argv):
    code, out, err = run(argv)
    assert code == 2 and out == "" and "is empty" in err and err.count("\n") == 1
