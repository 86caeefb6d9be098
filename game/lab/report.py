"""The lab's report: win shares per contender and arm with 95% intervals, each what-if's
difference from the baseline with its interval, and the median dates of the decisive events.

Everything here is a pure function of the records, so the same seeds give the same report,
whatever the number of worker processes that played them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from game import tables as t
from game.check import MilestoneSummary, summarise_milestones
from game.engine import Scenario

from .runner import MILESTONES, Arm, LabRecord, year_ends
from .stats import Difference, Share, difference, mean, mean_difference, median_low, share

SHOWN_EVENT_SHARE = 0.05  # a decisive event is listed when it happens in this share of some arm

# What the numbers can and cannot say: every rendering of the report (text, HTML, the student
# sheet) carries all of these; a sweep's report, those that apply to it.
WINNER_CAVEAT = (
    "A game's winner is the best-placed contender at the end (best outcome, then following in "
    "the top organ, then support)."
)
MODEL_CAVEAT = (
    "The computer plays every seat, so the games show what this model's rules make likely, "
    "not what would have happened; the model's numbers are estimates, and the AI plays worse "
    "than the historical actors (see docs/lab.md)."
)
CAVEATS: tuple[str, ...] = (
    WINNER_CAVEAT,
    "Intervals are 95%: Wilson for a share, Newcombe for a difference; * marks a difference "
    "whose interval excludes zero (a clear difference).",
    "Dates are medians over the games in which the event happened.",
    MODEL_CAVEAT,
)


@dataclass(frozen=True, slots=True)
class Milestone:
    """How often a decisive event happened in an arm, and its median turn when it did."""

    happened: int
    games: int
    median: int | None

    @property
    def share(self) -> float:
        return self.happened / self.games if self.games else 0.0


@dataclass
class LabReport:
    scenario: Scenario
    arms: list[Arm]
    records: list[list[LabRecord]]  # one list per arm, in seed order
    seed: int = 0
    difficulty: str = "standard"
    source: str = ""
    length: str = "full"
    overrides: dict[str, str] = field(default_factory=dict)
    overlay: str = ""  # the overlay file that set some of the scenario's rules, if any
    played: list[list[LabRecord]] = field(init=False)

    def __post_init__(self) -> None:
        self.played = [[r for r in recs if r.error is None] for recs in self.records]

    # ----- the facts, for the text, the HTML and the tests ---------------------------------------

    @property
    def games(self) -> int:
        return len(self.records[0]) if self.records else 0

    @property
    def contenders(self) -> list[str]:
        return [c.id for c in self.scenario.contenders]

    def name(self, cid: str) -> str:
        return self.scenario.contenders[self.scenario.contender_index(cid)].short

    def crashed(self) -> list[tuple[Arm, LabRecord]]:
        return [
            (a, r)
            for a, recs in zip(self.arms, self.records, strict=True)
            for r in recs
            if r.error is not None
        ]

    def wins(self, arm: int) -> Counter[str]:
        return Counter(r.winner for r in self.played[arm] if r.winner)

    def win_share(self, arm: int, cid: str) -> Share:
        return share(self.wins(arm)[cid], len(self.played[arm]))

    def win_difference(self, arm: int, cid: str) -> Difference:
        """Arm minus baseline (arm 0), with Newcombe's 95% interval."""
        return difference(self.win_share(arm, cid), self.win_share(0, cid))

    def outcome_share(self, arm: int, cid: str, oid: str) -> Share:
        """The share of games in which ``cid`` ended with outcome ``oid``."""
        k = sum(1 for r in self.played[arm] if (cid, oid) in r.outcomes)
        return share(k, len(self.played[arm]))

    def outcome_difference(self, arm: int, cid: str, oid: str) -> Difference:
        return difference(self.outcome_share(arm, cid, oid), self.outcome_share(0, cid, oid))

    def milestone_difference(self, arm: int, cid: str, key: str) -> Difference:
        """The change in the share of games in which the decisive event happened."""
        a, b = self.milestone(arm, cid, key), self.milestone(0, cid, key)
        return difference(share(a.happened, a.games), share(b.happened, b.games))

    def years(self) -> list[str]:
        """The years whose end the support table shows (``1924`` ... ``1929``)."""
        cal = self.scenario.calendar
        return [cal.label(t).split("-")[0] for t in year_ends(self.scenario)]

    def supports(self, arm: int, cid: str, year: int) -> list[float]:
        c = self.scenario.contender_index(cid)
        return [r.support[year][c] for r in self.played[arm] if year < len(r.support)]

    def support_mean(self, arm: int, cid: str, year: int) -> float:
        """The mean share of the party's members loyal to ``cid`` at the end of a year."""
        return mean(self.supports(arm, cid, year))

    def support_difference(self, arm: int, cid: str, year: int) -> Difference:
        return mean_difference(self.supports(arm, cid, year), self.supports(0, cid, year))

    def outcome_headers(self) -> list[str]:
        """Short column headers for the outcomes: the first word of each name, or the ids
        when first words clash."""
        words = [o.name.split()[0] if o.name.split() else o.id for o in self.scenario.outcomes]
        return words if len(set(words)) == len(words) else [o.id for o in self.scenario.outcomes]

    def milestone(self, arm: int, cid: str, key: str) -> Milestone:
        turns = [
            turn for r in self.played[arm] for c, k, turn in r.milestones if c == cid and k == key
        ]
        return Milestone(len(turns), len(self.played[arm]), median_low(turns))

    def history(self, arm: int) -> list[MilestoneSummary]:
        """The scenario's milestones against history, over the games of one arm."""
        return summarise_milestones(self.arms[arm].scenario,
                                    [dict(r.reached) for r in self.played[arm]])

    def milestones_shown(self) -> list[tuple[str, str]]:
        """(contender, milestone) that happened in at least SHOWN_EVENT_SHARE of the games of
        some arm, by contender then milestone."""
        out = []
        for cid in self.contenders:
            for key, _ in MILESTONES:
                if any(
                    self.milestone(a, cid, key).share >= SHOWN_EVENT_SHARE
                    for a in range(len(self.arms))
                ):
                    out.append((cid, key))
        return out

    def milestone_change(self, a: int, cid: str, key: str) -> str:
        """The change in the share of games in which the event happened, in points."""
        d = self.milestone_difference(a, cid, key)
        return f"{100 * d.d:+.1f} {'*' if d.clear else ' '}"

    def milestone_label(self, cid: str, key: str) -> str:
        if key == "party":
            return f"{self.name(cid)} expelled from the party"
        return f"{self.name(cid)} out of the {self.scenario.organs.politburo.name}"

    def date(self, turn: int | None) -> str:
        return "-" if turn is None else self.scenario.calendar.label(turn)

    def when(self, m: Milestone) -> str:
        """``1926-Q4 in 98%``: the median date and the share of games it happened in."""
        if not m.happened:
            return "never"
        return f"{self.date(m.median)} in {self._pc(m.share)}%"

    def options(self) -> list[str]:
        """``politburo lab`` with the options that fix these games, but for the arms: the
        scenario, the games, the seeds, the AI's seats and the length."""
        parts = [
            "politburo lab",
            f"--scenario {self.source or self.scenario.id}",
            f"--games {self.games}",
            f"--seed {self.seed}",
        ]
        if self.difficulty != "standard":
            parts.append(f"--difficulty {self.difficulty}")
        parts += [f"--seat {c}={d}" for c, d in self.overrides.items()]
        if self.length != "full":
            parts.append(f"--length {self.length}")
        if self.overlay:
            parts.append(f"--overlay {self.overlay}")
        return parts

    def command(self) -> str:
        """The command that plays these games again."""
        what = [a.id for a in self.arms if not a.is_baseline]
        return " ".join([*self.options(), *(["--what-if " + " ".join(what)] if what else [])])

    # ----- the text ----------------------------------------------------------------------------

    def render(self) -> str:
        sc = self.scenario
        n = self.games
        last = self.seed + n - 1
        seeds = f"seed {self.seed}" if n == 1 else f"seeds {self.seed}-{last}"
        total = n * len(self.arms)
        out = [f"LAB: {sc.title} ({sc.id})"]
        if self.source:
            out.append(f"  file: {self.source}")
        if self.overlay:
            out.append(f"  rules overlay: {self.overlay}")
        out.append(
            t.wrap(
                f"{n} all-AI game{'s' * (n != 1)} per arm, {seeds} in every arm, AI difficulty "
                f"{self.difficulty}{''.join(f', {c} {d}' for c, d in self.overrides.items())}, "
                f"{self.length} length; {len(self.arms)} arm{'s' * (len(self.arms) != 1)}, "
                f"{total} games, {len(self.crashed())} crashed.",
                t.WIDTH,
                indent="  ",
                first="  ",
            )
        )
        out.append(t.wrap(" ".join(CAVEATS), t.WIDTH, indent="  ", first="  "))
        out.append(f"  Again: {self.command()}")
        out.append("")
        out += self._baseline()
        for a in range(1, len(self.arms)):
            out += self._arm(a)
        if len(self.arms) > 2:
            out += self._summary()
        crashed = self.crashed()
        if crashed:
            out.append(f"GAMES THAT CRASHED ({len(crashed)})")
            out.append(
                t.table(
                    ["Arm", "Seed", "Error"],
                    [[a.id, r.seed, r.error] for a, r in crashed],
                    align="lrl",
                    shrink=2,
                )
            )
            out.append("")
        return "\n".join(out).rstrip() + "\n"

    def _pct(self, x: float) -> str:
        return f"{100 * x:.1f}%"

    def _interval(self, s: Share) -> str:
        return f"{self._pct(s.low)} - {self._pct(s.high)}"

    def _baseline(self) -> list[str]:
        rows = []
        for cid in self.contenders:
            s = self.win_share(0, cid)
            rows.append([self.name(cid), s.k, self._pct(s.p), self._interval(s)])
        out = [
            f"BASELINE: {self.scenario.title}",
            t.table(["Contender", "Wins", "Share", "95% interval"], rows, shrink=0),
            "",
        ]
        rows = [
            [
                self.name(c),
                *[
                    self.outcome_cell(self.outcome_share(0, c, o.id).p)
                    for o in self.scenario.outcomes
                ],
            ]
            for c in self.contenders
        ]
        out += [
            "Graded outcomes (% of games)",
            t.table(["Contender", *self.outcome_headers()], rows, shrink=0),
            "",
        ]
        years = self.years()
        rows = [
            [self.name(c), *[f"{100 * self.support_mean(0, c, y):.1f}" for y in range(len(years))]]
            for c in self.contenders
        ]
        out += [
            "Support at the end of each year (% of the party's members loyal; mean of the games)",
            t.table(["Contender", *years], rows, shrink=0),
            "",
        ]
        shown = self.milestones_shown()
        if shown:
            rows = [
                [self.milestone_label(c, k), self.when(self.milestone(0, c, k))] for c, k in shown
            ]
            out += [
                t.table(["Decisive event", "Median date, share of games"], rows, align="ll"),
                "",
            ]
        rows = [[m.id, self.date(m.history_turn - 1), self.reached(m)] for m in self.history(0)]
        if rows:
            out += [
                "Milestones against history (median date where games reached it, share of games "
                "within two turns of history)",
                t.table(["Milestone", "History", "Games"], rows, align="lll", shrink=0),
                "",
            ]
        return out

    def reached(self, m: MilestoneSummary) -> str:
        """``1926-Q4 in 98%, 80% within 2``, or why there is nothing to say."""
        if not m.applicable:
            return "after this length's end"
        if not m.reached:
            return "never"
        return (f"{self.date(int(m.median_turn or 1) - 1)} in {self._pc(m.reached / m.games)}%, "
                f"{self._pc(m.within_2 / m.games)}% within 2")

    @staticmethod
    def _pc(p: float) -> str:
        """A share as a whole percentage; ``<1`` for a share that rounds to nothing."""
        return "0" if p == 0 else "<1" if p < 0.005 else f"{100 * p:.0f}"

    def outcome_cell(self, p: float) -> str:
        return "." if p == 0 else self._pc(p)

    def outcome_change(self, a: int, cid: str, oid: str) -> str:
        base, arm = self.outcome_share(0, cid, oid).p, self.outcome_share(a, cid, oid).p
        if base == arm == 0:
            return "."
        clear = self.outcome_difference(a, cid, oid).clear
        return f"{self._pc(base)} -> {self._pc(arm)}{'*' if clear else ' '}"

    def support_change(self, a: int, cid: str, year: int) -> str:
        base, arm = self.support_mean(0, cid, year), self.support_mean(a, cid, year)
        clear = self.support_difference(a, cid, year).clear
        return f"{100 * base:.1f} -> {100 * arm:.1f}{'*' if clear else ' '}"

    def _arm(self, a: int) -> list[str]:
        arm = self.arms[a]
        out = [f"WHAT IF: {arm.title} ({arm.id})"]
        if arm.question:
            out.append(t.wrap(arm.question, t.WIDTH, indent="    ", first="  Question: "))
        if arm.description:
            out.append(t.wrap(arm.description, t.WIDTH, indent="  ", first="  "))
        rows = []
        for cid in self.contenders:
            base, s = self.win_share(0, cid), self.win_share(a, cid)
            d = self.win_difference(a, cid)
            rows.append(
                [
                    self.name(cid),
                    self._pct(base.p),
                    self._pct(s.p),
                    f"{100 * d.d:+.1f}",
                    f"{100 * d.low:+.1f} to {100 * d.high:+.1f} {'*' if d.clear else ' '}",
                ]
            )
        out.append(
            t.table(
                ["Contender", "Baseline", "What-if", "Difference (points)", "95% interval"],
                rows,
                align="lrrrr",
                shrink=0,
            )
        )
        out.append("")
        rows = [
            [self.name(c), *[self.outcome_change(a, c, o.id) for o in self.scenario.outcomes]]
            for c in self.contenders
        ]
        out += [
            "Graded outcomes (% of games, baseline -> what-if)",
            t.table(["Contender", *self.outcome_headers()], rows, shrink=0),
            "",
        ]
        years = self.years()
        rows = [
            [self.name(c), *[self.support_change(a, c, y) for y in range(len(years))]]
            for c in self.contenders
        ]
        out += [
            "Support at the end of each year (% of members loyal, mean; baseline -> what-if)",
            t.table(["Contender", *years], rows, shrink=0),
            "",
        ]
        shown = self.milestones_shown()
        if shown:
            rows = []
            for c, k in shown:
                rows.append(
                    [
                        self.milestone_label(c, k),
                        self.when(self.milestone(0, c, k)),
                        self.when(self.milestone(a, c, k)),
                        self.milestone_change(a, c, k),
                    ]
                )
            out += [
                t.table(
                    ["Decisive event", "Baseline", "What-if", "Change in share"], rows, align="lllr"
                ),
                "",
            ]
        rows = [[b.id, self.reached(b), self.reached(w)]
                for b, w in zip(self.history(0), self.history(a), strict=True)]
        if rows:
            out += [
                "Milestones against history (baseline -> what-if)",
                t.table(["Milestone", "Baseline", "What-if"], rows, align="lll", shrink=0),
                "",
            ]
        return out

    def _summary(self) -> list[str]:
        headers = ["What-if", *[self.name(c) for c in self.contenders]]
        rows = []
        for a in range(1, len(self.arms)):
            cells = []
            for cid in self.contenders:
                d = self.win_difference(a, cid)
                cells.append(f"{100 * d.d:+.1f}{'*' if d.clear else ' '}")
            rows.append([self.arms[a].id, *cells])
        return [
            "SUMMARY: change in win share from the baseline, in points (* = the 95% "
            "interval excludes zero)",
            t.table(headers, rows, shrink=0),
            "",
        ]
