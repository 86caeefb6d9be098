"""The old engine's legal options as the arrays the kernels take (until the legality kernel
makes them): ``options[i] = (kind, target, option, cost)`` in menu order, targets indexed as
docs/core.md's orders say, and ``odds[i]`` (NaN where the old ``Option.odds`` is None)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from game.engine import Action, Option, Scenario
from game.engine.actions import CONVENABLE, DIRECTIONS, FORUMS, SPECS
from game.rules import layout as lay

KIND_CODES = {kind: i for i, kind in enumerate(lay.KIND_IDS)}


def target_index(sc: Scenario, action: Action) -> tuple[int, int]:
    """The ``(target, option)`` of an action as the kernels index them."""
    arg = SPECS[action.kind].arg
    target = action.target or ""
    if arg == "none":
        return -1, -1
    if arg == "decision":
        e = next(i for i, ev in enumerate(sc.events) if ev.id == target)
        choices = [ch.id for ch in sc.events[e].choices]
        return e, choices.index(action.option or "")
    names = {
        "region": [r.id for r in sc.regions],
        "contender": [c.id for c in sc.contenders],
        "office": [o.id for o in sc.offices],
        "post": [o.id for o in sc.offices],
        "direction": list(DIRECTIONS),
        "organ": list(CONVENABLE),
        "forum": list(FORUMS),
    }[arg]
    return names.index(target), -1


def option_arrays(sc: Scenario, options: Sequence[Option]) -> tuple[np.ndarray, np.ndarray]:
    """``(options, odds)`` arrays of a menu of the old engine's options."""
    rows = np.zeros((len(options), 4), np.int64)
    odds = np.full(len(options), np.nan)
    for i, o in enumerate(options):
        target, option = target_index(sc, o.action)
        rows[i] = (KIND_CODES[o.action.kind.value], target, option, o.cost)
        if o.odds is not None:
            odds[i] = o.odds
    return rows, odds
