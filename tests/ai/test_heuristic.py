"""The standard AI's shortcuts give what the plain way gives."""

from __future__ import annotations

import random

from game.ai.heuristic import VALUES, best_first
from game.engine import Action, ActionKind
from game.engine.legality import Option


def test_every_kind_of_action_has_a_value():
    assert set(VALUES) == set(ActionKind)


def test_best_first_is_by_score_then_by_the_actions_text():
    rng = random.Random(7)
    targets = ["a", "b", "ab", "b_1", None]
    for _ in range(200):
        scored = [
            (rng.choice([0.5, 1.0, rng.random()]),
             Option(Action(rng.choice(list(ActionKind)), rng.choice(targets)), 1, None, "", ""))
            for _ in range(rng.randint(0, 8))
        ]
        scored = list({str(o.action): (s, o) for s, o in scored}.values())  # distinct actions
        plain = sorted(scored, key=lambda so: (-so[0], str(so[1].action)))
        best_first(scored)
        assert scored == plain
