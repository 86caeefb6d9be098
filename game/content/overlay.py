"""Rules overlays: a small YAML file that sets some of a scenario's rules.

`politburo calibrate` writes one; `politburo check` and `politburo lab` play a scenario with one
(``--overlay FILE``), so that a modder can try the values before copying them into the
scenario's ``rules:``. The file is read with the scenario loader's safe, bounded parser and
checked as strictly as a scenario: an unknown key or rule, a value of the wrong kind or out of
the rule's bounds is refused with its line::

    # any comments: calibrate writes what each value was, and its bounds
    scenario: succession_1924    # optional: the id of the scenario it was made for
    rules:
      patronage_strength: 0.052  # any rule of the scenario format
      faction_ban: true
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from game.engine import Scenario

from .datafile import DataFileError, read_data_file
from .rule_values import RuleError, RuleValue, dial, number_text, with_rules
from .validate import did_you_mean

KEYS = ("scenario", "rules")


class OverlayError(DataFileError):
    """An overlay that cannot be used; its text is one line that says where and why."""


@dataclass(frozen=True, slots=True)
class Overlay:
    """The rules an overlay file sets, and the scenario it says it was made for."""

    path: str
    rules: dict[str, RuleValue]
    scenario: str | None = None

    def apply(self, scenario: Scenario) -> Scenario:
        """``scenario`` with these rules; OverlayError if the overlay names another scenario."""
        if self.scenario is not None and self.scenario != scenario.id:
            raise OverlayError(self.path, [f"made for scenario {self.scenario!r}, not "
                                           f"{scenario.id!r}"])
        return with_rules(scenario, self.rules)


def _at(node: yaml.Node, message: str) -> str:
    return f"line {node.start_mark.line + 1}, column {node.start_mark.column + 1}: {message}"


def _rule(name: object, value: object, key: yaml.Node, node: yaml.Node) -> RuleValue:
    """A rule's name and value checked; RuleError naming the line."""
    if not isinstance(name, str):
        raise RuleError(_at(key, f"a rule's name is a word, not {name!r}"))
    try:
        d = dial(name)
    except RuleError as e:
        raise RuleError(_at(key, str(e))) from None
    if d.kind == "switch":
        if not isinstance(value, bool):
            raise RuleError(_at(node, f"rule {name!r} is a switch: true or false, not {value!r}"))
        return value
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise RuleError(_at(node, f"rule {name!r} is a {d.kind}, not {value!r}"))
    problem = d.problem(float(value))
    if problem:
        raise RuleError(_at(node, f"rule {name!r}: {problem}"))
    return d.value(value)


def read_overlay(path: str | Path) -> Overlay:
    """Read and check an overlay file; OverlayError (one line: the path, the line and what is
    wrong) for anything that is not one."""
    where = str(path)
    data, root = read_data_file(Path(path), OverlayError)
    if not isinstance(root, yaml.MappingNode) or not isinstance(data, dict):
        raise OverlayError(where, ["an overlay is a mapping with a `rules:` mapping in it"])
    found: dict[str, Any] = {}
    for (key, node), name in zip(root.value, data, strict=True):
        if name not in KEYS:
            hint = did_you_mean(name, KEYS)
            raise OverlayError(where, [_at(key, f"unknown key {name!r}" +
                                           (f" ({hint})" if hint else "") +
                                           f"; an overlay has: {', '.join(KEYS)}")])
        found[name] = node
    rules = found.get("rules")
    if not isinstance(rules, yaml.MappingNode) or not rules.value:
        raise OverlayError(where, ["an overlay needs `rules:`, a mapping of rule names to "
                                   "values (and sets at least one)"])
    values: dict[str, RuleValue] = {}
    for (key, node), (name, value) in zip(rules.value, data["rules"].items(), strict=True):
        try:
            values[name] = _rule(name, value, key, node)
        except RuleError as e:
            raise OverlayError(where, [str(e)]) from None
    scenario = data.get("scenario")
    if scenario is not None and not isinstance(scenario, str):
        raise OverlayError(where, [_at(found["scenario"], "`scenario:` is a scenario's id")])
    return Overlay(where, values, scenario)


def yaml_value(value: RuleValue) -> str:
    """A rule's value as YAML writes it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return number_text(float(value))


def overlay_text(
    scenario_id: str, header: Sequence[str], rows: Sequence[tuple[str, RuleValue, str]]
) -> str:
    """An overlay file: ``header`` as comments, then each (rule, value, comment) with its
    comment on the line above it."""
    out = [f"# {line}".rstrip() for line in header]
    out += [f"scenario: {scenario_id}", "rules:"]
    for name, value, comment in rows:
        if comment:
            out.append(f"  # {comment}")
        out.append(f"  {name}: {yaml_value(value)}")
    return "\n".join(out) + "\n"
