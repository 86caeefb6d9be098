"""Every lesson length debriefs: a game that reached its length's end is finished, and its
debrief takes the ending, the ladder and the epilogue of the scenario as played (cut to that
length), never the full scenario's. A game stopped early is debriefed as far as it got."""

from __future__ import annotations

import functools

import pytest

from game import saves
from game.debrief import debrief, render_debrief, render_handout
from game.engine import Match
from helpers import load, play_ai_game

LENGTHS = ("short", "standard", "full")


@functools.cache
def length_game(length: str, seed: int = 7) -> Match:
    """An all-AI game of the main scenario at one lesson length, played once per session."""
    return play_ai_game(load("succession_1924").with_length(length), seed)


@pytest.mark.parametrize("length", LENGTHS)
def test_every_length_is_finished_and_debriefed_with_its_own_ending(length):
    cut = load("succession_1924").with_length(length)
    match = length_game(length)
    d = debrief(match, ["trotsky"], length)
    assert d.finished and d.length == length
    assert d.turns == d.length_turns == cut.calendar.turns == len(d.quarters)
    assert d.epilogue == cut.epilogue  # the length's own epilogue, whatever it says
    names = {o.name for o in cut.outcomes}
    assert all(o.name in names for o in d.outcomes)  # the length's own ladder
    assert d.dates[-1] == cut.calendar.label(cut.calendar.turns - 1)
    # The record is compared only as far as the length goes.
    assert all(x.turn < d.length_turns for x in d.divergences)
    assert all(s.game_turn is None or s.game_turn < d.turns for s in d.steps)
    text = render_debrief(d)
    assert f"{length} game ({d.length_turns} turns" in text
    # Beside history: the length's own milestones, each with the turn this game reached it.
    within = [m for m in cut.milestones if cut.calendar.turn_of(m.when) < cut.calendar.turns]
    assert within and [s.label for s in d.steps] == [m.title for m in within]
    for s, m in zip(d.steps, within, strict=True):
        assert s.history_turn == cut.calendar.turn_of(m.when)
        assert s.game_turn is None or 0 <= s.game_turn < d.turns


@pytest.mark.parametrize("length", ["short", "standard"])
def test_the_command_debriefs_a_lesson_length_save(run, tmp_path, length):
    path = tmp_path / f"{length}.json"
    saves.save_match(path, length_game(length), ["bukharin"], "standard", length)
    out = tmp_path / "h.html"
    code, stdout, stderr = run(["debrief", path, "--handout", "-o", out])
    assert code == 0, stderr
    assert stdout.startswith(f"Wrote the handout of {path} (Bukharin: ") and stderr == ""
    text = out.read_text(encoding="utf-8")
    assert "Politburo \u00b7 Handout" in text and f"{length} game" in text


def test_a_game_stopped_early_says_how_far_it_got(tmp_path):
    sc = load("succession_1924").with_length("standard")
    full = length_game("standard")
    match = Match.replay(sc, full.seed, full.orders[:5])
    d = debrief(match, ["zinoviev"], "standard")
    assert not d.finished and d.turns == 5 and d.length_turns == 16
    assert len(d.quarters) == 16 and d.end_date == sc.calendar.label(4)
    for text in (render_debrief(d), render_handout(d)):
        assert "This game was stopped early" in text and "5 of its 16 turns" in text
        assert "stopped after 5 of 16 turns" in text
    # Steps the record dates after the stop are not counted as "never happened".
    assert not [x for x in d.divergences if x.kind == "never" and x.turn >= 5]
    assert d.distance.total == sum(
        min(abs(x.quarters or 0), 8) if x.kind in ("earlier", "later") else 8
        if x.kind in ("never", "not_in_record") else 4 if x.kind == "choice" else 0
        for x in d.divergences
    )
