"""The lab: its statistics, its games (the same whatever the number of jobs), its report and
chart, and the `politburo lab` command with its one-line errors."""

from __future__ import annotations

import re
from xml.etree import ElementTree

import pytest

from game.ai.autoplay import play_ai_game, tallied_game
from game.engine import Kind
from game.lab import (
    LabReport,
    arms_of,
    difference,
    lab,
    median_low,
    play_game,
    run_arms,
    share,
)
from game.lab.html import render_html
from game.lab.runner import decisive_events, year_ends
from helpers import load
from tests.lab.common import council, write_council

# ----- statistics -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "a, b, low, high",
    [
        ((56, 70), (48, 80), 0.0524, 0.3339),
        ((9, 10), (3, 10), 0.1705, 0.8090),
        ((6, 7), (2, 7), 0.0582, 0.8062),
        ((5, 56), (0, 29), -0.0381, 0.1926),
    ],
)
def test_differences_use_newcombes_hybrid_score_interval(a, b, low, high):
    """The worked examples of Newcombe (1998), Statistics in Medicine 17: 873-890, method 10."""
    d = difference(share(*a), share(*b))
    assert d.d == pytest.approx(a[0] / a[1] - b[0] / b[1])
    assert (d.low, d.high) == (pytest.approx(low, abs=1e-4), pytest.approx(high, abs=1e-4))
    assert d.clear == (low > 0 or high < 0)


def test_shares_and_medians():
    s = share(0, 10)
    assert s.p == 0 and s.low == 0 and 0.25 < s.high < 0.35
    assert median_low([]) is None
    assert median_low([5, 1, 3, 2]) == 2 and median_low([4]) == 4


# ----- the games --------------------------------------------------------------------------------


def test_decisive_events_are_the_first_exits_the_status_events_report():
    sc = load("succession_1924")
    match = play_ai_game(sc, 4)
    found = decisive_events(sc, tallied_game(sc, 4)[1])
    status = [e for e in match.events if e.kind == Kind.STATUS and e.ref]
    rungs = {r.id: r for r in sc.ladder}
    for cid, key, turn in found:
        c = sc.contender_index(cid)
        flag = "in_politburo" if key == "politburo" else "in_party"
        first = min(e.turn for e in status if e.actors[0] == c and not getattr(rungs[e.ref], flag))
        assert turn == first
    assert ("trotsky", "politburo") in {(c, k) for c, k, _ in found}  # as in every game so far
    assert play_game(sc, 4).milestones == found


def test_support_is_recorded_at_the_end_of_each_year():
    sc = load("succession_1924")
    assert year_ends(sc) == [3, 7, 11, 15, 19, 23]
    record, match = play_game(sc, 2), play_ai_game(sc, 2)
    assert len(record.support) == 6
    for i, t in enumerate(year_ends(sc)):
        want = match.state.arrays.history[t + 1][: len(sc.contenders)]
        assert record.support[i] == pytest.approx(tuple(want), abs=1e-6)


def test_the_same_seeds_give_the_same_records_whatever_the_jobs():
    sc = council()
    arms = arms_of(sc, ["no_patronage", "coup_rumour"])
    one = run_arms(arms, 5, seed=3, jobs=1)
    two = run_arms(arms, 5, seed=3, jobs=2)
    assert one == two
    assert [r.seed for r in one[0]] == [3, 4, 5, 6, 7]
    baseline = one[0]
    assert [r.winner for r in baseline] == [play_game(sc, s).winner for s in range(3, 8)]


def test_progress_counts_every_game_of_every_arm():
    seen = []
    run_arms(
        arms_of(council(), ["no_drive"]),
        3,
        jobs=1,
        progress=lambda done, total: seen.append((done, total)),
    )
    assert seen[0] == (0, 6) and seen[-1] == (6, 6)


def test_a_crash_is_recorded_and_the_others_go_on(monkeypatch):
    from game.lab import runner

    def boom(scenario, seed, difficulty="standard", overrides=None):
        if seed == 1:
            raise RuntimeError("the engine\nbroke")
        return tallied_game(scenario, seed, difficulty, overrides)

    monkeypatch.setattr(runner, "tallied_game", boom)
    records = run_arms(arms_of(council(), []), 3, jobs=1)[0]
    assert records[1].error == "RuntimeError: the engine broke"
    assert records[0].error is None and records[2].error is None


# ----- the report -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def report() -> LabReport:
    return lab(
        council(),
        ["no_patronage", "market_blamed"],
        4,
        seed=1,
        jobs=1,
        source="council_what_ifs.yaml",
    )


def test_the_text_report_compares_every_arm_with_the_baseline(report):
    text = report.render()
    assert text.startswith("LAB: The Iron Council (two_rivals)")
    assert "4 all-AI games per arm, seeds 1-4 in every arm" in text
    assert "BASELINE: The Iron Council" in text
    assert "WHAT IF: No patronage (no_patronage)" in text
    assert "Question: How far does the First Secretary's power" in text
    assert "WHAT IF: The market blamed (market_blamed)" in text
    assert "SUMMARY: change in win share from the baseline" in text
    assert "Support at the end of each year" in text and "  1950  1951" in text
    assert "Graded outcomes (% of games, baseline -> what-if)" in text
    assert (
        "Again: politburo lab --scenario council_what_ifs.yaml --games 4 --seed 1 "
        "--what-if no_patronage market_blamed" in text
    )
    for a in (1, 2):
        for cid in report.contenders:
            d = report.win_difference(a, cid)
            assert f"{100 * d.low:+.1f} to {100 * d.high:+.1f}" in text
    assert all(len(line) <= 100 for line in text.splitlines() if not line.startswith("  Again"))


def test_report_facts_add_up(report):
    for a in range(len(report.arms)):
        shares = [report.win_share(a, c) for c in report.contenders]
        assert sum(s.k for s in shares) == report.games
        for c in report.contenders:
            total = sum(report.outcome_share(a, c, o.id).k for o in report.scenario.outcomes)
            assert total == report.games
        for y in range(len(report.years())):
            assert 0 < sum(report.support_mean(a, c, y) for c in report.contenders) <= 1


def test_the_html_report_is_self_contained_with_patterned_bars_and_whiskers(report):
    page = render_html(report)
    assert page.startswith("<!DOCTYPE html>") and "<script" not in page
    assert "http" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    svgs = re.findall(r"<svg .*?</svg>", page, flags=re.S)
    assert len(svgs) >= 3  # the win chart and one difference chart per what-if
    for svg in svgs:
        ElementTree.fromstring(svg)  # well-formed
    ids = re.findall(r'id="([^"]+)"', page)
    assert len(ids) == len(set(ids))  # every chart's pattern ids are its own
    for colour in ("#9B1B1B", "#1C1C1C", "#F4ECD8"):
        assert colour in page
    assert "<pattern" in page and "url(#w-arm2)" in page
    assert "solid black" in page and "red, diagonal stripes" in page  # said, not only shown
    assert page.count('stroke-width="1.4"') >= 3 * len(report.contenders)  # CI whiskers
    assert "Question:" in page and "politburo lab --scenario" in page


# ----- the command ------------------------------------------------------------------------------


def test_lab_output_is_the_same_whatever_the_jobs(run, tmp_path):
    path = write_council(tmp_path)
    args = [
        "lab",
        "--scenario",
        path,
        "--games",
        3,
        "--what-if",
        "no_patronage",
        "--what-if",
        "coup_rumour",
    ]
    code1, out1, err1 = run([*args, "--jobs", 1])
    code2, out2, err2 = run([*args, "--jobs", 2, "-o", tmp_path / "r.html"])
    assert (code1, code2) == (0, 0), err1 + err2
    assert out1 == out2
    assert "WHAT IF: A coup rumour (coup_rumour)" in out1
    assert (tmp_path / "r.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert f"wrote the report to {tmp_path / 'r.html'}" in err2


def test_without_what_if_every_switch_of_the_scenario_is_played(run, tmp_path):
    code, out, err = run(["lab", "--scenario", write_council(tmp_path), "--games", 1, "--jobs", 1])
    assert code == 0, err
    for wid in ("no_patronage", "no_drive", "market_blamed", "coup_rumour"):
        assert f"({wid})" in out


def test_an_unknown_what_if_is_one_line_listing_the_valid_ones(run, tmp_path):
    code, out, err = run(
        ["lab", "--scenario", write_council(tmp_path), "--games", 1, "--what-if", "no_patronge"]
    )
    assert code == 2 and out == ""
    assert err == (
        "politburo: error: unknown what-if 'no_patronge' for scenario two_rivals; "
        "its what-ifs are: no_patronage, no_drive, market_blamed, coup_rumour\n"
    )


def test_the_main_scenario_lists_its_what_ifs(run):
    code, out, err = run(["lab", "--what-if", "nope"])
    assert code == 2 and len(err.splitlines()) == 1
    assert "no_patronage" in err and "lenin_lives_1926" in err


@pytest.mark.parametrize(
    "args, message",
    [
        (["--games", 0], "the number of games must be from 1"),
        (["--jobs", "x"], "'x' is not a whole number"),
        (["--scenario", "nowhere_1900"], "nowhere_1900"),
    ],
)
def test_bad_arguments_are_one_line_and_exit_2(run, args, message):
    code, out, err = run(["lab", *args])
    assert code == 2 and out == "" and len(err.splitlines()) == 1 and message in err


def test_an_unwritable_report_fails_before_playing(run, tmp_path):
    code, out, err = run(
        [
            "lab",
            "--scenario",
            write_council(tmp_path),
            "--games",
            1,
            "-o",
            tmp_path / "missing" / "r.html",
        ]
    )
    assert code == 1 and out == ""
    assert "cannot write" in err and "no folder" in err
