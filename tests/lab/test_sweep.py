"""`politburo lab --sweep NAME=FROM:TO:STEP`: the grid of values, one arm per value on the same
seeds, the table a script can read, the HTML page, and every bad sweep refused in one line."""

from __future__ import annotations

import re

import pytest
from htmlcheck import check_html, check_self_contained

from game.content.rule_values import with_rules
from game.lab import lab
from game.lab.runner import play_game
from game.lab.sweep import SWEEP_CAVEATS, SweepError, SweepReport, parse_sweep, sweep_arms
from game.lab.sweep_html import render_sweep_html
from tests.lab.common import council, write_council

LIMIT = 101


@pytest.mark.parametrize(
    "spec, values",
    [
        ("patronage_strength=0:0.3:0.1", (0.0, 0.1, 0.2, 0.3)),  # exact: never 0.30000000000000004
        ("patronage_strength=0.05:0.3:0.1", (0.05, 0.15, 0.25)),  # TO off the grid: stop below
        ("patronage_strength=0.2:0.2:0.1", (0.2,)),
        ("dossier_limit=1:5:2", (1, 3, 5)),
        ("patronage=0:1:1", (False, True)),
        (" case_weight = 0 : 4 : 2 ", (0.0, 2.0, 4.0)),
    ],
)
def test_a_sweep_is_its_grid_of_values_in_the_rules_type(spec, values):
    sweep = parse_sweep(spec, LIMIT)
    assert sweep.values == values
    assert [type(v) for v in sweep.values] == [type(v) for v in values]


def test_each_value_is_an_arm_with_the_rule_set_and_nothing_else():
    sc = council()
    arms = sweep_arms(sc, parse_sweep("speech_strength=0:0.4:0.2", LIMIT))
    assert [a.id for a in arms] == ["speech_strength=0", "speech_strength=0.2",
                                    "speech_strength=0.4"]
    for arm, value in zip(arms, (0.0, 0.2, 0.4), strict=True):
        rules = arm.scenario.rules.model_dump()
        assert rules.pop("speech_strength") == value
        assert rules == {k: v for k, v in sc.rules.model_dump().items() if k != "speech_strength"}
    assert sc.rules.speech_strength == 0.04  # the scenario itself is unchanged


@pytest.fixture(scope="module")
def swept() -> SweepReport:
    sc = council()
    sweep = parse_sweep("speech_strength=0:0.5:0.25", LIMIT)
    return SweepReport(lab(sc, [], 3, seed=4, jobs=1, arms=sweep_arms(sc, sweep)), sweep)


def test_every_value_plays_the_same_seeds_as_a_game_with_the_rule_set(swept):
    sc = council()
    for i, value in enumerate(swept.sweep.values):
        records = swept.lab.records[i]
        assert [r.seed for r in records] == [4, 5, 6]
        assert records == [play_game(with_rules(sc, {"speech_strength": value}), s)
                           for s in (4, 5, 6)]
    assert swept.lab.records[0] != swept.lab.records[2]  # the rule changes the games


def test_the_table_gives_each_contenders_share_at_each_value(swept):
    text = swept.render()
    assert text.startswith("SWEEP: The Iron Council (two_rivals)\n")
    assert "WIN SHARE BY VALUE OF speech_strength (% of games won)" in text
    assert ("Again: politburo lab --scenario two_rivals --games 3 --seed 4 --sweep "
            "speech_strength=0:0.5:0.25") in text
    long = text.split("WIN SHARES WITH 95% INTERVALS (Wilson), by contender and value\n")[1]
    header, rule, *rows = long.split("\n\n")[0].split("\n")
    assert header.split() == ["Contender", "Value", "Wins", "Games", "Share", "95%", "low",
                              "95%", "high"]
    assert len(rows) == 2 * 3
    for row in rows:
        name, value, wins, games, share, low, high = row.split()
        cid = {"Orlova": "vera", "Petrov": "ivan"}[name]
        point = [f"{v:g}" for v in swept.sweep.values].index(value)
        s = swept.share(point, cid)
        assert (int(wins), int(games)) == (s.k, s.n) == (s.k, 3)
        assert (share, low, high) == (f"{100 * s.p:.1f}%", f"{100 * s.low:.1f}%",
                                      f"{100 * s.high:.1f}%")
    assert "CHANGE FROM 0 TO 0.5" in text
    for caveat in SWEEP_CAVEATS:
        assert caveat in " ".join(text.split())
    assert all(line == line.rstrip() for line in text.split("\n"))


def test_the_html_page_is_valid_self_contained_and_has_a_chart_per_contender(swept):
    page = render_sweep_html(swept)
    stack = check_html(page)
    check_self_contained(page, stack)
    assert "<script" not in page
    assert page.count('role="img"') == len(swept.contenders)
    for cid in swept.contenders:
        assert f"{swept.lab.name(cid)}: share of games won against speech_strength" in page
    for caveat in SWEEP_CAVEATS:
        assert caveat.replace("'", "&#x27;") in page
    # every point says its numbers in words, for a reader who cannot see the chart
    s = swept.share(1, "vera")
    assert (f"speech_strength = 0.25: Orlova won {s.k} of {s.n}, {s.p:.1%} (95% interval "
            f"{s.low:.1%} to {s.high:.1%})") in page


def test_the_command_prints_the_same_table_whatever_the_jobs_and_writes_the_page(run, tmp_path):
    path = write_council(tmp_path)
    out_file = tmp_path / "sweep.html"
    args = ["lab", "--scenario", path, "--games", 2, "--sweep", "patronage=0:1:1"]
    code1, out1, err1 = run([*args, "--jobs", 1, "-o", out_file])
    code2, out2, err2 = run([*args, "--jobs", 2])
    assert (code1, code2) == (0, 0), err1 + err2
    assert out1 == out2
    assert "Rule patronage (a switch: 0 is off, 1 is on)" in out1
    assert re.search(r"^\s+0\s+[\d.]+\s+[\d.]+$", out1, re.M)  # the switch's values: 0, 1
    assert re.search(r"^\s+1\s+[\d.]+\s+[\d.]+\s+<- the scenario's value$", out1, re.M)
    assert "wrote the report to" in err1
    check_html(out_file.read_text(encoding="utf-8"))


def test_every_option_of_the_lab_goes_into_the_sweep_and_its_again_line(run, tmp_path):
    path = write_council(tmp_path)
    code, out, err = run(["lab", "--scenario", path, "--games", 2, "--seed", 7, "--jobs", 1,
                          "--difficulty", "easy", "--seat", "ivan=strong",
                          "--sweep", "dossier_limit=1:2:1"])
    assert code == 0, err
    words = " ".join(out.split())
    assert "AI difficulty easy, ivan strong, full length; 2 values, 4 games, 0 crashed" in words
    assert (f"Again: politburo lab --scenario {path} --games 2 --seed 7 --difficulty easy "
            "--seat ivan=strong --sweep dossier_limit=1:2:1") in words


def test_a_rule_that_cards_set_is_noted():
    from helpers import load

    sc = load("succession_1924")
    sweep = parse_sweep("accusation_presumption=1:2:1", LIMIT)
    report = SweepReport(lab(sc, [], 1, jobs=1, arms=sweep_arms(sc, sweep)[:1] * 2), sweep)
    assert ("Note: in this scenario lenin_dies, truce_ends also set accusation_presumption "
            "during the game; the sweep sets its value until then.") in " ".join(
                report.render().split())


@pytest.mark.parametrize(
    "spec, message",
    [
        ("patronage_strenght=0:1:0.5", "no rule 'patronage_strenght' (did you mean "
                                       "'patronage_strength'?)"),
        ("patronage_strength=0.3:0.1:0.1", "FROM must not be above TO"),
        ("patronage_strength=0:0.3:0", "the step must be more than 0"),
        ("patronage_strength=0:0.3:-0.1", "the step must be more than 0"),
        ("patronage_strength=0:1:0.001", "that is 1,001 values, and a sweep plays at most 101"),
        ("patronage_strength=0:1:1e-300", "and a sweep plays at most 101"),
        ("patronage_strength=0:2:0.5", "rule 'patronage_strength': 1.5 is out of its bounds "
                                       "(from 0 to 1)"),
        ("case_weight=-1:1:1", "rule 'case_weight': -1 is out of its bounds (at least 0)"),
        ("line_step=0:1:0.5", "0 is out of its bounds (more than 0, at most 1)"),
        ("dossier_limit=0:3:0.5", "rule 'dossier_limit' is a whole number: FROM, TO and STEP "
                                  "must be whole numbers"),
        ("patronage=0:1:0.5", "(a switch sweeps 0:1:1)"),
        ("patronage=0:2:1", "2 is neither 0 (off) nor 1 (on)"),
        ("patronage_strength=0:x:1", "FROM, TO and STEP must be numbers"),
        ("patronage_strength=0:inf:1", "must be finite numbers"),
        ("patronage_strength=0:1", "write NAME=FROM:TO:STEP"),
        ("0:1:1", "write NAME=FROM:TO:STEP"),
    ],
)
def test_a_bad_sweep_is_one_line_and_exit_2(run, tmp_path, spec, message):
    with pytest.raises(SweepError, match=re.escape(message)):
        parse_sweep(spec, LIMIT)
    path = write_council(tmp_path)
    code, out, err = run(["lab", "--scenario", path, "--games", 1, "--sweep", spec])
    assert (code, out) == (2, "") and err.count("\n") == 1, err
    assert "argument --sweep" in err and message in err


@pytest.mark.parametrize(
    "extra, message",
    [
        (["--what-if", "no_patronage"], "--sweep and --what-if do not go together"),
        (["--sheet", "s.html"], "--sweep and --sheet do not go together"),
        (["--sweep", "case_weight=0:1:1"], "--sweep is given twice"),
    ],
)
def test_a_sweep_with_what_ifs_is_one_line_and_exit_2(run, tmp_path, extra, message):
    path = write_council(tmp_path)
    code, out, err = run(["lab", "--scenario", path, "--games", 1,
                          "--sweep", "patronage=0:1:1", *extra])
    assert (code, out) == (2, "") and err.count("\n") == 1, err
    assert message in err


def test_a_sweep_plays_the_length_asked_for(run):
    code, out, err = run(["lab", "--games", 1, "--jobs", 1, "--length", "short",
                          "--sweep", "patronage=0:1:1"])
    assert code == 0, err
    words = " ".join(out.split())
    assert "short length; 2 values, 2 games, 0 crashed" in words
    assert "--length short --sweep patronage=0:1:1" in words
