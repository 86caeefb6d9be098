"""The state's named tuple travels through compiled code as one struct (game.rules.structs):
the same arrays go in and come out (no copy, no leaked or lost reference), and compiled code
builds new ones as named tuples for Python."""

from __future__ import annotations

import sys

import numpy as np
import pytest

from game.engine import new_game
from game.rules import jit, ops
from game.rules import layout as lay
from helpers import load

pytestmark = pytest.mark.skipif(not jit.COMPILED, reason="the structs exist only when compiled")


@pytest.fixture
def state():
    return new_game(load("succession_1924"), 3)[0].arrays


def test_a_kernel_reads_and_writes_the_callers_arrays(state):
    before = ops.party_size(state)
    state.members[0] += 10.0
    assert ops.party_size(state) == pytest.approx(before + 10.0)


def test_calls_neither_leak_nor_drop_references(state):
    counts = [sys.getrefcount(a) for a in state]
    for _ in range(1000):
        ops.party_size(state)
        lay.copy_state(state)
    assert [sys.getrefcount(a) for a in state] == counts


def test_a_state_built_in_compiled_code_comes_back_as_the_named_tuple(state):
    copy = lay.copy_state(state)
    assert type(copy) is lay.State
    for name, mine, theirs in zip(lay.State._fields, state, copy, strict=True):
        assert theirs is not mine and np.array_equal(theirs, mine), name
    copy.members[0] += 1.0
    assert copy.members[0] != state.members[0]


def test_arrays_laid_out_otherwise_are_typed_apart(state):
    strided = state._replace(members=np.repeat(state.members, 2)[::2])  # not contiguous
    assert ops.party_size(strided) == ops.party_size(state)
