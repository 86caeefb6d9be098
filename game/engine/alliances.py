"""Alliances: offers, acceptance and betrayal, with trust as their memory.

An offer made this turn reaches its target at the start of the next (and is secret to the two);
two offers crossing in the same turn seal the alliance at once. Allies vote together, cannot
accuse each other, and breaking an alliance costs the breaker trust with everybody.
"""

from __future__ import annotations

import numpy as np

from .actions import Action, ActionKind
from .context import Context
from .record import Kind
from .rulebook import ActionRule, requires_party, rival_check, rival_label
from .scenario import Factor


def check_ally(ctx: Context, c: int, target: str | None) -> str | None:
    t, why = rival_check(ctx, c, target)
    return why or _bar_to_alliance(ctx, c, t) or requires_party(ctx, c)


def _bar_to_alliance(ctx: Context, c: int, t: int) -> str | None:
    if ctx.state.allied[c, t]:
        return f"you are already allied with {ctx.name(t)}"
    if not ctx.in_organ(t, "party"):
        return f"{ctx.name(t)} is no longer in the party"
    return None


def ally(ctx: Context, c: int, action: Action) -> None:
    t = ctx.resolve(action.target or "")
    ctx.report(Kind.ALLIANCE, f"{ctx.name(c)} offers {ctx.name(t)} an alliance.", (c, t),
               public=False)
    ctx.pending_offers.add((c, t))
    ctx.notes.append(f"{ctx.name(t)} can accept it next turn")


def check_accept(ctx: Context, c: int, target: str | None) -> str | None:
    t, why = rival_check(ctx, c, target)
    return why or _bar_to_accepting(ctx, c, t)


def _bar_to_accepting(ctx: Context, c: int, t: int) -> str | None:
    if (t, c) not in ctx.state.offers:
        return f"{ctx.name(t)} has not offered you an alliance"
    return _bar_to_alliance(ctx, c, t) or requires_party(ctx, c)


def accept(ctx: Context, c: int, action: Action) -> None:
    t = ctx.resolve(action.target or "")
    seal(ctx, c, t)


def seal(ctx: Context, a: int, b: int) -> None:
    ctx.set_alliance(a, b, True)
    ctx.change_trust(a, b, 0.3)
    ctx.change_trust(b, a, 0.3)


def check_break(ctx: Context, c: int, target: str | None) -> str | None:
    t, why = rival_check(ctx, c, target)
    return why or _bar_to_break(ctx, c, t)


def _bar_to_break(ctx: Context, c: int, t: int) -> str | None:
    return None if ctx.state.allied[c, t] else f"you are not allied with {ctx.name(t)}"


def break_alliance(ctx: Context, c: int, action: Action) -> None:
    s = ctx.state
    t = ctx.resolve(action.target or "")
    ctx.set_alliance(c, t, False)
    ctx.change_trust(t, c, -s.rules.alliance_break_trust)
    for k in range(s.n):
        ctx.change_trust(k, c, -0.1)
    ctx.change_quality(c, "prestige", -2.0)


def settle_offers(ctx: Context) -> None:
    """Offers that crossed this turn become alliances; the rest wait one turn for an answer."""
    made = ctx.pending_offers
    for a, b in sorted(made):
        if a < b and (b, a) in made:
            seal(ctx, a, b)
    s = ctx.state
    for a, b in sorted(s.offers):  # last turn's offers: answered now, or never
        if not s.allied[a, b]:
            ctx.report(Kind.ALLIANCE, f"{ctx.name(a)}'s offer of an alliance to {ctx.name(b)} "
                       "lapses unanswered.", (a, b), public=False)
    s.offers = {(a, b) for a, b in made if not s.allied[a, b]}


def decay_trust(ctx: Context) -> None:
    """Old grudges and old debts fade a little every turn."""
    s = ctx.state
    s.trust *= 0.95
    s.trust[s.allied] += 0.02
    s.trust.clip(-1.0, 1.0, out=s.trust)
    for c in range(s.n):
        s.trust[c, c] = 1.0


RULES = (
    ActionRule(
        ActionKind.ALLY, check_ally, ally, Factor.ALLIANCES, rival_label("Propose an alliance to"),
        "A secret offer; if accepted next turn (or offered back now), your factions vote "
        "together.",
        gate=requires_party, aim=_bar_to_alliance,
    ),
    ActionRule(
        ActionKind.ACCEPT, check_accept, accept, Factor.ALLIANCES,
        rival_label("Accept the alliance offered by"),
        "Your factions will vote together, and neither of you can accuse the other.",
        gate=lambda ctx, c: None if any(b == c for _, b in ctx.state.offers) else "no offers",
        aim=_bar_to_accepting,
    ),
    ActionRule(
        ActionKind.BREAK, check_break, break_alliance, Factor.RIVALRIES,
        rival_label("Break your alliance with"),
        "Frees you to attack; costs trust with everyone, and much more with the betrayed.",
        gate=lambda ctx, c: None if np.count_nonzero(ctx.state.allied[c]) else "no allies",
        aim=_bar_to_break,
    ),
)
