"""What a debrief says, as data: the report of one game (:class:`Debrief`) and of a class's games
(:class:`ClassSummary`).

These are plain pydantic models, built by :mod:`game.debrief.build` from the game record and
drawn by :mod:`game.debrief.html` (and by the window's debrief screen): every number and sentence
a reader sees is here, so two renderings of one debrief cannot disagree.

Support is a share of the party's members, from 0 to 1; "points" in the text are percentage
points of that share. Turns are 0-based, as in the engine; ``date`` is the scenario's label of a
turn (``1925-Q3``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

# How the distance from history is measured (see :class:`HistoryDistance`); shown in the report.
DISTANCE_CAP = 8  # quarters: a step that came this much too early or late counts as missed
CHOICE_WEIGHT = 4  # quarters: a card decided otherwise than in history
DISTANCE_RULE = (
    "Distance from history, in quarters: for every dated step the scenario's record gives (an "
    "office lost, a seat lost, an expulsion, exile, deportation), how many quarters earlier or "
    f"later it came in the game, at most {DISTANCE_CAP}; a recorded step that never came, and a "
    f"step taken in the game that the record does not have, count {DISTANCE_CAP} each; every "
    f"event card decided otherwise than in history counts {CHOICE_WEIGHT}. 0 means the game "
    "followed the record on all of these."
)


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ContenderRef(Model):
    """A contender as the report names and draws them."""

    id: str
    name: str
    short: str
    colour: str = Field(description="The scenario's colour for this contender, `#rrggbb`.")
    pattern: str = Field(description="The scenario's fill pattern, for colour-blind readers.")
    human: bool = Field(description="Played by a person in this game.")


class OutcomeLine(Model):
    """How one contender ended the game (or stood when it stopped: ``outcome`` is then "")."""

    contender: str
    outcome: str = Field(description="The scenario's outcome id; \"\" in an unfinished game.")
    name: str
    rank: int
    description: str
    support: float = Field(description="Share of the party's members loyal to them at the end.")
    status: str = Field(description="The rung of the removal ladder they ended on, by name.")
    offices: list[str] = Field(description="Offices held at the end, by name.")
    winner: bool = Field(description="Best placed of all contenders.")


class Decision(Model):
    """One order a player gave, as the game offered it."""

    action: str = Field(description="The action's text form, such as `appoint ukraine`.")
    label: str = Field(description="What the menu called it.")
    cost: int
    odds: float | None = Field(None, description="Chance the vote it led to would carry.")


class PlayerTurn(Model):
    contender: str
    decisions: list[Decision]
    results: list[str] = Field(description="What came of them, and what befell the player.")


class HistoryNote(Model):
    """What the scenario's record says about one quarter: a dated card or a scheduled meeting."""

    kind: Literal["card", "meeting"]
    ref: str = Field(description="Event id, or the meeting's name.")
    title: str
    note: str = Field(description="The historical note.")
    source: str = ""
    in_game: str = Field(description="What became of it in this game.")
    diverged: bool = Field(False, description="This game left the record here.")


class TurnEntry(Model):
    """One quarter of the timeline: the players' decisions beside the historical record."""

    turn: int
    date: str
    players: list[PlayerTurn]
    history: list[HistoryNote]
    divergences: list[int] = Field(description="Indexes into ``Debrief.divergences``.")


class Divergence(Model):
    """A point where the game left the scenario's historical record, explained."""

    kind: Literal["earlier", "later", "never", "not_in_record", "choice", "card_missing"]
    turn: int = Field(description="When it showed in the game (for `never`: the record's turn).")
    date: str
    contender: str | None = None
    title: str
    game: str = Field(description="What happened in this game.")
    history: str = Field(description="What the record says.")
    why: str = Field(description="Why the game went another way, from its events.")
    quarters: int | None = Field(None, description="Earlier (-) or later (+), in quarters.")
    evidence: str = Field("", description="Where the record comes from in the scenario.")


class TurningPoint(Model):
    """A moment that changed the game: a swing in support, an office or seat lost or won, a
    close vote; with its cause, from the factor tags of the events behind it."""

    turn: int
    date: str
    kind: Literal["swing", "office", "status", "vote"]
    key: str = Field(description="Names the same kind of moment in every game, without dates.")
    label: str = Field(description="The moment in words, without a date (for class tallies).")
    text: str = Field(description="The moment in this game.")
    contenders: list[str]
    factor: str | None = Field(description="The factor id that caused it.")
    factor_name: str | None
    cause: str = Field(description="What caused it, in words.")
    weight: float = Field(description="How large it was, for ranking; larger is bigger.")
    change: float | None = Field(None, description="Support gained (+) or lost (-), for swings.")


class FactorShare(Model):
    factor: str
    name: str
    amount: float = Field(description="Support this factor won (+) or lost (-), as a share.")
    share: float = Field(description="Its part of all the movement, |amount| / sum of |amounts|.")
    votes_won: int = Field(0, description="Votes booked under this factor that went this "
                           "contender's way (a motion of theirs carried, a charge on them failed).")
    votes_lost: int = Field(0, description="Votes booked under this factor that went against "
                            "them.")

    @property
    def helped(self) -> bool:
        """It won this contender support, on balance."""
        return self.amount > 0


class FactorBreakdown(Model):
    """What each factor contributed to a contender's support: the amounts add up to ``change``
    and the shares to 1 (or all are 0 when nothing moved)."""

    contender: str
    start: float
    end: float
    change: float
    factors: list[FactorShare]


class SupportSeries(Model):
    contender: str
    points: list[float] = Field(description="Support at the start and after every turn.")


class BlocLine(Model):
    label: str
    yes: int
    no: int
    reason: str


class VoteRecord(Model):
    turn: int
    date: str
    organ: str = Field(description="The organ's name in the scenario.")
    body: str = Field(description="politburo, central_committee or congress.")
    motion: str
    yes: int
    no: int
    needed: int
    passed: bool
    headline: str
    actors: list[str]
    factor: str | None
    blocs: list[BlocLine]


class MarkLevel(Model):
    level: int
    marks: str
    descriptor: str


class Question(Model):
    """A "how far" essay question built on this game, with what a teacher needs to mark it."""

    text: str
    objective: str = Field(description="The scenario's learning objective it serves.")
    objective_index: int
    basis: str = Field(description="What in this game the question is built on.")
    evidence: list[str] = Field(
        default_factory=list, description="Where in the debrief to start looking, for students."
    )
    model_answer: list[str] = Field(default_factory=list, description="Paragraphs.")
    indicative: list[str] = Field(
        default_factory=list, description="What a good answer may use, for the mark scheme."
    )
    levels: list[MarkLevel] = Field(default_factory=list, description="Best level first.")


class SourceCited(Model):
    """A document the game's cards cite, said as what it is."""

    source: str = Field(description="Its title, as the cards cite it.")
    kind: str = Field("", description="What it is (a student's essay, revision notes ...).")
    note: str = Field("", description="What to know before trusting it.")
    cards: list[str] = Field(description="Titles of the cards that came up and cite it.")


class Work(Model):
    """A historian's work (or a primary source) from the further-reading list."""

    author: str
    title: str
    year: int
    publisher: str
    kind: str
    argues: str


class StepLine(Model):
    """A dated step of one contender (an office or a rung lost or won) as the record and this
    game have it: either turn may be missing (never happened, or not in the record)."""

    contender: str | None = Field(description="Whose step it is (None: the whole party's).")
    label: str
    history_turn: int | None = Field(description="When the record has it (None: not in it).")
    game_turn: int | None = Field(description="When it came in this game (None: it did not).")


class HistoryDistance(Model):
    """How far a game left the scenario's record (see ``DISTANCE_RULE``)."""

    total: float
    steps: float = Field(description="From the dated steps: offices, seats, expulsions.")
    choices: float = Field(description="From cards decided otherwise than in history.")
    rule: str = DISTANCE_RULE


class Debrief(Model):
    """The debrief of one game: finished, or stopped early (then ``finished`` is false and
    ``outcomes`` are the standings when it stopped)."""

    scenario_id: str
    scenario_title: str
    scenario_dates: str
    seed: int
    length: str = Field(description="The lesson length played: short, standard or full.")
    length_turns: int = Field(description="How many turns that length has.")
    finished: bool = Field(description="The game reached its length's end.")
    turns: int = Field(description="Turns played.")
    dates: list[str] = Field(description="Label of each support point: the start, then turns.")
    quarters: list[str] = Field(
        default_factory=list, description="Label of every turn of the length, played or not."
    )
    ticks: list[tuple[int, str]] = Field(description="(support point, year) where years begin.")
    humans: list[str] = Field(description="Contender ids played by people (empty: all AI).")
    names: dict[str, str] = Field(
        default_factory=dict, description="The players' names by contender id, as saved."
    )
    focus: list[str] = Field(description="Whose decisions the timeline follows.")
    contenders: list[ContenderRef]
    outcomes: list[OutcomeLine] = Field(description="Best placed first.")
    winner: str
    learning_objectives: list[str]
    timeline: list[TurnEntry]
    divergences: list[Divergence]
    turning_points: list[TurningPoint] = Field(description="In the order they happened.")
    factors: list[FactorBreakdown]
    support: list[SupportSeries]
    votes: list[VoteRecord]
    questions: list[Question]
    sources: list[SourceCited]
    reading: list[Work] = Field(default_factory=list, description="Further reading to cite.")
    steps: list[StepLine] = Field(default_factory=list, description="Record and game, by step.")
    distance: HistoryDistance
    essay: str = Field("", description="The scenario's essay question, for the teacher.")
    mark_note: str = Field("", description="How the mark scheme's levels relate to exams.")
    epilogue: str = ""
    touches: list[str] = Field(
        default_factory=list,
        description="How the game was changed from outside its rules (the debug console, a "
        "scenario reloaded), a line each; empty for a game played by the rules alone.",
    )

    @property
    def end_date(self) -> str:
        """The last quarter played."""
        return self.dates[-1]

    def contender(self, cid: str) -> ContenderRef:
        return next(c for c in self.contenders if c.id == cid)

    def outcome_of(self, cid: str) -> OutcomeLine:
        return next(o for o in self.outcomes if o.contender == cid)

    def pivotal_points(self, contenders: Sequence[str]) -> list[TurningPoint]:
        """The turning points that touch ``contenders``, weightiest first, with a contender's
        later steps down the ladder left out: a fall turns where it begins (the last step,
        deportation, weighs most but decides least)."""
        fallen: set[str] = set()
        out = []
        for tp in sorted(self.turning_points, key=lambda x: x.turn):
            if not set(tp.contenders) & set(contenders):
                continue
            if tp.kind == "status":
                if tp.contenders[0] in fallen:
                    continue
                fallen.add(tp.contenders[0])
            out.append(tp)
        return sorted(out, key=lambda tp: -tp.weight)


class SkippedSave(Model):
    path: str
    reason: str


class GameLine(Model):
    """One counted game of a class."""

    path: str
    seed: int
    length: str = Field(description="The lesson length played.")
    humans: list[str]
    names: dict[str, str] = Field(
        default_factory=dict, description="The player's name for each seat, where recorded."
    )
    winner: str
    outcomes: dict[str, str] = Field(description="Outcome name of each contender played.")
    distance: float
    divergences: int
    touches: list[str] = Field(
        default_factory=list, description="How the game was changed from outside its rules."
    )

    @property
    def players(self) -> str:
        """Who played, by name where recorded, else by the file's name."""
        named = list(self.names.values())
        return ", ".join(named) if named else self.path.replace("\\", "/").rsplit("/", 1)[-1]


class StudentLine(Model):
    """One seat played by people in one game: who, which contender, and how it ended."""

    student: str = Field(description="The name recorded in the save, else \"\".")
    path: str
    length: str
    contender: str
    outcome: str = Field(description="The outcome's name.")
    rank: int
    best_placed: bool
    distance: float = Field(description="That game's distance from history, in quarters.")


class OutcomeCount(Model):
    outcome: str
    name: str
    rank: int
    games: int


class PlayedBy(Model):
    """How the games of one seat at one length ended: ``contender`` is who was played
    (``""``: all-AI games, counted by the winner's outcome)."""

    contender: str
    length: str = "full"
    games: int
    wins: int = Field(description="Games in which this seat was best placed.")
    outcomes: list[OutcomeCount] = Field(description="Best outcome first.")


class LengthGroup(Model):
    """The games of one lesson length, compared with history among themselves: each length has
    its own record to follow, so closeness is measured within a length."""

    length: str
    turns: int
    games: int
    mean_distance: float
    closest: GameLine
    furthest: GameLine


class CommonTurningPoint(Model):
    key: str
    label: str
    kind: str
    games: int = Field(description="Games in which it was a turning point.")
    share: float = Field(description="games / games counted.")
    typical_date: str = Field(description="Median date at which it came.")


class ClassSummary(Model):
    """Many games of one scenario, summarised for a class debrief."""

    scenario_id: str
    scenario_title: str
    games: int
    skipped: list[SkippedSave]
    contenders: list[ContenderRef]
    played: list[PlayedBy] = Field(description="By length (shortest first), then seat.")
    students: list[StudentLine] = Field(default_factory=list)
    lengths: list[LengthGroup] = Field(default_factory=list, description="Shortest first.")
    common_turning_points: list[CommonTurningPoint]
    factors: list[FactorBreakdown] = Field(
        description="Per contender, the factors' amounts averaged over the games counted."
    )
    factors_played: FactorBreakdown | None = Field(
        description="The seats people played, pooled (contender ``played``), averaged per game."
    )
    game_list: list[GameLine]
    distance_rule: str = DISTANCE_RULE
    learning_objectives: list[str]
