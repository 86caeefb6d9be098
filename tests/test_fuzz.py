"""Fuzzing with a fixed budget (tests/fuzz.py): scenario documents from the JSON Schema, crafted
save files and command lines. Whatever comes in: problems with their places, SaveError, or an
exit status of 0, 1 or 2, never another exception or a traceback."""

from __future__ import annotations

import io
import json
import sys

import pytest
import yaml
from hypothesis import given, settings

from fuzz import BUDGET, command_lines, save_bytes, save_documents, scenario_documents
from game import saves
from game.content.loader import find_scenario, load_scenario
from game.content.validate import check_text
from game.engine import Match


@pytest.fixture(scope="module")
def scenario():
    return load_scenario(find_scenario("succession_1924"))


@pytest.fixture(scope="module")
def base_save(scenario, tmp_path_factory) -> dict:
    from game.ai import ai_orders

    match = Match.start(scenario, 5)
    for _ in range(3):
        match.play(ai_orders(match.state))
    path = tmp_path_factory.mktemp("fuzz") / "base.json"
    saves.save_match(path, match, ["stalin"], "standard")
    return json.loads(path.read_text(encoding="utf-8"))


@BUDGET
@given(scenario_documents())
def test_any_document_the_schema_describes_gets_problems_not_a_crash(doc):
    text = yaml.safe_dump(doc, allow_unicode=True)
    scenario, problems = check_text(text, "fuzz.yaml")
    assert not any("the validator failed" in p.message for p in problems), problems
    assert all(p.line >= 1 and p.col >= 1 and "\n" not in p.message for p in problems)
    assert (scenario is None) == any(p.severity == "error" for p in problems)


def test_crafted_saves_are_read_or_refused_in_one_line(base_save, scenario):
    @settings(BUDGET, max_examples=150)
    @given(save_bytes(base_save))
    def check(raw: bytes) -> None:
        try:
            save = saves.parse_save(raw, "fuzz.json")
        except saves.SaveError as e:
            assert "\n" not in str(e) and str(e).startswith("fuzz.json: ")
            return
        try:
            saves.resume(save, scenario)
        except saves.SaveError as e:
            assert "\n" not in str(e)

    check()


def test_resealed_saves_meet_every_other_check(base_save, scenario):
    @settings(BUDGET, max_examples=100)
    @given(save_documents(base_save))
    def check(data: dict) -> None:
        raw = json.dumps(data, ensure_ascii=False).encode("utf-8", "surrogatepass")
        try:
            saves.resume(saves.parse_save(raw), scenario)
        except saves.SaveError:
            pass

    check()


def test_command_lines_end_in_an_exit_status(tmp_path, monkeypatch, capsys):
    from game.cli.main import main

    monkeypatch.chdir(tmp_path)  # outputs named on the command line land here
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")

    @settings(BUDGET, max_examples=80)
    @given(command_lines())
    def check(argv: list[str]) -> None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(""))
        code = main(argv)
        out, err = capsys.readouterr()
        assert code in (0, 1, 2), (argv, code)
        assert "Traceback" not in out + err, argv

    check()
