"""Patronage: appointing regional secretaries, recruitment drives and power bases.

An appointed secretary pulls their region's members towards the patron a little every turn;
loyal regions send loyal delegates to the Congress (see :mod:`meetings`), which elects a loyal
Central Committee, which fills the Politburo. The effect climbs the pyramid with a lag.
"""

from __future__ import annotations

from .actions import Action, ActionKind
from .context import Context
from .record import Kind
from .rulebook import ActionRule, requires_party
from .scenario import Factor, OfficeDef, Power


def _region(ctx: Context, target: str | None) -> int:
    return ctx.index.region.get(target, -1) if target and target != "all" else -1


def fief_holder(ctx: Context, r: int) -> int:
    """The holder of an office whose fief region ``r`` is, or -1."""
    for office in ctx.index.fiefs[r]:
        holder = ctx.state.holder.get(office, -1)
        if holder >= 0 and ctx.in_organ(holder, "party"):
            return holder
    return -1


def _may_appoint(ctx: Context, c: int) -> str | None:
    if not ctx.has_power(c, Power.APPOINT):
        return "only an office with the power to appoint (the General Secretary) can"
    if not ctx.state.rules.patronage:
        return "appointments from the centre are switched off in this game"
    return None


def check_appoint(ctx: Context, c: int, target: str | None) -> str | None:
    r = _region(ctx, target)
    if r < 0:
        return f"no region {target!r}"
    why = _may_appoint(ctx, c)
    if why:
        return why
    if ctx.state.patron[r] == c:
        return f"the secretary in {ctx.scenario.regions[r].name} is already yours"
    lord = fief_holder(ctx, r)
    if lord >= 0 and lord != c:
        return f"{ctx.scenario.regions[r].name} is {ctx.name(lord)}'s stronghold"
    return requires_party(ctx, c)


def appoint(ctx: Context, c: int, action: Action) -> None:
    r = _region(ctx, action.target)
    ctx.state.patron[r] = c
    ctx.shift_loyalty(r, c, ctx.state.rules.patronage_strength / 2)


def check_subvert(ctx: Context, c: int, target: str | None) -> str | None:
    r = _region(ctx, target)
    if r < 0:
        return f"no region {target!r}"
    if ctx.state.patron[r] == c:
        return f"the secretary in {ctx.scenario.regions[r].name} is already yours"
    return requires_party(ctx, c)


def subvert_chance(ctx: Context, c: int, target: str | None) -> float:
    """The chance of turning a region's secretary: best for a good organiser whose followers
    are many there, worst where the patron's are; halved in another's stronghold."""
    s = ctx.state
    r = _region(ctx, target)
    patron = int(s.patron[r])
    hold = float(s.loyalty[r, patron]) if patron >= 0 else 0.0
    mine = float(s.loyalty[r, c])
    p = s.rules.subvert_chance * (0.5 + s.contenders[c].organisation / 200) * (1.0 - hold + mine)
    lord = fief_holder(ctx, r)
    if lord >= 0 and lord != c:
        p *= 0.5
    return min(max(p, 0.0), 0.95)


def subvert(ctx: Context, c: int, action: Action) -> None:
    """Work on a region's secretary: by luck (the game's dice against the chance), the
    secretary comes to owe you their post; if not, their patron hears of it."""
    s = ctx.state
    r = _region(ctx, action.target)
    name = ctx.scenario.regions[r].name
    patron = int(s.patron[r])
    chance = subvert_chance(ctx, c, action.target)
    if s.rng.random() < chance:
        s.patron[r] = c
        ctx.shift_loyalty(r, c, s.rules.patronage_strength / 2)
        ctx.report(Kind.ACTION, f"The secretary in {name} now looks to {ctx.name(c)}.", (c,),
                   ref=ctx.scenario.regions[r].id)
        return
    ctx.change_trust(patron, c, -0.2)
    ctx.change_quality(c, "prestige", -1.0)
    ctx.report(Kind.ACTION, f"{ctx.name(c)} fails to win over the secretary in {name}.",
               (c,) if patron < 0 else (c, patron), public=False)


def _may_recruit(ctx: Context, c: int) -> str | None:
    rules = ctx.state.rules
    if not ctx.has_power(c, Power.RECRUIT):
        return "only an office that runs the party's membership can recruit"
    if not (rules.enrolment and rules.enrolment_open):
        return "no recruitment drive is open"
    return requires_party(ctx, c)


def check_recruit(ctx: Context, c: int, target: str | None) -> str | None:
    if _region(ctx, target) < 0:
        return f"no region {target!r}"
    return _may_recruit(ctx, c)


def recruit(ctx: Context, c: int, action: Action) -> None:
    ctx.add_members(_region(ctx, action.target), ctx.state.rules.recruit_fraction, True)


def drift(ctx: Context) -> None:
    """The quiet work of every turn: secretaries pull towards their patrons, power bases
    towards the holders of their offices."""
    s = ctx.state
    rules = s.rules
    held: list[list[OfficeDef]] = [[] for _ in range(s.n)]  # in the scenario's order
    for o in ctx.scenario.offices:
        holder = s.holder.get(o.id, -1)
        if holder >= 0:
            held[holder].append(o)
    patrons = s.patron.tolist()
    with ctx.tagged(Factor.PATRONAGE):
        for c, d in enumerate(ctx.scenario.contenders):
            if not ctx.in_organ(c, "party"):
                continue
            # Region by region in plain Python: a dozen numbers, cheaper than numpy's calls.
            pull = _scaled(ctx, d.bases, rules.base_pull / 2)
            for o in held[c]:
                base = _scaled(ctx, o.base_regions, rules.base_pull)
                pull = [p + x for p, x in zip(pull, base, strict=True)]
            if rules.patronage:
                secretary = rules.patronage_strength * (0.5 + s.contenders[c].organisation / 100)
                if not ctx.has_power(c, Power.APPOINT):  # they can no longer promote anyone
                    secretary *= rules.patronage_out_of_office
                pull = [p + (r == c) * secretary for p, r in zip(pull, patrons, strict=True)]
            if any(pull):
                ctx.shift_loyalties(c, pull)


def _scaled(ctx: Context, regions: list[str], amount: float) -> list[float]:
    """``amount`` in each listed region, 0 elsewhere (as ``regions_mask(regions) * amount``)."""
    return [x * amount for x in ctx.index.regions_mask(regions).tolist()]


def _region_label(verb: str):
    def label(ctx: Context, c: int, target: str | None) -> str:
        r = _region(ctx, target)
        name = ctx.scenario.regions[r].name
        patron = int(ctx.state.patron[r])
        now = f" (its secretary owes {ctx.name(patron)})" if patron >= 0 else ""
        return f"{verb} {name}{now}"

    return label


RULES = (
    ActionRule(
        ActionKind.APPOINT, check_appoint, appoint, Factor.PATRONAGE,
        _region_label("Appoint a loyal secretary in"),
        "Your secretary will pull the region's members to you every turn, and they choose its "
        "delegates to the next Congress.",
        gate=lambda ctx, c: _may_appoint(ctx, c) or requires_party(ctx, c),
    ),
    ActionRule(
        ActionKind.SUBVERT, check_subvert, subvert, Factor.PATRONAGE,
        _region_label("Work on the secretary in"),
        "Without the power to appoint: win the region's secretary over by favours and promises. "
        "It may fail, and then their patron hears of it.",
        gate=requires_party, chance=subvert_chance,
    ),
    ActionRule(
        ActionKind.RECRUIT, check_recruit, recruit, Factor.PATRONAGE,
        _region_label("Recruit new members in"),
        "New members owe their careers to the region's secretary and follow their patron.",
        gate=_may_recruit,
    ),
)
