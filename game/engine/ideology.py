"""Ideology and the mood of the times: speeches, articles, changing one's line, resolutions.

The mood runs from Left (-1: end the NEP, industrialise fast) to Right (+1: keep the NEP and the
peasant alliance). Members drift towards contenders whose line fits the mood; a contender far
from the party's official line loses members. Shifting one's own line costs credibility, less
when the shift follows the mood: the patient centrist can change sides when the mood turns.
"""

from __future__ import annotations

from .actions import DIRECTIONS, Action, ActionKind
from .context import Context, clamp
from .record import Kind
from .rulebook import ActionRule, fixed_label, requires_party
from .scenario import Factor, Power
from .votes import Question, take_vote


def fit(line: float, mood: float) -> float:
    """How well a line suits the mood: 1 on it, 0 at the opposite end."""
    return 1.0 - abs(line - mood) / 2.0


def _persuade(ctx: Context, c: int, strength: float) -> None:
    """Win over uncommitted members in every region, more where the region's lean and the
    mood fit."""
    s = ctx.state
    me = s.contenders[c]
    reach = strength * fit(me.line, s.mood_line)
    ctx.win_over(c, [reach * fit(me.line, lean) for lean in ctx.index.region_line.tolist()])


def check_open(ctx: Context, c: int, target: str | None) -> str | None:
    return requires_party(ctx, c)


def speech(ctx: Context, c: int, action: Action) -> None:
    me = ctx.state.contenders[c]
    boost = 2.0 if me.platform else 1.0
    _persuade(ctx, c, ctx.state.rules.speech_strength * boost * me.oratory / 100)
    ctx.change_quality(c, "prestige", 1.0)


def check_article(ctx: Context, c: int, target: str | None) -> str | None:
    return None if ctx.can_act(c) else f"{ctx.name(c)} can no longer act"


def article(ctx: Context, c: int, action: Action) -> None:
    me = ctx.state.contenders[c]
    reach = 2.5 if ctx.has_power(c, Power.PRESS) else 1.0
    if not ctx.in_organ(c, "party"):
        reach *= 0.3  # writing from outside the party reaches few
    _persuade(ctx, c, ctx.state.rules.article_strength * reach * (0.5 + me.prestige / 100))


def check_direction(ctx: Context, c: int, target: str | None) -> str | None:
    if target not in DIRECTIONS:
        return "say left or right"
    return requires_party(ctx, c)


def check_resolution(ctx: Context, c: int, target: str | None) -> str | None:
    if not ctx.in_organ(c, "politburo"):
        return f"only members of the {ctx.organ_name('politburo')} can move resolutions there"
    return check_direction(ctx, c, target)


def _sign(target: str | None) -> int:
    return -1 if target == "left" else 1


def shift_cost(ctx: Context, c: int, direction: int) -> float:
    """Credibility lost by shifting: half when the shift follows the mood, more against it,
    double when the contender shifted last turn too."""
    s = ctx.state
    me = s.contenders[c]
    new = clamp(me.line + direction * s.rules.line_step, -1.0, 1.0)
    against = abs(new - s.mood_line) > abs(me.line - s.mood_line)
    cost = s.rules.line_shift_cost * (1.5 if against else 0.5)
    return cost * (2.0 if me.last_shift == s.turn - 1 else 1.0)


def shift(ctx: Context, c: int, action: Action) -> None:
    direction = _sign(action.target)
    ctx.change_quality(c, "prestige", -shift_cost(ctx, c, direction))
    ctx.move_line(c, direction * ctx.state.rules.line_step)
    ctx.state.contenders[c].last_shift = ctx.state.turn


def resolution_question(c: int, target: str | None) -> Question:
    return Question("resolution", c, direction=_sign(target))


def resolution(ctx: Context, c: int, action: Action) -> None:
    """Put a resolution to this turn's Politburo; if carried, the party's line moves."""
    s = ctx.state
    q = resolution_question(c, action.target)
    tally = take_vote(ctx, q, "politburo")
    ctx.report(Kind.VOTE, tally.headline(), (c,), tally=tally)
    if tally.passed:
        before = fit(s.party_line, s.mood_line)
        s.party_line = clamp(s.party_line + q.direction * s.rules.resolution_step, -1.0, 1.0)
        gain = 6.0 * (fit(s.party_line, s.mood_line) - before) / s.rules.resolution_step + 1.0
        ctx.change_quality(c, "prestige", gain)
    else:
        ctx.change_quality(c, "prestige", -2.0)


def drift(ctx: Context) -> None:
    """Members drift to the lines that suit the mood better than the contenders' lines do on
    average, and away from those that suit it worse; every following fades a little; open
    dissent from the official line costs more. (Measured against the average, not in absolute
    terms: otherwise the largest following would lose most to everyone else's pull, and the
    mood would punish whoever stands best with it.)"""
    s = ctx.state
    rules = s.rules
    s.mood_line = clamp(s.mood_line + rules.mood_drift, -1.0, 1.0)
    fits = [fit(me.line, s.mood_line) for me in s.contenders]
    standing = [f for c, f in enumerate(fits) if ctx.in_organ(c, "party")]
    usual = sum(standing) / len(standing) if standing else 0.5
    with ctx.tagged(Factor.IDEOLOGY):
        for c, me in enumerate(s.contenders):
            if not ctx.in_organ(c, "party"):
                continue
            pull = rules.ideology_pull * (fits[c] - usual) * 2
            pull *= 0.5 + me.prestige / 100
            dissent = abs(me.line - s.party_line) > 0.8
            if dissent:
                pull -= rules.ideology_pull
            ctx.shift_loyalties(c, [pull] * len(s.members))
            ctx.fade(c, rules.loyalty_fade)


def _direction_label(verb: str):
    def label(ctx: Context, c: int, target: str | None) -> str:
        return f"{verb} to the {'Left' if target == 'left' else 'Right'}"

    return label


RULES = (
    ActionRule(
        ActionKind.SPEECH, check_open, speech, Factor.PERSONAL_QUALITIES,
        fixed_label("Give a speech to the party"),
        "Wins over members across the regions: more with oratory, a line that fits the mood, "
        "and twice as much from an open platform.",
    ),
    ActionRule(
        ActionKind.ARTICLE, check_article, article, Factor.IDEOLOGY,
        fixed_label("Publish an article on the party's line"),
        "Wins over members through the press; a newspaper of your own multiplies its reach.",
    ),
    ActionRule(
        ActionKind.SHIFT, check_direction, shift, Factor.IDEOLOGY,
        _direction_label("Shift your line"),
        "Moves your line. Costs credibility (prestige): less when you move with the mood, "
        "double if you shifted last turn too.",
    ),
    ActionRule(
        ActionKind.RESOLUTION, check_resolution, resolution, Factor.IDEOLOGY,
        _direction_label("Move a resolution in the Politburo to shift the party's line"),
        "The Politburo votes this turn. If carried, the official line moves; contenders far "
        "from it lose members. Wins prestige when it suits the mood.",
    ),
)
