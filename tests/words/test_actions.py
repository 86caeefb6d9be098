"""Actions as a player reads them: labels, never text forms."""

from __future__ import annotations

import pytest

from game.content.loader import find_scenario, load_scenario
from game.engine import Action, IllegalAction, Match, apply_turn, legal_actions
from game.words.actions import action_labels, readable


@pytest.fixture(scope="module")
def start():
    return Match.start(load_scenario(find_scenario("succession_1924")), 1).state


def test_orders_are_named_by_their_menu_labels(start):
    orders = [Action.parse("decide lenin_funeral wrong_date"), Action.parse("appoint ukraine")]
    assert action_labels(start, "stalin", orders) == [
        "The date of the funeral: Give him a date he cannot make",
        "Appoint a loyal secretary in Ukraine",
    ]


def test_the_engines_refusals_name_actions_by_their_labels(start):
    options = legal_actions(start, "stalin")
    twice = next(o for o in options if o.action.kind.value == "appoint")
    with pytest.raises(IllegalAction) as e:
        apply_turn(start, {"stalin": [twice.action, twice.action]})
    said = readable(str(e.value), options)
    assert f"\u201c{twice.label}\u201d is ordered twice" in said
    assert str(twice.action) not in said
    with pytest.raises(IllegalAction) as e:
        apply_turn(start, {"trotsky": [Action.parse("decide lenin_funeral wrong_date")]})
    said = readable(str(e.value), options)
    assert "lenin_funeral" not in said and "The date of the funeral" in said
