"""A scenario's condition in plain words: the debrief's "this card needed ...", and the words of
the goal (:mod:`game.words.goal`) for the kinds of condition it has no words of its own for."""

from __future__ import annotations

from typing import Any

from game.engine import Scenario

from .names import join


def describe_condition(sc: Scenario, cond: Any) -> str:
    """A scenario condition in plain words, for "this card needed ..." explanations."""
    kind = getattr(cond, "type", None)
    who = _who(sc, getattr(cond, "who", "self"))
    organ_names = {
        "politburo": f"the {sc.organs.politburo.name}",
        "central_committee": f"the {sc.organs.central_committee.name}",
        "party": "the party",
    }
    offices = {o.id: o.name for o in sc.offices}
    rungs = {r.id: r.name for r in sc.ladder}
    if kind == "all":
        return join([describe_condition(sc, c) for c in cond.items], "and")
    if kind == "any":
        return "either " + join([describe_condition(sc, c) for c in cond.items], "or")
    if kind == "not":
        return f"not ({describe_condition(sc, cond.value)})"
    if kind == "in_organ":
        return f"{who} sits in {organ_names.get(cond.organ, cond.organ)}"
    if kind == "holds_office":
        return f"{who} holds the post of {offices.get(cond.office, cond.office)}"
    if kind == "status":
        return f"{who} is {' or '.join(rungs.get(r, r) for r in cond.is_)}"
    if kind == "platform":
        return f"{who} has an open opposition platform"
    if kind == "allied":
        return f"{_who(sc, cond.a)} and {_who(sc, cond.b)} are allied"
    if kind == "event":
        title = next((e.title for e in sc.events if e.id == cond.id), cond.id)
        if cond.choice:
            ev = next((e for e in sc.events if e.id == cond.id), None)
            label = (
                next((ch.label for ch in ev.choices if ch.id == cond.choice), cond.choice)
                if ev
                else cond.choice
            )
            return f"the card \u201c{title}\u201d was decided \u201c{label}\u201d"
        return f"the card \u201c{title}\u201d has come up"
    if kind == "politburo_majority":
        allies = " with allies" if cond.with_allies else ""
        return f"{who} leads a majority of the {sc.organs.politburo.name}{allies}"
    if kind == "leads":
        return f"{who}'s following is the largest in {organ_names.get(cond.organ, cond.organ)}"
    if kind == "support":
        return f"{who} has at least {cond.at_least:.0%} of the party behind them"
    if kind == "rivals_out_of":
        return f"every rival of {who} is out of {organ_names.get(cond.organ, cond.organ)}"
    if kind == "after":
        return f"it is {cond.value} or later"
    if kind == "before":
        return f"it is before {cond.value}"
    if kind == "flag":
        return f"the flag {cond.name!r} is set"
    if kind == "rule":
        return f"the rule {cond.value!r} is on"
    if kind == "mood":
        return "the party's mood is right for it"
    if kind == "quality":
        return f"{who}'s {cond.quality} is {_bounds(cond, '{:g}')}"
    if kind == "trust":
        return f"{who}'s trust in {_who(sc, cond.toward)} is {_bounds(cond, '{:+.2f}')}"
    if kind == "loyalty":
        where = ("the party" if "all" in cond.regions else
                 join([next((r.name for r in sc.regions if r.id == rid), rid)
                       for rid in cond.regions], "and"))
        return f"the share of {where} loyal to {who} is {_bounds(cond, '{:.0%}')}"
    if kind == "compare":
        measure = {"support": "support in the party",
                   "cc_share": f"share of the {sc.organs.central_committee.name}",
                   "line": f"line (towards the {sc.axis.right})"}.get(cond.measure, cond.measure)
        margin = f" by more than {cond.by:g}" if cond.by else ""
        return f"{who}'s {measure} is greater than {_who(sc, cond.than)}'s{margin}"
    return str(kind)


def _bounds(cond: Any, form: str) -> str:
    """``above 40 and below 60``: a bounded condition's bounds, each written with ``form``."""
    parts = [f"{side} {form.format(x)}" for side, x in (("above", cond.above),
                                                         ("below", cond.below)) if x is not None]
    return " and ".join(parts)


def _who(sc: Scenario, who: str) -> str:
    if who.startswith("office:"):
        office = who.split(":", 1)[1]
        name = next((o.name for o in sc.offices if o.id == office), office)
        return f"the {name}"
    for c in sc.contenders:
        if c.id == who:
            return c.short
    return {"self": "the contender", "decider": "the decider"}.get(who, who)
