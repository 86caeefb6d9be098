"""What changed between two versions of a scenario, in a few words for a modder: the events,
contenders, offices... added, removed or changed (by id), and the other fields changed.

The window says this when it reloads a scenario file (F5) while a game is played on it.
"""

from __future__ import annotations

from typing import Any

from game.engine import Scenario

KEYS = {"contenders": "id", "notables": "id", "offices": "id", "regions": "id", "ladder": "id",
        "meetings": "name", "events": "id", "outcomes": "id", "what_ifs": "id",
        "milestones": "id"}  # the lists whose items have a name of their own, and that name
NAMED = 4  # names listed in one part of the summary; the rest are counted


def _names(ids: list[str]) -> str:
    more = len(ids) - NAMED
    return ", ".join(ids[:NAMED]) + (f" and {more} more" if more > 0 else "")


def _list_changes(field: str, old: list[Any], new: list[Any]) -> list[str]:
    key = KEYS[field]
    before = {str(item.get(key)): item for item in old}
    after = {str(item.get(key)): item for item in new}
    parts = []
    for what, ids in (
        ("added", [i for i in after if i not in before]),
        ("removed", [i for i in before if i not in after]),
        ("changed", [i for i in after if i in before and before[i] != after[i]]),
    ):
        if ids:
            parts.append(f"{field} {what}: {_names(ids)}")
    return parts or [f"{field} reordered"]


def scenario_changes(old: Scenario, new: Scenario) -> list[str]:
    """The differences from ``old`` to ``new``, a short part each (empty: the same)."""
    a, b = old.model_dump(mode="json"), new.model_dump(mode="json")
    parts: list[str] = []
    fields: list[str] = []
    for field in dict.fromkeys([*a, *b]):
        x, y = a.get(field), b.get(field)
        if x == y:
            continue
        if field in KEYS and isinstance(x, list) and isinstance(y, list):
            parts += _list_changes(field, x, y)
        else:
            fields.append(field)
    if fields:
        parts.append(f"{'field' if len(fields) == 1 else 'fields'} changed: {_names(fields)}")
    return parts
