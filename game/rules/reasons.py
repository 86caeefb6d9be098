"""Why an action may not be taken: reason codes, and the two checks every rule shares.

A check kernel returns ``(reason, argument)``: ``OK`` (0) when the action is legal, otherwise a
code below and, where its sentence names someone or something, that contender, region, office
or organ (-1 otherwise). The words are written by :mod:`game.engine.narrate_actions`, which also
knows the actor and the order's target: a reason names only what they do not already say.
"""

from __future__ import annotations

from . import ops
from .jit import kernel
from .layout import CAN_ACT, IN_PARTY, State, Tables

OK = 0
# the order itself
NO_REGION = 1  # arg: the target given
NO_CONTENDER = 2  # arg: the target given
NO_OFFICE = 3  # arg: the target given
YOURSELF = 4
SAY_DIRECTION = 5
SAY_ORGAN = 6
SAY_FORUM = 7
NO_SUCH_ACTION = 8  # not an action of this phase (a choice on a card, or no kind at all)
# the actor
NOT_IN_PARTY = 10  # arg: the contender who is out of the party (the actor, or a rival)
CANNOT_ACT = 11  # arg: the contender
NOT_IN_POLITBURO = 12
NOT_IN_CC = 13
# powers and switches
CANNOT_APPOINT = 20
PATRONAGE_OFF = 21
CANNOT_RECRUIT = 22
NO_DRIVE = 23
NO_ARMY = 24
NO_AGENDA = 25
NOT_COMINTERN = 26
# regions
SECRETARY_YOURS = 30  # arg: the region
STRONGHOLD = 31  # arg: the holder of the fief (the region is the target)
# alliances
ALREADY_ALLIED = 40  # arg: the rival
NO_OFFER = 41  # arg: the rival
NOT_ALLIED = 42  # arg: the rival
NO_OFFERS = 43  # gate only: nobody has offered the actor an alliance
NO_ALLIES = 44  # gate only: the actor has no ally
# platforms, dossiers and charges
PLATFORM_OPEN = 50
NO_PLATFORM = 51
FILE_FULL = 52  # arg: the rival
ALLY_FIRST = 53  # arg: the rival (or the office's holder)
BOTTOM = 54  # arg: the rival
CHARGE_WAITING = 55  # arg: the rival
TOO_SOON = 56  # arg: the rival
VACANT = 57  # arg: the office
OWN_OFFICE = 58
CHALLENGE_WAITING = 59
NO_CHARGE = 60
NO_CHARGE_TO_APPEAL = 61
# offices and meetings
NOT_YOUR_OFFICE = 70  # arg: the office given
RESIGNATION_WAITING = 71
MEETS_THIS_TURN = 72  # arg: CONVENE_PLENUM or CONVENE_CONGRESS
CONGRESS_TOO_SOON = 73


@kernel
def requires_party(s: State, t: Tables, c: int) -> tuple[int, int]:
    """Only a party member may do this."""
    if not ops.in_organ(s, t, c, IN_PARTY):
        return NOT_IN_PARTY, c
    return OK, -1


@kernel
def requires_acting(s: State, t: Tables, c: int) -> tuple[int, int]:
    """Anyone still able to act may do this (in the party or not)."""
    if not t.rung[s.status[c], CAN_ACT]:
        return CANNOT_ACT, c
    return OK, -1
