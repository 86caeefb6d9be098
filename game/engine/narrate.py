"""What the kernels recorded, in words: :func:`narrate` turns a turn's :class:`~game.rules.log.Log`
into :class:`GameEvent` objects with sentences, tallies and data.

The rules record numbers and codes (:mod:`game.rules.log`); every sentence is made from those
numbers, so an explanation always says what the rules did. Each message code has one function:
the cards', offices' and alliances' here, the actions', the meetings' and the votes' beside this
module (:mod:`game.engine.narrate_actions`, :mod:`game.engine.narrate_meetings`,
:mod:`game.engine.narrate_votes`), all reading rows as :mod:`game.engine.narrate_rows` does.
"""

from __future__ import annotations

from collections.abc import Callable

from game.rules import layout as lay
from game.rules import log as L

from . import explain, narrate_actions, narrate_meetings
from .narrate_rows import Names, Row
from .narrate_votes import choice_data, tally
from .record import GameEvent, Kind
from .scenario import Scenario, post_of

KINDS = tuple(Kind)  # in game.rules.log's K_* order


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


def _put_on_rung(row: Row, names: Names) -> str:
    return f"{names.name(row.actors[0])} is now {names.scenario.ladder[row.ref].name}."


def _notable_office(row: Row, names: Names) -> str:
    notable = names.scenario.notables[row.int(L.E_I0)].name
    return f"{notable} now holds {post_of(names.scenario.offices[row.ref])}."


def _notable_leaves_office(row: Row, names: Names) -> str:
    notable = names.scenario.notables[row.int(L.E_I0)].name
    return f"{notable} gives up {post_of(names.scenario.offices[row.ref])}."


def _notable_seated(seated: bool) -> Callable[[Row, Names], str]:
    def words(row: Row, names: Names) -> str:
        notable = names.scenario.notables[row.ref].name
        return (f"{notable} takes a seat in the {names.organ(lay.POLITBURO)}." if seated else
                f"{notable} leaves the {names.organ(lay.POLITBURO)}.")

    return words


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
    L.C_PUT_ON_RUNG: _put_on_rung,
    L.C_NOTABLE_OFFICE: _notable_office,
    L.C_NOTABLE_LEAVES_OFFICE: _notable_leaves_office,
    L.C_NOTABLE_SEATED: _notable_seated(True),
    L.C_NOTABLE_UNSEATED: _notable_seated(False),
    L.C_ALLIANCE_MADE: _alliance("form an alliance"),
    L.C_ALLIANCE_BROKEN: _alliance("break their alliance"),
    L.C_ACCUSES: _accuses,
    L.C_MOVES_RELIEF: _moves_relief,
    L.C_VOTE: _vote,
    L.C_END: _end,
}


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
    if row.code in (L.C_NOTABLE_ELECTED, L.C_NOTABLE_SEATED, L.C_NOTABLE_UNSEATED):
        return sc.notables[row.ref].id
    if row.code in (L.C_LOSES_OFFICE, L.C_HOLDS_OFFICE, L.C_NOTABLE_OFFICE,
                    L.C_NOTABLE_LEAVES_OFFICE):
        return sc.offices[row.ref].id
    if row.code in (L.C_STEPS_DOWN, L.C_PUT_ON_RUNG):
        return sc.ladder[row.ref].id
    return None


def narrate(scenario: Scenario, log: L.Log) -> list[GameEvent]:
    """Every event the log recorded, in order, in words."""
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
