"""The scenario validator: every problem on its line, in a modder's words, and never a
traceback or a hang, whatever the file holds.

Each file under ``broken/`` is a small scenario with one mistake; its first line says the one
problem it must produce: ``# expect: <line>:<col>: <severity>: <part of the message>``.
"""

from __future__ import annotations

import pickle
import re
import time
from pathlib import Path

import pytest
import yaml

from game.content import safe_yaml
from game.content.loader import ScenarioError, load_scenario, load_scenario_text
from game.content.safe_yaml import MAX_BYTES, YAMLLimitError, compose_yaml, parse_yaml
from game.content.validate import (
    Problem,
    check_text,
    format_problem,
    validate_file,
    validate_paths,
    validate_text,
)
from game.content.yaml_lines import Locator, position
from game.engine.scenario import ReferenceProblem, Scenario, cross_reference_problems
from helpers import ROOT, SCENARIO_DIR, TWO_RIVALS

BROKEN = Path(__file__).resolve().parent / "broken"
BROKEN_FILES = sorted(BROKEN.glob("*.yaml"))
EXPECT = re.compile(r"# expect: (\d+):(\d+): (error|warning): (.+)")
GOOD = [*sorted(SCENARIO_DIR.glob("*.yaml")), *sorted((ROOT / "tests" / "data").glob("*.yaml"))]
# Generous: each hostile input takes well under half of this. It is measured in CPU time, so
# that other work on a busy machine (a parallel test run) cannot make the test flaky.
HOSTILE_SECONDS = 3.0  # processor time: a hang or a blow-up guard (0.2-0.5 s on a quiet machine)


def expectation(path: Path) -> tuple[int, int, str, str]:
    first = path.read_bytes().split(b"\n", 1)[0].decode("ascii")
    m = EXPECT.fullmatch(first.strip())
    assert m, f"{path.name}: the first line must be '# expect: <line>:<col>: <severity>: ...'"
    return int(m.group(1)), int(m.group(2)), m.group(3), m.group(4)


# ----- the broken files: one problem each, on its line --------------------------------------------


def test_there_are_broken_files_for_errors_and_warnings():
    severities = [expectation(p)[2] for p in BROKEN_FILES]
    assert severities.count("error") >= 30 and severities.count("warning") >= 5


@pytest.mark.parametrize("path", BROKEN_FILES, ids=lambda p: p.stem)
def test_a_broken_file_gives_its_one_problem_on_its_line(path):
    line, col, severity, message = expectation(path)
    problems = validate_file(path)
    shown = "\n".join(map(str, problems))
    assert len(problems) == 1, shown
    (p,) = problems
    assert (p.line, p.col, p.severity) == (line, col, severity), shown
    assert message in p.message, shown
    assert p.path == str(path)


@pytest.mark.parametrize("path", BROKEN_FILES, ids=lambda p: p.stem)
def test_a_broken_file_loads_only_if_its_problem_is_a_warning(path):
    severity = expectation(path)[2]
    if severity == "warning":
        assert isinstance(load_scenario(path), Scenario)
    else:
        with pytest.raises(ScenarioError) as info:
            load_scenario(path)
        assert len(info.value.problems) == 1
        assert str(info.value).startswith(f"{path}:")  # the validator's own line


# ----- what ships validates clean -----------------------------------------------------------------


@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.stem)
def test_shipped_and_test_scenarios_have_no_problem(path):
    """No error, and no warning either: each warning the shipped files once raised was
    reviewed, and the checks that gave false alarms were fixed."""
    assert validate_file(path) == []


def test_validate_paths_reports_errors_and_whether_there_were_any(tmp_path):
    warned = BROKEN / "event_chance_zero.yaml"
    problems, had_errors = validate_paths([TWO_RIVALS, warned])
    assert [p.severity for p in problems] == ["warning"] and not had_errors
    problems, had_errors = validate_paths([warned, BROKEN / "unknown_office.yaml",
                                           tmp_path / "missing.yaml"])
    assert had_errors and len(problems) == 3
    assert problems[-1].message.startswith("cannot read file")
    assert problems[-1].path == str(tmp_path / "missing.yaml")


def test_format_problem_is_path_line_col_severity_message_hint():
    p = Problem("a.yaml", 3, 5, "error", "unknown contender 'stlin'", "did you mean 'stalin'?")
    assert format_problem(p) == "a.yaml:3:5: error: unknown contender 'stlin' (did you mean " \
                                "'stalin'?)"
    assert str(Problem("a.yaml", 1, 1, "warning", "w")) == "a.yaml:1:1: warning: w"


# ----- structure: pydantic's errors in a modder's words -------------------------------------------


def two_rivals(old: str, new: str) -> str:
    text = TWO_RIVALS.read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1)


def only(text: str) -> Problem:
    problems = validate_text(text, "t.yaml")
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]


def test_an_unknown_field_points_at_its_key_with_a_did_you_mean():
    p = only(two_rivals("    short: Orlova\n", "    short: Orlova\n    shrot: O\n"))
    assert (p.line, p.col) == (12, 5)
    assert p.message == "contender 'vera': unknown field 'shrot'"
    assert p.hint == "did you mean 'short'?"


def test_an_unknown_field_far_from_any_lists_the_fields():
    p = only(two_rivals("{id: olga, name: Olga Sedova,", "{id: olga, name: Olga Sedova, xyz: 1,"))
    assert p.message == "notable 'olga': unknown field 'xyz'"
    assert p.hint.startswith("the fields here are: id, name, bio")


def test_a_missing_field_points_at_the_mapping_that_lacks_it():
    p = only(two_rivals("    bio: A fiery orator with the garrison behind him.\n", ""))
    assert (p.line, p.col, p.message) == (18, 5, "contender 'ivan': missing field 'bio'")


def test_an_unknown_effect_kind_is_named_with_the_closest_kind():
    p = only(two_rivals("{rule: {name: enrolment_open", "{rulle: {name: enrolment_open"))
    assert p.message == "event 'drive': unknown effect 'rulle'"
    assert p.hint == "did you mean 'rule'?"


def test_an_unknown_kind_far_from_any_lists_the_known_kinds():
    p = only(two_rivals("{in_organ: {organ: politburo}}", "{zzz: {organ: politburo}}"))
    assert p.message == "outcome 'shared': unknown condition 'zzz'"
    assert p.hint.startswith("known conditions: after, all, allied, any, before")


def test_a_bad_value_in_a_nested_condition_is_placed_on_its_value():
    p = only(two_rivals("{rivals_out_of: {organ: politburo}}",
                        "{rivals_out_of: {organ: politbureau}}"))
    assert (p.line, p.col) == (72, 127)
    assert "condition.all[1].rivals_out_of.organ: 'politbureau' is not one of" in p.message
    assert p.hint == "did you mean 'politburo'?"


def test_union_branches_make_one_message():
    p = only(two_rivals("value: true}}]", "value: maybe}}]"))
    assert p.message.endswith("rule.value must be true or false or a number, not 'maybe'")


def test_a_yaml_true_key_is_explained_and_yes_is_text():
    p = only(two_rivals("{appoint: 3, dossier: 2}", "{appoint: 3, true: 2}"))
    assert p.message == "contender 'vera': ai.weights: key true must be text"
    assert "quote the key" in p.hint
    p = only(two_rivals("{appoint: 3, dossier: 2}", "{appoint: 3, yes: 2}"))
    assert p.message == "contender 'vera': ai weight for unknown action 'yes'"


def test_every_problem_is_reported_not_just_the_first():
    text = two_rivals("prestige: 50", "prestige: 500").replace("oratory: 85", "oratory: -5")
    text = text.replace("members: 8000", "members: many")
    problems = validate_text(text)
    assert [p.line for p in problems] == [13, 22, 35]
    assert all(p.severity == "error" for p in problems)


# ----- cross-references ---------------------------------------------------------------------------


def test_cross_references_come_with_their_place_and_a_hint():
    scenario = load_scenario(TWO_RIVALS)
    assert list(cross_reference_problems(scenario)) == []
    problems = validate_text(two_rivals("{mood: {line: 0.3}}",
                                        "{loyalty: {who: veera, regions: [garison], amount: 1}}"))
    assert [(p.message.split(": ", 2)[-1], p.hint) for p in problems] == [
        ("who 'veera' is no contender, self, decider, chooser or office:<office id>",
         "did you mean 'vera'?"),
        ("unknown region 'garison'", "did you mean 'garrison'?"),
    ]


def test_the_engine_still_refuses_errors_but_not_warnings():
    data = parse_yaml(TWO_RIVALS.read_text(encoding="utf-8"))
    data["events"][1]["chance"] = 0  # a warning: the event never fires
    assert Scenario.model_validate(data).events[1].chance == 0
    data["contenders"][1]["offices"] = ["marshal", "secretary"]  # an error
    with pytest.raises(ValueError, match="office 'secretary' is already held by 'vera'"):
        Scenario.model_validate(data)
    problems = list(cross_reference_problems(Scenario.model_validate(
        data, context={"references": False})))
    assert problems == [ReferenceProblem(("contenders", 1, "offices", 1), "contender 'ivan': "
                                         "office 'secretary' is already held by 'vera'; it "
                                         "has 1 place", hint="raise the office's `holders`")]


def test_an_event_waiting_for_a_later_card_of_the_same_turn_is_told_to_move():
    late = ("  - {id: late, title: Late, when: 1950-Q1, text: t, history: h, source: s}\n"
            "outcomes:")
    text = two_rivals("    effects: [{rule: {name: enrolment_open, value: true}}]\n",
                      "    effects: [{rule: {name: enrolment_open, value: true}}]\n"
                      "    condition: {event: {id: late}}\n").replace("outcomes:", late, 1)
    p = only(text)
    assert p.severity == "warning" and "event 'drive' can never fire" in p.message
    assert p.hint == "move 'late' above 'drive' in the file: the cards of a turn are drawn " \
                     "in file order"


def test_names_that_mean_nobody_where_they_are_used_are_warned_of():
    text = two_rivals("{mood: {line: 0.3}}", "{quality: {who: self, quality: prestige, "
                      "amount: 1}}")
    p = only(text)
    assert p.severity == "warning" and "'self' names nobody here" in p.message



def test_a_top_organ_smaller_than_the_contenders_in_it_is_an_error_on_its_seats():
    p = only(two_rivals("{name: Council, seats: 3}", "{name: Council, seats: 1}"))
    assert p.severity == "error" and p.line == 38
    assert "the Council has 1 seat, but 2 contenders start in it (vera, ivan)" in p.message
    assert p.hint.startswith("give it at least 2 seats")


def test_notables_beyond_the_seats_left_are_warned_of_where_they_are_listed():
    text = two_rivals("  - {id: boris, name: Boris Lenz, line: -0.2}",
                      "  - {id: boris, name: Boris Lenz, line: -0.2, politburo: true}")
    p = only(text)
    assert p.severity == "warning" and p.line == 29
    assert "2 notables start in the Council, but only 1 of its 3 seats is left" in p.message

# ----- loading for play uses the same checks ------------------------------------------------------


def test_load_scenario_errors_carry_the_place_and_pickle(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(two_rivals("    short: Orlova\n", "    short: Orlova\n    shrot: O\n"))
    with pytest.raises(ScenarioError) as info:
        load_scenario(bad)
    e = info.value
    assert e.problems == ["contender 'vera': unknown field 'shrot' (did you mean 'short'?) at "
                          "line 12, column 5"]
    assert str(e) == f"{bad}:12:5: error: contender 'vera': unknown field 'shrot' (did you " \
                     "mean 'short'?)"
    again = pickle.loads(pickle.dumps(e))
    assert (again.path, again.problems, str(again)) == (e.path, e.problems, str(e))


def test_load_scenario_text_and_files_that_cannot_be_read(tmp_path):
    assert load_scenario_text(TWO_RIVALS.read_text(encoding="utf-8")).id == "two_rivals"
    with pytest.raises(ScenarioError, match="cannot read file"):
        load_scenario(tmp_path / "nope.yaml")
    with pytest.raises(ScenarioError, match="not a regular file"):
        load_scenario(tmp_path)  # a folder; a pipe or a device would never end
    assert [p.message for p in validate_file(tmp_path)] == [
        "cannot read file: not a regular file"]
    with pytest.raises(ScenarioError, match="not valid YAML"):
        load_scenario_text("id: [unclosed\n")


def test_a_failure_inside_the_validator_is_a_message_not_a_traceback(monkeypatch):
    import game.content.validate as v

    def boom(*args):
        raise RuntimeError("boom")

    monkeypatch.setattr(v, "analyse", boom)
    scenario, problems = check_text(TWO_RIVALS.read_text(encoding="utf-8"), "t.yaml")
    assert scenario is None
    assert [p.message for p in problems] == [
        "the validator failed on this file (RuntimeError: boom); please report it"]


# ----- positions ----------------------------------------------------------------------------------


def test_positions_follow_tags_and_virtual_fields():
    text = "a:\n  - {after: 1925-Q1}\n  - all: [{x: 1}, {not: {event: {id: e}}}]\n"
    root = compose_yaml(text)
    where = Locator(root)
    assert where.position(("a", 0, "after", "value")) == (2, 13)  # `value` is not in the file
    assert where.position(("a", 1, "all", "items", 1, "not", "value", "event", "id")) == (3, 38)
    assert where.position(("a", 1, "all"), "key") == (3, 5)
    assert where.position(("a", 1, "nope"), "parent") == (3, 5)
    assert position(root, ("a", 9)) == (2, 3)  # no item 9: the closest node, the list
    assert position(None, ("a",)) == (1, 1)


def test_positions_look_into_merge_keys_and_keys_read_as_numbers():
    root = compose_yaml("base: &b {x: 1}\nitem:\n  <<: *b\n  y: 2\nn: {1: a, true: b}\n")
    where = Locator(root)
    assert where.position(("item", "x")) == (1, 14)
    assert where.position(("n", 1)) == (5, 8)
    assert where.position(("n", True), "key") == (5, 11)


# ----- hostile input: one clear message, fast -----------------------------------------------------

_LAUGHS = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{chr(97 + i)}: &{chr(97 + i)} [" + ",".join(["*" + chr(96 + i)] * 9) + "]\n"
    for i in range(1, 10)
)
HOSTILE = {
    "empty": (b"", "file is empty"),
    "only_comments": (b"# nothing\n\n   \n", "file is empty"),
    "not_yaml": (b"{{{{ ]]] :::: - - [", "not valid YAML"),
    "binary": (bytes(range(256)) * 40, "file is binary"),
    "png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, "file is binary"),
    "latin1": ("id: café\ntitle: Ça\n".encode("latin-1"), "file is not UTF-8 text"),
    "utf16": (TWO_RIVALS.read_text(encoding="utf-8").encode("utf-16"), "UTF-16"),
    "utf16_without_bom": (TWO_RIVALS.read_text(encoding="utf-8").encode("utf-16-le"),
                          "UTF-16"),
    "list_at_top": (b"- id: x\n- title: y\n", "must be a mapping of fields"),
    "scalar_at_top": (b"just words\n", "must be a mapping of fields"),
    "alias_bomb": (_LAUGHS.encode(), "expands to more than"),
    "alias_to_itself": (b"a: &x [1, *x]\n", "refers to a collection that contains it"),
    "deep_flow_nesting": (b"[" * 1_000_000, "nested deeper than 40 levels"),
    "deep_block_nesting": (b"- " * 500_000 + b"x\n", "nested deeper than 40 levels"),
    "deep_mappings": (b"".join(b" " * i + b"a:\n" for i in range(200)), "nested deeper"),
    "duplicate_keys": (b"id: a\ntitle: b\nid: c\n", "duplicate key 'id' (first on line 1)"),
    "many_documents": (b"id: a\n---\nid: b\n", "more than one YAML document"),
    "control_characters": (b"id: \x01\x02\n", "not allowed in a YAML file"),
    "python_tag": (b"id: !!python/object/apply:os.system ['echo hi']\n", "not allowed"),
    "node_flood": (b"contenders:\n" + b"- {}\n" * 200_000, "expands to more than"),
    "long_flow_line": (b"contenders: [" + b"{a: 1}," * 90_000 + b"]\n", "expands to more"),
    "one_huge_value": (b"title: " + b"x" * (MAX_BYTES - 100) + b"\n", "missing field 'id'"),
}
NEAR_LIMITS = {  # as big as the limits allow, and wrong everywhere
    "empty_contenders": ("contenders:\n", "contenders:\n" + "  - {}\n" * 20_000),
    "empty_alliances": ("\noutcomes:", "\ninitial_alliances:\n" + "  - []\n" * 20_000 +
                        "outcomes:"),
    "bad_objectives": ("\noutcomes:", "\nlearning_objectives: [" + "1," * 20_000 + "]\n"
                       "outcomes:"),
    "bad_action_costs": ("\noutcomes:", "\naction_costs: {" + ",".join(
        f"k{i}: x" for i in range(9_000)) + "}\noutcomes:"),
    "unknown_fields": ("\noutcomes:", "\n" + "".join(f"k{i}: 1\n" for i in range(9_000)) +
                       "outcomes:"),
    "a_huge_event": ("events:\n", "events:\n  - {id: e, title: t, when: 1950-Q1, text: t, "
                     "history: h, source: s, effects: [" + "{}," * 19_000 + "]}\n"),
    "nested_conditions": ("condition: {in_organ: {organ: politburo}}", "condition: " +
                          "{all: [" * 14 + "{}," * 19_000 + "]}" * 14),
}


def timed(raw: bytes, tmp_path: Path) -> tuple[list[Problem], float]:
    """The problems of ``raw`` and the processor time they took, the validator's first use
    (its models and type tables built once per process) not counted."""
    validate_file(TWO_RIVALS)
    path = tmp_path / "hostile.yaml"
    path.write_bytes(raw)
    start = time.process_time()
    problems = validate_file(path)
    return problems, time.process_time() - start


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_input_gets_one_clear_error_quickly(name, tmp_path, capsys):
    raw, message = HOSTILE[name]
    problems, seconds = timed(raw, tmp_path)
    assert seconds < HOSTILE_SECONDS, f"{name}: {seconds:.2f} s"
    assert problems and problems[0].severity == "error"
    assert message in problems[0].message, problems[0]
    assert len(problems) <= 10
    assert all(p.line >= 1 and p.col >= 1 for p in problems)
    assert capsys.readouterr() == ("", "")  # nothing printed, no traceback
    with pytest.raises(ScenarioError):
        load_scenario(tmp_path / "hostile.yaml")


@pytest.mark.parametrize("name", NEAR_LIMITS)
def test_a_file_wrong_everywhere_stops_at_a_readable_number_of_problems(name, tmp_path):
    old, new = NEAR_LIMITS[name]
    problems, seconds = timed(two_rivals(old, new).encode(), tmp_path)
    assert seconds < HOSTILE_SECONDS, f"{name}: {seconds:.2f} s"
    assert 1 <= len(problems) <= 201 and all(p.severity == "error" for p in problems)
    if len(problems) > 100:
        assert problems[-1].message.startswith("... and ")


def test_a_50_mb_file_is_refused_unread(tmp_path):
    big = tmp_path / "big.yaml"
    with open(big, "wb") as f:
        f.write(b"title: ")
        f.seek(50_000_000)
        f.write(b"x\n")
    start = time.process_time()
    problems = validate_file(big)
    assert time.process_time() - start < HOSTILE_SECONDS
    assert [p.message for p in problems] == [
        f"file is larger than {MAX_BYTES // 1_000_000} MB; a scenario is far smaller, so it was "
        "not read"]
    assert validate_text("x" * (MAX_BYTES + 1))[0].message.startswith("file is larger")
    with pytest.raises(ScenarioError, match="larger than"):
        load_scenario(big)


def test_deep_nesting_never_reaches_libyamls_recursive_composer():
    """libyaml's C composer recurses once per level and crashes the interpreter on a few tens
    of thousands of `[`: the loader must refuse such a document before composing it."""
    with pytest.raises(YAMLLimitError, match="nested deeper"):
        parse_yaml("[" * 100_000 + "]" * 100_000)
    with pytest.raises(yaml.YAMLError):
        parse_yaml("a: [\n")
    assert parse_yaml("a: &x {b: 1}\nc: *x\n") == {"a": {"b": 1}, "c": {"b": 1}}
    assert safe_yaml.MAX_NODES >= 5 * 4_000  # room for scenarios five times the main one
