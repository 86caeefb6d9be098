"""The AI's side of a scenario as arrays: each contender's character, and the order of the
actions' texts, for the AI's kernels (:mod:`game.ai.kernels`)."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from game.engine import ActionKind, Scenario
from game.engine.actions import CONVENABLE, DIRECTIONS, FORUMS, SPECS
from game.engine.scenario import per_scenario
from game.rules import layout as lay


class AITables(NamedTuple):
    """Each contender's character (``ai`` in the scenario), and where every action's text
    ``str(action)`` falls in alphabetical order: the AI breaks ties between equal scores by
    that text, and a kernel cannot make strings."""

    weights: np.ndarray  # (N, KINDS) float64: appetite for each kind of action (missing: 1.0)
    aggression: np.ndarray  # (N,) float64
    caution: np.ndarray  # (N,) float64
    kind_order: np.ndarray  # (KINDS,) int64: rank of the kind's word
    target_order: np.ndarray  # (KINDS, T) int64: rank of each target's word within the kind
    choice_order: np.ndarray  # (E, C) int64: rank of each choice's id within its card


def _ranks(words: list[str]) -> list[int]:
    """Each word's place in alphabetical order."""
    ranked = sorted(range(len(words)), key=words.__getitem__)
    out = [0] * len(words)
    for place, i in enumerate(ranked):
        out[i] = place
    return out


def _target_words(sc: Scenario, kind: ActionKind) -> list[str]:
    """The words a kind's targets are written with, by target index (see docs/core.md's
    orders: regions, contenders and offices by index, directions LEFT/RIGHT, organs
    CONVENE_PLENUM/CONVENE_CONGRESS, forums FORUM_PARTY/FORUM_COMINTERN, cards by index)."""
    arg = SPECS[kind].arg
    if arg == "region":
        return [r.id for r in sc.regions]
    if arg == "contender":
        return [c.id for c in sc.contenders]
    if arg in ("office", "post"):
        return [o.id for o in sc.offices]
    if arg == "decision":
        return [e.id for e in sc.events]
    words = {"direction": DIRECTIONS, "organ": CONVENABLE, "forum": FORUMS}.get(arg, ())
    return list(words)


@per_scenario
def ai_tables(sc: Scenario) -> AITables:
    """The scenario's :class:`AITables`, built on first use."""
    words = [_target_words(sc, ActionKind(k)) for k in lay.KIND_IDS]
    target_order = np.zeros((lay.KINDS, max(1, *map(len, words))), np.int64)
    for k, w in enumerate(words):
        target_order[k, :len(w)] = _ranks(w)
    most = max([len(e.choices) for e in sc.events] or [1]) or 1
    choice_order = np.zeros((len(sc.events), most), np.int64)
    for e, event in enumerate(sc.events):
        choice_order[e, :len(event.choices)] = _ranks([ch.id for ch in event.choices])
    ai = [c.ai for c in sc.contenders]
    return AITables(
        weights=np.array([[p.weights.get(k, 1.0) for k in lay.KIND_IDS] for p in ai],
                         dtype=np.float64).reshape(len(ai), lay.KINDS),
        aggression=np.array([p.aggression for p in ai], dtype=np.float64),
        caution=np.array([p.caution for p in ai], dtype=np.float64),
        kind_order=np.array(_ranks(list(lay.KIND_IDS)), np.int64),
        target_order=target_order,
        choice_order=choice_order,
    )

