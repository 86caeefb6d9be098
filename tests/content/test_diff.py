"""What the window says changed when a scenario file is reloaded (game.content.diff)."""

from __future__ import annotations

from game.content.diff import scenario_changes
from helpers import variant


def test_the_same_scenario_has_no_changes(two_rivals):
    assert scenario_changes(two_rivals, two_rivals) == []


def test_added_removed_and_changed_items_are_named_and_other_fields_listed(two_rivals):
    def edit(data: dict) -> None:
        data["events"][0]["text"] = "Doors open."
        del data["events"][1]
        data["events"].append({**data["events"][0], "id": "famine", "title": "Famine"})
        data["title"] = "The Iron Council, again"
        data["initial_trust"] = 0.1

    changed = variant(edit)
    assert scenario_changes(two_rivals, changed) == [
        "events added: famine",
        "events removed: crisis",
        "events changed: drive",
        "fields changed: title, initial_trust",
    ]


def test_a_reordered_list_and_long_lists_are_short(two_rivals):
    def edit(data: dict) -> None:
        data["regions"].reverse()
        for i in range(6):
            data["events"].append({**data["events"][0], "id": f"extra_{i}"})

    parts = scenario_changes(two_rivals, variant(edit))
    assert parts == ["regions reordered",
                     "events added: extra_0, extra_1, extra_2, extra_3 and 2 more"]
