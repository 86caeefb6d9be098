"""The game state: the rules' arrays (:class:`game.rules.layout.State`) and the generator of
chance, with the scenario they belong to.

A :class:`GameState` is never changed once returned by the engine's interface: ``apply_turn``
works on a copy. Contender index ``c`` runs over ``scenario.contenders``; loyalty arrays carry
one more column at the end for members loyal to nobody yet.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import numpy as np
from numpy.random.bit_generator import ISeedSequence

from game.rules import layout as lay
from game.rules import ops

from .compile import Compiled, compiled
from .scenario import Scenario


class _Unseeded(ISeedSequence):
    """A seed sequence that gives no entropy, for a generator whose state is set at once: a
    copy need not hash fresh entropy from the system only to overwrite it."""

    def generate_state(self, n_words: int, dtype=np.uint32) -> np.ndarray:
        return np.zeros(n_words, dtype=dtype)


_UNSEEDED = _Unseeded()


def copy_generator(rng: np.random.Generator) -> np.random.Generator:
    """A generator at the same point of the same stream, that draws apart from ``rng``."""
    twin = np.random.Generator(type(rng.bit_generator)(_UNSEEDED))
    twin.bit_generator.state = rng.bit_generator.state
    return twin


@dataclass(slots=True, eq=False)
class GameState:
    scenario: Scenario
    seed: int
    arrays: lay.State
    rng: np.random.Generator
    # What readers of this state have worked out (options, views). A state returned by the
    # engine is never changed again, so this never goes stale; a copy starts empty.
    derived: dict = field(default_factory=dict, repr=False)

    @property
    def tables(self) -> lay.Tables:
        return self.compiled.tables

    @property
    def compiled(self) -> Compiled:
        return compiled(self.scenario)

    @property
    def n(self) -> int:
        return len(self.scenario.contenders)

    @property
    def turn(self) -> int:
        return int(self.arrays.ints[lay.TURN])

    @property
    def finished(self) -> bool:
        return bool(self.arrays.ints[lay.FINISHED])

    def copy(self) -> GameState:
        """A deep copy: its own arrays and generator (the scenario is immutable and shared)."""
        return GameState(self.scenario, self.seed,
                         lay.State(*(a.copy() for a in self.arrays)),
                         copy_generator(self.rng))

    def support(self) -> np.ndarray:
        """Membership-weighted loyalty shares of the whole party, (contenders + 1,): the rules'
        own reckoning (:func:`game.rules.ops.support`)."""
        return ops.support(self.arrays)

    def fingerprint(self) -> str:
        """A hash of everything that makes up the state (the lists' rows in use only),
        identical across processes and whether the rules ran compiled or not."""
        h = hashlib.sha256()
        s = self.arrays
        counts = {"motions": lay.N_MOTIONS, "decisions": lay.N_DECISIONS,
                  "deciders": lay.N_DECISIONS, "cards": lay.N_CARDS, "history": lay.N_HISTORY}
        for name, a in zip(lay.State._fields, s, strict=True):
            if name in counts:
                a = a[: s.ints[counts[name]]]
            h.update(name.encode())
            h.update(np.ascontiguousarray(a).tobytes())
        h.update(repr(self.rng.bit_generator.state).encode())
        return h.hexdigest()
