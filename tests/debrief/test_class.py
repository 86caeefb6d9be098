"""The class summary and the `politburo debrief` command, on a folder of saves that holds, beside
two good games, a duplicate, a corrupt file, an empty one, a save of another scenario, one of
another version of this scenario, an unfinished game, one whose orders no longer replay and
one from a newer version of the game: each is listed as skipped with its reason, never a
crash."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from game import saves
from game.debrief import class_summary, debrief
from game.engine import Match
from helpers import cached_ai_game, load

SKIPPED = {
    "b_duplicate.json": "the same game as",
    "corrupt.json": "not a readable save file",
    "empty.json": "the save file is empty",
    "foreign.json": "a game of another scenario ('two_rivals')",
    "newer.json": "made by a newer version of Politburo",
    "tampered.json": "no longer fit the game",
    "edited.json": "damaged or was edited by hand",
    "unfinished.json": "unfinished: saved after 2 of 24 turns",
    "version.json": "made with a different version of scenario 'succession_1924'",
}


def _sealed(data: dict) -> str:
    """A save edited by a tool that re-seals it (docs/saves.md)."""
    data = {k: v for k, v in data.items() if k != "checksum"}
    return json.dumps({**data, "checksum": saves.checksum(data)})


@pytest.fixture(scope="module")
def folder(tmp_path_factory, main_game, scripted) -> Path:
    d = tmp_path_factory.mktemp("class")
    other = cached_ai_game("succession_1924", 8)
    saves.save_match(d / "a_trotsky.json", main_game, ["trotsky"], "standard")
    saves.save_match(d / "b_duplicate.json", main_game, ["trotsky"], "standard")
    saves.save_match(d / "c_all_ai.json", other, [], "standard")
    saves.save_match(d / "foreign.json", scripted, ["ivan"], "standard")
    unfinished = Match.start(load("succession_1924"), 5)
    unfinished.play({})
    unfinished.play({})
    saves.save_match(d / "unfinished.json", unfinished, ["kamenev"], "standard")
    (d / "corrupt.json").write_text('{"schema_version": 1, "seed": ', encoding="utf-8")
    (d / "empty.json").write_bytes(b"")
    good = json.loads((d / "a_trotsky.json").read_text(encoding="utf-8"))
    (d / "version.json").write_text(_sealed({**good, "scenario_hash": "0" * 16}))
    tampered = json.loads(json.dumps(good))
    tampered["orders"][3]["stalin"] = ["appoint atlantis"]
    (d / "tampered.json").write_text(_sealed(tampered))  # re-sealed: it must fail to replay
    (d / "edited.json").write_text(json.dumps(tampered))  # not re-sealed: the checksum says so
    (d / "newer.json").write_text(json.dumps({**good, "schema_version": 99}))
    (d / "notes.txt").write_text("not a save, and not named like one")
    return d


def _read(folder: Path) -> list[tuple[str, saves.SaveFile | str]]:
    out: list[tuple[str, saves.SaveFile | str]] = []
    for p in sorted(folder.glob("*.json")):
        try:
            out.append((p.name, saves.load_save(p)))
        except saves.SaveError as e:
            out.append((p.name, str(e)))
    return out


@pytest.fixture(scope="module")
def summary(folder):
    return class_summary(_read(folder), load("succession_1924"))


def test_only_the_good_games_are_counted_and_every_other_file_says_why(summary):
    assert summary.games == 2
    assert [g.path for g in summary.game_list] == ["a_trotsky.json", "c_all_ai.json"]
    reasons = {s.path: s.reason for s in summary.skipped}
    assert set(reasons) == set(SKIPPED)
    for name, words in SKIPPED.items():
        assert words in reasons[name], (name, reasons[name])
    assert "a_trotsky.json" in reasons["b_duplicate.json"]


def test_outcomes_by_the_contender_played(summary, main_game):
    by = {p.contender: p for p in summary.played}
    assert set(by) == {"trotsky", ""}  # one game with Trotsky played, one all-AI game
    assert by["trotsky"].games == by[""].games == 1
    trotsky = debrief(main_game, ["trotsky"]).outcome_of("trotsky")
    assert [(o.outcome, o.games) for o in by["trotsky"].outcomes] == [(trotsky.outcome, 1)]


def test_factors_across_the_class_add_up(summary, main_game):
    assert {f.contender for f in summary.factors} == {c.id for c in summary.contenders}
    for fb in [*summary.factors, summary.factors_played]:
        assert math.isclose(sum(f.amount for f in fb.factors), fb.change, abs_tol=1e-9)
        assert math.isclose(sum(f.share for f in fb.factors), 1.0, abs_tol=1e-9)
    # Only Trotsky was played by a person, so the pooled seats are his game's breakdown.
    mine = next(f for f in debrief(main_game, ["trotsky"]).factors if f.contender == "trotsky")
    assert [f.amount for f in summary.factors_played.factors] == pytest.approx(
        [f.amount for f in mine.factors], abs=1e-12
    )


def test_common_turning_points_and_distance_from_history(summary, main_game):
    assert summary.common_turning_points
    for tp in summary.common_turning_points:
        assert 1 <= tp.games <= summary.games and tp.share == tp.games / summary.games
    counts = [tp.games for tp in summary.common_turning_points]
    assert counts == sorted(counts, reverse=True)
    distances = {g.path: g.distance for g in summary.game_list}
    assert distances["a_trotsky.json"] == debrief(main_game, ["trotsky"]).distance.total
    (full,) = summary.lengths  # every counted game here is a full game
    assert full.length == "full" and full.games == 2 and full.turns == 24
    assert full.closest.distance == min(distances.values())
    assert full.furthest.distance == max(distances.values())
    assert full.mean_distance == pytest.approx(sum(distances.values()) / 2)
    assert "quarters" in summary.distance_rule


def test_no_good_game_gives_an_empty_summary(folder):
    empty = class_summary([("x.json", "not a save")], load("succession_1924"))
    assert empty.games == 0 and empty.lengths == [] and len(empty.skipped) == 1


# ----- the command ------------------------------------------------------------------------------


def test_the_class_command_writes_the_summary_and_lists_what_it_skipped(run, folder, tmp_path):
    out = tmp_path / "class.html"
    code, stdout, stderr = run(["debrief", folder, "--class", "-o", out])
    assert code == 0, stderr
    assert "class summary of 2 games" in stdout and "9 files skipped" in stdout
    assert stderr.count("politburo: skipped ") == 9
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and "Files skipped (9)" in text


def test_unexpanded_patterns_are_expanded(run, folder, tmp_path):
    out = tmp_path / "class.html"
    code, stdout, _ = run(
        ["debrief", f"{folder}/a_*.json", f"{folder}/c_*.json", "--class", "-o", out]
    )
    assert code == 0 and "class summary of 2 games" in stdout


def test_one_game_is_debriefed(run, folder, tmp_path):
    out = tmp_path / "one.html"
    code, stdout, stderr = run(["debrief", folder / "a_trotsky.json", "-o", out])
    assert code == 0, stderr
    assert stdout.startswith(f"Wrote the debrief of {folder / 'a_trotsky.json'} (Trotsky: ")
    assert "Where your game left history" in out.read_text(encoding="utf-8")
    code, stdout, _ = run(["debrief", folder / "a_trotsky.json", "-o", "-"])
    assert code == 0 and stdout.startswith("<!DOCTYPE html>")


@pytest.mark.parametrize(
    "args, message",
    [
        (["debrief", "{folder}/a_trotsky.json"], "required: -o/--output"),
        (
            ["debrief", "{folder}/a_trotsky.json", "{folder}/c_all_ai.json", "-o", "x.html"],
            "add --class",
        ),
        (["debrief", "{folder}", "-o", "x.html"], "is a folder: add --class"),
        (["debrief", "-o", "x.html"], "required: SAVE"),
        (["debrief", "{folder}/a_trotsky.json", "-o", ""], "output file name is empty"),
    ],
)
def test_bad_arguments_exit_2_with_one_line(run, folder, args, message):
    code, stdout, stderr = run([a.format(folder=folder) for a in args])
    assert code == 2 and stdout == ""
    assert stderr.count("\n") == 1 and message in stderr


@pytest.mark.parametrize(
    "name, message",
    [
        ("missing.json", "no such save file"),
        ("corrupt.json", "not a readable save file"),
        ("foreign.json", "no scenario with the id 'two_rivals'"),
    ],
)
def test_a_save_that_cannot_be_debriefed_exits_1(run, folder, tmp_path, name, message):
    out = tmp_path / "x.html"
    code, stdout, stderr = run(["debrief", folder / name, "-o", out])
    assert code == 1 and stdout == "" and not out.exists()
    assert stderr.startswith("politburo: ") and stderr.count("\n") == 1 and message in stderr


def test_a_game_stopped_early_is_debriefed_with_a_note(run, folder, tmp_path):
    out = tmp_path / "stopped.html"
    code, stdout, stderr = run(["debrief", folder / "unfinished.json", "-o", out])
    assert code == 0 and "Wrote the debrief" in stdout
    assert "was stopped after 2 of 24 turns" in stderr and "--load" in stderr
    assert "This game was stopped early" in out.read_text(encoding="utf-8")


def test_an_output_that_cannot_be_written_exits_1(run, folder, tmp_path):
    code, _, stderr = run(
        ["debrief", folder / "a_trotsky.json", "-o", tmp_path / "no" / "such" / "x.html"]
    )
    assert code == 1 and "cannot write" in stderr


def test_a_class_of_unreadable_files_exits_1(run, folder, tmp_path):
    code, _, stderr = run(
        [
            "debrief",
            folder / "corrupt.json",
            folder / "empty.json",
            "--class",
            "-o",
            tmp_path / "c.html",
        ]
    )
    assert code == 1 and "none of the 2 files given is a readable save" in stderr
