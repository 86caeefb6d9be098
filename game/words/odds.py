"""What an odds figure is the chance of, in the same words in the window and the terminal.

A menu that shows "96%" beside a resolution to the Left and "97%" beside one to the Right reads
as a riddle; "96% chance the Politburo adopts the resolution" does not. The words depend only on
the kind of action (matched by its text form, so kinds the engine adds later fall back to a
plain "chance it works" until they are given their own words here).
"""

from __future__ import annotations

from game.engine import Option, Scenario, View

from .names import office_post


def pct(x: float) -> str:
    """A probability as a whole percentage: 0.964 -> '96%'."""
    return f"{100 * x:.0f}%"


def chance_of(option: Option, view: View, scenario: Scenario) -> str | None:
    """What ``option``'s odds are the chance of ('chance the Central Committee carries the
    charge'); None for an option without odds."""
    if option.odds is None:
        return None
    kind, target = option.action.kind.value, option.action.target or ""
    organs = view.organ_names
    if kind == "accuse":
        rung = _rung_of(view, scenario, target)
        organ = organs.get(rung.removed_by or "", "") if rung is not None else ""
        return f"chance the {organ} carries the charge" if organ else "chance the charge is carried"
    if kind == "resolution":
        return f"chance the {organs['politburo']} adopts the resolution"
    if kind == "resign":
        return "chance the resignation is accepted"
    if kind == "challenge":
        holder, office = _holder_of(view, scenario, target)
        cc = organs["central_committee"]
        return f"chance the {cc} relieves {holder} of {office_post(office)}"
    if kind == "subvert":
        return "chance the secretary comes over to you"
    return "chance it works"


def odds_text(option: Option, view: View, scenario: Scenario) -> str | None:
    """The odds figure with its meaning: '96% chance the Politburo adopts the resolution'."""
    words = chance_of(option, view, scenario)
    return None if words is None or option.odds is None else f"{pct(option.odds)} {words}"


def _rung_of(view: View, scenario: Scenario, contender: str):
    """The ladder rung a contender stands on now (None for an unknown id)."""
    info = next((c for c in view.contenders if c.id == contender), None)
    if info is None:
        return None
    return next((r for r in scenario.ladder if r.id == info.status), None)


def _holder_of(view: View, scenario: Scenario, office: str) -> tuple[str, str]:
    """Who holds an office now, and its name."""
    for c in view.contenders:
        if office in c.office_ids:
            return c.short, c.offices[c.office_ids.index(office)]
    name = next((o.name for o in scenario.offices if o.id == office), office)
    return "its holder", name
