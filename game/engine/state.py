"""The game state: numbers in numpy arrays, small records for contenders and pending business.

A :class:`GameState` is never changed once returned by the engine's interface: ``apply_turn``
works on a copy. Contender index ``c`` runs over ``scenario.contenders``; loyalty arrays carry one
more column at the end, ``UNCOMMITTED``, for members loyal to nobody yet.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from operator import attrgetter

import numpy as np
from numpy.random.bit_generator import ISeedSequence

from .scenario import Factor, Rules, Scenario

UNCOMMITTED = -1
FACTORS: tuple[Factor, ...] = tuple(Factor)


@dataclass(slots=True)
class ContenderState:
    status: int  # index into scenario.ladder
    prestige: float
    oratory: float
    organisation: float
    health: float
    threat: float
    line: float
    platform: bool = False
    exposed: bool = False  # compromising evidence is public: a case, as a platform is
    dossiers: dict[int, int] = field(default_factory=dict)  # secret: target -> dossiers held
    action_points: int = 0
    last_shift: int = -99  # turn of the last change of line
    last_demoted: int = -99  # turn of the last step down

    def copy(self) -> ContenderState:
        """A copy with its own dossiers (faster than ``dataclasses.replace``)."""
        twin = ContenderState(*_contender_fields(self))
        twin.dossiers = dict(self.dossiers)
        return twin


_contender_fields = attrgetter(*ContenderState.__dataclass_fields__)  # all, in one call


class _Unseeded(ISeedSequence):
    """A seed sequence that gives no entropy, for a generator whose state is set at once: a
    copy need not hash fresh entropy from the system only to overwrite it."""

    def generate_state(self, n_words: int, dtype=np.uint32) -> np.ndarray:
        return np.zeros(n_words, dtype=dtype)


_UNSEEDED = _Unseeded()


@dataclass(frozen=True, slots=True)
class Motion:
    """A vote waiting for its organ: an accusation, a challenge to a rival's office, or an offer
    to resign an office."""

    kind: str  # "accuse" | "relieve" | "resign"
    sponsor: int
    target: int
    organ: str  # "politburo" | "central_committee" | "congress"
    filed: int  # turn filed
    office: str | None = None
    leverage: int = 0  # dossiers spent on it
    answers: tuple[str, ...] = ()  # how its target answered it: "defend", "party", "comintern"


@dataclass(frozen=True, slots=True)
class Decision:
    """An event card waiting for a choice."""

    event: str
    deciders: tuple[int, ...]  # who may choose; more than one means a vote


@dataclass(slots=True)
class GameState:
    scenario: Scenario
    seed: int
    turn: int
    rules: Rules
    contenders: list[ContenderState]
    loyalty: np.ndarray  # (regions, contenders + 1) shares, rows sum to 1
    members: np.ndarray  # (regions,) float
    patron: np.ndarray  # (regions,) int, contender who appointed the secretary, -1 none
    cc_share: np.ndarray  # (contenders + 1,) loyalty of the Central Committee
    cc_seats: int
    congress_delegates: int
    notable_loyalty: np.ndarray  # (notables, contenders + 1)
    notable_seated: np.ndarray  # (notables,) bool: sits in the Politburo
    politburo_seats: int
    mood_line: float
    mood_unity: float
    party_line: float
    allied: np.ndarray  # (contenders, contenders) bool, symmetric
    trust: np.ndarray  # (contenders, contenders) float, row trusts column
    holder: dict[str, int]  # office id -> contender index, -1 vacant
    offers: set[tuple[int, int]]  # secret: (from, to) alliance offers made last turn
    motions: list[Motion]
    decisions: list[Decision]
    cards: list[str]  # events fired at the start of this turn
    flags: dict[str, float]
    fired: dict[str, str]  # event id -> choice id ("" if the event had no choice)
    last_congress: int
    ledger: np.ndarray  # (contenders, factors): support gained or lost, by factor
    support_history: list[np.ndarray]
    rng: np.random.Generator
    finished: bool = False
    retired: frozenset[int] = frozenset()  # notables out of the game
    milestones: dict[str, int] = field(default_factory=dict)  # milestone id -> turn reached
    lost: frozenset[tuple[str, int]] = frozenset()  # (office, contender): they lost it
    # What readers of this state have worked out (blocs, views, odds). A state returned by the
    # engine is never changed again, so this never goes stale; a copy starts empty.
    derived: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def n(self) -> int:
        return len(self.contenders)

    def copy(self) -> GameState:
        """A deep copy. The scenario and the rules are immutable and shared."""
        rng = np.random.Generator(type(self.rng.bit_generator)(_UNSEEDED))
        rng.bit_generator.state = self.rng.bit_generator.state
        fields = {}
        for name in self.__dataclass_fields__:
            value = getattr(self, name)
            if isinstance(value, np.ndarray):
                value = value.copy()
            elif isinstance(value, (list, set, dict)) and name != "support_history":
                value = value.copy()
            fields[name] = value
        fields["contenders"] = [c.copy() for c in self.contenders]
        fields["support_history"] = list(self.support_history)  # its arrays are never changed
        fields["rng"] = rng
        fields["derived"] = {}
        return GameState(**fields)

    def support(self) -> np.ndarray:
        """Membership-weighted loyalty shares of the whole party, (contenders + 1,)."""
        return self.members @ self.loyalty / self.members.sum()

    def fingerprint(self) -> str:
        """A hash of everything that makes up the state, identical across processes."""
        h = hashlib.sha256()
        for arr in (
            self.loyalty, self.members, self.patron, self.cc_share, self.notable_loyalty,
            self.notable_seated, self.allied, self.trust, self.ledger,
        ):
            h.update(np.ascontiguousarray(arr).tobytes())
        rest = (
            self.turn, self.finished, self.cc_seats, self.politburo_seats, self.last_congress,
            self.congress_delegates, self.mood_line,
            self.mood_unity, self.party_line, sorted(self.holder.items()), sorted(self.offers),
            self.motions, self.decisions, self.cards, sorted(self.flags.items()),
            sorted(self.fired.items()), self.contenders, self.rules.model_dump(),
            sorted(self.retired), sorted(self.milestones.items()), sorted(self.lost),
            self.rng.bit_generator.state,
        )
        h.update(repr(rest).encode())
        return h.hexdigest()
