"""Sweeps: one rule of a scenario set to each value of a grid, each value an arm of the lab.

``politburo lab --sweep patronage_strength=0:0.16:0.04`` plays the scenario with the rule at 0,
0.04, 0.08, 0.12 and 0.16, every value on the same seeds (as the lab's what-ifs are played, by
:func:`game.lab.runner.run_arms`), and reports each contender's share of games won at each
value with its 95% Wilson interval, and the change from the first value to the last with
Newcombe's interval (:mod:`game.lab.stats`). The report is a pure function of the records, so
it is the same whatever the number of worker processes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from game import tables as t
from game.content.rule_values import (
    Dial,
    RuleError,
    RuleValue,
    dial,
    rule_value,
    set_by_cards,
    value_text,
    with_rules,
)
from game.engine import Scenario

from .report import MODEL_CAVEAT, WINNER_CAVEAT, LabReport
from .runner import Arm
from .stats import Difference, Share, difference

# What a sweep's numbers can and cannot say: its text and its HTML carry all of these.
SWEEP_CAVEATS: tuple[str, ...] = (
    WINNER_CAVEAT,
    "Intervals are 95%: Wilson for a share at one value, Newcombe for the change from the "
    "first value to the last. Two values' shares differ clearly only where such a change has "
    "an interval that excludes zero; overlapping intervals are not evidence of no effect.",
    "Every value plays the same seeds, so values differ only by the rule and the chance it "
    "sets off.",
    MODEL_CAVEAT,
)


class SweepError(ValueError):
    """A sweep that cannot be played; the message is one line."""


@dataclass(frozen=True, slots=True)
class Sweep:
    """A rule and the values it takes, in order; ``spec`` is the sweep as written."""

    dial: Dial
    spec: str
    values: tuple[RuleValue, ...]

    @property
    def rule(self) -> str:
        return self.dial.name


def parse_sweep(text: str, limit: int) -> Sweep:
    """``NAME=FROM:TO:STEP`` as a sweep: FROM, FROM+STEP, ... up to TO (TO itself when the steps
    land on it), the numbers exact as written (0.1 steps give 0.3, never 0.30000000000000004).
    A whole-number rule takes whole numbers; a switch sweeps ``0:1:1`` (off, then on).
    SweepError for anything else: an unknown rule, FROM above TO, a step of 0 or less, more
    than ``limit`` values, a value out of the rule's bounds."""
    shown = text if len(text) <= 80 else text[:77] + "..."
    name, sep, grid = text.partition("=")
    parts = grid.split(":")
    if not sep or not name.strip() or len(parts) != 3:
        raise SweepError(f"{shown!r}: write NAME=FROM:TO:STEP, such as "
                         "patronage_strength=0:0.2:0.05")
    try:
        d = dial(name.strip())
    except RuleError as e:
        raise SweepError(str(e)) from None
    try:
        start, stop, step = (Decimal(p.strip()) for p in parts)
    except InvalidOperation:
        raise SweepError(f"{shown!r}: FROM, TO and STEP must be numbers") from None
    if not all(x.is_finite() for x in (start, stop, step)):
        raise SweepError(f"{shown!r}: FROM, TO and STEP must be finite numbers")
    if step <= 0:
        raise SweepError(f"{shown!r}: the step must be more than 0")
    if start > stop:
        raise SweepError(f"{shown!r}: FROM must not be above TO")
    if d.kind != "number" and any(x != x.to_integral_value() for x in (start, stop, step)):
        hint = " (a switch sweeps 0:1:1)" if d.kind == "switch" else ""
        raise SweepError(f"{shown!r}: rule {d.name!r} is a {d.kind}: FROM, TO and "
                         f"STEP must be whole numbers{hint}")
    steps = (stop - start) / step  # rounded to 28 digits: enough to tell it from the limit
    if steps >= limit:
        many = f"{int(steps) + 1:,} values" if steps < 10**9 else "billions of values or more"
        raise SweepError(f"{shown!r}: that is {many}, and a sweep plays at most {limit}: take "
                         "a larger step")
    values = []
    for i in range(int((stop - start) // step) + 1):
        x = float(start + i * step)
        problem = d.problem(x)
        if problem:
            raise SweepError(f"{shown!r}: rule {d.name!r}: {problem}")
        values.append(d.value(x))
    return Sweep(d, f"{d.name}={':'.join(p.strip() for p in parts)}", tuple(values))


def sweep_arms(scenario: Scenario, sweep: Sweep) -> list[Arm]:
    """One arm per value: the scenario with the rule set to it."""
    return [
        Arm(
            id=f"{sweep.rule}={value_text(v)}",
            title=f"{sweep.rule} = {value_text(v)}",
            scenario=with_rules(scenario, {sweep.rule: v}),
        )
        for v in sweep.values
    ]


@dataclass
class SweepReport:
    """Each contender's win share at each value of the sweep. ``lab`` holds the games: its
    arm ``i`` is the sweep's value ``i``; its scenario is the one swept (not cut by the sweep)."""

    lab: LabReport
    sweep: Sweep
    own: RuleValue = field(init=False)  # the scenario's own value of the rule
    set_by: list[str] = field(init=False)  # what sets the rule during the game

    def __post_init__(self) -> None:
        self.own = rule_value(self.lab.scenario, self.sweep.rule)
        self.set_by = set_by_cards(self.lab.scenario, self.sweep.rule)

    @property
    def contenders(self) -> list[str]:
        return self.lab.contenders

    def share(self, point: int, cid: str) -> Share:
        return self.lab.win_share(point, cid)

    def change(self, cid: str) -> Difference:
        """The last value's share minus the first's, with Newcombe's 95% interval."""
        return difference(self.share(len(self.sweep.values) - 1, cid), self.share(0, cid))

    def is_own(self, point: int) -> bool:
        return float(self.sweep.values[point]) == float(self.own)

    def command(self) -> str:
        """The command that plays these games again."""
        return " ".join([*self.lab.options(), f"--sweep {self.sweep.spec}"])

    def about(self) -> list[str]:
        """What was played, in sentences (the text and the HTML both say it)."""
        r, d = self.lab, self.sweep.dial
        n, values = r.games, len(self.sweep.values)
        seeds = f"seed {r.seed}" if n == 1 else f"seeds {r.seed}-{r.seed + n - 1}"
        switch = " (a switch: 0 is off, 1 is on)" if d.kind == "switch" else ""
        out = [
            f"Rule {d.name}{switch}: {d.description} Allowed: {d.bounds()}; the scenario's "
            f"value: {value_text(self.own)}.",
            f"{n} all-AI game{'s' * (n != 1)} per value, {seeds} at every value, AI difficulty "
            f"{r.difficulty}{''.join(f', {c} {x}' for c, x in r.overrides.items())}, {r.length} "
            f"length; {values} value{'s' * (values != 1)}, {n * values} games, "
            f"{len(r.crashed())} crashed.",
        ]
        if r.overlay:
            out.append(f"The scenario's rules as the overlay {r.overlay} sets them.")
        if self.set_by:
            verb = "sets" if len(self.set_by) == 1 else "set"
            out.append(f"Note: in this scenario {', '.join(self.set_by)} also {verb} {d.name} "
                       "during the game; the sweep sets its value until then.")
        return out

    # ----- the text ----------------------------------------------------------------------------

    def render(self) -> str:
        r = self.lab
        sc = r.scenario
        out = [f"SWEEP: {sc.title} ({sc.id})"]
        if r.source:
            out.append(f"  file: {r.source}")
        for line in self.about():
            out.append(t.wrap(line, t.WIDTH, indent="  ", first="  "))
        out.append(t.wrap(" ".join(SWEEP_CAVEATS), t.WIDTH, indent="  ", first="  "))
        out.append(f"  Again: {self.command()}")
        out.append("")
        names = [r.name(c) for c in self.contenders]
        rows = [
            [value_text(v), *[f"{100 * self.share(i, c).p:.1f}" for c in self.contenders],
             "<- the scenario's value" if self.is_own(i) else ""]
            for i, v in enumerate(self.sweep.values)
        ]
        heads = ["Value", *names, ""]
        if not any(self.is_own(i) for i in range(len(rows))):
            heads, rows = heads[:-1], [row[:-1] for row in rows]
        out += [
            f"WIN SHARE BY VALUE OF {self.sweep.rule} (% of games won)",
            t.table(heads, rows, align="r" * (len(names) + 1) + "l", shrink=0),
            "",
        ]
        rows = []
        for c in self.contenders:
            for i, v in enumerate(self.sweep.values):
                s = self.share(i, c)
                rows.append([r.name(c), value_text(v), s.k, s.n, f"{100 * s.p:.1f}%",
                             f"{100 * s.low:.1f}%", f"{100 * s.high:.1f}%"])
        out += [
            "WIN SHARES WITH 95% INTERVALS (Wilson), by contender and value",
            t.table(["Contender", "Value", "Wins", "Games", "Share", "95% low", "95% high"],
                    rows, align="lrrrrrr", shrink=0),
            "",
        ]
        if len(self.sweep.values) > 1:
            first, last = (value_text(v) for v in (self.sweep.values[0], self.sweep.values[-1]))
            rows = []
            for c in self.contenders:
                d = self.change(c)
                rows.append([r.name(c), f"{100 * d.d:+.1f}",
                             f"{100 * d.low:+.1f} to {100 * d.high:+.1f}",
                             "yes" if d.clear else "no"])
            out += [
                f"CHANGE FROM {first} TO {last} (points of win share, 95% interval: Newcombe)",
                t.table(["Contender", "Change", "95% interval", "Clear"], rows, align="lrrl",
                        shrink=0),
                "",
            ]
        crashed = r.crashed()
        if crashed:
            out.append(f"GAMES THAT CRASHED ({len(crashed)})")
            out.append(t.table(["Value", "Seed", "Error"],
                               [[a.title, rec.seed, rec.error] for a, rec in crashed],
                               align="lrl", shrink=2))
            out.append("")
        return "\n".join(line.rstrip() for line in "\n".join(out).split("\n")).rstrip() + "\n"
