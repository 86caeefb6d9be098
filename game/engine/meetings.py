"""Scheduled meetings: the Politburo every turn, Central Committee plenums and Party Congresses
on their dates (or when the holder of the agenda convenes them).

A Congress is where patronage pays: each region sends delegates in proportion to its members,
and its secretary fills part of the uncommitted places with the patron's followers. The
delegates elect the new Central Committee, whose plenum then fills the Politburo.
"""

from __future__ import annotations

import numpy as np

from .actions import CONVENABLE, Action, ActionKind
from .context import Context, fill_politburo
from .factions import decide_accusation, vote_motions
from .index import index_of
from .personal import decide_resignation
from .record import Kind
from .rulebook import ActionRule, requires_party
from .scenario import Factor, Meeting, Power
from .state import GameState, Motion
from .votes import Question, take_vote

MEETING_NAMES = {"central_committee": "plenum", "congress": "congress"}


def scheduled(state: GameState) -> tuple[Meeting, ...]:
    return index_of(state.scenario).meetings.get(state.turn, ())


def check_convene(ctx: Context, c: int, target: str | None) -> str | None:
    s = ctx.state
    if target not in CONVENABLE:
        return "say plenum or congress"
    if not ctx.has_power(c, Power.AGENDA):
        return "only an office that sets the agenda can convene the party's organs"
    organ = "congress" if target == "congress" else "central_committee"
    if any(m.organ == organ for m in scheduled(s)):
        return f"a {target} already meets this turn"
    if target == "congress" and s.turn - s.last_congress < s.rules.convene_congress_gap:
        return f"too soon after the last {ctx.organ_name('congress')}"
    return requires_party(ctx, c)


def convene(ctx: Context, c: int, action: Action) -> None:
    ctx.convened.add("congress" if action.target == "congress" else "central_committee")
    ctx.report(Kind.ACTION, f"{ctx.name(c)} convenes an extraordinary {action.target}.", (c,))


def _decide(ctx: Context, m: Motion) -> None:
    (decide_accusation if m.kind == "accuse" else decide_resignation)(ctx, m)


def delegate_shares(ctx: Context) -> np.ndarray:
    """The factions of a Congress's delegates: the regions' loyalties, weighted by members,
    with each secretary's pick of the uncommitted places going to the patron."""
    s = ctx.state
    rows = s.loyalty.copy()
    if s.rules.patronage:
        for r in range(len(rows)):
            p = int(s.patron[r])
            if p >= 0 and ctx.in_organ(p, "party"):
                moved = s.rules.delegate_pick * rows[r, -1]
                rows[r, -1] -= moved
                rows[r, p] += moved
    share = s.members @ rows / s.members.sum()
    for c in range(s.n):
        if not ctx.in_organ(c, "party"):
            share[-1] += share[c]
            share[c] = 0.0
    return share


def elect_central_committee(ctx: Context, delegates: np.ndarray) -> np.ndarray:
    """The Congress votes on a slate drafted by whoever sets the agenda: part of the seats go
    to the drafter's followers whatever the delegates' own balance."""
    s = ctx.state
    drafter = next(
        (c for c in range(s.n) if ctx.in_organ(c, "party") and ctx.has_power(c, Power.AGENDA)),
        -1,
    )
    if drafter < 0 or not s.rules.patronage:
        return delegates
    share = delegates * (1.0 - s.rules.slate_share)
    share[drafter] += s.rules.slate_share
    return share


def leader(ctx: Context) -> int:
    """The contender whose faction is largest in the Central Committee."""
    s = ctx.state
    eligible = [c for c in range(s.n) if ctx.in_organ(c, "central_committee")]
    return max(eligible, key=lambda c: (s.cc_share[c], -c)) if eligible else -1


def congress(ctx: Context, meeting: Meeting | None) -> None:
    s = ctx.state
    name = meeting.name if meeting else f"Extraordinary {ctx.organ_name('congress')}"
    if meeting and meeting.delegates:
        s.congress_delegates = meeting.delegates
    ctx.report(Kind.MEETING, f"{name} opens with {s.congress_delegates} voting delegates.",
               ref="congress")
    head = leader(ctx)
    if head >= 0:
        with ctx.tagged(Factor.PATRONAGE):
            tally = take_vote(ctx, Question("confidence", head), "congress")
            ctx.report(Kind.VOTE, tally.headline(), (head,), tally=tally)
            ctx.change_quality(head, "prestige", 4.0 if tally.passed else -10.0)
    vote_motions(ctx, "congress", _decide)
    s.cc_share = elect_central_committee(ctx, delegate_shares(ctx))
    if meeting and meeting.cc_seats:
        s.cc_seats = meeting.cc_seats
    s.last_congress = s.turn
    head = leader(ctx)
    if head >= 0:
        ctx.report(
            Kind.MEETING,
            f"The delegates elect a {ctx.organ_name('central_committee')} of {s.cc_seats}; the "
            f"largest faction, "
            f"{s.cc_share[head]:.0%}, follows {ctx.name(head)}.",
            ref="central_committee",
        )


def plenum(ctx: Context, meeting: Meeting | None, seats: int | None) -> None:
    """Vote on waiting motions, then elect the Politburo: seated notables lean towards the
    Central Committee that elects them, and empty seats are filled."""
    s = ctx.state
    organ = ctx.organ_name("central_committee")
    name = meeting.name if meeting else f"Extraordinary plenum of the {organ}"
    ctx.report(Kind.MEETING, f"The {organ} meets ({name}).", ref="central_committee")
    vote_motions(ctx, "central_committee", _decide)
    if seats:
        s.politburo_seats = seats
    seated = s.notable_seated
    s.notable_loyalty[seated] = 0.7 * s.notable_loyalty[seated] + 0.3 * s.cc_share
    fill_politburo(ctx)


def hold(ctx: Context) -> None:
    """This turn's meetings, in order: Congress, plenum, Politburo."""
    s = ctx.state
    due = {m.organ: m for m in scheduled(s)}
    organs = set(due) | ctx.convened
    if "congress" in organs:
        congress(ctx, due.get("congress"))
    if organs:
        seats = [m.politburo_seats for m in due.values() if m.politburo_seats]
        plenum(ctx, due.get("central_committee"), seats[0] if seats else None)
    vote_motions(ctx, "politburo", _decide)


def meetings_due(state: GameState) -> tuple[str, ...]:
    """The organs scheduled to meet this turn, besides the Politburo."""
    return ("politburo", *sorted({m.organ for m in scheduled(state)}))


RULES = (
    ActionRule(
        ActionKind.CONVENE, check_convene, convene, Factor.PATRONAGE,
        lambda ctx, c, target: f"Convene an extraordinary {target} this turn",
        "Whoever sets the agenda chooses when the organs meet: bring waiting votes on now.",
    ),
)
