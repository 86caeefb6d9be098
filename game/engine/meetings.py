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
from .factions import decide_accusation, decide_relief, vote_motions
from .index import index_of
from .personal import decide_resignation
from .record import Kind
from .rulebook import ActionRule, requires_party
from .scenario import Factor, Meeting, Power, post_of
from .state import GameState, Motion
from .votes import Question, choose, take_vote

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


_DECIDE = {"accuse": decide_accusation, "relieve": decide_relief, "resign": decide_resignation}


def _decide(ctx: Context, m: Motion) -> None:
    _DECIDE[m.kind](ctx, m)


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


def reporter(ctx: Context, meeting: Meeting | None) -> int:
    """Who presents the Central Committee's report to a Congress: the meeting's ``reporter``
    while they sit in the Central Committee, or else the leader of its largest faction."""
    named = ctx.index.contender.get(meeting.reporter or "", -1) if meeting else -1
    return named if ctx.in_organ(named, "central_committee") else leader(ctx)


def congress(ctx: Context, meeting: Meeting | None) -> None:
    s = ctx.state
    name = meeting.name if meeting else f"Extraordinary {ctx.organ_name('congress')}"
    if meeting and meeting.delegates:
        s.congress_delegates = meeting.delegates
    ctx.report(Kind.MEETING, f"{name} opens with {s.congress_delegates} voting delegates.",
               ref="congress")
    head = reporter(ctx, meeting)
    if head >= 0:
        with ctx.tagged(Factor.PATRONAGE):
            tally = take_vote(ctx, Question("confidence", head), "congress")
            ctx.report(Kind.VOTE, tally.headline(), (head,), tally=tally)
            ctx.change_quality(head, "prestige", 4.0 if tally.passed else -10.0)
            for effect in (meeting.carried if tally.passed else meeting.defeated) if meeting \
                    else ():
                effect.apply(ctx)
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
    elect_offices(ctx)
    if seats:
        s.politburo_seats = seats
    seated = np.flatnonzero(s.notable_seated)
    drift = s.rules.notable_drift
    for k in seated:
        s.notable_loyalty[k] = (1.0 - drift) * s.notable_loyalty[k] + drift * _owed(ctx, k)
    fill_politburo(ctx)


def elect_offices(ctx: Context) -> None:
    """Fill every vacant office the Central Committee elects (``elected``): the candidates are
    the contenders in the Politburo who have not lost it before; each candidate's faction
    votes for him, a faction whose leader does not stand votes for the allied candidate its
    leader trusts most (the nearest in line, of equals), and everyone else leans to the
    candidates with the most prestige."""
    s = ctx.state
    for o in ctx.scenario.offices:
        if not o.elected or s.holder.get(o.id, -1) >= 0:
            continue
        running = [c for c in range(s.n)
                   if ctx.in_organ(c, "politburo") and (o.id, c) not in s.lost]
        if not running:
            continue
        backed = {k: running.index(k) for k in running}
        for k in range(s.n):
            allies = [i for i, c in enumerate(running) if s.allied[k, c]]
            if k not in backed and allies and ctx.in_organ(k, "party"):
                line = s.contenders[k].line
                backed[k] = max(allies, key=lambda i, k=k: (
                    s.trust[k, running[i]], -abs(s.contenders[running[i]].line - line), -i))
        lean = np.array([s.contenders[c].prestige / 25.0 for c in running])
        votes, blocs = choose(ctx, [ctx.name(c) for c in running], backed, lean, "prestige")
        winner = running[int(np.argmax(votes))]
        with ctx.tagged(Factor.PATRONAGE):
            ctx.report(Kind.MEETING,
                       f"The {ctx.organ_name('central_committee')} elects {ctx.name(winner)} to "
                       f"{post_of(o)}.", (winner,), ref=o.id,
                       data={"votes": {ctx.scenario.contenders[c].id: v
                                       for c, v in zip(running, votes, strict=True)},
                             "labels": {ctx.scenario.contenders[c].id: ctx.name(c)
                                        for c in running},
                             "organ": ctx.organ_name("central_committee"),
                             "blocs": blocs})
            ctx.set_holder(o.id, winner)


def _owed(ctx: Context, k: int) -> np.ndarray:
    """Whom a seated notable owes their seat to: the Central Committee's factions, each as far
    as its leader's line is one the notable can live with (the rest of a faction's weight
    counts as no one's). So Rykov and Tomsky stay with Bukharin while the Right's line holds,
    and a leader who swings far from a notable's convictions loses them."""
    s = ctx.state
    mine = ctx.scenario.notables[k].line
    closeness = np.array([1.0 - abs(mine - rec.line) / 2.0 for rec in s.contenders])
    owed = s.cc_share.copy()
    owed[:-1] *= closeness
    owed[-1] += float(s.cc_share[:-1] @ (1.0 - closeness))
    return owed


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
