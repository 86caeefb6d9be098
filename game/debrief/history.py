"""The historical record a scenario carries, read as dated steps a game can be compared with.

A scenario has no table of "what happened when"; it carries history in its own data, and this
module reads three kinds of it, conservatively (a step it cannot place for certain is left out,
never guessed):

- **Event cards with a date** (`when`). The first choice of a card is what history did (the
  convention of the shipped scenarios, and what the engine takes when nobody decides), so an
  office revoked or granted by a dated card's own effects or by its first choice is an office
  change on the card's date.
- **Meeting notes and the historical notes of dated cards.** A clause such as "Trotsky and
  Zinoviev expelled from the Central Committee" or "removed Bukharin from the Politburo" names
  contenders (by their short names), a verb of removal and an organ (by the scenario's names
  for its organs; "expelled" with no organ means the party). It is dated by a month and year
  in the clause, else by the meeting's or card's date; a clause that names another year is
  skipped.
- **Endings tied to a rung of the ladder** (an outcome whose condition is a `status`, or whose
  id is a rung's id): "as Trotsky was sent to Alma-Ata in January 1928" dates that rung for that
  contender.

Steps on the ladder are "removed from the Politburo", "removed from the Central Committee",
"expelled from the party" (the first rungs outside each) and every rung below the first rung
outside the party (exile, deportation). Steps are about the contenders only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from game.engine import Scenario

MONTHS = {
    m: i + 1
    for i, m in enumerate(
        "january february march april may june july august september october november "
        "december".split()
    )
}
REMOVAL = re.compile(r"\b(removed|expelled|dropped|ousted|excluded)\b", re.IGNORECASE)
MONTH_YEAR = re.compile(
    r"\b(" + "|".join(m.capitalize() for m in MONTHS) + r")\s+(\d{4})\b", re.IGNORECASE
)
YEAR = re.compile(r"\b(1[6-9]\d\d|20\d\d)\b")


@dataclass(frozen=True, slots=True)
class Step:
    """A step down the removal ladder: reached once a contender stands on rung ``rung`` or lower
    (a higher index)."""

    id: str  # "left:politburo", "left:central_committee", "left:party" or "rung:<rung id>"
    rung: int
    label: str  # "removed from the Politburo"
    organ: str | None  # the organ's name as written in notes ("Politburo"), "party", or None


@dataclass(frozen=True, slots=True)
class Milestone:
    """A dated step (or office change) of one contender in the scenario's record."""

    contender: str
    step: str  # a Step id, or "office-lost:<office>" / "office-won:<office>"
    label: str  # "Trotsky removed from the Politburo"
    turn: int
    evidence: str  # the scenario's own words
    where: str  # which part of the scenario: "the note on the Joint plenum of October 1926"


def ladder_steps(sc: Scenario) -> list[Step]:
    """The steps of the scenario's ladder that the debrief compares, from the top down."""
    ladder = sc.ladder
    steps: list[Step] = []
    organs = (
        ("politburo", "in_politburo", sc.organs.politburo.name),
        ("central_committee", "in_central_committee", sc.organs.central_committee.name),
        ("party", "in_party", "party"),
    )
    party_step = len(ladder)
    for key, attr, name in organs:
        first_out = next((i for i, r in enumerate(ladder) if not getattr(r, attr)), None)
        if first_out is None or first_out == 0:
            continue
        label = "expelled from the party" if key == "party" else f"removed from the {name}"
        steps.append(Step(f"left:{key}", first_out, label, name))
        if key == "party":
            party_step = first_out
    for i in range(party_step + 1, len(ladder)):
        steps.append(Step(f"rung:{ladder[i].id}", i, ladder[i].name, None))
    # Two organ steps can fall on the same rung (a ladder that skips one): keep the deeper name.
    by_rung: dict[int, Step] = {}
    for s in steps:
        by_rung[s.rung] = s
    return sorted(by_rung.values(), key=lambda s: s.rung)


def _date_turn(sc: Scenario, year: int, month: int) -> int | None:
    cal = sc.calendar
    period = (month - 1) * cal.periods_per_year // 12 + 1
    try:
        turn = cal.turn_of(f"{year}-{cal.period_prefix}{period}")
    except ValueError:
        return None
    return turn if 0 <= turn < cal.turns else None


def _when(sc: Scenario, date: str | None) -> int | None:
    if date is None:
        return None
    try:
        turn = sc.calendar.turn_of(date)
    except ValueError:
        return None
    return turn if 0 <= turn < sc.calendar.turns else None


def _clauses(text: str) -> list[str]:
    """Split a note into clauses: at semicolons and sentence ends, and at a comma when both
    sides have a verb of removal of their own ("X removed from A, Y dropped as B")."""
    out: list[str] = []
    for part in re.split(r";|\.(?:\s+|$)", " ".join(text.split())):
        pieces = [p for p in part.split(",")]
        merged: list[str] = []
        carry = ""
        for p in pieces:
            carry = f"{carry},{p}" if carry else p
            if REMOVAL.search(carry):
                merged.append(carry)
                carry = ""
        if carry:
            if merged:
                merged[-1] = f"{merged[-1]},{carry}"
            else:
                merged.append(carry)
        out += [m.strip() for m in merged if m.strip()]
    return out


def _names(sc: Scenario, text: str) -> list[tuple[int, str]]:
    """(position, contender id) of every contender named by their short name in ``text``."""
    found = []
    for c in sc.contenders:
        for m in re.finditer(rf"\b{re.escape(c.short)}\b", text):
            found.append((m.start(), c.id))
    return sorted(found)


def _clause_date(sc: Scenario, clause: str, default: int) -> int | None:
    """The turn a clause speaks of: its month and year if it gives them, else ``default``;
    None when it names another year than the default's (it speaks of another time)."""
    m = MONTH_YEAR.search(clause)
    if m:
        return _date_turn(sc, int(m.group(2)), MONTHS[m.group(1).lower()])
    default_year = sc.calendar.start_year + (
        (default + sc.calendar.start_period - 1) // sc.calendar.periods_per_year
    )
    years = {int(y) for y in YEAR.findall(clause)}
    if years and years != {default_year}:
        return None
    return default


def removals_in(sc: Scenario, text: str, turn: int) -> list[tuple[str, str, int, str]]:
    """(contender id, step id, turn, clause) for every removal a note states (see module doc)."""
    steps = {s.id: s for s in ladder_steps(sc)}
    organ_steps = [s for s in steps.values() if s.organ is not None]
    out = []
    for clause in _clauses(text):
        verb = REMOVAL.search(clause)
        if not verb:
            continue
        when = _clause_date(sc, clause, turn)
        if when is None:
            continue
        after = clause[verb.end() :]
        organ_step = None
        for s in organ_steps:
            assert s.organ is not None
            if re.search(rf"\bfrom the {re.escape(s.organ)}\b", after, re.IGNORECASE):
                if organ_step is None or s.rung > organ_step.rung:
                    organ_step = s
        if organ_step is None:
            if verb.group(1).lower() != "expelled" or "left:party" not in steps:
                continue
            organ_step = steps["left:party"]
        names = _names(sc, clause)
        cut = re.search(r"\bfrom\b", after)
        end = verb.end() + (cut.start() if cut else len(after))
        objects = [cid for pos, cid in names if verb.end() <= pos < end]
        subjects = [cid for pos, cid in names if pos < verb.start()]
        for cid in dict.fromkeys(objects or subjects):
            out.append((cid, organ_step.id, when, clause))
    return out


def _ending_rung(sc: Scenario, outcome: Any) -> int | None:
    rungs = {r.id: i for i, r in enumerate(sc.ladder)}
    cond = outcome.condition
    if cond is not None and getattr(cond, "type", None) == "status" and len(cond.is_) == 1:
        return rungs.get(cond.is_[0])
    if cond is None and outcome.id in rungs:
        return rungs[outcome.id]
    return None


def _step_for_rung(steps: list[Step], rung: int) -> Step | None:
    exact = [s for s in steps if s.rung == rung]
    return exact[0] if exact else None


def _historical_offices(sc: Scenario) -> list[Milestone]:
    holder = {o: c.id for c in sc.contenders for o in c.offices}
    names = {o.id: o.name for o in sc.offices}
    out: list[Milestone] = []
    dated = [(t, e) for e in sc.events if (t := _when(sc, e.when)) is not None]
    for turn, e in sorted(dated, key=lambda x: x[0]):
        effects = list(e.effects) + (list(e.choices[0].effects) if e.choices else [])
        for eff in effects:
            kind = getattr(eff, "type", None)
            if kind == "revoke_office" and holder.get(eff.office):
                who = holder.pop(eff.office)
                out.append(
                    Milestone(
                        who,
                        f"office-lost:{eff.office}",
                        f"{_short(sc, who)} loses the post of {names.get(eff.office, eff.office)}",
                        turn,
                        e.history,
                        f"the card \u201c{e.title}\u201d",
                    )
                )
            elif kind == "grant_office" and eff.who in {c.id for c in sc.contenders}:
                old = holder.get(eff.office)
                if old and old != eff.who:
                    out.append(
                        Milestone(
                            old,
                            f"office-lost:{eff.office}",
                            f"{_short(sc, old)} loses the post of "
                            f"{names.get(eff.office, eff.office)}",
                            turn,
                            e.history,
                            f"the card \u201c{e.title}\u201d",
                        )
                    )
                if old != eff.who:
                    holder[eff.office] = eff.who
                    out.append(
                        Milestone(
                            eff.who,
                            f"office-won:{eff.office}",
                            f"{_short(sc, eff.who)} becomes {names.get(eff.office, eff.office)}",
                            turn,
                            e.history,
                            f"the card \u201c{e.title}\u201d",
                        )
                    )
    return out


def _short(sc: Scenario, cid: str) -> str:
    return next(c.short for c in sc.contenders if c.id == cid)


def milestones(sc: Scenario) -> list[Milestone]:
    """Every dated step of the scenario's record (see the module docstring), earliest first;
    one per contender and step (the earliest date the record gives)."""
    steps = ladder_steps(sc)
    by_id = {s.id: s for s in steps}
    start_rung = {
        c.id: next(i for i, r in enumerate(sc.ladder) if r.id == c.status) for c in sc.contenders
    }
    found: list[Milestone] = list(_historical_offices(sc))

    texts: list[tuple[str, int, str]] = []
    for m in sc.meetings:
        t = _when(sc, m.when)
        if t is not None and m.note:
            texts.append((m.note, t, f"the note on the {m.name}"))
    for e in sc.events:
        t = _when(sc, e.when)
        if t is not None and e.history:
            texts.append((e.history, t, f"the historical note of the card \u201c{e.title}\u201d"))
    for text, turn, where in texts:
        for cid, step, when, clause in removals_in(sc, text, turn):
            label = f"{_short(sc, cid)} {by_id[step].label}"
            found.append(Milestone(cid, step, label, when, clause, where))

    for o in sc.outcomes:
        rung = _ending_rung(sc, o)
        step = _step_for_rung(steps, rung) if rung is not None else None
        if step is None:
            continue
        for sentence in re.split(r"\.(?:\s+|$)", " ".join(o.description.split())):
            date = MONTH_YEAR.search(sentence)
            if not date:
                continue
            when = _date_turn(sc, int(date.group(2)), MONTHS[date.group(1).lower()])
            if when is None:
                continue
            for _pos, cid in _names(sc, sentence):
                label = f"{_short(sc, cid)}: {step.label}"
                found.append(
                    Milestone(
                        cid,
                        step.id,
                        label,
                        when,
                        sentence,
                        f"the description of the ending \u201c{o.name}\u201d",
                    )
                )

    best: dict[tuple[str, str], Milestone] = {}
    for m in found:
        step = by_id.get(m.step)
        if step is not None and start_rung[m.contender] >= step.rung:
            continue  # already there when the scenario begins
        key = (m.contender, m.step)
        if key not in best or m.turn < best[key].turn:
            best[key] = m
    return sorted(best.values(), key=lambda m: (m.turn, m.contender, m.step))
