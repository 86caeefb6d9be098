"""Playing the lab's games: N all-AI games per arm, in worker processes, in a fixed order.

An *arm* is one version of a scenario: the baseline (the scenario as written) or the scenario
with one what-if applied (:meth:`game.engine.Scenario.with_what_ifs`). Every arm plays the same
seeds, ``seed .. seed+games-1``, with the standard AI in every seat, exactly as
:func:`game.ai.autoplay.play_ai_game` plays them (:func:`game.ai.autoplay.tallied_game`); so
arm and baseline differ only by the what-if (and by the chance it sets off). A game depends
only on its scenario, seed and the AI's difficulty, and the records are put back in (arm, seed)
order, so the results are the same whatever the number of worker processes.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from game.ai.autoplay import tallied_game
from game.ai.loop import Tally
from game.check import CHUNK, EVERY_SEAT_ALIKE, Overrides, Progress, play_games
from game.engine import Scenario, ledger, milestones, outcome

BASELINE = "baseline"

# The decisive events of a game, for each contender who starts inside the organ: the first
# turn they are on a rung of the removal ladder outside it.
MILESTONES: tuple[tuple[str, str], ...] = (("politburo", "in_politburo"), ("party", "in_party"))


@dataclass(frozen=True, slots=True)
class Arm:
    """One version of the scenario that the lab plays: the baseline or one what-if."""

    id: str  # "baseline" or the what-if's id
    title: str
    scenario: Scenario
    question: str = ""
    description: str = ""

    @property
    def is_baseline(self) -> bool:
        return self.id == BASELINE


def arms_of(scenario: Scenario, what_ifs: Iterable[str]) -> list[Arm]:
    """The baseline and one arm per what-if, in the order given; KeyError for an unknown id."""
    arms = [Arm(BASELINE, "Baseline: the scenario as written", scenario)]
    for wid in what_ifs:
        w = scenario.what_if(wid)
        arms.append(Arm(w.id, w.title, scenario.with_what_ifs([w.id]), w.question, w.description))
    return arms


@dataclass(frozen=True, slots=True)
class LabRecord:
    """One game: its winner and outcomes, and when each contender first left the Politburo and
    the party; or the error it crashed with."""

    seed: int
    winner: str | None = None
    outcomes: tuple[tuple[str, str], ...] = ()  # (contender id, outcome id), scenario order
    milestones: tuple[tuple[str, str, int], ...] = ()  # (contender id, milestone, turn)
    support: tuple[tuple[float, ...], ...] = ()  # each contender's, at the end of each year
    reached: tuple[tuple[str, int], ...] = ()  # (scenario milestone id, 0-based turn reached)
    error: str | None = None


def decisive_events(scenario: Scenario, tally: Tally) -> tuple[tuple[str, str, int], ...]:
    """(contender, milestone, turn) for the first turn each contender left each organ of
    :data:`MILESTONES` that they started in, in turn order."""
    first = [
        (turn, c, key)
        for c in range(len(scenario.contenders))
        for k, (key, _) in enumerate(MILESTONES)
        if (turn := int(tally.left[c, k])) >= 0
    ]
    return tuple((scenario.contenders[c].id, key, turn) for turn, c, key in sorted(first))


def year_ends(scenario: Scenario) -> list[int]:
    """The turns that end a year of the calendar (and the last turn, if it ends none)."""
    cal = scenario.calendar
    ends = [t for t in range(cal.turns) if (t + cal.start_period) % cal.periods_per_year == 0]
    if not ends or ends[-1] != cal.turns - 1:
        ends.append(cal.turns - 1)
    return ends


def play_game(
    scenario: Scenario, seed: int, difficulty: str = "standard",
    overrides: Overrides = EVERY_SEAT_ALIKE,
) -> LabRecord:
    """Play one all-AI game and record it; an exception becomes a crashed record. Every seat
    plays at ``difficulty`` unless ``overrides`` names another for it."""
    try:
        state, tally = tallied_game(scenario, seed, difficulty, overrides)
        result = outcome(state)
        if result is None:
            raise RuntimeError("the game ended without an outcome")
    except Exception as e:  # one crash must not stop a lab run: record it, go on
        message = " ".join(str(e).split()) or "(no message)"
        return LabRecord(seed, error=f"{type(e).__name__}: {message}")
    return LabRecord(
        seed=seed,
        winner=result.winner,
        outcomes=tuple((o.contender, o.outcome) for o in result.outcomes),
        milestones=decisive_events(scenario, tally),
        support=_support_by_year(scenario, ledger(state).history),
        reached=tuple(sorted((m.id, m.reached) for m in milestones(state)
                             if m.reached is not None)),
    )


def _support_by_year(scenario: Scenario, history) -> tuple[tuple[float, ...], ...]:
    """Each contender's share of the party's members at the end of each year (history holds
    the start, then the end of every turn)."""
    return tuple(
        tuple(round(float(x), 6) for x in history[t + 1])
        for t in year_ends(scenario)
        if t + 1 < len(history)
    )


# ----- many games: locally, or on a Dask cluster ------------------------------------------------


def play_chunk(
    scenario: Scenario, seeds: Sequence[int], difficulty: str, overrides: Overrides
) -> list[LabRecord]:
    """Some games of one arm: the unit of work sent to a Dask cluster's workers."""
    return [play_game(scenario, s, difficulty, overrides) for s in seeds]


class ClusterError(Exception):
    """The Dask cluster cannot be used; the message says why in one line."""


CONNECT_SECONDS = 10  # for the scheduler to answer before the lab gives up on it
CLUSTER_ADDRESS = re.compile(r"^(tcp|tls)://(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):[0-9]{1,5}$")


def cluster_address_problem(address: str) -> str | None:
    """Why ``address`` is not a Dask scheduler's address (tcp:// or tls://, a host, a port), or
    None."""
    if CLUSTER_ADDRESS.match(address) and int(address.rsplit(":", 1)[1]) <= 65535:
        return None
    return f"{address[:80]!r} is not a Dask scheduler address such as tcp://10.0.0.5:8786"


def _connect(client_class, address: str):
    """A Dask client of the scheduler at ``address``, or ClusterError in one line: for an address
    that is not one, a refusal, or anything that is not a Dask scheduler (whatever Dask raises
    then, even a server that never answers, which Dask's own timeout does not cover: the client
    is made in a thread given a deadline)."""
    problem = cluster_address_problem(address)
    if problem:
        raise ClusterError(problem)
    made: list = []

    def connect() -> None:
        try:
            made.append(client_class(address, timeout=f"{CONNECT_SECONDS}s"))
        except BaseException as e:  # noqa: BLE001 - any failure means: not a usable scheduler
            made.append(e)

    thread = threading.Thread(target=connect, name="politburo-cluster-connect", daemon=True)
    thread.start()
    deadline = CONNECT_SECONDS * 1.5
    thread.join(deadline)
    if not made:
        raise ClusterError(
            f"no answer from {address} within {deadline:g} s: is it a Dask scheduler?"
        )
    if isinstance(made[0], BaseException):
        why = " ".join(str(made[0]).split())[:200] or type(made[0]).__name__
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {why}")
    return made[0]


def run_on_cluster(
    arms: Sequence[Arm],
    seeds: Sequence[int],
    difficulty: str,
    address: str,
    progress: Progress | None,
    overrides: Overrides = EVERY_SEAT_ALIKE,
) -> list[list[LabRecord]]:
    """The same games as :func:`run_arms`, played by the workers of the Dask cluster at
    ``address``; records come back in (arm, seed) order, so the report is the same."""
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise ClusterError(
            "running on a cluster needs Dask: pip install 'politburo[cluster]'"
        ) from None
    client = _connect(Client, address)
    total = len(seeds) * len(arms)
    size = max(1, min(CHUNK, len(seeds) // 8 or 1))
    found: dict[tuple[int, int], LabRecord] = {}
    try:
        scenarios = client.scatter([a.scenario for a in arms], broadcast=True)
        futures = {}
        for a, scenario in enumerate(scenarios):
            for i in range(0, len(seeds), size):
                chunk = list(seeds[i : i + size])
                f = client.submit(play_chunk, scenario, chunk, difficulty, dict(overrides),
                                  pure=False)
                futures[f] = (a, chunk)
        done = 0
        for f in as_completed(list(futures)):
            a, chunk = futures[f]
            try:
                for rec in f.result():
                    found[(a, rec.seed)] = rec
            except Exception as e:  # a worker lost or a game's error: still a report
                for s in chunk:
                    found[(a, s)] = LabRecord(s, error=f"{type(e).__name__}: {e}")
            done += len(chunk)
            if progress:
                progress(done, total)
    finally:
        client.close()
    return [[found[(a, s)] for s in seeds] for a in range(len(arms))]


def run_arms(
    arms: Sequence[Arm],
    games: int,
    seed: int = 0,
    difficulty: str = "standard",
    jobs: int = 1,
    progress: Progress | None = None,
    cluster: str | None = None,
    overrides: Overrides = EVERY_SEAT_ALIKE,
) -> list[list[LabRecord]]:
    """Play ``games`` games of every arm from seeds ``seed..seed+games-1``: one list of records
    per arm, in seed order, on ``jobs`` local processes or, given its address, on a Dask
    cluster. ``progress(done, total)`` is called as games finish."""
    seeds = list(range(seed, seed + games))
    if cluster:
        if progress:
            progress(0, games * len(arms))
        return run_on_cluster(arms, seeds, difficulty, cluster, progress, overrides)
    return play_games(play_game, [a.scenario for a in arms], seeds, difficulty, overrides, jobs,
                      lambda s, why: LabRecord(s, error=why), progress)
