"""Votes: per member in the Politburo, tallies by bloc in the Central Committee and Congress.

Every voter either follows a contender (their faction votes as that contender stands, with
``bloc_discipline``) or judges the motion on its merits: the sponsor's and target's prestige,
the fear the target inspires, the Ban on Factions, dossiers, and how well each side's line fits
the party's mood. The judgement carries one shared draw of noise per vote (the mood in the
room), so the same motion can go either way; :func:`odds` integrates over it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .context import Context
from .record import Bloc, Tally
from .scenario import Power
from .view import perceived_threat

# Gauss-Hermite nodes and weights (probabilists'), for the odds over the room's mood.
_NODES, _WEIGHTS = np.polynomial.hermite_e.hermegauss(7)
_WEIGHTS = _WEIGHTS / _WEIGHTS.sum()


@dataclass(frozen=True, slots=True)
class Question:
    """What is put to the vote. ``direction`` is -1 or +1 for a resolution."""

    kind: str  # "accuse" | "resolution" | "resign" | "confidence"
    sponsor: int
    target: int = -1
    direction: int = 0
    leverage: int = 0
    office: str | None = None

    def describe(self, ctx: Context) -> str:
        s = ctx.name(self.sponsor)
        if self.kind == "accuse":
            return f"{s} accuses {ctx.name(self.target)} of factionalism"
        if self.kind == "resolution":
            side = "Left" if self.direction < 0 else "Right"
            return f"{s}'s resolution to move the party's line to the {side}"
        if self.kind == "resign":
            office = next(o.name for o in ctx.scenario.offices if o.id == self.office)
            return f"{s} offers to resign as {office}; accept the resignation"
        return f"Approve the Central Committee's report, presented by {s}"


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def stance(ctx: Context, q: Question, k: int) -> int:
    """How contender ``k`` stands: +1 for, -1 against. Public: anyone can work it out."""
    s = ctx.state
    if k == q.sponsor:
        return -1 if q.kind == "resign" else 1
    if k == q.target:
        return -1
    with_sponsor = bool(s.allied[k, q.sponsor])
    with_target = q.target >= 0 and bool(s.allied[k, q.target])
    if q.kind == "resign":
        return -1 if with_sponsor or s.trust[k, q.sponsor] >= 0 else 1
    if with_sponsor != with_target:
        return 1 if with_sponsor else -1
    me = s.contenders[k]
    if q.kind == "resolution":
        new_line = s.party_line + q.direction * s.rules.resolution_step
        return 1 if abs(me.line - new_line) < abs(me.line - s.party_line) else -1
    if q.kind == "confidence":
        return 1 if s.trust[k, q.sponsor] >= 0 else -1
    sponsor, target = s.contenders[q.sponsor], s.contenders[q.target]
    score = (
        s.trust[k, q.sponsor] - s.trust[k, q.target]
        + (target.threat - sponsor.threat) / 100
        + 0.5 * (abs(me.line - target.line) - abs(me.line - sponsor.line))
    )
    return 1 if score > 0 else -1


def merit(ctx: Context, q: Question, line: float | None = None) -> float:
    """The log-odds that an uncommitted voter (with ``line``, if known) votes for the motion."""
    s, r = ctx.state, ctx.state.rules
    sponsor = s.contenders[q.sponsor]
    if q.kind == "resolution":
        new_line = s.party_line + q.direction * r.resolution_step
        fit = (abs(s.party_line - s.mood_line) - abs(new_line - s.mood_line)) / r.resolution_step
        x = r.mood_weight * fit + r.prestige_weight * (sponsor.prestige - 50) / 100
        if line is not None:
            x += (abs(line - s.party_line) - abs(line - new_line)) / r.resolution_step
        return x
    support = s.support()
    if q.kind == "resign":
        threat = perceived_threat(s, q.sponsor, support)
        return (
            -1.0 + r.threat_weight * threat / 100
            - r.prestige_weight * (sponsor.prestige - 40) / 100
        )
    if q.kind == "confidence":
        return 1.0 + r.prestige_weight * (sponsor.prestige - 50) / 100
    target = s.contenders[q.target]
    x = (
        -r.accusation_presumption
        + r.prestige_weight * (sponsor.prestige - target.prestige) / 100
        + r.threat_weight * (
            perceived_threat(s, q.target, support) - perceived_threat(s, q.sponsor, support)
        ) / 100
        + r.dossier_bonus * q.leverage
        + r.mood_weight * (abs(target.line - s.mood_line) - abs(sponsor.line - s.mood_line)) / 2
    )
    if r.faction_ban and target.platform:
        x += r.ban_bonus * (0.5 + s.mood_unity)
    x += r.agenda_weight * (ctx.has_power(q.sponsor, Power.AGENDA)
                            - ctx.has_power(q.target, Power.AGENDA))
    if line is not None:
        x += abs(line - target.line) - abs(line - sponsor.line)
    return x


# ----- who sits in each organ, grouped into blocs ---------------------------------------------
def _apportion(total: int, weights: np.ndarray) -> np.ndarray:
    """Largest-remainder apportionment of ``total`` seats by ``weights``."""
    if total <= 0 or weights.sum() <= 0:
        return np.zeros(len(weights), dtype=int)
    quota = weights / weights.sum() * total
    seats = np.floor(quota).astype(int)
    rest = total - seats.sum()
    if rest > 0:
        order = np.argsort(-(quota - seats), kind="stable")
        seats[order[:rest]] += 1
    return seats


def _following(ctx: Context, faction: int) -> int:
    """A faction only whips its members while its leader can still act in the party."""
    return faction if faction >= 0 and ctx.in_organ(faction, "party") else -1


def _bloc_split(
    ctx: Context, q: Question, faction: int, seats: int, p: float, rng: np.random.Generator | None
) -> tuple[float, float, float]:
    """Yes votes, no votes and the variance of the yes votes of ``seats`` voters following
    ``faction`` (-1: uncommitted). With no generator, the expected numbers."""
    faction = _following(ctx, faction)
    if faction >= 0:
        loyal = int(round(seats * ctx.state.rules.bloc_discipline))
        waverers = seats - loyal
        loyal_yes = loyal if stance(ctx, q, faction) > 0 else 0
    else:
        loyal, waverers, loyal_yes = 0, seats, 0
    wav_yes = rng.binomial(waverers, p) if rng is not None else waverers * p
    yes = loyal_yes + wav_yes
    return yes, seats - yes, waverers * p * (1 - p)


def _reason(ctx: Context, q: Question, faction: int) -> str:
    faction = _following(ctx, faction)
    if faction < 0:
        return "uncommitted: judged the motion on prestige, fear and the line"
    side = "for" if stance(ctx, q, faction) > 0 else "against"
    return f"loyal to {ctx.name(faction)}, who is {side}"


def _politburo(ctx: Context, q: Question, noise: float, rng: np.random.Generator | None):
    s = ctx.state
    blocs: list[tuple[str, float, float, str, float]] = []
    for label, faction, c, k in ctx.politburo_members():
        var = 0.0
        if c >= 0:
            yes = 1.0 if stance(ctx, q, c) > 0 else 0.0
            reason = "moved it" if c == q.sponsor else ("is its target" if c == q.target else
                                                        "votes as they stand")
        else:
            followed = _following(ctx, faction)
            if followed >= 0 and s.notable_loyalty[k, followed] >= 0.5:
                yes = 1.0 if stance(ctx, q, followed) > 0 else 0.0
            else:
                p = _sigmoid(merit(ctx, q, ctx.scenario.notables[k].line) + noise)
                yes = float(rng.random() < p) if rng is not None else p
                var = p * (1 - p)
            reason = _reason(ctx, q, faction)
        blocs.append((label, yes, 1.0 - yes, reason, var))
    return blocs


def _central_committee(ctx: Context, q: Question, noise: float, rng):
    s = ctx.state
    seats = _apportion(s.cc_seats, s.cc_share)
    p = _sigmoid(merit(ctx, q) + noise)
    blocs = []
    for f, n in enumerate(seats):
        if n == 0:
            continue
        faction = f if f < s.n else -1
        yes, no, var = _bloc_split(ctx, q, faction, int(n), p, rng)
        label = f"Loyal to {ctx.name(faction)}" if faction >= 0 else "Uncommitted members"
        blocs.append((label, yes, no, _reason(ctx, q, faction), var))
    return blocs


def _congress(ctx: Context, q: Question, noise: float, rng):
    s = ctx.state
    delegations = _apportion(s.congress_delegates, s.members)
    blocs = []
    for r, region in enumerate(ctx.scenario.regions):
        if delegations[r] == 0:
            continue
        seats = _apportion(int(delegations[r]), s.loyalty[r])
        yes = no = var = 0.0
        p = _sigmoid(merit(ctx, q, region.line) + noise)
        for f, n in enumerate(seats):
            if n:
                y, m, v = _bloc_split(ctx, q, f if f < s.n else -1, int(n), p, rng)
                yes, no, var = yes + y, no + m, var + v
        lead = int(np.argmax(s.loyalty[r]))
        blocs.append(
            (f"{region.name} delegation", yes, no,
             "mostly " + _reason(ctx, q, lead if lead < s.n else -1), var)
        )
    return blocs


_ORGANS = {"politburo": _politburo, "central_committee": _central_committee,
           "congress": _congress}
ORGAN_NAMES = {"politburo": "Politburo", "central_committee": "Central Committee",
               "congress": "Party Congress"}


def take_vote(ctx: Context, q: Question, organ: str) -> Tally:
    """Hold the vote, drawing chance from the game's generator."""
    rng = ctx.state.rng
    noise = float(rng.normal(0.0, ctx.state.rules.vote_noise))
    rows = _ORGANS[organ](ctx, q, noise, rng)
    blocs = tuple(Bloc(label, int(y), int(n), why) for label, y, n, why, _ in rows)
    yes, no = sum(b.yes for b in blocs), sum(b.no for b in blocs)
    return Tally(ORGAN_NAMES[organ], q.describe(ctx), yes, no, yes > no, blocs)


def odds(ctx: Context, q: Question, organ: str) -> float:
    """The probability that the motion carries, integrating over the room's mood and the
    voters' individual judgements (normal approximation)."""
    total = 0.0
    for node, weight in zip(_NODES, _WEIGHTS, strict=True):
        noise = float(node) * ctx.state.rules.vote_noise
        rows = _ORGANS[organ](ctx, q, noise, None)
        yes = sum(r[1] for r in rows)
        n = sum(r[1] + r[2] for r in rows)
        var = max(sum(r[4] for r in rows), 0.05)
        z = (yes - n / 2 - 0.25) / math.sqrt(var)
        total += weight * 0.5 * (1 + math.erf(z / math.sqrt(2)))
    return float(min(max(total, 0.0), 1.0))
