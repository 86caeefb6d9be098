"""Actions: small immutable values with a text form that parses back.

``Action.parse("accuse trotsky")`` and ``str(action)`` are inverses. What an action needs (its
argument, office power, cost) is described by :data:`SPECS`; whether it is legal in a given state
is decided by :mod:`game.engine.legality`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import Literal


class IllegalAction(ValueError):
    """An action that may not be taken now; the message says why."""


class ActionKind(StrEnum):
    APPOINT = "appoint"
    RECRUIT = "recruit"
    DOSSIER = "dossier"
    SPEECH = "speech"
    ARTICLE = "article"
    ALLY = "ally"
    ACCEPT = "accept"
    BREAK = "break"
    PLATFORM = "platform"
    RECANT = "recant"
    ACCUSE = "accuse"
    RESOLUTION = "resolution"
    SHIFT = "shift"
    ARMY = "army"
    RESIGN = "resign"
    CONVENE = "convene"
    REST = "rest"
    CHALLENGE = "challenge"
    SUBVERT = "subvert"
    DEFEND = "defend"
    APPEAL = "appeal"
    DECIDE = "decide"


# What an action names: a region, a rival, a direction, an organ, an office of one's own
# ("office"), a rival's office ("post"), a forum to appeal to, or a card and its choice.
Arg = Literal["none", "region", "contender", "direction", "organ", "office", "post", "forum",
              "decision"]


@dataclass(frozen=True, slots=True)
class Spec:
    arg: Arg
    default_cost: int
    summary: str


SPECS: dict[ActionKind, Spec] = {
    ActionKind.APPOINT: Spec("region", 1, "Appoint a loyal regional secretary"),
    ActionKind.RECRUIT: Spec("region", 1, "Recruit new members into a region"),
    ActionKind.DOSSIER: Spec("contender", 1, "Compile a dossier on a rival"),
    ActionKind.SPEECH: Spec("none", 1, "Give a speech to the party"),
    ActionKind.ARTICLE: Spec("none", 1, "Publish an article on the party's line"),
    ActionKind.ALLY: Spec("contender", 1, "Propose an alliance"),
    ActionKind.ACCEPT: Spec("contender", 0, "Accept an alliance offered to you"),
    ActionKind.BREAK: Spec("contender", 1, "Break an alliance"),
    ActionKind.PLATFORM: Spec("none", 1, "Declare an open opposition platform"),
    ActionKind.RECANT: Spec("none", 1, "Recant: drop your platform and submit to the line"),
    ActionKind.ACCUSE: Spec("contender", 2, "Accuse a rival of factionalism"),
    ActionKind.RESOLUTION: Spec("direction", 1, "Move a policy resolution in the top organ"),
    ActionKind.SHIFT: Spec("direction", 1, "Shift your own line"),
    ActionKind.ARMY: Spec("none", 1, "Cultivate the army"),
    ActionKind.RESIGN: Spec("office", 1, "Offer to resign an office"),
    ActionKind.CONVENE: Spec("organ", 2, "Convene a plenum or a congress this turn"),
    ActionKind.REST: Spec("none", 1, "Rest and recover your health"),
    ActionKind.CHALLENGE: Spec("post", 2, "Challenge a rival's office at the next plenum"),
    ActionKind.SUBVERT: Spec("region", 2, "Work on a rival's regional secretary"),
    ActionKind.DEFEND: Spec("none", 1, "Answer the charges against you before the organ"),
    ActionKind.APPEAL: Spec("forum", 1, "Appeal over the leaders' heads against a charge"),
    ActionKind.DECIDE: Spec("decision", 0, "Choose on an event card"),
}

DIRECTIONS = ("left", "right")
CONVENABLE = ("plenum", "congress")
FORUMS = ("party", "comintern")  # the rank and file, or the International


@dataclass(frozen=True, slots=True, order=True)
class Action:
    """One action. ``target`` is a region, contender, direction, organ, office or event id;
    ``option`` is the choice id of a ``decide`` action."""

    kind: ActionKind
    target: str | None = None
    option: str | None = None

    def __str__(self) -> str:
        words = [self.kind]  # a StrEnum is its value as a str
        if self.target:
            words.append(self.target)
        if self.option:
            words.append(self.option)
        return " ".join(words)

    @classmethod
    def parse(cls, text: str) -> Action:
        """Parse the text form (``"appoint ukraine"``); raise IllegalAction if malformed."""
        return _parse(cls, text)


@lru_cache(maxsize=4096)  # actions are immutable: a replay parses the same few texts again
def _parse(cls: type[Action], text: str) -> Action:
    """:meth:`Action.parse` (malformed texts raise, so they are never remembered)."""
    words = text.split()
    if not words:
        raise IllegalAction("empty action")
    try:
        kind = ActionKind(words[0].lower())
    except ValueError:
        known = ", ".join(k.value for k in ActionKind)
        raise IllegalAction(f"unknown action {words[0]!r}; actions are: {known}") from None
    spec = SPECS[kind]
    want = {"none": 1, "decision": 3}.get(spec.arg, 2)
    if len(words) != want:
        shape = {"none": "no argument", "decision": "an event id and a choice id"}.get(
            spec.arg, f"one {spec.arg}"
        )
        raise IllegalAction(f"{kind.value!r} takes {shape}")
    return cls(kind, *(w.lower() for w in words[1:]))
