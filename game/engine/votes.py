"""Votes: per member in the Politburo, tallies by bloc in the Central Committee and Congress.

Every voter either follows a contender (their faction votes as that contender stands, with
``bloc_discipline``) or judges the motion on its merits: the sponsor's and target's prestige,
the fear the target inspires, the Ban on Factions, dossiers, and how well each side's line fits
the party's mood. The judgement carries one shared draw of noise per vote (the mood in the
room), so the same motion can go either way; :func:`odds` integrates over it.

Who sits in an organ and whom they follow does not depend on the question put: it is worked out
once per state, organ and discipline (:class:`Electorate`), and every ballot and every estimate
of the odds reads it. :func:`odds_many` puts many questions to one organ in one numpy pass,
which is how the odds of every option on offer are worked out.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from . import explain
from .context import Context, perceived_threat
from .record import Bloc, Tally
from .scenario import Power, Rules, post_of

# Gauss-Hermite nodes and weights (probabilists'), for the odds over the room's mood.
_NODES, _WEIGHTS = np.polynomial.hermite_e.hermegauss(7)
_WEIGHTS = _WEIGHTS / _WEIGHTS.sum()
_SQRT_2_OVER_PI = math.sqrt(2.0 / math.pi)


AIMED = frozenset({"accuse", "relieve"})  # the motions aimed at a rival, judged as charges


class Question(NamedTuple):
    """What is put to the vote. ``direction`` is -1 or +1 for a resolution. (A named tuple:
    immutable, and quick to make and to look up, as a question is asked for every option.)"""

    kind: str  # "accuse" | "relieve" | "resolution" | "resign" | "confidence"
    sponsor: int
    target: int = -1
    direction: int = 0
    leverage: int = 0
    office: str | None = None
    majority: float = 0.5  # share of votes needed; 0.5 means more for than against
    defence: float = 0.0  # swing against a motion aimed at someone, won by their defence

    def describe(self, ctx: Context) -> str:
        s = ctx.name(self.sponsor)
        if self.kind == "accuse":
            return f"{s} accuses {ctx.name(self.target)} of factionalism"
        if self.kind == "resolution":
            side = "Left" if self.direction < 0 else "Right"
            return f"{s}'s resolution to move the party's line to the {side}"
        if self.kind == "resign":
            office = post_of(ctx.index.office[self.office or ""])
            return f"{s} offers to give up {office}; accept the resignation"
        if self.kind == "relieve":
            office = post_of(ctx.index.office[self.office or ""])
            return f"{s} moves that {ctx.name(self.target)} be relieved of {office}"
        return f"Approve the {ctx.organ_name('central_committee')}'s report, presented by {s}"


class Floor(NamedTuple):
    """What a vote reads about the contenders and the party, as plain Python numbers: the
    state's own values, read once per state rather than once per voter and question. (A
    named tuple, as are the other records here that are made in every state: quick to make.)"""

    rules: Rules
    party_line: float
    mood_line: float
    mood_unity: float
    active: tuple[bool, ...]  # still in the party, so whipping a faction
    line: tuple[float, ...]
    prestige: tuple[float, ...]
    threat: tuple[float, ...]  # the contender's own quality
    perceived: tuple[float, ...]  # the threat the party perceives (perceived_threat)
    platform: tuple[bool, ...]
    exposed: tuple[bool, ...]
    agenda: tuple[bool, ...]  # holds the power to set the agenda
    allied: tuple[tuple[bool, ...], ...]
    trust: tuple[tuple[float, ...], ...]  # row trusts column


def floor(ctx: Context) -> Floor:
    """The state's :class:`Floor` (remembered with the state by a reading context)."""
    return ctx.remember("floor", lambda: _floor(ctx))


def _floor(ctx: Context) -> Floor:
    s = ctx.state
    support = ctx.support().tolist()
    people = s.contenders
    powers = ctx.all_powers()
    return Floor(
        rules=s.rules,
        party_line=s.party_line,
        mood_line=s.mood_line,
        mood_unity=s.mood_unity,
        active=tuple([ctx.in_organ(k, "party") for k in range(s.n)]),
        line=tuple([c.line for c in people]),
        prestige=tuple([c.prestige for c in people]),
        threat=tuple([c.threat for c in people]),
        perceived=tuple([perceived_threat(s, k, support) for k in range(s.n)]),
        platform=tuple([c.platform for c in people]),
        exposed=tuple([c.exposed for c in people]),
        agenda=tuple([Power.AGENDA in p for p in powers]),
        allied=tuple(map(tuple, s.allied.tolist())),
        trust=tuple(map(tuple, s.trust.tolist())),
    )


def stance(f: Floor, q: Question, k: int) -> int:
    """How contender ``k`` stands: +1 for, -1 against. Public: anyone can work it out."""
    return stand_and_why(f, q, k)[0]


def stand_and_why(f: Floor, q: Question, k: int) -> tuple[int, str]:
    """:func:`stance`, with what decided it, named (words in :mod:`game.engine.explain`)."""
    kind, sponsor, target = q.kind, q.sponsor, q.target
    if k == sponsor:
        return (-1, "offered") if kind == "resign" else (1, "moved")
    if k == target:
        return -1, "target"
    allied, trust = f.allied[k], f.trust[k]
    with_sponsor = allied[sponsor]
    with_target = target >= 0 and allied[target]
    if kind == "resign":
        if with_sponsor:
            return -1, "ally_keeps"
        return (-1, "trusts") if trust[sponsor] >= 0 else (1, "distrusts")
    if with_sponsor != with_target:
        return (1, "ally_of_sponsor") if with_sponsor else (-1, "ally_of_target")
    line = f.line[k]
    if kind == "resolution":
        new_line = f.party_line + q.direction * f.rules.resolution_step
        return (1, "nearer_line") if abs(line - new_line) < abs(line - f.party_line) else (
            -1, "farther_line")
    if kind == "confidence":  # open oppositionists, and those who distrust the presenter
        if f.platform[k]:
            return -1, "opposition"
        return (-1, "distrusts") if trust[sponsor] < -0.25 else (1, "trusts")
    threat, lines = f.threat, f.line  # a charge, or a challenge to an office
    parts = {
        "trust": trust[sponsor] - trust[target],
        "fear": (threat[target] - threat[sponsor]) / 100,
        "line": 0.5 * (abs(line - lines[target]) - abs(line - lines[sponsor])),
    }
    score = parts["trust"] + parts["fear"] + parts["line"]
    sign = 1 if score > 0 else -1
    weightiest = max(parts, key=lambda key: parts[key] * sign)
    return sign, weightiest


def stances(f: Floor, q: Question) -> list[int]:
    """Every contender's stance on ``q``; 0 for those out of the party, who whip nobody."""
    return [stance(f, q, k) if f.active[k] else 0 for k in range(len(f.active))]


def merit(f: Floor, q: Question) -> float:
    """The log-odds that an uncommitted voter with no line of their own votes for the motion:
    the sum of :func:`merit_terms`."""
    return sum([v for _, v in merit_terms(f, q)])


def merit_terms(f: Floor, q: Question) -> list[tuple[str, float]]:
    """What sways the members who judge a motion for themselves, each part named (the words
    for each name are in :mod:`game.engine.explain`), in log-odds for the motion."""
    r, sponsor = f.rules, q.sponsor
    if q.kind == "resolution":
        new_line = f.party_line + q.direction * r.resolution_step
        fit = (abs(f.party_line - f.mood_line) - abs(new_line - f.mood_line)) / r.resolution_step
        return [("mood", r.mood_weight * fit),
                ("standing", r.prestige_weight * (f.prestige[sponsor] - 50) / 100)]
    if q.kind == "resign":
        return [("habit", -1.0), ("fear", r.threat_weight * f.perceived[sponsor] / 100),
                ("standing", -r.prestige_weight * (f.prestige[sponsor] - 40) / 100)]
    if q.kind == "confidence":
        return [("habit", r.report_approval),
                ("standing", r.prestige_weight * (f.prestige[sponsor] - 50) / 100)]
    target = q.target
    presumption = r.challenge_presumption if q.kind == "relieve" else r.accusation_presumption
    terms = [
        ("presumption", -presumption),
        ("standing", r.prestige_weight * (f.prestige[sponsor] - f.prestige[target]) / 100),
        ("fear", r.threat_weight * (f.perceived[target] - f.perceived[sponsor]) / 100),
        ("files", r.dossier_bonus * q.leverage),
        ("mood", r.mood_weight * (abs(f.line[target] - f.mood_line)
                                  - abs(f.line[sponsor] - f.mood_line)) / 2),
        ("agenda", r.agenda_weight * (f.agenda[sponsor] - f.agenda[target])),
        ("defence", -q.defence),
    ]
    if r.faction_ban and f.platform[target]:
        terms.append(("ban", r.ban_bonus * (0.5 + f.mood_unity)))
    if f.exposed[target]:
        terms.append(("exposed", r.exposure_weight))
    if not has_case(f, q):
        terms.append(("no_case", -r.case_weight))
    return terms


def _line_terms(f: Floor, q: Question) -> tuple[float, float, float]:
    """``(a, b, scale)`` such that a voter with line ``x`` adds ``(|x - a| - |x - b|) / scale``
    to their log-odds of voting for the motion (see :func:`line_merit`)."""
    if q.kind == "resolution":
        new_line = f.party_line + q.direction * f.rules.resolution_step
        return f.party_line, new_line, f.rules.resolution_step
    if q.kind in AIMED:
        return f.line[q.target], f.line[q.sponsor], 1.0
    return 0.0, 0.0, 1.0  # other motions are not judged by the voter's line


def line_merit(f: Floor, q: Question, line):
    """What a voter's own line adds to their log-odds of voting for the motion: for a
    resolution, how much nearer it brings the party's line; for a charge, how much nearer the
    voter stands to the sponsor than to the target. ``line`` may be an array of lines."""
    a, b, scale = _line_terms(f, q)
    return (abs(line - a) - abs(line - b)) / scale


def has_case(f: Floor, q: Question) -> bool:
    """A charge (or a challenge to an office) has a case behind it when the target has an open
    platform under the Ban on Factions, or compromising evidence against them is public, or
    the sponsor brings enough dossiers; without one, factions whip less (and, by the rule
    ``case_weight``, the members who judge for themselves lean against it)."""
    if q.kind not in AIMED:
        return True
    r = f.rules
    return ((r.faction_ban and f.platform[q.target]) or f.exposed[q.target]
            or q.leverage >= r.case_dossiers)


def discipline(f: Floor, q: Question) -> float:
    """The share of a faction that votes as its leader stands on ``q``."""
    return f.rules.bloc_discipline if has_case(f, q) else f.rules.discipline_without_case


# ----- who sits in each organ, grouped into blocs ---------------------------------------------
class Electorate(NamedTuple):
    """An organ's voters in blocs, whatever the question: ``follow[b, k]`` of bloc ``b``'s votes
    go as contender ``k`` stands (their own seat, or their faction's whip); the ``waverers``
    judge the motion on its merits, from the bloc's own ``line`` where it has one
    (``has_line`` 1, else 0). ``why[b]`` says whom the bloc follows, for the tally's reasons:
    ``("seat", k)``, ``("whip", faction)``, ``("mostly", faction)`` or ``(reason, -1)``.

    The last fields sum this up for :func:`odds_many`: the votes each contender's stance
    carries, and the waverers who judge by a line (their blocs' lines and sizes) apart from
    those with no line of their own (who all judge alike, so only their number counts)."""

    seats: np.ndarray  # (blocs,)
    follow: np.ndarray  # (blocs, contenders)
    waverers: np.ndarray  # (blocs,)
    lines: np.ndarray  # (blocs,)
    has_line: np.ndarray  # (blocs,)
    labels: tuple[str, ...]
    why: tuple[tuple[str, int], ...]
    whipped: list[float]  # per contender, over all blocs
    total: float  # seats
    judging_lines: np.ndarray  # (blocs with a line,)
    judging: np.ndarray  # (blocs with a line,) their waverers
    plain: float  # waverers with no line of their own


def _electorate(seats, follow, waverers, lines, has_line, labels, why) -> Electorate:
    """An :class:`Electorate` of these blocs, with their sums for the odds worked out."""
    by_line = has_line > 0
    return Electorate(
        seats, follow, waverers, lines, has_line, labels, why,
        whipped=np.add.reduce(follow, axis=0).tolist(), total=float(np.add.reduce(seats)),
        judging_lines=lines[by_line], judging=waverers[by_line],
        plain=float(np.add.reduce(waverers[~by_line])),
    )


def _politburo(ctx: Context, f: Floor, discipline: float) -> Electorate:
    """Member by member: contenders vote as they stand; a notable votes with the faction they
    follow if loyal enough to it (half or more), and otherwise on the merits, from their line."""
    s = ctx.state
    members = ctx.politburo_members()
    rows = len(members)
    follow = np.zeros((rows, s.n))
    whipped = [0.0] * s.n
    waverers, lines = [0.0] * rows, [0.0] * rows
    why = []
    for b, (_, faction, c, k) in enumerate(members):
        if c >= 0:
            follow[b, c] = 1.0
            whipped[c] += 1.0
            why.append(("seat", c))
            continue
        followed = faction if faction >= 0 and f.active[faction] else -1
        if followed >= 0 and s.notable_loyalty[k, followed] >= 0.5:
            follow[b, followed] = 1.0
            whipped[followed] += 1.0
            why.append(("whip", faction))
        else:
            waverers[b], lines[b] = 1.0, ctx.scenario.notables[k].line
            lean = f"leans to {ctx.name(followed)} but " if followed >= 0 else ""
            why.append((f"{lean}judged the motion on its merits", -1))
    judging_lines = [line for line, w in zip(lines, waverers, strict=True) if w]
    return Electorate(
        np.ones(rows), follow, np.array(waverers), np.array(lines), np.array(waverers),
        tuple(m[0] for m in members), tuple(why), whipped, float(rows),
        np.array(judging_lines), np.ones(len(judging_lines)), 0.0,
    )


def _whip(seats: np.ndarray, active: tuple[bool, ...], discipline: float) -> np.ndarray:
    """(blocs, contenders): of each bloc's seats by faction, those whipped by each contender
    (``discipline`` of a faction whose leader is still in the party)."""
    n = len(active)
    return np.round(seats[:, :n] * discipline) * np.array(active, dtype=float)


def _central_committee(ctx: Context, f: Floor, discipline: float) -> Electorate:
    """One bloc per faction (then the uncommitted), judging with no line of their own."""
    n = ctx.state.n
    seats = ctx.cc_blocs().tolist()
    keep = [k for k, x in enumerate(seats) if x > 0]
    follow = np.zeros((len(keep), n))
    whipped = [0.0] * n
    waverers = []
    for b, k in enumerate(keep):
        loyal = float(round(seats[k] * discipline)) if k < n and f.active[k] else 0.0
        if loyal:
            follow[b, k] = whipped[k] = loyal
        waverers.append(seats[k] - loyal)
    labels = tuple(f"Loyal to {ctx.name(k)}" if k < n else "Uncommitted members" for k in keep)
    why = tuple(("whip", k if k < n else -1) for k in keep)
    kept = [float(seats[k]) for k in keep]
    zeros = np.zeros(len(keep))
    return Electorate(
        np.array(kept), follow, np.array(waverers), zeros, zeros, labels, why, whipped,
        float(sum(kept)), zeros[:0], zeros[:0], float(sum(waverers)),
    )


def _congress(ctx: Context, f: Floor, discipline: float) -> Electorate:
    """One bloc per regional delegation, judging from the region's own line."""
    s = ctx.state
    delegations, region_blocs = ctx.congress_blocs()
    sent = [r for r in range(len(delegations)) if delegations[r] > 0]
    blocs = region_blocs[sent].astype(float)
    follow = _whip(blocs, f.active, discipline)
    seats = delegations[sent].astype(float)
    regions = ctx.scenario.regions
    loyalty = s.loyalty.tolist()
    why = []
    for r in sent:
        row = loyalty[r]
        lead = max(range(len(row)), key=row.__getitem__)  # the first of equals, as np.argmax
        why.append(("mostly", lead if lead < s.n else -1))
    return _electorate(seats, follow, seats - follow.sum(axis=1),
                       np.array([regions[r].line for r in sent]), np.ones(len(sent)),
                       tuple(f"{regions[r].name} delegation" for r in sent), tuple(why))


_ORGANS = {"politburo": _politburo, "central_committee": _central_committee,
           "congress": _congress}


def electorate(ctx: Context, f: Floor, organ: str, discipline: float) -> Electorate:
    """The organ's blocs for this state (remembered with the state by a reading context)."""
    if organ == "politburo":
        discipline = 1.0  # members vote as their faction stands, or on the merits
    return ctx.remember(("electorate", organ, discipline),
                        lambda: _ORGANS[organ](ctx, f, discipline))


class Ballot(NamedTuple):
    """An organ's voters in blocs, for one question: whipped votes for, and waverers who judge
    for themselves with log-odds ``merit`` (before the room's mood); and what the reasons need:
    each bloc's whipped seats by contender (``follow``), each contender's stance and why, what
    sways those who judge (``terms``, and each bloc's own ``lean``), and whom the bloc
    follows (``why``)."""

    seats: np.ndarray
    loyal_yes: np.ndarray
    waverers: np.ndarray
    merit: np.ndarray
    labels: tuple[str, ...]
    follow: np.ndarray
    stand: list[tuple[int, str]]
    terms: list[tuple[str, float]]
    lean: np.ndarray  # (blocs,) what each bloc's own line adds
    why: tuple[tuple[str, int], ...]


def ballot(ctx: Context, q: Question, organ: str) -> Ballot:
    f = floor(ctx)
    stand = [stand_and_why(f, q, k) if f.active[k] else (0, "") for k in range(len(f.active))]
    e = electorate(ctx, f, organ, discipline(f, q))
    loyal_yes = e.follow @ np.array([float(x > 0) for x, _ in stand])
    terms = merit_terms(f, q)
    lean = line_merit(f, q, e.lines) * e.has_line
    mer = sum(v for _, v in terms) + lean
    return Ballot(e.seats, loyal_yes, e.waverers, mer, e.labels, e.follow, stand, terms, lean,
                  e.why)


def _sigmoids(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def take_vote(ctx: Context, q: Question, organ: str) -> Tally:
    """Hold the vote, drawing chance from the game's generator; every bloc says why it voted as
    it did, with the counts of each part of it."""
    rng = ctx.state.rng
    b = ballot(ctx, q, organ)
    noise = float(rng.normal(0.0, ctx.state.rules.vote_noise))
    p = _sigmoids(b.merit + noise)
    judged_yes = rng.binomial(b.waverers.astype(np.int64), p)
    yes = b.loyal_yes + judged_yes
    blocs = tuple(
        _bloc(ctx, q, b, i, int(y), int(n - y), int(jy), noise)
        for i, (y, n, jy) in enumerate(zip(yes.tolist(), b.seats.tolist(), judged_yes.tolist(),
                                           strict=True))
    )
    # Whole numbers of votes, so adding up the blocs' counts is exact.
    total_yes, total_no = sum(x.yes for x in blocs), sum(x.no for x in blocs)
    needed = votes_needed(total_yes + total_no, q.majority)
    return Tally(ctx.organ_name(organ), q.describe(ctx), total_yes, total_no,
                 total_yes >= needed, blocs, needed, organ)


def _bloc(ctx: Context, q: Question, b: Ballot, i: int, yes: int, no: int, judged_yes: int,
          noise: float) -> Bloc:
    """One bloc of a tally, with its parts: the votes cast as each leader stands, and those of
    the members who judged for themselves, each part with its reason."""
    parts: list[tuple[str, int, int]] = []
    words: list[str] = []
    tag, who = b.why[i]
    for k, w in enumerate(b.follow[i].tolist()):
        if not w:
            continue
        sign, why = b.stand[k]
        n = int(round(w))
        parts.append((ctx.scenario.contenders[k].id, n if sign > 0 else 0, n if sign < 0 else 0))
        side = "for it" if sign > 0 else "against it"
        if tag == "seat":
            words.append(f"{side}: {explain.stance_words(ctx, q, k, sign, why)}")
        else:
            count = "" if b.seats[i] == 1 else f"{n} "
            words.append(f"{count}loyal to {ctx.name(k)}, who is {side} "
                         f"({explain.stance_words(ctx, q, k, sign, why)})")
    judging = int(b.waverers[i])
    if judging:
        parts.append(("", judged_yes, judging - judged_yes))
        terms = [*b.terms, ("line", float(b.lean[i]))] if b.lean[i] else b.terms
        split = (f"voted {'for' if judged_yes else 'against'}" if judging == 1
                 else f"split {judged_yes}\u2013{judging - judged_yes}")
        who_judged = "judged for himself" if b.seats[i] == 1 else (
            f"{judging} judged for themselves" if parts[:-1] else "judged for themselves")
        words.append(f"{who_judged} and {split} ({explain.judged(ctx, q, terms, noise)})")
    return Bloc(b.labels[i], yes, no, "; ".join(words), tuple(parts))


def choose(ctx: Context, labels: Sequence[str], backed: dict[int, int], lean: np.ndarray,
           swayed_by: str = "its appeal"):
    """The Central Committee chooses between options (a card's choices, the candidates for an
    office). Each faction whose leader backs an option (``backed``: contender -> option) votes
    for it, ``bloc_discipline`` of it; the rest of each faction, and the uncommitted, choose
    for themselves, leaning to each option by ``lean`` (log-odds: ``swayed_by`` names it) and
    the mood in the room (one draw of noise per option). Returns the votes per option and the
    blocs, as (label, votes per option, reason)."""
    s = ctx.state
    seats = ctx.cc_blocs().tolist()
    votes = [0] * len(labels)
    blocs = []
    free = int(seats[-1])
    for c in range(s.n):
        if not seats[c]:
            continue
        whipped = round(seats[c] * s.rules.bloc_discipline) if c in backed else 0
        free += seats[c] - whipped
        if whipped:
            votes[backed[c]] += whipped
            split = [0] * len(votes)
            split[backed[c]] = whipped
            blocs.append((f"Loyal to {ctx.name(c)}", split,
                          f"as {ctx.name(c)} asked"))
    room = s.rng.normal(0.0, s.rules.vote_noise, len(labels))
    lean = np.asarray(lean, dtype=float)
    weight = lean + room
    p = np.exp(weight - weight.max())
    own = s.rng.multinomial(free, p / p.sum()).tolist()
    votes = [v + x for v, x in zip(votes, own, strict=True)]
    blocs.append(("Members who follow no one, and the rest of each faction", own,
                  explain.chosen(labels, lean.tolist(), room.tolist(), swayed_by)))
    return votes, blocs


def votes_needed(total: float, majority: float) -> int:
    """Votes for that carry a motion: more than half, or at least the qualified share."""
    if majority <= 0.5:
        return math.floor(total / 2) + 1
    return math.ceil(total * majority - 1e-9)


def odds(ctx: Context, q: Question, organ: str) -> float:
    """The probability that the motion carries: over the room's mood (Gauss-Hermite nodes),
    and over the waverers' judgements (normal approximation with continuity correction)."""
    return float(odds_many(ctx, [q], organ)[0])


def _whips(f: Floor, e: Electorate) -> list[tuple[int, float]]:
    """(contender, votes) for each contender who whips votes in ``e``: those with followers
    there who are still in the party."""
    return [(k, w) for k, w in enumerate(e.whipped) if w and f.active[k]]


def _whipped_for(f: Floor, q: Question, whips: list[tuple[int, float]]) -> float:
    """The whipped votes for the motion: those of the factions whose leader is for it (the
    stances of contenders who whip nobody here are not worked out)."""
    return sum([w for k, w in whips if stance(f, q, k) > 0])


def odds_many(ctx: Context, questions: Sequence[Question], organ: str) -> np.ndarray:
    """:func:`odds` of each question put to ``organ``, all in one numpy pass over the
    questions, the nodes of the room's mood and the blocs that judge by their own line."""
    if not questions:
        return np.zeros(0)
    f = floor(ctx)
    known: dict[float, tuple[Electorate, list[tuple[int, float]]]] = {}
    loyal, plain, judging, base, terms, need = [], [], [], [], [], []
    for q in questions:
        d = discipline(f, q)
        if d not in known:  # the blocs are the same whatever the discipline: only how many
            e = electorate(ctx, f, organ, d)  # of each follow their leader differs
            known[d] = e, _whips(f, e)
        e, whips = known[d]
        loyal.append(_whipped_for(f, q, whips))
        plain.append(e.plain)
        judging.append(e.judging)
        base.append(merit(f, q))
        terms.append(_line_terms(f, q))
        need.append(votes_needed(e.total, q.majority) - 0.5)  # continuity correction
    noise = _NODES * f.rules.vote_noise
    base_ = np.array(base)
    p = _sigmoids(np.add.outer(noise, base_))  # (nodes, questions): those with no line
    wp = p * plain
    mean, var = wp + loyal, wp * (1.0 - p)
    lines = e.judging_lines
    if len(lines):  # those who judge by their own line, bloc by bloc
        a, b, scale = np.array(terms).T[:, :, None]
        mer = base_[:, None] + (np.abs(lines - a) - np.abs(lines - b)) / scale
        p = _sigmoids(np.add.outer(noise, mer))  # (nodes, questions, blocs)
        wp = p * np.array(judging)
        mean += np.add.reduce(wp, axis=2)
        var += np.add.reduce(wp * (1.0 - p), axis=2)
    z = (mean - need) / np.sqrt(np.maximum(var, 1e-9))
    chance = 0.5 * (1.0 + np.tanh(_SQRT_2_OVER_PI * (z + 0.044715 * z * z * z)))  # normal CDF
    return np.minimum(np.maximum(_WEIGHTS @ chance, 0.0), 1.0)
