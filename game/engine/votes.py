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
_SQRT_2_OVER_PI = math.sqrt(2.0 / math.pi)


@dataclass(frozen=True, slots=True)
class Question:
    """What is put to the vote. ``direction`` is -1 or +1 for a resolution."""

    kind: str  # "accuse" | "resolution" | "resign" | "confidence"
    sponsor: int
    target: int = -1
    direction: int = 0
    leverage: int = 0
    office: str | None = None
    majority: float = 0.5  # share of votes needed; 0.5 means more for than against

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
        return f"Approve the {ctx.organ_name('central_committee')}'s report, presented by {s}"


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


def merit(ctx: Context, q: Question) -> float:
    """The log-odds that an uncommitted voter with no line of their own votes for the motion."""
    s, r = ctx.state, ctx.state.rules
    sponsor = s.contenders[q.sponsor]
    if q.kind == "resolution":
        new_line = s.party_line + q.direction * r.resolution_step
        fit = (abs(s.party_line - s.mood_line) - abs(new_line - s.mood_line)) / r.resolution_step
        return r.mood_weight * fit + r.prestige_weight * (sponsor.prestige - 50) / 100
    support = ctx.support()
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
    return x


def line_merit(ctx: Context, q: Question, line: float) -> float:
    """What a voter's own line adds to their log-odds of voting for the motion."""
    s = ctx.state
    if q.kind == "resolution":
        new_line = s.party_line + q.direction * s.rules.resolution_step
        return (abs(line - s.party_line) - abs(line - new_line)) / s.rules.resolution_step
    if q.kind == "accuse":
        sponsor, target = s.contenders[q.sponsor], s.contenders[q.target]
        return abs(line - target.line) - abs(line - sponsor.line)
    return 0.0


# ----- who sits in each organ, grouped into blocs ---------------------------------------------
@dataclass(frozen=True, slots=True)
class Ballot:
    """An organ's voters in blocs: whipped votes for, and waverers who judge for themselves
    with log-odds ``merit`` (before the room's mood). Labels and reasons explain each bloc."""

    seats: np.ndarray
    loyal_yes: np.ndarray
    waverers: np.ndarray
    merit: np.ndarray
    labels: tuple[str, ...]
    reasons: tuple[str, ...]


def has_case(ctx: Context, q: Question) -> bool:
    """A charge has a case behind it when the target has an open platform under the Ban on
    Factions, or the sponsor brings enough dossiers; without one, factions whip less."""
    if q.kind != "accuse":
        return True
    r = ctx.state.rules
    return (r.faction_ban and ctx.state.contenders[q.target].platform) or (
        q.leverage >= r.case_dossiers
    )


class _Whips:
    """Each contender's stance on the question, and whether their faction is still whipped."""

    def __init__(self, ctx: Context, q: Question) -> None:
        n = ctx.state.n
        rules = ctx.state.rules
        self.discipline = (
            rules.bloc_discipline if has_case(ctx, q) else rules.discipline_without_case
        )
        self.active = [ctx.in_organ(k, "party") for k in range(n)]
        self.stance = [stance(ctx, q, k) if self.active[k] else 0 for k in range(n)]
        self.names = [ctx.name(k) for k in range(n)]

    def follows(self, faction: int) -> int:
        return faction if faction >= 0 and self.active[faction] else -1

    def reason(self, faction: int) -> str:
        faction = self.follows(faction)
        if faction < 0:
            return "uncommitted: judged the motion on prestige, fear and the line"
        side = "for" if self.stance[faction] > 0 else "against"
        return f"loyal to {self.names[faction]}, who is {side}"


def _split(whips: _Whips, seats: np.ndarray, discipline: float):
    """Loyal votes for, and waverers, of blocs of ``seats`` following each faction."""
    loyal = np.zeros(len(seats))
    yes = np.zeros(len(seats))
    for f, n in enumerate(seats):
        k = whips.follows(f if f < len(whips.active) else -1)
        if n and k >= 0:
            loyal[f] = round(n * discipline)
            yes[f] = loyal[f] if whips.stance[k] > 0 else 0.0
    return yes, seats - loyal


def _politburo(ctx: Context, q: Question, base: float, whips: _Whips) -> Ballot:
    s = ctx.state
    rows = []
    for label, faction, c, k in ctx.politburo_members():
        if c >= 0:
            reason = "moved it" if c == q.sponsor else (
                "is its target" if c == q.target else "votes as they stand")
            rows.append((label, float(whips.stance[c] > 0), 0.0, 0.0, reason))
            continue
        followed = whips.follows(faction)
        if followed >= 0 and s.notable_loyalty[k, followed] >= 0.5:
            rows.append((label, float(whips.stance[followed] > 0), 0.0, 0.0,
                         whips.reason(faction)))
        else:
            m = base + line_merit(ctx, q, ctx.scenario.notables[k].line)
            lean = f"leans to {whips.names[followed]} but " if followed >= 0 else ""
            rows.append((label, 0.0, 1.0, m, f"{lean}judged the motion on its merits"))
    labels, yes, wav, mer, reasons = zip(*rows, strict=True) if rows else ((),) * 5
    return Ballot(np.ones(len(rows)), np.array(yes), np.array(wav), np.array(mer),
                  tuple(labels), tuple(reasons))


def _central_committee(ctx: Context, q: Question, base: float, whips: _Whips) -> Ballot:
    s = ctx.state
    seats = ctx.cc_blocs()
    yes, wav = _split(whips, seats, whips.discipline)
    keep = seats > 0
    labels = tuple(
        f"Loyal to {whips.names[f]}" if f < s.n else "Uncommitted members"
        for f in np.flatnonzero(keep)
    )
    reasons = tuple(whips.reason(f if f < s.n else -1) for f in np.flatnonzero(keep))
    return Ballot(seats[keep].astype(float), yes[keep], wav[keep],
                  np.full(int(keep.sum()), base), labels, reasons)


def _congress(ctx: Context, q: Question, base: float, whips: _Whips) -> Ballot:
    s = ctx.state
    delegations, region_blocs = ctx.congress_blocs()
    seats, yes, wav, mer, labels, reasons = [], [], [], [], [], []
    for r, region in enumerate(ctx.scenario.regions):
        if delegations[r] == 0:
            continue
        y, w = _split(whips, region_blocs[r], whips.discipline)
        lead = int(np.argmax(s.loyalty[r]))
        seats.append(float(delegations[r]))
        yes.append(float(y.sum()))
        wav.append(float(w.sum()))
        mer.append(base + line_merit(ctx, q, region.line))
        labels.append(f"{region.name} delegation")
        reasons.append("mostly " + whips.reason(lead if lead < s.n else -1))
    return Ballot(np.array(seats), np.array(yes), np.array(wav), np.array(mer),
                  tuple(labels), tuple(reasons))


_ORGANS = {"politburo": _politburo, "central_committee": _central_committee,
           "congress": _congress}


def ballot(ctx: Context, q: Question, organ: str) -> Ballot:
    return _ORGANS[organ](ctx, q, merit(ctx, q), _Whips(ctx, q))


def _sigmoids(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def take_vote(ctx: Context, q: Question, organ: str) -> Tally:
    """Hold the vote, drawing chance from the game's generator."""
    rng = ctx.state.rng
    b = ballot(ctx, q, organ)
    noise = float(rng.normal(0.0, ctx.state.rules.vote_noise))
    p = _sigmoids(b.merit + noise)
    yes = b.loyal_yes + rng.binomial(b.waverers.astype(np.int64), p)
    blocs = tuple(
        Bloc(label, int(y), int(n - y), why)
        for label, y, n, why in zip(b.labels, yes, b.seats, b.reasons, strict=True)
    )
    total_yes, total_no = int(yes.sum()), int((b.seats - yes).sum())
    needed = votes_needed(total_yes + total_no, q.majority)
    return Tally(ctx.organ_name(organ), q.describe(ctx), total_yes, total_no,
                 total_yes >= needed, blocs, needed, organ)


def votes_needed(total: float, majority: float) -> int:
    """Votes for that carry a motion: more than half, or at least the qualified share."""
    if majority <= 0.5:
        return math.floor(total / 2) + 1
    return math.ceil(total * majority - 1e-9)


def odds(ctx: Context, q: Question, organ: str) -> float:
    """The probability that the motion carries: over the room's mood (Gauss-Hermite nodes),
    and over the waverers' judgements (normal approximation with continuity correction)."""
    b = ballot(ctx, q, organ)
    total = b.seats.sum()
    p = _sigmoids(b.merit[None, :] + _NODES[:, None] * ctx.state.rules.vote_noise)
    mean = b.loyal_yes.sum() + (b.waverers * p).sum(axis=1)
    var = (b.waverers * p * (1 - p)).sum(axis=1)
    need = votes_needed(total, q.majority)
    sd = np.sqrt(np.maximum(var, 1e-9))
    z = (mean - (need - 0.5)) / sd
    chance = 0.5 * (1.0 + np.tanh(_SQRT_2_OVER_PI * (z + 0.044715 * z**3)))  # normal CDF
    return float(np.clip(chance @ _WEIGHTS, 0.0, 1.0))
