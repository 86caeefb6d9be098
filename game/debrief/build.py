"""Building a debrief from the game record: a pure function of the scenario, the seed and the
orders, which it replays through the engine's public interface (``game.engine``) alone.

:func:`debrief` reports one finished game; :func:`class_summary` many saves of one scenario,
setting aside (with the reason) every save it cannot count.
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from game.engine import FactorShare as EngineFactorShare
from game.engine import (
    GameEvent,
    GameState,
    IllegalAction,
    Kind,
    Match,
    Scenario,
    factor_shares,
    ledger,
    legal_actions,
    milestones,
    outcome,
    view,
)
from game.saves import SaveError, SaveFile, played_scenario, resume
from game.teacher import Material, material
from game.words.conditions import describe_condition
from game.words.names import lowered

from . import history as hist
from .model import (
    CHOICE_WEIGHT,
    DISTANCE_CAP,
    BlocLine,
    ClassSummary,
    CommonTurningPoint,
    ContenderRef,
    Debrief,
    Decision,
    Divergence,
    FactorBreakdown,
    FactorShare,
    GameLine,
    HistoryDistance,
    HistoryNote,
    LengthGroup,
    OutcomeCount,
    OutcomeLine,
    PlayedBy,
    PlayerTurn,
    SkippedSave,
    SourceCited,
    StepLine,
    StudentLine,
    SupportSeries,
    TurnEntry,
    TurningPoint,
    VoteRecord,
    Work,
)
from .questions import questions

SWING_MIN = 0.02  # a swing in support below two points is not a turning point
MAX_SWINGS = 4
MAX_TURNING_POINTS = 10
CLOSE_VOTE = 0.06  # a vote within this share of the votes cast of going the other way is close
MAX_COMMON = 10


class DebriefError(ValueError):
    """A game that cannot be debriefed: a record that does not replay, or no turn played."""


def factor_name(sc: Scenario, factor: str | None) -> str | None:
    """What the scenario calls a factor (None for none)."""
    return None if factor is None else sc.factor_name(factor)


def pts(x: float) -> str:
    """Support as signed percentage points: ``+6.2``."""
    return f"{100 * x:+.1f}"


# ----- the replayed game ------------------------------------------------------------------------


@dataclass
class _Game:
    """Everything the debrief reads, worked out once by replaying the record."""

    sc: Scenario
    seed: int
    orders: list[dict[str, list[str]]]
    states: list[GameState]  # states[t]: turn t about to be played; states[-1]: the end
    events: list[GameEvent]
    ids: list[str]

    def __post_init__(self) -> None:
        first = self.ids[0]
        self.views = [view(s, first) for s in self.states]
        self.books = [ledger(s) for s in self.states]
        self.by_turn: dict[int, list[GameEvent]] = {}
        for e in self.events:
            self.by_turn.setdefault(e.turn, []).append(e)
        self.turns = len(self.orders)
        self.cal = self.sc.calendar
        self.rungs = {r.id: i for i, r in enumerate(self.sc.ladder)}
        self.names = {c.id: c.short for c in self.sc.contenders}
        self.office_names = {o.id: o.name for o in self.sc.offices}
        self.cards = {e.id: e for e in self.sc.events}

    def date(self, turn: int) -> str:
        return self.cal.label(max(0, min(turn, self.cal.turns - 1)))

    def short(self, c: int | str) -> str:
        return self.names[c] if isinstance(c, str) else self.names[self.ids[c]]

    def rung(self, t: int, cid: str) -> int:
        info = next(c for c in self.views[t].contenders if c.id == cid)
        return self.rungs[info.status]

    def offices(self, t: int, cid: str) -> set[str]:
        info = next(c for c in self.views[t].contenders if c.id == cid)
        return set(info.office_ids)


def _replay(match: Match) -> _Game:
    """Replay the record (scenario, seed, orders, console changes) through the engine: every
    state and event."""
    sc = match.scenario
    states = []
    try:
        for played in Match.replaying(sc, match.seed, match.orders, match.interventions):
            states.append(played.state)
    except IllegalAction as e:
        raise DebriefError(f"the record does not replay: {e}") from None
    return _Game(
        sc,
        match.seed,
        [dict(o) for o in match.orders],
        states,
        list(played.events),
        [c.id for c in sc.contenders],
    )


# ----- what happened, change by change ------------------------------------------------------


@dataclass
class _Change:
    """An office or ladder change of one contender, dated and explained from the events."""

    kind: str  # "office-lost", "office-won", "down", "up"
    cid: str
    ref: str  # office id or rung id
    turn: int
    text: str
    factor: str | None
    cause: str


def _cause_text(g: _Game, turn: int, cid: str, event: GameEvent | None) -> str:
    """The vote or card behind a change of ``cid`` reported by ``event`` in ``turn``."""
    evs = g.by_turn.get(turn, [])
    c = g.ids.index(cid)
    if event is not None and event in evs:
        i = evs.index(event)
        for e in reversed(evs[:i]):
            if (
                e.kind == Kind.VOTE
                and e.tally is not None
                and e.tally.passed
                and len(e.actors) == 2
                and e.actors[1] == c
            ):
                return f"{e.tally.organ}: {e.tally.headline()}"
        for e in evs[i + 1 : i + 8]:
            if e.kind == Kind.DECISION:
                return f"the card \u201c{e.text}\u201d"
            if e.kind not in (Kind.OFFICE, Kind.STATUS):
                break
        if event.kind == Kind.STATUS and event.ref is None:
            return "they recanted"
    return ""


def _step_phrase(g: _Game, cid: str, step: hist.Step) -> str:
    """A step of the ladder with its contender: "Trotsky removed from the Politburo", or the
    rung's name for the rungs below the party: "Trotsky: Internal exile"."""
    sep = " " if step.id.startswith("left:") else ": "
    return f"{g.short(cid)}{sep}{step.label}"


def _step_text(g: _Game, cid: str, rung: int) -> str:
    """A step down to ``rung`` in words: "Trotsky removed from the Politburo", "Trotsky
    expelled from the party", or the rung's own name for the rungs below the party."""
    steps = [s for s in hist.ladder_steps(g.sc) if s.rung == rung]
    if steps and steps[-1].id.startswith("left:"):
        return f"{g.short(cid)} {steps[-1].label}"
    return f"{g.short(cid)}: {g.sc.ladder[rung].name}"


def _changes(g: _Game) -> list[_Change]:
    """Every change of office and of rung of every contender, from the states, each dated and
    explained by the event that reported it."""
    out: list[_Change] = []
    for t in range(g.turns):
        window = g.by_turn.get(t, []) + [
            e for e in g.by_turn.get(t + 1, []) if e.kind in (Kind.OFFICE, Kind.STATUS)
        ]
        for c, cid in enumerate(g.ids):
            before, after = g.offices(t, cid), g.offices(t + 1, cid)
            for office in sorted(before ^ after):
                lost = office in before
                ev = next(
                    (
                        e
                        for e in window
                        if e.kind == Kind.OFFICE and e.ref == office and e.actors == (c,)
                    ),
                    None,
                )
                turn = ev.turn if ev else t
                name = g.office_names.get(office, office)
                text = (
                    f"{g.short(cid)} loses the post of {name}"
                    if lost
                    else f"{g.short(cid)} becomes {name}"
                )
                out.append(
                    _Change(
                        "office-lost" if lost else "office-won",
                        cid,
                        office,
                        turn,
                        text,
                        ev.factor if ev else None,
                        _cause_text(g, turn, cid, ev),
                    )
                )
            r0, r1 = g.rung(t, cid), g.rung(t + 1, cid)
            if r0 != r1:
                rung = g.sc.ladder[r1]
                down = r1 > r0
                ev = next(
                    (
                        e
                        for e in window
                        if e.kind == Kind.STATUS
                        and e.actors == (c,)
                        and (e.ref == rung.id if down else True)
                    ),
                    None,
                )
                turn = ev.turn if ev else t
                text = (
                    _step_text(g, cid, r1)
                    if down
                    else f"{g.short(cid)} is readmitted ({rung.name})"
                )
                out.append(
                    _Change(
                        "down" if down else "up",
                        cid,
                        rung.id,
                        turn,
                        text,
                        ev.factor if ev else None,
                        _cause_text(g, turn, cid, ev),
                    )
                )
    return out


# ----- divergences from the record -----------------------------------------------------------


def _first_step_turns(g: _Game, changes: list[_Change]) -> dict[tuple[str, str], int]:
    """(contender, step id) -> the turn the game first took that step (offices included)."""
    steps = hist.ladder_steps(g.sc)
    start = {cid: g.rung(0, cid) for cid in g.ids}
    out: dict[tuple[str, str], int] = {}
    for ch in changes:
        if ch.kind in ("office-lost", "office-won"):
            out.setdefault((ch.cid, f"{ch.kind}:{ch.ref}"), ch.turn)
        elif ch.kind == "down":
            r = g.rungs[ch.ref]
            for s in steps:
                if start[ch.cid] < s.rung <= r:
                    out.setdefault((ch.cid, s.id), ch.turn)
    return out


def _change_for(changes: list[_Change], cid: str, step: str, turn: int, g: _Game) -> _Change | None:
    steps = {s.id: s for s in hist.ladder_steps(g.sc)}
    for ch in changes:
        if ch.cid != cid or ch.turn != turn:
            continue
        if step.startswith("office-") and f"{ch.kind}:{ch.ref}" == step:
            return ch
        if ch.kind == "down" and step in steps and g.rungs[ch.ref] >= steps[step].rung:
            return ch
    return None


def _divergences(g: _Game, changes: list[_Change]) -> list[Divergence]:
    sc = g.sc
    out: list[Divergence] = []
    record = hist.milestones(sc)
    steps = {s.id: s for s in hist.ladder_steps(sc)}
    taken = _first_step_turns(g, changes)
    final = g.views[-1]
    status_name = {c.id: c.status_name for c in final.contenders}
    for m in record:
        when = taken.get((m.contender, m.step))
        hist_text = f"{m.label} in {g.date(m.turn)}"
        if when is None and m.turn >= g.turns:
            continue  # the game stopped before the record's date: not reached yet
        if when is None:
            failed = [
                e.tally.headline()
                for e in g.events
                if e.kind == Kind.VOTE
                and e.tally is not None
                and not e.tally.passed
                and len(e.actors) == 2
                and g.ids[e.actors[1]] == m.contender
            ]
            why = f"By the end {g.short(m.contender)} stood as: {status_name[m.contender]}."
            if failed:
                why += f" Charges against them failed: {'; '.join(failed[:2])}."
            out.append(
                Divergence(
                    kind="never",
                    turn=m.turn,
                    date=g.date(m.turn),
                    contender=m.contender,
                    title=f"{m.label}: never",
                    game="This never happened in this game.",
                    history=hist_text,
                    why=why,
                    evidence=f"{m.evidence} ({m.where})",
                )
            )
            continue
        delta = when - m.turn
        if delta == 0:
            continue
        ch = _change_for(changes, m.contender, m.step, when, g)
        cause = ch.cause if ch and ch.cause else ""
        factor = factor_name(g.sc, ch.factor) if ch else None
        why = f"It followed {cause}" if cause else "It followed the game's events"
        why += f"; the game books it under {lowered(factor)}." if factor else "."
        out.append(
            Divergence(
                kind="earlier" if delta < 0 else "later",
                turn=when,
                date=g.date(when),
                contender=m.contender,
                title=f"{m.label}: {abs(delta)} quarter{'s' * (abs(delta) != 1)} "
                f"{'earlier' if delta < 0 else 'later'}",
                game=f"{m.label} in {g.date(when)}.",
                history=hist_text + ".",
                why=why,
                quarters=delta,
                evidence=f"{m.evidence} ({m.where})",
            )
        )
    # Steps down the ladder the record does not have (nor any deeper step of that contender).
    if any(m.step in steps for m in record):
        deepest: dict[str, int] = {}
        for m in record:
            if m.step in steps:
                deepest[m.contender] = max(deepest.get(m.contender, -1), steps[m.step].rung)
        for (cid, step_id), when in sorted(taken.items(), key=lambda x: x[1]):
            step = steps.get(step_id)
            if step is None or step.rung <= deepest.get(cid, -1):
                continue
            ch = _change_for(changes, cid, step_id, when, g)
            cause = f"It followed {ch.cause}." if ch and ch.cause else ""
            out.append(
                Divergence(
                    kind="not_in_record",
                    turn=when,
                    date=g.date(when),
                    contender=cid,
                    title=f"{_step_phrase(g, cid, step)}: not in the record",
                    game=f"{_step_phrase(g, cid, step)} in {g.date(when)}.",
                    history=f"The scenario's record has no such step for {g.short(cid)} in "
                    f"{sc.dates}.",
                    why=cause or "The game's votes went another way than history's.",
                )
            )
    # Event cards: decided otherwise, or dated cards that never came up.
    decided = {e.ref: e for e in g.events if e.kind == Kind.DECISION}
    fired = {e.ref for e in g.events if e.kind == Kind.CARD}
    for e in sc.events:
        if e.id in decided and e.choices:
            ev = decided[e.id]
            choice = ev.data.get("choice")
            if choice == e.choices[0].id:
                continue
            label = next((ch.label for ch in e.choices if ch.id == choice), choice)
            out.append(
                Divergence(
                    kind="choice",
                    turn=ev.turn,
                    date=g.date(ev.turn),
                    title=e.title,
                    game=f"Decided \u201c{label}\u201d.",
                    history=f"\u201c{e.choices[0].label}\u201d. {_gist(e.history)}",
                    why=_backers(g, ev, e),
                    evidence=e.source,
                )
            )
        elif e.when is not None and e.id not in fired:
            try:
                turn = sc.calendar.turn_of(e.when)
            except ValueError:
                continue
            if not 0 <= turn < g.turns:
                continue
            needs = describe_condition(sc, e.condition) if e.condition else ""
            why = (
                f"It needs {needs}, which did not hold."
                if needs
                else "It came up only by chance, and did not."
            )
            out.append(
                Divergence(
                    kind="card_missing",
                    turn=turn,
                    date=g.date(turn),
                    title=e.title,
                    game="This card never came up.",
                    history=_gist(e.history),
                    why=why,
                    evidence=e.source,
                )
            )
    return sorted(out, key=lambda d: (d.turn, d.kind, d.title))


def _gist(text: str, limit: int = 240) -> str:
    """The first sentences of a note, up to about ``limit`` characters (the whole note is in the
    timeline)."""
    words = " ".join(text.split())
    if len(words) <= limit:
        return words
    out = ""
    for sentence in words.replace(". ", ".\n").split("\n"):
        if out and len(out) + len(sentence) > limit:
            break
        out = f"{out} {sentence}".strip()
    if len(out) > limit:
        out = out[:limit].rsplit(" ", 1)[0] + "\u2026"
    return out


def _backers(g: _Game, ev: GameEvent, card) -> str:
    """Who backed which choice of a decided card, from the orders of that turn."""
    labels = {ch.id: ch.label for ch in card.choices}
    picks: dict[str, list[str]] = {}
    for c in ev.actors:
        cid = g.ids[c]
        for a in g.orders[ev.turn].get(cid, []) if ev.turn < g.turns else []:
            words = a.split()
            if len(words) == 3 and words[0] == "decide" and words[1] == card.id:
                picks.setdefault(words[2], []).append(g.short(cid))
    if not picks:
        return "Nobody who could decide it made a choice."
    parts = [
        f"{', '.join(who)} backed \u201c{labels.get(ch, ch)}\u201d" for ch, who in picks.items()
    ]
    organ = g.sc.organs.central_committee.name
    weighed = f" (weighed by their followers in the {organ})" if len(ev.actors) > 1 else ""
    return "; ".join(parts) + weighed + "."


def _distance(divs: list[Divergence]) -> HistoryDistance:
    steps = 0.0
    choices = 0.0
    for d in divs:
        if d.kind in ("earlier", "later"):
            steps += min(abs(d.quarters or 0), DISTANCE_CAP)
        elif d.kind in ("never", "not_in_record"):
            steps += DISTANCE_CAP
        elif d.kind == "choice":
            choices += CHOICE_WEIGHT
    return HistoryDistance(total=steps + choices, steps=steps, choices=choices)


# ----- turning points ------------------------------------------------------------------------


MECHANISM = {
    "patronage": "appointed secretaries, recruits and power bases pulled regions over",
    "ideology": "members drifted towards the lines that fitted the party's mood",
    "opponents_weaknesses": "followers deserted rivals in disgrace or out of the party",
    "alliances": "allies' followers came over",
    "rivalries": "accusations and their aftermath",
    "lenins_legacy": "claims on the founder's name and his last words",
    "personal_qualities": "speeches, articles and the army",
    "luck": "illness and chance",
}


def _swing_events(g: _Game, t: int, c: int, factor: str | None, cards_at: int | None) -> list[str]:
    """The public events behind a swing of contender ``c``: the cards of the turn ``cards_at``
    that carry the swing's factor, then c's own votes, changes and actions in turn ``t``."""
    out = []
    if cards_at is not None:
        for e in g.by_turn.get(cards_at, []):
            if e.kind == Kind.CARD and e.ref in g.cards and str(g.cards[e.ref].factor) == factor:
                out.append(f"the card \u201c{e.text}\u201d ({g.date(cards_at)})")
    for e in g.by_turn.get(t, []) if t >= 0 else []:
        if not e.public or c not in e.actors:
            continue
        if e.kind == Kind.VOTE and e.tally is not None:
            out.append(f"{e.tally.organ}: {e.tally.headline()}")
        elif e.kind in (Kind.OFFICE, Kind.STATUS, Kind.LUCK, Kind.ACTION, Kind.ALLIANCE):
            out.append(e.text.rstrip("."))
        elif e.kind == Kind.DECISION and e.ref in g.cards and str(g.cards[e.ref].factor) == factor:
            out.append(f"the card \u201c{e.text}\u201d")
    return list(dict.fromkeys(out))[:3]


def _swings(g: _Game) -> list[tuple[float, int, int, float, str, float, int | None, int]]:
    """(size, contender, date turn, change, factor, its amount, cards turn, events turn) of
    every swing of at least SWING_MIN between consecutive states. A state holds the cards that
    opened its turn, so a swing is dated by whichever part was larger: the quarter's play or
    the cards that opened the next quarter."""
    out = []
    n = len(g.ids)
    zero = tuple(tuple(0.0 for _ in g.books[0].factors) for _ in range(n))
    for w in range(-1, g.turns):
        a_now = g.books[0].start if w < 0 else g.books[w].now
        a_f = zero if w < 0 else g.books[w].by_factor
        b = g.books[w + 1]
        for c in range(n):
            delta = b.now[c] - a_now[c]
            if abs(delta) < SWING_MIN:
                continue
            by_f = [y - x for x, y in zip(a_f[c], b.by_factor[c], strict=True)]
            k = max(range(len(by_f)), key=lambda i: by_f[i] * (1 if delta > 0 else -1))
            cards_part = b.now[c] - b.history[w + 1][c] if w >= 0 else delta
            play_part = delta - cards_part
            cards_first = abs(cards_part) > abs(play_part)
            when = w + 1 if cards_first else w
            cards_at = w + 1 if cards_first and w + 1 < g.turns else None
            out.append(
                (
                    abs(delta),
                    c,
                    min(max(when, 0), g.turns - 1),
                    delta,
                    b.factors[k],
                    by_f[k],
                    cards_at,
                    w,
                )
            )
    return sorted(out, key=lambda s: -s[0])


def _part_of(part: float) -> str:
    """How much of a swing one factor made: ``all of``, ``62% of``, ``more than all of``."""
    if part > 1.005:
        return "more than all of"
    if part >= 0.995:
        return "all of"
    return f"{part:.0%} of"


def _turning_points(g: _Game, changes: list[_Change]) -> list[TurningPoint]:
    sc = g.sc
    points: list[TurningPoint] = []
    # Swings in support, with the factor that moved most in their direction.
    for _, c, t, delta, factor, amount, cards_at, played in _swings(g)[:MAX_SWINGS]:
        cid = g.ids[c]
        fname = factor_name(g.sc, factor) or factor
        direction = "gain" if delta > 0 else "loss"
        related = _swing_events(g, played, c, factor, cards_at)
        before = g.books[0].start[c] if played < 0 else g.books[played].now[c]
        part = amount / delta
        cause = f"{fname}, {_part_of(part)} the {direction} \u2014 "
        cause += "; ".join(related) if related else MECHANISM.get(factor, "the game's events")
        points.append(
            TurningPoint(
                turn=t,
                date=g.date(t),
                kind="swing",
                key=f"swing:{cid}:{direction}:{factor}",
                label=f"A big {direction} of support for {g.short(cid)} from {fname.lower()}",
                text=f"{g.short(cid)}'s support {'rises' if delta > 0 else 'falls'} from "
                f"{before:.0%} to {before + delta:.0%} of the party",
                contenders=[cid],
                factor=factor,
                factor_name=fname,
                cause=cause,
                weight=100 * abs(delta),
                change=delta,
            )
        )
    # Offices and rungs.
    ranks = [o.rank for o in sc.offices] or [1]
    top = max(max(ranks), 1)
    rank = {o.id: o.rank for o in sc.offices}
    for ch in changes:
        if ch.kind.startswith("office"):
            weight = 2 + 4 * max(rank.get(ch.ref, 0), 0) / top
            kind = "office"
            label = ch.text
        else:
            weight = 5 + g.rungs[ch.ref] if ch.kind == "down" else 4
            kind = "status"
            label = ch.text
        fname = factor_name(g.sc, ch.factor)
        cause = ch.cause or "the game's events"
        cause = f"{fname}: {cause}" if fname else cause
        points.append(
            TurningPoint(
                turn=ch.turn,
                date=g.date(ch.turn),
                kind=kind,
                key=f"{ch.kind}:{ch.cid}:{ch.ref}",
                label=label,
                text=ch.text,
                contenders=[ch.cid],
                factor=ch.factor,
                factor_name=fname,
                cause=cause,
                weight=weight,
            )
        )
    # Close votes that did not already show as a change of office or rung.
    explained = {
        (p.turn, c) for p in points if p.kind in ("office", "status") for c in p.contenders
    }
    for e in g.events:
        if e.kind != Kind.VOTE or e.tally is None or not e.public:
            continue
        tl = e.tally
        cast = tl.yes + tl.no
        if cast < 3:
            continue
        needed = tl.needed or cast // 2 + 1
        gap = abs(tl.yes - needed) if tl.passed else needed - tl.yes
        close = max(CLOSE_VOTE, 1.5 / cast)
        if gap / cast > close:
            continue
        target = g.ids[e.actors[1]] if len(e.actors) == 2 else None
        if target and (e.turn, target) in explained and tl.passed:
            continue
        verdict = "carried" if tl.passed else "defeated"
        points.append(
            TurningPoint(
                turn=e.turn,
                date=g.date(e.turn),
                kind="vote",
                key=f"vote:{tl.body}:{tl.motion.lower()}:{verdict}",
                label=f"{tl.organ}: \u201c{tl.motion}\u201d narrowly {verdict}",
                text=f"{tl.organ}: {tl.headline()}",
                contenders=[g.ids[a] for a in e.actors],
                factor=e.factor,
                factor_name=factor_name(g.sc, e.factor),
                cause=f"{factor_name(g.sc, e.factor) or 'The vote'}: a margin of {gap} vote"
                f"{'s' * (gap != 1)} \u2014 "
                + "; ".join(
                    f"{b.label} {b.yes}\u2013{b.no} ({b.reason})"
                    for b in sorted(tl.blocs, key=lambda b: -(b.yes + b.no))[:2]
                ),
                weight=3 + 2 * (1 - (gap / cast) / close),
            )
        )
    best = sorted(points, key=lambda p: -p.weight)[:MAX_TURNING_POINTS]
    return sorted(best, key=lambda p: (p.turn, -p.weight))


# ----- factors, votes, timeline, questions, sources -----------------------------------------


def _breakdown(
    sc: Scenario, cid: str, start: float, end: float, shares: Sequence[EngineFactorShare]
) -> FactorBreakdown:
    return FactorBreakdown(
        contender=cid,
        start=start,
        end=end,
        change=float(sum(f.amount for f in shares)),
        factors=[
            FactorShare(factor=f.factor, name=sc.factor_name(f.factor), amount=f.amount,
                        share=f.share)
            for f in shares
        ],
    )


def _votes(g: _Game, focus: set[int]) -> list[VoteRecord]:
    out = []
    for e in g.events:
        if e.kind != Kind.VOTE or e.tally is None:
            continue
        if not (e.public or focus & set(e.actors)):
            continue
        tl = e.tally
        out.append(
            VoteRecord(
                turn=e.turn,
                date=g.date(e.turn),
                organ=tl.organ,
                body=tl.body,
                motion=tl.motion,
                yes=tl.yes,
                no=tl.no,
                needed=tl.needed or (tl.yes + tl.no) // 2 + 1,
                passed=tl.passed,
                headline=tl.headline(),
                actors=[g.ids[a] for a in e.actors],
                factor=e.factor,
                blocs=[
                    BlocLine(label=b.label, yes=b.yes, no=b.no, reason=b.reason) for b in tl.blocs
                ],
            )
        )
    return out


def _decisions(g: _Game, t: int, cid: str) -> list[Decision]:
    acts = g.orders[t].get(cid, [])
    if not acts:
        return []
    options = {str(o.action): o for o in legal_actions(g.states[t], cid)}
    out = []
    for a in acts:
        o = options.get(a)
        if o is None:
            out.append(Decision(action=a, label=a, cost=0))
        else:
            out.append(Decision(action=a, label=o.label, cost=o.cost, odds=o.odds))
    return out


RESULT_KINDS = (
    Kind.ACTION,
    Kind.VOTE,
    Kind.OFFICE,
    Kind.STATUS,
    Kind.ALLIANCE,
    Kind.DECISION,
    Kind.LUCK,
)


def _results(g: _Game, t: int, cid: str) -> list[str]:
    c = g.ids.index(cid)
    out = []
    for e in g.by_turn.get(t, []):
        if e.kind not in RESULT_KINDS or c not in e.actors:
            continue
        if e.kind == Kind.DECISION and len(e.actors) > 1:
            continue  # a card every contender voted on: shown beside the history
        if e.kind == Kind.VOTE and e.tally is not None:
            out.append(f"{e.tally.organ}: {e.tally.headline()}")
        else:
            out.append(e.text)
    return list(dict.fromkeys(out))


def _history_notes(
    g: _Game, t: int, changes: list[_Change], divs: list[Divergence]
) -> list[HistoryNote]:
    sc = g.sc
    date = g.date(t)
    notes: list[HistoryNote] = []
    fired_now = {e.ref for e in g.by_turn.get(t, []) if e.kind == Kind.CARD}
    decided = {e.ref: e for e in g.events if e.kind == Kind.DECISION}
    diverged_titles = {
        d.title for d in divs if d.turn == t and d.kind in ("choice", "card_missing")
    }
    for e in sc.events:
        dated = e.when is not None and e.when.strip() == date
        if not (dated or (e.id in fired_now and e.when is None)):
            continue
        if e.id in fired_now:
            if e.choices and e.id in decided:
                choice = decided[e.id].data.get("choice")
                label = next((ch.label for ch in e.choices if ch.id == choice), choice)
                same = choice == e.choices[0].id
                in_game = f"Came up; decided \u201c{label}\u201d" + (
                    ", as in history."
                    if same
                    else f" (in history: \u201c{e.choices[0].label}\u201d)."
                )
            else:
                in_game = "Came up" + (" by chance." if e.when is None else ", as in history.")
        else:
            in_game = "Did not come up in this game."
        notes.append(
            HistoryNote(
                kind="card",
                ref=e.id,
                title=e.title,
                note=e.history,
                source=e.source,
                in_game=in_game,
                diverged=e.title in diverged_titles,
            )
        )
    moved = [ch.text for ch in changes if ch.turn == t]
    for m in sc.meetings:
        if m.when.strip() != date:
            continue
        met = any(e.kind == Kind.MEETING and m.name in e.text for e in g.by_turn.get(t, []))
        if moved:
            in_game = (
                ("Met. " if met else "") + "In this quarter of your game: " + "; ".join(moved) + "."
            )
        else:
            in_game = ("Met; " if met else "") + "nobody lost an office or a seat this quarter."
        notes.append(
            HistoryNote(kind="meeting", ref=m.name, title=m.name, note=m.note, in_game=in_game)
        )
    return notes


def _ticks(sc: Scenario, turns: int) -> list[tuple[int, str]]:
    """(support point, year) at the start of every year; at most a dozen, evenly spaced."""
    cal = sc.calendar
    ticks = []
    for k in range(turns + 1):
        n = k + cal.start_period - 1
        if n % cal.periods_per_year == 0:
            ticks.append((k, str(cal.start_year + n // cal.periods_per_year)))
    step = max(1, -(-len(ticks) // 12))
    return ticks[::step]


# ----- the debrief ----------------------------------------------------------------------------


def _standings(g: _Game) -> tuple[list[OutcomeLine], str]:
    """Every contender's line, best placed first, and the best placed: graded by the scenario's
    outcomes when the game is finished, else by rung, then support, as it stood."""
    final = {c.id: c for c in g.views[-1].contenders}
    result = outcome(g.states[-1])

    def line(cid: str, oid: str, name: str, rank: int, description: str, best: str):
        info = final[cid]
        return OutcomeLine(
            contender=cid,
            outcome=oid,
            name=name,
            rank=rank,
            description=description,
            support=info.support,
            status=info.status_name,
            offices=list(info.offices),
            winner=cid == best,
        )

    if result is not None:
        lines = [
            line(o.contender, o.outcome, o.name, o.rank, o.description, result.winner)
            for o in result.ranked()
        ]
        return lines, result.winner
    order = sorted(g.ids, key=lambda cid: (g.rung(len(g.views) - 1, cid), -final[cid].support))
    stopped = (
        f"The game stopped after {g.date(g.turns - 1)}, before its end: no ending is graded "
        "yet."
        if g.turns
        else "The game stopped before its first turn."
    )
    lines = [
        line(cid, "", f"Still in play: {final[cid].status_name}", 0, stopped, order[0])
        for cid in order
    ]
    return lines, order[0]


def _factor_votes(g: _Game, cid: str) -> dict[str, tuple[int, int]]:
    """Votes (won, lost) by factor for one contender: a motion of theirs carried or a charge
    against them failed is won; the opposite is lost."""
    c = g.ids.index(cid)
    out: dict[str, list[int]] = {}
    for e in g.events:
        if e.kind != Kind.VOTE or e.tally is None or c not in e.actors or not e.factor:
            continue
        mover = e.actors[0] == c
        won = e.tally.passed == mover
        tally = out.setdefault(str(e.factor), [0, 0])
        tally[0 if won else 1] += 1
    return {f: (w, lost) for f, (w, lost) in out.items()}


def _with_votes(fb: FactorBreakdown, votes: dict[str, tuple[int, int]]) -> FactorBreakdown:
    return fb.model_copy(
        update={
            "factors": [
                f.model_copy(
                    update={
                        "votes_won": votes.get(f.factor, (0, 0))[0],
                        "votes_lost": votes.get(f.factor, (0, 0))[1],
                    }
                )
                for f in fb.factors
            ]
        }
    )


def _milestone_steps(g: _Game) -> list[StepLine]:
    """The scenario's milestones (its own dated turning points, which the engine marks as the
    game reaches them) within the length played, each beside the turn this game reached it;
    the contender is the one whose short name opens its title, if any."""
    out = []
    for m in milestones(g.states[-1]):
        if m.history_turn >= g.sc.calendar.turns and m.reached is None:
            continue  # after the length's end: not part of this game
        who = next((c for c in g.ids if m.title.startswith(g.short(c))), None)
        out.append(
            StepLine(contender=who, label=m.title, history_turn=m.history_turn,
                     game_turn=m.reached)
        )
    return out


def _steps(g: _Game, changes: list[_Change]) -> list[StepLine]:
    """The steps the game is compared with history by: the scenario's milestones where it has
    them; else the record's dated steps beside the turns they came in this game, then the
    game's steps down the ladder that the record does not have."""
    if g.sc.milestones:
        return _milestone_steps(g)
    taken = _first_step_turns(g, changes)
    record = hist.milestones(g.sc)
    out = [
        StepLine(
            contender=m.contender,
            label=m.label,
            history_turn=m.turn,
            game_turn=taken.get((m.contender, m.step)),
        )
        for m in record
    ]
    recorded = {(m.contender, m.step) for m in record}
    steps = {s.id: s for s in hist.ladder_steps(g.sc)}
    for (cid, step_id), when in sorted(taken.items(), key=lambda x: x[1]):
        step = steps.get(step_id)
        if step is None or (cid, step_id) in recorded:
            continue
        out.append(
            StepLine(
                contender=cid, label=_step_phrase(g, cid, step), history_turn=None,
                game_turn=when,
            )
        )
    return out


def _sources(g: _Game, mat: Material) -> list[SourceCited]:
    by_source: dict[str, list[str]] = {}
    for e in g.events:
        if e.kind == Kind.CARD and e.ref in g.cards:
            card = g.cards[e.ref]
            if card.source:
                titles = by_source.setdefault(card.source, [])
                if card.title not in titles:
                    titles.append(card.title)
    out = []
    for title, cards in by_source.items():
        doc = mat.source(title)
        out.append(
            SourceCited(
                source=title,
                kind=doc.kind if doc else "",
                note=doc.note if doc else "",
                cards=cards,
            )
        )
    return out


def debrief(
    match: Match,
    humans: Sequence[str] = (),
    length: str = "full",
    names: Mapping[str, str] | None = None,
) -> Debrief:
    """The debrief of a game from its record alone (the match is replayed): finished, or
    stopped early, when it reports what was played. ``match.scenario`` is the scenario as
    played, cut to ``length``; its ending, ladder and epilogue are that length's. ``humans``
    are the contenders people played, ``names`` the players' names by seat (an all-AI game run
    by a student names the seat it was run for); the timeline follows the people's seats, else
    the named ones, else the best placed."""
    g = _replay(match)
    sc = g.sc
    if g.turns == 0:
        raise DebriefError("no turn of this game was played, so there is nothing to debrief")
    mat = material(sc)
    names = dict(names or {})
    unknown = [h for h in [*humans, *names] if h not in g.ids]
    if unknown:
        raise DebriefError(f"no contender {unknown[0]!r} in scenario {sc.id!r}")
    humans = [h for h in g.ids if h in humans]
    outcomes, winner = _standings(g)
    focus = humans or [c for c in g.ids if c in names] or [winner]
    changes = _changes(g)
    divs = _divergences(g, changes)
    points = _turning_points(g, changes)
    books = g.books[-1]
    factors = [
        _with_votes(
            _breakdown(sc, cid, books.start[c], books.now[c], books.shares(cid)),
            _factor_votes(g, cid),
        )
        for c, cid in enumerate(g.ids)
    ]
    focus_idx = {g.ids.index(c) for c in focus}
    votes = _votes(g, focus_idx)
    timeline = []
    for t in range(g.turns):
        timeline.append(
            TurnEntry(
                turn=t,
                date=g.date(t),
                players=[
                    PlayerTurn(
                        contender=cid, decisions=_decisions(g, t, cid), results=_results(g, t, cid)
                    )
                    for cid in focus
                ],
                history=_history_notes(g, t, changes, divs),
                divergences=[i for i, d in enumerate(divs) if d.turn == t],
            )
        )
    d = Debrief(
        scenario_id=sc.id,
        scenario_title=sc.title,
        scenario_dates=sc.dates,
        seed=g.seed,
        length=length,
        length_turns=sc.calendar.turns,
        finished=g.states[-1].finished,
        turns=g.turns,
        dates=["Start"] + [g.date(t) for t in range(g.turns)],
        quarters=[sc.calendar.label(t) for t in range(sc.calendar.turns)],
        ticks=_ticks(sc, g.turns),
        humans=humans,
        names=names,
        focus=focus,
        contenders=[
            ContenderRef(
                id=c.id,
                name=c.name,
                short=c.short,
                colour=c.colour,
                pattern=c.pattern,
                human=c.id in humans,
            )
            for c in sc.contenders
        ],
        outcomes=outcomes,
        winner=winner,
        learning_objectives=list(sc.learning_objectives),
        timeline=timeline,
        divergences=divs,
        turning_points=points,
        factors=factors,
        support=[
            SupportSeries(contender=cid, points=[h[c] for h in books.history])
            for c, cid in enumerate(g.ids)
        ],
        votes=votes,
        questions=[],
        sources=_sources(g, mat),
        reading=[
            Work(
                author=w.author, title=w.title, year=w.year, publisher=w.publisher,
                kind=w.kind, argues=w.argues,
            )
            for w in mat.reading
        ],
        steps=_steps(g, changes),
        distance=_distance(divs),
        essay=mat.essay.question,
        mark_note=mat.common.levels_note,
        epilogue=sc.epilogue,
        touches=list(match.touches),
    )
    return d.model_copy(update={"questions": questions(d, sc, mat)})


# ----- the class summary ----------------------------------------------------------------------


def _game_key(save: SaveFile) -> str:
    """Copies of one save share this; two students who ran the same seed do not (their names
    differ), nor two games whose debug console changes differ."""
    return json.dumps(
        [save.scenario_id, save.scenario_hash, save.seed, save.orders, save.names,
         [c.model_dump(mode="json") for c in save.changes]],
        sort_keys=True,
    )


def class_summary(saves: Sequence[tuple[str, SaveFile | str]], scenario: Scenario,
                  debrief_of: Callable[[str, SaveFile], Debrief] | None = None) -> ClassSummary:
    """Summarise the finished games of ``scenario`` among ``saves``: (path, parsed save) pairs,
    or (path, the reason it could not be read). Saves of other scenarios or versions, duplicates
    (same seed and orders), unfinished games and records that do not replay are listed in
    ``skipped`` with the reason, in the order given. ``debrief_of(path, save)`` gives a game's
    debrief where they are kept (the teacher's live page summarises again as each game ends)."""
    skipped: list[SkippedSave] = []
    seen: dict[str, str] = {}
    games: list[tuple[str, SaveFile, Debrief]] = []
    for path, item in saves:
        if isinstance(item, str):
            skipped.append(SkippedSave(path=path, reason=item))
            continue
        save = item
        if save.scenario_id != scenario.id:
            skipped.append(
                SkippedSave(
                    path=path,
                    reason=f"a game of another scenario ({save.scenario_id!r}); this "
                    f"summary is of {scenario.id!r}",
                )
            )
            continue
        try:
            played = played_scenario(save, scenario)  # cut to the lesson length it played
        except SaveError as e:
            skipped.append(SkippedSave(path=path, reason=str(e)))
            continue
        turns = played.calendar.turns
        if save.scenario_hash != played.content_hash():
            skipped.append(
                SkippedSave(
                    path=path,
                    reason=f"made with a different version of scenario {scenario.id!r}, "
                    "so it cannot be replayed",
                )
            )
            continue
        if save.turn < turns:
            skipped.append(
                SkippedSave(
                    path=path, reason=f"unfinished: saved after {save.turn} of {turns} turns"
                )
            )
            continue
        key = _game_key(save)
        if key in seen:
            skipped.append(
                SkippedSave(
                    path=path, reason=f"the same game as {seen[key]} (same seed and orders)"
                )
            )
            continue
        try:
            if debrief_of is not None:
                d = debrief_of(path, save)
            else:
                d = debrief(resume(save, scenario), save.humans, save.length, save.names)
        except (SaveError, DebriefError) as e:
            skipped.append(SkippedSave(path=path, reason=str(e)))
            continue
        except Exception as e:  # noqa: BLE001 - one bad record must not sink a class summary
            skipped.append(
                SkippedSave(path=path, reason=f"could not be replayed ({type(e).__name__}: {e})")
            )
            continue
        seen[key] = path
        games.append((path, save, d))
    return _summarise(scenario, games, skipped)


LENGTH_ORDER = ("short", "standard", "full")


def _summarise(
    sc: Scenario, games: list[tuple[str, SaveFile, Debrief]], skipped: list[SkippedSave]
) -> ClassSummary:
    ids = [c.id for c in sc.contenders]
    games = sorted(games, key=lambda x: LENGTH_ORDER.index(x[2].length)
                   if x[2].length in LENGTH_ORDER else len(LENGTH_ORDER))
    lengths = list(dict.fromkeys(d.length for _, _, d in games))
    # Outcomes by length, then by the seat played (each length has its own endings).
    played = []
    for length in lengths:
        seats: dict[str, list[tuple[OutcomeLine, bool]]] = {}
        for _, _, d in games:
            if d.length != length:
                continue
            for h in d.humans or [d.winner]:
                seats.setdefault(h if d.humans else "", []).append((d.outcome_of(h), d.winner == h))
        for cid in [*ids, ""]:
            if cid not in seats:
                continue
            by_outcome: dict[str, list[OutcomeLine]] = {}
            for o, _ in seats[cid]:
                by_outcome.setdefault(o.outcome, []).append(o)
            played.append(
                PlayedBy(
                    contender=cid,
                    length=length,
                    games=len(seats[cid]),
                    wins=sum(w for _, w in seats[cid]),
                    outcomes=[
                        OutcomeCount(outcome=oid, name=os_[0].name, rank=os_[0].rank,
                                     games=len(os_))
                        for oid, os_ in sorted(by_outcome.items(), key=lambda x: -x[1][0].rank)
                    ],
                )
            )
    # Turning points that recur.
    per_key: dict[str, list[TurningPoint]] = {}
    for _, _, d in games:
        for key, tp in {tp.key: tp for tp in d.turning_points}.items():
            per_key.setdefault(key, []).append(tp)
    common = sorted(
        per_key.items(),
        key=lambda kv: (-len(kv[1]), statistics.median_low([tp.turn for tp in kv[1]]), kv[0]),
    )[:MAX_COMMON]
    n = len(games)
    common_tps = [
        CommonTurningPoint(
            key=key,
            label=tps[0].label,
            kind=tps[0].kind,
            games=len(tps),
            share=len(tps) / n,
            typical_date=sc.calendar.label(statistics.median_low([tp.turn for tp in tps])),
        )
        for key, tps in common
    ]
    # Factors, averaged per game.
    factors = []
    pooled: list[FactorBreakdown] = []
    played_fb = None
    if games:
        names = [f.factor for f in games[0][2].factors[0].factors]
        for cid in ids:
            fbs = [next(f for f in d.factors if f.contender == cid) for _, _, d in games]
            factors.append(_mean_breakdown(sc, cid, fbs, names))
        for _, _, d in games:
            pooled += [f for f in d.factors if f.contender in d.humans]
        played_fb = _mean_breakdown(sc, "played", pooled, names) if pooled else None
    lines = [
        GameLine(
            path=path,
            seed=save.seed,
            length=d.length,
            humans=d.humans,
            names=dict(d.names),
            winner=d.winner,
            outcomes={h: d.outcome_of(h).name for h in (d.humans or [d.winner])},
            distance=d.distance.total,
            divergences=sum(x.kind != "card_missing" for x in d.divergences),
            touches=list(d.touches),
        )
        for path, save, d in games
    ]
    students = [
        StudentLine(
            student=d.names.get(h, ""),
            path=line.path,
            length=d.length,
            contender=h,
            outcome=d.outcome_of(h).name,
            rank=d.outcome_of(h).rank,
            best_placed=d.winner == h,
            distance=d.distance.total,
        )
        for line, (_, _, d) in zip(lines, games, strict=True)
        for h in d.humans or [c for c in d.focus if c in d.names]
    ]
    groups = []
    for length in lengths:
        mine = [(line, d) for line, (_, _, d) in zip(lines, games, strict=True)
                if d.length == length]
        dist = [line.distance for line, _ in mine]
        groups.append(
            LengthGroup(
                length=length,
                turns=mine[0][1].length_turns,
                games=len(mine),
                mean_distance=sum(dist) / len(dist),
                closest=min((line for line, _ in mine), key=lambda x: x.distance),
                furthest=max((line for line, _ in mine), key=lambda x: x.distance),
            )
        )
    return ClassSummary(
        scenario_id=sc.id,
        scenario_title=sc.title,
        games=n,
        skipped=skipped,
        contenders=[
            ContenderRef(
                id=c.id,
                name=c.name,
                short=c.short,
                colour=c.colour,
                pattern=c.pattern,
                human=any(c.id in d.humans for _, _, d in games),
            )
            for c in sc.contenders
        ],
        played=played,
        students=students,
        lengths=groups,
        common_turning_points=common_tps,
        factors=factors,
        factors_played=played_fb,
        game_list=lines,
        learning_objectives=list(sc.learning_objectives),
    )


def _mean_breakdown(
    sc: Scenario, cid: str, fbs: Sequence[FactorBreakdown], names: Sequence[str]
) -> FactorBreakdown:
    k = len(fbs)
    amounts = [sum(fb.factors[i].amount for fb in fbs) / k for i in range(len(names))]
    return _breakdown(
        sc, cid, sum(f.start for f in fbs) / k, sum(f.end for f in fbs) / k,
        factor_shares(names, amounts),
    )
