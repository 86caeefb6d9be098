"""Conditions that scenario files may test: when an event can fire, which outcome a contender gets.

Each class is one condition a modder can write. Its docstring and field descriptions are the
modder reference. ``who`` fields take a contender id, ``self`` (the contender being judged, in
victory conditions), ``decider`` (who decided the current event) or ``office:<id>`` (the holder).
Each compiles itself to the codes the rules evaluate (``emit``; :mod:`game.rules.programs`
holds the meaning of each); conditions only read the game, they never change it.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import ConfigDict, Field, model_validator

from game.rules.layout import QUALITY_IDS
from game.rules.programs import (
    ABOVE,
    BELOW,
    MEASURE_CC_SHARE,
    MEASURE_LINE,
    MEASURE_QUALITY,
    MEASURE_SUPPORT,
    Q_AFTER,
    Q_ALL,
    Q_ALLIED,
    Q_ANY,
    Q_BEFORE,
    Q_COMPARE,
    Q_EVENT,
    Q_FLAG,
    Q_HOLDS_OFFICE,
    Q_IN_ORGAN,
    Q_LEADS,
    Q_LINE_ABOVE,
    Q_LINE_BELOW,
    Q_LOYALTY,
    Q_NOT,
    Q_PLATFORM,
    Q_POLITBURO_MAJORITY,
    Q_QUALITY,
    Q_RIVALS_OUT_OF,
    Q_RULE,
    Q_STATUS,
    Q_SUPPORT,
    Q_TRUST,
    Q_UNITY_ABOVE,
    Q_UNITY_BELOW,
)

from .builder import Builder
from .dates import Date
from .registry import Entry, tagged_union

Who = Annotated[
    str, Field(description="A contender id, `self`, `decider` or `office:<office id>`.")
]
Organ = Literal["politburo", "central_committee", "party"]
Quality = Literal["prestige", "oratory", "organisation", "health", "threat"]
Regions = Annotated[
    list[str], Field(description="Region ids, or `[all]` for every region.", min_length=1)
]
MEASURES = {"support": MEASURE_SUPPORT, "cc_share": MEASURE_CC_SHARE, "line": MEASURE_LINE} | {
    q: MEASURE_QUALITY + i for i, q in enumerate(QUALITY_IDS)}


class Bounded(Entry):
    """A test of a number against `above`, `below` or both (at least one is needed)."""

    model_config = ConfigDict(json_schema_extra={"anyOf": [{"required": ["above"]},
                                                           {"required": ["below"]}]})
    above: float | None = Field(None, description="True only if the number is above this.")
    below: float | None = Field(None, description="True only if the number is below this.")

    @model_validator(mode="after")
    def _a_bound(self):
        if self.above is None and self.below is None:
            raise ValueError(f"{self.type}: give `above`, `below` or both")
        return self

    def emit_bounds(self, b: Builder, op: int, a: int, arg: int) -> None:
        """One row per bound (column C says which), joined by ALL when there are two."""
        bounds = [(side, x) for side, x in ((ABOVE, self.above), (BELOW, self.below))
                  if x is not None]
        for side, x in bounds:
            b.row(op, a, arg, side, x=x)
        if len(bounds) > 1:
            b.row(Q_ALL, len(bounds))


class After(Entry):
    """True from the given date on (inclusive). Example: `after: 1925-Q1`."""

    type: Literal["after"] = "after"
    value: Date = Field(description="A date in the scenario calendar, such as `1925-Q1`.")

    def emit(self, b: Builder) -> None:
        b.row(Q_AFTER, b.turn(self.value))


class Before(Entry):
    """True strictly before the given date. Example: `before: 1927-Q4`."""

    type: Literal["before"] = "before"
    value: Date = Field(description="A date in the scenario calendar, such as `1927-Q4`.")

    def emit(self, b: Builder) -> None:
        b.row(Q_BEFORE, b.turn(self.value))


class Flag(Entry):
    """True when a scenario flag (set by the `flag` effect) is at least `at_least`.

    Example: `flag: {name: testament_read, at_least: 1}`."""

    type: Literal["flag"] = "flag"
    name: str = Field(description="The flag's name; flags start at 0.")
    at_least: float = Field(1.0, description="The smallest value that makes the condition true.")

    def emit(self, b: Builder) -> None:
        b.row(Q_FLAG, b.flag(self.name), x=self.at_least)


class Rule(Entry):
    """True when a rule switch of the scenario is on. Example: `rule: faction_ban`."""

    type: Literal["rule"] = "rule"
    value: str = Field(description="The name of a true/false rule in `rules`.")

    def emit(self, b: Builder) -> None:
        b.row(Q_RULE, b.rule(self.value))


class Status(Entry):
    """True when a contender stands on one of the given rungs of the removal ladder.

    Example: `status: {who: trotsky, is: [exiled, deported]}`."""

    type: Literal["status"] = "status"
    who: Who = "self"
    is_: list[str] = Field(alias="is", description="Ladder rung ids, any of which makes it true.")

    def emit(self, b: Builder) -> None:
        b.row(Q_STATUS, b.who(self.who), b.rungs(self.is_))


class InOrgan(Entry):
    """True when a contender sits in the organ (`politburo`, `central_committee` or `party`).

    Example: `in_organ: {who: self, organ: politburo}`."""

    type: Literal["in_organ"] = "in_organ"
    who: Who = "self"
    organ: Organ = Field(description="`politburo`, `central_committee` or `party`.")

    def emit(self, b: Builder) -> None:
        b.row(Q_IN_ORGAN, b.who(self.who), b.organ_flag(self.organ))


class RivalsOutOf(Entry):
    """True when every contender other than `who` is outside the organ.

    Example: `rivals_out_of: {organ: politburo}`."""

    type: Literal["rivals_out_of"] = "rivals_out_of"
    who: Who = "self"
    organ: Organ = Field(description="`politburo`, `central_committee` or `party`.")

    def emit(self, b: Builder) -> None:
        b.row(Q_RIVALS_OUT_OF, b.who(self.who), b.organ_flag(self.organ))


class HoldsOffice(Entry):
    """True when a contender holds the office. Example: `holds_office: {who: stalin, office:
    general_secretary}`."""

    type: Literal["holds_office"] = "holds_office"
    who: Who = "self"
    office: str = Field(description="An office id.")

    def emit(self, b: Builder) -> None:
        b.row(Q_HOLDS_OFFICE, b.who(self.who), b.office(self.office))


class Platform(Entry):
    """True when a contender has an open opposition platform.

    Example: `platform: {who: trotsky}`."""

    type: Literal["platform"] = "platform"
    who: Who = "self"

    def emit(self, b: Builder) -> None:
        b.row(Q_PLATFORM, b.who(self.who))


class Allied(Entry):
    """True when two contenders are in alliance. Example: `allied: {a: stalin, b: bukharin}`."""

    type: Literal["allied"] = "allied"
    a: Who = Field(description="One contender.")
    b: Who = Field(description="The other contender.")

    def emit(self, b: Builder) -> None:
        b.row(Q_ALLIED, b.who(self.a), b.who(self.b))


class Mood(Entry):
    """True when the party's mood lies inside the given bounds (all bounds optional).

    `line` runs from -1 (Left: end the NEP, industrialise fast) to +1 (Right: keep the NEP);
    `unity` from 0 to 1 (how much the party fears a split). Example: `mood: {line_below: -0.2}`."""

    type: Literal["mood"] = "mood"
    line_above: float | None = Field(None, description="True only if the line is above this.")
    line_below: float | None = Field(None, description="True only if the line is below this.")
    unity_above: float | None = Field(None, description="True only if unity is above this.")
    unity_below: float | None = Field(None, description="True only if unity is below this.")

    def emit(self, b: Builder) -> None:
        bounds = [(op, x) for op, x in ((Q_LINE_ABOVE, self.line_above),
                                        (Q_LINE_BELOW, self.line_below),
                                        (Q_UNITY_ABOVE, self.unity_above),
                                        (Q_UNITY_BELOW, self.unity_below)) if x is not None]
        for op, x in bounds:
            b.row(op, x=x)
        b.row(Q_ALL, len(bounds))


class Support(Entry):
    """True when a contender's share of the party's loyalty is at least `at_least` (0 to 1).

    Example: `support: {who: self, at_least: 0.4}`."""

    type: Literal["support"] = "support"
    who: Who = "self"
    at_least: float = Field(ge=0, le=1, description="The smallest share that makes it true.")

    def emit(self, b: Builder) -> None:
        b.row(Q_SUPPORT, b.who(self.who), x=self.at_least)


class PolitburoMajority(Entry):
    """True when a contender's faction holds more than half the Politburo's seats: the contender's
    own seat plus members loyal to them, and with `with_allies` also their allies' factions.

    Example: `politburo_majority: {who: self}`."""

    type: Literal["politburo_majority"] = "politburo_majority"
    who: Who = "self"
    with_allies: bool = Field(False, description="Count the allies' factions too.")

    def emit(self, b: Builder) -> None:
        b.row(Q_POLITBURO_MAJORITY, b.who(self.who), int(self.with_allies))


class Leads(Entry):
    """True when a contender's following is the largest in an organ: their faction in the
    `politburo` (their own seat and the members loyal to them), their share of the `central_
    committee`, or their share of the `party`'s members (ties: nobody leads).

    Example: `leads: {who: self, organ: central_committee}`."""

    type: Literal["leads"] = "leads"
    who: Who = "self"
    organ: Organ = Field(description="`politburo`, `central_committee` or `party`.")

    def emit(self, b: Builder) -> None:
        b.row(Q_LEADS, b.who(self.who), b.organ(self.organ))


class QualityIs(Bounded):
    """True when one of a contender's qualities (each 0 to 100) lies beyond the bounds.

    Example: `quality: {who: malenkov, quality: prestige, below: 40}`."""

    type: Literal["quality"] = "quality"
    who: Who = "self"
    quality: Quality = Field(description="Which quality is tested.")

    def emit(self, b: Builder) -> None:
        self.emit_bounds(b, Q_QUALITY, b.who(self.who), QUALITY_IDS.index(self.quality))


class TrustIs(Bounded):
    """True when how far `who` trusts `toward` (-1 to 1) lies beyond the bounds.

    Example: `trust: {who: malenkov, toward: beria, below: 0}`."""

    type: Literal["trust"] = "trust"
    who: Who = "self"
    toward: Who = Field(description="The contender trusted, or not.")

    def emit(self, b: Builder) -> None:
        self.emit_bounds(b, Q_TRUST, b.who(self.who), b.who(self.toward))


class LoyaltyIs(Bounded):
    """True when the share of the listed regions' members loyal to a contender (0 to 1, over
    all their members together) lies beyond the bounds.

    Example: `loyalty: {who: khrushchev, regions: [moscow, ukraine], above: 0.4}`."""

    type: Literal["loyalty"] = "loyalty"
    who: Who = "self"
    regions: Regions

    def emit(self, b: Builder) -> None:
        self.emit_bounds(b, Q_LOYALTY, b.who(self.who), b.regions(self.regions))


class Compare(Entry):
    """True when a measure of `who` is greater than that of `than` by more than `by`:
    `support` (share of the party), `cc_share` (share of the Central Committee), `line` (Left
    -1 to Right +1) or a quality.

    Example: `compare: {measure: support, who: khrushchev, than: malenkov, by: 0.05}`."""

    type: Literal["compare"] = "compare"
    measure: Literal["support", "cc_share", "line", "prestige", "oratory", "organisation",
                     "health", "threat"] = Field(description="What is compared.")
    who: Who = "self"
    than: Who = Field(description="The contender compared with.")
    by: float = Field(0.0, ge=0, description="The margin `who` must be ahead by (default 0).")

    def emit(self, b: Builder) -> None:
        b.row(Q_COMPARE, b.who(self.who), b.who(self.than), MEASURES[self.measure], x=self.by)


class EventFired(Entry):
    """True when an event has fired, and, if `choice` is given, that choice was taken.

    Example: `event: {id: testament, choice: read_to_congress}`."""

    type: Literal["event"] = "event"
    id: str = Field(description="An event id.")
    choice: str | None = Field(None, description="A choice id of that event.")

    def emit(self, b: Builder) -> None:
        b.row(Q_EVENT, b.event(self.id), b.choice(self.id, self.choice))


class All(Entry):
    """True when every listed condition is true. Example: `all: [{after: 1926-Q1}, {rule:
    faction_ban}]`."""

    type: Literal["all"] = "all"
    items: list[Condition] = Field(description="The conditions, each of which must hold.")

    def emit(self, b: Builder) -> None:
        for c in self.items:
            c.emit(b)
        b.row(Q_ALL, len(self.items))


class AnyOf(Entry):
    """True when at least one listed condition is true. Example: `any: [{platform: {who:
    trotsky}}, {platform: {who: zinoviev}}]`."""

    type: Literal["any"] = "any"
    items: list[Condition] = Field(description="The conditions, one of which must hold.")

    def emit(self, b: Builder) -> None:
        for c in self.items:
            c.emit(b)
        b.row(Q_ANY, len(self.items))


class Not(Entry):
    """True when the inner condition is false. Example: `not: {holds_office: {who: trotsky,
    office: war_commissar}}`."""

    type: Literal["not"] = "not"
    value: Condition = Field(description="The condition that must not hold.")

    def emit(self, b: Builder) -> None:
        self.value.emit(b)
        b.row(Q_NOT)


CONDITION_TYPES: tuple[type[Entry], ...] = (
    After, Before, Flag, Rule, Status, InOrgan, RivalsOutOf, HoldsOffice, Platform, Allied,
    Mood, Support, PolitburoMajority, Leads, EventFired, QualityIs, TrustIs, LoyaltyIs, Compare,
    All, AnyOf, Not,
)
Condition = tagged_union(CONDITION_TYPES)

for _cls in (All, AnyOf, Not):
    _cls.model_rebuild()
