"""A scenario's rules set from outside its file: by a sweep (`politburo lab --sweep`), by
calibration (`politburo calibrate`) and by an overlay (`--overlay FILE`).

Each rule of :class:`~game.engine.scenario.Rules` is a :class:`Dial`: a number, a whole number
or a switch, with the bounds the scenario format allows it (the same bounds `politburo validate`
enforces in a file). :func:`with_rules` gives a scenario with some rules set, checked against
those bounds, and leaves the scenario itself unchanged.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from game.engine import Scenario
from game.engine.scenario import Rules, _scenario_entries

from .validate import did_you_mean

RuleValue = bool | int | float
Kind = Literal["number", "whole number", "switch"]


class RuleError(ValueError):
    """A rule that does not exist, or a value it cannot take; the message is one line."""


@dataclass(frozen=True, slots=True)
class Dial:
    """One rule as something to set: its kind and the bounds of its values (None: unbounded;
    ``*_open``: the bound itself is not allowed)."""

    name: str
    kind: Kind
    description: str
    low: float | None = None
    high: float | None = None
    low_open: bool = False
    high_open: bool = False

    def bounds(self) -> str:
        """The values allowed, in words: ``from 0 to 1``, ``at least 0``, ``any number``."""
        if self.kind == "switch":
            return "true or false"
        low = self.low is not None and f"{'more than' if self.low_open else 'at least'} " \
            f"{number_text(self.low)}"
        high = self.high is not None and f"{'less than' if self.high_open else 'at most'} " \
            f"{number_text(self.high)}"
        if low and high and not (self.low_open or self.high_open):
            return f"from {number_text(self.low)} to {number_text(self.high)}"
        return ", ".join(p for p in (low, high) if p) or f"any {self.kind}"

    def problem(self, value: float) -> str | None:
        """Why ``value`` is not one this rule can take, or None."""
        if not math.isfinite(value):
            return f"{value} is not a number"
        if self.kind == "whole number" and value != int(value):
            return f"{number_text(value)} is not a whole number"
        if self.kind == "switch" and value not in (0, 1):
            return f"{number_text(value)} is neither 0 (off) nor 1 (on)"
        below = self.low is not None and (value <= self.low if self.low_open else value < self.low)
        above = self.high is not None and (
            value >= self.high if self.high_open else value > self.high
        )
        if below or above:
            return f"{number_text(value)} is out of its bounds ({self.bounds()})"
        return None

    def value(self, number: float) -> RuleValue:
        """``number`` as this rule's type (True or False for a switch, int for a whole number)."""
        if self.kind == "switch":
            return bool(number)
        if self.kind == "whole number":
            return int(number)
        return float(number)


def _dial(name: str) -> Dial:
    info = Rules.model_fields[name]
    kind: Kind = {bool: "switch", int: "whole number"}.get(info.annotation, "number")
    found: dict[str, float] = {}
    for m in info.metadata:
        for key in ("ge", "gt", "le", "lt"):
            if getattr(m, key, None) is not None:
                found[key] = float(getattr(m, key))
    return Dial(
        name=name,
        kind=kind,
        description=" ".join((info.description or "").split()),
        low=found.get("ge", found.get("gt")),
        high=found.get("le", found.get("lt")),
        low_open="gt" in found,
        high_open="lt" in found,
    )


DIALS: dict[str, Dial] = {name: _dial(name) for name in Rules.model_fields}


def dial(name: str) -> Dial:
    """The rule called ``name``; RuleError (with a "did you mean") for one that does not
    exist."""
    found = DIALS.get(name)
    if found is None:
        hint = did_you_mean(name, DIALS)
        raise RuleError(f"no rule {name[:80]!r}" + (f" ({hint})" if hint else "") +
                        "; the rules are listed in docs/modding.md, under Rules")
    return found


def number_text(x: float) -> str:
    """A number as a person writes it: ``0.04``, ``3``, ``1e-05``, never ``0.04000000000000001``
    (twelve significant digits at most)."""
    if x == int(x) and abs(x) < 1e15:
        return str(int(x))
    return f"{x:.12g}"


def value_text(value: RuleValue) -> str:
    """A rule's value as the tables show it: a switch as 0 or 1."""
    return number_text(float(value))


def with_rules(scenario: Scenario, values: Mapping[str, RuleValue]) -> Scenario:
    """``scenario`` with these rules set (a new scenario; the other rules as it has them).
    RuleError for an unknown rule or a value it cannot take."""
    if not values:
        return scenario
    for name, value in values.items():
        d = dial(name)
        if isinstance(value, bool) != (d.kind == "switch"):
            raise RuleError(f"rule {name!r} is a {d.kind}, not {value!r}")
        problem = d.problem(float(value))
        if problem:
            raise RuleError(f"rule {name!r}: {problem}")
    rules = Rules.model_validate({**scenario.rules.model_dump(), **values})
    return scenario.model_copy(update={"rules": rules})


def rule_value(scenario: Scenario, name: str) -> RuleValue:
    """The value the scenario gives rule ``name`` (its own, or the format's default)."""
    return getattr(scenario.rules, dial(name).name)


def set_by_cards(scenario: Scenario, name: str) -> list[str]:
    """What sets rule ``name`` during the game (the ids of events, and meetings' names): a value
    set from outside holds only until one of them acts."""
    out: list[str] = []
    for _where, loc, entry in _scenario_entries(scenario):
        if getattr(entry, "type", None) != "rule" or getattr(entry, "name", None) != name:
            continue
        part, index = loc[0], loc[1] if len(loc) > 1 else None
        if part == "events" and isinstance(index, int):
            what = scenario.events[index].id
        elif part == "meetings" and isinstance(index, int):
            what = scenario.meetings[index].name
        else:
            what = str(part)
        if what not in out:
            out.append(what)
    return out
