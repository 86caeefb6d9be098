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
from .explain import signed
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
            label = rule.label(ctx, c, action.target)
            reason = rule.check(ctx, c, action.target)
            if reason:
                ctx.report(Kind.RESULT, f"{label}: it could not be done ({reason}).", (c,),
                           public=False, data={"action": str(action), "done": False})
                continue
            before = _standing(ctx, c)
            ctx.notes, ctx.rolls = [], {}
            with ctx.tagged(rule.factor):
                rule.apply(ctx, c, action)
            _report_result(ctx, c, action, label, before)


def _standing(ctx: Context, c: int) -> tuple[float, float]:
    """What an action may move for its actor: their share of the party, their prestige."""
    return float(ctx.support()[c]), ctx.state.contenders[c].prestige


def _report_result(ctx: Context, c: int, action: Action, label: str,
                   before: tuple[float, float]) -> None:
    """Tell the actor, privately, what their action did, with the numbers it moved."""
    support, prestige = _standing(ctx, c)
    moved = list(ctx.notes)
    if abs(support - before[0]) >= 0.0005:
        moved.append(f"your following {100 * before[0]:.1f}% \u2192 {100 * support:.1f}% of "
                     f"the party ({signed(100 * (support - before[0]))} points)")
    if prestige != before[1]:
        moved.append(f"prestige {before[1]:.0f} \u2192 {prestige:.0f}")
    text = f"{label}: " + ("; ".join(moved) if moved else "done, nothing moved yet")
    ctx.report(Kind.RESULT, text + ".", (c,), public=False,
               data={"action": str(action), "done": True, "support": [before[0], support],
                     "prestige": [before[1], prestige], **ctx.rolls})


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
