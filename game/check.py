"""The headless test harness behind ``politburo check``: many all-AI games of one scenario, and a
report a modder can act on.

Each game is played by the standard AI in every seat (exactly as ``politburo play --auto`` and
:func:`game.ai.autoplay.play_ai_game` play it) from seeds ``seed .. seed+games-1``. Games run in
worker processes when ``jobs > 1``; each game depends only on the scenario, its seed and the
difficulty, and the records are put back in seed order, so the report is the same whatever the
number of jobs. A game that raises is recorded as crashed, with its message, and the others go
on.

The report says which outcomes each contender reached, each contender's win rate with a 95%
Wilson interval, which events never fired, which choices on event cards were never taken, which
kinds of action nobody ever chose (and whether they were ever possible), and which games
crashed.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import signal
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any, TextIO

from game.ai.autoplay import ai_orders
from game.cli import tables as t
from game.engine import SPECS, ActionKind, Kind, Match, Scenario, legal_actions, outcome

CHUNK = 8  # games per task sent to a worker: small enough that progress and Ctrl-C stay prompt


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
    error: str | None = None


def play_one(scenario: Scenario, seed: int, difficulty: str = "standard") -> GameRecord:
    """Play one all-AI game and record it; an exception becomes a crashed record."""
    turn = 0
    try:
        match = Match.start(scenario, seed)
        legal: set[str] = set()
        limit = scenario.calendar.turns + 1
        while not match.state.finished:
            turn = match.state.turn
            if len(match.orders) >= limit:
                raise RuntimeError(f"the game did not end after {limit} turns")
            for c in scenario.contenders:
                legal.update(o.action.kind.value for o in legal_actions(match.state, c.id))
            match.play(ai_orders(match.state, seed, difficulty))
        result = outcome(match.state)
        if result is None:
            raise RuntimeError("the game ended without an outcome")
    except Exception as e:  # a crash is what the harness exists to find: record it, go on
        message = " ".join(str(e).split()) or "(no message)"
        return GameRecord(seed, turn, error=f"{type(e).__name__}: {message}")
    return GameRecord(
        seed=seed,
        turns=len(match.orders),
        winner=result.winner,
        outcomes=tuple((o.contender, o.outcome) for o in result.outcomes),
        fired=frozenset(e.ref for e in match.events if e.kind == Kind.CARD and e.ref),
        choices=frozenset(
            (e.ref, str(e.data.get("choice")))
            for e in match.events
            if e.kind == Kind.DECISION and e.ref and e.data.get("choice")
        ),
        chosen=frozenset(
            a.split(maxsplit=1)[0] for turn in match.orders for acts in turn.values() for a in acts
        ),
        legal=frozenset(legal),
    )


# ----- running many games -----------------------------------------------------------------------

_WORKER: tuple[Scenario, str, Any] | None = None


def _init_worker(scenario: Scenario, difficulty: str, stop: Any) -> None:
    global _WORKER
    _WORKER = (scenario, difficulty, stop)
    # Ctrl-C is the parent's to handle: it sets ``stop``, and workers finish the game in hand.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _play_chunk(_key: object, seeds: Sequence[int]) -> list[GameRecord]:
    assert _WORKER is not None
    scenario, difficulty, stop = _WORKER
    records = []
    for s in seeds:
        if stop.is_set():
            break
        records.append(play_one(scenario, s, difficulty))
    return records


def default_jobs() -> int:
    """Every core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


Progress = Callable[[int, int], None]


def run_games(
    scenario: Scenario,
    games: int,
    seed: int = 0,
    difficulty: str = "standard",
    jobs: int = 1,
    progress: Progress | None = None,
) -> list[GameRecord]:
    """Play ``games`` all-AI games from seeds ``seed..seed+games-1``; the records in seed order.
    ``progress(done, total)`` is called as games finish."""
    seeds = list(range(seed, seed + games))
    done = 0
    if progress:
        progress(0, games)
    if jobs <= 1 or games == 1:
        records = []
        for s in seeds:
            records.append(play_one(scenario, s, difficulty))
            done += 1
            if progress:
                progress(done, games)
        return records

    size = max(1, min(CHUNK, games // (jobs * 4)))
    tasks = [(None, seeds[i : i + size]) for i in range(0, games, size)]
    found = play_in_workers(
        tasks,
        _play_chunk,
        _init_worker,
        (scenario, difficulty),
        jobs,
        lambda s, why: GameRecord(s, error=why),
        progress,
        games,
    )
    return [found[(None, s)] for s in seeds]


def play_in_workers(
    tasks: Sequence[tuple[Any, Sequence[int]]],
    work: Callable[[Any, Sequence[int]], list],
    init: Callable[..., None],
    init_args: tuple,
    jobs: int,
    failed: Callable[[int, str], Any],
    progress: Progress | None = None,
    total: int = 0,
) -> dict[tuple[Any, int], Any]:
    """Run ``work(key, seeds)`` for every (key, seeds) task in ``jobs`` worker processes set up
    by ``init(*init_args, stop)``; returns each record (it has a ``seed``) by (key, seed). A
    chunk whose worker died or failed gets ``failed(seed, why)`` records instead, so a crash is
    reported, not raised. Ctrl-C sets ``stop``: workers end the game in hand and none is left
    behind."""
    found: dict[tuple[Any, int], Any] = {}
    done = 0
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
    """A text bar on a terminal, redrawn in place; silent when the stream is not a terminal."""

    def __init__(self, stream: TextIO = sys.stderr, width: int = 40) -> None:
        self.stream = stream
        self.width = width
        try:
            self.live = stream.isatty()
        except (AttributeError, ValueError):
            self.live = False
        self.start = time.perf_counter()
        self.shown = -1

    def __call__(self, done: int, total: int) -> None:
        if not self.live or total <= 0:
            return
        filled = self.width * done // total
        if filled == self.shown and done != total:
            return
        self.shown = filled
        bar = "#" * filled + "." * (self.width - filled)
        line = f"\r[{bar}] {done}/{total} games"
        if done == total:
            line += f" in {time.perf_counter() - self.start:.1f} s\n"
        self.stream.write(line)
        self.stream.flush()

    def clear(self) -> None:
        """End an unfinished bar's line (after an interruption)."""
        if self.live and self.shown >= 0:
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


@dataclass
class Report:
    scenario: Scenario
    records: list[GameRecord]
    seed: int = 0
    difficulty: str = "standard"
    source: str = ""
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

    def never_fired(self) -> list[tuple[str, str]]:
        """(id, title) of every event that fired in no game."""
        fired = set().union(*(r.fired for r in self.played))
        return [(e.id, e.title) for e in self.scenario.events if e.id not in fired]

    def never_taken(self) -> list[tuple[str, str, str]]:
        """(event, choice, label) of each choice never decided on a card that did fire."""
        fired = set().union(*(r.fired for r in self.played))
        taken = set().union(*(r.choices for r in self.played))
        return [
            (e.id, ch.id, ch.label)
            for e in self.scenario.events
            if e.id in fired
            for ch in e.choices
            if (e.id, ch.id) not in taken
        ]

    def never_chosen(self) -> list[tuple[str, bool]]:
        """(action kind, ever legal) of each kind of action nobody ordered in any game."""
        chosen = set().union(*(r.chosen for r in self.played))
        legal = set().union(*(r.legal for r in self.played))
        return [(k.value, k.value in legal) for k in ActionKind if k.value not in chosen]

    @property
    def ok(self) -> bool:
        return not self.crashed

    # the text

    def render(self) -> str:
        sc = self.scenario
        n = len(self.played)
        last = self.seed + len(self.records) - 1
        seeds = f"seed {self.seed}" if len(self.records) == 1 else f"seeds {self.seed}-{last}"
        out = [f"CHECK OF {sc.title} ({sc.id})"]
        if self.source:
            out.append(f"  file: {self.source}")
        out.append(
            f"  {len(self.records)} all-AI game{'s' * (len(self.records) != 1)}, {seeds}, "
            f"AI difficulty {self.difficulty}: {n} played to the end, "
            f"{len(self.crashed)} crashed"
        )
        if n:
            turns = sorted({r.turns for r in self.played})
            span = f"{turns[0]}" if len(turns) == 1 else f"{turns[0]}-{turns[-1]}"
            out.append(f"  turns per game: {span} (the scenario has {sc.calendar.turns})")
        out.append("")

        if n:
            out += self._outcomes()
            out += self._win_rates()
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
            "WIN RATES (the winner of a game: best outcome, then Politburo following, then "
            "support)",
            t.table(["Contender", "Wins", "Rate", "95% interval (Wilson)"], rows, shrink=0),
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
) -> Report:
    """Play the games and build the report."""
    records = run_games(scenario, games, seed, difficulty, jobs, progress)
    return Report(scenario, records, seed, difficulty, source)
