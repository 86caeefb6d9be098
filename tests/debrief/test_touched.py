"""A game changed with the debug console (or a reloaded scenario) says so in its debrief, its
handout and the class summary, so that a teacher does not take it for play by the rules."""

from __future__ import annotations

import pytest

from game import saves
from game.debrief import class_summary, debrief, render_class, render_debrief, render_handout
from game.engine import Match

from .conftest import scripted_orders

WARNING = "This game was changed with the debug console"


@pytest.fixture(scope="module")
def touched(council) -> Match:
    match = Match.start(council, 1)
    match.intervene([{"quality": {"who": "ivan", "quality": "prestige", "amount": 20}}])
    match.play(scripted_orders(match))
    match.fire("crisis", "blame_market")
    match.note("turn 2: the AI played every seat up to turn 4 (debug console)")
    while not match.state.finished:
        match.play(scripted_orders(match))
    return match


def test_the_debrief_and_handout_say_the_game_was_changed(touched):
    d = debrief(touched, ["vera"])
    assert d.touches == touched.touches and len(d.touches) == 3
    for html in (render_debrief(d), render_handout(d)):
        assert WARNING in html
        assert "turn 1: quality who=ivan quality=prestige amount=20" in html
        assert "fired event &#x27;crisis&#x27; (choice &#x27;blame_market&#x27;)" in html or \
            "fired event 'crisis' (choice 'blame_market')" in html


def test_an_untouched_game_says_nothing(scripted):
    assert WARNING not in render_debrief(debrief(scripted, ["vera"]))


def test_the_class_summary_marks_the_touched_game(tmp_path, touched, scripted, council):
    saves.save_match(tmp_path / "touched.json", touched, ["vera"], "standard")
    saves.save_match(tmp_path / "fair.json", scripted, ["ivan"], "standard")
    read = [(str(p), saves.load_save(p)) for p in sorted(tmp_path.glob("*.json"))]
    summary = class_summary(read, council)
    assert summary.games == 2, summary.skipped
    html = render_class(summary)
    assert "1 of the 2 games counted was changed with the debug console" in html
    assert "touched.json" in html and html.count("changed with the debug console</span>") >= 1
    assert WARNING in html  # the list of games says what was changed
