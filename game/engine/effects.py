"""Effects that scenario events (and their choices) may have on the game.

Each class is one effect a modder can write; its docstring and field descriptions are the modder
reference. ``who`` fields take a contender id, ``decider`` (who decided the event), ``chooser``
(each contender who backed a choice, in `chooser_effects`) or ``office:<id>`` (the holder).
Every change an effect makes is recorded under the event's historians' factor. Each compiles
itself to the codes the rules run (``emit``; :mod:`game.rules.programs` does what each says).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from game.rules.layout import QUALITY_IDS
from game.rules.programs import (
    X_ALLIANCE,
    X_CHALLENGE,
    X_CHARGE,
    X_DEMOTE,
    X_EXPOSE,
    X_FLAG,
    X_GRANT_OFFICE,
    X_LINE,
    X_LOYALTY,
    X_MEMBERS,
    X_MOOD,
    X_PLATFORM,
    X_QUALITY,
    X_RETIRE,
    X_REVOKE_OFFICE,
    X_RULE,
    X_SECRETARY,
    X_TRUST,
)

from .builder import Builder
from .registry import Entry, tagged_union

Who = Annotated[
    str, Field(description="A contender id, `decider`, `chooser` or `office:<office id>`.")
]
Regions = Annotated[
    list[str], Field(description="Region ids, or `[all]` for every region.", min_length=1)
]
Quality = Literal["prestige", "oratory", "organisation", "health", "threat"]


class Mood(Entry):
    """Move the party's mood. `line` runs from -1 (Left) to +1 (Right); `unity` from 0 to 1.

    Example: `mood: {line: -0.2, unity: 0.1}` (the war scare pushes the party left and together)."""

    type: Literal["mood"] = "mood"
    line: float = Field(0.0, ge=-2, le=2, description="Added to the mood's line, then clamped.")
    unity: float = Field(0.0, ge=-1, le=1, description="Added to the mood's unity, then clamped.")

    def emit(self, b: Builder) -> None:
        b.row(X_MOOD, x=self.line, y=self.unity)


class ChangeQuality(Entry):
    """Add to one of a contender's qualities (each runs from 0 to 100).

    Example: `quality: {who: trotsky, quality: prestige, amount: -8}`."""

    type: Literal["quality"] = "quality"
    who: Who
    quality: Quality = Field(description="Which quality changes.")
    amount: float = Field(
        ge=-100, le=100, description="Added to the quality; the result stays within 0 to 100."
    )

    def emit(self, b: Builder) -> None:
        b.row(X_QUALITY, b.who(self.who), QUALITY_IDS.index(self.quality), x=self.amount)


class Loyalty(Entry):
    """Move a share of each listed region's members towards (or, if negative, away from) a
    contender. `amount` is the fraction of the members not yet loyal who come over (or of the
    loyal members who leave, when negative).

    Example: `loyalty: {who: zinoviev, regions: [leningrad], amount: 0.2}`."""

    type: Literal["loyalty"] = "loyalty"
    who: Who
    regions: Regions
    amount: float = Field(
        ge=-1, le=1,
        description="Share of the members not yet loyal who come over; negative: share of the "
        "loyal who leave.",
    )

    def emit(self, b: Builder) -> None:
        b.row(X_LOYALTY, b.who(self.who), b.regions(self.regions), x=self.amount)


class Members(Entry):
    """Add new members to regions, as a fraction of their present membership. New members
    follow the patron of the region's secretary when `follow_secretary` is true (their careers
    depend on the apparatus), and are uncommitted otherwise.

    Example: `members: {regions: [all], fraction: 0.3, follow_secretary: true}`."""

    type: Literal["members"] = "members"
    regions: Regions
    fraction: float = Field(
        gt=-1, le=5, description="New members as a share of present membership: 0.3 adds 30%."
    )
    follow_secretary: bool = Field(
        True, description="New members follow the secretary's patron; if false, uncommitted."
    )

    def emit(self, b: Builder) -> None:
        b.row(X_MEMBERS, b.regions(self.regions), int(self.follow_secretary), x=self.fraction)


class GrantOffice(Entry):
    """Give an office to a contender (taking it from any holder).

    Example: `grant_office: {who: stalin, office: general_secretary}`."""

    type: Literal["grant_office"] = "grant_office"
    who: Who
    office: str = Field(description="An office id.")

    def emit(self, b: Builder) -> None:
        b.row(X_GRANT_OFFICE, b.who(self.who), b.office(self.office))


class RevokeOffice(Entry):
    """Take an office from whoever holds it; its power base stops backing them.

    Example: `revoke_office: {office: war_commissar}`."""

    type: Literal["revoke_office"] = "revoke_office"
    office: str = Field(description="An office id.")

    def emit(self, b: Builder) -> None:
        b.row(X_REVOKE_OFFICE, b.office(self.office))


class Alliance(Entry):
    """Make (or, with `make: false`, break) an alliance between two contenders.

    Example: `alliance: {a: stalin, b: zinoviev}`."""

    type: Literal["alliance"] = "alliance"
    a: Who
    b: Who
    make: bool = Field(True, description="True makes the alliance; false breaks it.")

    def emit(self, b: Builder) -> None:
        b.row(X_ALLIANCE, b.who(self.a), b.who(self.b), int(self.make))


class Trust(Entry):
    """Change how far one contender trusts another (trust runs from -1 to 1).

    Example: `trust: {who: trotsky, toward: stalin, amount: -0.3}`."""

    type: Literal["trust"] = "trust"
    who: Who
    toward: Who
    amount: float = Field(
        ge=-2, le=2, description="Added to `who`'s trust in `toward`; the result stays in -1..1."
    )

    def emit(self, b: Builder) -> None:
        b.row(X_TRUST, b.who(self.who), b.who(self.toward), x=self.amount)


class Line(Entry):
    """Move a contender's line on the Left-Right axis, without the usual cost in credibility.

    Example: `line: {who: stalin, amount: -0.3}`."""

    type: Literal["line"] = "line"
    who: Who
    amount: float = Field(
        ge=-2, le=2, description="Added to the line (negative: Left); the result stays in -1..1."
    )

    def emit(self, b: Builder) -> None:
        b.row(X_LINE, b.who(self.who), x=self.amount)


class SetFlag(Entry):
    """Set (or, with `add: true`, add to) a named flag that conditions can test.

    Example: `flag: {name: testament_read}`."""

    type: Literal["flag"] = "flag"
    name: str = Field(description="The flag's name, any word you choose; flags start at 0.")
    value: float = Field(1.0, description="The value to set (or, with `add`, to add).")
    add: bool = Field(False, description="Add `value` to the flag instead of setting it.")

    def emit(self, b: Builder) -> None:
        b.row(X_FLAG, b.flag(self.name), int(self.add), x=self.value)


class SetRule(Entry):
    """Change one of the scenario's rules for the rest of the game.

    Example: `rule: {name: enrolment_open, value: true}`."""

    type: Literal["rule"] = "rule"
    name: str = Field(description="The name of a rule in `rules`.")
    value: bool | float = Field(
        description="The new value: true or false for a switch, a number otherwise."
    )

    def emit(self, b: Builder) -> None:
        b.row(X_RULE, b.rule(self.name), x=float(self.value))


class Demote(Entry):
    """Move a contender down the removal ladder by `steps` steps. While they hold any office,
    a step takes all their offices instead of a rung.

    Example: `demote: {who: trotsky, steps: 1}`."""

    type: Literal["demote"] = "demote"
    who: Who
    steps: int = Field(1, ge=1, le=10, description="How many steps down.")

    def emit(self, b: Builder) -> None:
        b.row(X_DEMOTE, b.who(self.who), self.steps)


class OpenPlatform(Entry):
    """Open (or, with `open: false`, close) a contender's opposition platform.

    Example: `platform: {who: trotsky}`."""

    type: Literal["platform"] = "platform"
    who: Who
    open: bool = Field(True, description="True opens the platform; false closes it.")

    def emit(self, b: Builder) -> None:
        b.row(X_PLATFORM, b.who(self.who), int(self.open))


class Secretary(Entry):
    """Install a new regional secretary who owes their post to a contender (or, with `who:
    nobody`, to no one).

    Example: `secretary: {region: leningrad, who: stalin}`."""

    type: Literal["secretary"] = "secretary"
    region: str = Field(description="A region id.")
    who: Who

    def emit(self, b: Builder) -> None:
        b.row(X_SECRETARY, b.region(self.region), b.who(self.who))


class Retire(Entry):
    """Take a notable out of the game (death, disgrace, a post abroad): they leave the Politburo
    at once and are never elected again.

    Example: `retire: {notable: dzerzhinsky}`."""

    type: Literal["retire"] = "retire"
    notable: str = Field(description="A notable's id.")

    def emit(self, b: Builder) -> None:
        b.row(X_RETIRE, b.notable(self.notable))


class Expose(Entry):
    """Make public (or, with `exposed: false`, let be forgotten) compromising evidence against
    a contender: a letter read out, a secret talk leaked. Like an open platform, it makes a
    case for charges and challenges against them, and sways the votes (the rule
    `exposure_weight`).

    Example: `expose: {who: stalin}`."""

    type: Literal["expose"] = "expose"
    who: Who
    exposed: bool = Field(True, description="True makes the evidence public; false buries it.")

    def emit(self, b: Builder) -> None:
        b.row(X_EXPOSE, b.who(self.who), int(self.exposed))


class Charge(Entry):
    """File a charge of factionalism, as if `who` had made it: it waits for the organ that
    decides the target's next step down, like any other (nothing happens if the target cannot
    be pushed further down or a charge against them is already waiting).

    Example: `charge: {who: zinoviev, target: trotsky}`."""

    type: Literal["charge"] = "charge"
    who: Who
    target: Who

    def emit(self, b: Builder) -> None:
        b.row(X_CHARGE, b.who(self.who), b.who(self.target))


class Challenge(Entry):
    """Move, as if `who` had moved it, that the holder of an office be relieved of it: the
    Central Committee votes at its next meeting (nothing happens if the office is vacant, is
    `who`'s own, or a challenge to it is already waiting).

    Example: `challenge: {who: trotsky, office: general_secretary}`."""

    type: Literal["challenge"] = "challenge"
    who: Who
    office: str = Field(description="An office id.")

    def emit(self, b: Builder) -> None:
        b.row(X_CHALLENGE, b.who(self.who), b.office(self.office))


EFFECT_TYPES: tuple[type[Entry], ...] = (
    Mood, ChangeQuality, Loyalty, Members, GrantOffice, RevokeOffice, Alliance, Trust, Line,
    SetFlag, SetRule, Demote, OpenPlatform, Secretary, Retire, Expose, Charge, Challenge,
)
Effect = tagged_union(EFFECT_TYPES)
