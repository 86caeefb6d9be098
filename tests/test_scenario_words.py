"""The scenario names its own world (issue 18, item 2): its factors, the ends of its line axis
and its organs. The fictional council under tests/data renames all three; a game of it in the
terminal, its debrief (full, handout, teacher's copy, class summary) and its teacher pack speak
only its words: no Politburo, Central Committee or Congress, no NEP, no Left or Right, no
Lenin and none of the game's default factor names. The window is tested the same way in
tests/ui/test_scenario_words.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from scenario_words import FICTIONAL, foreign_words, visible_text

from game.content.loader import load_scenario
from game.engine import Factor, Scenario
from game.engine.scenario import FACTOR_DESCRIPTIONS, FACTOR_NAMES, Axis
from game.words.names import lowered
from helpers import load


@pytest.fixture(scope="module")
def council() -> Scenario:
    return load_scenario(FICTIONAL)


# ----- the fields -------------------------------------------------------------------------------


def test_a_scenario_without_the_fields_keeps_the_games_words():
    sc = load("succession_1924")
    assert sc.axis == Axis() and sc.axis.side(-0.3) == "Left" and sc.axis.side(0.3) == "Right"
    assert sc.axis.side_meaning(-1) == "Left (end the NEP, industrialise fast)"
    for f in Factor:
        assert sc.factor_name(f) == FACTOR_NAMES[f]
        assert sc.factor_description(f) == FACTOR_DESCRIPTIONS[f]


def test_the_council_names_its_factors_and_its_axis(council):
    assert council.factor_name("patronage") == "The Rolls and the wardenships"
    assert council.factor_name("lenins_legacy") == "The First Lamplighter's blessing"
    assert council.factor_description("lenins_legacy").startswith("Which heir the dead")
    assert council.factor_description("ideology") == FACTOR_DESCRIPTIONS[Factor.IDEOLOGY]
    assert council.factor_name("luck") == "Luck"  # left out: the game's name
    assert council.factor_name("no_such_factor") == "no_such_factor"
    assert (council.axis.side(-0.5), council.axis.side(0.5)) == ("Granaries", "Charters")
    assert council.axis.side_meaning(0.5) == "Charters (keep the guilds' old charters)"


def test_a_factor_name_reads_inside_a_sentence():
    assert lowered("Personal rivalries") == "personal rivalries"
    assert lowered("The Rolls and the wardenships") == "the Rolls and the wardenships"
    assert lowered("Lenin's legacy") == "Lenin's legacy"
    assert lowered("The First Lamplighter's blessing") == "the First Lamplighter's blessing"
    assert lowered("MVD control") == "MVD control" and lowered("") == ""


# ----- the terminal, the debrief, the teacher pack -----------------------------------------------


def turn_input(turns: int) -> str:
    """A player who reads the help, asks why, picks three actions and ends each turn."""
    return "1\n\n" + "?\nw1\nw5\nb\nm\ng\n1 4 7\nd\nd\n\n\n\n" * (turns + 2)


@pytest.fixture(scope="module")
def council_game(tmp_path_factory) -> tuple[Path, str]:
    """A whole terminal game of the council (the output, and its save), played once."""
    import io
    import sys

    from game.cli.main import main

    folder = tmp_path_factory.mktemp("council")
    path = folder / "game.json"
    out, stdin, stdout = io.StringIO(), sys.stdin, sys.stdout
    sys.stdin, sys.stdout = io.StringIO(turn_input(18)), out
    try:
        code = main(["play", "--text", "--scenario", str(FICTIONAL), "--seed", "3",
                     "--save", str(path)])
    finally:
        sys.stdin, sys.stdout = stdin, stdout
    assert code == 0 and path.exists()
    return path, out.getvalue()


def test_the_terminal_game_speaks_the_scenarios_words(council_game):
    _, shown = council_game
    assert "WHAT FOLLOWED IN HISTORY" in shown  # the game was played to its end
    assert foreign_words(shown) == []
    for words in ("Council of Elders", "Granaries [", "] Charters", "to the Charters",
                  "mood Charters", "THE ASSEMBLY OF BURGHERS AND THE GREAT CONVENTION"):
        assert words in shown, words


@pytest.mark.parametrize("flags", [[], ["--handout"], ["--teacher"], ["--handout", "--teacher"]])
def test_the_debrief_speaks_the_scenarios_words(run, council_game, tmp_path, flags):
    out = tmp_path / "debrief.html"
    code, _, err = run(["debrief", council_game[0], "--scenario", FICTIONAL, *flags, "-o", out])
    assert code == 0, err
    text = visible_text(out.read_text(encoding="utf-8"))
    assert foreign_words(text) == []
    assert "The Rolls and the wardenships" in text or "the Rolls and the wardenships" in text
    assert "The First Lamplighter's blessing" in text and "Granaries or charters" in text


def test_the_class_summary_speaks_the_scenarios_words(run, council_game, tmp_path):
    out = tmp_path / "class.html"
    code, _, err = run(["debrief", council_game[0], "--class", "--scenario", FICTIONAL,
                        "-o", out])
    assert code == 0, err
    text = visible_text(out.read_text(encoding="utf-8"))
    assert foreign_words(text) == [] and "The First Lamplighter's blessing" in text


def test_the_teacher_pack_speaks_the_scenarios_words(run, tmp_path):
    code, _, err = run(["teacher-pack", "--scenario", FICTIONAL, "-o", tmp_path / "pack"])
    assert code == 0, err
    pages = sorted((tmp_path / "pack").glob("*.html"))
    assert pages
    text = " ".join(visible_text(p.read_text(encoding="utf-8")) for p in pages)
    assert foreign_words(text) == []
    assert "Which heir the dead First Lamplighter favoured" in text  # its own description


def test_the_boards_encyclopedia_links_follow_the_scenarios_names():
    """The board links an organ and the mood to the encyclopedia by the scenario's words: the
    main scenario's still open their articles; a renamed organ opens none of 1924's."""
    from game.content.encyclopedia import load_encyclopedia

    enc, main = load_encyclopedia(), load("succession_1924")
    assert enc.find(main.organs.central_committee.name).id == "central_committee"
    assert enc.find(main.organs.congress.name).id == "congress"
    assert enc.find(main.axis.about).id == "nep"
    council = load_scenario(FICTIONAL)
    assert enc.find(council.organs.central_committee.name) is None
    assert enc.find(council.axis.about) is None


def test_check_heads_the_factors_with_the_scenarios_names(council):
    from game.check import factor_head

    heads = [factor_head(council, str(f)) for f in Factor]
    assert heads == ["Wardenships", "Weakness", "Allies", "Charters", "Rivalry", "Blessing",
                     "Personal", "Luck"]
    assert factor_head(load("succession_1924"), "lenins_legacy") == "Lenin"


def test_the_lab_report_speaks_the_scenarios_words(run, tmp_path):
    out = tmp_path / "lab.html"
    code, shown, err = run(["lab", "--scenario", FICTIONAL, "--games", 4, "-o", out])
    assert code == 0, err
    text = visible_text(out.read_text(encoding="utf-8"))
    assert foreign_words(text) == [] and foreign_words(shown) == []
    assert "out of the Council of Elders" in text
