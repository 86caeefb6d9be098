"""Personal qualities and luck: the army, rest and health, offers to resign, and illness."""

from __future__ import annotations

from .actions import Action, ActionKind
from .context import Context
from .record import Kind
from .rulebook import ActionRule, fixed_label, requires_party
from .scenario import Factor, Power, post_of
from .state import Motion
from .votes import Question, take_vote


def check_army(ctx: Context, c: int, target: str | None) -> str | None:
    if not ctx.has_power(c, Power.ARMY):
        return "only the holder of the army command can cultivate it"
    return requires_party(ctx, c)


def army(ctx: Context, c: int, action: Action) -> None:
    """Wins the army's party organisations, and feeds the fear of a Bonaparte."""
    ctx.shift_loyalties(c, ctx.state.rules.army_strength * ctx.index.army)
    ctx.change_quality(c, "threat", 6.0)


def check_rest(ctx: Context, c: int, target: str | None) -> str | None:
    return None if ctx.can_act(c) else f"{ctx.name(c)} can no longer act"


def rest(ctx: Context, c: int, action: Action) -> None:
    before = ctx.state.contenders[c].health
    ctx.change_quality(c, "health", 15.0)
    ctx.notes.append(f"health {before:.0f} \u2192 {ctx.state.contenders[c].health:.0f}")


def check_resign(ctx: Context, c: int, target: str | None) -> str | None:
    if target not in ctx.offices_of(c):
        return f"you do not hold an office {target!r}"
    if any(m.kind == "resign" and m.sponsor == c for m in ctx.state.motions):
        return "your offer to resign is already waiting for a vote"
    return requires_party(ctx, c)


def resign(ctx: Context, c: int, action: Action) -> None:
    s = ctx.state
    s.motions.append(Motion("resign", c, -1, "central_committee", s.turn, office=action.target))
    ctx.report(Kind.ACTION, f"{ctx.name(c)} offers to resign; the "
               f"{ctx.organ_name('central_committee')} will decide.", (c,))


def resign_question(c: int, office: str | None) -> Question:
    return Question("resign", c, office=office)


def decide_resignation(ctx: Context, m: Motion) -> None:
    """Refused, the offer wins prestige and trust; accepted, the office is gone."""
    tally = take_vote(ctx, resign_question(m.sponsor, m.office), m.organ)
    ctx.report(Kind.VOTE, tally.headline(), (m.sponsor,), tally=tally)
    if tally.passed:
        ctx.set_holder(m.office or "", -1)
    else:
        ctx.change_quality(m.sponsor, "prestige", 8.0)
        ctx.change_quality(m.sponsor, "threat", -5.0)
        for k in range(ctx.state.n):
            ctx.change_trust(k, m.sponsor, 0.1)


def health_and_luck(ctx: Context) -> None:
    """Illness strikes by chance, more often the weaker one's health; health slowly returns."""
    s = ctx.state
    with ctx.tagged(Factor.LUCK):
        for c, me in enumerate(s.contenders):
            if not ctx.can_act(c):
                continue
            start = ctx.scenario.contenders[c].qualities.health
            if s.rng.random() < s.rules.illness_chance * (1.5 - me.health / 100):
                ctx.change_quality(c, "health", -20.0)
                ctx.change_quality(c, "prestige", -2.0)
                ctx.report(Kind.LUCK, f"{ctx.name(c)} falls ill and misses meetings.", (c,))
            elif me.health < start:
                ctx.change_quality(c, "health", min(4.0, start - me.health))


def _resign_label(ctx: Context, c: int, target: str | None) -> str:
    office = ctx.index.office.get(target or "")
    return f"Offer to give up {post_of(office) if office else target}"


RULES = (
    ActionRule(
        ActionKind.ARMY, check_army, army, Factor.PERSONAL_QUALITIES,
        fixed_label("Cultivate the army's party organisations"),
        "Wins the army's communists, but every step feeds the fear of a Bonaparte (threat).",
    ),
    ActionRule(
        ActionKind.RESIGN, check_resign, resign, Factor.PERSONAL_QUALITIES, _resign_label,
        "A gamble at the next plenum: refused, it wins prestige and trust; accepted, you lose "
        "the office.",
    ),
    ActionRule(
        ActionKind.REST, check_rest, rest, Factor.PERSONAL_QUALITIES,
        fixed_label("Rest and recover your health"),
        "Restores health; ill contenders have fewer action points.",
    ),
)
