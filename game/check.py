"""The headless test harness behind ``politburo check``: many all-AI games of one scenario, and a
report a modder can act on.

Each game is played by the standard AI in every seat (exactly as ``politburo play --auto`` and
:func:`game.ai.autoplay.play_ai_game` play it) from seeds ``seed .. seed+games-1``. Games run in
worker processes when ``jobs > 1``; each game depends only on the scenario, its seed and the
difficulty, and the records are put back in seed order, so the report is the same whatever the
number of jobs. A game that raises is recorded as crashed, with its message, and the others go
on.

The report says which outcomes each contender reached, each contender's win rate with a 95%
Wilson interval, how often and how near history's date games reached each of the scenario's
milestones, which events never fired, which choices on event cards were never taken, which
kinds of action nobody ever chose (and whether they were ever possible), and which games
crashed. :meth:`Report.to_json` is the same report for machines (``politburo check --json``):
its keys are stable, for modders' CI; ``events`` gives, for every event, the games in which it
fired, and ``choices``, for every choice on a card, the games in which it was taken.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import signal
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, TextIO

from game import tables as t
from game.ai.autoplay import tallied_game
from game.engine import (
    SPECS,
    ActionKind,
    Scenario,
    cards_fired,
    ledger,
    milestones,
    outcome,
)

CHUNK = 8  # games per task sent to a worker: small enough that progress and Ctrl-C stay prompt
FACTOR_SHORT = {  # column heads for the factors table
    "patronage": "Patronage", "opponents_weaknesses": "Weakness", "alliances": "Allies",
    "ideology": "Ideology", "rivalries": "Rivalry", "lenins_legacy": "Lenin",
    "personal_qualities": "Personal", "luck": "Luck",
}


def factor_head(sc: Scenario, factor: str) -> str:
    """A factor's column head: the game's short name, or for a factor the scenario names
    itself the last word of that name ("Stalin's legacy": "Legacy")."""
    if factor not in {str(f) for f in sc.factors}:
        return FACTOR_SHORT.get(factor, factor)
    last = sc.factor_name(factor).split()[-1]
    return last[0].upper() + last[1:]


@dataclass(frozen=True, slots=True)
class GameRecord:
    """What one game showed: who got which outcome, which events fired, which choices and
    action kinds were taken, which action kinds were ever legal; or the error it crashed with."""

    seed: int
    turns: int = 0
    winner: str | None = None
    outcomes: tuple[tuple[str, str], ...] = ()  # (contender id, outcome id), scenario order
    fired: frozenset[str] = frozenset()
    choices: frozenset[tuple[str, str]] = frozenset()  # (event id, choice id) decided
    chosen: frozenset[str] = frozenset()  # action kinds anyone ordered
    legal: frozenset[str] = frozenset()  # action kinds anyone could have ordered
    milestones: tuple[tuple[str, int], ...] = ()  # (milestone id, 0-based turn reached)
    # (contender id, factor id, share of what moved their support: + for them, - against)
    factors: tuple[tuple[str, str, float], ...] = ()
    error: str | None = None


Overrides = Mapping[str, str]  # contender id -> the difficulty that seat plays at
EVERY_SEAT_ALIKE: Overrides = MappingProxyType({})


def play_one(
    scenario: Scenario,
    seed: int,
    difficulty: str = "standard",
    overrides: Overrides = EVERY_SEAT_ALIKE,
) -> GameRecord:
    """Play one all-AI game and record it; an exception becomes a crashed record. Every seat
    plays at ``difficulty`` unless ``overrides`` names another for it."""
    try:
        state, tally = tallied_game(scenario, seed, difficulty, overrides)
        result = outcome(state)
        if result is None:
            raise RuntimeError("the game ended without an outcome")
    except Exception as e:  # a crash is what the harness exists to find: record it, go on
        message = " ".join(str(e).split()) or "(no message)"
        return GameRecord(seed, error=f"{type(e).__name__}: {message}")
    fired = cards_fired(state)
    kinds = [k.value for k in ActionKind]
    return GameRecord(
        seed=seed,
        turns=int(tally.turns[0]),
        winner=result.winner,
        outcomes=tuple((o.contender, o.outcome) for o in result.outcomes),
        fired=frozenset(fired),
        choices=frozenset((e, ch) for e, ch in fired.items() if ch is not None),
        chosen=frozenset(k for k, on in zip(kinds, tally.chosen.tolist(), strict=True) if on),
        legal=frozenset(k for k, on in zip(kinds, tally.legal.tolist(), strict=True) if on),
        milestones=tuple(sorted((m.id, m.reached) for m in milestones(state)
                                if m.reached is not None)),
        factors=tuple(
            (c.id, f.factor, f.share if f.helped else -f.share)
            for c in scenario.contenders for f in ledger(state).shares(c.id)
        ),
    )


# ----- running many games -----------------------------------------------------------------------

PlayOne = Callable[[Scenario, int, str, Overrides], Any]  # a record with a ``seed``

_WORKER: tuple[PlayOne, tuple[Scenario, ...], str, Overrides, Any] | None = None


def _init_worker(
    play: PlayOne, scenarios: tuple[Scenario, ...], difficulty: str, overrides: Overrides,
    stop: Any,
) -> None:
    global _WORKER
    _WORKER = (play, scenarios, difficulty, overrides, stop)
    # Ctrl-C is the parent's to handle: it sets ``stop``, and workers finish the game in hand.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _play_chunk(arm: int, seeds: Sequence[int]) -> list:
    assert _WORKER is not None
    play, scenarios, difficulty, overrides, stop = _WORKER
    records = []
    for s in seeds:
        if stop.is_set():
            break
        records.append(play(scenarios[arm], s, difficulty, overrides))
    return records


def default_jobs() -> int:
    """Every core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


Progress = Callable[[int, int], None]


def play_games(
    play: PlayOne,
    scenarios: Sequence[Scenario],
    seeds: Sequence[int],
    difficulty: str,
    overrides: Overrides,
    jobs: int,
    failed: Callable[[int, str], Any],
    progress: Progress | None = None,
) -> list[list]:
    """``play(scenario, seed, difficulty, overrides)`` for every scenario and every seed: one
    list of records per scenario, in seed order, whatever ``jobs``. With ``jobs > 1`` the games
    are played in worker processes, in chunks of at most :data:`CHUNK` games; a chunk whose
    worker died gets ``failed(seed, why)`` records. ``play`` must be a module-level function
    (it is sent to the workers). ``progress(done, total)`` is called as games finish. This is
    the one way ``politburo check``, the lab and bench/lab_speed.py play many games."""
    total = len(seeds) * len(scenarios)
    done = 0
    if progress:
        progress(0, total)
    if jobs <= 1 or total == 1:
        out = []
        for scenario in scenarios:
            records = []
            for s in seeds:
                records.append(play(scenario, s, difficulty, overrides))
                done += 1
                if progress:
                    progress(done, total)
            out.append(records)
        return out
    # The first game is played here, before the workers start: forked, they begin with the
    # rules loaded (numba's compiled code is read once, not once per worker).
    first = play(scenarios[0], seeds[0], difficulty, overrides)
    if progress:
        progress(1, total)
    size = max(1, min(CHUNK, total // (jobs * 4)))
    tasks = [
        (a, rest[i : i + size])
        for a in range(len(scenarios))
        for rest in [seeds[1:] if a == 0 else seeds]
        for i in range(0, len(rest), size)
    ]
    found = play_in_workers(
        tasks,
        _play_chunk,
        _init_worker,
        (play, tuple(scenarios), difficulty, dict(overrides)),
        jobs,
        failed,
        progress,
        total,
        done=1,
    )
    found[(0, seeds[0])] = first
    return [[found[(a, s)] for s in seeds] for a in range(len(scenarios))]


def run_games(
    scenario: Scenario,
    games: int,
    seed: int = 0,
    difficulty: str = "standard",
    jobs: int = 1,
    progress: Progress | None = None,
    overrides: Overrides = EVERY_SEAT_ALIKE,
) -> list[GameRecord]:
    """Play ``games`` all-AI games from seeds ``seed..seed+games-1``; the records in seed order.
    ``progress(done, total)`` is called as games finish."""
    seeds = list(range(seed, seed + games))
    return play_games(play_one, [scenario], seeds, difficulty, overrides, jobs,
                      lambda s, why: GameRecord(s, error=why), progress)[0]


def play_in_workers(
    tasks: Sequence[tuple[Any, Sequence[int]]],
    work: Callable[[Any, Sequence[int]], list],
    init: Callable[..., None],
    init_args: tuple,
    jobs: int,
    failed: Callable[[int, str], Any],
    progress: Progress | None = None,
    total: int = 0,
    done: int = 0,
) -> dict[tuple[Any, int], Any]:
    """Run ``work(key, seeds)`` for every (key, seeds) task in ``jobs`` worker processes set up
    by ``init(*init_args, stop)``; returns each record (it has a ``seed``) by (key, seed). A
    chunk whose worker died or failed gets ``failed(seed, why)`` records instead, so a crash is
    reported, not raised. Ctrl-C sets ``stop``: workers end the game in hand and none is left
    behind. ``done``: games of the ``total`` already played elsewhere (for ``progress``)."""
    found: dict[tuple[Any, int], Any] = {}
    context = multiprocessing.get_context()
    stop = context.Event()
    pool = ProcessPoolExecutor(
        max_workers=min(jobs, len(tasks)),
        mp_context=context,
        initializer=init,
        initargs=(*init_args, stop),
    )
    try:
        futures: dict[Future, tuple[Any, Sequence[int]]] = {
            pool.submit(work, key, chunk): (key, chunk) for key, chunk in tasks
        }
        pending = set(futures)
        while pending:
            finished, pending = wait(pending, return_when="FIRST_COMPLETED")
            for f in finished:
                key, chunk = futures[f]
                try:
                    for rec in f.result():
                        found[(key, rec.seed)] = rec
                except BrokenProcessPool:
                    for s in chunk:
                        found[(key, s)] = failed(s, "the worker process died")
                except Exception as e:  # pickling trouble and the like: still a report
                    for s in chunk:
                        found[(key, s)] = failed(s, f"{type(e).__name__}: {e}")
                done += len(chunk)
                if progress:
                    progress(done, total)
    except BaseException:  # Ctrl-C above all: stop promptly, leave no worker behind
        stop.set()
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
    return found


class ProgressBar:
    """A text bar on a terminal, redrawn in place; silent when the stream is not a terminal.
    ``ticking``: it also shows the time so far, redrawn every second when called that often
    (for long steps, so that a bar that does not move still shows the work goes on)."""

    def __init__(self, stream: TextIO = sys.stderr, width: int = 40, unit: str = "games",
                 ticking: bool = False) -> None:
        self.stream = stream
        self.width = width
        self.unit = unit
        self.ticking = ticking
        try:
            self.live = stream.isatty()
        except (AttributeError, ValueError):
            self.live = False
        self.start = time.perf_counter()
        self.shown: tuple[int, int] | None = None  # (filled, seconds) last drawn
        self.drawn = 0  # the length of the line last drawn

    def __call__(self, done: int, total: int) -> None:
        if not self.live or total <= 0:
            return
        filled = self.width * done // total
        elapsed = time.perf_counter() - self.start
        shown = (filled, int(elapsed) if self.ticking else 0)
        if shown == self.shown and done != total:
            return
        self.shown = shown
        bar = "#" * filled + "." * (self.width - filled)
        line = f"[{bar}] {done}/{total} {self.unit}"
        if done == total:
            line += f" in {elapsed:.1f} s"
        elif self.ticking:
            line += f", {int(elapsed) // 60}:{int(elapsed) % 60:02d} so far"
        # spaces over what is left of a longer line drawn before
        self.stream.write("\r" + line.ljust(self.drawn) + ("\n" if done == total else ""))
        self.stream.flush()
        self.drawn = len(line)

    def clear(self) -> None:
        """End an unfinished bar's line (after an interruption)."""
        if self.live and self.shown is not None:
            self.stream.write("\n")
            self.stream.flush()


# ----- the report -------------------------------------------------------------------------------


def wilson(k: int, n: int, z: float = 1.959964) -> tuple[float, float]:
    """The Wilson score interval for k successes in n trials (95% by default)."""
    if n <= 0:
        return (0.0, 1.0)
    if not 0 <= k <= n:
        raise ValueError(f"{k} successes in {n} trials")
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return (0.0 if k == 0 else centre - half, 1.0 if k == n else centre + half)


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


@dataclass(frozen=True, slots=True)
class MilestoneSummary:
    """How a set of games met one milestone. Turns count from 1, as the game shows them; a
    milestone dated after the last turn of the length played is not applicable to it."""

    id: str
    title: str
    history_turn: int
    applicable: bool
    games: int
    reached: int  # games that reached it
    median_turn: float | None  # over the games that reached it
    within_1: int  # games that reached it at most 1 turn from history's
    within_2: int

    def share(self, count: int) -> float | None:
        return count / self.games if self.applicable and self.games else None

    def to_json(self) -> dict[str, Any]:
        median = self.median_turn
        return {
            "id": self.id,
            "title": self.title,
            "history_turn": self.history_turn,
            "applicable": self.applicable,
            "share": self.share(self.reached),
            "median_turn": int(median) if median is not None and median.is_integer() else median,
            "within_1": self.share(self.within_1),
            "within_2": self.share(self.within_2),
        }


def summarise_milestones(
    scenario: Scenario, reached: Sequence[Mapping[str, int]]
) -> list[MilestoneSummary]:
    """Each milestone of ``scenario`` over the games whose milestones (id -> 0-based turn
    reached) are ``reached``."""
    out = []
    for m in scenario.milestones:
        history = scenario.calendar.turn_of(m.when)
        applicable = history < scenario.calendar.turns
        turns = [game[m.id] for game in reached if m.id in game] if applicable else []
        out.append(MilestoneSummary(
            id=m.id,
            title=m.title,
            history_turn=history + 1,
            applicable=applicable,
            games=len(reached),
            reached=len(turns),
            median_turn=float(statistics.median(turns)) + 1 if turns else None,
            within_1=sum(abs(t - history) <= 1 for t in turns),
            within_2=sum(abs(t - history) <= 2 for t in turns),
        ))
    return out


def milestone_table(scenario: Scenario, found: Sequence[MilestoneSummary]) -> list[str]:
    """The lines of the milestones table of ``politburo check``: each milestone's date and turn
    in history, and the share of games that reached it, their median turn, and the shares within
    1 and 2 turns of history; a note when some are not applicable to the length played."""
    cal = scenario.calendar
    rows = []
    for m in found:
        date = cal.label(m.history_turn - 1)
        if not m.applicable:
            rows.append([m.id, date, m.history_turn, "n/a", "", "", ""])
            continue
        median = "-" if m.median_turn is None else f"{m.median_turn:g}"
        rows.append([m.id, date, m.history_turn, _pct(m.reached / m.games), median,
                     _pct(m.within_1 / m.games), _pct(m.within_2 / m.games)])
    out = [t.table(["Milestone", "History", "Turn", "Reached", "Median", "Within 1", "Within 2"],
                   rows, align="llrrrrr", shrink=0)]
    if not all(m.applicable for m in found):
        out.append("  n/a: dated after the last turn of this length, so not applicable.")
    return out


@dataclass
class Report:
    scenario: Scenario
    records: list[GameRecord]
    seed: int = 0
    difficulty: str = "standard"
    source: str = ""
    length: str = "full"
    overrides: Overrides = field(default_factory=dict)
    overlay: str = ""  # the overlay file that set some of the scenario's rules, if any
    played: list[GameRecord] = field(init=False)
    crashed: list[GameRecord] = field(init=False)

    def __post_init__(self) -> None:
        self.played = [r for r in self.records if r.error is None]
        self.crashed = [r for r in self.records if r.error is not None]

    # the facts, for tests and other tools

    def outcome_counts(self) -> Counter[tuple[str, str]]:
        """(contender, outcome) -> games."""
        return Counter(pair for r in self.played for pair in r.outcomes)

    def wins(self) -> Counter[str]:
        return Counter(r.winner for r in self.played if r.winner)

    def event_counts(self) -> dict[str, int]:
        """Every event of the scenario, in its order -> the games in which it fired."""
        fired = Counter(e for r in self.played for e in r.fired)
        return {e.id: fired[e.id] for e in self.scenario.events}

    def choice_counts(self) -> dict[str, dict[str, int]]:
        """Every event with choices -> each choice -> the games in which it was taken."""
        taken = Counter(pair for r in self.played for pair in r.choices)
        return {e.id: {ch.id: taken[(e.id, ch.id)] for ch in e.choices}
                for e in self.scenario.events if e.choices}

    def never_fired(self) -> list[tuple[str, str]]:
        """(id, title) of every event that fired in no game."""
        fired = self.event_counts()
        return [(e.id, e.title) for e in self.scenario.events if not fired[e.id]]

    def never_taken(self) -> list[tuple[str, str, str]]:
        """(event, choice, label) of each choice never decided on a card that did fire."""
        fired, taken = self.event_counts(), self.choice_counts()
        return [
            (e.id, ch.id, ch.label)
            for e in self.scenario.events
            if fired[e.id]
            for ch in e.choices
            if not taken[e.id][ch.id]
        ]

    def never_chosen(self) -> list[tuple[str, bool]]:
        """(action kind, ever legal) of each kind of action nobody ordered in any game."""
        chosen = set().union(*(r.chosen for r in self.played))
        legal = set().union(*(r.legal for r in self.played))
        return [(k.value, k.value in legal) for k in ActionKind if k.value not in chosen]

    def factor_shares(self) -> dict[str, dict[str, float]]:
        """Contender -> factor -> the mean over the games of the factor's share of what moved
        the contender's support (+ for them, - against)."""
        sums: dict[str, dict[str, float]] = {}
        for r in self.played:
            for cid, factor, share in r.factors:
                row = sums.setdefault(cid, {})
                row[factor] = row.get(factor, 0.0) + share
        n = len(self.played) or 1
        return {cid: {f: v / n for f, v in row.items()} for cid, row in sums.items()}

    def milestones(self) -> list[MilestoneSummary]:
        return summarise_milestones(self.scenario, [dict(r.milestones) for r in self.played])

    @property
    def ok(self) -> bool:
        return not self.crashed

    def to_json(self) -> dict[str, Any]:
        """The report as one JSON document, for machines: stable keys (see the module)."""
        sc = self.scenario
        n = len(self.played)
        wins, counts = self.wins(), self.outcome_counts()
        return {
            "scenario": sc.id,
            "games": len(self.records),
            "played": n,
            "crashed": len(self.crashed),
            "length": self.length,
            "turns": sc.calendar.turns,
            "seed": self.seed,
            "difficulty": self.difficulty,
            "seats": dict(self.overrides),
            "overlay": self.overlay or None,
            "win_rates": {c.id: wins[c.id] / n if n else 0.0 for c in sc.contenders},
            "outcomes": {
                c.id: {o.id: counts[(c.id, o.id)] for o in sc.outcomes} for c in sc.contenders
            },
            "milestones": [m.to_json() for m in self.milestones()],
            "factors": self.factor_shares(),
            "events": self.event_counts(),
            "choices": self.choice_counts(),
        }

    # the text

    def render(self) -> str:
        sc = self.scenario
        n = len(self.played)
        last = self.seed + len(self.records) - 1
        seeds = f"seed {self.seed}" if len(self.records) == 1 else f"seeds {self.seed}-{last}"
        out = [f"CHECK OF {sc.title} ({sc.id})"]
        if self.source:
            out.append(f"  file: {self.source}")
        if self.overlay:
            out.append(f"  rules overlay: {self.overlay}")
        seats = "".join(f", {c} {d}" for c, d in self.overrides.items())
        out.append(
            f"  {len(self.records)} all-AI game{'s' * (len(self.records) != 1)}, {seeds}, "
            f"AI difficulty {self.difficulty}{seats}, {self.length} length: {n} played to the "
            f"end, {len(self.crashed)} crashed"
        )
        if n:
            turns = sorted({r.turns for r in self.played})
            span = f"{turns[0]}" if len(turns) == 1 else f"{turns[0]}-{turns[-1]}"
            out.append(f"  turns per game: {span} (the scenario has {sc.calendar.turns})")
        out.append("")

        if n:
            out += self._outcomes()
            out += self._win_rates()
            out += self._milestones()
            out += self._factors()
            out += self._events()
            out += self._choices()
            out += self._actions()
        if self.crashed:
            out.append(f"GAMES THAT CRASHED ({len(self.crashed)})")
            out.append(
                t.table(
                    ["Seed", "Turn", "Error"],
                    [[r.seed, r.turns + 1, r.error] for r in self.crashed],
                    align="rrl",
                    shrink=2,
                )
            )
            out.append(
                f"  Replay one with: politburo play --auto --scenario {self.source or sc.id} "
                f"--seed {self.crashed[0].seed}"
            )
            out.append("")
        return "\n".join(out).rstrip() + "\n"

    def _outcomes(self) -> list[str]:
        sc = self.scenario
        counts = self.outcome_counts()
        shorts = [c.short for c in sc.contenders]
        rows = []
        unreached = []
        for o in sc.outcomes:
            row = [counts[(c.id, o.id)] for c in sc.contenders]
            if not any(row):
                unreached.append(f"{o.name} ({o.id})")
                continue
            rows.append([o.id, o.rank, *row, o.name])
        out = ["OUTCOMES REACHED (games in which each contender ended with each outcome)"]
        align = "lr" + "r" * len(shorts) + "l"
        out.append(
            t.table(["Outcome", "Rank", *shorts, "Name"], rows, align=align, shrink=len(shorts) + 2)
        )
        if unreached:
            out.append(t.wrap("Never reached: " + "; ".join(unreached), t.WIDTH, indent="  "))
        out.append("")
        return out

    def _win_rates(self) -> list[str]:
        sc = self.scenario
        n = len(self.played)
        wins = self.wins()
        rows = []
        for c in sc.contenders:
            k = wins[c.id]
            lo, hi = wilson(k, n)
            rows.append([c.name, k, _pct(k / n), f"{_pct(lo)} - {_pct(hi)}"])
        return [
            "WIN RATES (the winner of a game: best outcome, then following in the top organ, then "
            "support)",
            t.table(["Contender", "Wins", "Rate", "95% interval (Wilson)"], rows, shrink=0),
            "",
        ]

    def _milestones(self) -> list[str]:
        found = self.milestones()
        if not found:
            return []
        return [
            "MILESTONES AGAINST HISTORY (games that reached each, their median turn, and those "
            "within 1 and 2 turns",
            "of history's)",
            *milestone_table(self.scenario, found),
            "",
        ]

    def _factors(self) -> list[str]:
        shares = self.factor_shares()
        if not shares:
            return []
        factors = list(next(iter(shares.values())))
        rows = [[c.short, *[f"{100 * shares[c.id][f]:+.0f}" for f in factors]]
                for c in self.scenario.contenders if c.id in shares]
        heads = [factor_head(self.scenario, f) for f in factors]
        return [
            "FACTORS (mean share of what moved each contender's support, in %: + for them, - "
            "against)",
            t.table(["Contender", *heads], rows, align="l" + "r" * len(factors), shrink=0),
            "",
        ]

    def _events(self) -> list[str]:
        missing = self.never_fired()
        total = len(self.scenario.events)
        if not missing:
            return [f"EVENTS: all {total} fired at least once.", ""]
        return [
            f"EVENTS THAT NEVER FIRED ({len(missing)} of {total})",
            t.table(["Event", "Title"], missing, align="ll", shrink=1),
            "",
        ]

    def _choices(self) -> list[str]:
        missing = self.never_taken()
        if not missing:
            return ["CHOICES: every choice on the cards that fired was taken at least once.", ""]
        return [
            f"CHOICES NEVER TAKEN (on cards that fired; {len(missing)})",
            t.table(["Event", "Choice", "Label"], missing, align="lll", shrink=2),
            "",
        ]

    def _actions(self) -> list[str]:
        missing = self.never_chosen()
        if not missing:
            return ["ACTIONS: every kind of action was chosen at least once.", ""]
        rows = [
            [kind, "yes" if legal else "never", SPECS[ActionKind(kind)].summary]
            for kind, legal in missing
        ]
        return [
            f"ACTIONS NEVER CHOSEN BY ANYONE ({len(missing)} of {len(ActionKind)} kinds)",
            t.table(["Action", "Possible", "What it does"], rows, align="lll", shrink=2),
            "",
        ]


def check(
    scenario: Scenario,
    games: int,
    seed: int = 0,
    difficulty: str = "standard",
    jobs: int = 1,
    progress: Progress | None = None,
    source: str = "",
    length: str = "full",
    overrides: Overrides = EVERY_SEAT_ALIKE,
    overlay: str = "",
) -> Report:
    """Play the games and build the report (``scenario`` already cut to ``length``, with the
    rules of the ``overlay`` file, if any, already set)."""
    records = run_games(scenario, games, seed, difficulty, jobs, progress, overrides)
    return Report(scenario, records, seed, difficulty, source, length, dict(overrides), overlay)
