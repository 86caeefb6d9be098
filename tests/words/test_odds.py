"""Every odds figure says what it is the chance of."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from game.content.loader import find_scenario, load_scenario
from game.engine import Match, legal_actions, view
from game.words.odds import chance_of, odds_text


@pytest.fixture(scope="module")
def game():
    sc = load_scenario(find_scenario("succession_1924"))
    match = Match.start(sc, 1924)
    return sc, match.state, view(match.state, "stalin"), legal_actions(match.state, "stalin")


def option(kind: str, target: str | None, odds: float | None = 0.5):
    """An option of a kind the engine may add (challenge, subvert), as the menu gets it."""
    action = SimpleNamespace(kind=SimpleNamespace(value=kind), target=target, option=None)
    return SimpleNamespace(action=action, odds=odds, label="", cost=1, why="")


def test_every_option_with_odds_says_what_they_are_the_chance_of(game):
    sc, _, v, options = game
    said = {o.action.kind.value: odds_text(o, v, sc) for o in options if o.odds is not None}
    assert said["accuse"].endswith("chance the Central Committee carries the charge")
    assert said["resolution"].endswith("chance the Politburo adopts the resolution")
    assert said["resign"].endswith("chance the resignation is accepted")
    for o in options:
        assert (chance_of(o, v, sc) is None) == (o.odds is None)


def test_the_figure_comes_first(game):
    sc, _, v, options = game
    o = next(o for o in options if o.action.kind.value == "resolution")
    assert odds_text(o, v, sc) == (
        f"{100 * o.odds:.0f}% chance the Politburo adopts the resolution"
    )


def test_a_challenge_names_the_holder_and_the_post(game):
    sc, _, v, _ = game
    assert chance_of(option("challenge", "war_commissar"), v, sc) == (
        "chance the Central Committee relieves Trotsky of the post of People's Commissar for War"
    )
    assert chance_of(option("challenge", "leningrad_organisation"), v, sc) == (
        "chance the Central Committee relieves Zinoviev of the Leningrad party organisation"
    )


def test_a_subversion_and_an_unknown_kind(game):
    sc, _, v, _ = game
    assert chance_of(option("subvert", "moscow"), v, sc) == (
        "chance the secretary comes over to you"
    )
    assert chance_of(option("something_new", None), v, sc) == "chance it works"
    assert chance_of(option("subvert", "moscow", odds=None), v, sc) is None
