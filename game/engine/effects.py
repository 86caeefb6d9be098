"""Effects that scenario events (and their choices) may have on the game.

Each class is one effect a modder can write; its docstring and field descriptions are the modder
reference. ``who`` fields take a contender id, ``decider`` (who decided the event), ``chooser``
(each contender who backed a choice, in `chooser_effects`) or ``office:<id>`` (the holder).
Every change an effect makes is recorded under the event's historians' factor. Each compiles
itself to the codes the rules run (``emit``; :mod:`game.rules.programs` does what each says).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import ConfigDict, Field, model_validator

from game.rules.layout import QUALITY_IDS
from game.rules.programs import (
    NOBODY,
    X_ALLIANCE,
    X_CHALLENGE,
    X_CHARGE,
    X_DEMOTE,
    X_EXPOSE,
    X_FLAG,
    X_GRANT_OFFICE,
    X_IF,
    X_JUMP,
    X_LINE,
    X_LOYALTY,
    X_MEMBERS,
    X_MOOD,
    X_NOTABLE_OFFICE,
    X_PLATFORM,
    X_QUALITY,
    X_RETIRE,
    X_REVOKE_OFFICE,
    X_RULE,
    X_RUNG,
    X_SEAT,
    X_SECRETARY,
    X_TRUST,
    A,
    B,
)

from .builder import Builder
from .conditions import Condition
from .registry import Entry, tagged_union

Who = Annotated[
    str, Field(description="A contender id, `decider`, `chooser` or `office:<office id>`.")
]
Regions = Annotated[
    list[str], Field(description="Region ids, or `[all]` for every region.", min_length=1)
]
Quality = Literal["prestige", "oratory", "organisation", "health", "threat"]


def _at_most_one(*pairs: tuple[str, str]) -> ConfigDict:
    """The JSON Schema of an effect that takes a change or a value to set, never both."""
    return ConfigDict(json_schema_extra={"allOf": [{"not": {"required": list(p)}}
                                                   for p in pairs]})


def _exactly_one(change: str, to: str) -> ConfigDict:
    """The JSON Schema of an effect that takes a change or a value to set: one of them."""
    return ConfigDict(json_schema_extra={"oneOf": [{"required": [change]},
                                                   {"required": [to]}]})


def _one_of(entry: Entry, change: str, to: str, needed: bool = True) -> None:
    """Refuse an effect given both a change and a value to set (or, when one is ``needed``,
    neither)."""
    given = [name for name in (change, to) if getattr(entry, name) is not None]
    if len(given) > 1 or needed and not given:
        raise ValueError(f"{entry.type}: give `{change}` (a change) or `{to}` (a value to set), "
                         f"{'not both' if given else 'one of them'}")


class ChangeOrSet(Entry):
    """An effect that changes a number by `amount` or sets it `to` a value: one of the two
    (each subclass declares both fields, with its own bounds)."""

    model_config = _exactly_one("amount", "to")

    @model_validator(mode="after")
    def _change_or_set(self):
        _one_of(self, "amount", "to")
        return self

    @property
    def setting(self) -> int:
        """1 when the effect sets the number, 0 when it changes it (the rules' flag)."""
        return int(self.to is not None)

    @property
    def number(self) -> float:
        """The amount, or the value to set."""
        return self.to if self.to is not None else self.amount or 0.0


class Mood(Entry):
    """Move the party's mood (`line_to`, `unity_to`: set it). `line` runs from -1 (Left) to +1
    (Right); `unity` from 0 to 1.

    Example: `mood: {line: -0.2, unity: 0.1}` (the war scare pushes the party left and together);
    `mood: {unity_to: 0.9}`."""

    model_config = _at_most_one(("line", "line_to"), ("unity", "unity_to"))
    type: Literal["mood"] = "mood"
    line: float | None = Field(None, ge=-2, le=2,
                               description="Added to the mood's line, then clamped.")
    unity: float | None = Field(None, ge=-1, le=1,
                                description="Added to the mood's unity, then clamped.")
    line_to: float | None = Field(None, ge=-1, le=1, description="The line to set, instead.")
    unity_to: float | None = Field(None, ge=0, le=1, description="The unity to set, instead.")

    @model_validator(mode="after")
    def _change_or_set(self):
        _one_of(self, "line", "line_to", needed=False)
        _one_of(self, "unity", "unity_to", needed=False)
        return self

    def emit(self, b: Builder) -> None:
        line, line_to = self.line or 0.0, self.line_to is not None
        unity, unity_to = self.unity or 0.0, self.unity_to is not None
        b.row(X_MOOD, int(line_to), int(unity_to), x=self.line_to if line_to else line,
              y=self.unity_to if unity_to else unity)


class ChangeQuality(ChangeOrSet):
    """Add to one of a contender's qualities (each runs from 0 to 100), or, with `to`, set it.

    Example: `quality: {who: trotsky, quality: prestige, amount: -8}`;
    `quality: {who: stalin, quality: health, to: 20}`."""

    type: Literal["quality"] = "quality"
    who: Who
    quality: Quality = Field(description="Which quality changes.")
    amount: float | None = Field(
        None, ge=-100, le=100,
        description="Added to the quality; the result stays within 0 to 100.",
    )
    to: float | None = Field(None, ge=0, le=100, description="The value to set, instead.")

    def emit(self, b: Builder) -> None:
        b.row(X_QUALITY, b.who(self.who), QUALITY_IDS.index(self.quality), self.setting,
              x=self.number)


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
    """Take an office from whoever holds it (or, with `who`, from that holder only, where
    several hold it); its power base stops backing them.

    Example: `revoke_office: {office: war_commissar}`."""

    type: Literal["revoke_office"] = "revoke_office"
    office: str = Field(description="An office id.")
    who: Who | None = Field(None, description="The holder who loses it (default: every one).")

    def emit(self, b: Builder) -> None:
        b.row(X_REVOKE_OFFICE, b.office(self.office),
              NOBODY if self.who is None else b.who(self.who))


class Alliance(Entry):
    """Make (or, with `make: false`, break) an alliance between two contenders.

    Example: `alliance: {a: stalin, b: zinoviev}`."""

    type: Literal["alliance"] = "alliance"
    a: Who
    b: Who
    make: bool = Field(True, description="True makes the alliance; false breaks it.")

    def emit(self, b: Builder) -> None:
        b.row(X_ALLIANCE, b.who(self.a), b.who(self.b), int(self.make))


class Trust(ChangeOrSet):
    """Change how far one contender trusts another (trust runs from -1 to 1), or, with `to`,
    set it.

    Example: `trust: {who: trotsky, toward: stalin, amount: -0.3}`."""

    type: Literal["trust"] = "trust"
    who: Who
    toward: Who
    amount: float | None = Field(
        None, ge=-2, le=2,
        description="Added to `who`'s trust in `toward`; the result stays in -1..1.",
    )
    to: float | None = Field(None, ge=-1, le=1, description="The trust to set, instead.")

    def emit(self, b: Builder) -> None:
        b.row(X_TRUST, b.who(self.who), b.who(self.toward), self.setting, x=self.number)


class Line(ChangeOrSet):
    """Move a contender's line on the Left-Right axis (or, with `to`, set it), without the
    usual cost in credibility.

    Example: `line: {who: stalin, amount: -0.3}`."""

    type: Literal["line"] = "line"
    who: Who
    amount: float | None = Field(
        None, ge=-2, le=2,
        description="Added to the line (negative: Left); the result stays in -1..1.",
    )
    to: float | None = Field(None, ge=-1, le=1, description="The line to set, instead.")

    def emit(self, b: Builder) -> None:
        b.row(X_LINE, b.who(self.who), self.setting, x=self.number)


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


class SetRung(Entry):
    """Put a contender on a rung of the removal ladder at once, up or down, without a vote (an
    arrest, a rehabilitation): their seats follow the rung, and on a rung that holds no offices
    or cannot act they lose their offices, platform and alliances.

    Example: `rung: {who: beria, to: arrested}`."""

    type: Literal["rung"] = "rung"
    who: Who
    to: str = Field(description="A rung id of the ladder.")

    def emit(self, b: Builder) -> None:
        b.row(X_RUNG, b.who(self.who), b.rung(self.to))


class Seat(Entry):
    """Seat a notable in the Politburo (it grows by a seat if it is full), or, with `seated:
    false`, unseat them: their seat is filled at the next election, which may elect them again
    (`retire` takes them out for good).

    Example: `seat: {notable: zhukov}`."""

    type: Literal["seat"] = "seat"
    notable: str = Field(description="A notable's id.")
    seated: bool = Field(True, description="True seats the notable; false unseats them.")

    def emit(self, b: Builder) -> None:
        b.row(X_SEAT, b.notable(self.notable), int(self.seated))


class NotableOffice(Entry):
    """Give an office to a notable, taking it from every contender who holds it. A notable's
    office gives no contender its powers and is not elected while they hold it; `grant_office`
    or `revoke_office` takes it back, and a notable who retires gives it up.

    Example: `notable_office: {notable: zhukov, office: defence_minister}`."""

    type: Literal["notable_office"] = "notable_office"
    notable: str = Field(description="A notable's id.")
    office: str = Field(description="An office id.")

    def emit(self, b: Builder) -> None:
        b.row(X_NOTABLE_OFFICE, b.notable(self.notable), b.office(self.office))


class If(Entry):
    """Effects that depend on the game: `then` if the condition holds when the effect runs,
    `else` (optional) if not. `decider` and `chooser` mean what they mean around it.

    Example: `if: {condition: {holds_office: {who: decider, office: mvd}}, then: [{expose: {who:
    decider}}], else: [{mood: {unity: 0.1}}]}`."""

    type: Literal["if"] = "if"
    condition: Condition = Field(description="What is tested when the effect runs.")
    then: list[Effect] = Field(description="The effects if the condition holds.")
    else_: list[Effect] = Field(default_factory=list, alias="else",
                                description="The effects if it does not.")

    def emit(self, b: Builder) -> None:
        at = b.here()
        b.row(X_IF)
        self.condition.emit(b)
        condition_rows = b.here() - at - 1
        for effect in self.then:
            effect.emit(b)
        jump = b.here()
        b.row(X_JUMP)
        for effect in self.else_:
            effect.emit(b)
        b.patch(at, A, condition_rows)
        b.patch(at, B, jump + 1 - (at + 1 + condition_rows))
        b.patch(jump, A, b.here() - jump - 1)


EFFECT_TYPES: tuple[type[Entry], ...] = (
    Mood, ChangeQuality, Loyalty, Members, GrantOffice, RevokeOffice, Alliance, Trust, Line,
    SetFlag, SetRule, Demote, OpenPlatform, Secretary, Retire, Expose, Charge, Challenge,
    SetRung, Seat, NotableOffice, If,
)
Effect = tagged_union(EFFECT_TYPES)
If.model_rebuild()
