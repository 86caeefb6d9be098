"""Rules overlays (`--overlay FILE` of `politburo check` and `politburo lab`): read as strictly as
a scenario, every problem one line with its place and exit 1, and the games played with the
overlay's rules, exactly as with the same rules written in the scenario."""

from __future__ import annotations

import json

import pytest

from game.check import Report, run_games
from game.content.overlay import OverlayError, overlay_text, read_overlay
from game.content.rule_values import with_rules
from game.lab.runner import play_game
from helpers import TWO_RIVALS, load


def write(tmp_path, text: str, name: str = "o.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_an_overlay_written_is_read_back_with_the_same_values(tmp_path):
    rows = [("speech_strength", 0.125, "before 0.04, after 0.125"), ("dossier_limit", 5, ""),
            ("faction_ban", False, "switched off")]
    text = overlay_text("two_rivals", ["Made by a test.", ""], rows)
    assert text.startswith("# Made by a test.\n#\nscenario: two_rivals\nrules:\n")
    assert "  # before 0.04, after 0.125\n  speech_strength: 0.125\n" in text
    overlay = read_overlay(write(tmp_path, text))
    assert overlay.scenario == "two_rivals"
    assert overlay.rules == {"speech_strength": 0.125, "dossier_limit": 5, "faction_ban": False}
    assert type(overlay.rules["dossier_limit"]) is int
    sc = overlay.apply(load("two_rivals"))
    assert (sc.rules.speech_strength, sc.rules.dossier_limit, sc.rules.faction_ban) == (
        0.125, 5, False)


@pytest.mark.parametrize(
    "text, message",
    [
        ("rules:\n  speech_strenght: 0.2\n", "line 2, column 3: no rule 'speech_strenght' (did "
                                             "you mean 'speech_strength'?)"),
        ("rules:\n  speech_strength: 1.5\n", "line 2, column 20: rule 'speech_strength': 1.5 is "
                                             "out of its bounds (from 0 to 1)"),
        ("rules:\n  case_weight: -1\n", "rule 'case_weight': -1 is out of its bounds (at least "
                                        "0)"),
        ("rules:\n  dossier_limit: 2.5\n", "rule 'dossier_limit': 2.5 is not a whole number"),
        ("rules:\n  patronage: 0\n", "rule 'patronage' is a switch: true or false, not 0"),
        ("rules:\n  speech_strength: yes please\n", "rule 'speech_strength' is a number, not "
                                                    "'yes please'"),
        ("rules:\n  speech_strength: .nan\n", "rule 'speech_strength': nan is not a number"),
        ("rule:\n  speech_strength: 0.1\n", "unknown key 'rule' (did you mean 'rules'?)"),
        ("scenario: two_rivals\n", "an overlay needs `rules:`"),
        ("rules: {}\n", "an overlay needs `rules:`"),
        ("- 1\n", "an overlay is a mapping"),
        ("rules: [1\n", "not valid YAML"),
        ("scenario: [x]\nrules: {patronage: true}\n", "`scenario:` is a scenario's id"),
        ("scenario: succession_1924\nrules: {patronage: true}\n",
         "made for scenario 'succession_1924', not 'two_rivals'"),
    ],
)
@pytest.mark.parametrize("command", ["check", "lab"])
def test_a_bad_overlay_is_one_line_and_exit_1(run, tmp_path, command, text, message):
    path = write(tmp_path, text)
    where = [TWO_RIVALS] if command == "check" else ["--scenario", TWO_RIVALS]
    code, out, err = run([command, *where, "--games", 1, "--overlay", path])
    assert (code, out) == (1, ""), err
    assert err.count("\n") == 1 and str(path) in err and message in err


def test_a_missing_overlay_is_one_line(run, tmp_path):
    code, out, err = run(["check", TWO_RIVALS, "--games", 1, "--overlay", tmp_path / "none.yaml"])
    assert (code, out) == (1, "") and err.count("\n") == 1 and "cannot read file" in err


def test_check_with_an_overlay_plays_the_scenario_with_its_rules(run, tmp_path):
    path = write(tmp_path, "rules:\n  speech_strength: 0.5\n  patronage: false\n")
    code, out, err = run(["check", TWO_RIVALS, "--games", 3, "--jobs", 1, "--json",
                          "--overlay", path])
    assert code == 0, err
    report = json.loads(out)
    assert report["overlay"] == str(path)
    sc = with_rules(load("two_rivals"), {"speech_strength": 0.5, "patronage": False})
    want = Report(sc, run_games(sc, 3, jobs=1), overlay=str(path)).to_json()
    assert json.loads(json.dumps(want)) == report
    assert report["factors"] != json.loads(json.dumps(
        Report(load("two_rivals"), run_games(load("two_rivals"), 3, jobs=1)).to_json()))["factors"]
    code, text, err = run(["check", TWO_RIVALS, "--games", 1, "--jobs", 1, "--overlay", path])
    assert code == 0 and f"  rules overlay: {path}\n" in text


def test_the_lab_with_an_overlay_plays_it_and_says_so(run, tmp_path):
    from tests.lab.common import write_council

    scenario = write_council(tmp_path)
    path = write(tmp_path, "scenario: two_rivals\nrules:\n  speech_strength: 0.3\n")
    code, out, err = run(["lab", "--scenario", scenario, "--games", 1, "--jobs", 1,
                          "--what-if", "no_patronage", "--overlay", path])
    assert code == 0, err
    assert f"rules overlay: {path}" in out and f"--overlay {path}" in " ".join(out.split())
    from tests.lab.common import council

    game = play_game(with_rules(council(), {"speech_strength": 0.3}), 0)
    assert game != play_game(council(), 0)
    code, out2, err = run(["lab", "--scenario", scenario, "--games", 1, "--jobs", 1,
                           "--sweep", "speech_strength=0.3:0.3:0.1"])
    # the overlay's value played as the sweep's one value: the same games
    assert out2.split("WIN SHARE BY VALUE")[1].split("\n")[3].split()[1:] == [
        "100.0" if game.winner == "vera" else "0.0", "100.0" if game.winner == "ivan" else "0.0"]


def test_the_lab_refuses_to_write_its_report_over_the_overlay(run, tmp_path):
    path = write(tmp_path, "rules:\n  speech_strength: 0.3\n")
    before = path.read_bytes()
    code, out, err = run(["lab", "--scenario", TWO_RIVALS, "--games", 1, "--overlay", path,
                          "-o", path])
    assert code == 1 and "it is the overlay the lab reads" in err and out == ""
    assert path.read_bytes() == before


def test_reading_an_overlay_never_runs_code(tmp_path):
    path = write(tmp_path, "rules: !!python/object/apply:os.system ['echo pwned']\n")
    with pytest.raises(OverlayError, match="not valid YAML"):
        read_overlay(path)
