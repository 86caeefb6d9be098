"""The end of a turn: the quiet drift of loyalties (patronage, then the mood of the times),
outcasts losing their followers, health and illness, and old grudges fading.

The mood runs from Left (-1: end the NEP, industrialise fast) to Right (+1: keep the NEP and the
peasant alliance). An appointed secretary pulls their region's members towards the patron a
little every turn, power bases towards the holders of their offices.
"""

from __future__ import annotations

import numpy as np

from . import log as L
from . import ops
from .jit import kernel
from .layout import (
    APPOINT,
    CAN_ACT,
    HEALTH,
    IDEOLOGY,
    IN_PARTY,
    LUCK,
    MOOD_LINE,
    OPPONENTS_WEAKNESSES,
    ORGANISATION,
    PARTY_LINE,
    PATRONAGE,
    PRESTIGE,
    R_BASE_PULL,
    R_IDEOLOGY_PULL,
    R_ILLNESS_CHANCE,
    R_LOYALTY_FADE,
    R_MOOD_DRIFT,
    R_PATRONAGE,
    R_PATRONAGE_OUT_OF_OFFICE,
    R_PATRONAGE_STRENGTH,
    TURN,
    State,
    Tables,
)
from .ops import W_FACTOR, Work
from .persuasion import fit

DISSENT = 0.8  # a line this far from the party's official line is open dissent
OUTCASTS_LOSE = 0.25  # the share of an outcast's followers who drift away each turn
TRUST_KEPT = 0.95  # the share of trust and distrust that lasts a turn
ALLIES_TRUST = 0.02  # the trust allies gain each turn


@kernel
def patronage_drift(s: State, t: Tables, w: Work) -> None:
    """The quiet work of every turn: secretaries pull towards their patrons, power bases
    towards the holders of their offices."""
    regions = s.members.shape[0]
    base_pull = s.rules[R_BASE_PULL]
    before = w.ints[W_FACTOR]
    w.ints[W_FACTOR] = PATRONAGE
    pull = np.zeros(regions)
    for c in range(s.status.shape[0]):
        if not ops.in_organ(s, t, c, IN_PARTY):
            continue
        for r in range(regions):
            pull[r] = t.bases[c, r] * (base_pull / 2)
        for o in range(s.holds.shape[0]):
            if s.holds[o, c]:
                for r in range(regions):
                    pull[r] = pull[r] + t.office_base[o, r] * base_pull
        if s.rules[R_PATRONAGE] != 0.0:
            secretary = s.rules[R_PATRONAGE_STRENGTH] * (0.5 + s.quality[c, ORGANISATION] / 100)
            if not ops.has_power(s, t, c, APPOINT):  # they can no longer promote anyone
                secretary *= s.rules[R_PATRONAGE_OUT_OF_OFFICE]
            for r in range(regions):
                if s.patron[r] == c:
                    pull[r] = pull[r] + secretary
        moved = False
        for r in range(regions):
            if pull[r] != 0.0:
                moved = True
        if moved:
            ops.shift_loyalties(s, w, c, pull)
    w.ints[W_FACTOR] = before


@kernel
def ideology_drift(s: State, t: Tables, w: Work) -> None:
    """Members drift to the lines that suit the mood better than the contenders' lines do on
    average, and away from those that suit it worse; every following fades a little; open
    dissent from the official line costs more. (Measured against the average, not in absolute
    terms: otherwise the largest following would lose most to everyone else's pull, and the
    mood would punish whoever stands best with it.)"""
    n = s.status.shape[0]
    pull_rule = s.rules[R_IDEOLOGY_PULL]
    s.reals[MOOD_LINE] = ops.clamp(s.reals[MOOD_LINE] + s.rules[R_MOOD_DRIFT], -1.0, 1.0)
    mood = s.reals[MOOD_LINE]
    total, standing = 0.0, 0
    for c in range(n):
        if ops.in_organ(s, t, c, IN_PARTY):
            total += fit(s.line[c], mood)
            standing += 1
    usual = total / standing if standing > 0 else 0.5
    before = w.ints[W_FACTOR]
    w.ints[W_FACTOR] = IDEOLOGY
    for c in range(n):
        if not ops.in_organ(s, t, c, IN_PARTY):
            continue
        pull = pull_rule * (fit(s.line[c], mood) - usual) * 2
        pull *= 0.5 + s.quality[c, PRESTIGE] / 100
        if abs(s.line[c] - s.reals[PARTY_LINE]) > DISSENT:
            pull -= pull_rule
        ops.shift_loyalties(s, w, c, np.full(s.members.shape[0], pull))
        ops.fade(s, w, c, s.rules[R_LOYALTY_FADE])
    w.ints[W_FACTOR] = before


@kernel
def decay_outcasts(s: State, t: Tables, w: Work) -> None:
    """Followers drift away from contenders who are no longer in the party."""
    before = w.ints[W_FACTOR]
    w.ints[W_FACTOR] = OPPONENTS_WEAKNESSES
    for c in range(s.status.shape[0]):
        if ops.in_organ(s, t, c, IN_PARTY):
            continue
        followed = False
        for r in range(s.loyalty.shape[0]):
            if s.loyalty[r, c] != 0.0:
                followed = True
        if followed:
            ops.shift_loyalties(s, w, c, np.full(s.members.shape[0], -OUTCASTS_LOSE))
    w.ints[W_FACTOR] = before


@kernel
def health_and_luck(s: State, t: Tables, w: Work, log: L.Log, rng: np.random.Generator) -> None:
    """Illness strikes by chance, more often the weaker one's health; health slowly returns."""
    before = w.ints[W_FACTOR]
    w.ints[W_FACTOR] = LUCK
    for c in range(s.status.shape[0]):
        if not ops.in_organ(s, t, c, CAN_ACT):
            continue
        start = t.start_health[c]
        health = s.quality[c, HEALTH]
        if rng.random() < s.rules[R_ILLNESS_CHANCE] * (1.5 - health / 100):
            ops.change_quality(s, c, HEALTH, -20.0)
            ops.change_quality(s, c, PRESTIGE, -2.0)
            L.record(log, s.ints[TURN], L.K_LUCK, L.C_ILL, True, LUCK, c, -1, -1, -1)
        elif health < start:
            ops.change_quality(s, c, HEALTH, min(4.0, start - health))
    w.ints[W_FACTOR] = before


@kernel
def decay_trust(s: State) -> None:
    """Old grudges and old debts fade a little every turn."""
    n = s.trust.shape[0]
    for a in range(n):
        for b in range(n):
            x = s.trust[a, b] * TRUST_KEPT
            if s.allied[a, b]:
                x += ALLIES_TRUST
            s.trust[a, b] = 1.0 if a == b else ops.clamp(x, -1.0, 1.0)


@kernel
def end_of_turn(s: State, t: Tables, w: Work, log: L.Log, rng: np.random.Generator) -> None:
    """What happens after the meetings, in order: patronage, then ideology, pull members;
    outcasts lose followers; illness and recovery; trust fades."""
    patronage_drift(s, t, w)
    ideology_drift(s, t, w)
    decay_outcasts(s, t, w)
    health_and_luck(s, t, w, log, rng)
    decay_trust(s)
