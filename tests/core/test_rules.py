"""The kernels' own bookkeeping, beside what the engine's tests play: every kind of action the
menu offers is carried out in exactly one phase of a turn, every reason to refuse an order has
words, the organs meet on the calendar's dates, and each organ takes the motions waiting for
it oldest first, leaving those filed this turn for a later meeting."""

from __future__ import annotations

import numpy as np
import pytest

from game.engine import narrate_actions as words
from game.engine import new_game, view
from game.engine.compile import compiled
from game.rules import actions, legality, organs
from game.rules import layout as lay
from game.rules import reasons as why
from helpers import load, scenario_params

ORGANS = {"central_committee": lay.CENTRAL_COMMITTEE, "congress": lay.CONGRESS}


def test_every_kind_on_the_menu_is_carried_out_in_one_phase():
    """An order the menu offers but no phase carries out would be paid for and do nothing."""
    offered = legality.MENU.tolist()
    assert sorted(offered) == sorted(set(range(lay.KINDS)) - {lay.A_DECIDE})
    assert sorted(actions.PHASES.tolist()) == sorted(offered)


def test_every_reason_has_words():
    sc = load("two_rivals")
    codes = {v for k, v in vars(why).items() if k.isupper() and isinstance(v, int)}
    for code in codes - {why.OK}:
        assert words.reason(sc, lay.A_APPOINT, 0, code, 0)


@pytest.mark.parametrize("name", scenario_params())
def test_the_organs_meet_on_the_calendars_dates(name):
    """The Politburo every turn, then the plenums and Congresses the scenario dates; the view
    shows the same."""
    sc = load(name)
    t = compiled(sc).tables
    state = new_game(sc, 0)[0]
    me = sc.contenders[0].id
    for turn in range(sc.calendar.turns):
        dated = {ORGANS[m.organ] for m in sc.meetings if sc.calendar.turn_of(m.when) == turn}
        due = organs.meetings_due(t, turn).tolist()
        assert due == [lay.POLITBURO, *sorted(dated)], turn
        for m, meeting in enumerate(sc.meetings):
            column = organs.MEETS_PLENUM if meeting.organ == "central_committee" \
                else organs.MEETS_CONGRESS
            if sc.calendar.turn_of(meeting.when) == turn:
                assert organs.scheduled(t, turn, column) == m
        state.arrays.ints[lay.TURN] = turn
        state.derived.clear()
        assert view(state, me).meetings_this_turn == tuple(lay.ORGAN_IDS[o] for o in due)


def _motion(kind: int, sponsor: int, target: int, organ: int, filed: int) -> list[int]:
    m = [0] * lay.MOTION_FIELDS
    m[lay.M_KIND], m[lay.M_SPONSOR], m[lay.M_TARGET] = kind, sponsor, target
    m[lay.M_ORGAN], m[lay.M_FILED], m[lay.M_OFFICE] = organ, filed, -1
    return m


def test_an_organ_takes_its_motions_oldest_first_and_leaves_the_rest():
    state = new_game(load("succession_1924"), 0)[0]
    s = lay.copy_state(state.arrays)
    s.ints[lay.TURN] = 5
    listed = [  # in the order they were filed
        _motion(lay.ACCUSE, 4, 3, lay.CONGRESS, 1),
        _motion(lay.ACCUSE, 0, 1, lay.CENTRAL_COMMITTEE, 2),
        _motion(lay.ACCUSE, 1, 2, lay.POLITBURO, 3),
        _motion(lay.RELIEVE, 2, 0, lay.CENTRAL_COMMITTEE, 4),
        _motion(lay.RESIGN, 3, -1, lay.CENTRAL_COMMITTEE, 5),  # filed this turn: waits
    ]
    s.motions[: len(listed)] = listed
    s.ints[lay.N_MOTIONS] = len(listed)
    due = organs.take_due(s, lay.CENTRAL_COMMITTEE)
    assert due.tolist() == [listed[1], listed[3]]
    assert s.ints[lay.N_MOTIONS] == 3
    assert s.motions[:3].tolist() == [listed[0], listed[2], listed[4]]
    assert not np.any(s.motions[3:])
    assert organs.take_due(s, lay.CENTRAL_COMMITTEE).tolist() == []
