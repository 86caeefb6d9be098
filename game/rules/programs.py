"""Scenario conditions and effects, run from the codes they are compiled to.

A scenario's conditions and effect lists are compiled when it is loaded
(:mod:`game.engine.compile`) into rows of ``Tables.code`` (an opcode and five integer
arguments) and ``Tables.value`` (two numbers). A *program* is a run of rows
(``Tables.program[p] = (first row, rows)``).

- A condition is postfix: each test pushes true or false; ``ALL``/``ANY`` pop their ``n``
  operands and push the result; ``NOT`` flips the top. What is left on the stack is the answer.
- An effect list is run row by row, in order.

Contender references are resolved when the program runs: a contender index, or ``SELF`` (the
contender being judged), ``DECIDER`` (who decided the card), ``CHOOSER`` (every contender who
backed the choice being applied), ``NOBODY``, or ``OFFICE_BASE - office`` (its holder).
The meaning of each condition and effect, for modders, is in :mod:`game.engine.conditions` and
:mod:`game.engine.effects`, whose classes compile to these codes.
"""

from __future__ import annotations

import numpy as np

from . import log as L
from . import ops
from .jit import kernel
from .layout import (
    MOOD_LINE,
    MOOD_UNITY,
    NOT_FIRED,
    PARTY,
    POLITBURO,
    TURN,
    State,
    Tables,
)
from .ops import W_DECIDER, W_SUBJECT, Work

# ----- contender references -----------------------------------------------------------------------
SELF, DECIDER, CHOOSER, NOBODY = -2, -3, -4, -5
OFFICE_BASE = -100  # OFFICE_BASE - o: the holder of office o

# ----- condition opcodes (args: a, b, c, d, e; numbers: x, y) -------------------------------------
(Q_TRUE, Q_AFTER, Q_BEFORE, Q_FLAG, Q_RULE, Q_STATUS, Q_IN_ORGAN, Q_RIVALS_OUT_OF,
 Q_HOLDS_OFFICE, Q_PLATFORM, Q_ALLIED, Q_LINE_ABOVE, Q_LINE_BELOW, Q_UNITY_ABOVE,
 Q_UNITY_BELOW, Q_SUPPORT, Q_POLITBURO_MAJORITY, Q_LEADS, Q_EVENT, Q_ALL, Q_ANY,
 Q_NOT, Q_QUALITY, Q_TRUST, Q_LOYALTY, Q_COMPARE) = range(26)
ABOVE, BELOW = 0, 1  # the bound of Q_QUALITY, Q_TRUST and Q_LOYALTY (column C)
# measures that Q_COMPARE compares (column C): then the qualities, MEASURE_QUALITY + quality
MEASURE_SUPPORT, MEASURE_CC_SHARE, MEASURE_LINE, MEASURE_QUALITY = 0, 1, 2, 3

# ----- effect opcodes -----------------------------------------------------------------------------
(X_MOOD, X_QUALITY, X_LOYALTY, X_MEMBERS, X_GRANT_OFFICE, X_REVOKE_OFFICE, X_ALLIANCE, X_TRUST,
 X_LINE, X_FLAG, X_RULE, X_DEMOTE, X_PLATFORM, X_SECRETARY, X_RETIRE, X_EXPOSE, X_CHARGE,
 X_CHALLENGE, X_RUNG, X_SEAT, X_NOTABLE_OFFICE, X_IF, X_JUMP) = range(100, 123)
# X_IF: column A the rows of its condition (which follow it), B the rows of its ``then`` branch
# (which follow the condition, ending with an X_JUMP over the ``else`` rows, column A)

OP, A, B, C, D, E = 0, 1, 2, 3, 4, 5  # columns of Tables.code
STACK = 64  # deepest condition a scenario may nest (the validator bounds nesting)


@kernel
def resolve(s: State, w: Work, who: int) -> int:
    """A contender index from a reference, or -1 (nobody, or not one contender)."""
    if who >= 0:
        return who
    if who == SELF:
        return w.ints[W_SUBJECT]
    if who == DECIDER:
        return w.ints[W_DECIDER]
    if who == CHOOSER:
        found = -1
        for c in range(w.choosers.shape[0]):
            if w.choosers[c]:
                if found >= 0:
                    return -1  # more than one: no single chooser
                found = c
        return found
    if who <= OFFICE_BASE:  # of several holders, none is the one
        office = OFFICE_BASE - who
        return ops.holder(s, office) if ops.holder_count(s, office) <= 1 else -1
    return -1


@kernel
def resolve_many(s: State, w: Work, who: int) -> np.ndarray:
    """Like :func:`resolve`, but ``CHOOSER`` stands for every backer of a choice and an office
    for every holder."""
    if who == CHOOSER:
        return np.flatnonzero(w.choosers)
    if who <= OFFICE_BASE:
        return np.flatnonzero(s.holds[OFFICE_BASE - who])
    c = resolve(s, w, who)
    if c < 0:
        return np.empty(0, np.int64)
    return np.full(1, c, np.int64)


@kernel
def _leads(s: State, t: Tables, c: int, organ: int) -> bool:
    """Whether ``c``'s following is strictly the largest in ``organ`` (Politburo faction,
    Central Committee share, or party support)."""
    n = s.status.shape[0]
    shares = np.zeros(n)
    if organ == POLITBURO:
        for k in range(n):
            shares[k] = ops.politburo_share(s, t, k, False)
    elif organ == PARTY:
        shares[:] = ops.support(s)[:n]
    else:
        shares[:] = s.cc_share[:n]
    for k in range(n):
        if k != c and not shares[c] > shares[k]:
            return False
    return True


@kernel
def _test(s: State, t: Tables, w: Work, row: int) -> bool:
    """One test of a condition (not ALL, ANY, NOT)."""
    op, a, b = t.code[row, OP], t.code[row, A], t.code[row, B]
    x = t.value[row, 0]
    if op == Q_TRUE:
        return True
    if op == Q_AFTER:
        return s.ints[TURN] >= a
    if op == Q_BEFORE:
        return s.ints[TURN] < a
    if op == Q_FLAG:
        return s.flags[a] >= x
    if op == Q_RULE:
        return s.rules[a] != 0.0
    if op == Q_LINE_ABOVE:
        return s.reals[MOOD_LINE] > x
    if op == Q_LINE_BELOW:
        return s.reals[MOOD_LINE] < x
    if op == Q_UNITY_ABOVE:
        return s.reals[MOOD_UNITY] > x
    if op == Q_UNITY_BELOW:
        return s.reals[MOOD_UNITY] < x
    if op == Q_EVENT:  # b: the choice, or -1 for any
        if s.fired[a] == NOT_FIRED:
            return False
        return b < 0 or s.fired[a] == b
    if op == Q_ALLIED:
        p, q = resolve(s, w, a), resolve(s, w, b)
        if p < 0 or q < 0:
            return False
        return s.allied[p, q]
    c = resolve(s, w, a)
    if c < 0:
        return False
    if op == Q_STATUS:  # b: a bit mask of rungs
        return (b >> s.status[c]) & 1 == 1
    if op == Q_IN_ORGAN:  # b: a rung flag
        return ops.in_organ(s, t, c, b)
    if op == Q_RIVALS_OUT_OF:
        for k in range(s.status.shape[0]):
            if k != c and ops.in_organ(s, t, k, b):
                return False
        return True
    if op == Q_HOLDS_OFFICE:
        return s.holds[b, c]
    if op == Q_PLATFORM:
        return s.platform[c]
    if op == Q_SUPPORT:
        return ops.support(s)[c] >= x
    if op == Q_POLITBURO_MAJORITY:  # b: with allies
        return ops.politburo_share(s, t, c, b != 0) > 0.5
    if op == Q_LEADS:  # b: an organ
        return _leads(s, t, c, b)
    if op == Q_QUALITY:  # b: the quality; c: ABOVE or BELOW
        return _beyond(s.quality[c, b], x, t.code[row, C])
    if op == Q_LOYALTY:  # b: a region mask; c: ABOVE or BELOW
        return _beyond(_loyal_share(s, t, c, b), x, t.code[row, C])
    if op == Q_TRUST or op == Q_COMPARE:  # b: the other contender
        other = resolve(s, w, b)
        if other < 0:
            return False
        if op == Q_TRUST:  # c: ABOVE or BELOW
            return _beyond(s.trust[c, other], x, t.code[row, C])
        measure = t.code[row, C]
        return _measure(s, c, measure) > _measure(s, other, measure) + x
    return False


@kernel
def _beyond(value: float, bound: float, side: int) -> bool:
    """Whether ``value`` is above (``ABOVE``) or below (``BELOW``) ``bound``."""
    if side == ABOVE:
        return value > bound
    return value < bound


@kernel
def _loyal_share(s: State, t: Tables, c: int, mask: int) -> float:
    """The share of the members of the regions in ``mask`` who are loyal to ``c``."""
    loyal = 0.0
    members = 0.0
    for r in range(s.members.shape[0]):
        if t.region_masks[mask, r] > 0:
            loyal += s.members[r] * s.loyalty[r, c]
            members += s.members[r]
    return loyal / members if members > 0 else 0.0


@kernel
def _measure(s: State, c: int, measure: int) -> float:
    """What :data:`Q_COMPARE` compares: support, a share of the Central Committee, the line or
    a quality."""
    if measure == MEASURE_SUPPORT:
        return ops.support(s)[c]
    if measure == MEASURE_CC_SHARE:
        return s.cc_share[c]
    if measure == MEASURE_LINE:
        return s.line[c]
    return s.quality[c, measure - MEASURE_QUALITY]


@kernel
def holds(s: State, t: Tables, w: Work, program: int) -> bool:
    """Whether the condition compiled to ``program`` holds now (``program`` -1: always)."""
    if program < 0:
        return True
    return _evaluate(s, t, w, t.program[program, 0], t.program[program, 1])


@kernel
def _evaluate(s: State, t: Tables, w: Work, first: int, rows: int) -> bool:
    """Whether the condition written in ``rows`` rows from ``first`` holds now."""
    stack = np.zeros(STACK, np.bool_)
    top = 0
    for row in range(first, first + rows):
        op = t.code[row, OP]
        if op == Q_ALL or op == Q_ANY:
            n = t.code[row, A]
            result = op == Q_ALL
            for i in range(top - n, top):
                if op == Q_ALL:
                    result = result & stack[i]
                else:
                    result = result | stack[i]
            top -= n
            stack[top] = result
            top += 1
        elif op == Q_NOT:
            stack[top - 1] = not stack[top - 1]
        else:
            stack[top] = _test(s, t, w, row)
            top += 1
    return stack[top - 1] if top > 0 else True


@kernel
def apply(s: State, t: Tables, w: Work, log: L.Log, program: int) -> None:
    """Run the effect list compiled to ``program`` (``program`` -1: nothing)."""
    if program < 0:
        return
    row, end = t.program[program, 0], t.program[program, 0] + t.program[program, 1]
    while row < end:
        op = t.code[row, OP]
        if op == X_IF:  # the condition's rows follow; then the branches
            cond = t.code[row, A]
            taken = _evaluate(s, t, w, row + 1, cond)
            row += 1 + cond
            if not taken:
                row += t.code[row - 1 - cond, B]
        elif op == X_JUMP:  # the end of a ``then`` branch: over the ``else`` rows
            row += 1 + t.code[row, A]
        else:
            _effect(s, t, w, log, row)
            row += 1


@kernel
def _effect(s: State, t: Tables, w: Work, log: L.Log, row: int) -> None:  # noqa: C901 - a table
    op = t.code[row, OP]
    a, b, c = t.code[row, A], t.code[row, B], t.code[row, C]
    x, y = t.value[row, 0], t.value[row, 1]
    if op == X_MOOD:  # a: x is the line to set, not to add; b: y is the unity to set
        ops.shift_mood(s, 0.0 if a != 0 else x, 0.0 if b != 0 else y)
        if a != 0:
            s.reals[MOOD_LINE] = ops.clamp(x, -1.0, 1.0)
        if b != 0:
            s.reals[MOOD_UNITY] = ops.clamp(y, 0.0, 1.0)
    elif op == X_QUALITY:  # a who, b quality, c: x is the value to set, not to add
        for k in resolve_many(s, w, a):
            if c != 0:
                s.quality[k, b] = ops.clamp(x, 0.0, 100.0)
            else:
                ops.change_quality(s, k, b, x)
    elif op == X_LOYALTY:  # a who, b region mask
        for k in resolve_many(s, w, a):
            ops.shift_loyalties(s, w, k, x * t.region_masks[b])
    elif op == X_MEMBERS:  # a region mask, b follow the secretary
        for r in range(t.region_masks.shape[1]):
            if t.region_masks[a, r] > 0:
                ops.add_members(s, w, r, x, b != 0)
    elif op == X_GRANT_OFFICE:  # a who, b office
        for k in resolve_many(s, w, a):
            ops.set_holder(s, t, w, log, b, k)
    elif op == X_REVOKE_OFFICE:  # a office, b who (NOBODY: every holder)
        if b == NOBODY:
            ops.set_holder(s, t, w, log, a, -1)
        else:
            for k in resolve_many(s, w, b):
                ops.remove_holder(s, t, w, log, a, k)
    elif op == X_ALLIANCE:  # a, b who; c make
        for p in resolve_many(s, w, a):
            for q in resolve_many(s, w, b):
                ops.set_alliance(s, w, log, p, q, c != 0)
    elif op == X_TRUST:  # a who trusts b; c: x is the value to set, not to add
        for p in resolve_many(s, w, a):
            for q in resolve_many(s, w, b):
                if c == 0:
                    ops.change_trust(s, p, q, x)
                elif p != q:
                    s.trust[p, q] = ops.clamp(x, -1.0, 1.0)
    elif op == X_LINE:  # a who; b: x is the line to set, not to add
        for k in resolve_many(s, w, a):
            if b != 0:
                s.line[k] = ops.clamp(x, -1.0, 1.0)
            else:
                ops.move_line(s, k, x)
    elif op == X_FLAG:  # a flag, b add
        s.flags[a] = s.flags[a] + x if b != 0 else x
    elif op == X_RULE:  # a rule
        s.rules[a] = x
    elif op == X_DEMOTE:  # a who, b steps
        for k in resolve_many(s, w, a):
            for _ in range(b):
                ops.demote(s, t, w, log, k)
    elif op == X_PLATFORM:  # a who, b open
        for k in resolve_many(s, w, a):
            s.platform[k] = b != 0
    elif op == X_SECRETARY:  # a region, b who (NOBODY: no patron)
        if b == NOBODY:
            s.patron[a] = -1
        else:
            found = resolve_many(s, w, b)
            if found.shape[0] > 0:
                s.patron[a] = found[0]
    elif op == X_RETIRE:  # a notable
        ops.retire_notable(s, t, w, log, a)
    elif op == X_EXPOSE:  # a who, b exposed
        for k in resolve_many(s, w, a):
            s.exposed[k] = b != 0
    elif op == X_CHARGE:  # a who charges b
        for p in resolve_many(s, w, a):
            for q in resolve_many(s, w, b):
                ops.file_charge(s, t, w, log, p, q)
    elif op == X_CHALLENGE:  # a who challenges office b
        for p in resolve_many(s, w, a):
            ops.file_challenge(s, t, w, log, p, b)
    elif op == X_RUNG:  # a who, b the rung
        for k in resolve_many(s, w, a):
            if s.status[k] != b:
                ops.put_on_rung(s, t, w, log, k, b, L.C_PUT_ON_RUNG)
    elif op == X_SEAT:  # a notable, b seated
        ops.seat_notable(s, t, w, log, a, b != 0)
    elif op == X_NOTABLE_OFFICE:  # a notable, b office
        ops.give_notable_office(s, t, w, log, b, a)

