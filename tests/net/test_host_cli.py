"""`politburo host` and `politburo join` as a teacher and students type them: a host and two
`join --auto` processes play a whole game, which is the game the same seed gives offline; a
student plays in the terminal; every mistake is one line and exit status 1 (2 for usage)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hosting import hosted, make_room

POLITBURO = [sys.executable, "-m", "game"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("argv, why", [
    (["host", "--seats", "lenin"], "'lenin' is not a playable contender"),
    (["host", "--seats", "stalin,stalin"], "--seats names stalin twice"),
    (["host", "--code", "no way"], "--code is 4 to 12 letters and digits"),
    (["host", "--resume", "x.json", "--seed", "3"], "--seed cannot be used with --resume"),
    (["host", "--port", "0"], "the port must be from 1 to 65,535"),
    (["host", "--scenario", "nowhere"], "nowhere"),
    (["join", "http://host/", "--code", "ABCD"], "is not an address"),
    (["join", "127.0.0.1:99999", "--code", "ABCD"], "the port is a number from 1 to 65535"),
    (["join", "127.0.0.1:8765"], "give the join code"),
    (["join", "127.0.0.1:8765", "--code", "AB-C", "--text"], "4 to 12 letters and digits"),
    (["join", "127.0.0.1:8765", "--code", "ABCD", "--contender", "Leon Trotsky", "--text"],
     "is not a contender's id"),
])
def test_usage_mistakes_are_one_line(run, argv, why):
    code, out, err = run(argv)
    assert code == 2, (out, err)
    assert why in err and len(err.strip().splitlines()) == 1


def test_a_host_that_cannot_be_reached_is_one_line(run):
    code, out, err = run(["join", f"127.0.0.1:{_free_port()}", "--code", "ABCD", "--text"])
    assert code == 1
    assert err.startswith("politburo: cannot reach a Politburo host at 127.0.0.1:")
    assert len(err.strip().splitlines()) == 1


def test_a_wrong_code_is_one_line(run):
    with hosted(make_room()) as game:
        code, out, err = run(["join", game.address, "--code", "WXYZ", "--auto"])
    assert code == 1
    assert err.strip() == ("politburo: the host refused: wrong join code: ask your teacher for "
                           "the code on their screen")


def test_a_student_plays_in_the_terminal(run, home):
    with hosted(make_room(seats=("trotsky",))) as game:
        code, out, err = run(["join", game.address, "--code", "abcd", "--text", "--name", "Ben"],
                             "d\nd\n" * 12)
        assert game.room.people["trotsky"].name == "Ben"
    assert code == 0, err
    assert "You are Trotsky in The Succession, 1924-1929" in out
    assert "[Trotsky, " in out  # the prompt of the seat's own menu
    assert "WHAT FOLLOWED IN HISTORY" in out
    copy = home / "saves" / "class-game-test.json"
    assert f"Your copy of the game: {copy}" in out
    assert json.loads(copy.read_text())["names"] == {"trotsky": "Ben"}


def _host(tmp_path: Path, port: int, *options: str) -> tuple[subprocess.Popen, list[str]]:
    """`politburo host` in a process of its own, once it listens; and what it printed."""
    env = {**os.environ, "POLITBURO_HOME": str(tmp_path / "teacher")}
    host = subprocess.Popen(
        [*POLITBURO, "host", "--bind", "127.0.0.1", "--port", str(port), "--code", "K7QPX",
         "--length", "short", "--saves", str(tmp_path / "lesson"), *options],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.PIPE, text=True,
        env=env)
    header: list[str] = []
    while not header or not header[-1].startswith("Stop the host"):  # it is listening
        header.append(host.stdout.readline())
        assert header[-1], f"the host stopped: {host.stderr.read()}"
    return host, header


def _student(tmp_path: Path, port: int, cid: str) -> subprocess.Popen:
    """`politburo join --auto` for seat ``cid``, from a computer (data folder) of its own."""
    home = {**os.environ, "POLITBURO_HOME": str(tmp_path / cid)}
    return subprocess.Popen(
        [*POLITBURO, "join", f"127.0.0.1:{port}", "--code", "k7qpx", "--contender", cid,
         "--name", cid.title(), "--auto"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True,
        env=home)


def test_enter_on_the_host_begins_the_game(tmp_path):
    port = _free_port()
    host, header = _host(tmp_path, port)
    try:
        assert "Press Enter to begin the game once the students have joined.\n" in header
        student = _student(tmp_path, port, "bukharin")
        deadline = time.monotonic() + 60
        line = ""
        while "joined as Bukharin" not in line:
            line = host.stdout.readline()
            assert line and time.monotonic() < deadline
        host.stdin.write("\n")
        host.stdin.flush()
        out, err = student.communicate(timeout=240)
        assert student.returncode == 0, err
        assert "Waiting for the game to begin..." in out and "Your copy of the game" in out
    finally:
        host.terminate()
        host.communicate(timeout=30)


def test_a_host_and_two_students_play_a_whole_game(tmp_path):
    port = _free_port()
    host, header = _host(tmp_path, port, "--seats", "Stalin,trotsky", "--seed", "21")
    env = {**os.environ, "POLITBURO_HOME": str(tmp_path / "teacher")}
    try:
        students = []
        for cid in ("stalin", "trotsky"):
            students.append(_student(tmp_path, port, cid))
            time.sleep(0.2)
        results = [s.communicate(timeout=240) for s in students]
    finally:
        host.terminate()
        out, err = host.communicate(timeout=30)
        out = "".join(header) + out
    assert "Students join with:   politburo join 127.0.0.1:" in out and "--code K7QPX" in out
    assert "Stalin joined as Stalin" in out and "Trotsky joined as Trotsky" in out
    assert "Turn 8 (Q4 1925) played: the game is over" in out
    for student, (sout, serr) in zip(students, results, strict=True):
        assert student.returncode == 0, serr
        assert "Your copy of the game:" in sout
    hosted_save = next(Path(tmp_path / "lesson").glob("game-*[0-9a-f].json"))
    offline = tmp_path / "offline.json"
    subprocess.run([*POLITBURO, "play", "--auto", "--seed", "21", "--length", "short",
                    "--save", str(offline)], check=True, capture_output=True, env=env,
                   timeout=240)
    orders = [json.loads(p.read_text())["orders"] for p in (hosted_save, offline)]
    assert orders[0] == orders[1]
