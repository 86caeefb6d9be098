"""Limits on scenario content (game.content.limits): the validator and the JSON Schema refuse the
same breaches, and the generous limits leave every shipped scenario alone."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest
import yaml

from game.content import limits
from game.content.reference import json_schema

BROKEN = Path(__file__).resolve().parent / "broken"
BREACHES = ["control_character", "text_too_long", "too_many_items", "line_break_in_name"]


@pytest.fixture(scope="module")
def schema() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json_schema())


def _fixed(name: str) -> dict:
    """The broken file with its one breach undone: a valid scenario."""
    data = yaml.safe_load((BROKEN / f"{name}.yaml").read_text(encoding="utf-8"))
    data["title"] = "One mistake"
    data["contenders"][0]["name"] = "Vera Orlova"
    data["contenders"][0]["short"] = "Orlova"
    data.pop("learning_objectives", None)
    return data


@pytest.mark.parametrize("name", BREACHES)
def test_the_json_schema_refuses_what_the_validator_refuses(schema, name):
    data = yaml.safe_load((BROKEN / f"{name}.yaml").read_text(encoding="utf-8"))
    errors = list(schema.iter_errors(data))
    assert errors and any(e.validator in ("maxLength", "maxItems", "pattern") for e in errors)
    assert list(schema.iter_errors(_fixed(name))) == []


def test_the_schema_states_each_limit_where_the_validator_applies_it():
    s = json_schema()
    contender = s["$defs"]["ContenderDef"]["properties"]
    assert contender["short"]["maxLength"] == limits.TEXT["short"] == 16
    assert contender["bio"]["maxLength"] == limits.TEXT["bio"]
    assert s["properties"]["contenders"]["maxItems"] == limits.COUNT["contenders"]
    assert "\\u0000" in contender["name"]["pattern"]


def test_text_at_the_limit_passes_and_one_more_character_does_not():
    node = yaml.compose(f"name: {'x' * limits.TEXT['name']}\n")
    assert list(limits.limit_problems(node)) == []
    node = yaml.compose(f"name: {'x' * (limits.TEXT['name'] + 1)}\n")
    [(mark, message)] = limits.limit_problems(node)
    assert (mark.line, mark.column) == (0, 6) and "the limit is 60" in message


@pytest.mark.parametrize(
    ("text", "one_line", "bad"),
    [
        ("plain", True, None),
        ("two\nlines", False, None),
        ("two\nlines", True, "\n"),
        ("tab\there", False, None),
        ("nul\0", False, "\0"),
        ("escape\x1b[31m", False, "\x1b"),
        ("next line\x85", False, "\x85"),
        ("separator\u2028", False, "\u2028"),
    ],
)
def test_control_characters(text, one_line, bad):
    assert limits.bad_character(text, one_line) == bad
