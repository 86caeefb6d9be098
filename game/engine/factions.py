"""The Ban on Factions: open platforms, dossiers, accusations and the ladder of removal.

An open platform speaks to the whole party, and under the Ban it is the evidence for an
accusation of factionalism. An accusation goes to the organ that decides the target's next
step down (an office first, then the Politburo, the Central Committee, the party, exile and
deportation); it waits for that organ's next meeting. Dossiers give leverage to accusations.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from . import explain
from .actions import FORUMS, Action, ActionKind
from .context import Context
from .record import Kind
from .rulebook import ActionRule, fixed_label, requires_party, rival_check, rival_label
from .scenario import Factor, Power, post_of
from .state import Motion
from .votes import AIMED, Question, take_vote


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
    ctx.win_over(c, s.rules.platform_strength * closeness * me.oratory / 100)
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
    ctx.notes.append(f"your file on {ctx.name(t)} holds {files[t]} of "
                     f"{s.rules.dossier_limit} dossiers")


def check_accuse(ctx: Context, c: int, target: str | None) -> str | None:
    t, why = rival_check(ctx, c, target)
    return why or _bar_to_charge(ctx, c, t) or _may_accuse(ctx, c)


def _bar_to_charge(ctx: Context, c: int, t: int) -> str | None:
    """What stops ``c`` charging ``t`` now, if anything."""
    s = ctx.state
    if s.allied[c, t]:
        return f"{ctx.name(t)} is your ally: break the alliance first"
    if ctx.rung(t).removed_by is None:
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


def accusation_question(ctx: Context, c: int, t: int, leverage: int | None = None,
                        defence: float = 0.0) -> Question:
    """The question an accusation puts: a qualified majority where the target's rung asks for
    one (removal from office, under the rule ``offices_first``, takes a simple majority)."""
    if leverage is None:
        leverage = ctx.state.contenders[c].dossiers.get(t, 0)
    first_offices = ctx.state.rules.offices_first and ctx.offices_of(t)
    majority = 0.5 if first_offices else ctx.rung(t).majority
    return Question("accuse", c, t, leverage=leverage, majority=majority, defence=defence)


def accuse(ctx: Context, c: int, action: Action) -> None:
    t = ctx.resolve(action.target or "")
    ctx.file_charge(c, t)
    organ = ctx.rung(t).removed_by
    if organ:
        ctx.notes.append(f"the charge waits for the {ctx.organ_name(organ)}'s next meeting")


def decide_accusation(ctx: Context, m: Motion) -> None:
    """Vote on an accusation; success pushes the target one step down the ladder."""
    s = ctx.state
    target = s.contenders[m.target]
    q = accusation_question(ctx, m.sponsor, m.target, m.leverage, defence_of(ctx, m))
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


# ----- challenging a rival's office --------------------------------------------------------------


def check_challenge(ctx: Context, c: int, target: str | None) -> str | None:
    office = ctx.index.office.get(target or "")
    if office is None:
        return f"no office {target!r}"
    holder = ctx.state.holder.get(office.id, -1)
    if holder < 0:
        return f"nobody holds {post_of(office)}"
    if holder == c:
        return "you cannot challenge your own office: offer to resign instead"
    return _bar_to_challenge(ctx, c, holder, office.id) or _may_accuse(ctx, c)


def _bar_to_challenge(ctx: Context, c: int, holder: int, office: str) -> str | None:
    s = ctx.state
    if s.allied[c, holder]:
        return f"{ctx.name(holder)} is your ally: break the alliance first"
    if any(m.kind == "relieve" and m.office == office for m in s.motions):
        return "a challenge to that office is already waiting for a vote"
    return None


def challenge_question(ctx: Context, c: int, office: str, leverage: int | None = None,
                       defence: float = 0.0) -> Question:
    """The question a challenge puts to the Central Committee: relieve the holder."""
    holder = ctx.state.holder.get(office, -1)
    if leverage is None:
        leverage = ctx.state.contenders[c].dossiers.get(holder, 0)
    return Question("relieve", c, holder, leverage=leverage, office=office, defence=defence)


def challenge(ctx: Context, c: int, action: Action) -> None:
    ctx.file_challenge(c, action.target or "")
    ctx.notes.append(f"the {ctx.organ_name('central_committee')} votes at its next meeting")


def decide_relief(ctx: Context, m: Motion) -> None:
    """Vote on a challenge, unless the office has changed hands meanwhile; carried, the holder
    loses it."""
    s = ctx.state
    if s.holder.get(m.office or "", -1) != m.target:
        return
    q = challenge_question(ctx, m.sponsor, m.office or "", m.leverage, defence_of(ctx, m))
    tally = take_vote(ctx, q, m.organ)
    factor = Factor.OPPONENTS_WEAKNESSES if s.contenders[m.target].platform else Factor.RIVALRIES
    with ctx.tagged(factor):
        ctx.report(Kind.VOTE, tally.headline(), (m.sponsor, m.target), tally=tally)
        if tally.passed:
            ctx.set_holder(m.office or "", -1)
            ctx.change_quality(m.target, "prestige", -4.0)
            ctx.change_quality(m.sponsor, "prestige", 2.0)
        else:
            ctx.change_quality(m.sponsor, "prestige", -4.0)
            ctx.change_quality(m.target, "prestige", 2.0)


# ----- answering a charge ---------------------------------------------------------------------


def _unanswered(ctx: Context, c: int, answer: str) -> list[Motion]:
    """The motions aimed at ``c`` that are waiting for a vote and not yet answered so."""
    return [m for m in ctx.state.motions
            if m.target == c and m.kind in AIMED and answer not in m.answers]


def defence_of(ctx: Context, m: Motion) -> float:
    """The vote swing against a motion that its target's answers have won: their defence
    (scaled by oratory), an appeal to the rank and file (by their support), an appeal to the
    Comintern (by their prestige)."""
    r = ctx.state.rules
    me = ctx.state.contenders[m.target]
    swing = 0.0
    if "defend" in m.answers:
        swing += r.defence_weight * me.oratory / 100
    if "party" in m.answers:
        swing += r.appeal_weight * min(1.0, 3.0 * float(ctx.support()[m.target]))
    if "comintern" in m.answers:
        swing += r.appeal_weight * me.prestige / 100
    return swing


def _answer(ctx: Context, c: int, answer: str) -> None:
    s = ctx.state
    s.motions = [replace(m, answers=(*m.answers, answer)) if m in _unanswered(ctx, c, answer)
                 else m for m in s.motions]


def check_defend(ctx: Context, c: int, target: str | None) -> str | None:
    if not ctx.can_act(c):
        return f"{ctx.name(c)} can no longer act"
    if not _unanswered(ctx, c, "defend"):
        return "no charge against you is waiting for an answer"
    return None


def defend(ctx: Context, c: int, action: Action) -> None:
    _answer(ctx, c, "defend")
    swing = ctx.state.rules.defence_weight * ctx.state.contenders[c].oratory / 100
    ctx.notes.append(f"your defence will count for you with the members who judge for "
                     f"themselves ({explain.signed(-swing)})")
    ctx.report(Kind.ACTION, f"{ctx.name(c)} prepares a defence against the charges.", (c,))


def check_appeal(ctx: Context, c: int, target: str | None) -> str | None:
    if target not in FORUMS:
        return "say party or comintern"
    if target == "comintern" and not ctx.has_power(c, Power.COMINTERN):
        return "only the head of the International can appeal to its parties"
    if not _unanswered(ctx, c, target):
        return "no charge against you is waiting for such an appeal"
    return requires_party(ctx, c) if target == "comintern" else check_defend(ctx, c, None)


def appeal(ctx: Context, c: int, action: Action) -> None:
    """Over the leaders' heads: the rank and file, or the parties of the International. It
    sways the vote, and it is feared: it looks like a faction calling up its troops."""
    target = action.target or ""
    _answer(ctx, c, target)
    ctx.change_quality(c, "threat", 6.0 if target == "party" else 3.0)
    where = "the rank and file" if target == "party" else "the International's parties"
    ctx.report(Kind.ACTION, f"{ctx.name(c)} appeals to {where} against the charges.", (c,))


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
    ActionRule(
        ActionKind.CHALLENGE, check_challenge, challenge, Factor.RIVALRIES,
        lambda ctx, c, target: "Move that {} be relieved of {}".format(
            ctx.name(ctx.state.holder[target or ""]), post_of(ctx.index.office[target or ""])),
        "The Central Committee votes at its next meeting. Carried, your rival loses the office "
        "and the power base behind it; lost, you lose prestige.",
        gate=_may_accuse,
    ),
    ActionRule(
        ActionKind.DEFEND, check_defend, defend, Factor.PERSONAL_QUALITIES,
        fixed_label("Prepare your defence against the charges"),
        "At the vote, your oratory sways the members who judge for themselves.",
    ),
    ActionRule(
        ActionKind.APPEAL, check_appeal, appeal, Factor.PERSONAL_QUALITIES,
        lambda ctx, c, target: "Appeal to the rank and file against the charges"
        if target == "party" else "Appeal to the Comintern's parties against the charges",
        "Sways the vote on the charges against you (the rank and file by your following, the "
        "Comintern by your prestige), but makes you feared.",
    ),
)


def decay_outcasts(ctx: Context) -> None:
    """Followers drift away from contenders who are no longer in the party."""
    s = ctx.state
    with ctx.tagged(Factor.OPPONENTS_WEAKNESSES):
        for c in range(s.n):
            if not ctx.in_organ(c, "party") and s.loyalty[:, c].any():
                ctx.shift_loyalties(c, [-0.25] * len(s.members))
