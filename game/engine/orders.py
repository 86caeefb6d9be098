"""Actions as the rules take them: each :class:`Action` as a row of three numbers (kind,
target, option) and back (see docs/core.md, "Orders")."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from game.rules.layout import MOST_ORDERS

from .actions import CONVENABLE, DIRECTIONS, FORUMS, SPECS, Action, ActionKind
from .scenario import Scenario

KIND_CODES = {k: i for i, k in enumerate(ActionKind)}
KINDS = tuple(ActionKind)


def _names(scenario: Scenario, arg: str) -> Sequence[str]:
    """The names an action's target may take, by index."""
    if arg == "region":
        return [r.id for r in scenario.regions]
    if arg == "contender":
        return [c.id for c in scenario.contenders]
    if arg == "direction":
        return DIRECTIONS
    if arg == "organ":
        return CONVENABLE
    if arg in ("office", "post"):
        return [o.id for o in scenario.offices]
    if arg == "forum":
        return FORUMS
    if arg == "decision":
        return [e.id for e in scenario.events]
    return ()


def encode(scenario: Scenario, action: Action) -> tuple[int, int, int]:
    """The numbers of an action (ValueError for a name the scenario does not know)."""
    arg = SPECS[action.kind].arg
    target = -1 if action.target is None else list(_names(scenario, arg)).index(action.target)
    option = -1
    if action.kind is ActionKind.DECIDE:
        event = scenario.events[target]
        option = [ch.id for ch in event.choices].index(action.option or "")
    return KIND_CODES[action.kind], target, option


def decode(scenario: Scenario, kind: int, target: int, option: int = -1) -> Action:
    """The action a row of numbers stands for."""
    k = KINDS[kind]
    names = _names(scenario, SPECS[k].arg)
    name = names[target] if target >= 0 else None
    choice = None
    if k is ActionKind.DECIDE:
        choice = scenario.events[target].choices[option].id
    return Action(k, name, choice)


def order_arrays(scenario: Scenario, orders: Mapping[int, Sequence[Action]]
                 ) -> tuple[np.ndarray, np.ndarray]:
    """Every contender's orders (contender index -> actions) as the turn's arrays."""
    n = len(scenario.contenders)
    rows = np.zeros((n, MOST_ORDERS, 3), np.int64)
    counts = np.zeros(n, np.int64)
    for c, actions in orders.items():
        for i, action in enumerate(actions[:MOST_ORDERS]):
            rows[c, i] = encode(scenario, action)
        counts[c] = min(len(actions), MOST_ORDERS)
    return rows, counts

