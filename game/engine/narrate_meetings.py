"""The words for what the meetings and the end of a turn record (:mod:`game.rules.meetings`,
:mod:`game.rules.drift`): one sentence per message code, from the event row and the scenario.

Each function takes the :class:`~game.rules.log.Log`, the event row's index and the scenario;
:data:`SENTENCES` maps each message code to its function.
"""

from __future__ import annotations

from collections.abc import Callable

from game.rules import log as L

from .scenario import Scenario, post_of


def _meeting_name(sc: Scenario, meeting: int, extraordinary: str) -> str:
    """A scheduled meeting's name, or what an extraordinary one is called."""
    return sc.meetings[meeting].name if meeting >= 0 else extraordinary


def congress_opens(log: L.Log, i: int, sc: Scenario) -> str:
    row = log.event[i]
    name = _meeting_name(sc, int(row[L.E_REF]), f"Extraordinary {sc.organs.congress.name}")
    return f"{name} opens with {int(row[L.E_I0])} voting delegates."


def cc_elected(log: L.Log, i: int, sc: Scenario) -> str:
    row = log.event[i]
    head = sc.contenders[int(row[L.E_ACTOR0])].short
    share = float(log.event_x[i, 0])
    return (f"The delegates elect a {sc.organs.central_committee.name} of {int(row[L.E_I0])}; "
            f"the largest faction, {share:.0%}, follows {head}.")


def plenum(log: L.Log, i: int, sc: Scenario) -> str:
    organ = sc.organs.central_committee.name
    name = _meeting_name(sc, int(log.event[i, L.E_REF]), f"Extraordinary plenum of the {organ}")
    return f"The {organ} meets ({name})."


def elects(log: L.Log, i: int, sc: Scenario) -> str:
    row = log.event[i]
    winner = sc.contenders[int(row[L.E_ACTOR0])].short
    office = post_of(sc.offices[int(row[L.E_REF])])
    return f"The {sc.organs.central_committee.name} elects {winner} to {office}."


def falls_ill(log: L.Log, i: int, sc: Scenario) -> str:
    return f"{sc.contenders[int(log.event[i, L.E_ACTOR0])].short} falls ill and misses meetings."


SENTENCES: dict[int, Callable[[L.Log, int, Scenario], str]] = {
    L.C_CONGRESS_OPENS: congress_opens,
    L.C_CC_ELECTED: cc_elected,
    L.C_PLENUM: plenum,
    L.C_ELECTS: elects,
    L.C_ILL: falls_ill,
}
