"""Hypothesis strategies for hostile input, shared by the fuzz tests (and for the modding tests to
reuse): scenario documents derived from the game's JSON Schema, save files, and command lines.

The scenario strategy reads docs' JSON Schema (``game.content.reference.json_schema``) itself.
hypothesis-jsonschema would do this, but its last release (0.23.1, 2024) calls Hypothesis
internals that current Hypothesis no longer has, and it cannot follow the schema's recursive
references (a condition may hold conditions); the schema uses a small part of JSON Schema, which
:func:`from_schema` covers, recursion cut at a fixed depth.

Every strategy draws small values (a few items per list, short texts, save for the limits'
edges), so a fixed budget of examples runs in seconds.
"""

from __future__ import annotations

import json
import math
from functools import cache
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from game import saves
from game.content.reference import json_schema

BUDGET = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,  # the same examples in every run: CI is not a lottery
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
"""The fixed budget of the fuzz tests; pass ``BUDGET`` or ``settings(BUDGET, max_examples=n)``."""

MAX_ITEMS = 3  # items drawn per list, keys per free-form mapping
REF_DEPTH = 2  # how deep a definition may nest inside itself (conditions in conditions)

HOSTILE_TEXT = st.sampled_from(
    [
        "",
        " ",
        "\x00",
        "a\nb",
        "\x1b[31mred",
        "\ud800",
        "é" * 70,
        "W" * 5000,
        "../../etc/passwd",
        "/dev/zero",
        "${HOME}",
        "{{x}}",
        "<script>alert(1)</script>",
        "1e999",
        "-1",
        "9" * 5000,
        "NaN",
        "‮reversed",
    ]
)
"""Texts that have broken programs before: empty, control characters, lone surrogates, very long,
paths, templates, markup, numbers in disguise."""


def texts(max_size: int = 40) -> st.SearchStrategy[str]:
    return st.one_of(st.text(max_size=max_size), HOSTILE_TEXT)


# ----- scenario documents from the JSON Schema --------------------------------------------------


@cache
def scenario_schema() -> dict[str, Any]:
    return json_schema()


def scenario_documents() -> st.SearchStrategy[dict[str, Any]]:
    """Scenario files (as parsed YAML) that the JSON Schema describes: right in shape and types,
    mostly wrong in their cross-references, some at the limits' edges."""
    schema = scenario_schema()
    return from_schema(schema, schema.get("$defs", {}))


def from_schema(schema: Any, defs: dict[str, Any], seen: tuple[str, ...] = ()) -> Any:
    """A strategy for the values ``schema`` accepts (the part of JSON Schema our schema uses)."""
    if schema is True or schema == {}:
        return st.none() | st.booleans() | st.integers() | texts()
    if schema is False or schema == {"not": {}}:
        return st.nothing()
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[1]
        if seen.count(name) >= REF_DEPTH:
            return st.nothing()
        rest = {k: v for k, v in schema.items() if k != "$ref"}
        return from_schema({**defs[name], **rest}, defs, (*seen, name))
    if "const" in schema:
        return st.just(schema["const"])
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    for key in ("anyOf", "oneOf"):
        if key in schema:
            return st.one_of([from_schema(s, defs, seen) for s in schema[key]])
    kind = schema.get("type")
    if isinstance(kind, list):
        return st.one_of([from_schema({**schema, "type": k}, defs, seen) for k in kind])
    if kind == "string":
        return _strings(schema)
    if kind in ("number", "integer"):
        return _numbers(schema, kind == "integer")
    if kind == "boolean":
        return st.booleans()
    if kind == "null":
        return st.none()
    if kind == "array" or "items" in schema or "prefixItems" in schema:
        return _arrays(schema, defs, seen)
    return _objects(schema, defs, seen)


def _strings(schema: dict[str, Any]) -> st.SearchStrategy[str]:
    longest = schema.get("maxLength", 40)
    shortest = schema.get("minLength", 0)
    pattern = schema.get("pattern")
    if pattern:
        drawn = st.from_regex(pattern, fullmatch=True).map(lambda s: s[: min(longest, 30)])
        drawn = drawn.filter(lambda s: len(s) >= shortest)
    else:
        drawn = st.text(min_size=shortest, max_size=min(longest, 30))
    edge = st.just("x" * longest) if longest <= 10_000 else st.nothing()
    return st.one_of(drawn, edge)


def _numbers(schema: dict[str, Any], integer: bool) -> st.SearchStrategy:
    lo = schema.get("minimum", schema.get("exclusiveMinimum"))
    hi = schema.get("maximum", schema.get("exclusiveMaximum"))
    if integer:
        lo = -(10**6) if lo is None else math.ceil(lo) + ("exclusiveMinimum" in schema)
        hi = 10**6 if hi is None else math.floor(hi) - ("exclusiveMaximum" in schema)
        return st.integers(lo, hi)
    return st.floats(
        -1e6 if lo is None else lo,
        1e6 if hi is None else hi,
        allow_nan=False,
        allow_infinity=False,
        exclude_min="exclusiveMinimum" in schema,
        exclude_max="exclusiveMaximum" in schema,
    )


def _arrays(schema: dict[str, Any], defs: dict[str, Any], seen: tuple[str, ...]) -> Any:
    if "prefixItems" in schema:
        parts = [from_schema(s, defs, seen) for s in schema["prefixItems"]]
        return st.tuples(*parts).map(list)
    shortest = schema.get("minItems", 0)
    longest = max(shortest, min(schema.get("maxItems", MAX_ITEMS), MAX_ITEMS))
    item = from_schema(schema.get("items", {}), defs, seen)
    if item.is_empty:  # items nested past REF_DEPTH: only the empty list is left
        return st.just([]) if shortest == 0 else st.nothing()
    return st.lists(item, min_size=shortest, max_size=longest)


def _objects(schema: dict[str, Any], defs: dict[str, Any], seen: tuple[str, ...]) -> Any:
    props: dict[str, Any] = schema.get("properties", {})
    required = set(schema.get("required", []))
    fixed = {k: from_schema(v, defs, seen) for k, v in props.items() if k in required}
    optional = {k: from_schema(v, defs, seen) for k, v in props.items() if k not in required}
    extra = schema.get("additionalProperties")
    if props or extra in (None, False, {"not": {}}):
        return st.fixed_dictionaries(fixed, optional=optional)
    names = schema.get("propertyNames", {})
    keys = st.sampled_from(names["enum"]) if "enum" in names else st.from_regex(
        r"[a-z][a-z0-9_]{0,12}", fullmatch=True
    )
    return st.dictionaries(keys, from_schema(extra, defs, seen), max_size=MAX_ITEMS)


# ----- save files -------------------------------------------------------------------------------


def save_documents(base: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    """Saves made from ``base`` (a real save's data) with some fields replaced by hostile or
    random values, some re-sealed (so that every check but the checksum applies)."""
    json_values = st.recursive(
        st.none() | st.booleans() | st.integers(-(2**70), 2**70) | texts(),
        lambda inner: st.lists(inner, max_size=MAX_ITEMS)
        | st.dictionaries(texts(12), inner, max_size=MAX_ITEMS),
        max_leaves=8,
    )
    fields = sorted(set(base) | {"cheat"})
    changes = st.dictionaries(st.sampled_from(fields), json_values, max_size=3)
    dropped = st.sets(st.sampled_from(sorted(base)), max_size=2)

    def build(change: dict[str, Any], drop: set[str], seal: bool) -> dict[str, Any]:
        data = {k: v for k, v in base.items() if k not in drop}
        data.update(change)
        if seal:
            try:
                data["checksum"] = saves.checksum(data)
            except UnicodeEncodeError:
                pass
        return data

    return st.builds(build, changes, dropped, st.booleans())


def save_bytes(base: dict[str, Any]) -> st.SearchStrategy[bytes]:
    """The bytes of a save file: a crafted save's JSON, cut short or with bytes flipped, or any
    bytes at all."""

    def encode(data: dict[str, Any]) -> bytes:
        return json.dumps(data, ensure_ascii=False).encode("utf-8", "surrogatepass")

    whole = save_documents(base).map(encode)
    cut = st.tuples(whole, st.floats(0, 1)).map(lambda x: x[0][: int(len(x[0]) * x[1])])
    flipped = st.tuples(whole, st.integers(0, 10**6), st.integers(1, 255)).map(
        lambda x: _flip(*x)
    )
    return st.one_of(whole, cut, flipped, st.binary(max_size=200))


def _flip(raw: bytes, at: int, mask: int) -> bytes:
    if not raw:
        return raw
    i = at % len(raw)
    return raw[:i] + bytes([raw[i] ^ mask]) + raw[i + 1 :]


# ----- command lines ----------------------------------------------------------------------------

COMMANDS = ["play", "validate", "schema", "check", "lab", "debrief", "--help", "-h", ""]
OPTIONS = [
    "--text", "--auto", "--seed", "--scenario", "--contender", "--difficulty", "--length",
    "--save", "--load", "--no-autosave", "--games", "--jobs", "--what-if", "--cluster", "-o",
    "--output", "--class", "--help", "-h", "--", "-", "--nonsense",
]
VALUES = [
    "succession_1924", "tutorial", "stalin", "trotsky", "ivan", "easy", "strong", "short",
    "full", "no_patronage", "0", "1", "-1", "7", "2", "99999999999999999999999", "1e3", "",
    " ", "\x00", "W" * 3000, "/dev/null", "/dev/zero", "/", ".", "..", "nope.json", "x.yaml",
    "tcp://", "tcp://127.0.0.1:1",
]


def command_lines() -> st.SearchStrategy[list[str]]:
    """Arguments to ``politburo``: real commands and options with right, wrong and hostile values,
    in any order. Sweeps are kept to one game (``--games 1 --jobs 1`` last wins) and games to the
    terminal, so an example takes at most a game's time."""
    word = st.one_of(st.sampled_from(OPTIONS), st.sampled_from(VALUES), texts(12))
    return st.builds(
        lambda cmd, words: _bounded(cmd, words),
        st.sampled_from(COMMANDS),
        st.lists(word, max_size=6),
    )


def _bounded(command: str, words: list[str]) -> list[str]:
    argv = ([command] if command else []) + words
    if command in ("check", "lab"):
        argv += ["--games", "1", "--jobs", "1"]
    if command == "play" and "--auto" not in words:
        argv.append("--text")  # the window is for people; here stdin is empty
    return argv
