"""One turn: decisions on the cards, actions in a fixed order of phases, meetings, the quiet
drift of loyalties, luck, and the end checks; then the next turn's cards are drawn."""

from __future__ import annotations

from . import (
    alliances,
    events,
    factions,
    ideology,
    meetings,
    milestones,
    patronage,
    personal,
    victory,
)
from .actions import Action, ActionKind
from .context import Context
from .legality import RULES
from .record import GameEvent, Kind
from .state import GameState

meetings_due = meetings.meetings_due

# Actions take effect phase by phase: alliances first (so allies then act as allies), then
# lines and platforms, then work on the regions, then the votes they feed.
PHASES: tuple[ActionKind, ...] = (
    ActionKind.BREAK, ActionKind.ACCEPT, ActionKind.ALLY, ActionKind.SHIFT, ActionKind.RECANT,
    ActionKind.PLATFORM, ActionKind.APPOINT, ActionKind.SUBVERT, ActionKind.RECRUIT,
    ActionKind.DOSSIER, ActionKind.SPEECH, ActionKind.ARTICLE, ActionKind.ARMY, ActionKind.REST,
    ActionKind.RESOLUTION, ActionKind.ACCUSE, ActionKind.CHALLENGE, ActionKind.DEFEND,
    ActionKind.APPEAL, ActionKind.RESIGN, ActionKind.CONVENE,
)


def _act(ctx: Context, orders: dict[int, list[Action]]) -> None:
    """Carry out the orders. Contenders act in a random order within each phase, so that
    nobody always moves first; an order overtaken by events fails with a private notice.
    (The orders are sorted by phase first: the same order as asking each phase of each.)"""
    s = ctx.state
    by_kind: dict[ActionKind, list[tuple[int, Action]]] = {}
    for c in s.rng.permutation(s.n).tolist():
        for action in orders.get(c, ()):
            by_kind.setdefault(action.kind, []).append((c, action))
    for kind in PHASES:
        rule = RULES[kind]
        for c, action in by_kind.get(kind, ()):
            reason = rule.check(ctx, c, action.target)
            if reason:
                ctx.report(Kind.ACTION, f"{ctx.name(c)} could not {action}: {reason}.",
                           (c,), public=False)
                continue
            with ctx.tagged(rule.factor):
                rule.apply(ctx, c, action)


def _end_of_turn(ctx: Context) -> None:
    patronage.drift(ctx)
    ideology.drift(ctx)
    factions.decay_outcasts(ctx)
    personal.health_and_luck(ctx)
    alliances.decay_trust(ctx)


def resolve(state: GameState, orders: dict[int, list[Action]]) -> tuple[GameState, list[GameEvent]]:
    s = state.copy()
    ctx = Context(s)
    picks = {
        c: {a.target or "": a.option or "" for a in acts if a.kind is ActionKind.DECIDE}
        for c, acts in orders.items()
    }
    events.resolve_decisions(ctx, picks)
    _act(ctx, orders)
    alliances.settle_offers(ctx)
    meetings.hold(ctx)
    _end_of_turn(ctx)
    milestones.mark(ctx)
    s.support_history.append(s.support())
    if s.turn + 1 >= s.scenario.calendar.turns:
        s.finished = True
        res = victory.result(s)
        winner = s.scenario.contender_index(res.winner)
        ctx.report(Kind.END, f"The game ends. {res.of(res.winner).name}: "
                   f"{s.scenario.contenders[winner].name}.", (winner,), factor=None)
    s.turn += 1
    if not s.finished:
        events.begin_turn(ctx)
    return s, ctx.events
