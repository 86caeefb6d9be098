"""Which actions a contender may take, at what cost, and with what odds of any vote."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from . import alliances, factions, ideology, meetings, patronage, personal
from .actions import CONVENABLE, DIRECTIONS, FORUMS, SPECS, Action, ActionKind, IllegalAction
from .context import Context, ReadingContext
from .index import index_of
from .rulebook import ActionRule
from .state import GameState
from .votes import Question, odds_many

RULES: dict[ActionKind, ActionRule] = {
    r.kind: r
    for r in (
        *patronage.RULES, *ideology.RULES, *alliances.RULES, *factions.RULES,
        *personal.RULES, *meetings.RULES,
    )
}


@dataclass(frozen=True, slots=True)
class Option:
    """A legal action with what a player needs to choose it."""

    action: Action
    cost: int
    odds: float | None  # chance that the vote it leads to carries, or that it works
    label: str
    why: str


def _option(kind: ActionKind, target: str | None, cost: int, label: str, why: str) -> Option:
    """``Option(Action(kind, target), cost, None, label, why)``, made by filling its slots
    directly: a frozen dataclass's own ``__init__`` goes through ``object.__setattr__`` for
    every field, and a state offers its contenders a hundred options."""
    option = _new(Option)
    _set_action(option, _action(kind, target))
    _set_cost(option, cost)
    _set_odds(option, None)  # until the odds of the vote it leads to are known
    _set_label(option, label)
    _set_why(option, why)
    return option


_new = object.__new__
_set_action, _set_cost, _set_odds, _set_label, _set_why = (
    getattr(Option, name).__set__ for name in ("action", "cost", "odds", "label", "why")
)


def cost_of(state: GameState, kind: ActionKind) -> int:
    return index_of(state.scenario).cost[kind]


def _targets(ctx: Context, c: int, kind: ActionKind) -> Sequence[str | None]:
    arg = SPECS[kind].arg
    if arg == "none":
        return (None,)
    if arg == "region":
        return ctx.index.region_ids
    if arg == "contender":
        return ctx.index.rival_ids[c]
    if arg == "direction":
        return DIRECTIONS
    if arg == "organ":
        return CONVENABLE
    if arg == "office":
        return ctx.offices_of(c)
    if arg == "post":  # the offices rivals hold
        return tuple(o for o, k in ctx.state.holder.items() if k >= 0 and k != c)
    if arg == "forum":
        return FORUMS
    return ()


def _decisions(ctx: Context, c: int) -> list[Option]:
    out = []
    for d in ctx.state.decisions:
        if c not in d.deciders:
            continue
        e = ctx.index.event[d.event]
        how = f"your vote, weighted by your {ctx.organ_name('central_committee')} following" if len(
            d.deciders) > 1 else "your decision"
        for ch in e.choices:
            out.append(Option(Action(ActionKind.DECIDE, e.id, ch.id), 0, None,
                              f"{e.title}: {ch.label}", f"On the card: {how}."))
    return out


def _question(ctx: Context, c: int, kind: ActionKind, target: str | None) -> tuple[Question, str]:
    """The vote that an action of a kind in :data:`VOTING` leads to, and the organ taking it."""
    if kind is ActionKind.ACCUSE:
        t = ctx.resolve(target or "")
        return factions.accusation_question(ctx, c, t), ctx.rung(t).removed_by or ""
    if kind is ActionKind.RESOLUTION:
        return ideology.resolution_question(c, target), "politburo"
    if kind is ActionKind.CHALLENGE:
        return factions.challenge_question(ctx, c, target or ""), "central_committee"
    # RESIGN: the same vote whichever office is offered
    return personal.resign_question(c, None), "central_committee"


VOTING = frozenset({ActionKind.ACCUSE, ActionKind.RESOLUTION, ActionKind.RESIGN,
                    ActionKind.CHALLENGE})
_NOTED = VOTING | {ActionKind.SHIFT}  # the kinds whose menu entry has a note (see _note)


def _note(ctx: Context, c: int, kind: ActionKind, target: str | None, organ: str) -> str:
    """What the menu says about the vote (or the cost) that follows the action."""
    if kind in (ActionKind.ACCUSE, ActionKind.CHALLENGE):
        return f"Decided by the {ctx.organ_name(organ)} at its next meeting. "
    if kind is ActionKind.RESOLUTION:
        return f"The {ctx.organ_name('politburo')} votes this turn. "
    if kind is ActionKind.RESIGN:
        return "The odds are those of the resignation being accepted. "
    if kind is ActionKind.SHIFT:
        cost = ideology.shift_cost(ctx, c, -1 if target == "left" else 1)
        return f"Costs {cost:.0f} prestige. "
    return ""


_ACTIONS: dict[ActionKind, dict[str | None, Action]] = {k: {} for k in ActionKind}


def _action(kind: ActionKind, target: str | None) -> Action:
    """The action, made once and then shared: actions are immutable values."""
    made = _ACTIONS[kind]
    action = made.get(target)
    if action is None:
        action = made[target] = Action(kind, target)
    return action


def _legal(ctx: Context, c: int) -> list[tuple[ActionKind, str | None, int, ActionRule]]:
    """``c``'s legal actions (other than decisions), with their cost, in menu order."""
    out = []
    budget = ctx.state.contenders[c].action_points
    cost_of_kind = ctx.index.cost
    for kind, rule in RULES.items():
        cost = cost_of_kind[kind]
        if cost > budget or (rule.gate is not None and rule.gate(ctx, c) is not None):
            continue
        if rule.aim is not None:  # an action at a rival: every target is one
            aim, rival = rule.aim, ctx.index.contender
            for target in ctx.index.rival_ids[c]:
                if aim(ctx, c, rival[target]) is None:
                    out.append((kind, target, cost, rule))
            continue
        check = rule.check
        for target in _targets(ctx, c, kind):
            if check(ctx, c, target) is None:
                out.append((kind, target, cost, rule))
    return out


def _every_option(ctx: ReadingContext) -> tuple[tuple[Option, ...], ...]:
    """Every contender's options in this state. They are worked out together because the odds
    of all the votes they could call are: one numpy pass per organ (:func:`odds_many`). An
    option that leads to a vote is made first and given its odds once they are known, before
    anyone sees it."""
    out = []
    waiting: dict[str, dict[Question, list[Option]]] = {}  # organ -> question -> options
    for c in range(ctx.state.n):
        if not ctx.can_act(c):
            out.append(())
            continue
        options = _decisions(ctx, c)
        for kind, target, cost, rule in _legal(ctx, c):
            organ = ""
            if kind in VOTING:
                q, organ = _question(ctx, c, kind, target)
            why = _note(ctx, c, kind, target, organ) + rule.why if kind in _NOTED else rule.why
            option = _option(kind, target, cost, rule.label(ctx, c, target), why)
            if organ:
                waiting.setdefault(organ, {}).setdefault(q, []).append(option)
            elif rule.chance is not None:
                _set_odds(option, rule.chance(ctx, c, target))
            options.append(option)
        out.append(tuple(options))
    for organ, questions in waiting.items():
        chances = odds_many(ctx, list(questions), organ).tolist()
        for asked, p in zip(questions.values(), chances, strict=True):
            for option in asked:
                _set_odds(option, p)
    return tuple(out)


def options(state: GameState, c: int) -> list[Option]:
    """``c``'s options in this state, with costs and odds (remembered with the state)."""
    if state.finished:
        return []
    ctx = ReadingContext(state)
    return list(ctx.remember("options", lambda: _every_option(ctx))[c])


def why_illegal(state: GameState, c: int, action: Action) -> str | None:
    """None if ``action`` is legal for ``c`` now, otherwise the reason."""
    return _why_illegal(Context(state), c, action)


def _why_illegal(ctx: Context, c: int, action: Action) -> str | None:
    if not ctx.can_act(c):
        return f"{ctx.name(c)} can no longer act"
    if action.kind is ActionKind.DECIDE:
        legal = {o.action for o in _decisions(ctx, c)}
        return None if action in legal else "there is no such decision for you to make now"
    spec = SPECS[action.kind]
    if (spec.arg == "none") != (action.target is None) or action.option is not None:
        return f"{action.kind.value!r} takes {'no argument' if spec.arg == 'none' else spec.arg}"
    return RULES[action.kind].check(ctx, c, action.target)


def check_orders(state: GameState, c: int, actions: list[Action]) -> None:
    """Raise IllegalAction, saying why, unless ``actions`` is a legal set of orders for ``c``."""
    name = state.scenario.contenders[c].short
    seen = Counter(actions)
    ctx = Context(state)
    for action, count in seen.items():
        if count > 1:
            raise IllegalAction(f"{name}: {action} is ordered twice")
        reason = _why_illegal(ctx, c, action)
        if reason:
            raise IllegalAction(f"{name}: cannot {action}: {reason}")
    decided = Counter(a.target for a in actions if a.kind is ActionKind.DECIDE)
    if any(n > 1 for n in decided.values()):
        raise IllegalAction(f"{name}: one choice per event card")
    total = sum(ctx.index.cost[a.kind] for a in actions)
    budget = state.contenders[c].action_points
    if total > budget:
        raise IllegalAction(f"{name}: the orders cost {total} action points; {budget} available")
