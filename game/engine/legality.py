"""Which actions a contender may take, at what cost, and with what odds of any vote."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from . import alliances, factions, ideology, meetings, patronage, personal
from .actions import CONVENABLE, DIRECTIONS, SPECS, Action, ActionKind, IllegalAction
from .context import Context, ReadingContext
from .rulebook import ActionRule
from .state import GameState
from .votes import odds

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
    odds: float | None  # chance that the vote it leads to carries
    label: str
    why: str


def cost_of(state: GameState, kind: ActionKind) -> int:
    return state.scenario.action_costs.get(kind.value, SPECS[kind].default_cost)


def _targets(ctx: Context, c: int, kind: ActionKind) -> list[str | None]:
    arg = SPECS[kind].arg
    if arg == "none":
        return [None]
    if arg == "region":
        return [r.id for r in ctx.scenario.regions]
    if arg == "contender":
        return [d.id for i, d in enumerate(ctx.scenario.contenders) if i != c]
    if arg == "direction":
        return list(DIRECTIONS)
    if arg == "organ":
        return list(CONVENABLE)
    if arg == "office":
        return ctx.offices_of(c)
    return []


def _decisions(ctx: Context, c: int) -> list[Option]:
    out = []
    for d in ctx.state.decisions:
        if c not in d.deciders:
            continue
        e = next(e for e in ctx.scenario.events if e.id == d.event)
        how = f"your vote, weighted by your {ctx.organ_name('central_committee')} following" if len(
            d.deciders) > 1 else "your decision"
        for ch in e.choices:
            out.append(Option(Action(ActionKind.DECIDE, e.id, ch.id), 0, None,
                              f"{e.title}: {ch.label}", f"On the card: {how}."))
    return out


def _odds(ctx: ReadingContext, c: int, action: Action) -> tuple[float | None, str]:
    if action.kind is ActionKind.ACCUSE:
        t = ctx.resolve(action.target or "")
        organ = factions.accusation_organ(ctx, t)
        p = odds(ctx, factions.accusation_question(ctx, c, t), organ)
        return p, f"Decided by the {ctx.organ_name(organ)} at its next meeting. "
    if action.kind is ActionKind.RESOLUTION:
        p = odds(ctx, ideology.resolution_question(c, action.target), "politburo")
        return p, f"The {ctx.organ_name('politburo')} votes this turn. "
    if action.kind is ActionKind.RESIGN:  # the same vote whichever office is offered
        p = ctx.remember(("resign", c), lambda: odds(
            ctx, personal.resign_question(c, action.target), "central_committee"))
        return p, "The odds are those of the resignation being accepted. "
    if action.kind is ActionKind.SHIFT:
        cost = ideology.shift_cost(ctx, c, -1 if action.target == "left" else 1)
        return None, f"Costs {cost:.0f} prestige. "
    return None, ""


def options(state: GameState, c: int, with_odds: bool = True) -> list[Option]:
    if state.finished:
        return []
    ctx = ReadingContext(state)
    if not ctx.can_act(c):
        return []
    out = _decisions(ctx, c)
    budget = state.contenders[c].action_points
    for kind, rule in RULES.items():
        cost = cost_of(state, kind)
        if cost > budget:
            continue
        for target in _targets(ctx, c, kind):
            if rule.check(ctx, c, target) is not None:
                continue
            action = Action(kind, target)
            p, note = _odds(ctx, c, action) if with_odds else (None, "")
            out.append(Option(action, cost, p, rule.label(ctx, c, target), note + rule.why))
    return out


def why_illegal(state: GameState, c: int, action: Action) -> str | None:
    """None if ``action`` is legal for ``c`` now, otherwise the reason."""
    ctx = Context(state)
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
    for action, count in seen.items():
        if count > 1:
            raise IllegalAction(f"{name}: {action} is ordered twice")
        reason = why_illegal(state, c, action)
        if reason:
            raise IllegalAction(f"{name}: cannot {action}: {reason}")
    decided = Counter(a.target for a in actions if a.kind is ActionKind.DECIDE)
    if any(n > 1 for n in decided.values()):
        raise IllegalAction(f"{name}: one choice per event card")
    total = sum(cost_of(state, a.kind) for a in actions)
    budget = state.contenders[c].action_points
    if total > budget:
        raise IllegalAction(f"{name}: the orders cost {total} action points; {budget} available")
