"""A seat's copy of the game and its report, as JSON for the wire, and back.

The host sends each seat :func:`game.engine.seat_state` of the game (every rule's array, with
the secrets the seat may not know blanked), so the client's board, menu, odds and AI are those
of a hotseat player without any of the game's rules crossing the network. A packed state is
read back only if each array has the dtype and shape the scenario's own arrays have.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
from pydantic import TypeAdapter, ValidationError

from game.engine import GameEvent, GameState, Scenario
from game.engine.compile import compiled
from game.rules import layout as lay


class WireError(Exception):
    """What came over the wire is not a state or report of this scenario; says why."""


def pack_state(state: GameState) -> dict[str, Any]:
    """``state``'s arrays as JSON: each field's dtype, shape and bytes (base64)."""
    return {name: {"dtype": a.dtype.str, "shape": list(a.shape),
                   "data": base64.b64encode(np.ascontiguousarray(a).tobytes()).decode("ascii")}
            for name, a in zip(lay.State._fields, state.arrays, strict=True)}


def unpack_state(scenario: Scenario, data: dict[str, Any]) -> GameState:
    """The state packed by :func:`pack_state`, for ``scenario`` (already cut to its length);
    WireError unless every array fits the scenario's. Its seed is 0 and its generator fresh:
    what a seat's copy holds (see :func:`game.engine.seat_state`)."""
    template = compiled(scenario).start
    if not isinstance(data, dict) or set(data) != set(lay.State._fields):
        raise WireError("the game state sent does not have the fields of this game's")
    arrays = []
    for name, like in zip(lay.State._fields, template, strict=True):
        field = data[name]
        try:
            dtype, shape = np.dtype(field["dtype"]), tuple(field["shape"])
            raw = base64.b64decode(field["data"], validate=True)
        except (KeyError, TypeError, ValueError, binascii.Error):
            raise WireError(f"the game state's {name} cannot be read") from None
        if dtype != like.dtype or shape != like.shape or len(raw) != like.nbytes:
            raise WireError(f"the game state's {name} does not fit this scenario")
        arrays.append(np.frombuffer(raw, dtype=dtype).reshape(shape).copy())
    return GameState(scenario, 0, lay.State(*arrays), np.random.default_rng())


_EVENTS: TypeAdapter[list[GameEvent]] = TypeAdapter(list[GameEvent])


def pack_events(events: Iterable[GameEvent]) -> list[dict[str, Any]]:
    return _EVENTS.dump_python(list(events), mode="json")


def unpack_events(data: Sequence[Any]) -> list[GameEvent]:
    """Events packed by :func:`pack_events`; WireError if they are not events."""
    try:
        return _EVENTS.validate_python(list(data))
    except (ValidationError, TypeError):
        raise WireError("the report sent is not a list of the game's events") from None
