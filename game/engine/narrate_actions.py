"""The words for what the actions' kernels record (:mod:`game.rules.actions`): each action's
private RESULT row (what it did for its actor, or why it could not be done: :func:`result`),
the events the actions report (offers, platforms, answers to charges ...: :data:`SENTENCES`,
for :func:`game.engine.narrate.narrate`'s ``more``), every action's menu label (:func:`label`)
and every reason an action may be refused (:func:`reason`, :mod:`game.rules.reasons`).

Only the row is read, with the scenario for names: what a sentence names that the action may
have changed (the patron a region's secretary owed, the holder of an office) is in the row.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from game.rules import layout as lay
from game.rules import log as L
from game.rules import reasons as why

from .actions import CONVENABLE, DIRECTIONS, FORUMS, SPECS, ActionKind
from .explain import in_sentence, signed
from .narrate_rows import Names, Row
from .record import GameEvent, Kind
from .scenario import Power, Scenario, post_of

ACTION_KINDS: tuple[ActionKind, ...] = tuple(ActionKind)  # by A_* code


def _name(sc: Scenario, c: int) -> str:
    return sc.contenders[c].short


def _only_with(sc: Scenario, power: Power, what: str) -> str:
    """'only an office with the power to appoint (the General Secretary) can', naming the
    scenario's offices that have it."""
    holders = " or ".join(o.name for o in sc.offices if power in o.powers)
    return f"only an office with {what}{f' ({holders})' if holders else ''} can"


def _organ(sc: Scenario, organ: str) -> str:
    return getattr(sc.organs, organ).name


def _convened(sc: Scenario, organ: int) -> str:
    """What ``convene`` calls: 'plenum of the Central Committee' or 'Party Congress', by the
    scenario's names (the order's own word for anything else)."""
    if organ == lay.CONVENE_PLENUM:
        return f"plenum of the {_organ(sc, 'central_committee')}"
    if organ == lay.CONVENE_CONGRESS:
        return _organ(sc, "congress")
    return str(target_text(sc, lay.A_CONVENE, organ))


# ----- orders -------------------------------------------------------------------------------------
def target_text(sc: Scenario, kind: int, target: int) -> str | None:
    """An order's target as the old text of the action names it (``moscow``, ``left``,
    ``plenum``, a contender's or an office's id), None for an action without one."""
    arg = SPECS[ACTION_KINDS[kind]].arg
    if arg == "none":
        return None
    words = {"region": [r.id for r in sc.regions], "contender": [c.id for c in sc.contenders],
             "direction": DIRECTIONS, "organ": CONVENABLE, "office": [o.id for o in sc.offices],
             "post": [o.id for o in sc.offices], "forum": FORUMS}.get(arg, ())
    return words[target] if 0 <= target < len(words) else str(target)


def action_text(sc: Scenario, kind: int, target: int) -> str:
    """The order as its text form (``str(Action)``): ``appoint moscow``, ``speech``."""
    words = target_text(sc, kind, target)
    return ACTION_KINDS[kind].value + (f" {words}" if words else "")


def _region_label(verb: str) -> Callable[[Scenario, int, int, int], str]:
    def label(sc: Scenario, c: int, r: int, patron: int) -> str:
        now = f" (its secretary owes {_name(sc, patron)})" if patron >= 0 else ""
        return f"{verb} {in_sentence(sc.regions[r].name)}{now}"

    return label


def _fixed(text: str) -> Callable[[Scenario, int, int, int], str]:
    return lambda sc, c, target, seen: text


def _rival(verb: str, after: str = "") -> Callable[[Scenario, int, int, int], str]:
    return lambda sc, c, k, seen: f"{verb} {_name(sc, k)}{after}"


def _direction(verb: str) -> Callable[[Scenario, int, int, int], str]:
    """``verb`` may name the scenario's organs: ``{sc.organs.politburo.name}``."""
    return lambda sc, c, d, seen: (
        f"{verb.format(sc=sc)} to the {sc.axis.left if d == lay.LEFT else sc.axis.right}")


def _resign_label(sc: Scenario, c: int, office: int, seen: int) -> str:
    if 0 <= office < len(sc.offices):
        return f"Offer to give up {post_of(sc.offices[office])}"
    return f"Offer to give up {office}"


_LABELS: dict[int, Callable[[Scenario, int, int, int], str]] = {
    lay.A_APPOINT: _region_label("Appoint a loyal secretary in"),
    lay.A_SUBVERT: _region_label("Work on the secretary in"),
    lay.A_RECRUIT: _region_label("Recruit new members in"),
    lay.A_SPEECH: _fixed("Give a speech to the party"),
    lay.A_ARTICLE: _fixed("Publish an article on the party's line"),
    lay.A_SHIFT: _direction("Shift your line"),
    lay.A_RESOLUTION: _direction(
        "Move a resolution in the {sc.organs.politburo.name} to shift the party's line"),
    lay.A_ALLY: _rival("Propose an alliance to"),
    lay.A_ACCEPT: _rival("Accept the alliance offered by"),
    lay.A_BREAK: _rival("Break your alliance with"),
    lay.A_PLATFORM: _fixed("Declare an open opposition platform"),
    lay.A_RECANT: _fixed("Recant and submit to the party line"),
    lay.A_DOSSIER: _rival("Compile a dossier on"),
    lay.A_ACCUSE: _rival("Accuse", " of factionalism"),
    lay.A_CHALLENGE: lambda sc, c, office, holder: (
        f"Move that {_name(sc, holder)} be relieved of {post_of(sc.offices[office])}"),
    lay.A_DEFEND: _fixed("Prepare your defence against the charges"),
    lay.A_APPEAL: lambda sc, c, forum, seen: (
        "Appeal to the rank and file against the charges" if forum == lay.FORUM_PARTY
        else "Appeal to the Comintern's parties against the charges"),
    lay.A_ARMY: _fixed("Cultivate the army's party organisations"),
    lay.A_RESIGN: _resign_label,
    lay.A_REST: _fixed("Rest and recover your health"),
    lay.A_CONVENE: lambda sc, c, organ, seen: (
        f"Convene an extraordinary {_convened(sc, organ)} this turn"),
}


def label(sc: Scenario, c: int, kind: int, target: int, seen: int = -1) -> str:
    """What the menu calls ``c``'s order: 'Appoint a loyal secretary in Moscow (its secretary
    owes Kamenev)'. ``seen``: the region's patron or the office's holder, as it was (-1)."""
    return _LABELS[kind](sc, c, target, seen)


# ----- reasons ------------------------------------------------------------------------------------
_REASONS: dict[int, Callable[[Scenario, int, int, int], str]] = {
    # (scenario, kind, target, argument) -> words
    why.NO_REGION: lambda sc, kind, target, arg: f"no region {target_text(sc, kind, arg)!r}",
    why.NO_CONTENDER: lambda sc, kind, target, arg: (
        f"no contender {target_text(sc, kind, arg)!r}"),
    why.NO_OFFICE: lambda sc, kind, target, arg: f"no office {target_text(sc, kind, arg)!r}",
    why.YOURSELF: lambda *_: "you cannot do that to yourself",
    why.SAY_DIRECTION: lambda *_: "say left or right",
    why.SAY_ORGAN: lambda *_: "say plenum or congress",
    why.SAY_FORUM: lambda *_: "say party or comintern",
    why.NO_SUCH_ACTION: lambda *_: "there is no such action to take now",
    why.NOT_IN_PARTY: lambda sc, kind, target, arg: (
        f"{_name(sc, arg)} is no longer in the party"),
    why.CANNOT_ACT: lambda sc, kind, target, arg: f"{_name(sc, arg)} can no longer act",
    why.NOT_IN_POLITBURO: lambda sc, *_: (
        f"only members of the {_organ(sc, 'politburo')} can move resolutions there"),
    why.NOT_IN_CC: lambda sc, *_: (
        f"only members of the {_organ(sc, 'central_committee')} can bring a charge"),
    why.CANNOT_APPOINT: lambda sc, *_: _only_with(sc, Power.APPOINT, "the power to appoint"),
    why.PATRONAGE_OFF: lambda *_: "appointments from the centre are switched off in this game",
    why.CANNOT_RECRUIT: lambda *_: "only an office that runs the party's membership can recruit",
    why.NO_DRIVE: lambda *_: "no recruitment drive is open",
    why.NO_ARMY: lambda *_: "only the holder of the army command can cultivate it",
    why.NO_AGENDA: lambda *_: (
        "only an office that sets the agenda can convene the party's organs"),
    why.NOT_COMINTERN: lambda *_: "only the head of the International can appeal to its parties",
    why.SECRETARY_YOURS: lambda sc, kind, target, r: (
        f"the secretary in {sc.regions[r].name} is already yours"),
    why.STRONGHOLD: lambda sc, kind, r, lord: (
        f"{sc.regions[r].name} is {_name(sc, lord)}'s stronghold"),
    why.ALREADY_ALLIED: lambda sc, kind, target, k: f"you are already allied with {_name(sc, k)}",
    why.NO_OFFER: lambda sc, kind, target, k: f"{_name(sc, k)} has not offered you an alliance",
    why.NOT_ALLIED: lambda sc, kind, target, k: f"you are not allied with {_name(sc, k)}",
    why.NO_OFFERS: lambda *_: "no offers",
    why.NO_ALLIES: lambda *_: "no allies",
    why.PLATFORM_OPEN: lambda *_: "your platform is already open",
    why.NO_PLATFORM: lambda *_: "you have no platform to renounce",
    why.FILE_FULL: lambda sc, kind, target, k: f"your file on {_name(sc, k)} is already full",
    why.ALLY_FIRST: lambda sc, kind, target, k: (
        f"{_name(sc, k)} is your ally: break the alliance first"),
    why.BOTTOM: lambda sc, kind, target, k: f"{_name(sc, k)} cannot be pushed any further down",
    why.CHARGE_WAITING: lambda sc, kind, target, k: (
        f"an accusation against {_name(sc, k)} is already waiting for a vote"),
    why.TOO_SOON: lambda sc, kind, target, k: (
        f"the party will not hear another charge against {_name(sc, k)} so soon"),
    why.VACANT: lambda sc, kind, target, office: f"nobody holds {post_of(sc.offices[office])}",
    why.OWN_OFFICE: lambda *_: "you cannot challenge your own office: offer to resign instead",
    why.CHALLENGE_WAITING: lambda *_: "a challenge to that office is already waiting for a vote",
    why.NO_CHARGE: lambda *_: "no charge against you is waiting for an answer",
    why.NO_CHARGE_TO_APPEAL: lambda *_: "no charge against you is waiting for such an appeal",
    why.NOT_YOUR_OFFICE: lambda sc, kind, target, office: (
        f"you do not hold an office {target_text(sc, kind, office)!r}" if office >= 0
        else "you hold no office"),
    why.RESIGNATION_WAITING: lambda *_: "your offer to resign is already waiting for a vote",
    why.MEETS_THIS_TURN: lambda sc, kind, target, organ: (
        f"a {_convened(sc, organ)} already meets this turn"),
    why.CONGRESS_TOO_SOON: lambda sc, *_: f"too soon after the last {_organ(sc, 'congress')}",
}


def reason(sc: Scenario, kind: int, target: int, code: int, arg: int) -> str:
    """Why an order of ``kind`` at ``target`` cannot be carried out, in words: the reason
    ``code`` (:mod:`game.rules.reasons`) with its argument ``arg``."""
    return _REASONS[code](sc, kind, target, arg)


# ----- what an action did, for its actor ----------------------------------------------------------
def _notes(sc: Scenario, kind: int, target: int, i: list[int], x: list[float]) -> list[str]:
    """What the rule itself told its actor (the old ``ctx.notes``), from the row's numbers."""
    if kind == lay.A_APPOINT:
        return [f"the secretary in {sc.regions[target].name} owes you his post; your share "
                f"there {x[L.RESULT_X0]:.0%} \u2192 {x[L.RESULT_X1]:.0%}"]
    if kind == lay.A_SUBVERT:
        outcome = "the secretary is yours" if i[L.RESULT_I0] else "it failed"
        return [f"the chance was {x[L.RESULT_X0]:.0%} and the dice gave {x[L.RESULT_X1]:.0%}: "
                f"{outcome}"]
    if kind == lay.A_RECRUIT:
        return [f"{x[L.RESULT_X0]:,.0f} new members in {sc.regions[target].name}, who follow "
                "its secretary's patron"]
    if kind == lay.A_RESOLUTION:
        verdict = "carried" if i[L.RESULT_I0] else "defeated"
        return [f"{verdict}, {i[L.RESULT_I1]} to {i[L.RESULT_I2]}"]
    if kind == lay.A_ALLY:
        return [f"{_name(sc, target)} can accept it next turn"]
    if kind == lay.A_DOSSIER:
        return [f"your file on {_name(sc, target)} holds {i[L.RESULT_I0]} of {i[L.RESULT_I1]} "
                "dossiers"]
    if kind == lay.A_ACCUSE and i[L.RESULT_I0] != lay.NO_ORGAN:
        organ = _organ(sc, lay.ORGAN_IDS[i[L.RESULT_I0]])
        return [f"the charge waits for the {organ}'s next meeting"]
    if kind == lay.A_CHALLENGE:
        return [f"the {_organ(sc, 'central_committee')} votes at its next meeting"]
    if kind == lay.A_DEFEND:
        return ["your defence will count for you with the members who judge for themselves "
                f"({signed(-x[L.RESULT_X0])})"]
    if kind == lay.A_REST:
        return [f"health {x[L.RESULT_X0]:.0f} \u2192 {x[L.RESULT_X1]:.0f}"]
    return []


def result_text(sc: Scenario, row: np.ndarray, x: np.ndarray) -> str:
    """The sentence of a RESULT row: 'Give a speech to the party: your following 12.0% →
    13.1% of the party (+1.1 points); prestige 60 → 61.', or '...: it could not be done
    (reason).'"""
    i, x = [int(v) for v in row], [float(v) for v in x]  # Python's rounding, not numpy's
    c, kind, target = i[L.E_ACTOR0], i[L.E_CODE], i[L.E_REF]
    said = label(sc, c, kind, target, i[L.RESULT_SEEN])
    code = i[L.RESULT_REASON]
    if code != why.OK:
        return f"{said}: it could not be done ({reason(sc, kind, target, code, i[L.RESULT_ARG])})."
    moved = _notes(sc, kind, target, i, x)
    before, after = x[L.RESULT_SUPPORT_BEFORE], x[L.RESULT_SUPPORT_AFTER]
    if abs(after - before) >= 0.0005:
        moved.append(f"your following {100 * before:.1f}% \u2192 {100 * after:.1f}% of the party "
                     f"({signed(100 * (after - before))} points)")
    if x[L.RESULT_PRESTIGE_AFTER] != x[L.RESULT_PRESTIGE_BEFORE]:
        moved.append(f"prestige {x[L.RESULT_PRESTIGE_BEFORE]:.0f} \u2192 "
                     f"{x[L.RESULT_PRESTIGE_AFTER]:.0f}")
    return f"{said}: " + ("; ".join(moved) if moved else "done, nothing moved yet") + "."


def result_data(sc: Scenario, row: np.ndarray, x: np.ndarray) -> dict[str, Any]:
    """The numbers a RESULT event carries for the front ends (``GameEvent.data``)."""
    kind, target = int(row[L.E_CODE]), int(row[L.E_REF])
    data: dict[str, Any] = {"action": action_text(sc, kind, target),
                            "done": int(row[L.RESULT_REASON]) == why.OK}
    if data["done"]:
        data["support"] = [float(x[L.RESULT_SUPPORT_BEFORE]), float(x[L.RESULT_SUPPORT_AFTER])]
        data["prestige"] = [float(x[L.RESULT_PRESTIGE_BEFORE]),
                            float(x[L.RESULT_PRESTIGE_AFTER])]
        if kind == lay.A_SUBVERT:
            data["chance"], data["roll"] = float(x[L.RESULT_X0]), float(x[L.RESULT_X1])
    return data


# ----- what the actions report --------------------------------------------------------------------
A0, A1 = L.E_ACTOR0, L.E_ACTOR1
_FORUM_WORDS = {lay.FORUM_PARTY: "the rank and file",
                lay.FORUM_COMINTERN: "the International's parties"}


def _name_of(row: Row, names: Names, field: int) -> str:
    return names.name(row.int(field))


def _factor(row: Row) -> str | None:
    factor = row.int(L.E_FACTOR)
    return None if factor == L.NO_FACTOR else lay.FACTOR_IDS[factor]


def _secretary_won(row: Row, names: Names) -> GameEvent:
    """Public, and about the region (its id is the event's reference)."""
    region = names.scenario.regions[row.ref]
    return GameEvent(row.turn, Kind.ACTION,
                     f"The secretary in {region.name} now looks to {_name_of(row, names, A0)}.",
                     row.actors, _factor(row), region.id, public=bool(row.int(L.E_PUBLIC)))


# By message code: the sentence of an event row the actions record (for narrate's ``more``;
# the alliances made and broken and the charges filed are narrate's own, as cards make them).
SENTENCES: dict[int, Callable[[Row, Names], str | GameEvent]] = {
    L.C_SECRETARY_WON: _secretary_won,
    L.C_SECRETARY_RESISTS: lambda row, names: (
        f"{_name_of(row, names, A0)} fails to win over the secretary in "
        f"{names.scenario.regions[row.ref].name}."),
    L.C_OFFER: lambda row, names: (
        f"{_name_of(row, names, A0)} offers {_name_of(row, names, A1)} an alliance."),
    L.C_OFFER_LAPSES: lambda row, names: (
        f"{_name_of(row, names, A0)}'s offer of an alliance to {_name_of(row, names, A1)} "
        "lapses unanswered."),
    L.C_PLATFORM: lambda row, names: (
        f"{_name_of(row, names, A0)} declares an open opposition platform."),
    L.C_RECANTS: lambda row, names: (
        f"{_name_of(row, names, A0)} recants and submits to the party line."),
    L.C_READMITTED: lambda row, names: (
        f"{_name_of(row, names, A0)} recants and is readmitted to the party."),
    L.C_DOSSIER: lambda row, names: f"You add to your dossier on {_name_of(row, names, L.E_I0)}.",
    L.C_DEFENDS: lambda row, names: (
        f"{_name_of(row, names, A0)} prepares a defence against the charges."),
    L.C_APPEALS: lambda row, names: (
        f"{_name_of(row, names, A0)} appeals to {_FORUM_WORDS[row.int(L.E_I0)]} against the "
        "charges."),
    L.C_CONVENES: lambda row, names: (
        f"{_name_of(row, names, A0)} convenes an extraordinary "
        f"{target_text(names.scenario, lay.A_CONVENE, row.int(L.E_I0))}."),
    L.C_OFFERS_RESIGNATION: lambda row, names: (
        f"{_name_of(row, names, A0)} offers to resign; the "
        f"{names.organ(lay.CENTRAL_COMMITTEE)} will decide."),
}


def result(row: Row, names: Names) -> GameEvent:
    """The :class:`GameEvent` of a RESULT row (``K_RESULT``: its code is the action's kind, so
    it is looked up by kind, not among the message codes)."""
    i = row.log.event[row.index]
    x = row.log.event_x[row.index]
    sc = names.scenario
    return GameEvent(row.turn, Kind.RESULT, result_text(sc, i, x), (row.int(A0),),
                     _factor(row), public=False, data=result_data(sc, i, x))
