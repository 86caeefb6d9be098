"""Actions: their text form parses back, illegal orders raise IllegalAction saying why, and
applying a turn never changes the state it was given."""

from __future__ import annotations

import functools

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.ai import ai_orders
from game.engine import (
    SPECS,
    Action,
    ActionKind,
    GameState,
    IllegalAction,
    Match,
    apply_turn,
    legal_actions,
    view,
)
from game.rules import layout as lay
from helpers import (
    advance,
    cached_ai_game,
    load,
    match_states,
    scenario_params,
    variant,
)


@functools.cache
def sample_states(name: str) -> tuple[GameState, ...]:
    """States met in an all-AI game of the scenario: every turn of a short scenario, a handful of
    a long one."""
    states = match_states(cached_ai_game(name, 0))[:-1]
    step = max(1, len(states) // 6)
    return tuple(states[::step])


def snapshot(state: GameState) -> dict:
    """Everything in a state, as plain comparable values (more than the fingerprint holds: every
    row of the lists, in use or not). ``derived`` is left out: it is what readers have worked
    out from a state that never changes (a cache), not part of the state."""
    out = {}
    for field in GameState.__dataclass_fields__:
        value = getattr(state, field)
        if field in ("scenario", "derived"):
            continue
        if field == "arrays":
            for name, a in zip(lay.State._fields, value, strict=True):
                out[f"arrays.{name}"] = (a.dtype.str, a.shape, a.tobytes())
            continue
        if field == "rng":
            value = repr(value.bit_generator.state)
        else:
            value = repr(value)
        out[field] = value
    return out


# ----- text form ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", scenario_params())
def test_every_option_round_trips_through_text(name):
    count = 0
    for state in sample_states(name):
        for c in state.scenario.contenders:
            for option in legal_actions(state, c.id):
                a = option.action
                text = str(a)
                assert Action.parse(text) == a, text
                assert str(Action.parse(text)) == text
                assert Action.parse("  " + text.upper().replace(" ", "\t ") + "\n") == a
                count += 1
    assert count > 20


@pytest.mark.parametrize("kind", list(ActionKind))
def test_every_kind_round_trips(kind):
    arg = {"none": (None, None), "decision": ("card", "choice")}.get(
        SPECS[kind].arg, ("target", None)
    )
    a = Action(kind, *arg)
    assert Action.parse(str(a)) == a


def _vocabulary() -> list[str]:
    s = load("two_rivals")
    words = [k.value for k in ActionKind] + ["left", "right", "plenum", "congress", "all",
                                             "self", "decider", "chooser", "office:secretary"]
    words += [c.id for c in s.contenders] + [r.id for r in s.regions] + [o.id for o in s.offices]
    words += [e.id for e in s.events] + [ch.id for e in s.events for ch in e.choices]
    words += [n.id for n in s.notables]
    return words


VOCAB = _vocabulary()
WORDS = st.lists(
    st.one_of(st.sampled_from(VOCAB), st.sampled_from(VOCAB).map(str.upper), st.text(max_size=6)),
    max_size=5,
)
SEPARATORS = st.sampled_from([" ", "  ", "\t", "\n", " \u00a0", ""])


@settings(max_examples=400, deadline=None, derandomize=True)
@given(words=WORDS, sep=SEPARATORS)
def test_parsing_any_text_raises_nothing_but_illegal_action(words, sep):
    text = sep.join(words)
    try:
        a = Action.parse(text)
    except IllegalAction as e:
        assert str(e)  # says why
        return
    assert Action.parse(str(a)) == a
    assert isinstance(a.kind, ActionKind)


@functools.cache
def _card_state() -> GameState:
    """Two rivals at the turn of the bread crisis, a card that both contenders vote on."""
    state = advance(Match.start(load("two_rivals"), 3).state, 2)
    waiting = state.arrays.ints[lay.N_DECISIONS]
    assert waiting, "the crisis card should wait for a choice on the third turn"
    return state


@settings(max_examples=150, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(words=WORDS, who=st.sampled_from(["vera", "ivan"]), turn=st.sampled_from([0, 2]))
def test_ordering_any_text_raises_nothing_but_illegal_action(words, who, turn):
    state = _card_state() if turn == 2 else Match.start(load("two_rivals"), 3).state
    try:
        action = Action.parse(" ".join(words))
        legal = {o.action for o in legal_actions(state, who)}
        result = apply_turn(state, {who: [action]})
    except IllegalAction as e:
        assert str(e)
        return
    assert action in legal, f"{action} was accepted but is not among the legal actions"
    assert result.state.turn == state.turn + 1


# ----- illegal orders say why ---------------------------------------------------------------------


@pytest.fixture
def start():
    return Match.start(load("two_rivals"), 0).state


def test_over_budget(start):
    budget = start.arrays.action_points[1]
    orders = [Action.parse(t) for t in ("speech", "army", "dossier vera", "article")]
    cost = 4  # one action point each, the default cost
    assert cost > budget
    with pytest.raises(IllegalAction, match=rf"Petrov: the orders cost {cost} action points; "
                                            rf"{budget} available"):
        apply_turn(start, {"ivan": orders})


def test_ordered_twice(start):
    with pytest.raises(IllegalAction, match="Orlova: speech is ordered twice"):
        apply_turn(start, {"vera": [Action.parse("speech"), Action.parse("speech")]})


def test_unknown_region(start):
    reason = "Orlova: cannot appoint atlantis: no region 'atlantis'"
    with pytest.raises(IllegalAction, match=reason):
        apply_turn(start, {"vera": [Action.parse("appoint atlantis")]})


def test_unknown_contender_target(start):
    with pytest.raises(IllegalAction, match="no contender 'boris'"):  # boris is a notable
        apply_turn(start, {"vera": [Action.parse("dossier boris")]})


def test_unknown_contender_in_orders(start):
    with pytest.raises(IllegalAction, match="no contender 'boris'; contenders are: vera, ivan"):
        apply_turn(start, {"boris": []})
    with pytest.raises(IllegalAction, match="no contender 'boris'"):
        legal_actions(start, "boris")
    with pytest.raises(IllegalAction, match="no contender 'boris'"):
        view(start, "boris")


def test_accusing_an_ally():
    scenario = variant(lambda d: d.update(initial_alliances=[["vera", "ivan"]]))
    state = Match.start(scenario, 0).state
    assert state.arrays.allied[0, 1] and state.arrays.allied[1, 0]
    assert Action.parse("accuse ivan") not in {o.action for o in legal_actions(state, "vera")}
    with pytest.raises(IllegalAction, match="Petrov is your ally: break the alliance first"):
        apply_turn(state, {"vera": [Action.parse("accuse ivan")]})


def test_accusing_yourself(start):
    with pytest.raises(IllegalAction, match="yourself"):
        apply_turn(start, {"vera": [Action.parse("accuse vera")]})


def test_decide_with_no_card(start):
    assert not start.arrays.ints[lay.N_DECISIONS]
    with pytest.raises(IllegalAction, match="no such decision for you to make now"):
        apply_turn(start, {"ivan": [Action.parse("decide crisis blame_market")]})


def test_decide_a_choice_that_does_not_exist():
    with pytest.raises(IllegalAction, match="no such decision"):
        apply_turn(_card_state(), {"ivan": [Action.parse("decide crisis blame_weather")]})


def test_two_choices_on_one_card():
    orders = [Action.parse("decide crisis blame_market"), Action.parse("decide crisis blame_plan")]
    with pytest.raises(IllegalAction, match="Petrov: one choice per event card"):
        apply_turn(_card_state(), {"ivan": orders})


def test_a_contender_who_cannot_act():
    def exile(d):
        ivan = d["contenders"][1]
        ivan.update(status="exiled", offices=[])

    state = Match.start(variant(exile), 0).state
    assert legal_actions(state, "ivan") == []
    assert state.arrays.action_points[1] == 0
    with pytest.raises(IllegalAction, match="Petrov: cannot rest: Petrov can no longer act"):
        apply_turn(state, {"ivan": [Action.parse("rest")]})
    apply_turn(state, {"ivan": []})  # no orders at all is fine


def test_without_the_office_that_grants_it(start):
    with pytest.raises(IllegalAction, match="Petrov: cannot appoint capital: only an office"):
        apply_turn(start, {"ivan": [Action.parse("appoint capital")]})
    with pytest.raises(IllegalAction, match="Orlova: cannot army: only the holder of the army"):
        apply_turn(start, {"vera": [Action.parse("army")]})


def test_wrong_argument_shape(start):
    with pytest.raises(IllegalAction, match="'speech' takes no argument"):
        apply_turn(start, {"vera": [Action(ActionKind.SPEECH, "capital")]})
    with pytest.raises(IllegalAction, match="'appoint' takes region"):
        apply_turn(start, {"vera": [Action(ActionKind.APPOINT)]})
    with pytest.raises(IllegalAction, match="say left or right"):
        apply_turn(start, {"vera": [Action.parse("shift up")]})


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty action"),
        ("   ", "empty action"),
        ("fly", "unknown action 'fly'; actions are: appoint, recruit"),
        ("appoint", "'appoint' takes one region"),
        ("appoint a b", "'appoint' takes one region"),
        ("speech now", "'speech' takes no argument"),
        ("decide crisis", "'decide' takes an event id and a choice id"),
    ],
)
def test_malformed_text(text, reason):
    with pytest.raises(IllegalAction, match=reason):
        Action.parse(text)


def test_the_game_is_over():
    match = cached_ai_game("two_rivals", 0)
    assert match.state.finished
    assert all(legal_actions(match.state, c.id) == [] for c in match.scenario.contenders)
    with pytest.raises(IllegalAction, match="the game is over"):
        apply_turn(match.state, {})


def test_illegal_action_is_a_value_error():
    assert issubclass(IllegalAction, ValueError)


# ----- every option is legal; nothing mutates its input ---------------------------------------


@pytest.mark.parametrize("name", scenario_params())
def test_every_option_alone_is_accepted(name):
    states = sample_states(name)
    states = states if len(states) <= 4 else states[:: len(states) // 2]
    for state in states:
        for c in state.scenario.contenders:
            for option in legal_actions(state, c.id):
                assert option.cost >= 0
                assert option.odds is None or 0.0 <= option.odds <= 1.0
                assert option.label and option.why is not None
                apply_turn(state, {c.id: [option.action]})


def candidate_actions(scenario) -> list[Action]:
    """Every well-formed action a contender of ``scenario`` could write, plus a few bad ones."""
    targets = {
        "none": [None],
        "region": [r.id for r in scenario.regions] + ["atlantis", "all"],
        "contender": [c.id for c in scenario.contenders] + ["self", "nobody"]
        + [n.id for n in scenario.notables],
        "direction": ["left", "right", "up"],
        "organ": ["plenum", "congress", "politburo"],
        "office": [o.id for o in scenario.offices] + ["pope"],
        "post": [o.id for o in scenario.offices] + ["pope"],
        "forum": ["party", "comintern", "pravda"],
    }
    out = []
    for kind in ActionKind:
        arg = SPECS[kind].arg
        if arg == "decision":
            for e in scenario.events:
                out += [Action(kind, e.id, ch.id) for ch in e.choices]
                out.append(Action(kind, e.id, "nothing"))
        else:
            out += [Action(kind, t) for t in targets[arg]]
    return out


@pytest.mark.parametrize("name", scenario_params())
def test_an_action_alone_is_accepted_exactly_when_it_is_legal(name):
    """legal_actions and apply_turn agree on every action a contender could write (in every
    sampled state of the small scenario, in every other one of a large one)."""
    candidates = candidate_actions(load(name))
    states = sample_states(name)
    if len(candidates) * states[0].n > 200:
        states = states[::2]
    for state in states:
        for c in state.scenario.contenders:
            legal = {o.action for o in legal_actions(state, c.id)}
            for action in candidates:
                try:
                    apply_turn(state, {c.id: [action]})
                    accepted = True
                except IllegalAction:
                    accepted = False
                assert accepted == (action in legal), (state.turn, c.id, str(action))


@pytest.mark.parametrize("name", scenario_params())
def test_apply_turn_never_mutates_its_input(name):
    for state in sample_states(name):
        orders = ai_orders(state)
        orders_before = {c: list(a) for c, a in orders.items()}
        before, fingerprint = snapshot(state), state.fingerprint()
        result = apply_turn(state, orders)
        assert state.fingerprint() == fingerprint
        assert snapshot(state) == before
        assert orders == orders_before
        # The new state shares nothing changeable with the old one.
        new = result.state
        for field, a, b in zip(lay.State._fields, state.arrays, new.arrays, strict=True):
            assert not np.shares_memory(a, b), field
        assert state.rng is not new.rng
        assert state.derived is not new.derived


@pytest.mark.parametrize("name", scenario_params())
def test_legal_actions_and_view_never_mutate_the_state(name):
    for state in sample_states(name):
        before = snapshot(state)
        for c in state.scenario.contenders:
            legal_actions(state, c.id)
            view(state, c.id)
        assert snapshot(state) == before


def test_applying_the_same_turn_twice_gives_the_same_result(start):
    orders = ai_orders(start)
    a, b = apply_turn(start, orders), apply_turn(start, orders)
    assert a.state.fingerprint() == b.state.fingerprint()
    assert [e.to_dict() for e in a.events] == [e.to_dict() for e in b.events]
