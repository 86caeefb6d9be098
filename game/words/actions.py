"""Actions as a player reads them: by the label their menu gives them, never by their text form
(``decide lenin_funeral wrong_date`` is for saves and logs, not for people)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from game.engine import Action, ActionKind, GameState, Option, View, legal_actions


def action_labels(state: GameState, contender: str, actions: Sequence[Action]) -> list[str]:
    """What a seat's orders are called on its menu ('The date of the funeral: Tell him the true
    date'); an action not on the menu by its text form."""
    labels = {o.action: o.label for o in legal_actions(state, contender)}
    return [labels.get(a, str(a)) for a in actions]


def readable(message: str, options: Sequence[Option]) -> str:
    """An engine message about orders with each action's text form put as its label
    ('Stalin: cannot decide lenin_funeral wrong_date: ...' -> 'Stalin: cannot choose “The date
    of the funeral: Give him a date he cannot make”: ...')."""
    for o in sorted(options, key=lambda o: -len(str(o.action))):  # longest first: no partial
        form = re.escape(str(o.action))
        message = re.sub(rf"\bcannot {form}\b", f"cannot choose \u201c{o.label}\u201d", message)
        message = re.sub(rf"(?<![\w\u201c]){form}\b", f"\u201c{o.label}\u201d", message)
    return message


def card_choice(option: Option, view: View) -> tuple[str, str] | None:
    """For a choice on an event card, the card's title and the choice's own label, so a menu
    can name the card once above its choices; None for any other action."""
    if option.action.kind is not ActionKind.DECIDE:
        return None
    card = next((c for c in view.cards if c.event == option.action.target), None)
    if card is None:
        return None
    label = next((lb for cid, lb in card.choices if cid == option.action.option), None)
    return None if label is None else (card.title, label)
