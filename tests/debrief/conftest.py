"""Games the debrief tests share, played once per session: a scripted game of a small fictional
scenario with a historical record of its own, and all-AI games of the main scenario."""

from __future__ import annotations

import pytest

from game.engine import Action, Match, Scenario, legal_actions
from helpers import cached_ai_game, variant

# The fictional scenario's "record": a card that revokes the Marshal's office (its condition
# never holds in play, so the card itself never fires) and a plenum note that removes Petrov
# from the Council, a clause that must not touch Orlova, and a clause about another year.
RECORD_CARD = {
    "id": "army_reform",
    "title": "The army is reformed",
    "when": "1951-Q1",
    "factor": "opponents_weaknesses",
    "condition": {"holds_office": {"who": "vera", "office": "marshal"}},
    "text": "The garrison gets a new chief.",
    "history": "Fictional: the Marshal lost his post this winter.",
    "source": "The Iron Council chronicle",
    "effects": [{"revoke_office": {"office": "marshal"}}],
}
AUTUMN_NOTE = (
    "Petrov removed from the Council, Orlova dropped as a candidate of the Academy; "
    "in 1950 Orlova was expelled."
)


def _with_record(data: dict) -> None:
    data["events"].append(RECORD_CARD)
    for m in data["meetings"]:
        if m["name"] == "Autumn plenum":
            m["note"] = AUTUMN_NOTE
    data["learning_objectives"] = [
        "Explain how the First Secretary's appointments decide the Assembly's votes.",
        "Describe how a charge of factionalism removes a rival step by step.",
        "Weigh luck against alliances in a short struggle.",
    ]


@pytest.fixture(scope="session")
def council() -> Scenario:
    """The two-rivals scenario with a historical record and learning objectives."""
    return variant(_with_record)


def scripted_orders(match: Match) -> dict[str, list[Action]]:
    """Orlova charges Petrov whenever she may and gathers dossiers on him; Petrov speaks, and
    blames the plan when the bread crisis comes (history, the card's first choice, blamed the
    market)."""
    state = match.state
    vera = {str(o.action) for o in legal_actions(state, "vera")}
    ivan = {str(o.action) for o in legal_actions(state, "ivan")}
    orders: dict[str, list[Action]] = {"vera": [], "ivan": []}
    for text in ("accuse ivan", "dossier ivan"):
        if text in vera:
            orders["vera"].append(Action.parse(text))
    for text in ("decide crisis blame_plan", "speech"):
        if text in ivan:
            orders["ivan"].append(Action.parse(text))
    return orders


@pytest.fixture(scope="session")
def scripted(council) -> Match:
    """The scripted game of the council scenario, played to the end."""
    match = Match.start(council, 1)
    while not match.state.finished:
        match.play(scripted_orders(match))
    return match


@pytest.fixture(scope="session")
def main_game() -> Match:
    """An all-AI game of the main scenario (shared with the rest of the suite's cache)."""
    return cached_ai_game("succession_1924", 7)


@pytest.fixture(scope="session")
def main_debrief(main_game):
    from game.debrief import debrief

    return debrief(main_game, ["trotsky"])
