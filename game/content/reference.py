"""The modder's reference and the JSON Schema of the scenario format, generated from the code.

Both are built from the scenario models (``game.engine.scenario``: every field's type, default,
bounds and description), the effect and condition registries (each class's docstring and its
example) and the action specs, so they cannot drift from what the loader accepts::

    python -m game.content.reference            # rewrite docs/modding.md, the schema, the template
    python -m game.content.reference --check    # exit 1 if either file is out of date

:func:`json_schema` is also what ``politburo schema`` prints. Only the prose around the
generated parts (the introduction, the tutorial, the short introductions to each section) is
written here by hand.
"""

from __future__ import annotations

import argparse
import copy
import inspect
import json
import os
import re
import sys
import types
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from game.engine.actions import CONVENABLE, DIRECTIONS, SPECS
from game.engine.conditions import CONDITION_TYPES
from game.engine.dates import DATE_PATTERN, PERIOD_PREFIX_PATTERN, Date
from game.engine.effects import EFFECT_TYPES
from game.engine.registry import Entry, body_fields
from game.engine.scenario import (
    FACTOR_DESCRIPTIONS,
    FACTOR_NAMES,
    POWER_RULES,
    Axis,
    Factor,
    Power,
    Rules,
    Scenario,
)
from game.files import write_text

from . import limits
from .limits import constrain_schema

ROOT = Path(__file__).resolve().parents[2]
MODDING_MD = ROOT / "docs" / "modding.md"
SCHEMA_JSON = ROOT / "docs" / "scenario.schema.json"
# The scenario `politburo new` writes: the tutorial's whole file, shipped as package data.
TEMPLATE = ROOT / "assets" / "templates" / "harbour.yaml"
REGENERATE = "python -m game.content.reference"

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = "urn:politburo:scenario"


def schema_comment(scenario_path: str | Path) -> str:
    """The first line of a scenario file kept in this repository: it points editors that use
    the YAML language server at docs/scenario.schema.json, relative to the file's folder
    (``../docs/scenario.schema.json`` for scenarios/, ``../../docs/...`` for tests/data/)."""
    folder = (ROOT / scenario_path).resolve().parent
    relative = Path(os.path.relpath(SCHEMA_JSON, folder)).as_posix()
    return f"# yaml-language-server: $schema={relative}"


FAMILIES: dict[str, tuple[type[Entry], ...]] = {
    "Effect": EFFECT_TYPES,
    "Condition": CONDITION_TYPES,
}


def _kind(cls: type[Entry]) -> str:
    return cls.model_fields["type"].default


# ----- JSON Schema ----------------------------------------------------------------------------


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a scenario file.

    Pydantic describes effects and conditions as a union tagged by a ``type`` key; scenario
    files write them as one-key mappings (``{mood: {line: -0.2}}``), a bare name when every
    field has a default (``politburo_majority``), or the value alone for kinds with a single
    value (``{after: 1925-Q1}``). Each family becomes a ``oneOf`` of those spellings, plus the
    tagged form that ``model_dump`` writes.
    """
    raw = Scenario.model_json_schema(by_alias=True, mode="validation")
    defs: dict[str, Any] = raw.pop("$defs")

    # The $defs name pydantic gave each registered kind, read from its discriminator mappings.
    def_names: dict[str, dict[str, str]] = {}

    def find(node: Any) -> None:
        if isinstance(node, dict):
            mapping = node.get("discriminator", {}).get("mapping")
            if mapping:
                family = _family_of(set(mapping))
                def_names[family] = {k: v.rsplit("/", 1)[1] for k, v in mapping.items()}
            for v in node.values():
                find(v)
        elif isinstance(node, list):
            for v in node:
                find(v)

    find([raw, defs])

    def replace(node: Any) -> Any:
        if isinstance(node, dict):
            mapping = node.get("discriminator", {}).get("mapping")
            if mapping:
                return {"$ref": f"#/$defs/{_family_of(set(mapping))}"}
            return {k: replace(v) for k, v in node.items()}
        if isinstance(node, list):
            return [replace(v) for v in node]
        return node

    raw = replace(raw)
    defs = replace(defs)

    action_kinds = {"enum": [k.value for k in SPECS]}
    raw["properties"]["action_costs"]["propertyNames"] = action_kinds
    defs["AIProfile"]["properties"]["weights"]["propertyNames"] = copy.deepcopy(action_kinds)
    # a what-if's rule overrides name rules: editors can complete and check them
    defs["Patch"]["properties"]["rules"]["propertyNames"] = {"enum": list(Rules.model_fields)}

    _across_fields(defs)

    for family, classes in FAMILIES.items():
        names = def_names[family]
        bodies = {_kind(cls): defs.pop(names[_kind(cls)]) for cls in classes}
        _enrich_bodies(family, bodies)
        defs[family] = _family_schema(family, classes, bodies, defs)

    schema: dict[str, Any] = {
        "$schema": SCHEMA_DIALECT,
        "$id": SCHEMA_ID,
        "title": "Politburo scenario",
        "description": raw.pop("description"),
    }
    raw.pop("title")
    schema.update(raw)
    schema["$defs"] = dict(sorted(defs.items()))
    return constrain_schema(schema)


def _across_fields(defs: dict[str, Any]) -> None:
    """The models' checks over several of their fields, as far as a schema can say them: an
    event has exactly one of `when` and `window`, and one with choices has a decider; a
    region's loyalty shares are not negative (that they sum to at most 1 only the validator
    can check)."""
    defs["EventDef"]["allOf"] = [
        {"oneOf": [{"required": ["when"], "properties": {"when": {"type": "string"}}},
                   {"required": ["window"], "properties": {"window": {"type": "array"}}}]},
        {"if": {"required": ["choices"], "properties": {"choices": {"minItems": 1}}},
         "then": {"required": ["decider"],
                  "properties": {"decider": {"type": "string", "minLength": 1}}}},
    ]
    defs["RegionDef"]["properties"]["loyalty"]["additionalProperties"]["minimum"] = 0


def _family_of(kinds: set[str]) -> str:
    for family, classes in FAMILIES.items():
        if kinds == {_kind(c) for c in classes}:
            return family
    raise ValueError(f"a tagged union that is neither effects nor conditions: {sorted(kinds)}")


def _enrich_bodies(family: str, bodies: dict[str, Any]) -> None:
    """Name the allowed values where the registry knows them: rule names, rule switches."""
    switches = [n for n, f in Rules.model_fields.items() if f.annotation is bool]
    if family == "Effect" and "rule" in bodies:
        bodies["rule"]["properties"]["name"]["enum"] = list(Rules.model_fields)
    if family == "Condition" and "rule" in bodies:
        bodies["rule"]["properties"]["value"]["enum"] = switches


def _family_schema(
    family: str, classes: tuple[type[Entry], ...], bodies: dict[str, Any], defs: dict[str, Any]
) -> dict[str, Any]:
    single = body_fields(classes)
    one_key: list[dict[str, Any]] = []
    tagged: list[dict[str, Any]] = []
    bare: list[str] = []
    for cls in classes:
        kind = _kind(cls)
        body = bodies[kind]
        props = body["properties"]
        props.pop("type")
        required = [r for r in body.get("required", []) if r != "type"]
        if required:
            body["required"] = required
        else:
            body.pop("required", None)
            bare.append(kind)
        body["title"] = kind
        doc = _docstring(cls)
        name = f"{family.lower()}.{kind}"
        defs[name] = body
        ref = {"$ref": f"#/$defs/{name}"}
        if single[kind] is not None:
            value: dict[str, Any] = copy.deepcopy(props[single[kind]])
        else:
            options: list[dict[str, Any]] = [ref]
            if not required:
                options.append({"type": "null"})
            if "value" in props and set(required) <= {"value"}:
                options.append(copy.deepcopy(props["value"]))
            value = options[0] if len(options) == 1 else {"anyOf": options}
        value["title"] = kind
        value["description"] = doc
        one_key.append({
            "title": kind,
            "type": "object",
            "properties": {kind: value},
            "required": [kind],
            "additionalProperties": False,
        })
        tagged.append({
            **copy.deepcopy(body),
            "title": f"{kind} (tagged)",
            "properties": {"type": {"const": kind}, **copy.deepcopy(props)},
            "required": ["type", *required],
        })
    alternatives = one_key
    if bare:
        alternatives.append({
            "title": f"{family.lower()} with every field at its default",
            "type": "string",
            "enum": bare,
        })
    return {
        "title": family,
        "description": f"One {family.lower()}, written as a one-key mapping: "
        f"`{{kind: {{field: value, ...}}}}`.",
        "oneOf": alternatives + tagged,
    }


# ----- reading the models -----------------------------------------------------------------------


def _docstring(obj: Any) -> str:
    """The docstring as prose: paragraphs joined onto one line, bullet items kept apart."""
    doc = inspect.cleandoc(obj.__doc__ or "")
    paragraphs = []
    for para in re.split(r"\n\s*\n", doc):
        lines = [ln.strip() for ln in para.splitlines()]
        if lines and lines[0].startswith("- "):
            items: list[str] = []
            for ln in lines:
                if ln.startswith("- ") or not items:
                    items.append(ln)
                else:
                    items[-1] += " " + ln
            paragraphs.append("\n".join(items))
        else:
            paragraphs.append(" ".join(lines))
    return "\n\n".join(p for p in paragraphs if p)


@dataclass(frozen=True)
class EntryDoc:
    """One effect or condition, as the reference shows it."""

    family: str
    kind: str
    cls: type[Entry]
    text: str
    example: str
    example_note: str
    single: str | None  # the one field that a bare value fills (``value`` or ``items``)
    bare: bool  # every field has a default: the kind's name alone is enough


def entry_docs(family: str) -> list[EntryDoc]:
    """Each effect (``family="Effect"``) or condition, in registry order."""
    classes = FAMILIES[family]
    single = body_fields(classes)
    out = []
    for cls in classes:
        kind = _kind(cls)
        doc = _docstring(cls)
        m = re.search(r"Example:\s*`([^`]+)`(.*)$", doc, re.S)
        if m:
            text = doc[: m.start()].strip()
            example = m.group(1).strip()
            note = m.group(2).strip().rstrip(".").strip()
            note = note[1:-1] if note.startswith("(") and note.endswith(")") else note
        else:
            text, example, note = doc, "", ""
        fields = {n: f for n, f in cls.model_fields.items() if n != "type"}
        out.append(EntryDoc(
            family, kind, cls, text, example, note, single[kind],
            all(not f.is_required() for f in fields.values()),
        ))
    return out


def example_yaml(entry: EntryDoc) -> str:
    """The example set where it would stand in a scenario file."""
    if entry.family == "Effect":
        return f"effects:\n  - {entry.example}\n"
    return f"condition:\n  {entry.example}\n"


def _unwrap(ann: Any) -> Any:
    while get_origin(ann) is Annotated:
        ann = get_args(ann)[0]
    return ann


def _entry_family(ann: Any) -> str | None:
    ann = _unwrap(ann)
    if get_origin(ann) in (Union, types.UnionType):
        args = set(get_args(ann))
        for family, classes in FAMILIES.items():
            if args == set(classes):
                return family
    return None


def _models_in(ann: Any) -> list[type[BaseModel]]:
    """The scenario models an annotation refers to (effects and conditions aside)."""
    ann = _unwrap(ann)
    if _entry_family(ann):
        return []
    if isinstance(ann, type) and issubclass(ann, BaseModel):
        return [ann]
    return [m for arg in get_args(ann) for m in _models_in(arg)]


TITLES = {
    "Scenario": "The scenario file",
    "AIProfile": "AI profile",
}


def title_of(model: type[BaseModel]) -> str:
    name = model.__name__
    return TITLES.get(name, name.removesuffix("Def"))


def slug(heading: str) -> str:
    """The anchor GitHub gives a heading."""
    text = re.sub(r"[^\w\- ]", "", heading.lower())
    return text.replace(" ", "-")


def _link(text: str, heading: str) -> str:
    return f"[{text}](#{slug(heading)})"


def scenario_models() -> list[tuple[type[BaseModel], list[tuple[type[BaseModel], str]]]]:
    """Every model a scenario file is made of, from the top level down (depth first), with
    where each is used: (parent model, field key)."""
    order: list[type[BaseModel]] = []
    used: dict[type[BaseModel], list[tuple[type[BaseModel], str]]] = {}

    def visit(model: type[BaseModel]) -> None:
        order.append(model)
        used.setdefault(model, [])
        for name, info in model.model_fields.items():
            for sub in _models_in(info.annotation):
                first = sub not in used
                used.setdefault(sub, []).append((model, info.alias or name))
                if first:
                    visit(sub)

    visit(Scenario)
    return [(m, used[m]) for m in order]


ID_PATTERN = Scenario.model_fields["id"].metadata[0].pattern
NUMBER_WORDS = {bool: "`true`/`false`", int: "whole number", float: "number", str: "text"}
PLURALS = {"whole number": "whole numbers", "number": "numbers"}


def type_text(ann: Any, plural: bool = False) -> str:
    """A field's type in words, with links to the sections that describe composite types."""
    if ann is Date:
        return _link("date" + ("s" if plural else ""), "Dates")
    ann = _unwrap(ann)
    family = _entry_family(ann)
    if family:
        word = family.lower() + ("s" if plural else "")
        return _link(word, family + "s")
    origin, args = get_origin(ann), get_args(ann)
    if origin in (Union, types.UnionType):
        return " or ".join(type_text(a, plural) for a in args if a is not type(None))
    if origin is Literal:
        return "one of " + ", ".join(f"`{a}`" for a in args)
    if origin is list:
        return "list of " + type_text(args[0], plural=True)
    if origin is dict:
        return f"mapping of {type_text(args[0])} to {type_text(args[1])}"
    if origin is tuple:
        if len(set(args)) == 1:
            return f"pair of {type_text(args[0], plural=True)}"
        return "[" + ", ".join(type_text(a) for a in args) + "]"
    if ann is Factor:
        return _link("factor" + ("s" if plural else ""), "Factors")
    if ann is Power:
        return _link("power" + ("s" if plural else ""), "Powers")
    if isinstance(ann, type) and issubclass(ann, BaseModel):
        return _link(title_of(ann), title_of(ann))
    word = NUMBER_WORDS.get(ann, getattr(ann, "__name__", str(ann)))
    return PLURALS.get(word, word) if plural else word


def _num(x: Any) -> str:
    return f"{x:g}" if isinstance(x, float) else str(x)


def bounds_text(info: FieldInfo) -> str:
    """The bounds pydantic enforces on a field, in words."""
    found: dict[str, Any] = {}
    for m in info.metadata:
        for key in ("ge", "gt", "le", "lt", "min_length", "max_length", "pattern"):
            value = getattr(m, key, None)
            if value is not None:
                found[key] = value
    parts = []
    if "ge" in found and "le" in found:
        parts.append(f"from {_num(found['ge'])} to {_num(found['le'])}")
    else:
        for key, words in (("ge", "at least"), ("gt", "more than"), ("le", "at most"),
                           ("lt", "less than")):
            if key in found:
                parts.append(f"{words} {_num(found[key])}")
    if "min_length" in found:
        n = found["min_length"]
        parts.append(f"at least {n} item{'s' if n != 1 else ''}")
    if "max_length" in found:
        parts.append(f"at most {found['max_length']} items")
    if "pattern" in found and found["pattern"] not in (ID_PATTERN, DATE_PATTERN,
                                                       PERIOD_PREFIX_PATTERN):
        parts.append(f"matching `{found['pattern']}`")
    return ", ".join(parts)


def field_type(info: FieldInfo) -> str:
    pattern = next((getattr(m, "pattern", None) for m in info.metadata
                    if getattr(m, "pattern", None)), None)
    links = {ID_PATTERN: _link("identifier", "Identifiers"), DATE_PATTERN: _link("date", "Dates")}
    text = links.get(pattern) or type_text(info.annotation)
    bounds = bounds_text(info)
    return f"{text}, {bounds}" if bounds else text


def default_text(info: FieldInfo) -> str:
    if info.is_required():
        return "**required**"
    value = info.default_factory() if info.default_factory is not None else info.default
    return _value_text(value)


def _value_text(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, BaseModel):
        return "all defaults"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, Enum):
        return f"`{value.value}`"
    if isinstance(value, str):
        return f"`{value}`" if value else '`""`'
    if isinstance(value, (list, tuple)):
        return "`[" + ", ".join(_plain(v) for v in value) + "]`"
    if isinstance(value, dict):
        return "`{" + ", ".join(f"{k}: {_plain(v)}" for k, v in value.items()) + "}`"
    return f"`{value!r}`"


def _plain(value: Any) -> str:
    return _value_text(value).strip("`")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def field_rows(model: type[BaseModel], skip: tuple[str, ...] = ()) -> list[str]:
    rows = ["| field | type | default | description |", "|---|---|---|---|"]
    for name, info in model.model_fields.items():
        if name in skip:
            continue
        key = info.alias or name
        rows.append(
            f"| `{key}` | {_cell(field_type(info))} | {_cell(default_text(info))} | "
            f"{_cell(info.description or '')} |"
        )
    return rows


# ----- the markdown ---------------------------------------------------------------------------


INTRO = """\
Politburo's rules know nothing about Stalin, Trotsky or the year 1924. Everything that makes the
main game about Lenin's succession comes from a scenario file: the people and their qualities,
their offices, the party's regions and their numbers, the organs that vote, the ladder by which
a loser is pushed out, the dates of the Congresses, the event cards, the endings, and every
number the rules use. You can write your own scenario — one chapter of the same struggle,
another succession, or a fictional republic — with a text editor and no Python at all.

A scenario is one [YAML](https://yaml.org) file, saved as UTF-8 text. Two shipped files are
good company while you write: `tests/data/two_rivals.yaml`, a tiny fictional scenario, and
`scenarios/succession_1924.yaml`, the main scenario, large and commented.

This page has three parts. [Your first scenario in 30 minutes](#your-first-scenario-in-30-minutes)
starts from a small working scenario and changes it, one command at a time. The
[tutorial](#tutorial-your-first-scenario) builds the same small scenario from an empty file and
explains every part of it. The [reference](#reference) lists every field, effect, condition,
rule and action. The reference is generated from the game's own definitions by
`python -m game.content.reference`, so it always matches what the game accepts; do not edit
this file by hand.
"""

INTRO_TOOLS = """\
## The tools

- `politburo validate FILE`: checks a scenario and lists every problem with its line and
  column.
- `politburo play --text --scenario FILE`: plays your scenario in the terminal.
- `politburo play --auto --scenario FILE`: lets the AI play every seat and prints what
  happened.
- `politburo check FILE --games 100`: plays many AI games: endings reached, events never
  fired, milestones against history. With `--json`, one JSON document for your CI: win rates,
  outcomes, milestones, and under `events` and `choices` how many games fired each event and
  took each choice.
- `politburo lab --scenario FILE --sweep NAME=FROM:TO:STEP`: plays the scenario with one rule
  at each value of a grid and charts who wins against it.
- `politburo calibrate FILE`: fits some rules to your milestones and writes them to an overlay
  file for you to review.
- `politburo check FILE --overlay OVERLAY`: plays your scenario with the rules of an overlay
  (`lab` takes it too), before you copy them in.
- `politburo schema`: prints the JSON Schema of the scenario format, for your editor.
- `politburo validate --upgrade FILE`: converts a scenario written for the format's older,
  looser reading (see [Upgrading an older scenario](#upgrading-an-older-scenario)).
- `politburo play --text --debug --scenario FILE`: plays it with the debug console, and F5 on
  the window's board reloads the scenario's file: see
  [testing while you play](#testing-while-you-play).

### Testing while you play

The debug console of the terminal game fires an event card now, sets a value, lets the AI jump
ahead and prints any part of the state, so you can see what a card does without waiting for
its date and its dice. Start a game with `politburo play --text --debug --scenario FILE`, then
at the prompt type `:` and a command (`:help` lists them):

- `:show contender stalin`: a contender's rung, offices, support, qualities, line, allies,
  trust and dossiers; also `:show region ID`, `:show office ID`, `:show organs`, `:show flags`,
  `:show rules`, `:show mood` and `:show cards`.
- `:fire testament read_to_congress`: fires a card now with that choice; without a choice, its
  deciders choose with this turn's orders.
- `:set quality stalin prestige 40`: sets a value: `quality WHO QUALITY N`, `line WHO N`,
  `trust WHO TOWARD N`, `loyalty REGION WHO SHARE`, `rung WHO RUNG`, `flag NAME N`,
  `rule NAME VALUE`, `mood line N` or `mood unity N`.
- `:effect {grant_office: {who: trotsky, office: general_secretary}}`: runs effects written as
  in a scenario file (one, or a list).
- `:jump 8`: the AI plays every seat, yours too, until turn 8 begins.

A command that cannot be done gets one line saying why, and the game goes on. Every change is
recorded with the game: its save replays it, so a saved game reaches the same state, and the
save, the debrief and the class summary say that the game was changed with the debug console,
so that a teacher does not take it for a game played by the rules.

In the window, F5 on the board reads the scenario's file again. If it is still valid and has
changed, the window says what changed (events, regions... added, removed or changed, and the
other fields) and the game goes on with the new version: the game's record (its seed, every
turn's orders, the console's changes) is replayed on it from the start, so the game stands
where it would had it been played on the new version all along, and this turn's choices are
made again. If the file is now invalid, the window gives the validator's first problem in one
line; if the record no longer fits the new version (an order for a card that has moved, say),
it says which turn's orders; either way the game goes on with the scenario as it was. A game
played on after a reload is marked as changed, as the console's games are.

## Editor support

Editors that use the YAML language server (Visual Studio Code with Red Hat's YAML extension,
and many others) complete field names, show each field's description as you type, and
underline mistakes. Save the schema next to your scenario once:

```sh
politburo schema > scenario.schema.json
```

then make this the first line of your scenario file:

```yaml
# yaml-language-server: $schema=scenario.schema.json
```

The scenarios shipped with the game begin with the same line, pointing to
`docs/scenario.schema.json` in the game's folder. The schema and `politburo validate` accept
and refuse the same values; the validator also checks what a schema cannot: that names refer to
something, that dates fall in the calendar, that loyalty shares sum to at most 1, and the likely
mistakes it warns of.

## Upgrading an older scenario

Scenarios were once read with YAML 1.1's booleans and with numbers in quotes taken as numbers.
Both are refused now, as editors refuse them: `seats: "7"` is text, and `playable: yes` is
not a switch (only `true` and `false` are). One command converts such a file:

```sh
politburo validate --upgrade my_scenario.yaml
```

It writes `7` for `"7"` and `true` for `yes` (and `false` for `no` and `off`) wherever the
format wants a number or a switch, says what it changed line by line, and keeps the old file
beside it as `my_scenario.yaml.bak`. Only those values are touched: comments, layout and
everything else stay as you wrote them. It then validates the result, so you see at once
anything else to fix. A file that needs no change is left alone.

## Scenario files are only data

Nothing in a scenario file is ever run as a program. The game reads it as plain data, refuses
files that are too large or too deeply nested, and checks every value before a game starts. A
teacher can give students any scenario file without risk.
"""


# ----- your first scenario in 30 minutes --------------------------------------------------------
# The walk-through changes the template that `politburo new` writes; its YAML blocks are the
# constants below, which tests/content/test_reference.py pastes into the template in the same
# places to prove that every command says what the page says it does.

QUICK_FILE = "river.yaml"
QUICK_RENAMED = {"id: harbour_commune": "id: river_port",
                 "title: The Harbour Commune": "title: The River Port"}
QUICK_CONTENDER = """\
  - id: ruth
    name: Ruth Adler
    short: Adler
    bio: Leader of the dockers' union. Blunt, popular on the quays, new to the committee.
    qualities: {prestige: 60, oratory: 75, organisation: 50, health: 90, threat: 40}
    line: -0.7
    status: bureau
    offices: [union]
    colour: "#1e8449"
    ai:
      weights: {speech: 3, platform: 2}
"""
QUICK_SEATS = {"politburo: {name: Bureau, seats: 5}": "politburo: {name: Bureau, seats: 6}"}
QUICK_OFFICE = """\
  - id: union
    name: Chair of the Dockers' Union
    post: "the chair of the Dockers' Union"
    powers: [press]
    base_regions: [docks]
    rank: 6
"""
QUICK_EVENT = """\
  - id: dock_strike
    title: The dock strike
    when: 1931-Q2
    factor: ideology
    text: The dockers down tools over a wage cut. Adler must lead the strike or call it off.
    history: Fictional.
    source: None
    decider: ruth
    choices:
      - id: lead_strike
        label: Lead the strike
        effects:
          - loyalty: {who: ruth, regions: [docks], amount: 0.2}
          - quality: {who: ruth, quality: threat, amount: 15}
          - mood: {line: -0.2}
        ai_appeal: {ruth: 4}
      - id: call_it_off
        label: Call it off and keep the peace
        effects:
          - quality: {who: ruth, quality: prestige, amount: -10}
          - trust: {who: anna, toward: ruth, amount: 0.3}
        ai_appeal: {ruth: 1, anna: 4}
"""
QUICK_MILESTONE = """\

milestones:
  - id: drozd_leaves_bureau
    title: Drozd loses his seat in the Bureau
    when: 1932-Q3
    text: In the commune's invented history, the autumn plenum of 1932 voted the editor out.
    condition:
      not: {in_organ: {who: pavel, organ: politburo}}
    source: Fictional.
"""
# What the commands print at the steps that quote them (tests/content/test_reference.py runs
# them and compares).
QUICK_SAYS = {
    "new": "Wrote scenario.schema.json: the JSON Schema your editor reads to complete and check "
    "the fields.\nWrote river.yaml: the Harbour Commune, a small scenario to start from (two "
    "rivals, three regions, eight quarters).\nNext: give it your own id and title, then run: "
    "politburo validate river.yaml",
    "bad_id": "river.yaml:6:5: error: 'River Port' is not an id: use lower-case letters a-z, "
    "digits and _, starting with a letter (did you mean 'river_port'?)",
    "contender": "river.yaml:46:15: error: contender 'ruth': unknown office 'union' (expected "
    "one of: editor, secretary)\nriver.yaml:87:53: warning: 3 notables start in the Bureau, but "
    "only 2 of its 5 seats are left after the contenders: the game seats those most loyal to "
    "the Central Committee's largest faction and leaves the others out (give the Bureau more "
    "seats, or list fewer notables in it)",
    "decider": "river.yaml:176:14: error: event 'dock_strike': unknown decider 'rut' (did you "
    "mean 'ruth'?)",
}
# Where each block goes: before the first line of the template that starts a section.
QUICK_PLACES = (
    (QUICK_CONTENDER, "offices:"),
    (QUICK_OFFICE, "regions:"),
    (QUICK_EVENT, "rules:"),
)


def quick_edit(text: str, block: str, before: str | None = None) -> str:
    """``text`` with ``block`` pasted at the end of the section that ends before the line
    ``before`` (at the very end of the file when ``before`` is None), as the walk-through asks."""
    if before is None:
        return text.rstrip("\n") + "\n" + block
    head, sep, tail = text.partition(f"\n\n{before}\n")
    if not sep:
        raise ValueError(f"the template has no section {before!r}")
    return f"{head}\n{block}\n{before}\n{tail}"


QUICKSTART = """\
## Your first scenario in 30 minutes

You need the game (the `politburo` command; in a copy of the source code, `python -m game` does
the same) and a text editor. You will start from a small scenario that works, give it your own
name, and add a rival, an office, an event card with a choice and a milestone, checking the
file after each change. Work in a folder of your own:

```sh
mkdir my_scenarios
cd my_scenarios
```

### 1. Copy the template (2 minutes)

```sh
politburo new river.yaml
```

You should see:

```text
<SAYS_NEW>
```

`river.yaml` is *The Harbour Commune*: a party secretary (`anna`) and a newspaper editor
(`pavel`) compete for a port city's party over eight quarters. The
[tutorial](#tutorial-your-first-scenario) below explains every line of it. `politburo new`
never overwrites a file; give it another name if `river.yaml` exists. Open the file in your
editor; if the editor has the YAML language server (see [Editor support](#editor-support)),
the first line already connects it to the schema that was written beside it.

### 2. Check it (1 minute)

```sh
politburo validate river.yaml
```

You should see `river.yaml: ok`. The validator is your main tool: run it after every change.

### 3. Give it your own name (3 minutes)

Near the top, change the `id` and the `title`:

```yaml
id: river_port
title: The River Port
```

An id is written in lower case with `_` between words. Had you written `id: River Port`, the
validator would point at the line and column and suggest a fix:

```text
<SAYS_BAD_ID>
```

Change the `description` too if you like, and validate again: `river.yaml: ok`.

### 4. Add a contender (5 minutes)

A third rival: the leader of the dockers' union. Paste this at the end of the `contenders:`
list, just before the blank line and `offices:`, indented like the two contenders above it:

```yaml
<CONTENDER>```

Validate. This time the validator finds two problems:

```text
<SAYS_CONTENDER>
```

The error says that Adler holds an office that does not exist yet: the next step adds it. The
warning says that the Bureau (the scenario's name for its top organ) is now too small for
three contenders and three seated notables. Give it a sixth seat under `organs:`:

```yaml
  politburo: {name: Bureau, seats: 6}
```

### 5. Add an office (3 minutes)

Paste this at the end of the `offices:` list, before `regions:`. Its power `press` makes
Adler's articles reach further, and its base region, the docks, backs whoever holds it:

```yaml
<OFFICE>```

Validate: `river.yaml: ok`.

### 6. Add an event card with a choice (5 minutes)

Paste this at the end of the `events:` list, before `rules:`. On its date, the card asks its
`decider` to choose; each choice has its own effects, and `ai_appeal` says how much the
computer players like it (0 to 5):

```yaml
<EVENT>```

Validate: `river.yaml: ok`. Misspell the decider (`decider: rut`) and the validator asks:

```text
<SAYS_DECIDER>
```

### 7. Add a milestone (3 minutes)

A milestone is a turning point with its date in your scenario's history; the game notes when
each game reaches it, so you can see whether the scenario plays out as history did. Paste this
at the very end of the file:

```yaml
<MILESTONE>```

Validate: `river.yaml: ok`.

### 8. Let the computer play it many times (3 minutes)

```sh
politburo check river.yaml --games 20
```

The first `check` on a computer compiles the game's rules, which takes a few minutes; later
ones take seconds. The games use the seeds 0 to 19, so every run plays the same games, and the
report begins like this:

```text
CHECK OF The River Port (river_port)
  file: river.yaml
  20 all-AI games, seeds 0-19, AI difficulty standard, full length: 20 played to the end, 0 crashed
  turns per game: 8 (the scenario has 8)

OUTCOMES REACHED (games in which each contender ended with each outcome)
Outcome    Rank  Volkova  Drozd  Adler  Name
---------  ----  -------  -----  -----  -----------------------
colleague     2       20     17      9  One voice among several
sidelined     1        0      3     11  Sidelined
  Never reached: Leader of the commune (leader)
```

Then come the win rates, your milestone (how many games reached it, and how near its date),
the factors, and the event cards that never fired, the choices never taken and the actions
nobody chose. Here nobody ever becomes *Leader of the commune*: in eight quarters no one
pushes two rivals out of the Bureau. Make the best ending easier to reach, or the game longer
(`calendar: turns`), and run `check` again. With `--json` the same report is one JSON document
for a script.

### 9. Play it (5 minutes)

```sh
politburo play --text --scenario river.yaml --contender ruth
```

The terminal shows how you win, the Bureau, the regions and your numbered actions; type the
numbers of the actions you choose, `d` to end your turn, `?` for help and `q` to save and
quit. In the second quarter your own card, *The dock strike*, asks you to choose.
`politburo play --scenario river.yaml` opens the same game in the window.

### Where next

The [tutorial](#tutorial-your-first-scenario) explains every part of the file you have just
changed; the [reference](#reference) lists everything a scenario can hold. The shipped
scenarios are larger examples: `scenarios/succession_1924.yaml` (Lenin's succession) and
`scenarios/succession_1953.yaml` (Stalin's) in the game's folder.
"""
for _mark, _block in (("<CONTENDER>", QUICK_CONTENDER), ("<OFFICE>", QUICK_OFFICE),
                      ("<EVENT>", QUICK_EVENT), ("<MILESTONE>", QUICK_MILESTONE.lstrip("\n")),
                      *((f"<SAYS_{k.upper()}>", v) for k, v in QUICK_SAYS.items())):
    QUICKSTART = QUICKSTART.replace(_mark, _block)


@dataclass(frozen=True)
class Step:
    title: str
    before: str
    yaml: str
    after: str = ""
    complete: bool = False  # the file so far is a whole, playable scenario


TUTORIAL_INTRO = """\
This tutorial writes a small fictional scenario, *The Harbour Commune*: two rivals, a party
secretary and a newspaper editor, struggle for a port city's party over eight quarters. Each
step adds one part of the file and explains it. From step 7 on, the file is a complete
scenario that you can play; the steps after that add meetings, event cards and rule changes.
Save the file as `harbour.yaml`; any name ending in `.yaml` will do.
"""

TUTORIAL = (
    Step(
        "Start the file",
        """\
Every scenario begins with who it is and when it happens. The first line is the editor
comment described above; then come the scenario's `id` (a short
[identifier](#identifiers)), its `title` and `description`, which players see in the menu,
and the `dates` it covers, as plain text. The `calendar` says how many turns the game lasts
and which date the first turn is. A turn is a quarter of a year unless you change
`periods_per_year`, so dates are written `1931-Q1`, `1931-Q2` and so on.""",
        """\
# yaml-language-server: $schema=scenario.schema.json
id: harbour_commune
title: The Harbour Commune
description: >-
  A fictional port city, 1931. The secretary of the party committee and the editor of its
  newspaper both mean to lead the commune. Two years will decide which of them does.
dates: "1931-1932"
calendar:
  start_year: 1931
  turns: 8
""",
        """\
Check the file:

```sh
politburo validate harbour.yaml
```

The validator lists the parts that are still missing — contenders, regions, organs, the
ladder and the outcomes. That is expected: the next steps add them one by one.""",
    ),
    Step(
        "Two contenders",
        """\
Contenders are the rivals; players and the AI take their seats. Each has an `id` that the
rest of the file uses to name them, a full `name` and a `short` one, and a `bio`. Their
`qualities` run from 0 to 100: prestige, oratory, organisation (70 or more gives an extra
action point each turn), health, and threat (how much rivals fear them). Their `line` places
them between Left (-1) and Right (+1). `status` is the rung of the removal ladder where they
start (step 6 defines the rungs), `offices` the posts they hold (step 3), and `colour` how
the board draws them. The `ai`
weights tell the computer which actions this character favours: 1 is neutral, 3 a favourite,
0 never.""",
        """\
contenders:
  - id: anna
    name: Anna Volkova
    short: Volkova
    bio: Secretary of the party committee. Patient, tidy, and present at every meeting.
    qualities: {prestige: 45, oratory: 35, organisation: 85, health: 80, threat: 35}
    line: 0.2
    status: bureau
    offices: [secretary]
    colour: "#b03a2e"
    ai:
      weights: {appoint: 3, dossier: 2}
  - id: pavel
    name: Pavel Drozd
    short: Drozd
    bio: Editor of the Harbour Worker and the city's best speaker. The dockers love him.
    qualities: {prestige: 85, oratory: 85, organisation: 70, health: 65, threat: 25}
    line: -0.5
    status: bureau
    offices: [editor]
    colour: "#1f618d"
    ai:
      weights: {speech: 3, article: 2}
""",
    ),
    Step(
        "Offices",
        """\
Offices are what the rivals hold. `powers` say what an office lets its holder do: the
secretary can appoint regional secretaries (`appoint`), set the agenda (`agenda`), keep
dossiers (`dossiers`) and run recruitment drives (`recruit`); the editor has a newspaper
(`press`). `action_points` adds to the holder's points each turn. `base_regions` are regions
that back whoever holds the office, and stop backing them when they lose it.""",
        """\
offices:
  - id: secretary
    name: Committee Secretary
    powers: [appoint, agenda, dossiers, recruit]
    action_points: 1
    rank: 10
  - id: editor
    name: Editor of the Harbour Worker
    powers: [press]
    base_regions: [docks]
    rank: 5
""",
    ),
    Step(
        "Regions",
        """\
Regions are the party's local organisations. Each has a number of `members`, and a
`loyalty` share for each contender: 0.35 means 35% of its members follow that contender.
The shares may add up to less than 1; the rest are uncommitted. A region's `secretary` names
the contender who appointed its secretary, if any: secretaries pull their region towards
their patron every turn. A region's `line` is its own lean, Left to Right.""",
        """\
regions:
  - id: docks
    name: The Docks
    members: 7000
    loyalty: {pavel: 0.35, anna: 0.1}
    line: -0.4
  - id: mills
    name: The Mills
    members: 6000
    secretary: anna
    loyalty: {anna: 0.3, pavel: 0.1}
  - id: villages
    name: The Villages
    members: 3000
    loyalty: {anna: 0.15}
    line: 0.5
""",
    ),
    Step(
        "Organs and notables",
        """\
The `organs` are the party pyramid: the regions send delegates to the Congress, the Congress
elects the Central Committee, and the Central Committee elects the Politburo. Give each its
name in your scenario and its size. Here the Politburo is called the Bureau and has five
seats: the two contenders, and three `notables` — party leaders who are not contenders but
sit and vote in the Bureau. A notable's `loyalty` works like a region's; `politburo: true`
seats them at the start. Nadia starts outside the Bureau and may be elected when a seat
falls empty.""",
        """\
organs:
  politburo: {name: Bureau, seats: 5}
  central_committee: {name: City Committee, seats: 40}
  congress: {name: City Conference, seats: 300}
notables:
  - {id: marta, name: Marta Lind, line: 0.3, loyalty: {anna: 0.4}, politburo: true}
  - {id: oleg, name: Oleg Sarkis, line: -0.3, loyalty: {pavel: 0.4}, politburo: true}
  - {id: lev, name: Lev Baum, line: 0.0, politburo: true}
  - {id: nadia, name: Nadia Kurz, line: -0.1}
""",
    ),
    Step(
        "The ladder of removal",
        """\
The `ladder` lists, from the top down, the rungs a contender can be pushed down. A rival who
is successfully accused first loses all their offices, then one rung at a time. Each rung says
whether someone standing on it sits in the Politburo, in the Central Committee and in the
party, whether they can still act, and which organ's vote (`removed_by`) moves them to the
next rung, with what `majority`. The last rung has no `removed_by`: it is the bottom.""",
        """\
ladder:
  - id: bureau
    name: Bureau member
    in_politburo: true
    in_central_committee: true
    removed_by: central_committee
  - id: committee
    name: Committee member
    in_central_committee: true
    removed_by: central_committee
  - id: member
    name: Rank-and-file member
    removed_by: congress
    majority: 0.67
  - id: expelled
    name: Expelled
    in_party: false
    can_act: false
""",
    ),
    Step(
        "Outcomes",
        """\
`outcomes` grade how each contender ends the game. When the last turn is over, the game tries
them in order for each contender, and the first whose `condition` holds is theirs; the last one
usually has no condition, so that everyone gets some ending. Conditions are written as
one-key mappings: the name of the [condition](#conditions), then its fields. `self` means the
contender being graded.""",
        """\
outcomes:
  - id: leader
    name: Leader of the commune
    rank: 3
    description: Your faction holds the Bureau, and your rival has been pushed out of it.
    condition:
      all:
        - politburo_majority: {who: self}
        - rivals_out_of: {organ: politburo}
  - id: colleague
    name: One voice among several
    rank: 2
    description: You still sit in the Bureau, but nobody rules it alone.
    condition:
      in_organ: {organ: politburo}
  - id: sidelined
    name: Sidelined
    rank: 1
    description: You have lost your seat in the Bureau.
""",
        """\
The file is now a complete scenario. Validate it again; it should report no errors. Then play
it, or let the AI play every seat and watch:

```sh
politburo validate harbour.yaml
politburo play --text --scenario harbour.yaml
politburo play --auto --scenario harbour.yaml
```""",
        complete=True,
    ),
    Step(
        "Meetings",
        """\
The Bureau meets every turn by itself. `meetings` schedule the Central Committee's plenums
and the Congress on their dates. A plenum votes on the charges waiting for it and elects the
Politburo; a Congress elects a new Central Committee from delegates who come from the regions
in proportion to their members, which is how patronage climbs the pyramid.""",
        """\
meetings:
  - {organ: central_committee, when: 1931-Q2, name: Spring plenum}
  - {organ: congress, when: 1931-Q4, name: First City Conference, delegates: 300, cc_seats: 40}
  - {organ: central_committee, when: 1932-Q3, name: Autumn plenum}
""",
    ),
    Step(
        "Event cards",
        """\
`events` are the cards drawn at the start of a turn. A card fires on its `when` date (or by
chance inside a `window` of dates), and only if its `condition`, when it has one, holds. A
card without choices simply applies its [effects](#effects). A card with `choices` waits for
its `decider`: a contender, the holder of an office (`office:secretary`), or `vote`, where
every contender backs a choice and their following in the Central Committee decides. Each
choice's `ai_appeal` says how much each contender's AI likes it, from 0 to 5. Every card also
carries a historical note (`history`) and its `source`; for a fictional scenario, say so.

The first card opens a recruitment drive by changing a rule: while it is open, the secretary
can recruit new members, who follow the patron of their region's secretary. The second asks the
whole party to choose whom to blame for a bread shortage, which moves the mood of the party
Left or Right.""",
        """\
events:
  - id: enrolment
    title: The enrolment
    when: 1931-Q1
    factor: patronage
    text: The committee opens the party to the workers of the new shipyard.
    history: Fictional.
    source: None
    effects:
      - rule: {name: enrolment_open, value: true}
  - id: bread_queues
    title: Bread queues
    when: 1931-Q3
    factor: ideology
    text: Bread runs short in the docks. Whom does the party blame?
    history: Fictional.
    source: None
    decider: vote
    choices:
      - id: blame_traders
        label: Blame the private traders
        effects:
          - mood: {line: -0.3}
        ai_appeal: {pavel: 4, anna: 1}
      - id: blame_planners
        label: Blame the planners
        effects:
          - mood: {line: 0.3}
        ai_appeal: {anna: 4, pavel: 1}
""",
    ),
    Step(
        "Tuning the rules",
        """\
Every number the rules use has a default, listed under [Rules](#rules). A scenario changes
only the ones it names. This commune is wary of purges, so its members need more convincing
before they vote to remove a comrade. `action_costs` could likewise change what an
[action](#actions) costs.""",
        """\
rules:
  accusation_presumption: 1.3
""",
        """\
To see how a change plays out, let the AI play many games and compare the reports:

```sh
politburo check harbour.yaml --games 100
```

If one contender wins almost every game, or an event never fires, the report says so;
adjust the numbers and run it again. To see what one rule does, sweep it: the lab plays the
scenario at each value, on the same seeds, and charts each contender's share of wins against
it (with `-o sweep.html`, a page that prints in black and white):

```sh
politburo lab --scenario harbour.yaml --sweep accusation_presumption=0.6:1.8:0.3 --games 100
```

If your scenario has [milestones](#milestone), the dates its history reached, `politburo
calibrate` searches for the rule values that bring the games closest to them. It writes what
it found to a small overlay file (`harbour.calibrated.yaml`: the values, each with what it
was and the bounds searched) and never touches your scenario. Try the overlay on other games,
and copy the values you keep into `rules:`:

```sh
politburo calibrate harbour.yaml --tune accusation_presumption=0.5:2 --games 40 --budget 60
politburo check harbour.yaml --overlay harbour.calibrated.yaml --seed 1000 --games 200
```

[The lab's guide](lab.md#calibrating-a-scenario) says what the numbers can and cannot tell
you.""",
    ),
)


def tutorial_yaml(steps: int | None = None) -> str:
    """The tutorial's scenario after its first ``steps`` steps (all of them by default)."""
    chosen = TUTORIAL if steps is None else TUTORIAL[:steps]
    return "\n".join(step.yaml for step in chosen)


TEMPLATE_NOTE = """\
# The Harbour Commune: a small fictional scenario to start from, written by `politburo new`.
# It is the whole file that the tutorial in the game's docs/modding.md builds step by step, and
# that page's reference lists every field it could hold. Rename it (its `id` and `title`),
# change it, then check it with `politburo validate FILE`.
"""


def template_yaml() -> str:
    """The template `politburo new` writes: the tutorial's whole file, its first line the
    editor's schema comment, then a note on where it comes from."""
    first, rest = tutorial_yaml().split("\n", 1)
    return f"{first}\n{TEMPLATE_NOTE}{rest}"


def _tutorial() -> list[str]:
    out = ["## Tutorial: your first scenario", "", TUTORIAL_INTRO]
    for i, step in enumerate(TUTORIAL, 1):
        out += [f"### Step {i}: {step.title}", "", step.before, "", "```yaml", step.yaml.rstrip(),
                "```", ""]
        if step.after:
            out += [step.after, ""]
    out += [
        f"### Step {len(TUTORIAL) + 1}: The whole file",
        "",
        "Here is the whole scenario. Change the people, the numbers and the cards, and it is "
        "yours.",
        "",
        "```yaml",
        tutorial_yaml().rstrip(),
        "```",
        "",
    ]
    return out


CONVENTIONS = """\
### Identifiers

Most things in a scenario have an `id`: contenders, notables, offices, regions, rungs of the
ladder, events, choices and outcomes. An identifier is written in lower case, starts with a
letter, and uses only the letters a-z, the digits 0-9 and `_`: `anna`, `war_commissar`,
`congress_14`. Other parts of the file name things by their identifier, and the validator
tells you when a name refers to nothing.

### Dates

Dates follow the scenario's `calendar`: the year, a dash, the period prefix (`Q` by default)
and the period's number, such as `1925-Q3`. With `periods_per_year: 12` and
`period_prefix: M`, dates are months: `1931-M7`. The JSON Schema checks a date's shape as you
type; the validator also checks its prefix and period against the calendar.

### Numbers, switches and text

Write numbers without quotes (`seats: 7`, not `seats: "7"`: in quotes it is text) and switches
as `true` or `false`. A scenario file is read as YAML 1.2, as editors read it: `yes`, `no`,
`on` and `off` are text, not switches, so `playable: yes` is refused and `name: No` is the
text "No". Files written for YAML 1.1's booleans are converted by
[`politburo validate --upgrade`](#upgrading-an-older-scenario).

Qualities run from 0 to 100. Lines and the party's mood run from -1 (Left) to +1 (Right).
Loyalty, support and chances are shares from 0 to 1: 0.25 is a quarter.

### Who: naming a contender in effects and conditions

Fields called `who`, `a`, `b` or `toward` name a contender: by their `id`, or by one of
these words:

| word | means | where |
|---|---|---|
| `self` | the contender being judged | conditions, above all in outcomes |
| `decider` | whoever decided the current event | effects and conditions of an event |
| `chooser` | each contender who backed this choice | a choice's `chooser_effects` |
| `office:<office id>` | whoever holds that office now, such as `office:secretary` | everywhere |
| `nobody` | no one | the `secretary` effect: a secretary who owes their post to nobody |

### Writing effects and conditions

An effect or a condition is a mapping with one key: its name, followed by its fields.

```yaml
effects:
  - loyalty: {who: pavel, regions: [docks], amount: 0.2}
condition:
  holds_office: {who: anna, office: secretary}
```

Two shorter spellings are accepted. Kinds that take a single value are written with the
value alone: `after: 1931-Q3`, `not: {platform: {who: pavel}}`, `all: [...]`. Kinds whose
fields all have defaults may be written as their bare name: `politburo_majority` instead of
`politburo_majority: {}`. The spelling that programs write, with a `type` key, is accepted
too: `{type: after, value: 1931-Q3}`.
"""


SECTION_NOTES = {
    "Scenario": "Each section after this one describes a part of one of these fields.",
    "Rules": "Every rule parameter, with its default. A scenario lists only those it changes, "
    "under `rules`; the `rule` [effect](#effect-rule) changes one during the game. How the rules "
    "use each number is explained in [the model](model.md). An overlay file (`rules:` and the "
    "values, as `politburo calibrate` writes one) sets some of them for `politburo check "
    "--overlay` and `politburo lab --overlay`, within the bounds below; `politburo lab --sweep` "
    "plays one at each value of a grid.",
}


def _model_section(model: type[BaseModel], used: list[tuple[type[BaseModel], str]]) -> list[str]:
    title = title_of(model)
    out = [f"### {title}", ""]
    note = SECTION_NOTES.get(model.__name__)
    doc = _docstring(model) if model.__doc__ and model.__doc__ is not BaseModel.__doc__ else ""
    if doc:
        out += [doc, ""]
    if note:
        out += [note, ""]
    if model is Rules:
        switches = [f"`{n}`" for n, f in Rules.model_fields.items() if f.annotation is bool]
        out += [
            "The switches, which are `true` or `false` and which the `rule` "
            f"[condition](#condition-rule) can test, are {', '.join(switches)}. The other rules "
            "are numbers.",
            "",
        ]
    if used:
        where = ", ".join(f"`{key}` in {_link(title_of(parent), title_of(parent))}"
                          for parent, key in used)
        out += [f"Used as: {where}.", ""]
    out += field_rows(model) + [""]
    return out


def _entry_section(entry: EntryDoc) -> list[str]:
    out = [f"#### {entry.family} `{entry.kind}`", "", entry.text, ""]
    if entry.example:
        intro = f"Example ({entry.example_note}):" if entry.example_note else "Example:"
        out += [intro, "", "```yaml", example_yaml(entry).rstrip(), "```", ""]
    fields = entry.cls.model_fields
    if entry.single is not None:
        info = fields[entry.single]
        out += [
            f"**Value**, written straight after the name: {field_type(info)}. "
            f"{info.description or ''}".rstrip(),
            "",
        ]
        return out
    if entry.bare:
        out += [f"Every field has a default: the bare name `{entry.kind}` takes them all.", ""]
    out += field_rows(entry.cls, skip=("type",)) + [""]
    return out


EFFECTS_INTRO = """\
Effects change the game. They are written in an event's `effects`, in a choice's `effects`
(applied when that choice is taken) and in a choice's `chooser_effects` (applied to each
contender who backed it). Each change is booked under the event's [factor](#factors), so the
debrief can say what it contributed."""

CONDITIONS_INTRO = """\
Conditions test the game without changing it. They decide when an event may fire (its
`condition`) and which ending each contender gets (an outcome's `condition`). `all`, `any`
and `not` combine them."""

ACTION_TARGETS = {
    "none": "—",
    "region": "a region id",
    "contender": "a contender id",
    "direction": " or ".join(f"`{d}`" for d in DIRECTIONS),
    "organ": " or ".join(f"`{o}`" for o in CONVENABLE),
    "office": "an office id",
    "decision": "an event id and a choice id",
}


def _actions() -> list[str]:
    out = [
        "### Actions",
        "",
        "What contenders can do on their turn, and what each costs in action points unless the "
        "scenario's `action_costs` changes it. Some actions need an office with the matching "
        "[power](#powers). The same names are used for a contender's `ai` weights.",
        "",
        "```yaml",
        "action_costs: {accuse: 3, speech: 1}",
        "```",
        "",
        "| action | what it does | target | default cost |",
        "|---|---|---|---|",
    ]
    for kind, spec in SPECS.items():
        out.append(f"| `{kind.value}` | {spec.summary} | {ACTION_TARGETS.get(spec.arg, spec.arg)}"
                   f" | {spec.default_cost} |")
    return out + [""]


def _powers_and_factors() -> list[str]:
    out = [
        "### Powers", "", _docstring(Power), "",
        "| power | what it lets the holder do in the rules |",
        "|---|---|",
    ]
    out += [f"| `{p.value}` | {POWER_RULES[p]} |" for p in Power]
    out += [
        "",
        "An office lists its powers; every contender holding it has them, and loses them with "
        "the office. Several offices may share a power, and an office may have none (it still "
        "gives its action points and base regions). A power nobody holds is simply not used: "
        "with no `appoint`, nobody appoints secretaries.",
        "",
        "```yaml",
        "offices:",
        "  - id: first_secretary",
        "    name: First Secretary",
        "    powers: [appoint, agenda, dossiers]",
        "    action_points: 1",
        "```",
        "",
        "### Factors", "",
        _docstring(Factor) + " Each event card names one with its `factor`; the debrief adds "
        "up what each factor won or cost every contender. The ids are fixed; a scenario names "
        "them for its own era with its `factors` (a name, or a name and a description):",
        "",
        "```yaml",
        "factors:",
        "  patronage: The First Secretaryship and patronage",
        "  lenins_legacy:",
        "    name: Stalin's legacy",
        "    description: Who could claim to continue Stalin's work, and who to undo it.",
        "```",
        "",
        "Factors it leaves out keep the game's names and descriptions:",
        "",
        "| factor | name | description |",
        "|---|---|---|",
    ]
    out += [f"| `{f.value}` | {FACTOR_NAMES[f]} | {FACTOR_DESCRIPTIONS[f]} |" for f in Factor]
    out += [
        "",
        "### The line axis", "",
        _docstring(Axis) + " A scenario names its own with `axis` (every key optional; the "
        "defaults are the 1920s quarrel over the NEP):",
        "",
        "```yaml",
        "axis:",
        "  about: the pace of de-Stalinisation",
        "  left: Thaw",
        "  right: Old Guard",
        "  left_wants: release the prisoners, loosen control",
        "  right_wants: keep Stalin's system",
        "```",
        "",
        "The names of the organs come from `organs` (each organ's `name`), and the interface "
        "uses them everywhere: menus, votes, the debrief and the teacher's material.",
    ]
    return out + [""]


def _limits() -> list[str]:
    """The limits on texts and counts (game.content.limits), as the validator applies them."""
    texts = ", ".join(f"`{f}` {n:,}" for f, n in sorted(limits.TEXT.items(), key=lambda x: x[1]))
    counts = ", ".join(f"`{f}` {n:,}" for f, n in sorted(limits.COUNT.items()))
    one_line = ", ".join(f"`{f}`" for f in sorted(limits.ONE_LINE))
    return [
        "### Limits",
        "",
        "The validator refuses a scenario that breaks one of these limits, at the line and "
        "column of the value and with the limit named; the JSON Schema holds the same limits, "
        "so an editor marks them as you type. They are far above what the shipped scenarios "
        "use, and the game window is tested with the longest texts they allow.",
        "",
        f"- **Characters in a text**, by its field (for a list of texts, the list's field): "
        f"{texts}; any other text {limits.DEFAULT_TEXT:,}; a mapping's key {limits.KEY}.",
        f"- **Items in a list** (or keys in a mapping), by its field: {counts}; any other "
        f"{limits.DEFAULT_COUNT:,}.",
        "- **No control characters** in any text (NUL, escape, and the like, which a quoted "
        "YAML string could otherwise hold); line breaks and tabs are allowed in prose, but not "
        f"in {one_line}.",
        "",
    ]


def _summary(text: str) -> str:
    """The first sentence of a docstring's prose."""
    first = re.split(r"(?<=\.)\s", text, maxsplit=1)[0]
    return first if first.endswith(".") else first + "."


def modding_markdown() -> str:
    """The whole of docs/modding.md."""
    models = scenario_models()
    out = [
        "<!-- Generated by `python -m game.content.reference` from the scenario models, "
        "the effect and condition registries and the action list. Do not edit by hand. -->",
        "",
        "# Writing scenarios for Politburo",
        "",
        INTRO,
        QUICKSTART,
        INTRO_TOOLS,
        "## Contents",
        "",
        "- [Your first scenario in 30 minutes](#your-first-scenario-in-30-minutes)",
        "- [Tutorial: your first scenario](#tutorial-your-first-scenario)",
        "- [Reference](#reference)",
        "  - [Conventions](#conventions)",
        "  - [Limits](#limits)",
    ]
    for model, _ in models:
        out.append(f"  - {_link(title_of(model), title_of(model))}")
    out += [
        "  - [Effects](#effects)",
        "  - [Conditions](#conditions)",
        "  - [Actions](#actions)",
        "  - [Powers](#powers)",
        "  - [Factors](#factors)",
        "  - [The line axis](#the-line-axis)",
        "",
    ]
    out += _tutorial()
    out += ["## Reference", "", "### Conventions", "", CONVENTIONS.replace("###", "####")]
    out += _limits()
    for model, used in models:
        out += _model_section(model, used)
    for family, intro in (("Effect", EFFECTS_INTRO), ("Condition", CONDITIONS_INTRO)):
        entries = entry_docs(family)
        out += [f"### {family}s", "", intro, ""]
        out += ["| name | summary |", "|---|---|"]
        out += [f"| {_link(f'`{e.kind}`', f'{family} {e.kind}')} | {_cell(_summary(e.text))} |"
                for e in entries]
        out.append("")
        for e in entries:
            out += _entry_section(e)
    out += _actions()
    out += _powers_and_factors()
    text = "\n".join(out)
    return re.sub(r"\n{3,}", "\n\n", text).rstrip() + "\n"


# ----- the generated files ----------------------------------------------------------------------


def schema_text() -> str:
    return json.dumps(json_schema(), indent=2) + "\n"


def generated() -> dict[Path, str]:
    """Each generated file and what it should contain."""
    return {MODDING_MD: modding_markdown(), SCHEMA_JSON: schema_text(), TEMPLATE: template_yaml()}


def out_of_date() -> list[Path]:
    """The generated files whose content differs from what the code generates now."""
    stale = []
    for path, text in generated().items():
        try:
            current = path.read_text(encoding="utf-8")
        except OSError:
            current = None
        if current != text:
            stale.append(path)
    return stale


def _shown(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m game.content.reference",
        description="Write docs/modding.md, docs/scenario.schema.json and the template "
        "scenario from the models.",
    )
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if either file is out of date")
    args = parser.parse_args(argv)
    if args.check:
        stale = out_of_date()
        for path in stale:
            print(f"{_shown(path)} is out of date; run `{REGENERATE}`")
        return 1 if stale else 0
    for path, text in generated().items():
        write_text(path, text)
        print(f"wrote {_shown(path)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
