"""What the kernels recorded, in words: :func:`narrate` turns a turn's :class:`~game.rules.log.Log`
into :class:`GameEvent` objects with sentences, tallies and data.

The rules record numbers and codes (:mod:`game.rules.log`); every sentence is made here, from
those numbers, so an explanation always says what the rules did. Each message code has one
function; the actions' and the meetings' words live beside this module
(:mod:`game.engine.narrate_actions`, :mod:`game.engine.narrate_meetings`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from game.rules import layout as lay
from game.rules import log as L
from game.rules import votes as V

from . import explain
from .record import Bloc, GameEvent, Kind, Tally
from .scenario import Scenario, post_of

KINDS = tuple(Kind)  # in game.rules.log's K_* order
MOTION_KINDS = {lay.ACCUSE: "accuse", lay.RELIEVE: "relieve", lay.RESIGN: "resign",
                lay.RESOLUTION: "resolution", lay.CONFIDENCE: "confidence"}


@dataclass(frozen=True, slots=True)
class Row:
    """One event row of a log, read out of its arrays."""

    log: L.Log
    index: int

    def int(self, field: int) -> int:
        return int(self.log.event[self.index, field])

    @property
    def turn(self) -> int:
        return self.int(L.E_TURN)

    @property
    def code(self) -> int:
        return self.int(L.E_CODE)

    @property
    def actors(self) -> tuple[int, ...]:
        return tuple(a for a in (self.int(L.E_ACTOR0), self.int(L.E_ACTOR1),
                                 self.int(L.E_ACTOR2)) if a >= 0)

    @property
    def ref(self) -> int:
        return self.int(L.E_REF)

    @property
    def vote(self) -> int:
        return self.int(L.E_VOTE)

    def x(self, i: int) -> float:
        return float(self.log.event_x[self.index, i])


class Names:
    """The names a sentence uses, from the scenario."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario

    def name(self, c: int) -> str:
        return self.scenario.contenders[c].short

    def organ(self, organ: int) -> str:
        return getattr(self.scenario.organs, lay.ORGAN_IDS[organ]).name


class Asked(NamedTuple):
    """A question as the words of :mod:`game.engine.explain` read it."""

    kind: str
    sponsor: int
    target: int


# ----- sentences, by message code ----------------------------------------------------------
def _card(row: Row, names: Names) -> str:
    return names.scenario.events[row.ref].title


def _decided(row: Row, names: Names) -> str:
    e = names.scenario.events[row.ref]
    return explain.titled(e.title, e.choices[row.int(L.E_I0)].label)


def _loses(row: Row, names: Names) -> str:
    return f"{names.name(row.actors[0])} loses {post_of(names.scenario.offices[row.ref])}."


def _holds(row: Row, names: Names) -> str:
    return f"{names.name(row.actors[0])} now holds {post_of(names.scenario.offices[row.ref])}."


def _notable_elected(row: Row, names: Names) -> str:
    return (f"{names.scenario.notables[row.ref].name} is elected to the "
            f"{names.organ(lay.POLITBURO)}.")


def _steps_down(row: Row, names: Names) -> str:
    return f"{names.name(row.actors[0])}: {names.scenario.ladder[row.ref].name}."


def _alliance(verb: str) -> Callable[[Row, Names], str]:
    def words(row: Row, names: Names) -> str:
        a, b = row.actors
        return f"{names.name(a)} and {names.name(b)} {verb}."

    return words


def _end(row: Row, names: Names) -> str:
    winner = row.actors[0]
    outcome = names.scenario.outcomes[row.int(L.E_I0)]
    return f"The game ends. {outcome.name}: {names.scenario.contenders[winner].name}."


def _accuses(row: Row, names: Names) -> str:
    c, t = row.actors
    return (f"{names.name(c)} accuses {names.name(t)} of factionalism; the "
            f"{names.organ(row.int(L.E_I0))} will decide.")


def _moves_relief(row: Row, names: Names) -> str:
    c, holder = row.actors
    return (f"{names.name(c)} moves that {names.name(holder)} be relieved as "
            f"{names.scenario.offices[row.ref].name}; the "
            f"{names.organ(lay.CENTRAL_COMMITTEE)} will decide.")


def _vote(row: Row, names: Names) -> str:
    return tally(row.log, row.vote, names).headline()


SENTENCES: dict[int, Callable[[Row, Names], str]] = {
    L.C_CARD: _card,
    L.C_DECIDED: _decided,
    L.C_LOSES_OFFICE: _loses,
    L.C_HOLDS_OFFICE: _holds,
    L.C_NOTABLE_ELECTED: _notable_elected,
    L.C_STEPS_DOWN: _steps_down,
    L.C_ALLIANCE_MADE: _alliance("form an alliance"),
    L.C_ALLIANCE_BROKEN: _alliance("break their alliance"),
    L.C_ACCUSES: _accuses,
    L.C_MOVES_RELIEF: _moves_relief,
    L.C_VOTE: _vote,
    L.C_END: _end,
}


# ----- votes ----------------------------------------------------------------------------------
def motion(kind: int, sponsor: int, target: int, direction: int, office: int,
           names: Names) -> str:
    """What was put to the vote, as the tally's title says it."""
    s = names.name(sponsor)
    if kind == lay.ACCUSE:
        return f"{s} accuses {names.name(target)} of factionalism"
    if kind == lay.RESOLUTION:
        side = "Left" if direction < 0 else "Right"
        return f"{s}'s resolution to move the party's line to the {side}"
    if kind == lay.RESIGN:
        return f"{s} offers to give up {post_of(names.scenario.offices[office])}; accept the " \
               "resignation"
    if kind == lay.RELIEVE:
        return (f"{s} moves that {names.name(target)} be relieved of "
                f"{post_of(names.scenario.offices[office])}")
    return (f"Approve the {names.organ(lay.CENTRAL_COMMITTEE)}'s report, presented by {s}")


def _bloc_label(log: L.Log, b: int, names: Names) -> str:
    label, ref = int(log.bloc[b, L.B_LABEL]), int(log.bloc[b, L.B_REF])
    sc = names.scenario
    if label == L.L_CONTENDER:
        return names.name(ref)
    if label == L.L_NOTABLE:
        return sc.notables[ref].name
    if label == L.L_FACTION:
        return f"Loyal to {names.name(ref)}"
    if label == L.L_UNCOMMITTED:
        return "Uncommitted members"
    if label == L.L_DELEGATION:
        return f"{sc.regions[ref].name} delegation"
    return "Members who follow no one, and the rest of each faction"


def _terms(log: L.Log, v: int, kind: int) -> list[tuple[str, float]]:
    """The terms that swayed those who judged for themselves, in the order the rules add
    them."""
    values = log.vote_x[v, L.VX_TERMS:]
    return [(L.TERM_IDS[i], float(values[i])) for i in V.term_order(kind).tolist()
            if not np.isnan(values[i])]


def tally(log: L.Log, v: int, names: Names) -> Tally:
    """A motion's vote, bloc by bloc, each part with its reason."""
    vote = log.vote[v]
    kind, sponsor, target = int(vote[L.V_KIND]), int(vote[L.V_SPONSOR]), int(vote[L.V_TARGET])
    asked = Asked(MOTION_KINDS[kind], sponsor, target)
    organ = int(vote[L.V_ORGAN])
    terms = _terms(log, v, kind)
    noise = float(log.vote_x[v, L.VX_NOISE])
    ids = [c.id for c in names.scenario.contenders]
    blocs = []
    first = int(vote[L.V_FIRST_BLOC])
    for b in range(first, first + int(vote[L.V_BLOCS])):
        row = log.bloc[b]
        seats = int(row[L.B_SEATS])
        parts: list[tuple[str, int, int]] = []
        words: list[str] = []
        for k in np.flatnonzero(log.follow[b]).tolist():
            sign, why = int(log.stance[v, k]), V.WHY_IDS[int(log.stance_why[v, k])]
            n = int(log.follow[b, k])
            parts.append((ids[k], n if sign > 0 else 0, n if sign < 0 else 0))
            side = "for it" if sign > 0 else "against it"
            because = explain.stance_words(names, asked, k, sign, why)
            if row[L.B_TAG] == L.G_SEAT:
                words.append(f"{side}: {because}")
            else:
                count = "" if seats == 1 else f"{n} "
                words.append(f"{count}loyal to {names.name(k)}, who is {side} ({because})")
        judging = int(row[L.B_JUDGING])
        if judging:
            judged_yes = int(row[L.B_JUDGED_YES])
            parts.append(("", judged_yes, judging - judged_yes))
            lean = float(log.bloc_lean[b])
            swayed = [*terms, ("line", lean)] if lean else terms
            split = (f"voted {'for' if judged_yes else 'against'}" if judging == 1
                     else f"split {judged_yes}\u2013{judging - judged_yes}")
            who_judged = "judged for himself" if seats == 1 else (
                f"{judging} judged for themselves" if parts[:-1] else "judged for themselves")
            words.append(f"{who_judged} and {split} "
                         f"({explain.judged(names, asked, swayed, noise)})")
        blocs.append(Bloc(_bloc_label(log, b, names), int(row[L.B_YES]), int(row[L.B_NO]),
                          "; ".join(words), tuple(parts)))
    return Tally(names.organ(organ),
                 motion(kind, sponsor, target, int(vote[L.V_DIRECTION]), int(vote[L.V_OFFICE]),
                        names),
                 int(vote[L.V_YES]), int(vote[L.V_NO]), bool(vote[L.V_PASSED]), tuple(blocs),
                 int(vote[L.V_NEEDED]), lay.ORGAN_IDS[organ])


def choice_data(log: L.Log, v: int, options: list[tuple[str, str]], names: Names) -> dict:
    """A choice the Central Committee voted on (a card, an election), as event data: the
    count per option, each option's label, the organ and the blocs with their reasons."""
    vote = log.vote[v]
    count = int(vote[L.V_CHOICES])
    ids = [i for i, _ in options]
    labels = [label for _, label in options]
    votes = {ids[i]: int(log.options[v, i]) for i in range(count)}
    swayed_by = "its appeal" if int(vote[L.V_DIRECTION]) == V.SWAY_APPEAL else "prestige"
    blocs = []
    first = int(vote[L.V_FIRST_BLOC])
    for b in range(first, first + int(vote[L.V_BLOCS])):
        split = [int(x) for x in log.split[b, :count]]
        if int(log.bloc[b, L.B_LABEL]) == L.L_FACTION:
            reason = f"as {names.name(int(log.bloc[b, L.B_REF]))} asked"
        else:
            reason = explain.chosen(labels, log.option_x[v, :count, 0].tolist(),
                                    log.option_x[v, :count, 1].tolist(), swayed_by)
        blocs.append((_bloc_label(log, b, names), split, reason))
    return {"votes": votes, "blocs": blocs, "labels": dict(options),
            "organ": names.organ(lay.CENTRAL_COMMITTEE)}


# ----- events ---------------------------------------------------------------------------------
def _decision_data(row: Row, names: Names) -> dict:
    e = names.scenario.events[row.ref]
    packed = row.int(L.E_I1)
    backers: dict[str, list[str]] = {}
    for c, d in enumerate(names.scenario.contenders):
        pick = ((packed >> (4 * c)) & 15) - 1
        if pick >= 0:
            backers.setdefault(e.choices[pick].id, []).append(d.id)
    data: dict = {"choice": e.choices[row.int(L.E_I0)].id}
    if not row.int(L.E_I3):  # asked: who backed what (a forced choice asks nobody)
        data["backers"] = {ch.id: backers[ch.id] for ch in e.choices if ch.id in backers}
    if row.vote >= 0:
        data |= choice_data(row.log, row.vote, [(ch.id, ch.label) for ch in e.choices], names)
    return data


def _decision_actors(row: Row) -> tuple[int, ...]:
    mask = row.int(L.E_I2)
    return tuple(c for c in range(64) if mask >> c & 1)


def _ref(row: Row, names: Names, kind: Kind) -> str | None:
    sc = names.scenario
    if row.ref < 0:
        return None
    if kind in (Kind.CARD, Kind.DECISION):
        return sc.events[row.ref].id
    if row.code == L.C_NOTABLE_ELECTED:
        return sc.notables[row.ref].id
    if row.code in (L.C_LOSES_OFFICE, L.C_HOLDS_OFFICE):
        return sc.offices[row.ref].id
    if row.code == L.C_STEPS_DOWN:
        return sc.ladder[row.ref].id
    return None


def narrate(scenario: Scenario, log: L.Log) -> list[GameEvent]:
    """Every event the log recorded, in order, in words."""
    from . import narrate_actions, narrate_meetings  # their sentences read this module's rows

    sentences = {**SENTENCES, **narrate_actions.SENTENCES, **narrate_meetings.SENTENCES}
    names = Names(scenario)
    out = []
    for i in range(int(log.counts[L.N_EVENTS])):
        row = Row(log, i)
        kind = KINDS[row.int(L.E_KIND)]
        if kind is Kind.RESULT:  # its code is the kind of action, not a message code
            out.append(narrate_actions.result(row, names))
            continue
        factor = row.int(L.E_FACTOR)
        made = sentences[row.code](row, names)
        if isinstance(made, GameEvent):
            out.append(made)
            continue
        actors = _decision_actors(row) if kind is Kind.DECISION else row.actors
        data = _decision_data(row, names) if kind is Kind.DECISION else {}
        out.append(GameEvent(
            row.turn, kind, made, actors,
            lay.FACTOR_IDS[factor] if factor >= 0 else None,
            _ref(row, names, kind),
            tally(log, row.vote, names) if row.code == L.C_VOTE and row.vote >= 0 else None,
            bool(row.int(L.E_PUBLIC)),
            data,
        ))
    return out
