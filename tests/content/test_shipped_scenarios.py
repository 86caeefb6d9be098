"""Every shipped scenario, and the fictional council under tests/data, loads, plays to the end
with the AI in every seat, and carries what a teacher needs: a title, a description, learning
objectives, a teacher's note, an epilogue, and a history note with a named source on every card.

The fictional council proves that a modder can write a different succession (other people,
organs, regions, calendar, ladder and outcomes) in YAML alone. The tutorial is short, and a
player who does what its cards say wins it.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest

import source_fingerprints
from game.ai import seat_orders
from game.content.loader import load_scenario
from game.engine import Action, Kind, Match, cards_fired, legal_actions, outcome
from game.rules import layout as lay
from helpers import GENERAL_HISTORIES, ROOT, SCENARIO_DIR, cached_ai_game, play_ai_game

SHIPPED = sorted(SCENARIO_DIR.glob("*.yaml"))
FICTIONAL = ROOT / "tests" / "data" / "fictional_council.yaml"
EVERY = [*SHIPPED, FICTIONAL]
SEEDS = range(5)
SCHEMA_LINE = "# yaml-language-server: $schema=../docs/scenario.schema.json"

# The five source documents, by their titles in the sources README, and the fact sheet: every
# card of a shipped scenario cites one of them (tests/content/test_source_fingerprints.py
# checks that the one it cites holds its key fact).
SOURCES = {d.title for d in source_fingerprints.load()}


def _id(path: Path) -> str:
    return path.stem


@functools.cache
def scenario(path: Path):
    return load_scenario(path)


@functools.cache
def ai_game(path: Path, seed: int) -> Match:
    """A finished all-AI game; shipped scenarios share the suite's cache of games."""
    if path.parent == SCENARIO_DIR:
        return cached_ai_game(path.stem, seed)
    return play_ai_game(scenario(path), seed)


def test_the_four_new_scenarios_are_shipped():
    names = {p.stem for p in SHIPPED}
    assert {"united_opposition_1926", "right_deviation_1928", "tutorial",
            "testament_read_1924"} <= names


@pytest.mark.parametrize("path", EVERY, ids=_id)
def test_loads(path):
    s = scenario(path)
    assert s.title and s.contenders and s.outcomes
    if path in SHIPPED:
        assert s.id == path.stem  # a shipped scenario is found by its file name


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("path", EVERY, ids=_id)
def test_plays_to_the_end_with_an_outcome_for_everyone(path, seed):
    s = scenario(path)
    match = ai_game(path, seed)
    state = match.state
    assert state.finished
    assert state.turn == s.calendar.turns  # it ends exactly after its last turn
    assert len(match.orders) == s.calendar.turns
    result = outcome(state)
    assert [o.contender for o in result.outcomes] == [c.id for c in s.contenders]
    known = {o.id: o.rank for o in s.outcomes}
    assert all(known[o.outcome] == o.rank for o in result.outcomes)
    ends = [e for e in match.events if e.kind is Kind.END]
    assert len(ends) == 1 and ends[0].turn == s.calendar.turns - 1


@pytest.mark.parametrize("path", SHIPPED, ids=_id)
def test_carries_what_a_teacher_needs(path):
    s = scenario(path)
    assert s.title.strip() and s.description.strip() and s.dates.strip()
    assert 3 <= len(s.learning_objectives) <= 5
    assert all(o.strip() for o in s.learning_objectives)
    assert len(s.teacher_note) > 200
    assert len(s.epilogue) > 200
    assert any(c.playable for c in s.contenders)


@pytest.mark.parametrize("path", SHIPPED, ids=_id)
def test_every_card_has_a_history_note_and_a_named_source(path):
    known = SOURCES | GENERAL_HISTORIES.get(path.stem, frozenset())
    for e in scenario(path).events:
        assert e.history.strip(), e.id
        assert e.source in known, f"{e.id}: unknown source {e.source!r}"


@pytest.mark.parametrize("path", SHIPPED, ids=_id)
def test_begins_with_the_schema_comment(path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == SCHEMA_LINE


# ----- the tutorial -----------------------------------------------------------------------------

TUTORIAL = SCENARIO_DIR / "tutorial.yaml"

# What the cards tell the player to do, turn by turn (extra appointments and recruitments fill
# the remaining action points, as a player would).
FOLLOW_THE_CARDS = {
    0: ["appoint ukraine", "appoint volga", "appoint red_army"],
    1: ["recruit ukraine", "recruit urals", "recruit moscow"],
    2: ["decide lesson_ally praise_bukharin", "ally bukharin", "recruit volga", "recruit ukraine"],
    3: ["dossier zinoviev", "recruit ukraine", "recruit volga"],
    4: ["accuse zinoviev", "dossier zinoviev"],
    5: ["recruit ukraine"],
}


def test_the_tutorial_is_short_and_played_as_stalin():
    s = scenario(TUTORIAL)
    assert s.calendar.turns <= 6
    assert [c.id for c in s.contenders if c.playable] == ["stalin"]
    assert "tutorial" in s.description.lower()
    assert "win" in s.description.lower()  # it says it is easy to win by following the cards
    lessons = [e for e in s.events if e.title.startswith("Lesson")]
    assert len(lessons) == s.calendar.turns  # one lesson card a turn


def play_tutorial(seed: int, follow: bool) -> Match:
    s = scenario(TUTORIAL)
    match = Match.start(s, seed)
    while not match.state.finished:
        state = match.state
        orders = {c.id: seat_orders(state, c.id) for c in s.contenders if c.id != "stalin"}
        options = {str(o.action): o for o in legal_actions(state, "stalin")}
        mine = FOLLOW_THE_CARDS[state.turn] if follow else []
        for text in mine:
            assert text in options, f"turn {state.turn}: the card's advice {text!r} is illegal"
        drawn = state.arrays.cards[: state.arrays.ints[lay.N_CARDS]].tolist()
        card_texts = [s.events[e].text for e in drawn]
        quoted = [q for t in card_texts for q in re.findall(r'"([A-Z][^"]+)"', t)]
        labels = [o.label for o in options.values()]
        for q in quoted:  # every action a card names is in the player's list, by that name
            if q.split()[0] in ("Appoint", "Recruit", "Propose", "Compile", "Accuse"):
                assert any(label.startswith(q) for label in labels), (state.turn, q)
        orders["stalin"] = [Action.parse(t) for t in mine]
        match.play(orders)
    return match


@pytest.mark.parametrize("seed", range(3))
def test_following_the_tutorial_cards_wins(seed):
    result = outcome(play_tutorial(seed, follow=True).state)
    assert result.winner == "stalin"
    assert result.of("stalin").outcome == "lesson_complete"


def test_ignoring_the_tutorial_cards_does_not_pass_it():
    result = outcome(play_tutorial(0, follow=False).state)
    assert result.of("stalin").outcome != "lesson_complete"


# ----- the counterfactual -----------------------------------------------------------------------


def test_the_counterfactual_says_so_and_reads_the_testament_in_every_game():
    path = SCENARIO_DIR / "testament_read_1924.yaml"
    s = scenario(path)
    for text in (s.description, s.teacher_note, s.epilogue):
        assert "counterfactual" in text.lower() or "imagined" in text.lower()
    assert "21 May 1924" in s.teacher_note  # and says what actually happened
    card = next(e for e in s.events if e.id == "testament")
    assert not card.choices and card.condition is None
    for seed in SEEDS:
        assert "testament" in cards_fired(ai_game(path, seed).state)


# ----- the fictional council --------------------------------------------------------------------


def test_the_fictional_council_is_another_succession_entirely():
    s = scenario(FICTIONAL)
    main = scenario(SCENARIO_DIR / "succession_1924.yaml")
    assert not {c.id for c in s.contenders} & {c.id for c in main.contenders}
    assert not {r.id for r in s.regions} & {r.id for r in main.regions}
    assert len(s.regions) == 5
    names = {s.organs.politburo.name, s.organs.central_committee.name, s.organs.congress.name}
    assert not names & {"Politburo", "Central Committee", "Party Congress"}
    assert (s.calendar.periods_per_year, s.calendar.period_prefix) == (12, "M")
    assert s.calendar.label(0) == "1187-M3" and s.calendar.label(17) == "1188-M8"
    assert len(s.ladder) == 4 and not {r.id for r in s.ladder} & {r.id for r in main.ladder}
    assert not {o.id for o in s.outcomes} & {o.id for o in main.outcomes}
    assert any(e.choices for e in s.events)
    assert any(m.organ == "congress" for m in s.meetings)


def test_the_fictional_council_reaches_more_than_one_ending():
    endings = {
        tuple(o.outcome for o in outcome(ai_game(FICTIONAL, seed).state).outcomes)
        for seed in SEEDS
    }
    assert len(endings) >= 2
