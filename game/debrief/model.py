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
    """How one contender ended the game."""

    contender: str
    outcome: str = Field(description="The scenario's outcome id.")
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


class Question(Model):
    text: str
    objective: str = Field(description="The scenario's learning objective it serves.")
    objective_index: int
    basis: str = Field(description="What in this game the question is built on.")


class SourceCited(Model):
    source: str
    cards: list[str] = Field(description="Titles of the cards that fired and cite it.")


class HistoryDistance(Model):
    """How far a game left the scenario's record (see ``DISTANCE_RULE``)."""

    total: float
    steps: float = Field(description="From the dated steps: offices, seats, expulsions.")
    choices: float = Field(description="From cards decided otherwise than in history.")
    rule: str = DISTANCE_RULE


class Debrief(Model):
    """The debrief of one finished game."""

    scenario_id: str
    scenario_title: str
    scenario_dates: str
    seed: int
    turns: int
    dates: list[str] = Field(description="Label of each support point: the start, then turns.")
    ticks: list[tuple[int, str]] = Field(description="(support point, year) where years begin.")
    humans: list[str] = Field(description="Contender ids played by people (empty: all AI).")
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
    distance: HistoryDistance
    epilogue: str = ""

    def contender(self, cid: str) -> ContenderRef:
        return next(c for c in self.contenders if c.id == cid)

    def outcome_of(self, cid: str) -> OutcomeLine:
        return next(o for o in self.outcomes if o.contender == cid)


class SkippedSave(Model):
    path: str
    reason: str


class GameLine(Model):
    """One counted game of a class."""

    path: str
    seed: int
    humans: list[str]
    winner: str
    outcomes: dict[str, str] = Field(description="Outcome name of each contender played.")
    distance: float
    divergences: int


class OutcomeCount(Model):
    outcome: str
    name: str
    rank: int
    games: int


class PlayedBy(Model):
    """How the games of one seat ended: ``contender`` is who was played (``""``: all-AI games,
    counted by the winner's outcome)."""

    contender: str
    games: int
    wins: int = Field(description="Games in which this seat was best placed.")
    outcomes: list[OutcomeCount] = Field(description="Best outcome first.")


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
    played: list[PlayedBy]
    common_turning_points: list[CommonTurningPoint]
    factors: list[FactorBreakdown] = Field(
        description="Per contender, the factors' amounts averaged over the games counted."
    )
    factors_played: FactorBreakdown | None = Field(
        description="The seats people played, pooled (contender ``played``), averaged per game."
    )
    closest: GameLine | None
    furthest: GameLine | None
    game_list: list[GameLine]
    distance_rule: str = DISTANCE_RULE
    learning_objectives: list[str]
