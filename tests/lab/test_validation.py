"""What-ifs are checked like everything else in a scenario file: every name a patch uses, and
everything the scenario would get wrong with the patch applied, reported on its line with a
"did you mean" hint where one helps; likely mistakes are warnings."""

from __future__ import annotations

import pytest

from game.content.loader import ScenarioError, load_scenario_text
from game.content.validate import validate_text
from tests.lab.common import council_text


def what_if(patch: str, extra: str = "") -> str:
    """The council scenario with one more what-if, whose `patch:` body is ``patch``."""
    lines = "\n".join("      " + line for line in patch.strip("\n").split("\n"))
    return (
        council_text()
        + f"""\
  - id: broken_switch
    title: A broken switch
    description: Something is wrong with it.
    patch:
{lines}
{extra}"""
    )


def line_of(text: str, needle: str, nth: int = 1) -> int:
    found = 0
    for i, line in enumerate(text.split("\n"), 1):
        if needle in line:
            found += 1
            if found == nth:
                return i
    raise AssertionError(f"{needle!r} not in the text")


def only(text: str):
    problems = validate_text(text, "w.yaml")
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]


def test_the_council_with_what_ifs_is_clean():
    assert validate_text(council_text(), "w.yaml") == []


@pytest.mark.parametrize(
    "patch, needle, message, hint",
    [
        (
            "rules: {patronge: false}",
            "patronge",
            "what-if 'broken_switch': rules: unknown rule 'patronge'",
            "did you mean 'patronage'?",
        ),
        (
            "rules: {patronage: 0.5}",
            "patronage: 0.5",
            "rule 'patronage' is a switch: true or false, not 0.5",
            None,
        ),
        (
            "rules: {vote_noise: true}",
            "vote_noise",
            "rule 'vote_noise' is a number, not a switch",
            None,
        ),
        (
            "rules: {bloc_discipline: 2}",
            "bloc_discipline",
            "rule 'bloc_discipline': value 2.0 is not allowed",
            None,
        ),
        (
            "remove_events: [drve]",
            "drve",
            "remove_events: unknown event 'drve'",
            "did you mean 'drive'?",
        ),
        ("remove_events: [drive, drive]", "drive, drive", "event 'drive' is removed twice", None),
        (
            "force_events:\n  - {event: crisis, choice: blame_markets}",
            "blame_markets",
            "force_events: event 'crisis' has no choice 'blame_markets'",
            "did you mean 'blame_market'?",
        ),
        (
            "force_events:\n  - {event: drive, choice: yes_please}",
            "yes_please",
            "force_events: event 'drive' has no choices to force",
            None,
        ),
        (
            "force_events:\n  - {event: crisis, when: 1950-Q9}",
            "1950-Q9",
            "force_events: '1950-Q9' is not a date",
            None,
        ),
        (
            "remove_events: [crisis]\nforce_events:\n  - {event: crisis}",
            "{event: crisis}",
            "force_events: unknown event 'crisis' (this what-if removes it)",
            None,
        ),
        (
            "opening:\n  - grant_office: {who: ivan, office: secretery}",
            "secretery",
            "what-if 'broken_switch': opening: grant_office: unknown office 'secretery'",
            "did you mean 'secretary'?",
        ),
        (
            "add_events:\n  - id: purge\n    title: A purge\n    when: 1950-Q2\n    text: T.\n"
            "    history: H.\n    source: S.\n    effects: [{demote: {who: ivn}}]",
            "who: ivn",
            "what-if 'broken_switch': event 'purge': demote: who 'ivn' is no contender",
            "did you mean 'ivan'?",
        ),
        (
            "add_events:\n  - id: purge\n    title: A purge\n    when: 1951-Q5\n    text: T.\n"
            "    history: H.\n    source: S.",
            "1951-Q5",
            "what-if 'broken_switch': event 'purge': '1951-Q5' is not a date",
            None,
        ),
    ],
    ids=[
        "unknown_rule",
        "switch_not_number",
        "number_not_switch",
        "rule_out_of_bounds",
        "remove_unknown",
        "remove_twice",
        "unknown_choice",
        "no_choices",
        "bad_date",
        "force_removed",
        "opening_unknown_office",
        "added_event_unknown_who",
        "added_event_bad_date",
    ],
)
def test_each_mistake_in_a_patch_is_one_error_on_its_line(patch, needle, message, hint):
    text = what_if(patch)
    p = only(text)
    assert p.severity == "error"
    assert message in p.message
    assert p.line == line_of(text, needle, 1 if needle != "drive, drive" else 1)
    assert p.hint == hint or (hint is None)
    with pytest.raises(ScenarioError):
        load_scenario_text(text, "w.yaml")


def test_removing_an_event_that_something_else_names_is_an_error_at_the_removal():
    text = council_text().replace(
        "  - {id: shared,",
        "  - {id: crisis_won, name: Crisis won, rank: 2, description: W., "
        "condition: {event: {id: crisis}}}\n  - {id: shared,",
    )
    assert validate_text(text, "w.yaml") == []
    text = what_if("remove_events: [crisis]", "").replace(council_text(), text)
    p = only(text)
    assert p.severity == "error"
    assert p.message.startswith(
        "what-if 'broken_switch': removing event 'crisis' breaks "
        "outcome 'crisis_won': event: unknown event 'crisis'"
    )
    assert p.line == line_of(text, "remove_events: [crisis]")


def test_duplicate_what_if_ids_are_an_error():
    text = what_if("rules: {patronage: false}").replace("id: broken_switch", "id: no_drive")
    p = only(text)
    assert p.message == "duplicate what-if id 'no_drive'"
    assert p.line == line_of(text, "id: no_drive", 2)


def test_a_patch_that_changes_nothing_is_a_warning():
    text = what_if("rules: {}")
    p = only(text)
    assert p.severity == "warning" and "changes nothing: its patch is empty" in p.message
    text = what_if("rules: {patronage: true}")
    p = only(text)
    assert p.severity == "warning"
    assert p.message == (
        "what-if 'broken_switch': rule 'patronage' is already true in this "
        "scenario, so setting it changes nothing"
    )
    assert p.line == line_of(text, "patronage: true")
    load_scenario_text(text, "w.yaml")  # warnings never stop a scenario from loading


def test_warnings_about_added_content_point_into_the_what_if():
    text = what_if("opening:\n  - quality: {who: decider, quality: prestige, amount: 5}")
    p = only(text)
    assert p.severity == "warning"
    assert "what-if 'broken_switch': opening: quality: who 'decider' names nobody here" in p.message
    assert p.line == line_of(text, "who: decider")


def test_a_patch_that_silences_an_event_is_a_warning_on_the_what_if():
    text = council_text().replace(
        "events:\n",
        "events:\n  - id: aftermath\n    title: After the crisis\n    when: "
        "1950-Q4\n    text: T.\n    history: H.\n    source: S.\n    condition: {event: "
        "{id: crisis}}\n    effects: [{mood: {unity: 0.1}}]\n",
        1,
    )
    assert validate_text(text, "w.yaml") == []
    text = what_if("force_events:\n  - {event: crisis, when: 1951-Q4}").replace(
        council_text(), text
    )
    p = only(text)
    assert p.severity == "warning"
    assert p.message.startswith(
        "what-if 'broken_switch': with this what-if applied, event 'aftermath' can never fire"
    )
    assert p.line == line_of(text, "id: broken_switch")


def test_forced_choice_in_a_scenario_must_name_a_choice():
    text = council_text().replace(
        "    decider: vote\n", "    decider: vote\n    forced_choice: blame_markt\n", 1
    )
    p = only(text)
    assert p.message == "event 'crisis': forced_choice 'blame_markt' is not one of its choices"
    assert p.hint == "did you mean 'blame_market'?"
    assert p.line == line_of(text, "forced_choice")
