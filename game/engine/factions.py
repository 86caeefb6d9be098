"""The Ban on Factions: open platforms, dossiers, accusations and the ladder of removal.

An open platform speaks to the whole party, and under the Ban it is the evidence for an
accusation of factionalism. An accusation goes to the organ that decides the target's next
step down (an office first, then the Politburo, the Central Committee, the party, exile and
deportation); it waits for that organ's next meeting. Dossiers give leverage to accusations.
"""

from __future__ import annotations

import numpy as np

from .actions import Action, ActionKind
from .context import Context
from .record import Kind
from .rulebook import ActionRule, fixed_label, requires_party, rival_check, rival_label
from .scenario import Factor, Power
from .state import Motion
from .votes import Question, take_vote


def check_platform(ctx: Context, c: int, target: str | None) -> str | None:
    if ctx.state.contenders[c].platform:
        return "your platform is already open"
    return requires_party(ctx, c)


def platform(ctx: Context, c: int, action: Action) -> None:
    s = ctx.state
    me = s.contenders[c]
    me.platform = True
    ctx.change_quality(c, "threat", 10.0)
    for k in range(s.n):
        if not s.allied[k, c]:
            ctx.change_trust(k, c, -0.15)
    closeness = 1.0 - np.abs(me.line - ctx.index.region_line) / 2.0
    ctx.shift_loyalties(c, s.rules.platform_strength * closeness * me.oratory / 100)
    ctx.report(Kind.ACTION, f"{ctx.name(c)} declares an open opposition platform.", (c,))


def check_recant(ctx: Context, c: int, target: str | None) -> str | None:
    if not ctx.can_act(c):
        return f"{ctx.name(c)} can no longer act"
    if not ctx.state.contenders[c].platform and ctx.in_organ(c, "party"):
        return "you have no platform to renounce"
    return None


def recant(ctx: Context, c: int, action: Action) -> None:
    s = ctx.state
    me = s.contenders[c]
    me.platform = False
    ctx.change_quality(c, "prestige", -8.0)
    ctx.change_quality(c, "threat", -10.0)
    s.motions = [m for m in s.motions if m.target != c]
    text = f"{ctx.name(c)} recants and submits to the party line."
    if not ctx.in_organ(c, "party"):
        party = max(i for i, rung in enumerate(ctx.scenario.ladder) if rung.in_party)
        me.status = party
        text = f"{ctx.name(c)} recants and is readmitted to the party."
    ctx.report(Kind.STATUS, text, (c,))


def check_dossier(ctx: Context, c: int, target: str | None) -> str | None:
    t, why = rival_check(ctx, c, target)
    return why or _bar_to_dossier(ctx, c, t) or requires_party(ctx, c)


def _bar_to_dossier(ctx: Context, c: int, t: int) -> str | None:
    if ctx.state.contenders[c].dossiers.get(t, 0) >= ctx.state.rules.dossier_limit:
        return f"your file on {ctx.name(t)} is already full"
    return None


def dossier(ctx: Context, c: int, action: Action) -> None:
    s = ctx.state
    t = ctx.resolve(action.target or "")
    files = s.contenders[c].dossiers
    gain = 2 if ctx.has_power(c, Power.DOSSIERS) else 1
    files[t] = min(files.get(t, 0) + gain, s.rules.dossier_limit)
    ctx.report(Kind.ACTION, f"You add to your dossier on {ctx.name(t)}.", (c,), public=False)


def accusation_organ(ctx: Context, target: int) -> str | None:
    """The organ that decides the target's next step down, or None at the bottom."""
    return ctx.rung(target).removed_by


def check_accuse(ctx: Context, c: int, target: str | None) -> str | None:
    t, why = rival_check(ctx, c, target)
    return why or _bar_to_charge(ctx, c, t) or _may_accuse(ctx, c)


def _bar_to_charge(ctx: Context, c: int, t: int) -> str | None:
    """What stops ``c`` charging ``t`` now, if anything."""
    s = ctx.state
    if s.allied[c, t]:
        return f"{ctx.name(t)} is your ally: break the alliance first"
    if accusation_organ(ctx, t) is None:
        return f"{ctx.name(t)} cannot be pushed any further down"
    if any(m.kind == "accuse" and m.target == t for m in s.motions):
        return f"an accusation against {ctx.name(t)} is already waiting for a vote"
    wait = s.contenders[t].last_demoted + s.rules.accusation_cooldown - s.turn
    if wait > 0:
        return f"the party will not hear another charge against {ctx.name(t)} so soon"
    return None


def _may_accuse(ctx: Context, c: int) -> str | None:
    if not ctx.in_organ(c, "politburo") and not ctx.in_organ(c, "central_committee"):
        return f"only members of the {ctx.organ_name('central_committee')} can bring a charge"
    return requires_party(ctx, c)


def accusation_question(ctx: Context, c: int, t: int, leverage: int | None = None) -> Question:
    """The question an accusation puts: a qualified majority where the target's rung asks for
    one (removal from office always takes a simple majority)."""
    if leverage is None:
        leverage = ctx.state.contenders[c].dossiers.get(t, 0)
    majority = 0.5 if ctx.offices_of(t) else ctx.rung(t).majority
    return Question("accuse", c, t, leverage=leverage, majority=majority)


def accuse(ctx: Context, c: int, action: Action) -> None:
    s = ctx.state
    t = ctx.resolve(action.target or "")
    organ = accusation_organ(ctx, t)
    assert organ is not None
    leverage = s.contenders[c].dossiers.pop(t, 0)
    s.motions.append(Motion("accuse", c, t, organ, s.turn, leverage=leverage))
    ctx.change_trust(t, c, -0.4)
    ctx.report(
        Kind.ACTION,
        f"{ctx.name(c)} accuses {ctx.name(t)} of factionalism; the "
        f"{ctx.organ_name(organ)} will decide.",
        (c, t),
    )


def decide_accusation(ctx: Context, m: Motion) -> None:
    """Vote on an accusation; success pushes the target one step down the ladder."""
    s = ctx.state
    target = s.contenders[m.target]
    q = accusation_question(ctx, m.sponsor, m.target, m.leverage)
    tally = take_vote(ctx, q, m.organ)
    factor = Factor.OPPONENTS_WEAKNESSES if target.platform else Factor.RIVALRIES
    with ctx.tagged(factor):
        ctx.report(Kind.VOTE, tally.headline(), (m.sponsor, m.target), tally=tally)
        if tally.passed:
            ctx.demote(m.target)
            ctx.change_quality(m.target, "prestige", -8.0)
            ctx.change_quality(m.sponsor, "prestige", 2.0)
        else:
            ctx.change_quality(m.sponsor, "prestige", -5.0)
            ctx.change_quality(m.target, "prestige", 3.0)


def vote_motions(ctx: Context, organ: str, decide) -> None:
    """Put the motions waiting for ``organ`` to the vote, oldest first. A charge filed this
    turn waits for a later meeting: it must be prepared, and its target can answer it."""
    s = ctx.state
    due = [m for m in s.motions if m.organ == organ and m.filed < s.turn]
    s.motions = [m for m in s.motions if m not in due]
    for m in due:
        if ctx.in_organ(m.sponsor, "party"):
            decide(ctx, m)


RULES = (
    ActionRule(
        ActionKind.PLATFORM, check_platform, platform, Factor.IDEOLOGY,
        fixed_label("Declare an open opposition platform"),
        "Speaks to the whole party and wins members who share your line; under the Ban on "
        "Factions it also hands your rivals the charge of factionalism.",
    ),
    ActionRule(
        ActionKind.RECANT, check_recant, recant, Factor.OPPONENTS_WEAKNESSES,
        fixed_label("Recant and submit to the party line"),
        "Closes your platform and drops accusations against you, at a cost in prestige; if "
        "you were expelled, you are readmitted.",
    ),
    ActionRule(
        ActionKind.DOSSIER, check_dossier, dossier, Factor.PATRONAGE,
        rival_label("Compile a dossier on"),
        "Secret leverage: each dossier makes an accusation against them likelier to carry.",
        gate=requires_party, aim=_bar_to_dossier,
    ),
    ActionRule(
        ActionKind.ACCUSE, check_accuse, accuse, Factor.RIVALRIES,
        rival_label("Accuse", " of factionalism"),
        "Goes to the organ that decides their next step down, at its next meeting. An open "
        "platform under the Ban, your dossiers and their perceived threat all help.",
        gate=_may_accuse, aim=_bar_to_charge,
    ),
)


def decay_outcasts(ctx: Context) -> None:
    """Followers drift away from contenders who are no longer in the party."""
    s = ctx.state
    with ctx.tagged(Factor.OPPONENTS_WEAKNESSES):
        for c in range(s.n):
            if not ctx.in_organ(c, "party") and s.loyalty[:, c].any():
                ctx.shift_loyalties(c, [-0.25] * len(s.members))
