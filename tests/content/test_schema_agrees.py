"""The JSON Schema (docs/scenario.schema.json) and the validator accept and refuse the same
scenarios (issue 18, item 3).

The schema sees one file at a time, field by field, as an editor does; the validator checks the
same fields in its first pass (:func:`~game.content.validate.check_structure`) and then what a
schema cannot see: that names refer to something, that dates fall in the calendar. So agreement
is two promises, checked over scenarios that hypothesis mutates from the shipped ones (numbers
quoted, switches written yes/no, wrong types, values out of range, bad dates, fields missing,
unknown keys) and over documents drawn from the schema itself (tests/fuzz.py):

- whatever the schema refuses, the validator refuses;
- whatever the validator's first pass refuses, the schema refuses, save what no schema can
  say: that a region's loyalty shares sum to at most 1, and that a number is finite (JSON has
  no infinity, YAML has `.inf`).

Both read the file as the game does (YAML 1.2's booleans). The schema's patterns are matched as
JSON Schema and editors match them (ECMA-262: ``$`` is the end of the text), not as Python's
``re.search``, whose ``$`` also matches before a final line break.
"""

from __future__ import annotations

import copy
import re
from functools import cache
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import validators

from fuzz import BUDGET, scenario_documents
from game.content.reference import json_schema
from game.content.safe_yaml import parse_yaml
from game.content.validate import check_structure, check_text
from helpers import SCENARIO_DIR, TESTS_DIR, TWO_RIVALS

BEYOND_SCHEMA = (
    "loyalty shares must be non-negative and sum to at most 1",
    "must be a finite number",  # .inf and .nan: JSON has neither, so no schema speaks of them
)
# Small enough to validate many times a second; the large shipped scenarios are each checked
# whole below, and their parts are written like these.
BASES = [TWO_RIVALS, TESTS_DIR / "data" / "fictional_council.yaml", SCENARIO_DIR / "tutorial.yaml"]
Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _ecma_pattern(validator, pattern, instance, schema):
    if not isinstance(instance, str):
        return
    python = pattern[:-1] + r"\Z" if pattern.endswith("$") else pattern
    if re.search(python, instance) is None:
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


@cache
def schema() -> jsonschema.protocols.Validator:
    checker = validators.extend(jsonschema.Draft202012Validator, {"pattern": _ecma_pattern})
    return checker(json_schema())


@cache
def base(i: int) -> dict[str, Any]:
    return parse_yaml(BASES[i].read_text(encoding="utf-8"))


def assert_agree(text: str) -> None:
    """Both promises of the module's docstring, for one file's text."""
    data = parse_yaml(text)
    refused = [f"{e.json_path}: {e.message[:200]}" for e in schema().iter_errors(data)]
    structure = [str(p) for p in check_structure(text, "m.yaml") if p.severity == "error"]
    if refused:
        found = [p for p in check_text(text, "m.yaml", warnings=False)[1]
                 if p.severity == "error"]
        assert found, f"the schema refuses what the validator accepts: {refused[:3]}"
    if structure and not all(any(b in s for b in BEYOND_SCHEMA) for s in structure):
        assert refused, f"the validator refuses what the schema accepts: {structure[:3]}"


# ----- mutations ------------------------------------------------------------------------------

DATES = ["1925-3Q", "1925-Q", "25-Q1", "1925 Q1", "Q1-1925", "1925-Q13", "1925-M1", "soon", ""]


def _places(doc: Any, loc: tuple = ()):
    """Every value's place in the document, with the value."""
    todo = [(loc, doc)]
    while todo:
        at, value = todo.pop()
        yield at, value
        if isinstance(value, dict):
            todo += [((*at, k), v) for k, v in value.items()]
        elif isinstance(value, list):
            todo += [((*at, i), v) for i, v in enumerate(value)]


def _mutations(value: Any) -> st.SearchStrategy:
    """Replacements for ``value`` (or, for a mapping or list, an edit of it)."""
    wrong = st.sampled_from([None, "abc", 7, 2.5, True, [], {}, [1], {"a": 1}])
    if isinstance(value, bool):
        kinds = st.sampled_from(["yes", "no", "on", "off", "true", "True", 1, 0, 1.0])
    elif isinstance(value, int | float):
        kinds = st.one_of(
            st.just(str(value)), st.just(f"{value}"), st.just(value is True),
            st.integers(-(10**7), 10**7), st.floats(-1e7, 1e7, allow_nan=False),
            st.sampled_from([-1, 0, 1, 100, 101, 0.5, -0.5, 1.5, 3.0]),
        )
    elif isinstance(value, str):
        kinds = st.one_of(st.sampled_from(DATES), st.just("x" * 5000), st.just("a\x01b"),
                          st.just(value.upper()), st.just(f" {value}"))
    elif isinstance(value, dict):
        keys = sorted(map(str, value)) or ["id"]
        kinds = st.one_of(st.sampled_from(keys).map(lambda k: ("drop", k)),
                          st.sampled_from(["colour_x", "titel", *keys]).map(lambda k: ("add", k)))
    else:
        kinds = st.sampled_from([("shorten",), ("repeat",)])
    return st.one_of(wrong, kinds)


def _apply(doc: dict, loc: tuple, change: Any) -> None:
    parent = doc
    for key in loc[:-1]:
        parent = parent[key]
    value = parent[loc[-1]]
    if isinstance(change, tuple) and isinstance(value, dict):
        if change[0] == "drop":
            value.pop(change[1], None)
        else:
            value[change[1]] = 1
    elif isinstance(change, tuple) and isinstance(value, list):
        if change[0] == "shorten" and value:
            value.pop()
        elif value:
            value.append(copy.deepcopy(value[0]))
    else:
        parent[loc[-1]] = copy.deepcopy(change)


@st.composite
def mutated_scenarios(draw) -> str:
    """The text of a test or shipped scenario with one or two values mutated."""
    doc = copy.deepcopy(base(draw(st.integers(0, len(BASES) - 1))))
    for _ in range(draw(st.integers(1, 2))):
        places = [loc for loc, _ in _places(doc) if loc]
        loc = draw(st.sampled_from(sorted(places, key=str)))
        value = doc
        for key in loc:
            value = value[key]
        _apply(doc, loc, draw(_mutations(value)))
    return yaml.dump(doc, Dumper=Dumper, allow_unicode=True, sort_keys=False)


@settings(BUDGET, max_examples=50)
@given(mutated_scenarios())
def test_schema_and_validator_agree_on_mutated_scenarios(text):
    assert_agree(text)


@settings(BUDGET, max_examples=15)  # tests/test_fuzz.py draws 60 more
@given(scenario_documents())
def test_schema_and_validator_agree_on_documents_drawn_from_the_schema(doc):
    assert_agree(yaml.dump(doc, Dumper=Dumper, allow_unicode=True))


# ----- the cases of the issue, one by one ---------------------------------------------------------


def _two_rivals(old: str, new: str) -> str:
    text = TWO_RIVALS.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    return text.replace(old, new)


@pytest.mark.parametrize("old, new", [
    ("turns: 8}", 'turns: "8"}'),  # a quoted number
    ("line: 0.2, politburo", "line: '0.2', politburo"),
    ("politburo: true}", "politburo: yes}"),  # YAML 1.1's booleans
    ("politburo: true}", "politburo: on}"),
    ("politburo: true}", 'politburo: "true"}'),
    ("politburo: true}", "politburo: 1}"),
    ("line: 0.2, politburo", "line: true, politburo"),
    ("when: 1950-Q1", "when: 1950-1Q"),  # a date's shape
    ("when: 1950-Q1", "when: '1950-Q1 '"),
    ("when: 1950-Q1", "when: 1950"),
    ("turns: 8}", "turns: 8.5}"),
    ("[politburo_majority,", "[{politburo_majority: {with_allies: 1}},"),  # in an optional
])
def test_each_case_is_refused_by_both(old, new):
    text = _two_rivals(old, new)
    assert list(schema().iter_errors(parse_yaml(text)))
    assert [p for p in check_structure(text) if p.severity == "error"]
    assert_agree(text)


@pytest.mark.parametrize("old, new", [
    ("turns: 8}", "turns: 8.0}"),  # a whole number written with a point is still one
    ("name: Olga Sedova", "name: no"),  # text, in YAML 1.2
    ("name: Olga Sedova", "name: 'yes'"),
    ("line: 0.2, politburo", "line: 1, politburo"),  # a whole number for a number
])
def test_each_case_is_accepted_by_both(old, new):
    text = _two_rivals(old, new)
    assert not list(schema().iter_errors(parse_yaml(text)))
    assert not [p for p in check_text(text)[1] if p.severity == "error"]


BROKEN = sorted((TESTS_DIR / "content" / "broken").glob("*.yaml"))


@pytest.mark.parametrize("path", BROKEN, ids=lambda p: p.stem)
def test_schema_and_validator_agree_on_each_broken_file(path):
    try:
        text = path.read_text(encoding="utf-8")
        data = parse_yaml(text)
    except (UnicodeDecodeError, yaml.YAMLError):
        pytest.skip("not YAML: the schema never sees it")
    if isinstance(data, dict):
        assert_agree(text)


@pytest.mark.parametrize("path", BASES, ids=lambda p: p.stem)
def test_schema_and_validator_agree_on_a_scenario_with_its_numbers_quoted(path):
    """Every number of the scenario in quotes: both refuse it, every number on its line."""
    data = parse_yaml(path.read_text(encoding="utf-8"))
    quoted = [0]

    def quote(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: quote(v) for k, v in value.items()}
        if isinstance(value, list):
            return [quote(v) for v in value]
        if isinstance(value, int | float) and not isinstance(value, bool):
            quoted[0] += 1
            return str(value)
        return value

    text = yaml.dump(quote(data), Dumper=Dumper, allow_unicode=True, sort_keys=False)
    problems = [p for p in check_structure(text) if p.severity == "error"]
    assert list(schema().iter_errors(parse_yaml(text)))
    assert min(quoted[0], 199) <= len(problems) <= quoted[0] + 1
    assert all(p.hint and p.hint.startswith("write ") for p in problems[:199])
