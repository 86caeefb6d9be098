"""The terminal game explains itself (issue 14): the goal at the opening and in help, where you
stand in every turn's header, odds that say what they are the chance of, a pause after each
report, the terminal's width, hotseat reports read before the computer passes on, Continue, one
autosave per game, a resume hint that works, no ids, and contender ids in any case.

Driven in-process through ``main([...])`` with typed input (a keyboard: an input stream that is
a terminal), and once in a real pseudo-terminal."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from game import saves
from game.cli import textplay
from game.content.loader import find_scenario, load_scenario
from game.engine import ActionKind
from helpers import autosaves

ROOT = Path(__file__).resolve().parents[1]


class Keyboard(io.StringIO):
    """Typed input from a person at a terminal (the game pauses for them)."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def play(monkeypatch, capsys):
    """Run ``politburo`` with input typed at a keyboard; (exit code, stdout, stderr)."""
    from game.cli.main import main

    def _play(argv: list, typed: str = "", keyboard: bool = True) -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "stdin", Keyboard(typed) if keyboard else io.StringIO(typed))
        code = main([str(a) for a in argv])
        out, err = capsys.readouterr()
        assert "Traceback" not in out + err
        return code, out, err

    return _play


def test_the_opening_says_how_to_win_for_the_length_and_contender(play):
    code, out, _ = play(
        ["play", "--text", "--contender", "trotsky", "--length", "short", "--seed", "1"], "q\n"
    )
    assert code == 0
    goal = " ".join(out.split("HOW YOU WIN", 1)[1].split("THE MOOD OF THE PARTY")[0].split())
    assert "You play Leon Trotsky, in the short game: 8 turns, from Q1 1924 to Q4 1925." in goal
    short = load_scenario(find_scenario("succession_1924")).with_length("short").outcomes
    for n, o in enumerate(short, start=1):  # the short game's own ladder, best first
        assert f"{n}. {o.name}: " in goal
    assert f"{len(short)}. {short[-1].name}: if none of the outcomes above is yours." in goal
    assert "the contender's" not in goal  # said to the player: "you", never "the contender"


def test_the_header_says_where_you_stand_and_help_repeats_the_goal(play):
    code, out, _ = play(["play", "--text", "--contender", "stalin", "--seed", "1"], "?\ng\nq\n")
    assert code == 0
    flat = " ".join(out.split())
    assert "Where you stand now: Collective leadership (2nd of 6 outcomes)." in flat
    assert "To climb to Succession won you need: [ ] you lead a majority of the Politburo." in flat
    assert "[ ] none of your rivals sits in the Politburo (still there: Trotsky, Zinoviev," in flat
    assert out.count("HOW YOU WIN") == 3  # the opening, the help (?) and the goal (g)


def test_every_odds_figure_says_what_it_is_the_chance_of(play):
    code, out, _ = play(["play", "--text", "--contender", "stalin", "--seed", "1"], "q\n")
    assert code == 0
    menu = out.split("YOUR ACTIONS", 1)[1]
    odds = re.findall(r"^ +(\d+% .*)$", menu, re.MULTILINE)
    assert odds and all(" chance the " in line for line in odds)
    assert "% chance the Politburo adopts the resolution" in menu
    assert "% chance the Central Committee carries the charge" in menu
    assert "% chance the resignation is accepted" in menu


def test_the_report_waits_for_enter_at_a_keyboard_but_not_in_a_pipe(play):
    argv = ["play", "--text", "--contender", "stalin", "--seed", "2", "--no-autosave"]
    code, out, _ = play(argv, "d\nd\n\nq\n")
    assert code == 0
    report = out.split("WHAT HAPPENED IN Q1 1924 (TURN 1 OF 24)", 1)[1]
    assert "Press Enter to go on" in report.split("Q2 1924 (turn 2 of 24)", 1)[0]
    code, out, _ = play(argv, "d\nd\nq\n", keyboard=False)
    assert code == 0 and "Press Enter" not in out  # a script is never paused


def test_q_at_the_pause_saves(play, home):
    code, _, _ = play(["play", "--text", "--contender", "stalin", "--seed", "2"], "d\nd\nq\n")
    assert code == 0
    assert [saves.load_save(p).turn for p in autosaves(home)] == [1]


@pytest.mark.parametrize("columns", [60, 75, 120])
def test_output_fits_the_columns_set(play, monkeypatch, home, columns):
    monkeypatch.setenv("COLUMNS", str(columns))
    argv = ["play", "--text", "--contender", "kamenev", "--seed", "3"]
    code, out, _ = play(argv, "?\nd\nd\nq\n", keyboard=False)
    assert code == 0
    long = [line for line in out.splitlines() if len(line) > columns and str(home) not in line]
    assert not long, long[:3]
    assert max(len(line) for line in out.splitlines()) > columns - 10  # the width is used


def test_the_width_never_goes_under_60_nor_over_120(monkeypatch):
    out = io.StringIO()
    for columns, width in (("20", 60), ("95", 95), ("400", 120), ("", 100), ("x", 100)):
        monkeypatch.setenv("COLUMNS", columns)
        assert textplay.terminal_width(out) == width


def test_contender_ids_in_any_case(play):
    code, out, err = play(["play", "--text", "--contender", "STALIN", "--seed", "1"], "q\n")
    assert code == 0, err and "You are Joseph Stalin" in out
    code, out, _ = play(["play", "--text", "--scenario", "Succession_1924", "--seed", "1"],
                        "Bukharin\nq\n")
    assert code == 0 and "You are Nikolai Bukharin" in out
    code, _, err = play(["play", "--text", "--contender", "Stalin", "--contender", "stalin"])
    assert code == 2 and "different contender" in err


def test_an_all_ai_game_names_actions_as_the_menu_does(play):
    code, out, _ = play(["play", "--auto", "--seed", "3", "--length", "short"])
    assert code == 0
    orders = [line for line in out.splitlines() if re.match(r"  \w+: {2,}", line)]
    assert orders
    kinds = "|".join(k.value for k in ActionKind)
    text_form = re.compile(rf"(:  |; )({kinds}) [a-z_]")  # 'appoint ukraine', 'decide x y'
    assert not [line for line in orders if text_form.search(line)]
    assert any("The date of the funeral: " in line for line in out.splitlines())


def test_the_outcome_places_contenders_first_to_last(play):
    code, out, _ = play(["play", "--auto", "--seed", "3", "--length", "short"])
    assert code == 0
    table = out.split("THE OUTCOME", 1)[1].split("Best placed:", 1)[0]
    places = re.findall(r"^(\d)(?:st|nd|rd|th) ", table, re.MULTILINE)
    assert places == [str(n) for n in range(1, len(places) + 1)] and len(places) == 5
    assert re.search(r"\((\d)(st|nd|rd|th) of 6\)", table)


def test_hotseat_each_person_reads_their_own_report_after_the_privacy_screen(play, tmp_path):
    argv = ["play", "--text", "--contender", "stalin", "--contender", "trotsky", "--seed", "4",
            "--no-autosave"]
    # Stalin: Enter at the privacy screen, a dossier on Trotsky (private), done twice (cards);
    # Trotsky: Enter, done twice. Then each reads the report behind their privacy screen.
    sc = load_scenario(find_scenario("succession_1924"))
    from game.engine import Match, legal_actions

    options = legal_actions(Match.start(sc, 4).state, "stalin")
    labels = [o.label for o in options]
    dossier = labels.index("Compile a dossier on Trotsky") + 1
    typed = f"\n{dossier}\nd\nd\n" + "\nd\nd\n" + "\n\n" + "q\n"
    code, out, _ = play(argv, typed)
    assert code == 0
    stalin_turn2 = out.split("Pass the computer to Joseph Stalin")[2]
    report = stalin_turn2.split("WHAT HAPPENED IN Q1 1924", 1)[1].split("THE MOOD", 1)[0]
    assert "dossier" in report.lower()  # his own private action, in his own report
    assert "Press Enter to go on" in report  # read before the board (and before passing on)
    first_board = out.split("Pass the computer to Leon Trotsky")[1]
    assert "WHAT HAPPENED" not in first_board.split("THE MOOD", 1)[0]  # nothing yet on turn 1


def test_continue_is_offered_for_the_last_unfinished_game(play, home):
    assert play(["play", "--text", "--contender", "zinoviev", "--seed", "5"], "d\nd\n\nq\n")[0] == 0
    (first,) = autosaves(home)
    code, out, _ = play(["play", "--text"], "1\nq\n")
    assert code == 0
    assert "YOUR LAST GAME" in out
    assert "Zinoviev in The Succession, 1924-1929: Q2 1924, turn 2 of 24" in out
    assert "Resumed The Succession, 1924-1929 at Q2 1924" in out
    assert autosaves(home) == [first]  # continued in its own autosave, not a new one
    code, out, _ = play(["play", "--text"], "2\n1\n1\nq\n")  # a new game: its own autosave
    assert code == 0 and "CHOOSE YOUR CONTENDER" in out
    assert len(autosaves(home)) == 2
    assert saves.load_save(first).humans == ["zinoviev"]  # the first game is kept


def test_no_continue_once_the_last_game_is_over_or_when_a_game_is_named(play, home):
    assert play(["play", "--text", "--contender", "zinoviev", "--seed", "5"], "d\nd\n\nq\n")[0] == 0
    code, out, _ = play(["play", "--text", "--contender", "stalin", "--seed", "1"], "q\n")
    assert code == 0 and "YOUR LAST GAME" not in out
    for path in autosaves(home):
        data = json.loads(path.read_text())
        data["turn"] = 24
        data["orders"] = data["orders"] + [{}] * (24 - len(data["orders"]))
        data.pop("checksum")
        data["checksum"] = saves.checksum(data)
        path.write_text(json.dumps(data))
    code, out, _ = play(["play", "--text"], "q\n")
    assert code == 0 and "YOUR LAST GAME" not in out


def test_the_oldest_autosaves_are_pruned(play, home, monkeypatch):
    from game import paths

    monkeypatch.setattr(paths, "MAX_AUTOSAVES", 3)
    for seed in range(5):
        argv = ["play", "--text", "--contender", "stalin", "--seed", str(seed)]
        assert play(argv, "d\nd\n\nq\n")[0] == 0
    kept = autosaves(home)
    assert len(kept) == 3
    assert [saves.load_save(p).seed for p in kept] == [2, 3, 4]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs a Linux pseudo-terminal")
def test_a_real_terminal_of_64_columns(tmp_path):
    """The game in a pseudo-terminal 64 columns wide: the width is the terminal's, and the
    report waits for Enter."""
    import fcntl
    import pty
    import struct
    import termios
    import time

    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    env["POLITBURO_HOME"] = str(tmp_path)
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 64, 0, 0))
    argv = [sys.executable, "-m", "game", "play", "--text", "--contender", "stalin", "--seed", "7"]
    proc = subprocess.Popen(argv, cwd=ROOT, env=env, stdin=slave, stdout=slave, stderr=slave,
                            start_new_session=True)
    os.close(slave)
    seen = b""

    def read_until(marker: bytes, seconds: float = 60) -> None:
        nonlocal seen
        end = time.monotonic() + seconds
        while marker not in seen and time.monotonic() < end:
            try:
                seen += os.read(master, 65536)
            except OSError:
                break

    try:
        read_until(b"AP left] > ")
        os.write(master, b"d\n")
        read_until(b"undecided")
        os.write(master, b"d\n")
        read_until(b"Press Enter to go on")
        assert b"Q2 1924 (turn 2 of 24)" not in seen  # waiting: the next board is not shown
        os.write(master, b"\n")
        read_until(b"Q2 1924 (turn 2 of 24)")
        read_until(b"AP left] > ")
        os.write(master, b"q\n")
        read_until(b"--load")
        assert proc.wait(timeout=60) == 0
    finally:
        proc.kill()
        os.close(master)
    text = seen.decode("utf-8", "replace").replace("\r\n", "\n")
    prompt = re.compile(r"^\[\w+, \d+ AP left\] > ")  # (the typed answer's echo may lag)
    lines = [prompt.sub("", line) for line in text.splitlines() if str(tmp_path) not in line]
    assert [line for line in lines if len(line) > 64] == []
    assert max(len(line) for line in lines) >= 60
    assert "Q2 1924 (turn 2 of 24)" in text
