"""The scenario language's newer words (issue 18): conditions on qualities, trust, loyalty and
comparisons; conditional effects; values set rather than changed; a rung set directly; notables
seated and given offices; offices with several holders; AI appeal that follows an office."""

from __future__ import annotations

import numpy as np
import pytest
from pydantic import TypeAdapter, ValidationError

from game.engine import Match, apply_turn, holds
from game.engine.conditions import Condition
from game.rules import layout as lay
from helpers import variant

CONDITION = TypeAdapter(Condition)


def opening(*effects: dict, change=None):
    """The two-rivals scenario with ``effects`` on a card of the first turn (and ``change``
    applied)."""

    def edit(d: dict) -> None:
        d["events"].append({"id": "probe", "title": "Probe", "when": "1950-Q1", "text": "t",
                            "history": "h", "source": "s", "effects": list(effects)})
        if change:
            change(d)

    return variant(edit)


def started(*effects: dict, change=None):
    sc = opening(*effects, change=change)
    return sc, Match.start(sc, 0).state


def test_quality_trust_loyalty_and_compare_read_the_game():
    sc, state = started()
    s = state.arrays
    vera, ivan = sc.contender_index("vera"), sc.contender_index("ivan")

    def true(condition: dict, who: str = "vera") -> bool:
        return holds(state, CONDITION.validate_python(condition), who)

    prestige = s.quality[vera, lay.PRESTIGE]
    assert true({"quality": {"quality": "prestige", "above": prestige - 1}})
    assert not true({"quality": {"quality": "prestige", "above": prestige}})
    assert true({"quality": {"quality": "prestige", "above": prestige - 1,
                             "below": prestige + 1}})
    assert not true({"quality": {"quality": "prestige", "above": prestige - 1,
                                 "below": prestige - 0.5}})
    trust = s.trust[vera, ivan]
    assert true({"trust": {"toward": "ivan", "below": trust + 0.01}})
    assert not true({"trust": {"toward": "ivan", "above": trust}})
    garrison = [r.id for r in sc.regions].index("garrison")
    share = s.loyalty[garrison, ivan]
    assert true({"loyalty": {"who": "ivan", "regions": ["garrison"], "above": share - 0.01}})
    assert not true({"loyalty": {"who": "ivan", "regions": ["garrison"], "above": share}})
    whole = s.members @ s.loyalty[:, ivan] / s.members.sum()
    assert true({"loyalty": {"who": "ivan", "regions": ["all"], "below": whole + 1e-6}})
    ahead = state.support()[vera] > state.support()[ivan]
    assert true({"compare": {"measure": "support", "than": "ivan"}}) == ahead
    assert true({"compare": {"measure": "support", "than": "ivan"}}, "ivan") == (not ahead)
    assert true({"compare": {"measure": "oratory", "who": "ivan", "than": "vera", "by": 44}})
    assert not true({"compare": {"measure": "oratory", "who": "ivan", "than": "vera", "by": 45}})


def test_values_can_be_set_as_well_as_changed():
    sc, state = started(
        {"quality": {"who": "vera", "quality": "health", "to": 12}},
        {"line": {"who": "ivan", "to": 0.5}},
        {"trust": {"who": "ivan", "toward": "vera", "to": -0.75}},
        {"mood": {"line_to": -0.4, "unity": 0.1}},
    )
    s = state.arrays
    vera, ivan = sc.contender_index("vera"), sc.contender_index("ivan")
    assert s.quality[vera, lay.HEALTH] == 12
    assert s.line[ivan] == 0.5
    assert s.trust[ivan, vera] == -0.75
    assert s.reals[lay.MOOD_LINE] == -0.4
    assert s.reals[lay.MOOD_UNITY] == pytest.approx(sc.mood_unity + 0.1)


@pytest.mark.parametrize("effect", [
    {"quality": {"who": "vera", "quality": "health", "to": 12, "amount": 3}},
    {"line": {"who": "vera"}},
    {"mood": {"line": 0.1, "line_to": 0.2}},
])
def test_an_effect_takes_a_change_or_a_value_not_both_nor_neither(effect):
    with pytest.raises(ValidationError, match="not both|give"):
        opening(effect)


def test_if_runs_one_branch_or_the_other_and_nests():
    def branch(condition: dict) -> dict:
        return {"if": {"condition": condition,
                       "then": [{"flag": {"name": "then"}},
                                {"if": {"condition": {"before": "1950-Q2"},
                                        "then": [{"flag": {"name": "inner"}}]}}],
                       "else": [{"flag": {"name": "else"}}]}}

    for condition, expected in (({"after": "1950-Q1"}, ("then", "inner")),
                                ({"after": "1951-Q1"}, ("else",))):
        _, state = started(branch(condition), {"flag": {"name": "after", "value": 7}})
        flags = dict(zip(state.compiled.flags, state.arrays.flags.tolist(), strict=True))
        assert {name for name, v in flags.items() if v == 1} == set(expected)
        assert flags["after"] == 7  # what follows the branches still runs


def test_rung_puts_a_contender_on_a_rung_up_or_down_with_what_follows():
    def no_offices_in_exile(d: dict) -> None:
        d["ladder"][4]["offices"] = False

    sc, state = started({"rung": {"who": "ivan", "to": "exiled"}}, change=no_offices_in_exile)
    s = state.arrays
    ivan = sc.contender_index("ivan")
    assert [r.id for r in sc.ladder][s.status[ivan]] == "exiled"
    assert not s.holds[:, ivan].any()  # an exile holds no office here
    assert s.notable_seated.sum() == 2  # his seat went to a notable
    sc, state = started({"rung": {"who": "ivan", "to": "member"}},
                        {"rung": {"who": "ivan", "to": "council"}})
    assert [r.id for r in sc.ladder][state.arrays.status[ivan]] == "council"
    assert state.arrays.notable_seated.sum() == 1  # back in: the council shrinks to its seats


def test_a_notable_can_be_seated_and_unseated():
    sc, state = started({"seat": {"notable": "boris"}})
    boris = [n.id for n in sc.notables].index("boris")
    assert state.arrays.notable_seated[boris]
    assert state.arrays.ints[lay.POLITBURO_SEATS] == 4  # the full council grew by a seat
    _, state = started({"seat": {"notable": "olga", "seated": False}})
    assert not state.arrays.notable_seated.any()


def test_a_notable_can_hold_an_office_which_no_election_fills():
    sc, state = started({"notable_office": {"notable": "boris", "office": "marshal"}})
    s = state.arrays
    marshal = [o.id for o in sc.offices].index("marshal")
    boris = [n.id for n in sc.notables].index("boris")
    assert s.office_notable[marshal] == boris
    assert not s.holds[marshal].any()
    for _ in range(sc.calendar.turns):
        state = apply_turn(state, {}).state
    assert state.arrays.office_notable[marshal] == boris
    _, state = started({"notable_office": {"notable": "boris", "office": "marshal"}},
                       {"grant_office": {"who": "ivan", "office": "marshal"}})
    assert state.arrays.office_notable[marshal] == -1
    assert state.arrays.holds[marshal, sc.contender_index("ivan")]


def test_a_notable_can_start_in_an_office():
    def give(d: dict) -> None:
        d["contenders"][1]["offices"] = []
        d["notables"][1]["offices"] = ["marshal"]

    sc, state = started(change=give)
    assert state.arrays.office_notable.tolist() == [-1, 1]


def several_secretaries(d: dict) -> None:
    d["offices"][0]["holders"] = 2
    d["contenders"][1]["offices"] = ["marshal", "secretary"]


def test_an_office_may_have_several_holders():
    sc, state = started(change=several_secretaries)
    secretary = [o.id for o in sc.offices].index("secretary")
    assert state.arrays.holds[secretary].tolist() == [True, True]
    # office:<id> in an effect means every holder; revoke_office with who takes from one
    sc, state = started({"quality": {"who": "office:secretary", "quality": "health", "to": 5}},
                        {"revoke_office": {"office": "secretary", "who": "ivan"}},
                        change=several_secretaries)
    s = state.arrays
    assert s.quality[:, lay.HEALTH].tolist() == [5, 5]
    assert s.holds[secretary].tolist() == [True, False]


def test_a_holder_who_falls_takes_only_their_own_place():
    def no_offices_in_exile(d: dict) -> None:
        several_secretaries(d)
        d["ladder"][4]["offices"] = False

    sc, state = started({"rung": {"who": "ivan", "to": "exiled"}}, change=no_offices_in_exile)
    secretary = [o.id for o in sc.offices].index("secretary")
    assert state.arrays.holds[secretary].tolist() == [True, False]  # Vera keeps her place


def test_a_full_office_makes_way_for_a_new_holder():
    sc, state = started({"grant_office": {"who": "ivan", "office": "secretary"}})
    assert state.arrays.holds[0].tolist() == [False, True]


def test_too_many_starting_holders_is_an_error_at_the_office():
    with pytest.raises(ValidationError, match="it has 1 place"):
        opening(change=lambda d: d["contenders"][1]["offices"].append("secretary"))
    with pytest.raises(ValidationError, match="a notable holds an office alone"):
        opening(change=lambda d: d["notables"][0].update(offices=["secretary"]))


def test_ai_appeal_follows_an_office_to_its_holder():
    def appeal(d: dict) -> None:
        d["events"][1]["choices"][1]["ai_appeal"] = {"office:secretary": 4}

    sc, state = started({"grant_office": {"who": "ivan", "office": "secretary"}}, change=appeal)
    from game.rules import cards

    a = cards.appeal(state.arrays, state.tables, sc.contender_index("ivan"))
    assert a[1].tolist() == [1.0, 4.0]
    a = cards.appeal(state.arrays, state.tables, sc.contender_index("vera"))
    assert a[1].tolist() == [0.0, 0.0]


@pytest.mark.parametrize(("effect", "message"), [
    ({"seat": {"notable": "ghost"}}, "seat: unknown notable 'ghost'"),
    ({"notable_office": {"notable": "boris", "office": "tsar"}}, "unknown office 'tsar'"),
    ({"rung": {"who": "ivan", "to": "heaven"}}, "unknown ladder rung 'heaven'"),
    ({"if": {"condition": {"compare": {"measure": "support", "than": "zorro"}}, "then": []}},
     "than 'zorro' is no contender"),
])
def test_bad_names_in_the_new_words_are_refused(effect, message):
    with pytest.raises(ValidationError, match=message):
        opening(effect)


def test_the_new_words_change_no_shipped_game():
    """No scenario shipped before them uses them: their tables have no notable offices and one
    holder per office (the fingerprint tests guard the games themselves). The 1953 scenario
    was written with them."""
    from game.content.loader import load_scenario, shipped_scenarios

    for path in shipped_scenarios():
        if path.stem == "succession_1953":
            continue
        t = Match.start(load_scenario(path), 0).state
        assert np.all(t.tables.holders == 1) and np.all(t.arrays.office_notable == -1)


def test_the_board_names_the_offices_notables_hold():
    from game.cli import screens
    from game.engine import view

    sc, state = started({"notable_office": {"notable": "boris", "office": "marshal"}})
    v = view(state, "vera")
    assert v.notable_offices == (("Marshal", "Boris Lenz"),)
    assert "Offices held by notables: Marshal: Boris Lenz." in screens.render_board(v)


def test_the_new_conditions_read_in_words():
    from game.words.conditions import describe_condition

    sc = opening()

    def words(condition: dict) -> str:
        return describe_condition(sc, CONDITION.validate_python(condition))

    assert words({"quality": {"who": "ivan", "quality": "prestige", "above": 40,
                              "below": 60}}) == "Petrov's prestige is above 40 and below 60"
    assert words({"trust": {"who": "ivan", "toward": "vera", "below": 0}}) == (
        "Petrov's trust in Orlova is below +0.00")
    assert words({"loyalty": {"who": "vera", "regions": ["capital", "garrison"],
                              "above": 0.4}}) == (
        "the share of Capital and Garrison loyal to Orlova is above 40%")
    assert words({"compare": {"measure": "cc_share", "who": "vera", "than": "ivan",
                              "by": 0.1}}) == (
        "Orlova's share of the Assembly is greater than Petrov's by more than 0.1")


def test_the_window_names_a_seated_notables_office_in_their_tooltip():
    from game.engine import view
    from game.ui import explain

    _, state = started({"notable_office": {"notable": "olga", "office": "marshal"}})
    v = view(state, "vera")
    [seat] = [s for s in v.politburo if s.contender < 0]
    assert "a senior leader who is not a contender (Marshal)" in explain.politburo_seat(
        v, seat.name, seat.faction, seat.contender)


def test_a_relief_or_resignation_takes_only_that_holders_place():
    """A carried challenge or an accepted resignation takes the office from its target alone,
    as a fall does (the other holders of an office with several keep theirs)."""
    from game.rules import layout as L2
    from game.rules import log as Lg
    from game.rules import motions
    from game.rules.ops import new_work

    sc, state = started(change=several_secretaries)
    s, t = state.arrays, state.tables
    secretary = [o.id for o in sc.offices].index("secretary")
    log = Lg.new_log(2, 2)
    m = np.zeros(L2.MOTION_FIELDS, np.int64)
    m[L2.M_KIND], m[L2.M_SPONSOR], m[L2.M_TARGET], m[L2.M_OFFICE] = L2.RELIEVE, 0, 1, secretary
    motions.decide_charge(s, t, new_work(2, L2.LUCK), log, m, True)
    assert s.holds[secretary].tolist() == [True, False]
    m[L2.M_KIND], m[L2.M_SPONSOR] = L2.RESIGN, 0
    motions.decide_resignation(s, t, new_work(2, L2.LUCK), log, m, True)
    assert s.holds[secretary].tolist() == [False, False]
