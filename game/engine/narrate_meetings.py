"""The words for what the meetings and the end of a turn record (:mod:`game.rules.meetings`,
:mod:`game.rules.drift`): one function per message code, from the event row and the scenario's
names, for :func:`game.engine.narrate.narrate` (its ``more``: :data:`SENTENCES`).

A meeting's opening and the Central Committee's election are about an organ, not about anyone
(no actors; the organ as the event's ``ref``); an office filled by the Central Committee comes
with its count.
"""

from __future__ import annotations

from collections.abc import Callable

from game.rules import layout as lay
from game.rules import log as L

from .narrate_rows import Names, Row
from .narrate_votes import choice_data
from .record import GameEvent, Kind
from .scenario import post_of


def _meeting(row: Row, text: str, organ: int) -> GameEvent:
    """A meeting's event: public, about the organ, nobody's doing."""
    factor = row.int(L.E_FACTOR)
    return GameEvent(row.turn, Kind.MEETING, text, (),
                     lay.FACTOR_IDS[factor] if factor >= 0 else None, lay.ORGAN_IDS[organ])


def _meeting_name(names: Names, meeting: int, extraordinary: str) -> str:
    """A scheduled meeting's name, or what an extraordinary one is called."""
    return names.scenario.meetings[meeting].name if meeting >= 0 else extraordinary


def congress_opens(row: Row, names: Names) -> GameEvent:
    name = _meeting_name(names, row.ref, f"Extraordinary {names.organ(lay.CONGRESS)}")
    return _meeting(row, f"{name} opens with {row.int(L.E_I0)} voting delegates.", lay.CONGRESS)


def cc_elected(row: Row, names: Names) -> GameEvent:
    head = names.name(row.int(L.E_ACTOR0))
    text = (f"The delegates elect a {names.organ(lay.CENTRAL_COMMITTEE)} of "
            f"{row.int(L.E_I0)}; the largest faction, {row.x(0):.0%}, follows {head}.")
    return _meeting(row, text, lay.CENTRAL_COMMITTEE)


def plenum(row: Row, names: Names) -> GameEvent:
    organ = names.organ(lay.CENTRAL_COMMITTEE)
    name = _meeting_name(names, row.ref, f"Extraordinary plenum of the {organ}")
    return _meeting(row, f"The {organ} meets ({name}).", lay.CENTRAL_COMMITTEE)


def elects(row: Row, names: Names) -> GameEvent:
    sc = names.scenario
    winner = row.int(L.E_ACTOR0)
    office = sc.offices[row.ref]
    candidates = row.int(L.E_I0)
    options = [(c.id, c.short) for i, c in enumerate(sc.contenders) if candidates >> i & 1]
    factor = row.int(L.E_FACTOR)
    return GameEvent(
        row.turn, Kind.MEETING,
        f"The {names.organ(lay.CENTRAL_COMMITTEE)} elects {names.name(winner)} to "
        f"{post_of(office)}.",
        (winner,), lay.FACTOR_IDS[factor] if factor >= 0 else None, office.id,
        data=choice_data(row.log, row.vote, options, names) if row.vote >= 0 else {},
    )


def falls_ill(row: Row, names: Names) -> str:
    return f"{names.name(row.int(L.E_ACTOR0))} falls ill and misses meetings."


def charge_lapses(row: Row, names: Names) -> str:
    """A charge whose target was brought down another way before the organ met."""
    who = names.scenario.contenders
    sponsor, target = who[row.int(L.E_ACTOR0)], who[row.int(L.E_ACTOR1)]
    return (f"{sponsor.name}'s charge against {target.name} lapses: {target.short} is no "
            f"longer the {names.organ(row.int(L.E_I0))}'s to judge.")


SENTENCES: dict[int, Callable[[Row, Names], GameEvent | str]] = {
    L.C_CHARGE_LAPSES: charge_lapses,
    L.C_CONGRESS_OPENS: congress_opens,
    L.C_CC_ELECTED: cc_elected,
    L.C_PLENUM: plenum,
    L.C_ELECTS: elects,
    L.C_ILL: falls_ill,
}
