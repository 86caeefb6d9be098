"""The engine's one narrow interface (see the package docstring)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from game.rules import layout as lay
from game.rules import programs, setup, turn
from game.rules.log import new_log
from game.rules.ops import W_SUBJECT, new_work

from . import legality, victory
from .actions import Action, IllegalAction
from .compile import compiled, extra_condition
from .narrate import narrate
from .orders import order_arrays
from .record import GameEvent
from .scenario import Scenario
from .state import GameState
from .view import View, build_view

Option = legality.Option
Outcome = victory.Outcome
Result = victory.Result


@dataclass(frozen=True, slots=True)
class TurnResult:
    state: GameState
    events: tuple[GameEvent, ...]


def _log(scenario: Scenario):
    most = max([len(e.choices) for e in scenario.events] or [1])
    return new_log(len(scenario.contenders), most)


def new_game(scenario: Scenario, seed: int) -> tuple[GameState, tuple[GameEvent, ...]]:
    """A new game, with the first turn's event cards already drawn (they are returned too)."""
    c = compiled(scenario)
    rng = np.random.default_rng(seed)
    log = _log(scenario)
    arrays = setup.new_game(c.start, c.tables, new_work(len(scenario.contenders), lay.LUCK),
                            log, rng)
    return GameState(scenario, seed, arrays, rng), tuple(narrate(scenario, log))


def _index(state: GameState, contender: str) -> int:
    for i, c in enumerate(state.scenario.contenders):
        if c.id == contender:
            return i
    known = ", ".join(c.id for c in state.scenario.contenders)
    raise IllegalAction(f"no contender {contender!r}; contenders are: {known}")


def legal_actions(state: GameState, contender: str) -> list[Option]:
    """Every action ``contender`` may take this turn, with its cost and, where a vote follows,
    the odds of carrying it. Empty when the game is over or the contender can no longer act."""
    return legality.options(state, _index(state, contender))


def legal_rows(state: GameState, contender: str) -> tuple[np.ndarray, np.ndarray]:
    """:func:`legal_actions` as the rules number them, for an AI that computes: ``rows[i] =
    (kind, target, option, cost)`` (docs/core.md, "Orders") and ``odds[i]`` (NaN where no vote
    or chance follows), in the same order as :func:`legal_actions`. Read-only arrays."""
    return legality.rows(state, _index(state, contender))


def apply_turn(state: GameState, orders: Mapping[str, Sequence[Action]]) -> TurnResult:
    """Resolve one turn. ``orders`` maps contender ids to the actions chosen (missing: none).
    The given state is left untouched; raises IllegalAction, saying why, if any order is."""
    if state.finished:
        raise IllegalAction("the game is over")
    by_index: dict[int, list[Action]] = {}
    for cid, actions in orders.items():
        c = _index(state, cid)
        legality.check_orders(state, c, list(actions))
        by_index[c] = list(actions)
    rows, counts = order_arrays(state.scenario, by_index)
    new = state.copy()
    log = _log(state.scenario)
    turn.resolve(new.arrays, new.tables, new_work(state.n, lay.LUCK), log, new.rng, rows,
                 counts)
    return TurnResult(new, tuple(narrate(state.scenario, log)))


def view(state: GameState, contender: str) -> View:
    """The game as ``contender`` may see it."""
    return build_view(state, _index(state, contender), meetings_due(state))


def meetings_due(state: GameState) -> tuple[str, ...]:
    """The organs scheduled to meet this turn, besides the Politburo."""
    if state.finished:
        return ("politburo",)
    scheduled = state.tables.meeting[state.turn]
    organs = {name for name, m in zip(("central_committee", "congress"), scheduled.tolist(),
                                      strict=True) if m >= 0}
    return ("politburo", *sorted(organs))


@dataclass(frozen=True, slots=True)
class FactorShare:
    """One factor's part in what moved a contender's support: its ``share`` of everything that
    moved it (a contender's shares add up to 1, or are all 0 if nothing moved), and whether it
    worked for them (``amount`` > 0: support won) or against them (support lost)."""

    factor: str
    share: float
    amount: float  # net support won (+) or lost (-), as a share of the party

    @property
    def helped(self) -> bool:
        return self.amount > 0


@dataclass(frozen=True, slots=True)
class Ledger:
    """The books of a game: each contender's share of the party's support over time, and the
    support each factor won or lost them. ``by_factor[c]`` adds up to ``now[c] - start[c]``;
    :meth:`shares` says how much of that movement each factor explains."""

    contenders: tuple[str, ...]  # contender ids, in the scenario's order
    factors: tuple[str, ...]  # factor ids, in the order of each ``by_factor`` row
    start: tuple[float, ...]  # support when the game began, before the first cards
    history: tuple[tuple[float, ...], ...]  # support at the start and after every turn played
    now: tuple[float, ...]  # support in this state (after the cards that opened the turn)
    by_factor: tuple[tuple[float, ...], ...]  # [contender][factor]: support won (+) or lost (-)

    def shares(self, contender: str) -> tuple[FactorShare, ...]:
        """Each factor's share of what moved ``contender``'s support, in the factors' order:
        the size of its net effect over the sum of all the factors' sizes, so the shares add
        up to 100% and none passes it; each is marked as having worked for or against them."""
        return factor_shares(self.factors, self.by_factor[self.contenders.index(contender)])


def factor_shares(factors: Sequence[str], amounts: Sequence[float]) -> tuple[FactorShare, ...]:
    """The :class:`FactorShare` of each factor, from the net support each won (+) or lost (-):
    its size over the sum of all the sizes (all 0 when nothing moved)."""
    moved = sum(abs(a) for a in amounts)
    return tuple(
        FactorShare(f, abs(a) / moved if moved > 0 else 0.0, a)
        for f, a in zip(factors, amounts, strict=True)
    )


def ledger(state: GameState) -> Ledger:
    """The game's books so far (see :class:`Ledger`): public numbers, read, never changed."""
    n, s = state.n, state.arrays
    now = state.support()
    history = s.history[: s.ints[lay.N_HISTORY], :n]
    return Ledger(
        contenders=tuple(c.id for c in state.scenario.contenders),
        factors=lay.FACTOR_IDS,
        start=tuple(history[0].tolist()),
        history=tuple(tuple(h) for h in history.tolist()),
        now=tuple(now[:n].tolist()),
        by_factor=tuple(tuple(row) for row in s.ledger.tolist()),
    )


@dataclass(frozen=True, slots=True)
class MilestoneMark:
    """A milestone of the scenario beside the game: the turn history reached it and the turn
    this game did (None: not yet, or never). Turns are 0-based indices, as everywhere in the
    engine; the game shows them from 1."""

    id: str
    title: str
    history_turn: int
    reached: int | None


def milestones(state: GameState) -> tuple[MilestoneMark, ...]:
    """Every milestone of the scenario, in its order, with the turn this game reached it."""
    cal = state.scenario.calendar
    reached = state.arrays.milestones.tolist()
    return tuple(
        MilestoneMark(m.id, m.title, cal.turn_of(m.when), turn if turn >= 0 else None)
        for m, turn in zip(state.scenario.milestones, reached, strict=True)
    )


def cards_fired(state: GameState) -> dict[str, str | None]:
    """Every event card that has fired in this game (event id, in the scenario's order), with
    the choice taken on it (None: a card without choices, or one not decided yet)."""
    out: dict[str, str | None] = {}
    for event, f in zip(state.scenario.events, state.arrays.fired.tolist(), strict=True):
        if f != lay.NOT_FIRED:
            out[event.id] = event.choices[f].id if f >= 0 else None
    return out


def guess_state(state: GameState, contender: str, seed: int) -> GameState:
    """A copy of ``state`` as ``contender`` might believe it to be, for an AI that looks ahead.

    Everything :func:`view` shows ``contender``, and everything public (the board, the record,
    trust, which is moved only by public acts), is kept. What the view hides is guessed afresh
    from ``seed``, never copied: each rival's luck of judgement this turn, each rival's
    dossiers on each other contender (an empty file,
    or one of 1 up to ``rules.dossier_limit`` dossiers, with a chance rising with the turn as
    files fill up in AI games), the dossiers behind rivals' waiting charges (guessed the same
    way), and the alliance offers between other contenders (dropped: nothing hints at them).
    The random generator is reseeded from ``seed``, so the guess does not know the luck to
    come. Two states that differ only in rivals' secrets give the same guess for the same
    seed. The given state is left untouched."""
    me = _index(state, contender)
    guess = state.copy()
    g = guess.arrays
    rng = np.random.default_rng([seed, me, state.turn])
    limit = int(g.rules[lay.R_DOSSIER_LIMIT])
    chance = min(0.3, 0.02 * state.turn)  # about the share of full files in AI games

    def draw() -> int:
        filed = limit > 0 and rng.random() < chance
        return int(rng.integers(1, limit + 1)) if filed else 0

    for c in range(state.n):
        if c != me:
            g.dossiers[c] = [draw() if t != c else 0 for t in range(state.n)]
    others = np.arange(state.n) != me
    g.judgement[others] = rng.normal(0.0, 1.0, g.judgement[others].shape)
    for m in g.motions[: g.ints[lay.N_MOTIONS]]:
        if m[lay.M_SPONSOR] != me:
            m[lay.M_LEVERAGE] = draw()
    mine = np.zeros_like(g.offers)
    mine[me, :], mine[:, me] = True, True
    g.offers[...] &= mine  # in place: the arrays are a named tuple
    guess.rng = np.random.Generator(type(state.rng.bit_generator)(int(rng.integers(2**63))))
    return guess


def standing(state: GameState, contender: str) -> Outcome:
    """The outcome ``contender`` would get if the game ended now (the end's grading, asked
    mid-game: what the window and the terminal show as where a player stands)."""
    return victory.result(state).of(contender)


def holds(state: GameState, condition, contender: str) -> bool:
    """Whether a condition of the scenario's kind (a rung's, or a part of one) holds now, with
    ``self`` meaning ``contender``."""
    extra = extra_condition(state.compiled, condition)
    w = new_work(state.n, lay.LUCK)
    w.ints[W_SUBJECT] = _index(state, contender)
    return bool(programs.holds(state.arrays, extra.tables, w, extra.program))


def outcome(state: GameState) -> Result | None:
    """The graded result for every contender, or None while the game goes on."""
    return victory.result(state) if state.finished else None


@dataclass
class Match:
    """A game with its record: the seed, every turn's orders in text form and every event.
    ``Match.replay`` of the same scenario, seed and orders reaches the identical state."""

    scenario: Scenario
    seed: int
    state: GameState
    orders: list[dict[str, list[str]]] = field(default_factory=list)
    events: list[GameEvent] = field(default_factory=list)

    @classmethod
    def start(cls, scenario: Scenario, seed: int) -> Match:
        state, events = new_game(scenario, seed)
        return cls(scenario, seed, state, [], list(events))

    def play(self, orders: Mapping[str, Sequence[Action]]) -> tuple[GameEvent, ...]:
        """Apply one turn's orders and record them."""
        result = apply_turn(self.state, orders)
        self.state = result.state
        self.orders.append({c: [str(a) for a in acts] for c, acts in orders.items()})
        self.events.extend(result.events)
        return result.events

    @classmethod
    def replay(
        cls, scenario: Scenario, seed: int, orders: Sequence[Mapping[str, Sequence[str]]]
    ) -> Match:
        """Rebuild a match from its record; raises IllegalAction if the record does not fit."""
        match = cls.start(scenario, seed)
        for turn_orders in orders:
            match.play({c: [Action.parse(a) for a in acts] for c, acts in turn_orders.items()})
        return match
