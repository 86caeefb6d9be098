"""The scenario format: everything a succession struggle is made of, as validated data.

A scenario file (YAML, loaded outside the engine) becomes a :class:`Scenario`. The engine holds
no names, dates or historical numbers of its own: contenders, offices, regions, organs, the
calendar of meetings and events, the removal ladder, the outcomes and every tunable rule live
here. Field descriptions are the modder reference.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, model_validator

from .conditions import Condition
from .dates import PERIOD_PREFIX_PATTERN, Date
from .effects import Effect
from .registry import Entry

ID_PATTERN = r"^[a-z][a-z0-9_]*$"
"""Every id in a scenario (and a save's scenario id): a name, never a path."""
Id = Field(pattern=ID_PATTERN, description="A lower-case identifier: a-z, 0-9, _.")



T = TypeVar("T")


def per_scenario(build: Callable[[Scenario], T]) -> Callable[[Scenario], T]:
    """``build`` run once per scenario and its result kept (scenarios are immutable). Kept by
    the scenario object itself, not by value: its lists make a scenario unhashable."""
    kept: dict[int, tuple[Scenario, T]] = {}

    @functools.wraps(build)
    def once(sc: Scenario) -> T:
        hit = kept.get(id(sc))
        if hit is not None and hit[0] is sc:
            return hit[1]
        built = build(sc)
        kept[id(sc)] = (sc, built)
        return built

    return once

class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Factor(StrEnum):
    """The historians' factors that every change of support or office is tagged with."""

    PATRONAGE = "patronage"
    OPPONENTS_WEAKNESSES = "opponents_weaknesses"
    ALLIANCES = "alliances"
    IDEOLOGY = "ideology"
    RIVALRIES = "rivalries"
    LENINS_LEGACY = "lenins_legacy"
    PERSONAL_QUALITIES = "personal_qualities"
    LUCK = "luck"


FACTOR_NAMES: dict[Factor, str] = {
    Factor.PATRONAGE: "The General Secretaryship and patronage",
    Factor.OPPONENTS_WEAKNESSES: "Opponents' weaknesses",
    Factor.ALLIANCES: "Alliances",
    Factor.IDEOLOGY: "Ideology and the mood of the times",
    Factor.RIVALRIES: "Personal rivalries",
    Factor.LENINS_LEGACY: "Lenin's legacy",
    Factor.PERSONAL_QUALITIES: "Personal qualities",
    Factor.LUCK: "Luck",
}

FACTOR_DESCRIPTIONS: dict[Factor, str] = {
    Factor.PATRONAGE: "Appointments fill the regions with followers, who choose the delegates "
    "who choose the leaders; the effect is slow and hard to see.",
    Factor.OPPONENTS_WEAKNESSES: "A rival's mistakes, illness or unpopularity open the way, "
    "especially under a rule that punishes open opposition.",
    Factor.ALLIANCES: "Blocs win votes that no leader could win alone, and can be broken when "
    "they have served.",
    Factor.IDEOLOGY: "A line that fits the party's mood wins members over; a line out of step "
    "loses them.",
    Factor.RIVALRIES: "Leaders' quarrels keep their opponents apart.",
    Factor.LENINS_LEGACY: "Who can claim to speak for the founder, and what his last words "
    "said about each leader.",
    Factor.PERSONAL_QUALITIES: "Speaking, writing, organising, health: the gifts of each "
    "leader.",
    Factor.LUCK: "Illness, timing and chance events that nobody chose.",
}


class FactorDef(Model):
    """What a scenario calls one of the historians' factors in its own era, and what it means
    there (the engine still tags changes with the factor's id)."""

    name: str = Field(description="The factor's name in the debrief, the lab and the teacher's "
                      "material: `Stalin's legacy`.")
    description: str = Field(
        "", description="What the factor meant in this era, a sentence for the teacher's "
        "material; empty: the game's generic description."
    )


class Axis(Model):
    """The line axis: what the party quarrels about, and what its two ends are called. Lines
    and the mood run from -1 (the `left` end) to +1 (the `right` end)."""

    about: str = Field(
        "the New Economic Policy",
        description="What the quarrel is about, as a sentence ends: `where the members stand "
        "on the New Economic Policy`.",
    )
    left: str = Field(
        "Left", description="The name of the -1 end, a word that reads after `to the`: the "
        "menu says `Shift your line to the Left`, the board's axis `LEFT`."
    )
    right: str = Field("Right", description="The name of the +1 end, read the same way.")
    left_wants: str = Field(
        "end the NEP, industrialise fast",
        description="What the -1 end wants, a short phrase: `end the NEP, industrialise fast`.",
    )
    right_wants: str = Field("keep the NEP", description="What the +1 end wants, a short phrase.")

    def side(self, x: float) -> str:
        """The end a line leans to: `Left` for a negative line, else `Right`."""
        return self.left if x < 0 else self.right

    def side_meaning(self, x: float) -> str:
        """The end a line leans to, with what it wants: `Left (end the NEP, ...)`."""
        wants = self.left_wants if x < 0 else self.right_wants
        return f"{self.side(x)} ({wants})" if wants else self.side(x)


class Power(StrEnum):
    """What an office lets its holder do: a fixed set of mechanisms in the rules, each named
    by its 1920s instance; a scenario attaches any of them to any of its offices (an office's
    `powers`), and a contender has a power while holding any office that lists it."""

    APPOINT = "appoint"
    RECRUIT = "recruit"
    AGENDA = "agenda"
    DOSSIERS = "dossiers"
    PRESS = "press"
    ARMY = "army"
    COMINTERN = "comintern"


POWER_RULES: dict[Power, str] = {  # what each power does in the rules, for docs/modding.md
    Power.APPOINT: "Appoint regional secretaries (the `appoint` action): each pulls the "
    "region's members to the patron every turn, and they choose its delegates. A patron who "
    "loses the power keeps the secretaries but their pull shrinks (the rule "
    "`patronage_out_of_office`). Without it, `subvert` is the only way to win a secretary.",
    Power.RECRUIT: "Recruit new members in a region (the `recruit` action), while a recruitment "
    "drive is open (the rules `enrolment` and `enrolment_open`).",
    Power.AGENDA: "Set the agenda: `convene` an extraordinary plenum or congress; in a vote "
    "on a charge or a challenge, the members who judge for themselves lean to the holder's "
    "side (the rule `agenda_weight`); and when the congress elects the central committee, "
    "the holder drafts the slate, a share of the seats going to their followers "
    "(`slate_share`).",
    Power.DOSSIERS: "Keep the party's files: each `dossier` action files two dossiers on a "
    "rival, not one (up to `dossier_limit`).",
    Power.PRESS: "A newspaper of one's own: an `article` reaches 2.5 times as far.",
    Power.ARMY: "Command of the army: the holder may take the `army` action, cultivating the "
    "army's party organisations, which also raises their threat (the fear of a Bonaparte).",
    Power.COMINTERN: "The International: the holder may answer a charge by an `appeal` to the "
    "`comintern` forum, which sways the vote by their prestige (anyone may appeal to the "
    "`party`, which sways it by their support). It does nothing else.",
}


class Calendar(Model):
    """How turns map to dates."""

    start_year: int = Field(description="Year of the first turn.")
    start_period: int = Field(1, ge=1, description="Period (1-based) of the first turn.")
    periods_per_year: int = Field(4, ge=1, le=12, description="Turns in a year: 4 = quarters.")
    period_prefix: str = Field(
        "Q", pattern=PERIOD_PREFIX_PATTERN,
        description="Letters before the period in dates, no digits or spaces: `1924-Q1`.",
    )
    turns: int = Field(ge=1, le=200, description="Length of the game in turns.")

    def turn_of(self, date: str) -> int:
        """The 0-based turn index of a date such as ``1925-Q3``; raises ValueError if malformed."""
        m = re.fullmatch(rf"(\d{{4}})-{re.escape(self.period_prefix)}(\d{{1,2}})", date.strip())
        if not m or not 1 <= int(m.group(2)) <= self.periods_per_year:
            raise ValueError(
                f"{date!r} is not a date like {self.start_year}-{self.period_prefix}1"
            )
        year, period = int(m.group(1)), int(m.group(2))
        return (year - self.start_year) * self.periods_per_year + period - self.start_period

    def label(self, turn: int) -> str:
        """The date label of a 0-based turn index."""
        n = turn + self.start_period - 1
        year, period = divmod(n, self.periods_per_year)
        return f"{self.start_year + year}-{self.period_prefix}{period + 1}"


class Qualities(Model):
    """A contender's personal qualities, each from 0 to 100."""

    prestige: float = Field(ge=0, le=100, description="Revolutionary record, closeness to Lenin.")
    oratory: float = Field(ge=0, le=100, description="Power as a speaker and writer.")
    organisation: float = Field(ge=0, le=100, description="Taste and talent for committee work.")
    health: float = Field(ge=0, le=100, description="Low health costs action points.")
    threat: float = Field(ge=0, le=100, description="How much rivals and the party fear them.")


class AIProfile(Model):
    """How the AI plays this contender: relative appetite for each kind of action."""

    weights: dict[str, float] = Field(
        default_factory=dict,
        description="Action kind to weight (1 = neutral, 0 = never, 3 = favourite).",
    )
    aggression: float = Field(1.0, ge=0, le=3, description="Appetite for accusations and fights.")
    caution: float = Field(1.0, ge=0, le=3, description="Reluctance to take long-odds votes.")


class ContenderDef(Model):
    """One of the rivals for the succession: a seat that a player or the AI can take."""

    id: str = Id
    name: str = Field(description="Full name, as shown in the game.")
    short: str = Field(description="Short name for tables and logs.")
    playable: bool = Field(
        True, description="Whether a player may choose this seat; if false, only the AI plays it."
    )
    bio: str = Field(description="A short biography written for the game.")
    strengths: list[str] = Field(
        default_factory=list, description="Short phrases shown when a player picks a seat."
    )
    weaknesses: list[str] = Field(
        default_factory=list, description="Short phrases shown when a player picks a seat."
    )
    colour: str = Field(
        "#888888", pattern=r"^#[0-9a-fA-F]{6}$",
        description="The contender's colour on the board and in charts, written `#rrggbb`.",
    )
    pattern: Literal["solid", "stripes", "dots", "cross", "checks", "waves"] = Field(
        "solid",
        description="A fill pattern drawn with the colour, so that players who cannot tell "
        "colours apart can still tell contenders apart.",
    )
    qualities: Qualities = Field(description="Personal qualities at the start.")
    line: float = Field(ge=-1, le=1, description="Left (-1: end the NEP) to Right (+1: keep it).")
    status: str = Field(description="Id of the rung of the removal ladder they start on.")
    offices: list[str] = Field(
        default_factory=list, description="Ids of the offices held at the start."
    )
    bases: list[str] = Field(
        default_factory=list,
        description="Regions the contender is rooted in without an office (extra loyalty pull).",
    )
    difficulty: Literal["easy", "standard", "hard"] = Field(
        "standard", description="How hard the contender is for a student to play."
    )
    ai: AIProfile = Field(AIProfile(), description="How the AI plays this contender.")


class OfficeDef(Model):
    """A post that a contender can hold: it grants powers and action points, and its base
    regions back whoever holds it."""

    id: str = Id
    name: str = Field(description="Name shown in the game.")
    post: str | None = Field(
        None,
        description="How a sentence names the office as something held: `the Leningrad party "
        "organisation` (\u201cZinoviev loses the Leningrad party organisation\u201d). None: "
        "`the post of` and its name, right for a title such as `General Secretary`.",
    )
    description: str = Field("", description="What the office is, in a sentence or two.")
    powers: list[Power] = Field(
        default_factory=list, description="What the office lets its holder do."
    )
    action_points: int = Field(0, ge=0, le=5, description="Extra action points a turn.")
    base_regions: list[str] = Field(
        default_factory=list,
        description="Regions that back the holder: loyalty drifts to them; lost with the office.",
    )
    rank: int = Field(0, description="Seniority: a contender's offices are listed highest first.")
    fief: bool = Field(
        False, description="While held, nobody else may appoint secretaries in its base regions."
    )
    elected: bool = Field(
        False,
        description="When it falls vacant, the Central Committee elects a new holder at its "
        "next meeting, from the contenders in the Politburo who have not lost it before "
        "(each candidate's faction votes for him, a faction whose leader does not stand for "
        "the allied candidate he trusts most; the others by the candidates' prestige).",
    )
    holders: int = Field(
        1, ge=1, le=10,
        description="How many may hold it at once: 1 for a single post, more for a body such "
        "as the Secretaries of the Central Committee. When all its places are taken, giving it "
        "to another takes it from the holder with the least support; an election fills one "
        "empty place at each meeting.",
    )


def post_of(office: OfficeDef) -> str:
    """The office as the object of a sentence: its ``post``, or "the post of" its name."""
    return office.post or f"the post of {office.name}"


class RegionDef(Model):
    """A regional party organisation: its members, the patron of its secretary and the share
    of its members loyal to each contender. Regions send delegates to the Congress in
    proportion to their members."""

    id: str = Id
    name: str = Field(description="Name shown in the game.")
    kind: Literal["party", "army"] = Field(
        "party",
        description="`army` for the army's party organisations, which the `army` action wins "
        "over; `party` for every other region.",
    )
    members: int = Field(gt=0, description="Party members at the start.")
    secretary: str | None = Field(None, description="Contender who appointed its secretary.")
    loyalty: dict[str, float] = Field(
        default_factory=dict,
        description="Share loyal to each contender (the rest is uncommitted); sums to at most 1.",
    )
    line: float = Field(0.0, ge=-1, le=1, description="The region's own lean, Left to Right.")
    map_xy: tuple[float, float] = Field(
        (0.5, 0.5), description="Position on the stylised map, each from 0 to 1."
    )

    @model_validator(mode="after")
    def _shares(self) -> RegionDef:
        if any(v < 0 for v in self.loyalty.values()) or sum(self.loyalty.values()) > 1 + 1e-9:
            raise ValueError("loyalty shares must be non-negative and sum to at most 1")
        return self


class NotableDef(Model):
    """A party leader who is not a contender (Rykov, Tomsky, Molotov ...): a Politburo vote."""

    id: str = Id
    name: str = Field(description="Full name, as shown in the game.")
    bio: str = Field("", description="A short biography written for the game.")
    line: float = Field(
        0.0, ge=-1, le=1, description="Left (-1) to Right (+1): how they lean in votes."
    )
    loyalty: dict[str, float] = Field(
        default_factory=dict,
        description="Contender id to the share of the notable's allegiance (the rest is "
        "uncommitted); sums to at most 1. A notable follows a contender whose share is large.",
    )
    politburo: bool = Field(False, description="Sits in the Politburo at the start.")
    offices: list[str] = Field(
        default_factory=list,
        description="Offices the notable holds at the start (no contender may hold them too). "
        "A notable's office gives no contender its powers, and is not elected while they hold "
        "it.",
    )


class OrganDef(Model):
    """One organ of the party: what this scenario calls it and how big it is."""

    name: str = Field(description="Name shown in the game: a scenario may call it a Council.")
    seats: int = Field(gt=0, description="Seats (Politburo, Central Committee) or delegates.")


class Organs(Model):
    """The party pyramid: the Congress elects the Central Committee, which elects the
    Politburo."""

    politburo: OrganDef = Field(
        description="The small ruling body; it meets every turn and votes member by member."
    )
    central_committee: OrganDef = Field(
        description="Elected by the Congress; it elects the Politburo and votes by blocs."
    )
    congress: OrganDef = Field(
        description="The regions' delegates; it elects the Central Committee and votes by blocs."
    )


class Rung(Model):
    """One step of the removal ladder, from the Politburo down to deportation."""

    id: str = Id
    name: str = Field(description="Name shown in the game, such as `Expelled`.")
    in_politburo: bool = Field(False, description="Contenders on this rung sit in the Politburo.")
    in_central_committee: bool = Field(
        False, description="Contenders on this rung sit in the Central Committee."
    )
    in_party: bool = Field(True, description="Contenders on this rung are party members.")
    can_act: bool = Field(
        True,
        description="Contenders on this rung can still take actions. Reaching a rung where they "
        "cannot (exile, deportation) also closes their platform and ends their alliances.",
    )
    removed_by: Literal["politburo", "central_committee", "congress"] | None = Field(
        None, description="The organ whose vote moves a contender from here to the next rung."
    )
    majority: float = Field(
        0.5, ge=0.5, lt=1,
        description="Share of the votes that removal from here needs: 0.5 is a simple "
        "majority; 0.67 the two-thirds the Ban's secret clause asked to expel CC members.",
    )
    falls_to: str | None = Field(
        None,
        description="The id of the rung a successful charge sends a contender to from here "
        "(none: the next rung down). The Ban's secret clause let two-thirds of the Central "
        "Committee expel one of its members from the party in one vote.",
    )
    offices: bool = Field(
        True,
        description="Contenders on this rung may hold offices; one who reaches a rung where "
        "they may not loses every office they hold.",
    )


class Meeting(Model):
    """A scheduled Central Committee plenum or Party Congress."""

    organ: Literal["central_committee", "congress"] = Field(
        description="Which organ meets: the Central Committee (a plenum) or a Party Congress."
    )
    when: Date = Field(description="Date of the meeting, such as `1924-Q2`.")
    name: str = Field(description="Name shown in the game, such as `13th Party Congress`.")
    delegates: int | None = Field(None, gt=0, description="Congress: voting delegates.")
    cc_seats: int | None = Field(None, gt=0, description="Congress: size of the new CC.")
    politburo_seats: int | None = Field(None, gt=0, description="Size of the Politburo elected.")
    note: str = Field("", description="A note on the meeting and what it decided in history.")
    reporter: str | None = Field(
        None,
        description="Congress: the contender who gives the Central Committee's political "
        "report, if they still sit in it (none, or not: the leader of its largest faction).",
    )
    carried: list[Effect] = Field(
        default_factory=list,
        description="Congress: effects applied when the delegates approve the Central "
        "Committee's report (a flag a milestone or a card can test, say).",
    )
    defeated: list[Effect] = Field(
        default_factory=list,
        description="Congress: effects applied when the delegates reject the report.",
    )


class Choice(Model):
    """One answer on an event card."""

    id: str = Id
    label: str = Field(description="What the choice says on the card.")
    effects: list[Effect] = Field(default_factory=list, description="If this choice is taken.")
    chooser_effects: list[Effect] = Field(
        default_factory=list, description="Applied to each contender who backed this choice."
    )
    ai_appeal: dict[str, float] = Field(
        default_factory=dict,
        description="Contender id to how much their AI likes this choice, from 0 (not at all) to "
        "5 (strongly); the AI picks the choice with the highest appeal, with a little noise. A "
        "key `office:<id>` counts for whoever holds that office when the card is decided (added "
        "to their own).",
    )
    party_appeal: float = Field(
        0.0, ge=-5, le=5,
        description="On a card decided by `vote`: how the Central Committee members who follow "
        "no one lean to this choice, in log-odds against the others' (0: no lean; 1: about "
        "e times as many).",
    )


class EventDef(Model):
    """An event card. It fires on its date (`when`), or by chance on a turn inside its
    `window`, if its `condition` holds. Give exactly one of `when` and `window`. A card with
    `choices` needs a `decider`; if the decider makes no choice, the first choice is taken."""

    id: str = Id
    title: str = Field(description="The card's title.")
    when: Date | None = Field(None, description="Fires on this date (if its condition holds).")
    window: tuple[Date, Date] | None = Field(
        None, description="Or: may fire on any turn between two dates, by `chance` each turn."
    )
    condition: Condition | None = Field(
        None, description="The card fires only while this holds; with no condition, always."
    )
    chance: float = Field(1.0, ge=0, le=1, description="Probability of firing when eligible.")
    repeat: bool = Field(False, description="May fire more than once.")
    factor: Factor = Field(
        Factor.LUCK, description="The historians' factor that the card's changes are booked under."
    )
    text: str = Field(description="The card's text: what is happening.")
    history: str = Field(description="The historical note: what happened in fact.")
    source: str = Field(description="The source document the note draws on, by title.")
    source_key: str | None = Field(
        None,
        description="A date or figure from the card's note, quoted as the cited source gives "
        "it, so that a test can prove the source holds it.",
    )
    effects: list[Effect] = Field(
        default_factory=list,
        description="Applied when the event fires; with choices, when it is decided, before the "
        "chosen choice's own effects.",
    )
    choices: list[Choice] = Field(
        default_factory=list, description="The answers on the card; none for a card that just "
        "happens."
    )
    decider: str | None = Field(
        None,
        description="Who chooses: a contender id, `office:<id>` (its holder) or `vote` (every "
        "contender backs a choice; Central Committee weight decides).",
    )
    forced_choice: str | None = Field(
        None,
        description="The id of one of the `choices`, always taken without asking anyone: the "
        "card then plays like one without choices, applying the event's `effects` and that "
        "choice's `effects` (not its `chooser_effects`: nobody chose it). Effects that name "
        "`decider` still mean the contender or office holder given as `decider`, and conditions "
        "that test the event's choice see this one. The lab's what-ifs set it with "
        "`force_events`.",
    )

    @model_validator(mode="after")
    def _timing(self) -> EventDef:
        if (self.when is None) == (self.window is None):
            raise ValueError("an event needs exactly one of `when` or `window`")
        if self.choices and not self.decider:
            raise ValueError("an event with choices needs a `decider`")
        return self


class Outcome(Model):
    """One graded ending. The first outcome whose condition holds for a contender is theirs."""

    id: str = Id
    name: str = Field(description="Name shown at the end of the game, such as `Victory`.")
    rank: int = Field(description="Higher is better; used to compare games.")
    description: str = Field(description="What the ending means, shown at the end of the game.")
    condition: Condition | None = Field(None, description="No condition: always true (last).")


class Milestone(Model):
    """A turning point that history records on a date: the model's backtest. The engine notes
    the first turn at the end of which its `condition` holds; `politburo check` and the lab
    report how often, and how close to history's date, games reach it."""

    id: str = Id
    title: str = Field(description="What happened, in a few words: `Trotsky loses the War "
                       "Commissariat`.")
    when: Date = Field(description="When it happened in history, as a date of the calendar: "
                      "`1925-Q1`.")
    text: str = Field("", description="What happened and why it mattered, a sentence or two.")
    condition: Condition = Field(
        description="True once the game has reached the milestone (tested at the end of every "
        "turn, after the meetings and before the next turn's cards)."
    )
    source: str = Field(description="The source document that gives the date, by title.")


class Rules(Model):
    """Named rule parameters. Switches can be turned off by the lab's what-ifs."""

    patronage: bool = Field(True, description="The General Secretary may appoint secretaries.")
    faction_ban: bool = Field(True, description="The Ban on Factions (1921) is in force.")
    enrolment: bool = Field(True, description="Recruitment drives are possible at all.")
    enrolment_open: bool = Field(
        False, description="A recruitment drive is open now; events usually open and close it."
    )
    patronage_strength: float = Field(0.09, ge=0, le=1, description="Pull of a patron a turn.")
    base_pull: float = Field(0.05, ge=0, le=1, description="Pull of a power base a turn.")
    notable_drift: float = Field(
        0.3, ge=0, le=1,
        description="How far, at each plenum, the notables in the Politburo move towards the "
        "Central Committee factions that elect them (each as far as its leader's line is one "
        "they can live with).",
    )
    patronage_out_of_office: float = Field(
        1.0, ge=0, le=1,
        description="Share of a patron's pull that their secretaries keep while the patron holds "
        "no office with the power to appoint: a patron who can no longer promote anyone is "
        "served less zealously.",
    )
    base_loss: float = Field(0.3, ge=0, le=1, description="Loyalty lost with a power base.")
    recruit_fraction: float = Field(0.12, ge=0, le=2, description="Members added by a drive.")
    ideology_pull: float = Field(0.02, ge=0, le=1, description="Drift to lines that fit the mood.")
    mood_drift: float = Field(0.0, ge=-1, le=1, description="Mood line change a turn.")
    loyalty_fade: float = Field(
        0.04, ge=0, le=1,
        description="Share of each following that drifts back to the uncommitted every turn "
        "unless something holds it: a patron, a base, a line that suits the mood.",
    )
    speech_strength: float = Field(
        0.04, ge=0, le=1,
        description="Members a speech wins, scaled by oratory and by how the line suits the mood.",
    )
    article_strength: float = Field(
        0.03, ge=0, le=1,
        description="Members an article wins, scaled by prestige; a newspaper reaches further.",
    )
    platform_strength: float = Field(
        0.08, ge=0, le=1,
        description="Members an open platform wins where its line fits, scaled by oratory.",
    )
    army_strength: float = Field(
        0.10, ge=0, le=1, description="Share of the army's organisations one `army` action wins."
    )
    line_step: float = Field(0.35, gt=0, le=1, description="How far one shift moves a line.")
    line_shift_cost: float = Field(6.0, ge=0, description="Prestige lost per step of shifting.")
    resolution_step: float = Field(0.2, gt=0, le=1, description="How far a resolution moves.")
    ban_bonus: float = Field(1.6, ge=0, description="Vote swing against a platform under the ban.")
    dossier_bonus: float = Field(0.35, ge=0, description="Vote swing per dossier held.")
    dossier_limit: int = Field(3, ge=0, description="Most dossiers one can hold on one rival.")
    threat_weight: float = Field(1.5, ge=0, description="How much feared targets lose votes.")
    prestige_weight: float = Field(
        2.0, ge=0, description="How much the prestige of sponsor and target sways votes."
    )
    mood_weight: float = Field(
        1.5, ge=0, description="How much a line that suits the mood sways votes."
    )
    bloc_discipline: float = Field(0.9, ge=0, le=1, description="Share of a bloc that obeys.")
    discipline_without_case: float = Field(
        0.6, ge=0, le=1,
        description="Share of a bloc that obeys on a charge with no case behind it: no open "
        "platform under the Ban, and fewer than `case_dossiers` dossiers.",
    )
    case_dossiers: int = Field(2, ge=0, description="Dossiers that make a case on their own.")
    case_weight: float = Field(
        0.0, ge=0,
        description="How far members who judge for themselves lean against a charge or a "
        "challenge with no case behind it (no open platform under the Ban, no public "
        "evidence, too few dossiers): the majority would not turn on a comrade for nothing.",
    )
    exposure_weight: float = Field(
        1.0, ge=0,
        description="Vote swing against a contender whose compromising record is public (the "
        "effect `expose`: a letter read out, a secret talk leaked); it also makes a case.",
    )
    vote_noise: float = Field(0.35, ge=0, description="Spread of uncommitted voters' judgement.")
    base_action_points: int = Field(
        2, ge=0, le=10,
        description="Action points a turn before offices add theirs (organisation of 70 or more "
        "adds one; health under 40 costs one).",
    )
    illness_chance: float = Field(0.08, ge=0, le=1, description="Chance per turn at full health.")
    threat_per_support: float = Field(25.0, ge=0, description="Perceived threat from support.")
    accusation_presumption: float = Field(
        1.0, ge=0, description="How far the party leans against an accusation by default."
    )
    report_approval: float = Field(
        1.0,
        description="How far the delegates who judge for themselves lean to approving the "
        "Central Committee's report to a Congress (before the presenter's prestige).",
    )
    agenda_weight: float = Field(
        0.8, ge=0, description="Vote swing from controlling the agenda, for or against."
    )
    accusation_cooldown: int = Field(
        1, ge=0, description="Turns after a step down before the same contender can be accused."
    )
    offices_first: bool = Field(
        True,
        description="A successful charge first takes all of a contender's offices and only "
        "the next one moves them down the ladder. Off: a charge moves them down a rung at once, "
        "and offices are lost by a challenge at a plenum, by cards, by resigning, or on "
        "reaching a rung that holds none.",
    )
    challenge_presumption: float = Field(
        0.5, ge=0,
        description="How far the party leans against relieving a comrade of an office.",
    )
    defence_weight: float = Field(
        1.0, ge=0,
        description="Vote swing a contender's defence before the organ wins against a motion "
        "aimed at them, scaled by their oratory.",
    )
    appeal_weight: float = Field(
        0.8, ge=0,
        description="Vote swing of an appeal over the leaders' heads against a motion: to the "
        "rank and file (scaled by the appellant's support) or to the Comintern.",
    )
    subvert_chance: float = Field(
        0.5, ge=0, le=1,
        description="The chance of winning over a rival's regional secretary, at the best: "
        "scaled down by the rival's hold on the region and up by one's own organisation.",
    )
    alliance_break_trust: float = Field(
        0.5, ge=0, le=2,
        description="Trust the betrayed ally loses in whoever breaks an alliance; everyone else "
        "loses a little too.",
    )
    convene_congress_gap: int = Field(4, ge=0, description="Turns between congresses.")
    slate_share: float = Field(
        0.10, ge=0, le=1,
        description="Share of the new Central Committee's seats filled from the list that the "
        "holder of the agenda drafts: the Secretariat prepares the slate.",
    )
    delegate_pick: float = Field(
        0.6, ge=0, le=1,
        description="Share of a region's uncommitted delegates its secretary picks from the "
        "patron's followers: loyal secretaries choose loyal delegates.",
    )


class ForcedEvent(Model):
    """An event that a what-if makes certain: it fires whenever it is due and its condition
    holds (its `chance` becomes 1), on another date if `when` is given, and always with the
    same choice if `choice` is given."""

    event: str = Field(description="The id of the event (one of the scenario's, or one the "
                       "same what-if adds).")
    choice: str | None = Field(
        None,
        description="The id of one of its choices, always taken without asking anyone (it "
        "becomes the event's `forced_choice`).",
    )
    when: Date | None = Field(
        None, description="Fires on this date instead, such as `1926-Q1` (this replaces its "
        "`when` or its `window`).",
    )


class Patch(Model):
    """What a what-if changes. It is applied in this order: `remove_events`, `add_events`,
    `force_events`, `rules`, `opening`. Everything it does not name stays as it is."""

    rules: dict[str, bool | float] = Field(
        default_factory=dict,
        description="Rule name to its new value, for any rule in [Rules](#rules): "
        "`{patronage: false}` switches patronage off for the whole game.",
    )
    remove_events: list[str] = Field(
        default_factory=list, description="Ids of event cards taken out of the scenario."
    )
    add_events: list[EventDef] = Field(
        default_factory=list,
        description="Event cards, written like those under `events`. A card with the id of one "
        "of the scenario's replaces it, in its place; the others are added after the scenario's "
        "own.",
    )
    force_events: list[ForcedEvent] = Field(
        default_factory=list,
        description="Events made certain, moved to another date or fixed to one choice.",
    )
    opening: list[Effect] = Field(
        default_factory=list,
        description="Effects applied to the starting position, after the scenario's own "
        "`opening`: an office for another holder (`grant_office`), a flag set (`flag`), a "
        "contender's qualities (`quality`), loyalties, alliances ...",
    )


class LessonLength(Model):
    """A shorter game that fits a class period: the scenario played only to an earlier turn."""

    turns: int = Field(ge=1, description="How many turns this length plays, from the first.")
    minutes: int = Field(ge=5, le=180, description="About how long a first game of it takes.")
    description: str = Field(
        "", description="What it covers, for the teacher: `1924-1925: Trotsky's fall`."
    )
    outcomes: list[Outcome] = Field(
        default_factory=list,
        description="This length's own graded endings, written like the scenario's `outcomes` "
        "(best first, the first that holds is a contender's). None: the scenario's own.",
    )
    epilogue: str = Field(
        "", description="What followed in history after this length's last turn, bridging to "
        "the scenario's end; empty: the scenario's own epilogue."
    )


class Lengths(Model):
    """The lesson lengths a scenario offers besides the full game (which is always offered)."""

    short: LessonLength | None = Field(None, description="About 20 minutes.")
    standard: LessonLength | None = Field(None, description="About 45 minutes.")


LENGTH_IDS = ("short", "standard", "full")


class StandingOrder(Model):
    """One line of what a contender did in history, for the `historical` AI, which plays the
    record: each turn it takes the contender's standing orders that are in force, in the
    order written, while they are legal and its action points last, and decides every card
    with its first choice (which a scenario makes history's)."""

    order: str = Field(
        description="An action in the form the terminal game takes: `accuse trotsky`, "
        "`appoint ukraine`, `ally bukharin`."
    )
    from_: Date = Field(alias="from", description="The first date it is in force: `1926-Q2`.")
    until: Date | None = Field(
        None, description="The last date it is in force (none: to the end of the game)."
    )
    note: str = Field("", description="What happened, in a few words, and its source.")


class WhatIf(Model):
    """A "what if" switch: one historical factor changed, so that the lab (`politburo lab
    --what-if ID`) can compare many games with it against many games without it. A what-if
    is a patch on the scenario: rules changed, event cards removed, added, moved or fixed to
    one choice, and changes to the starting position. It does nothing unless it is asked
    for."""

    id: str = Id
    title: str = Field(description="A short name shown in the lab's tables and charts.")
    question: str = Field(
        "", description="The question it helps answer, such as an essay question: `How far "
        "does Stalin's position as General Secretary explain his success?`."
    )
    description: str = Field(
        description="What changes and why, for the teacher and the lab's report: what the "
        "switch says happened instead of history, and how the patch expresses it."
    )
    patch: Patch = Field(description="What the what-if changes in the scenario.")


class Scenario(Model):
    """A whole scenario: everything at the top level of a scenario file."""

    id: str = Id
    title: str = Field(description="The scenario's name, as shown in menus.")
    description: str = Field(description="A paragraph shown when a player picks the scenario.")
    dates: str = Field(description="The period covered, as shown to players: `1924-1929`.")
    learning_objectives: list[str] = Field(
        default_factory=list,
        description="What a student should learn by playing, a sentence each; shown with the "
        "scenario.",
    )
    teacher_note: str = Field(
        "", description="Advice for the teacher: how long a game takes, which seats to give, "
        "which simplifications to point out."
    )
    calendar: Calendar = Field(description="How turns map to dates.")
    contenders: list[ContenderDef] = Field(
        min_length=2, description="The rivals for the succession."
    )
    notables: list[NotableDef] = Field(
        default_factory=list,
        description="Leaders who are not contenders: they fill the other Politburo seats and "
        "vote there.",
    )
    offices: list[OfficeDef] = Field(default_factory=list, description="Posts contenders hold.")
    regions: list[RegionDef] = Field(
        min_length=1, description="The party's regional organisations."
    )
    organs: Organs = Field(description="The Politburo, the Central Committee and the Congress.")
    ladder: list[Rung] = Field(
        min_length=2,
        description="The removal ladder, from the top rung down. A successful charge moves a "
        "contender one rung down (see the rule `offices_first` and each rung's `falls_to`).",
    )
    meetings: list[Meeting] = Field(
        default_factory=list,
        description="Scheduled plenums and congresses; the Politburo meets every turn anyway.",
    )
    events: list[EventDef] = Field(default_factory=list, description="The event cards.")
    outcomes: list[Outcome] = Field(
        min_length=1,
        description="Graded endings, tried in order for each contender when the game ends: the "
        "first whose condition holds is theirs.",
    )
    action_costs: dict[str, int] = Field(
        default_factory=dict,
        description="Action kind to cost in action points; kinds left out keep their default.",
    )
    rules: Rules = Field(Rules(), description="Rule parameters; any left out keep their default.")
    axis: Axis = Field(
        Axis(),
        description="What the line axis is about and what its ends are called (default: the "
        "NEP, Left to Right).",
    )
    factors: dict[Factor, str | FactorDef] = Field(
        default_factory=dict,
        description="Factor id to what this scenario calls it (a name, or a name and a "
        "description), such as `patronage: \"The First Secretaryship and patronage\"`; factors "
        "left out keep the game's names.",
    )
    mood_line: float = Field(
        0.0, ge=-1, le=1,
        description="The party's mood at the start, from -1 (the axis's left end) to +1 (its "
        "right end); also the party's official line at the start.",
    )
    mood_unity: float = Field(
        0.5, ge=0, le=1,
        description="How much the party fears a split at the start, 0 to 1: the more it does, "
        "the harder the Ban on Factions strikes an open platform.",
    )
    initial_alliances: list[tuple[str, str]] = Field(
        default_factory=list,
        description="Pairs of contender ids allied at the start, such as `[stalin, zinoviev]`.",
    )
    initial_trust: float = Field(
        0.0, ge=-1, le=1,
        description="How far contenders trust each other at the start, -1 to 1; allies start "
        "at 0.5 or more.",
    )
    epilogue: str = Field("", description="What followed in history, for the end screen.")
    opening: list[Effect] = Field(
        default_factory=list,
        description="Effects applied to the starting position before the first turn's cards "
        "are drawn, as if the scenario had been written that way (they are not news, and the "
        "debrief's factors start from zero after them). Mostly written by what-ifs.",
    )
    what_ifs: list[WhatIf] = Field(
        default_factory=list,
        description="Counterfactual switches for the lab: each a patch on this scenario, "
        "applied only when asked for (`politburo lab --what-if ID`).",
    )
    historical: dict[str, list[StandingOrder]] = Field(
        default_factory=dict,
        description="Contender id to the standing orders that play history's line (the "
        "`historical` AI difficulty: `politburo check ID --difficulty historical` is the "
        "model's backtest against the milestones).",
    )
    milestones: list[Milestone] = Field(
        default_factory=list,
        description="Turning points with their dates in history, against which `politburo "
        "check` and the lab measure the model (and the debrief sets a game beside history).",
    )
    lengths: Lengths = Field(
        Lengths(),
        description="Shorter games for a lesson (`short`, `standard`); the full game is always "
        "offered. A shorter game ends after its turns and is judged by the same outcomes.",
    )

    @model_validator(mode="after")
    def _references(self, info: ValidationInfo) -> Scenario:
        """Cross-reference checks the engine relies on (the validator adds friendlier ones).
        Only errors refuse the scenario. The validator passes ``context={"references": False}``
        and runs the checks itself, to place each problem on its line."""
        if info.context and info.context.get("references") is False:
            return self
        errors = [str(p) for p in cross_reference_problems(self) if p.severity == "error"]
        if errors:
            raise ValueError("; ".join(errors))
        return self

    def content_hash(self) -> str:
        """A hash of the scenario's content, stored in saves to detect a changed scenario."""
        text = json.dumps(self.model_dump(mode="json", by_alias=True), sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    def factor_name(self, factor: str) -> str:
        """What this scenario calls a factor (the game's name where it gives none; an unknown
        id as it is)."""
        try:
            f = Factor(factor)
        except ValueError:
            return factor
        named = self.factors.get(f)
        if named is None:
            return FACTOR_NAMES[f]
        return named if isinstance(named, str) else named.name

    def factor_description(self, factor: str) -> str:
        """What a factor meant in this scenario's era (the game's generic words where it says
        nothing)."""
        try:
            f = Factor(factor)
        except ValueError:
            return factor
        named = self.factors.get(f)
        if isinstance(named, FactorDef) and named.description:
            return named.description
        return FACTOR_DESCRIPTIONS[f]

    def seated_at_start(self) -> list[str]:
        """The contenders whose starting rung sits in the top organ: its members whatever its
        size (notables fill the seats left)."""
        sitting = {r.id for r in self.ladder if r.in_politburo}
        return [c.id for c in self.contenders if c.status in sitting]

    def contender_index(self, cid: str) -> int:
        for i, c in enumerate(self.contenders):
            if c.id == cid:
                return i
        raise KeyError(cid)

    def lesson_lengths(self) -> list[tuple[str, int, int, str]]:
        """(id, turns, minutes, description) of each length offered, shortest first; the full
        game last."""
        out = [
            (name, spec.turns, spec.minutes, spec.description)
            for name in ("short", "standard")
            if (spec := getattr(self.lengths, name)) is not None
        ]
        full = self.calendar.turns
        return [*out, ("full", full, max(5, full * 2 + 5), "The whole scenario.")]

    def with_length(self, length: str) -> Scenario:
        """This scenario cut to a lesson length (a pure function): it ends after that many
        turns, is judged by the length's own outcomes and ends with its own epilogue (where it
        has them), and offers no shorter lengths of its own. ``full`` is the scenario itself.
        Raises KeyError for a length it does not offer."""
        if length == "full":
            return self
        spec = getattr(self.lengths, length, None) if length in LENGTH_IDS else None
        if spec is None:
            offered = ", ".join(x[0] for x in self.lesson_lengths())
            raise KeyError(f"scenario {self.id!r} has no {length!r} length (it offers {offered})")
        calendar = self.calendar.model_copy(update={"turns": min(spec.turns, self.calendar.turns)})
        update: dict[str, object] = {"calendar": calendar, "lengths": Lengths()}
        if spec.outcomes:
            update["outcomes"] = spec.outcomes
        if spec.epilogue:
            update["epilogue"] = spec.epilogue
        return self.model_copy(update=update)

    def what_if(self, what_if_id: str) -> WhatIf:
        """The what-if with this id; raises KeyError naming the known ones."""
        for w in self.what_ifs:
            if w.id == what_if_id:
                return w
        known = ", ".join(w.id for w in self.what_ifs) or "none"
        raise KeyError(f"scenario {self.id!r} has no what-if {what_if_id!r} (its what-ifs: "
                       f"{known})")

    def with_what_ifs(self, what_if_ids: Iterable[str]) -> Scenario:
        """A new scenario: this one with the named what-ifs applied, in order (a pure
        function; this scenario is unchanged). The result has no what-ifs of its own left, and
        its title names those applied. Raises KeyError for an unknown id and ValueError for a
        patch that does not fit (for instance, two what-ifs that remove the same event)."""
        ids = list(what_if_ids)
        if not ids:
            return self
        s = self
        titles = []
        for wid in ids:
            w = self.what_if(wid)
            s = _patched(s, w, where=f"what-if {wid!r}")[0]
            titles.append(w.title)
        s = s.model_copy(update={"what_ifs": [],
                                 "title": f"{self.title} (what if: {'; '.join(titles)})"})
        return Scenario.model_validate(dict(s))


Loc = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class ReferenceProblem:
    """One problem found by the cross-reference checks. ``loc`` is where, as a path of keys and
    indices into the scenario file, like a pydantic error's location (``("events", 3,
    "effects", 0, "grant_office", "office")``); ``hint`` is a suggestion. For an unknown name,
    ``name`` is the name and ``known`` the names it could have been: the validator turns them
    into "did you mean 'stalin'?"."""

    loc: Loc
    message: str
    severity: Literal["error", "warning"] = "error"
    hint: str | None = None
    name: str | None = None
    known: tuple[str, ...] = ()

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


def _unknown(loc: Loc, message: str, name: object, known: Iterable[str]) -> ReferenceProblem:
    """An unknown name, with the names it could have been."""
    return ReferenceProblem(loc, message, name=name if isinstance(name, str) else None,
                            known=tuple(sorted(set(known))))


def who_names(s: Scenario) -> list[str]:
    """Everything a ``who`` field may name."""
    return [c.id for c in s.contenders] + list(SPECIAL_WHO) + [f"office:{o.id}" for o in s.offices]


def cross_reference_problems(s: Scenario):
    """Yield a :class:`ReferenceProblem` for each reference to something the scenario does not
    define, and for each clash the engine cannot play (two holders of one office, two meetings
    of one organ in one turn); then the same for each what-if: the names its patch uses, and,
    when the scenario itself is sound, every problem the scenario would have with the what-if
    applied, placed in the what-if where the patch caused it."""
    own = list(_own_problems(s))
    own += list(_length_problems(s))
    own += list(_seat_problems(s))
    yield from own
    yield from _what_if_problems(s, patched=not any(p.severity == "error" for p in own))


def _seat_problems(s: Scenario):
    """The top organ cannot start with more members than seats (see
    :meth:`Scenario.seated_at_start`)."""
    organ = s.organs.politburo
    members = s.seated_at_start()
    if len(members) > organ.seats:
        yield ReferenceProblem(
            ("organs", "politburo", "seats"),
            f"the {organ.name} has {organ.seats} seat{'s' * (organ.seats != 1)}, but "
            f"{len(members)} contenders start in it ({', '.join(members)})",
            hint=f"give it at least {len(members)} seats, or start some contenders on a rung "
            "that does not sit in it")


def _length_problems(s: Scenario):
    """Lesson lengths must be shorter than the game, and the short one shorter than the
    standard one."""
    turns = s.calendar.turns
    for name in ("short", "standard"):
        spec = getattr(s.lengths, name)
        if spec is not None and spec.turns >= turns:
            yield ReferenceProblem(("lengths", name, "turns"),
                                   f"the {name} length has {spec.turns} turns, but the whole "
                                   f"game has only {turns}")
    short, standard = s.lengths.short, s.lengths.standard
    if short is not None and standard is not None and short.turns >= standard.turns:
        yield ReferenceProblem(("lengths", "short", "turns"),
                               "the short length must have fewer turns than the standard one")
    for name in ("short", "standard"):
        seen: set[str] = set()
        for i, o in enumerate(spec.outcomes if (spec := getattr(s.lengths, name)) else ()):
            if o.id in seen:
                yield ReferenceProblem(("lengths", name, "outcomes", i, "id"),
                                       f"the {name} length: duplicate outcome id {o.id!r}")
            seen.add(o.id)


def _own_problems(s: Scenario, entries: Iterable[tuple[str, Loc, Entry]] | None = None):  # noqa: C901
    """The checks of :func:`cross_reference_problems` on the scenario itself; the effects and
    conditions checked are ``entries`` (default: all of them)."""
    P, U = ReferenceProblem, _unknown
    contenders = {c.id for c in s.contenders}
    offices = {o.id for o in s.offices}
    regions = {r.id for r in s.regions}
    rungs = {r.id for r in s.ladder}
    people = [("contenders", i, c.id) for i, c in enumerate(s.contenders)]
    people += [("notables", i, n.id) for i, n in enumerate(s.notables)]
    for kind, ids in (
        ("contender", people),
        ("office", [("offices", i, o.id) for i, o in enumerate(s.offices)]),
        ("region", [("regions", i, r.id) for i, r in enumerate(s.regions)]),
        ("event", [("events", i, e.id) for i, e in enumerate(s.events)]),
        ("rung", [("ladder", i, r.id) for i, r in enumerate(s.ladder)]),
        ("outcome", [("outcomes", i, o.id) for i, o in enumerate(s.outcomes)]),
        ("milestone", [("milestones", i, m.id) for i, m in enumerate(s.milestones)]),
    ):
        seen: set[str] = set()
        for field, index, i in ids:
            if i in seen:
                yield P((field, index, "id"), f"duplicate {kind} id {i!r}")
            seen.add(i)
    for ei, e in enumerate(s.events):
        seen = set()
        for ci, ch in enumerate(e.choices):
            if ch.id in seen:
                yield P(("events", ei, "choices", ci, "id"),
                        f"event {e.id!r}: duplicate choice id {ch.id!r}")
            seen.add(ch.id)
    order = [r.id for r in s.ladder]
    for i, r in enumerate(s.ladder):
        if r.falls_to is None:
            continue
        if r.falls_to not in rungs:
            yield U(("ladder", i, "falls_to"), f"rung {r.id!r}: falls_to names unknown rung "
                    f"{r.falls_to!r}", r.falls_to, rungs)
        elif order.index(r.falls_to) <= i:
            yield P(("ladder", i, "falls_to"), f"rung {r.id!r}: falls_to must name a rung "
                    f"below it, not {r.falls_to!r}")
    places = {o.id: o.holders for o in s.offices}
    holders: dict[str, list[str]] = {}
    starting = [("contenders", i, c.id, f"contender {c.id!r}", c.offices)
                for i, c in enumerate(s.contenders)]
    starting += [("notables", i, k.id, f"notable {k.id!r}", k.offices)
                 for i, k in enumerate(s.notables)]
    for field, i, person, who, held in starting:
        for j, o in enumerate(held):
            if o not in offices:
                yield U((field, i, "offices", j), f"{who}: unknown office {o!r}", o, offices)
                continue
            them = holders.setdefault(o, [])
            if person in them:
                continue
            if field == "notables" and them:
                yield P((field, i, "offices", j), f"{who}: office {o!r} is already held by "
                        f"{', '.join(map(repr, them))}", hint="a notable holds an office alone")
            elif len(them) >= places[o]:
                yield P((field, i, "offices", j), f"{who}: office {o!r} is already held by "
                        f"{', '.join(map(repr, them))}; it has {places[o]} "
                        f"place{'s' * (places[o] != 1)}", hint="raise the office's `holders`")
            them.append(person)
    for i, c in enumerate(s.contenders):
        if c.status not in rungs:
            yield U(("contenders", i, "status"), f"contender {c.id!r}: unknown status "
                    f"{c.status!r}", c.status, rungs)
        for j, r in enumerate(c.bases):
            if r not in regions:
                yield U(("contenders", i, "bases", j), f"{who}: unknown base region {r!r}", r,
                        regions)
    for i, o in enumerate(s.offices):
        for j, r in enumerate(o.base_regions):
            if r not in regions:
                yield U(("offices", i, "base_regions", j), f"office {o.id!r}: unknown base "
                        f"region {r!r}", r, regions)
    for i, r in enumerate(s.regions):
        if r.secretary is not None and r.secretary not in contenders:
            yield U(("regions", i, "secretary"), f"region {r.id!r}: unknown secretary patron "
                    f"{r.secretary!r}", r.secretary, contenders)
        for k in r.loyalty:
            if k not in contenders:
                yield U(("regions", i, "loyalty", k, "[key]"), f"region {r.id!r}: loyalty to "
                        f"unknown contender {k!r}", k, contenders)
    for i, n in enumerate(s.notables):
        for k in n.loyalty:
            if k not in contenders:
                yield U(("notables", i, "loyalty", k, "[key]"), f"notable {n.id!r}: loyalty to "
                        f"unknown contender {k!r}", k, contenders)
        if sum(n.loyalty.values()) > 1 + 1e-9 or any(v < 0 for v in n.loyalty.values()):
            yield P(("notables", i, "loyalty"), f"notable {n.id!r}: loyalty shares must be "
                    f"non-negative and sum to at most 1 (they sum to {sum(n.loyalty.values()):g})")
    for i, pair in enumerate(s.initial_alliances):
        for j, k in enumerate(pair):
            if k not in contenders:
                yield U(("initial_alliances", i, j), f"initial alliance names unknown "
                        f"contender {k!r}", k, contenders)
        if pair[0] == pair[1]:
            yield P(("initial_alliances", i), f"initial alliance of {pair[0]!r} with "
                    "themself: an alliance needs two contenders")
    meeting_turns: dict[tuple[str, int], int] = {}
    for i, m in enumerate(s.meetings):
        if m.reporter is not None and m.reporter not in contenders:
            yield U(("meetings", i, "reporter"), f"meeting {m.name!r}: unknown reporter "
                    f"{m.reporter!r}", m.reporter, contenders)
        try:
            turn = s.calendar.turn_of(m.when)
        except ValueError as e:
            yield P(("meetings", i, "when"), f"meeting {m.name!r}: {e}")
            continue
        other = meeting_turns.setdefault((m.organ, turn), i)
        if other != i:
            first = s.meetings[other].name
            yield P(("meetings", i, "when"), f"meeting {m.name!r}: {first!r} already meets on "
                    f"{m.when}; the {m.organ.replace('_', ' ')} meets at most once a turn")
    for i, m in enumerate(s.milestones):
        try:
            s.calendar.turn_of(m.when)
        except ValueError as err:
            yield P(("milestones", i, "when"), f"milestone {m.id!r}: {err}")
    yield from _historical_problems(s)
    office_refs = [f"office:{o}" for o in offices]
    for i, e in enumerate(s.events):
        dates = [(("events", i, "when"), e.when)] if e.when is not None else []
        dates += [(("events", i, "window", j), d) for j, d in enumerate(e.window or ())]
        turns = []
        for loc, d in dates:
            try:
                turns.append(s.calendar.turn_of(d))
            except ValueError as err:
                yield P(loc, f"event {e.id!r}: {err}")
        if e.window and len(turns) == 2 and turns[1] < turns[0]:
            yield P(("events", i, "window", 1), f"event {e.id!r}: its window ends "
                    f"({e.window[1]}) before it starts ({e.window[0]}), so it never fires")
        if e.forced_choice is not None and e.forced_choice not in {ch.id for ch in e.choices}:
            yield U(("events", i, "forced_choice"), f"event {e.id!r}: forced_choice "
                    f"{e.forced_choice!r} is not one of its choices", e.forced_choice,
                    [ch.id for ch in e.choices])
        if e.decider and e.decider != "vote":
            if e.decider.startswith("office:"):
                if e.decider[7:] not in offices:
                    yield U(("events", i, "decider"), f"event {e.id!r}: decider names unknown "
                            f"office {e.decider[7:]!r}", e.decider, office_refs)
            elif e.decider not in contenders:
                yield U(("events", i, "decider"), f"event {e.id!r}: unknown decider "
                        f"{e.decider!r}", e.decider, [*contenders, "vote", *office_refs])
    from .actions import ActionKind  # local: actions imports scenario types

    kinds = {a.value for a in ActionKind}
    for k in s.action_costs:
        if k not in kinds:
            yield U(("action_costs", k, "[key]"), f"action_costs: unknown action {k!r}", k,
                    kinds)
    for i, c in enumerate(s.contenders):
        for k in c.ai.weights:
            if k not in kinds:
                yield U(("contenders", i, "ai", "weights", k, "[key]"), f"contender {c.id!r}: "
                        f"ai weight for unknown action {k!r}", k, kinds)
    if entries is None:
        entries = _scenario_entries(s)
    for where, loc, entry in entries:
        for p in _entry_problems(s, entry, loc):
            yield ReferenceProblem(p.loc, f"{where}: {p.message}", p.severity, p.hint, p.name,
                                   p.known)


def _historical_problems(s: Scenario):
    """What is wrong with the standing orders of the historical line: unknown contenders,
    orders that do not parse or name nothing the scenario has, dates out of the calendar."""
    from .actions import CONVENABLE, DIRECTIONS, FORUMS, SPECS, Action, IllegalAction

    contenders = [c.id for c in s.contenders]
    names = {
        "region": [r.id for r in s.regions], "contender": contenders,
        "direction": list(DIRECTIONS), "organ": list(CONVENABLE), "forum": list(FORUMS),
        "office": [o.id for o in s.offices], "post": [o.id for o in s.offices],
    }
    events = {e.id: [ch.id for ch in e.choices] for e in s.events}
    for who, orders in s.historical.items():
        here: Loc = ("historical", who)
        if who not in contenders:
            yield _unknown((*here, "[key]"), f"historical: unknown contender {who!r}", who,
                           contenders)
        for j, o in enumerate(orders):
            loc = (*here, j)
            try:
                action = Action.parse(o.order)
            except IllegalAction as err:
                yield ReferenceProblem((*loc, "order"), f"historical {who}: {err}")
                continue
            arg = SPECS[action.kind].arg
            target = action.target or ""
            if arg == "decision":
                if target not in events:
                    yield _unknown((*loc, "order"), f"historical {who}: unknown event "
                                   f"{target!r}", target, events)
                elif action.option not in events[target]:
                    yield _unknown((*loc, "order"), f"historical {who}: event {target!r} has "
                                   f"no choice {action.option!r}", action.option,
                                   events[target])
            elif arg in names and target not in names[arg]:
                yield _unknown((*loc, "order"), f"historical {who}: {action.kind.value} names "
                               f"unknown {arg} {target!r}", target, names[arg])
            turns = []
            for field, date in (("from", o.from_), ("until", o.until)):
                if date is None:
                    continue
                try:
                    turns.append(s.calendar.turn_of(date))
                except ValueError as err:
                    yield ReferenceProblem((*loc, field), f"historical {who}: {err}")
            if len(turns) == 2 and turns[1] < turns[0]:
                yield ReferenceProblem((*loc, "until"), f"historical {who}: {o.order!r} ends "
                                       f"({o.until}) before it starts ({o.from_})")


def _entries_in(value: object, loc: Loc):
    """Every effect or condition inside ``value``, however deeply nested, with its location:
    ``loc`` + the tag + the field, as pydantic reports it (``(..., "all", "items", 0)``)."""
    if isinstance(value, Entry):
        yield loc, value
        for name, field in type(value).model_fields.items():
            inner = getattr(value, name)
            if isinstance(inner, (Entry, list, tuple)):
                yield from _entries_in(inner, (*loc, value.type, field.alias or name))
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from _entries_in(item, (*loc, i))


def _event_entries(i: int, e: EventDef):
    """(description, location, entry) for every effect and condition of event ``i``."""
    for loc, entry in _entries_in(e.condition, ("events", i, "condition")):
        yield f"event {e.id!r}", loc, entry
    for loc, entry in _entries_in(e.effects, ("events", i, "effects")):
        yield f"event {e.id!r}", loc, entry
    for j, ch in enumerate(e.choices):
        for field in ("effects", "chooser_effects"):
            for loc, entry in _entries_in(getattr(ch, field), ("events", i, "choices", j,
                                                               field)):
                yield f"event {e.id!r}, choice {ch.id!r}", loc, entry


def _scenario_entries(s: Scenario):
    """(description, location, entry) for every effect and condition in the scenario."""
    for i, e in enumerate(s.events):
        yield from _event_entries(i, e)
    for i, o in enumerate(s.outcomes):
        for loc, entry in _entries_in(o.condition, ("outcomes", i, "condition")):
            yield f"outcome {o.id!r}", loc, entry
    for loc, entry in _entries_in(s.opening, ("opening",)):
        yield "opening", loc, entry
    for i, m in enumerate(s.meetings):
        for field in ("carried", "defeated"):
            for loc, entry in _entries_in(getattr(m, field), ("meetings", i, field)):
                yield f"meeting {m.name!r}", loc, entry
    for i, m in enumerate(s.milestones):
        for loc, entry in _entries_in(m.condition, ("milestones", i, "condition")):
            yield f"milestone {m.id!r}", loc, entry
    for name in ("short", "standard"):
        spec = getattr(s.lengths, name)
        for i, o in enumerate(spec.outcomes if spec else ()):
            for loc, entry in _entries_in(o.condition, ("lengths", name, "outcomes", i,
                                                        "condition")):
                yield f"{name} length, outcome {o.id!r}", loc, entry


# ----- what-ifs ---------------------------------------------------------------------------------

Origins = dict[str, list[Loc]]


def _patched(s: Scenario, w: WhatIf, where: str, at: Loc = ()) -> tuple[Scenario, Origins]:
    """``s`` with the patch of ``w`` applied, not yet validated, and where each of its events
    and opening effects was written: ``("events", 3)`` for one of the scenario's own, or a
    place in the what-if (which sits at ``at`` in the file). Raises ValueError, beginning with
    ``where``, when the patch names an event or a rule that is not there."""
    p = w.patch
    here = (*at, "patch")
    events = list(s.events)
    origin: list[Loc] = [("events", i) for i in range(len(events))]

    def find(event_id: str) -> int | None:
        return next((k for k, e in enumerate(events) if e.id == event_id), None)

    for eid in p.remove_events:
        k = find(eid)
        if k is None:
            raise ValueError(f"{where}: there is no event {eid!r} to remove")
        del events[k], origin[k]
    for j, e in enumerate(p.add_events):
        k = find(e.id)
        if k is None:
            events.append(e)
            origin.append((*here, "add_events", j))
        else:
            events[k] = e
            origin[k] = (*here, "add_events", j)
    for f in p.force_events:
        k = find(f.event)
        if k is None:
            raise ValueError(f"{where}: there is no event {f.event!r} to force")
        e = events[k]
        update: dict[str, object] = {"chance": 1.0}
        if f.choice is not None:
            if f.choice not in {ch.id for ch in e.choices}:
                raise ValueError(f"{where}: event {e.id!r} has no choice {f.choice!r}")
            update["forced_choice"] = f.choice
        if f.when is not None:
            update |= {"when": f.when, "window": None}
        events[k] = e.model_copy(update=update)
    rules = s.rules
    if p.rules:
        unknown = [k for k in p.rules if k not in Rules.model_fields]
        if unknown:
            raise ValueError(f"{where}: there is no rule {unknown[0]!r}")
        rules = Rules.model_validate({**s.rules.model_dump(), **p.rules})
    opening = [*s.opening, *p.opening]
    origins: Origins = {
        "events": origin,
        "opening": [("opening", i) for i in range(len(s.opening))]
        + [(*here, "opening", j) for j in range(len(p.opening))],
    }
    new = s.model_copy(update={"events": events, "rules": rules, "opening": opening,
                               "what_ifs": []})
    return new, origins


def _rule_value_problem(s: Scenario, loc: Loc, what: str, name: str,
                        value: object) -> ReferenceProblem | None:
    """What is wrong with setting rule ``name`` to ``value``, if anything (the name is known)."""
    switch = Rules.model_fields[name].annotation is bool
    if switch and not isinstance(value, bool):
        return ReferenceProblem(loc, f"{what}: rule {name!r} is a switch: true or false, not "
                                f"{value!r}")
    if not switch and isinstance(value, bool):
        return ReferenceProblem(loc, f"{what}: rule {name!r} is a number, not a switch that can "
                                "be on or off")
    try:
        Rules.model_validate({**s.rules.model_dump(), name: value})
    except ValueError as err:
        why = err.errors()[0]["msg"]
        return ReferenceProblem(loc, f"{what}: rule {name!r}: value {value!r} is not allowed "
                                f"({why})")
    return None


def _patch_problems(s: Scenario, w: WhatIf, at: Loc, where: str):  # noqa: C901 - flat checks
    """What is wrong with the names a what-if's patch uses."""
    P, U = ReferenceProblem, _unknown
    p = w.patch
    here = (*at, "patch")
    for name, value in p.rules.items():
        if name not in Rules.model_fields:
            yield U((*here, "rules", name, "[key]"), f"{where}: rules: unknown rule {name!r}",
                    name, Rules.model_fields)
        elif (bad := _rule_value_problem(s, (*here, "rules", name), where, name, value)):
            yield bad
    ids = [e.id for e in s.events]
    removed: set[str] = set()
    for j, eid in enumerate(p.remove_events):
        if eid not in ids:
            yield U((*here, "remove_events", j), f"{where}: remove_events: unknown event "
                    f"{eid!r}", eid, ids)
        elif eid in removed:
            yield P((*here, "remove_events", j), f"{where}: remove_events: event {eid!r} is "
                    "removed twice")
        removed.add(eid)
    events = {e.id: e for e in s.events if e.id not in removed}
    added: set[str] = set()
    for j, e in enumerate(p.add_events):
        if e.id in added:
            yield P((*here, "add_events", j, "id"), f"{where}: add_events: event {e.id!r} is "
                    "added twice")
        added.add(e.id)
        events[e.id] = e
    forced: set[str] = set()
    for j, f in enumerate(p.force_events):
        loc = (*here, "force_events", j)
        e = events.get(f.event)
        if e is None:
            why = " (this what-if removes it)" if f.event in removed else ""
            yield U((*loc, "event"), f"{where}: force_events: unknown event {f.event!r}{why}",
                    f.event, events)
            continue
        if f.event in forced:
            yield P((*loc, "event"), f"{where}: force_events: event {f.event!r} is forced twice")
        forced.add(f.event)
        if f.choice is not None:
            if not e.choices:
                yield P((*loc, "choice"), f"{where}: force_events: event {f.event!r} has no "
                        "choices to force")
            elif f.choice not in {ch.id for ch in e.choices}:
                yield U((*loc, "choice"), f"{where}: force_events: event {f.event!r} has no "
                        f"choice {f.choice!r}", f.choice, [ch.id for ch in e.choices])
        if f.when is not None:
            try:
                s.calendar.turn_of(f.when)
            except ValueError as err:
                yield P((*loc, "when"), f"{where}: force_events: {err}")


def _patched_entries(s: Scenario, new: Scenario, origins: Origins,
                     event_refs: list[tuple[str, Loc, Entry]]):
    """The effects and conditions of ``new`` (``s`` patched) whose check may find something
    that the check of ``s`` did not: every entry of the events the patch added or changed and
    of the opening, and the `event` conditions elsewhere (``event_refs``, from ``s``), which
    may name an event the patch removed. Entries the patch left alone name the same offices,
    regions and contenders as before."""
    moved = {o[1]: k for k, o in enumerate(origins["events"]) if o[0] == "events"}
    for k, e in enumerate(new.events):
        o = origins["events"][k]
        if o[0] != "events" or e is not s.events[o[1]]:
            yield from _event_entries(k, e)
    for where, loc, entry in event_refs:
        if loc[0] != "events":
            yield where, loc, entry
        elif loc[1] in moved and new.events[moved[loc[1]]] is s.events[loc[1]]:
            yield where, ("events", moved[loc[1]], *loc[2:]), entry
    for loc, entry in _entries_in(new.opening, ("opening",)):
        yield "opening", loc, entry


def _what_if_problems(s: Scenario, patched: bool):
    """The what-ifs' problems: duplicate ids, the names each patch uses, and (when
    ``patched``) the problems of the scenario with each applied, located in the what-if."""
    event_refs = [x for x in _scenario_entries(s) if x[2].type == "event"] if patched else []
    seen: set[str] = set()
    for i, w in enumerate(s.what_ifs):
        if w.id in seen:
            yield ReferenceProblem(("what_ifs", i, "id"), f"duplicate what-if id {w.id!r}")
        seen.add(w.id)
    for i, w in enumerate(s.what_ifs):
        at: Loc = ("what_ifs", i)
        where = f"what-if {w.id!r}"
        found = list(_patch_problems(s, w, at, where))
        yield from found
        if found or not patched:
            continue
        try:
            new, origins = _patched(s, w, where, at)
        except ValueError as err:  # the checks above should have said why
            yield ReferenceProblem((*at, "patch"), str(err))
            continue
        removed = list(w.patch.remove_events)
        for p in _own_problems(new, _patched_entries(s, new, origins, event_refs)):
            loc = locate_in_file(p.loc, origins)
            message = f"{where}: {p.message}"
            if loc[:1] != ("what_ifs",):  # the scenario's own text, broken by the patch
                if p.name in removed:
                    loc = (*at, "patch", "remove_events", removed.index(p.name))
                    message = f"{where}: removing event {p.name!r} breaks {p.message}"
                else:
                    loc = (*at, "id")
                    message = f"{where}: with this what-if applied, {p.message}"
            yield ReferenceProblem(loc, message, p.severity, p.hint, p.name, p.known)


def locate_in_file(loc: Loc, origins: Origins) -> Loc:
    """Where a location in a patched scenario was written in the file (see :func:`_patched`)."""
    if len(loc) >= 2 and loc[0] in origins and isinstance(loc[1], int):
        table = origins[str(loc[0])]
        if 0 <= loc[1] < len(table):
            return (*table[loc[1]], *loc[2:])
    return loc


def patched_with_origins(s: Scenario, i: int) -> tuple[Scenario, Origins]:
    """The scenario with its ``i``-th what-if applied (not validated), and where each of its
    events and opening effects was written; for the validator's warnings."""
    w = s.what_ifs[i]
    return _patched(s, w, f"what-if {w.id!r}", ("what_ifs", i))


WHO_FIELDS = ("who", "a", "b", "toward", "target", "than")
SPECIAL_WHO = ("self", "decider", "chooser", "nobody")


def effect_problems(s: Scenario, effects: Iterable[Entry]) -> list[ReferenceProblem]:
    """The errors in names that effects written outside the scenario (the debug console's) use,
    located from the list (``(0, "quality", "who")``)."""
    return [p for loc, entry in _entries_in(list(effects), ())
            for p in _entry_problems(s, entry, loc) if p.severity == "error"]


def _entry_problems(s: Scenario, entry: Entry, loc: Loc = ()):  # noqa: C901 - a flat list
    """What is wrong with the names one effect or condition uses, each located at the field
    (``loc`` is the entry's own location)."""
    P, U = ReferenceProblem, _unknown
    here = (*loc, entry.type)
    fields = type(entry).model_fields
    contenders = {c.id for c in s.contenders}
    offices = {o.id for o in s.offices}
    for name in WHO_FIELDS:
        who = getattr(entry, name) if name in fields else None
        if isinstance(who, str) and who not in contenders and who not in SPECIAL_WHO:
            if not (who.startswith("office:") and who[7:] in offices):
                yield U((*here, name), f"{entry.type}: {name} {who!r} is no contender, self, "
                        "decider, chooser or office:<office id>", who, who_names(s))
    office = entry.office if "office" in fields else None
    if isinstance(office, str) and office not in offices:
        yield U((*here, "office"), f"{entry.type}: unknown office {office!r}", office, offices)
    regions = entry.regions if "regions" in fields else None
    if isinstance(regions, list):
        known = {r.id for r in s.regions} | {"all"}
        for j, r in enumerate(regions):
            if r not in known:
                yield U((*here, "regions", j), f"{entry.type}: unknown region {r!r}", r, known)
    if entry.type == "rule":
        field = "name" if "name" in fields else "value"
        name = getattr(entry, field)
        if name not in Rules.model_fields:
            yield U((*here, field), f"{entry.type}: unknown rule {name!r}", name,
                    Rules.model_fields)
        elif field == "name":
            try:
                Rules.model_validate({**s.rules.model_dump(), name: entry.value})
            except ValueError as err:
                why = err.errors()[0]["msg"]
                yield P((*here, "value"), f"rule {name!r}: value {entry.value!r} is not "
                        f"allowed ({why})")
        elif Rules.model_fields[name].annotation is not bool:
            yield P((*here, field), f"rule: {name!r} is a number, not a switch that can be on "
                    "or off")
    notable = entry.notable if "notable" in fields else None
    if isinstance(notable, str) and notable not in {n.id for n in s.notables}:
        yield U((*here, "notable"), f"{entry.type}: unknown notable {notable!r}", notable,
                [n.id for n in s.notables])
    if entry.type == "rung" and entry.to not in {r.id for r in s.ladder}:
        yield U((*here, "to"), f"rung: unknown ladder rung {entry.to!r}", entry.to,
                [r.id for r in s.ladder])
    if entry.type == "secretary" and entry.region not in {r.id for r in s.regions}:
        yield U((*here, "region"), f"secretary: unknown region {entry.region!r}", entry.region,
                [r.id for r in s.regions])
    if entry.type == "status":
        rungs = {r.id for r in s.ladder}
        for j, rung in enumerate(entry.is_):
            if rung not in rungs:
                yield U((*here, "is", j), f"status: unknown ladder rung {rung!r}", rung, rungs)
    if entry.type in ("after", "before"):
        try:
            s.calendar.turn_of(entry.value)
        except ValueError as err:
            yield P((*here, "value"), f"{entry.type}: {err}")
    if entry.type == "event":
        event = next((e for e in s.events if e.id == entry.id), None)
        if event is None:
            yield U((*here, "id"), f"event: unknown event {entry.id!r}", entry.id,
                    [e.id for e in s.events])
        elif entry.choice is not None and entry.choice not in {ch.id for ch in event.choices}:
            choices = [ch.id for ch in event.choices]
            yield U((*here, "choice"), f"event: {entry.id!r} has no choice {entry.choice!r}",
                    entry.choice, choices)
