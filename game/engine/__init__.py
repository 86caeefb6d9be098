"""The engine: a pure, deterministic model of the succession struggle.

This package imports no pygame, no YAML and touches no files. Everything outside it (the
terminal game, the window, the AI, saves, the lab) uses only the names exported here:

- :func:`new_game` — a new game from a scenario and a seed;
- :func:`legal_actions` — what a contender may do now, with costs and the odds of any vote
  (:func:`legal_rows`: the same as the rules number it, for an AI that computes);
- :func:`apply_turn` — every contender's orders for the turn in, the new state and what happened
  out (illegal orders raise :class:`IllegalAction` saying why);
- :func:`view` — what one contender may see (no rival's secrets);
- :func:`outcome` — the graded result, once the game is over; :func:`standing`, a contender's
  outcome were it to end now; :func:`holds`, whether one of the scenario's conditions holds;
- :func:`guess_state` — a copy of the state with a contender's view of rivals' secrets guessed
  afresh, for an AI that looks ahead; :func:`seat_state`, a copy holding only what one contender
  may know, for a seat played on another computer;
- :func:`ledger` — support over time and what each factor won or lost (for the debrief);
- :func:`milestones` — the scenario's dated turning points, and when this game reached them;
  :func:`cards_fired` — the event cards that fired, and the choices taken on them;
- :func:`intervene`, :func:`fire_event` — changes from outside the rules, for a modder's
  tests (the debug console): effects run now, an event card fired now; :func:`readings`, the
  flags, rules and qualities no view shows;
- :class:`Match` — a game with its history (orders and :class:`Intervention` s), which replays
  to the same state.
"""

from .actions import SPECS, Action, ActionKind, IllegalAction
from .api import (
    FactorShare,
    Intervention,
    Ledger,
    Match,
    MilestoneMark,
    Option,
    Outcome,
    Readings,
    Result,
    TurnResult,
    apply_turn,
    cards_fired,
    factor_shares,
    fire_event,
    guess_state,
    holds,
    intervene,
    ledger,
    legal_actions,
    legal_rows,
    milestones,
    new_game,
    outcome,
    readings,
    seat_state,
    standing,
    view,
)
from .record import Bloc, GameEvent, Kind, Tally
from .scenario import ID_PATTERN, Axis, Factor, Scenario
from .state import GameState
from .view import View

__all__ = [
    "SPECS", "Action", "ActionKind", "Axis", "Bloc", "Factor", "FactorShare", "GameEvent",
    "GameState", "ID_PATTERN", "IllegalAction", "Intervention", "Kind", "Ledger", "Match",
    "MilestoneMark", "Option", "Outcome", "Readings", "Result", "Scenario", "Tally", "TurnResult",
    "View", "apply_turn", "cards_fired", "factor_shares", "fire_event", "guess_state", "holds",
    "intervene", "legal_actions", "legal_rows", "ledger", "milestones", "new_game", "outcome",
    "readings", "seat_state", "standing", "view",
]
