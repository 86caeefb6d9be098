"""Calibration: fitting some of a scenario's rules to its milestones (`politburo calibrate`).

The scenario's ``milestones:`` date the turning points of the history it tells. A candidate set
of rule values is scored by playing ``games`` all-AI games with them and measuring how far the
milestones fall from history's turns (:func:`milestone_loss`). Every candidate plays the same
seeds (common random numbers), so two candidates differ only by their values and the chance
those set off, and the same candidate always scores the same.

The search is CMA-ES (pycma, by the method's author): it samples a population of candidates
around a mean, and moves the mean and reshapes the spread towards the better ones. It uses only
the ranks of the scores, so it is not misled by a noisy, stepped objective such as a share of a
few dozen games, and it suits the 3-10 rules calibrated here with budgets of tens to hundreds of
candidates. Each generation's candidates are the arms of one run of the lab's runner
(:func:`game.lab.runner.run_arms`): in parallel on this machine's cores or on a Dask cluster.

The search runs in the unit cube (each rule scaled to its LOW..HIGH), starts from the
scenario's own values and is seeded from ``seed``, so a calibration can be repeated exactly. A
candidate's values are rounded to three significant digits before it is played, so the values
written are the values measured. The result is the best candidate played, the scenario's own
values included: on these seeds it is never worse than the start.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from game.check import EVERY_SEAT_ALIKE, MilestoneSummary, Overrides, Progress, summarise_milestones
from game.content.rule_values import (
    Dial,
    RuleError,
    RuleValue,
    dial,
    number_text,
    rule_value,
    with_rules,
)
from game.engine import Scenario

from .runner import Arm, LabRecord, run_arms

WITHIN = 2  # turns from history's that count as on time (the model issue's bar)
UNREACHED_WEIGHT = 0.5  # the extra cost of a milestone a game never reached
LATE_WEIGHT = 0.5  # the cost of a milestone reached outside the window, at its farthest
LATE_TURNS = 8  # turns beyond the window at which that cost is whole
SIGMA0 = 0.3  # the first generation's spread, as a share of each rule's LOW..HIGH
DIGITS = 3  # significant digits of a candidate's values


class TuneError(ValueError):
    """A ``--tune`` that cannot be used; the message is one line."""


@dataclass(frozen=True, slots=True)
class Tuned:
    """A rule to calibrate, within LOW..HIGH."""

    dial: Dial
    low: float
    high: float

    @property
    def name(self) -> str:
        return self.dial.name

    def unit(self, value: float) -> float:
        """``value`` on the unit scale of LOW..HIGH, kept inside it."""
        return min(1.0, max(0.0, (value - self.low) / (self.high - self.low)))

    def value(self, unit: float) -> RuleValue:
        """The rule's value at ``unit`` of LOW..HIGH: a whole number rounded, a number to
        :data:`DIGITS` significant digits, always within LOW..HIGH."""
        x = self.low + min(1.0, max(0.0, float(unit))) * (self.high - self.low)
        if self.dial.kind == "whole number":
            return int(min(self.high, max(self.low, round(x))))
        return min(self.high, max(self.low, _significant(x)))

    def bounds(self) -> str:
        return f"{number_text(self.low)} to {number_text(self.high)}"


def _significant(x: float, digits: int = DIGITS) -> float:
    if x == 0:
        return 0.0
    return round(x, digits - 1 - math.floor(math.log10(abs(x))))


def tuned(name: str, low: float, high: float) -> Tuned:
    """A rule to calibrate; TuneError for a switch, an empty range, or bounds the rule cannot
    take (out of its own, or not whole for a whole number)."""
    try:
        d = dial(name)
    except RuleError as e:
        raise TuneError(str(e)) from None
    if d.kind == "switch":
        raise TuneError(f"rule {name!r} is a switch: calibration tunes numbers (sweep a switch "
                        "with politburo lab --sweep NAME=0:1:1)")
    if not (math.isfinite(low) and math.isfinite(high)) or low >= high:
        raise TuneError(f"rule {name!r}: LOW must be below HIGH, and both numbers")
    for x in (low, high):
        problem = d.problem(x)
        if problem:
            raise TuneError(f"rule {name!r}: {problem}")
    return Tuned(d, float(low), float(high))


def parse_tune(text: str) -> Tuned:
    """``NAME=LOW:HIGH`` as a rule to calibrate; TuneError for anything else."""
    shown = text if len(text) <= 80 else text[:77] + "..."
    name, sep, span = text.partition("=")
    parts = span.split(":")
    if not sep or not name.strip() or len(parts) != 2:
        raise TuneError(f"{shown!r}: write NAME=LOW:HIGH, such as patronage_strength=0.01:0.15")
    try:
        low, high = (float(p) for p in parts)
    except ValueError:
        raise TuneError(f"{shown!r}: LOW and HIGH must be numbers") from None
    return tuned(name.strip(), low, high)


# ----- the objective ----------------------------------------------------------------------------


def milestone_loss(scenario: Scenario, reached: Sequence[Mapping[str, int]]) -> float:
    """How far games fall from history, 0 when every game reached every milestone within
    :data:`WITHIN` turns of history's: the mean over the milestones applicable to the length
    played of (1 - the share of games within the window) + :data:`UNREACHED_WEIGHT` x (1 - the
    share that reached it at all) + :data:`LATE_WEIGHT` x the mean, over the games that reached
    it outside the window, of its turns beyond the window over :data:`LATE_TURNS` (at most 1):
    so a milestone reached a little late costs less than one reached much too late, and one
    never reached costs most. ``reached``: each game's milestones (id -> 0-based turn)."""
    total, counted = 0.0, 0
    games = len(reached)
    cal = scenario.calendar
    for m in scenario.milestones:
        history = cal.turn_of(m.when)
        if history >= cal.turns:
            continue  # after this length's end: not applicable
        counted += 1
        if not games:
            total += 1 + UNREACHED_WEIGHT + LATE_WEIGHT
            continue
        turns = [game[m.id] for game in reached if m.id in game]
        off = [abs(t - history) for t in turns]
        within = sum(d <= WITHIN for d in off)
        late = sum(min(1.0, (d - WITHIN) / LATE_TURNS) for d in off if d > WITHIN)
        total += (1 - within / games) + UNREACHED_WEIGHT * (1 - len(turns) / games)
        total += LATE_WEIGHT * late / games
    return total / counted if counted else 0.0


# ----- the search -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Evaluation:
    """One candidate: its values, its games' milestones and its score."""

    values: tuple[tuple[str, RuleValue], ...]
    loss: float
    records: tuple[LabRecord, ...]

    @property
    def crashed(self) -> list[LabRecord]:
        return [r for r in self.records if r.error is not None]

    def reached(self) -> list[dict[str, int]]:
        """Each game's milestones; a crashed game reached none."""
        return [dict(r.reached) for r in self.records]


@dataclass
class Calibration:
    """A calibration's result: every candidate played, in order (the scenario's own values
    first), and the best."""

    scenario: Scenario  # as calibrated: cut to its length, with the overlay's rules if any
    tune: list[Tuned]
    games: int
    seed: int
    budget: int
    evaluations: list[Evaluation] = field(default_factory=list)
    generations: int = 0
    stopped: str = ""  # why the search stopped before the budget was spent, if it did

    @property
    def before(self) -> Evaluation:
        return self.evaluations[0]

    @property
    def best(self) -> Evaluation:
        return min(self.evaluations, key=lambda e: e.loss)  # the first of equals

    def milestones(self, e: Evaluation) -> list[MilestoneSummary]:
        return summarise_milestones(self.scenario, e.reached())

    def crashed(self) -> list[tuple[Evaluation, LabRecord]]:
        return [(e, r) for e in self.evaluations for r in e.crashed]


def _cma() -> Any:
    """pycma, imported without its warning that matplotlib (for its own plots) is missing."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import cma
    return cma


def calibrate(
    scenario: Scenario,
    tune: Sequence[Tuned],
    games: int,
    budget: int,
    seed: int = 0,
    difficulty: str = "standard",
    jobs: int = 1,
    progress: Progress | None = None,
    cluster: str | None = None,
    overrides: Overrides = EVERY_SEAT_ALIKE,
) -> Calibration:
    """Fit the ``tune`` rules of ``scenario`` (already cut to its length) to its milestones
    with at most ``budget`` candidates of ``games`` games each, seeds ``seed..``; the scenario's
    own values are the first candidate. ``progress(done, total)`` counts games over the whole
    budget. ClusterError if the Dask cluster cannot be used."""
    cma = _cma()
    tune = list(tune)
    result = Calibration(scenario, tune, games, seed, budget)
    start = [t.unit(float(rule_value(scenario, t.name))) for t in tune]
    # pycma needs two dimensions at least: one rule is searched beside a coordinate that
    # changes nothing (its candidates repeat values, and a repeat is never played twice)
    start += [0.5] * (2 - len(start))
    options = {
        "bounds": [0.0, 1.0],
        "seed": 1 + seed % (2**31 - 2),  # pycma takes 0 for "from the clock"
        "verbose": -9,
        "verb_log": 0,
        "verb_disp": 0,
        "tolflatfitness": 10,  # a few games make plateaus: widen and go on, as pycma does
    }
    es = cma.CMAEvolutionStrategy(start, SIGMA0, options)
    seen: dict[tuple[tuple[str, RuleValue], ...], Evaluation] = {}
    total = budget * games
    first = _own(scenario, tune)
    while len(result.evaluations) < budget:
        asked = es.ask()
        candidates = [tuple((t.name, t.value(u)) for t, u in zip(tune, x[: len(tune)],
                                                                   strict=True))
                      for x in asked]
        wanted = [] if result.evaluations else [first]
        for c in candidates:
            if c not in seen and c not in wanted:
                wanted.append(c)
        wanted = wanted[: budget - len(result.evaluations)]
        done = len(result.evaluations) * games
        played = _play(scenario, wanted, games, seed, difficulty, jobs, cluster, overrides,
                       progress and (lambda d, _t, done=done: progress(done + d, total)))
        for values, records in zip(wanted, played, strict=True):
            e = Evaluation(values, milestone_loss(scenario, [dict(r.reached) for r in records]),
                           tuple(records))
            seen[values] = e
            result.evaluations.append(e)
        result.generations += 1
        if len(result.evaluations) >= budget or not all(c in seen for c in candidates):
            break  # the budget is spent: the last generation was played only in part
        es.tell(asked, [seen[c].loss for c in candidates])
        if es.stop():
            result.stopped = ", ".join(sorted(es.stop()))
            break
    if progress:
        progress(total, total)
    return result


def _own(scenario: Scenario, tune: Sequence[Tuned]) -> tuple[tuple[str, RuleValue], ...]:
    return tuple((t.name, rule_value(scenario, t.name)) for t in tune)


def _play(
    scenario: Scenario,
    candidates: Sequence[tuple[tuple[str, RuleValue], ...]],
    games: int,
    seed: int,
    difficulty: str,
    jobs: int,
    cluster: str | None,
    overrides: Overrides,
    progress: Progress | None,
) -> list[list[LabRecord]]:
    """The games of each candidate, on the same seeds: the candidates are the arms of one run."""
    if not candidates:
        return []
    arms = [
        Arm(id=f"candidate{i}", title="; ".join(f"{k} = {number_text(float(v))}" for k, v in c),
            scenario=with_rules(scenario, dict(c)))
        for i, c in enumerate(candidates)
    ]
    return run_arms(arms, games, seed, difficulty, jobs, progress, cluster, overrides)


# ----- what a calibration says ------------------------------------------------------------------


def objective_text() -> str:
    """The objective in words (the report, the overlay and `--help` say it)."""
    return (
        f"the mean over the milestones of: the share of games not within {WITHIN} turns of "
        f"history, plus {UNREACHED_WEIGHT:g} x the share that never reached it, plus "
        f"{LATE_WEIGHT:g} x how late or early the others were (turns beyond the {WITHIN}, over "
        f"{LATE_TURNS}, at most 1); 0 is every game on time"
    )


def render(c: Calibration, again: str, try_it: str, source: str = "", overlay: str = "") -> str:
    """The calibration as text: what was played, the milestones before and after (the columns
    of ``politburo check``), the values, and ``try_it``, the command that checks them on other
    games. ``source``: the scenario's file; ``overlay``: the overlay it started from."""
    from game import tables as t
    from game.check import milestone_table

    sc = c.scenario
    last = c.seed + c.games - 1
    played = len(c.evaluations)
    out = [f"CALIBRATION OF {sc.title} ({sc.id})"]
    if source:
        out.append(f"  file: {source}")
    if overlay:
        out.append(f"  rules overlay: {overlay}")
    lines = [
        "Tuned: " + "; ".join(f"{x.name} within {x.bounds()}" for x in c.tune) + ".",
        f"{c.games} all-AI game{'s' * (c.games != 1)} per candidate, seeds {c.seed}-{last} for "
        f"every candidate; {played} of a budget of {c.budget} candidate"
        f"{'s' * (c.budget != 1)} played in {c.generations} generation"
        f"{'s' * (c.generations != 1)} of CMA-ES, {played * c.games} games, "
        f"{len(c.crashed())} crashed" + (f"; the search stopped early ({c.stopped})"
                                         if c.stopped else "") + ".",
        f"Objective (lower is better): {objective_text()}.",
        f"Again: {again}",
    ]
    out += [t.wrap(line, t.WIDTH, indent="  ", first="  ") for line in lines]
    out.append("")
    for title, e in (("BEFORE: the scenario's own values", c.before),
                     ("AFTER: the fitted values", c.best)):
        out.append(f"{title} (objective {e.loss:.3f})")
        out += milestone_table(sc, c.milestones(e))
        out.append("")
    before, after = dict(c.before.values), dict(c.best.values)
    rows = [[x.name, number_text(float(before[x.name])), number_text(float(after[x.name])),
             number_text(x.low), number_text(x.high)] for x in c.tune]
    out += [
        "FITTED VALUES",
        t.table(["Rule", "Before", "After", "Low", "High"], rows, align="lrrrr", shrink=0),
        "",
    ]
    if c.best is c.before:
        out.append("  No candidate did better than the scenario's own values on these games.")
    out.append(t.wrap(
        "The values were fitted to these games, and a fit to a few dozen games flatters itself: "
        f"check them on other seeds before you keep them, with: {try_it}",
        t.WIDTH, indent="  ", first="  "))
    crashed = c.crashed()
    if crashed:
        out += ["", f"GAMES THAT CRASHED ({len(crashed)})",
                t.table(["Values", "Seed", "Error"],
                        [["; ".join(f"{k}={number_text(float(v))}" for k, v in e.values), r.seed,
                          r.error] for e, r in crashed], align="lrl", shrink=2)]
    return "\n".join(line.rstrip() for line in "\n".join(out).split("\n")).rstrip() + "\n"


def overlay_file(
    c: Calibration, again: str, try_it: str, kept: Mapping[str, RuleValue] | None = None,
    kept_from: str = "",
) -> str:
    """The fitted values as an overlay a modder can review and keep: each value with what it
    was, and its bounds, in a comment; the command that made it and the one that checks it.
    ``kept``: the rules of the overlay ``kept_from`` that the calibration started from and did
    not tune, written again so that the new overlay plays the games it measured."""
    from game import tables as t
    from game.content.overlay import overlay_text

    sc = c.scenario
    before, after = dict(c.before.values), dict(c.best.values)
    header = [
        f"Rules of {sc.title} ({sc.id}) fitted to its milestones by politburo calibrate:",
        f"objective {c.before.loss:.3f} with the scenario's own values, {c.best.loss:.3f} with "
        f"these (lower is better), over seeds {c.seed}-{c.seed + c.games - 1}.",
        *t.wrap(f"The objective: {objective_text()}.", 96).split("\n"),
        f"Made with: {again}",
        "They were fitted to those games: check them on others before keeping them, with:",
        f"  {try_it}",
        "To keep a value, copy it into the scenario's rules: (see docs/modding.md).",
        "",
    ]
    rows = [
        (x.name, after[x.name], f"before {number_text(float(before[x.name]))}, after "
         f"{number_text(float(after[x.name]))}; tuned within {x.bounds()}"
         + ("" if after[x.name] != before[x.name] else " (unchanged)"))
        for x in c.tune
    ]
    tuned_names = {x.name for x in c.tune}
    rows += [(name, value, f"from {kept_from}, not tuned")
             for name, value in (kept or {}).items() if name not in tuned_names]
    return overlay_text(sc.id, header, rows)
