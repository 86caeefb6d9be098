"""The `politburo` command and the terminal game, driven in-process through ``main([...])``
with a scripted stdin, plus one real subprocess run."""

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
from game import tables as t
from game.cli import screens, textplay
from game.content.loader import find_scenario, load_scenario
from game.engine import Match, view
from game.words import goal
from helpers import autosaves

ROOT = Path(__file__).resolve().parents[1]
SCENARIO = "succession_1924"


@pytest.fixture(scope="module")
def scenario():
    return load_scenario(find_scenario(SCENARIO))


PASS_ALL = "d\n" * 200


def _reseal(data: dict) -> str:
    """A save edited by a tool that re-seals it (docs/saves.md)."""
    data.pop("checksum", None)
    data["checksum"] = saves.checksum(data)
    return json.dumps(data)  # "d" ends a turn; a second "d" confirms leaving a card undecided


# ----- whole games ------------------------------------------------------------------------------


def test_auto_game(run, home):
    code, out, err = run(["play", "--auto", "--seed", "3"])
    assert code == 0, err
    assert "Q1 1924 (turn 1 of 24)" in out
    assert "THE OUTCOME" in out and "Best placed:" in out
    assert err == ""
    assert not autosaves(home)  # an all-AI game leaves the player's autosaves alone


def test_auto_game_is_deterministic(run):
    first = run(["play", "--auto", "--seed", "8"])
    second = run(["play", "--auto", "--seed", "8"])
    assert first == second


def test_auto_game_subprocess(tmp_path):
    env = {**os.environ, "POLITBURO_HOME": str(tmp_path)}
    proc = subprocess.run(
        [sys.executable, "-m", "game", "play", "--auto", "--seed", "3"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert proc.returncode == 0, proc.stderr
    assert "THE OUTCOME" in proc.stdout
    assert "Traceback" not in proc.stderr


def test_scripted_human_game_to_the_end(run, tmp_path, home, scenario):
    path = tmp_path / "game.json"
    code, out, err = run(
        ["play", "--text", "--contender", "stalin", "--seed", "5", "--save", path], PASS_ALL
    )
    assert code == 0, err
    assert "CHOOSE YOUR CONTENDER" not in out  # --contender skipped the choice
    assert "THE POLITBURO" in out and "YOUR ACTIONS" in out
    assert "WHAT YOU DID IN Q1 1924 (TURN 1 OF 24)" in out
    assert "WHAT ELSE HAPPENED IN Q1 1924 (TURN 1 OF 24)" in out
    assert "THE OUTCOME" in out and "(you)" in out
    if scenario.epilogue:
        assert "WHAT FOLLOWED IN HISTORY" in out
    save = saves.load_save(path)
    assert save.turn == scenario.calendar.turns and save.humans == ["stalin"]
    (autosave,) = autosaves(home)  # one game, one autosave
    assert saves.load_save(autosave).turn == save.turn
    assert saves.resume(save, scenario).state.finished


def test_eof_mid_game_saves_and_resumes_to_the_same_game(run, tmp_path, scenario):
    straight = tmp_path / "straight.json"
    assert (
        run(
            ["play", "--text", "--contender", "trotsky", "--seed", "9", "--save", straight],
            PASS_ALL,
        )[0]
        == 0
    )

    broken = tmp_path / "broken.json"
    code, out, err = run(
        ["play", "--text", "--contender", "trotsky", "--seed", "9", "--save", broken], "d\nd\n" * 3
    )
    assert code == 0, err
    assert "Input closed" in out and "Saved to" in out
    mid = saves.load_save(broken)
    assert 0 < mid.turn < scenario.calendar.turns
    assert not saves.resume(mid, scenario).state.finished

    code, out, err = run(["play", "--text", "--load", broken, "--save", broken], PASS_ALL)
    assert code == 0, err
    assert "Resumed" in out and "THE OUTCOME" in out
    assert saves.load_save(broken).orders == saves.load_save(straight).orders


def test_quit_saves_to_given_path(run, tmp_path):
    path = tmp_path / "q.json"
    code, out, _ = run(
        ["play", "--text", "--contender", "bukharin", "--seed", "2", "--save", path], "q\n"
    )
    assert code == 0
    assert saves.load_save(path).turn == 0
    assert f"--load {path}" in out


def test_quit_without_save_path_uses_autosave(run, home):
    code, out, _ = run(["play", "--text", "--contender", "kamenev", "--seed", "2"], "d\nd\nq\n")
    assert code == 0
    (autosave,) = autosaves(home)
    assert saves.load_save(autosave).turn == 1
    assert f"\n  politburo play --text --load {autosave}\n" in out


def test_no_autosave(run, home):
    code, _, _ = run(
        ["play", "--text", "--contender", "kamenev", "--seed", "2", "--no-autosave"], "d\nd\nd\nd\n"
    )
    assert code == 0
    assert not autosaves(home)


def test_ctrl_c_saves(run, tmp_path, monkeypatch):
    path = tmp_path / "c.json"

    def interrupt(self, cid):
        raise KeyboardInterrupt

    monkeypatch.setattr(textplay.Session, "human_orders", interrupt)
    code, out, _ = run(["play", "--text", "--contender", "stalin", "--seed", "1", "--save", path])
    assert code == 130
    assert "Interrupted" in out and path.exists()


def test_text_with_one_scenario_skips_the_menu_and_eof_exits_cleanly(run, monkeypatch):
    from game.content import loader

    monkeypatch.setattr(loader, "shipped_scenarios", lambda: [find_scenario(SCENARIO)])
    code, out, err = run(["play", "--text"], "")
    assert code == 0, err
    assert "CHOOSE YOUR CONTENDER" in out and "SCENARIOS" not in out


def test_text_with_several_scenarios_shows_the_menu(run, monkeypatch):
    from game.content import loader

    two = ROOT / "tests" / "data" / "two_rivals.yaml"
    monkeypatch.setattr(loader, "shipped_scenarios", lambda: [find_scenario(SCENARIO), two])
    code, out, err = run(["play", "--text"], "")
    assert code == 0, err
    assert "SCENARIOS" in out and "CHOOSE YOUR CONTENDER" not in out


def test_choose_contender_by_number_with_bad_input(run, scenario):
    playable = [c for c in scenario.contenders if c.playable]
    code, out, _ = run(
        ["play", "--text", "--scenario", SCENARIO, "--seed", "4"],
        f"x\n0\n{len(playable) + 1}\n2\nq\n",
    )
    assert code == 0
    assert out.count("Please type a number") == 3
    assert f"You are {playable[1].name}" in out
    assert "difficulty:" in out


def test_choose_scenario_when_several_are_shipped(run, monkeypatch):
    from game.content import loader

    two = ROOT / "tests" / "data" / "two_rivals.yaml"
    monkeypatch.setattr(loader, "shipped_scenarios", lambda: [find_scenario(SCENARIO), two])
    code, out, _ = run(["play", "--text", "--seed", "1", "--no-autosave"], "3\n2\n1\nq\n")
    assert code == 0
    assert "SCENARIOS" in out and "The Iron Council" in out
    assert "Please type a number from 1 to 2" in out
    assert "You are " in out and "Stalin" not in out.split("CHOOSE YOUR CONTENDER")[1]


def test_menu_commands(run):
    typed = "99\nfoo\n\n1\n1\nu\nu\n?\nb\nm\nw 1\nw\nq\n"
    code, out, _ = run(
        ["play", "--text", "--contender", "zinoviev", "--seed", "6", "--no-autosave"], typed
    )
    assert code == 0
    assert "'99' is not on the menu" in out and "'foo' is not on the menu" in out
    assert "Chosen:" in out and "Already chosen" in out
    assert "Undone:" in out and "Nothing to undo." in out
    assert "undo your last choice" in out  # the help
    assert out.count("THE POLITBURO") >= 2  # b redrew the board
    assert "Type w and a menu number" in out


def test_engine_refusal_is_shown_and_reasked(run, monkeypatch):
    real = textplay.apply_turn
    calls = []

    def refuse_once(state, orders):
        calls.append(orders)
        if len(calls) == 1:
            raise textplay.IllegalAction("Stalin: cannot do that now")
        return real(state, orders)

    monkeypatch.setattr(textplay, "apply_turn", refuse_once)
    code, out, _ = run(
        ["play", "--text", "--contender", "stalin", "--seed", "6", "--no-autosave"], "d\nd\nd\nq\n"
    )
    assert code == 0
    assert "Not allowed: Stalin: cannot do that now" in out
    assert "WHAT YOU DID IN Q1 1924" in out


def test_hotseat_from_a_save(run, tmp_path):
    path = tmp_path / "h.json"
    assert (
        run(["play", "--text", "--contender", "stalin", "--seed", "3", "--save", path], "q\n")[0]
        == 0
    )
    data = json.loads(path.read_text())
    data["humans"] = ["stalin", "trotsky"]
    path.write_text(_reseal(data))
    code, out, _ = run(["play", "--text", "--load", path, "--save", path], "\nd\nd\n" * 2 + "q\n")
    assert code == 0
    assert "Pass the computer to Joseph Stalin" in out
    assert "Pass the computer to Leon Trotsky" in out
    assert saves.load_save(path).turn >= 1


def test_not_enough_action_points(run, scenario):
    m = Match.start(scenario, 6)
    v = view(m.state, "zinoviev")
    n = len(textplay.legal_actions(m.state, "zinoviev"))
    picks = " ".join(str(i) for i in range(1, n + 1))
    code, out, _ = run(
        ["play", "--text", "--contender", "zinoviev", "--seed", "6", "--no-autosave"],
        f"{picks}\nq\n",
    )
    assert code == 0
    assert f"{v.mine.action_points} AP left" in out
    assert "Not enough action points" in out or "already chosen on that card" in out


def test_difficulty_and_load_of_finished_game(run, tmp_path):
    path = tmp_path / "e.json"
    assert run(["play", "--auto", "--seed", "3", "--difficulty", "easy", "--save", path])[0] == 0
    assert saves.load_save(path).difficulty == "easy"
    code, out, _ = run(["play", "--text", "--load", path])
    assert code == 0 and "THE OUTCOME" in out


# ----- bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["play", "--seed", "abc"],
        ["play", "--difficulty", "insane"],
        ["play", "--text", "--contender", "napoleon", "--seed", "1"],
        ["play", "--text", "--scenario", "no_such_scenario"],
        ["play", "--auto", "--contender", "stalin"],
        ["play", "--text", "--load", "x.json", "--seed", "3"],
        ["play", "--frobnicate"],
        ["conquer"],
        ["validate"],
        ["play", "--seed", "-1"],
        ["play", "--auto", "--seed", str(2**64)],
        ["schema", "extra"],
        ["check"],
        ["check", "two_rivals_x", "--games", "0"],
    ],
)
def test_bad_arguments_exit_2_with_one_line(run, argv):
    code, out, err = run(argv)
    assert code == 2
    assert err.startswith("politburo: error:") and err.count("\n") == 1
    assert out == ""


def test_help_exits_0(run):
    code, out, _ = run(["--help"])
    assert code == 0 and "play" in out and "validate" in out
    assert "schema" in out and "check" in out
    for command in ("check", "schema", "validate"):
        code, out, _ = run([command, "--help"])
        assert code == 0 and f"politburo {command}" in out


@pytest.mark.parametrize(
    ("content", "phrase"),
    [
        (None, "no such save file"),
        (b"", "empty"),
        (b"{not json", "not a readable save file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
    ],
)
def test_bad_save_exits_1(run, tmp_path, content, phrase):
    path = tmp_path / "s.json"
    if content is not None:
        path.write_bytes(content)
    code, out, err = run(["play", "--text", "--load", path])
    assert code == 1
    assert phrase in err and err.count("\n") == 1


def test_foreign_save_exits_1(run, tmp_path):
    path = tmp_path / "f.json"
    assert run(["play", "--auto", "--seed", "1", "--save", path])[0] == 0
    data = json.loads(path.read_text())
    data["scenario_hash"] = "ffffffffffffffff"
    path.write_text(_reseal(data))
    code, _, err = run(["play", "--text", "--load", path])
    assert code == 1 and "different version" in err


def test_save_for_a_scenario_not_installed_exits_1(run, tmp_path):
    path = tmp_path / "g.json"
    assert run(["play", "--auto", "--seed", "1", "--save", path])[0] == 0
    data = json.loads(path.read_text())
    data["scenario_id"] = "fall_of_rome"
    path.write_text(_reseal(data))
    code, _, err = run(["play", "--text", "--load", path])
    assert code == 1 and "fall_of_rome" in err and "not installed" in err


def test_broken_scenario_file_exits_1(run, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: [unclosed\n")
    code, _, err = run(["play", "--auto", "--scenario", bad])
    assert code == 1
    assert str(bad) in err and "Traceback" not in err


def test_unwritable_save_path_exits_1(run, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, err = run(["play", "--auto", "--seed", "1", "--save", blocker / "s.json"])
    assert code == 1 and "cannot write save" in err


def test_validate_exit_codes(run, tmp_path):
    good = find_scenario(SCENARIO)
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\ntitle: 3\n")
    code, out, err = run(["validate", good])
    assert (code, out, err) == (0, f"{good}: ok\n", "")
    code, out, _ = run(["validate", bad, good])
    assert code == 1
    assert f"{good}: ok" in out
    lines = [line for line in out.splitlines() if line.startswith(str(bad))]
    assert lines and all(
        re.match(rf"{re.escape(str(bad))}:\d+:\d+: (error|warning): ", line) for line in lines
    )
    assert out.index(str(bad)) < out.index(f"{good}: ok")  # in the order given
    code, _, _ = run(["validate", tmp_path / "missing.yaml"])
    assert code == 1


def test_validate_warnings_alone_exit_0(run, tmp_path):
    two = (ROOT / "tests" / "data" / "two_rivals.yaml").read_text(encoding="utf-8")
    f = tmp_path / "w.yaml"
    f.write_text(two.replace("when: 1950-Q1\n", "when: 1950-Q1\n    chance: 0\n", 1), "utf-8")
    code, out, err = run(["validate", f])
    assert code == 0 and err == ""
    assert re.fullmatch(rf"{re.escape(str(f))}:\d+:\d+: warning: [^\n]*chance 0[^\n]*\n", out)


def test_schema(run, tmp_path):
    code, out, err = run(["schema"])
    assert code == 0 and err == ""
    schema = json.loads(out)
    assert "$schema" in schema or "properties" in schema
    target = tmp_path / "scenario.schema.json"
    code, out, _ = run(["schema", "-o", target])
    assert code == 0 and str(target) in out
    assert json.loads(target.read_text(encoding="utf-8")) == schema
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, out, err = run(["schema", "--output", blocker / "s.json"])
    assert code == 1 and out == "" and err.count("\n") == 1 and "cannot write" in err


def test_validate_lists_every_problem_of_every_file(run, tmp_path):
    good = find_scenario(SCENARIO)
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\ntitle: 3\n")
    missing = tmp_path / "missing.yaml"
    code, out, _ = run(["validate", good, bad, missing])
    assert code == 1
    assert f"{good}: ok" in out
    assert out.count(f"{bad}:") > 1  # every problem, each on its own line
    assert f"{bad}:2:8: error: title" in out
    assert f"{missing}:1:1: error: cannot read file" in out


# ----- rendering --------------------------------------------------------------------------------


@pytest.mark.parametrize("width", [60, 72, 80, 100, 120])
def test_board_fits_the_width(scenario, width):
    m = Match.start(scenario, 12)
    m.play({})
    for c in scenario.contenders:
        v = view(m.state, c.id)
        options = textplay.legal_actions(m.state, c.id)
        for text in (
            screens.render_board(v, t.UNICODE, width, goal.standing(m.state, c.id)),
            screens.render_cards(v, width),
            screens.render_menu(options, [0], v, m.scenario, width),
            screens.render_events(m.events, width=width),
            screens.render_goal(m.scenario, c.id, "full", width),
        ):
            long = [line for line in text.splitlines() if len(line) > width]
            assert not long, long


def test_date_line(scenario):
    v = view(Match.start(scenario, 1).state, "stalin")
    assert screens.date_line(v) == f"Q1 1924 (turn 1 of {scenario.calendar.turns})"


def test_ascii_terminal_gets_ascii(scenario):
    raw = io.BytesIO()
    out = io.TextIOWrapper(raw, encoding="ascii")
    con = textplay.Console.of(out, io.StringIO())
    assert con.g is t.ASCII
    v = view(Match.start(scenario, 1).state, "trotsky")
    con.say(screens.render_board(v, con.g))
    con.say(screens.render_cards(v))
    con.say("Trotsky \u2014 \u201cBonapartism\u201d, Zin\u00f3viev")
    out.flush()
    text = raw.getvalue().decode("ascii")
    assert 'Trotsky - "Bonapartism", Zinoviev' in text


def test_tables():
    text = t.table(["Name", "Share"], [["Stalin", "40%"], ["Trotsky", "5%"]])
    assert text.splitlines() == [
        "Name     Share",
        "-------  -----",
        "Stalin     40%",
        "Trotsky     5%",
    ]
    wide = t.table(["A", "B"], [["x" * 200, "y"]], width=50)
    assert max(len(line) for line in wide.splitlines()) <= 50
    assert t.bar(0.5, 10) == "#####....." and t.bar(2, 4) == "####" and t.bar(-1, 3) == "..."
    assert t.stacked([0.5, 0.25, 0.25], "ABC", 8) == "AAAABBCC"
    assert len(t.stacked([0.333, 0.333, 0.2], "ABC", 16)) == 16
    assert t.axis([(-1, "L"), (1, "R")], 20, "Left", "Right") == "Left [L--+--R] Right"
    ax = t.axis([(-1, "L"), (0, "C"), (1, "R")], 32, "Reform", "Tradition")
    assert ax.startswith("Reform [L") and ax.endswith("R] Tradition") and "C" in ax
    assert t.unique_marks(["Stalin", "Sverdlov", "Trotsky"]) == ["S", "V", "T"]
    assert t.ascii_safe("a\u2014b \u2588", "ascii") == "a-b #"
    assert t.clip("abcdef", 4) == "abc~"


@pytest.mark.parametrize("argv", [[], ["play"], ["play", "--load", "x.json"]])
def test_the_window_without_a_display_says_so_in_one_line(run, monkeypatch, argv):
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    code, out, err = run(argv)
    assert code == 1
    assert out == ""
    assert err.count("\n") == 1
    assert "no display" in err and "politburo play --text" in err


def test_linux_with_no_display_variable_is_no_display(monkeypatch):
    from game.ui import display_problem

    monkeypatch.delenv("SDL_VIDEODRIVER", raising=False)
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    assert display_problem() is not None
    monkeypatch.setenv("DISPLAY", ":0")
    assert display_problem() is None


def test_terminal_only_options_in_the_window_are_a_usage_error(run, monkeypatch):
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    code, _, err = run(["play", "--seed", "4"])
    assert code == 2 and "--text" in err


def test_hotseat_in_the_terminal_hands_over_and_keeps_secrets(run):
    # Stalin compiles a dossier; Trotsky's board must not show it; the report is public only
    code, out, _ = run(
        [
            "play",
            "--text",
            "--contender",
            "stalin",
            "--contender",
            "trotsky",
            "--seed",
            "3",
            "--no-autosave",
        ],
        "\n" + "d\nd\n" + "\n" + "d\nd\n" + "q\n",
    )
    assert code == 0
    assert out.count("Pass the computer to Joseph Stalin") == 2
    assert out.count("Pass the computer to Leon Trotsky") == 1
    trotsky_board = out.split("Pass the computer to Leon Trotsky")[1].split("WHAT HAPPENED")[0]
    assert "Your dossiers" not in trotsky_board


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--contender", "stalin", "--contender", "stalin"], "different"),
        (["--contender", "stalin", "--contender", "nobody"], "unknown contender"),
    ],
)
def test_bad_hotseat_seats_are_usage_errors(run, argv, message):
    code, _, err = run(["play", "--text", "--seed", "1", *argv])
    assert code == 2 and message in err


def test_a_short_lesson_in_the_terminal_ends_after_its_turns(run):
    code, out, _ = run(["play", "--auto", "--length", "short", "--seed", "3"])
    assert code == 0
    assert "Q4 1925 (turn 8 of 8)" in out and "Q1 1926" not in out
    assert "THE OUTCOME" in out


@pytest.mark.parametrize("command", ["play", "debrief"])
def test_a_saves_scenario_id_is_a_name_never_a_file(run, tmp_path, monkeypatch, command):
    """A crafted save names a file in the folder it is run from as its scenario: the game looks
    for an installed scenario of that id and never opens the file."""
    path = tmp_path / "crafted.json"
    saves.save_match(path, Match.start(load_scenario(find_scenario(SCENARIO)), 1), [], "easy")
    data = json.loads(path.read_text(encoding="utf-8"))
    data["scenario_id"] = "lure"
    path.write_text(_reseal(data), encoding="utf-8")
    here = tmp_path / "cwd"
    here.mkdir()
    (here / "lure").write_text(find_scenario(SCENARIO).read_text(encoding="utf-8"))
    monkeypatch.chdir(here)
    argv = (
        ["play", "--auto", "--load", path]
        if command == "play"
        else ["debrief", path, "-o", tmp_path / "r.html"]
    )
    code, out, err = run(argv)
    assert code == 1
    assert "'lure'" in err and ("not installed" in err or "no scenario with the id" in err)
