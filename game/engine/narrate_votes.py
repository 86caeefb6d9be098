"""The words for the votes the kernels record (:mod:`game.rules.votes`): a motion's tally bloc
by bloc, each part with its reason (:func:`tally`), and a choice the Central Committee voted on
(:func:`choice_data`), for :mod:`game.engine.narrate` and :mod:`game.engine.narrate_meetings`."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from game.rules import layout as lay
from game.rules import log as L
from game.rules import votes as V

from . import explain
from .narrate_rows import Names
from .record import Bloc, Tally
from .scenario import post_of

MOTION_KINDS = {lay.ACCUSE: "accuse", lay.RELIEVE: "relieve", lay.RESIGN: "resign",
                lay.RESOLUTION: "resolution", lay.CONFIDENCE: "confidence"}


class Asked(NamedTuple):
    """A question as the words of :mod:`game.engine.explain` read it."""

    kind: str
    sponsor: int
    target: int


def motion(kind: int, sponsor: int, target: int, direction: int, office: int,
           names: Names) -> str:
    """What was put to the vote, as the tally's title says it."""
    s = names.name(sponsor)
    if kind == lay.ACCUSE:
        return f"{s} accuses {names.name(target)} of factionalism"
    if kind == lay.RESOLUTION:
        side = names.scenario.axis.side(direction)
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
