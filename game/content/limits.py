"""Limits on what a scenario may hold: how long each text may be, how many of each thing, and no
control characters in any text.

A scenario is data a modder (or a stranger) hands the game; without bounds a 20,000-character
name freezes the window and 250 contenders take most of a minute a game. The limits are set by
field name, well above what the shipped scenarios use, and any field not listed gets the
default. The validator reports each breach at its ``file:line:col`` with the limit named
(:func:`limit_problems`); the JSON Schema carries the same limits (:func:`constrain_schema`), so
an editor flags them as the modder types; the window is tested with the longest texts allowed.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import Any

import yaml

from game.engine import Factor

FACTOR_IDS = tuple(str(f) for f in Factor)

TEXT: dict[str, int] = {
    "id": 64,
    "short": 16,  # the contender's name in tables, the board's columns and the logs
    "left": 16,  # an end of the line axis: beside the board's axis and in the terminal's
    "right": 16,
    "about": 120,  # what the axis is about, and what each end wants
    "left_wants": 120,
    "right_wants": 120,
    **dict.fromkeys(FACTOR_IDS, 60),  # a factor's name given as a text (`factors`)
    "name": 60,
    "post": 80,  # an office as a sentence names it: 'the Leningrad party organisation'
    "title": 80,
    "label": 120,
    "strengths": 160,
    "weaknesses": 160,
    "source": 300,
    "question": 300,
    "learning_objectives": 400,
    "note": 600,
    "history": 1_500,
    "text": 1_500,
    "bio": 1_500,
    "description": 2_000,
    "teacher_note": 4_000,
    "epilogue": 4_000,
}
"""The characters a text may have, by the name of its field (for a list of texts, the list's)."""
DEFAULT_TEXT = 1_000
KEY = 64  # the characters of a mapping's key (field names, ids used as keys)

COUNT: dict[str, int] = {
    "contenders": 8,
    "regions": 40,
    "offices": 40,
    "organs": 10,
    "notables": 60,
    "ladder": 12,
    "meetings": 120,
    "events": 300,
    "outcomes": 30,
    "what_ifs": 30,
    "choices": 8,
    "learning_objectives": 12,
    "strengths": 8,
    "weaknesses": 8,
}
"""How many items a list (or keys a mapping) may have, by the name of its field."""
DEFAULT_COUNT = 200

ONE_LINE = frozenset({"id", "short", "name", "post", "title", "label", "source", "question",
                      "left", "right", "about", "left_wants", "right_wants", *FACTOR_IDS})
"""Fields shown on one line, where a line break is refused too."""
ALLOWED_CONTROLS = frozenset("\n\t")  # in prose: YAML's block texts have line breaks


def text_limit(field: str | None) -> int:
    return TEXT.get(field or "", DEFAULT_TEXT)


def count_limit(field: str | None) -> int:
    return COUNT.get(field or "", DEFAULT_COUNT)


def bad_character(text: str, one_line: bool) -> str | None:
    """The first character a text of this kind may not hold (a control character; in a one-line
    field also a line break or tab), or None."""
    for ch in text:
        if unicodedata.category(ch) in ("Cc", "Zl", "Zp") and (
            one_line or ch not in ALLOWED_CONTROLS
        ):
            return ch
    return None


def limit_problems(root: yaml.Node) -> Iterator[tuple[yaml.Mark, str]]:
    """Where the document under ``root`` breaks a limit, and the message saying which."""
    # (node, the field it is the value of, whether it is an item of that field's list)
    todo: list[tuple[yaml.Node, str | None, bool]] = [(root, None, False)]
    while todo:
        node, field, item = todo.pop()
        what = f"'{field}'" if field else "the document"
        if isinstance(node, yaml.ScalarNode):
            if node.tag == "tag:yaml.org,2002:str":
                yield from _text_problems(node, field, what)
            continue
        many = DEFAULT_COUNT if item else count_limit(field)  # a list's items have their own
        if len(node.value) > many:
            things = "items" if isinstance(node, yaml.SequenceNode) else "keys"
            yield node.start_mark, f"{what} has {len(node.value):,} {things}; the limit is {many:,}"
        if isinstance(node, yaml.SequenceNode):
            todo += [(value, field, True) for value in node.value]
            continue
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else None
            if name is not None and (len(name) > KEY or bad_character(name, True)):
                yield key.start_mark, (
                    f"a key of {what} is longer than {KEY} characters or holds a control "
                    "character"
                )
                continue
            todo.append((value, name, False))


def _text_problems(
    node: yaml.ScalarNode, field: str | None, what: str
) -> Iterator[tuple[yaml.Mark, str]]:
    limit, size = text_limit(field), len(node.value)
    if size > limit:
        yield node.start_mark, f"{what} is {size:,} characters long; the limit is {limit:,}"
    ch = bad_character(node.value, field in ONE_LINE)
    if ch is not None:
        kind = "a line break" if ch in "\n\r" else f"the control character U+{ord(ch):04X}"
        yield node.start_mark, f"{what} holds {kind}, which a text here may not"


NO_CONTROLS = "^[^\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f\\u2028\\u2029]*$"
NO_CONTROLS_ONE_LINE = "^[^\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029]*$"


def constrain_schema(schema: Any) -> Any:
    """The JSON Schema with the same limits: ``maxLength`` and a pattern with no control
    characters on every text, ``maxItems`` on every list, by the field each belongs to."""
    if isinstance(schema, list):
        return [constrain_schema(s) for s in schema]
    if not isinstance(schema, dict):
        return schema
    out = {k: constrain_schema(v) for k, v in schema.items()}
    props = out.get("properties")
    if isinstance(props, dict):
        out["properties"] = {name: _constrain(name, sub) for name, sub in props.items()}
    return out


def _constrain(field: str, schema: Any) -> Any:
    """One field's schema with its limits (through ``anyOf`` alternatives and list items)."""
    if not isinstance(schema, dict):
        return schema
    schema = dict(schema)
    for key in ("anyOf", "oneOf"):
        if key in schema:
            schema[key] = [_constrain(field, s) for s in schema[key]]
    kind = schema.get("type")
    if kind == "string" and "enum" not in schema and "const" not in schema:
        schema.setdefault("maxLength", text_limit(field))
        if "pattern" not in schema:
            schema["pattern"] = NO_CONTROLS_ONE_LINE if field in ONE_LINE else NO_CONTROLS
    elif kind == "array":
        schema.setdefault("maxItems", count_limit(field))
        if "items" in schema:
            schema["items"] = _constrain(field, schema["items"])
        if "prefixItems" in schema:  # a pair: `initial_alliances: [[a, b]]`, a window's dates
            schema["prefixItems"] = [_constrain(field, s) for s in schema["prefixItems"]]
    elif kind == "object" and "properties" not in schema:
        schema.setdefault("maxProperties", count_limit(field))
    return schema
