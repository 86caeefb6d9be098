"""The engine's one narrow interface (see the package docstring)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from pydantic import TypeAdapter, ValidationError

from game.rules import cards, programs, setup, turn
from game.rules import layout as lay
from game.rules.log import new_log
from game.rules.ops import W_SUBJECT, new_work

from . import legality, victory
from .actions import Action, IllegalAction
from .compile import compiled, extra_condition, extra_effects
from .effects import EFFECT_TYPES, Effect
from .narrate import narrate
from .orders import order_arrays
from .record import GameEvent
from .scenario import Scenario, effect_problems
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
    rng = np.random.default_rng([seed, me, state.turn])
    limit = int(state.arrays.rules[lay.R_DOSSIER_LIMIT])
    chance = min(0.3, 0.02 * state.turn)  # about the share of full files in AI games

    def draw() -> int:
        filed = limit > 0 and rng.random() < chance
        return int(rng.integers(1, limit + 1)) if filed else 0

    return _with_secrets(state, me, draw, lambda shape: rng.normal(0.0, 1.0, shape),
                         np.random.default_rng(int(rng.integers(2**63))), state.seed)


def seat_state(state: GameState, contender: str) -> GameState:
    """A copy of ``state`` holding only what ``contender`` may know, for a seat played on
    another computer: what :func:`guess_state` would guess is blanked instead (rivals' dossiers
    and the dossiers behind their charges empty, their judgement 0, offers between others
    dropped), the seed is 0 and the generator is seeded afresh from the system, so neither the
    luck to come nor the record can be worked out from it. Its view, menu (odds included) and
    standing for ``contender`` are those of ``state``, and the AI judges the same orders on it.
    The given state is left untouched."""
    me = _index(state, contender)
    return _with_secrets(state, me, lambda: 0, np.zeros, np.random.default_rng(), 0)


def _with_secrets(state: GameState, me: int, dossiers: Callable[[], int],
                  judgement: Callable[[tuple[int, ...]], np.ndarray],
                  rng: np.random.Generator, seed: int) -> GameState:
    """A copy of ``state`` whose secrets ``me`` may not know are replaced: each rival's
    dossiers and the leverage of each rival's charge by ``dossiers()``, rivals' judgement by
    ``judgement(shape)``, offers between others dropped; with generator ``rng`` and ``seed``."""
    guess = state.copy()
    g = guess.arrays
    for c in range(state.n):
        if c != me:
            g.dossiers[c] = [dossiers() if t != c else 0 for t in range(state.n)]
    others = np.arange(state.n) != me
    g.judgement[others] = judgement(g.judgement[others].shape)
    for m in g.motions[: g.ints[lay.N_MOTIONS]]:
        if m[lay.M_SPONSOR] != me:
            m[lay.M_LEVERAGE] = dossiers()
    mine = np.zeros_like(g.offers)
    mine[me, :], mine[:, me] = True, True
    g.offers[...] &= mine  # in place: the arrays are a named tuple
    guess.rng, guess.seed = rng, seed
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


@dataclass(frozen=True, slots=True)
class Readings:
    """What no :class:`View` shows, for a modder's debug console: the scenario's flags and
    rules as they stand now, and each contender's qualities as the rules hold them (a view
    shows threat as rivals perceive it)."""

    flags: dict[str, float]
    rules: dict[str, float]
    qualities: dict[str, dict[str, float]]  # contender id -> quality -> value


def readings(state: GameState) -> Readings:
    """The flags, rules and raw qualities of ``state`` (see :class:`Readings`)."""
    s = state.arrays
    return Readings(
        flags=dict(zip(state.compiled.flags, s.flags.tolist(), strict=True)),
        rules=dict(zip(lay.RULE_IDS, s.rules.tolist(), strict=True)),
        qualities={c.id: dict(zip(lay.QUALITY_IDS, q, strict=True))
                   for c, q in zip(state.scenario.contenders, s.quality.tolist(), strict=True)},
    )


# ----- interventions: changes from outside the rules (the debug console) ---------------------

_EFFECTS: TypeAdapter[list[Any]] = TypeAdapter(list[Effect])


def parse_effects(state: GameState, effects: Sequence[Any]) -> list[Any]:
    """Effects written as in a scenario file (``{quality: {who: stalin, ...}}``, or tagged with
    ``type``), checked against ``state``'s scenario; IllegalAction saying what is wrong."""
    try:
        parsed = _EFFECTS.validate_python(list(effects))
    except ValidationError as e:
        err = e.errors()[0]
        if err["type"].startswith("union_tag"):
            kinds = ", ".join(t.model_fields["type"].default for t in EFFECT_TYPES)
            raise IllegalAction(f"not an effect; the effects are: {kinds}") from None
        where = "".join(f"{x}: " for x in [".".join(str(x) for x in err["loc"][1:])] if x)
        raise IllegalAction(f"not an effect: {where}{err['msg']}") from None
    problems = effect_problems(state.scenario, parsed)
    if problems:
        first = problems[0]
        known = f"; known: {', '.join(first.known)}" if first.known else ""
        raise IllegalAction(f"{first}{known}")
    return parsed


def intervene(state: GameState, effects: Sequence[Any]) -> TurnResult:
    """Run a list of scenario effects on the game now, outside any card or turn (a modder's
    test). The given state is left untouched; IllegalAction if an effect is not one, or names
    something the scenario lacks (a flag included: a state holds only the scenario's flags)."""
    if state.finished:
        raise IllegalAction("the game is over")
    parsed = parse_effects(state, effects)
    try:
        extra = extra_effects(state.compiled, parsed)
    except ValueError:  # the state has room only for the flags its scenario sets
        raise IllegalAction("an effect names a flag the scenario never sets, so no card or "
                            "condition of it could read it") from None
    new = state.copy()
    log = _log(state.scenario)
    programs.apply(new.arrays, extra.tables, new_work(state.n, lay.LUCK), log, extra.program)
    return TurnResult(new, tuple(narrate(state.scenario, log)))


def fire_event(state: GameState, event_id: str, choice: str | None = None) -> TurnResult:
    """Fire one of the scenario's event cards now, whatever its date, condition and chance.

    With ``choice``, that choice is taken at once (as a card with a forced choice plays, its
    decider standing as ``decider``). Without one, a card with choices waits for its deciders
    like a card drawn this turn (they choose with this turn's orders; a forced card takes its
    forced choice), and a card without choices applies its effects at once. The given state
    is left untouched; IllegalAction if there is no such event or choice, or the card is
    already waiting for a decision this turn."""
    if state.finished:
        raise IllegalAction("the game is over")
    sc = state.scenario
    ids = [ev.id for ev in sc.events]
    if event_id not in ids:
        raise IllegalAction(f"no event {event_id!r}; events are: {', '.join(ids)}")
    e, event = ids.index(event_id), sc.events[ids.index(event_id)]
    names = [ch.id for ch in event.choices]
    if choice is not None and choice not in names:
        known = f"its choices are: {', '.join(names)}" if names else "it has no choices"
        raise IllegalAction(f"event {event_id!r} has no choice {choice!r}; {known}")
    new = state.copy()
    s, t, log, w = new.arrays, new.tables, _log(sc), new_work(state.n, lay.LUCK)
    waiting = s.decisions[: s.ints[lay.N_DECISIONS]].tolist()
    if e in waiting:
        raise IllegalAction(f"event {event_id!r} is already waiting for a decision this turn")
    taken = choice if choice is not None else event.forced_choice
    cards.play_card(s, t, w, log, e, names.index(taken) if taken is not None else -1)
    return TurnResult(new, tuple(narrate(sc, log)))


@dataclass(frozen=True, slots=True)
class Intervention:
    """One change made to a game from outside its rules, as a :class:`Match` records it:
    ``turn`` is how many turns had been played (it comes before that turn's orders); either
    ``effects`` (scenario effects as data, tagged with ``type``) or an ``event`` fired (with its
    ``choice``, or None: its deciders choose)."""

    turn: int
    effects: tuple[Mapping[str, Any], ...] = ()
    event: str | None = None
    choice: str | None = None

    def apply(self, state: GameState) -> TurnResult:
        if self.event is not None:
            return fire_event(state, self.event, self.choice)
        return intervene(state, self.effects)

    def describe(self) -> str:
        """One line for a person: what was done (turns shown from 1)."""
        when = f"turn {self.turn + 1}"
        if self.event is not None:
            how = f"choice {self.choice!r}" if self.choice else "its deciders to choose"
            return f"{when}: fired event {self.event!r} ({how})"
        return f"{when}: " + "; ".join(_effect_words(e) for e in self.effects)


def _effect_words(effect: Mapping[str, Any]) -> str:
    """An effect as a short line: ``quality who=stalin quality=prestige amount=5`` (fields left
    empty are not named)."""
    def word(v: Any) -> str:
        if isinstance(v, float):
            return f"{v:.4g}"
        if isinstance(v, Mapping):
            return "{" + ", ".join(f"{k}: {word(x)}" for k, x in v.items() if _said(x)) + "}"
        if isinstance(v, list):
            return "[" + ", ".join(word(x) for x in v) + "]"
        return str(v)

    rest = " ".join(f"{k}={word(v)}" for k, v in effect.items() if k != "type" and _said(v))
    return f"{effect.get('type', '?')} {rest}".strip()


def _said(value: Any) -> bool:
    """Whether a field of an effect is worth naming (not left empty)."""
    return value is not None and value is not False and value != []


@dataclass
class Match:
    """A game with its record: the seed, every turn's orders in text form, every change made
    from outside the rules (``interventions``, in order, each dated by the turns played before
    it) and every event. ``Match.replay`` of the same scenario, seed, orders and interventions
    reaches the identical state. ``touches`` says, a line each, how the game was changed from
    outside its rules (interventions, and what the program tells :meth:`note`): empty for a game
    played by the rules alone."""

    scenario: Scenario
    seed: int
    state: GameState
    orders: list[dict[str, list[str]]] = field(default_factory=list)
    events: list[GameEvent] = field(default_factory=list)
    interventions: list[Intervention] = field(default_factory=list)
    touches: list[str] = field(default_factory=list)

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

    def intervene(self, effects: Sequence[Any]) -> tuple[GameEvent, ...]:
        """Run scenario effects now (:func:`intervene`) and record them, as data."""
        parsed = parse_effects(self.state, effects)
        data = tuple(e.model_dump(mode="json", by_alias=True) for e in parsed)
        return self.apply(Intervention(len(self.orders), effects=data))

    def fire(self, event: str, choice: str | None = None) -> tuple[GameEvent, ...]:
        """Fire an event card now (:func:`fire_event`) and record it."""
        return self.apply(Intervention(len(self.orders), event=event, choice=choice))

    def apply(self, change: Intervention) -> tuple[GameEvent, ...]:
        """Make a change from outside the rules now, and record it (its ``turn`` is the record's:
        a replay passes the one it recorded)."""
        result = change.apply(self.state)
        self.state = result.state
        self.interventions.append(change)
        self.touches.append(change.describe())
        self.events.extend(result.events)
        return result.events

    def note(self, text: str) -> None:
        """Record, for the save and the debrief, a change from outside the rules that the
        record replays by other means (a turn the AI played for a person, a scenario reloaded)."""
        self.touches.append(text)

    @classmethod
    def replaying(
        cls,
        scenario: Scenario,
        seed: int,
        orders: Sequence[Mapping[str, Sequence[str]]],
        interventions: Sequence[Intervention] = (),
    ) -> Iterator[Match]:
        """Rebuild a match from its record, yielding it (the same, growing Match) when it starts
        and after each turn's orders; each turn's interventions come before its orders (those
        made after the last turn, after the last yield). IllegalAction, saying which turn, if the
        record does not fit."""
        match = cls.start(scenario, seed)
        yield match
        for t in range(len(orders) + 1):
            for change in interventions:
                if change.turn == t:
                    try:
                        match.apply(change)
                    except IllegalAction as e:
                        raise IllegalAction(f"the change of turn {t + 1} "
                                            f"({change.describe()}): {e}") from None
            if t < len(orders):
                try:
                    match.play({c: [Action.parse(a) for a in acts]
                                for c, acts in orders[t].items()})
                except IllegalAction as e:
                    raise IllegalAction(f"the orders of turn {t + 1}: {e}") from None
                yield match

    @classmethod
    def replay(
        cls,
        scenario: Scenario,
        seed: int,
        orders: Sequence[Mapping[str, Sequence[str]]],
        interventions: Sequence[Intervention] = (),
    ) -> Match:
        """Rebuild a match from its record (see :meth:`replaying`)."""
        *_, match = cls.replaying(scenario, seed, orders, interventions)
        return match
