"""A player's name: given with `politburo play --name` (in any mode), kept in the save, shown by
the debrief and listed by the class summary."""

from __future__ import annotations

import pytest

from game import saves
from game.debrief import class_summary, debrief, render_class, render_handout
from helpers import load


def test_an_auto_game_keeps_the_name_for_the_first_seat(run, tmp_path):
    path = tmp_path / "g.json"
    code, _, err = run(["play", "--auto", "--seed", 3, "--length", "short", "--name", " Ana  B ",
                        "--save", path])
    assert code == 0, err
    save = saves.load_save(path)
    assert save.humans == [] and save.names == {"stalin": "Ana B"}


def test_an_auto_game_keeps_the_name_for_the_seat_contender_names(run, tmp_path):
    path = tmp_path / "g.json"
    code, _, err = run(["play", "--auto", "--seed", 3, "--length", "short", "--contender",
                        "trotsky", "--name", "Ana", "--save", path])
    assert code == 0, err
    save = saves.load_save(path)
    assert save.names == {"trotsky": "Ana"}
    d = debrief(saves.resume(save, load("succession_1924")), save.humans, save.length, save.names)
    assert d.focus == ["trotsky"]  # the handout is about the student's seat
    assert "Ana (Trotsky), every seat by the computer" in render_handout(d)


def test_a_terminal_game_keeps_each_persons_name(run, tmp_path):
    path = tmp_path / "g.json"
    code, _, err = run(
        ["play", "--text", "--seed", 3, "--length", "short", "--contender", "stalin",
         "--contender", "bukharin", "--name", "Ana", "--name", "Ben", "--save", path],
        typed="quit\n",
    )
    assert code == 0, err
    assert saves.load_save(path).names == {"stalin": "Ana", "bukharin": "Ben"}


@pytest.mark.parametrize(
    "args, message",
    [
        (["--auto", "--contender", "trotsky"], "--contender only says whose seat --name"),
        (["--auto", "--name", "A", "--name", "B"], "--auto takes one --name"),
        (["--text", "--contender", "stalin", "--name", "A", "--name", "B"], "2 names for 1 seat"),
        (["--text", "--name", ""], "a name cannot be empty"),
        (["--text", "--name", "x" * 61], "at most 60 characters"),
        (["--text", "--name", "A\x00B"], "control characters"),
        (["--name", "A", "--name", "B"], "2 names for 1 seat"),  # the window: one person
    ],
)
def test_bad_names_exit_2_with_one_line(run, args, message):
    code, out, err = run(["play", *args])
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and message in err


def test_the_class_summary_lists_each_student(tmp_path):
    sc = load("succession_1924").with_length("short")
    from helpers import play_ai_game

    match = play_ai_game(sc, 5)
    read = []
    for i, (seat, name) in enumerate([("trotsky", "Ana"), ("stalin", "Ben")]):
        save = saves.snapshot(match, [seat], "standard", "short", names={seat: name})
        read.append((f"s{i}.json", save))
    # Two students who ran the same game are two entries, not a duplicate.
    summary = class_summary(read, load("succession_1924"))
    assert summary.games == 2 and not summary.skipped
    assert [(s.student, s.contender, s.length) for s in summary.students] == [
        ("Ana", "trotsky", "short"), ("Ben", "stalin", "short")
    ]
    text = render_class(summary)
    assert "Who played what" in text and "<td>Ana</td>" in text and "<td>Ben</td>" in text
