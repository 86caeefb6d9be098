"""What-if switches: defined in scenario YAML, applied by a pure function that yields a new
Scenario, and played by the unchanged engine: rules overridden, events removed, added,
replaced, moved and fixed to one choice, and the starting position changed."""

from __future__ import annotations

import numpy as np
import pytest

from game.ai.autoplay import play_ai_game
from game.engine import GameState, Kind, Match, Scenario, cards_fired, legal_actions, view
from game.rules import layout as lay
from helpers import advance, load
from tests.lab.common import council


@pytest.fixture(scope="module")
def sc() -> Scenario:
    return council()


def waiting(state: GameState) -> list[str]:
    """The ids of the cards that wait for a choice."""
    s = state.arrays
    return [state.scenario.events[e].id for e in s.decisions[: s.ints[lay.N_DECISIONS]]]


def flag(state: GameState, name: str) -> float:
    return float(state.arrays.flags[state.compiled.flags.index(name)])


def test_applying_a_what_if_is_pure_and_yields_a_new_scenario(sc):
    before = sc.content_hash()
    new = sc.with_what_ifs(["no_patronage"])
    assert sc.content_hash() == before and sc.rules.patronage is True
    assert isinstance(new, Scenario) and new is not sc
    assert new.rules.patronage is False
    assert new.what_ifs == []  # applied: nothing left to apply
    assert new.title == "The Iron Council (what if: No patronage)"
    assert new.id == sc.id
    assert sc.with_what_ifs([]) is sc


def test_an_unknown_what_if_is_a_key_error_that_names_the_known_ones(sc):
    with pytest.raises(KeyError) as info:
        sc.with_what_ifs(["no_patronge"])
    assert "no_patronage, no_drive, market_blamed, coup_rumour" in str(info.value)


def test_what_ifs_are_inert_until_applied(sc, two_rivals):
    """The same seed plays the same game with or without the what-ifs written in the file."""
    a = play_ai_game(sc, 3)
    b = play_ai_game(two_rivals, 3)
    assert a.state.fingerprint() == b.state.fingerprint()
    assert a.orders == b.orders


def test_removed_events_never_fire(sc):
    new = sc.with_what_ifs(["no_drive"])
    assert "drive" not in {e.id for e in new.events}
    match = play_ai_game(new, 1)
    assert "drive" not in {e.ref for e in match.events if e.kind == Kind.CARD}
    assert not match.state.arrays.rules[lay.R_ENROLMENT_OPEN]


def test_a_forced_choice_is_taken_without_asking_anyone_on_its_new_date(sc):
    new = sc.with_what_ifs(["market_blamed"])
    crisis = next(e for e in new.events if e.id == "crisis")
    assert crisis.forced_choice == "blame_market" and crisis.when == "1950-Q2"
    assert crisis.chance == 1.0
    state, _ = Match.start(new, 5).state, None
    state = advance(state, 1)  # 1950-Q2: the card is drawn and decided at once
    assert cards_fired(state)["crisis"] == "blame_market"
    assert waiting(state) == []
    assert not any(
        o.action.target == "crisis" for c in ("vera", "ivan") for o in legal_actions(state, c)
    )
    card = next(c for c in view(state, "vera").cards if c.event == "crisis")
    assert card.choices == () and not card.mine_to_decide
    assert state.arrays.reals[lay.MOOD_LINE] == pytest.approx(sc.mood_line - 0.3)


def test_a_forced_choice_reports_its_decision_and_keeps_its_decider():
    main = load("succession_1924")
    funeral = main.with_what_ifs(["trotsky_at_funeral"])
    match = Match.start(funeral, 7)
    decided = [e for e in match.events if e.kind == Kind.DECISION and e.ref == "lenin_funeral"]
    assert [e.data["choice"] for e in decided] == ["true_date"]
    stalin = main.contender_index("stalin")
    assert decided[0].actors == (stalin,)  # the General Secretary still stands as `decider`
    base = Match.start(main, 7).state  # the funeral card still waits for its decider here
    assert "lenin_funeral" in waiting(base)
    # decided at once: true_date gives Trotsky 2 prestige and the chief mourners' card 4 more
    trotsky = main.contender_index("trotsky")
    prestige = match.state.arrays.quality[trotsky, lay.PRESTIGE]
    assert prestige == base.arrays.quality[trotsky, lay.PRESTIGE] + 6


def test_added_events_replace_in_place_and_the_opening_changes_the_start(sc):
    new = sc.with_what_ifs(["coup_rumour"])
    ids = [e.id for e in new.events]
    assert ids == ["drive", "crisis", "rumour"]
    assert new.events[1].choices == []  # the replacement, where the original stood
    state, events = Match.start(new, 2).state, Match.start(new, 2).events
    ivan, vera = new.contender_index("ivan"), new.contender_index("vera")
    secretary = [o.id for o in new.offices].index("secretary")
    assert np.flatnonzero(state.arrays.holds[secretary]).tolist() == [ivan]
    assert state.arrays.quality[vera, lay.PRESTIGE] == 30
    assert flag(state, "opened") == 2
    assert not state.arrays.ledger.any()  # the opening is the starting position, not a gain
    assert all(e.kind == Kind.CARD for e in events)  # ... and it is not news
    later = advance(state, 1)
    assert flag(later, "rumour") == 1
    assert later.arrays.quality[ivan, lay.THREAT] == pytest.approx(
        min(100, sc.contenders[ivan].qualities.threat + 20), abs=5
    )


def test_a_patched_game_is_deterministic(sc):
    new = sc.with_what_ifs(["coup_rumour"])
    a, b = play_ai_game(new, 11), play_ai_game(new, 11)
    assert a.state.fingerprint() == b.state.fingerprint()
    replay = Match.replay(new, 11, a.orders)
    assert replay.state.fingerprint() == a.state.fingerprint()


def test_what_ifs_apply_in_order_and_clash_clearly(sc):
    both = sc.with_what_ifs(["no_patronage", "no_drive"])
    assert not both.rules.patronage and "drive" not in {e.id for e in both.events}
    assert both.title.endswith("(what if: No patronage; No recruitment drive)")
    with pytest.raises(ValueError, match="no event 'drive' to remove"):
        sc.with_what_ifs(["no_drive", "no_drive"])


@pytest.mark.parametrize("what_if", [w.id for w in load("succession_1924").what_ifs])
def test_every_shipped_what_if_applies_and_plays_to_the_end(what_if):
    main = load("succession_1924")
    new = main.with_what_ifs([what_if])
    assert new.content_hash() != main.content_hash()
    match = play_ai_game(new, 0)
    assert match.state.finished and len(match.orders) == main.calendar.turns


def test_the_main_scenario_ships_the_what_ifs_the_lab_needs():
    ids = {w.id for w in load("succession_1924").what_ifs}
    assert {
        "no_patronage",
        "testament_read",
        "trotsky_at_funeral",
        "no_ban_on_factions",
        "no_lenin_enrolment",
        "lenin_lives_1926",
    } <= ids
    for w in load("succession_1924").what_ifs:
        assert w.title and w.question and w.description


def test_what_if_switches_are_what_they_say():
    main = load("succession_1924")
    assert not main.with_what_ifs(["no_patronage"]).rules.patronage
    assert not main.with_what_ifs(["no_ban_on_factions"]).rules.faction_ban
    testament = main.with_what_ifs(["testament_read"])
    assert (
        next(e for e in testament.events if e.id == "testament").forced_choice == "read_to_congress"
    )
    lives = main.with_what_ifs(["lenin_lives_1926"])
    dies = next(e for e in lives.events if e.id == "lenin_dies")
    assert dies.when == "1926-Q1"
    assert lives.rules.accusation_presumption > main.rules.accusation_presumption
    no_enrolment = main.with_what_ifs(["no_lenin_enrolment"])
    assert "lenin_enrolment" not in {e.id for e in no_enrolment.events}
