"""The headless harness, `politburo check`: many all-AI games, the same report whatever the
number of jobs, the gaps a modder needs to see, crashes reported without stopping the rest."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from game import check as harness
from game.ai.autoplay import play_ai_game
from game.content.loader import load_scenario
from game.engine import outcome

ROOT = Path(__file__).resolve().parents[1]
TWO = ROOT / "tests" / "data" / "two_rivals.yaml"

# An event whose flag nothing sets, and a card whose decider much prefers one of its choices.
EXTRA_EVENTS = """\
  - id: famine
    title: The great famine
    when: 1951-Q2
    condition: {flag: {name: famine_flag}}
    text: Nothing grows.
    history: Fictional.
    source: None
    effects: [{mood: {line: -0.1}}]
  - id: parade
    title: The victory parade
    when: 1950-Q2
    text: Who takes the salute?
    history: Fictional.
    source: None
    decider: ivan
    choices:
      - {id: salute, label: Take the salute, effects: [{mood: {unity: 0.05}}], ai_appeal: {ivan: 5}}
      - {id: stay_home, label: Stay at home, effects: [{mood: {unity: -0.05}}]}
"""


@pytest.fixture
def gappy(tmp_path) -> Path:
    """two_rivals with an event that never fires and a choice that is never taken (in the seeds
    used here: the AI's noise could flip the parade in some other seed)."""
    text = TWO.read_text(encoding="utf-8")
    head, outcomes = text.split("outcomes:\n")
    path = tmp_path / "gappy.yaml"
    path.write_text(head + EXTRA_EVENTS + "outcomes:\n" + outcomes, "utf-8")
    return path


def test_report_is_the_same_whatever_the_jobs(run):
    code1, out1, err1 = run(["check", TWO, "--games", 4, "--jobs", 1])
    code2, out2, err2 = run(["check", TWO, "--games", 4, "--jobs", 2])
    assert (code1, code2) == (0, 0), err1 + err2
    assert out1 == out2
    assert "CHECK OF The Iron Council (two_rivals)" in out1
    assert "4 all-AI games, seeds 0-3" in out1
    for heading in ("OUTCOMES REACHED", "WIN RATES", "95% interval"):
        assert heading in out1


def test_records_match_play_ai_game():
    sc = load_scenario(TWO)
    records = harness.run_games(sc, 3, seed=5, jobs=1)
    assert [r.seed for r in records] == [5, 6, 7]
    for r in records:
        m = play_ai_game(sc, r.seed)
        result = outcome(m.state)
        assert r.error is None and r.winner == result.winner
        assert r.outcomes == tuple((o.contender, o.outcome) for o in result.outcomes)
        assert r.turns == len(m.orders)


def test_report_lists_what_never_happened(run, gappy):
    code, out, err = run(["check", gappy, "--games", 3, "--jobs", 1, "--seed", 10])
    assert code == 0, err
    assert "seeds 10-12" in out
    fired = out.split("EVENTS THAT NEVER FIRED (1 of 4)")[1]
    assert "famine" in fired.split("\n\n")[0] and "The great famine" in fired.split("\n\n")[0]
    choices = out.split("CHOICES NEVER TAKEN")[1].split("\n\n")[0]
    assert "parade" in choices and "stay_home" in choices and "Stay at home" in choices
    actions = out.split("ACTIONS NEVER CHOSEN BY ANYONE")[1].split("\n\n")[0]
    # nobody ever offers an alliance in two_rivals, so nobody can accept or break one
    assert "accept" in actions and "never" in actions
    assert "GAMES THAT CRASHED" not in out


def test_report_facts(gappy):
    report = harness.check(load_scenario(gappy), 3, seed=10, jobs=1)
    assert report.never_fired() == [("famine", "The great famine")]
    assert ("parade", "stay_home", "Stay at home") in report.never_taken()
    never = dict(report.never_chosen())
    assert never["accept"] is False  # never legal
    assert sum(report.wins().values()) == 3
    counts = report.outcome_counts()
    assert sum(counts.values()) == 3 * 2  # one outcome per contender per game


def test_a_crash_is_reported_and_the_other_games_go_on(run, monkeypatch):
    real = harness.tallied_game

    def flaky(scenario, seed, difficulty="standard", overrides=None):
        if seed == 1:
            raise ValueError("boom\nin two lines")
        return real(scenario, seed, difficulty, overrides)

    monkeypatch.setattr(harness, "tallied_game", flaky)
    code, out, err = run(["check", TWO, "--games", 3, "--jobs", 1])
    assert code == 1
    assert "2 played to the end, 1 crashed" in out
    crashed = out.split("GAMES THAT CRASHED (1)")[1]
    assert "ValueError: boom in two lines" in crashed
    assert "--seed 1" in crashed
    assert "1 game crashed" in err


def test_main_scenario_by_id(run):
    code, out, err = run(["check", "succession_1924", "--games", 1, "--jobs", 1])
    assert code == 0, err
    assert "(succession_1924)" in out and "1 all-AI game, seed 0" in out


def test_bad_file_shows_the_validators_problems(run, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\ntitle: 3\n")
    code, out, err = run(["check", bad, "--games", 2])
    assert code == 1 and out == ""
    assert str(bad) in err and "error" in err
    code, out, err = run(["check", tmp_path / "missing.yaml", "--games", 2])
    assert code == 1 and "missing.yaml" in err


@pytest.mark.parametrize(
    ("args", "phrase"),
    [
        (["--games", "0"], "from 1"),
        (["--games", "-3"], "from 1"),
        (["--games", "10000000"], "from 1"),
        (["--games", "many"], "not a whole number"),
        (["--games", "2.5"], "not a whole number"),
        (["--jobs", "0"], "from 1"),
        (["--jobs", "x"], "not a whole number"),
        (["--seed", "-1"], "from 0"),
        (["--seed", "abc"], "not a whole number"),
        (["--difficulty", "hard"], "invalid choice"),
        (["--seed", str(2**63 - 2), "--games", "5"], "below"),
    ],
)
def test_bad_arguments(run, args, phrase):
    code, out, err = run(["check", TWO, *args])
    assert code == 2 and out == ""
    assert err.startswith("politburo: error:") and err.count("\n") == 1
    assert phrase in err


def test_unknown_id_and_missing_argument(run):
    code, _, err = run(["check", "atlantis", "--games", "2"])
    assert code == 2 and "atlantis" in err and "succession_1924" in err
    code, _, err = run(["check"])
    assert code == 2 and err.count("\n") == 1


def test_wilson():
    lo, hi = harness.wilson(0, 10)
    assert lo == 0 and hi == pytest.approx(0.2775, abs=1e-4)
    lo, hi = harness.wilson(5, 10)
    assert (lo, hi) == (pytest.approx(0.2366, abs=1e-4), pytest.approx(0.7634, abs=1e-4))
    assert harness.wilson(10, 10)[1] == 1.0
    assert harness.wilson(0, 0) == (0.0, 1.0)


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal():
    quiet = io.StringIO()
    bar = harness.ProgressBar(quiet)
    for i in range(5):
        bar(i, 4)
    assert quiet.getvalue() == ""
    tty = _Tty()
    bar = harness.ProgressBar(tty, width=10)
    for i in range(5):
        bar(i, 4)
    text = tty.getvalue()
    assert text.startswith("\r[..........] 0/4 games")
    assert "\r[#####.....] 2/4 games" in text
    assert "\r[##########] 4/4 games in " in text and text.endswith(" s\n")


def test_check_subprocess_in_parallel(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "game", "check", str(TWO), "--games", "2", "--jobs", "2"],
        cwd=ROOT,
        env={**os.environ, "POLITBURO_HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert proc.returncode == 0, proc.stderr
    assert "WIN RATES" in proc.stdout
    assert "Traceback" not in proc.stderr and "[" not in proc.stderr  # no bar off a terminal


# ----- milestones, --json, --length and --seat ------------------------------------------------


def test_json_report_has_the_keys_a_modders_ci_reads(run):
    code, out, err = run(["check", "succession_1924", "--games", 3, "--jobs", 1, "--json"])
    assert code == 0, err
    doc = json.loads(out)
    assert {"scenario", "games", "length", "win_rates", "outcomes", "milestones"} <= set(doc)
    assert (doc["scenario"], doc["games"], doc["length"]) == ("succession_1924", 3, "full")
    sc = load_scenario(ROOT / "scenarios" / "succession_1924.yaml")
    assert list(doc["win_rates"]) == [c.id for c in sc.contenders]
    assert sum(doc["win_rates"].values()) == pytest.approx(1.0)
    for cid, counts in doc["outcomes"].items():
        assert list(counts) == [o.id for o in sc.outcomes] and sum(counts.values()) == 3, cid
    ids = [m["id"] for m in doc["milestones"]]
    assert ids == [m.id for m in sc.milestones] and "trotsky_exiled" in ids
    for m in doc["milestones"]:
        assert {"id", "history_turn", "share", "median_turn", "within_1", "within_2"} <= set(m)
        assert 0 <= m["within_1"] <= m["within_2"] <= m["share"] <= 1
    first = doc["milestones"][0]
    assert first["id"] == "trotsky_loses_war_commissariat" and first["history_turn"] == 5


def test_a_milestone_after_the_lengths_end_is_not_applicable(run):
    code, out, err = run(["check", "succession_1924", "--games", 2, "--jobs", 1, "--json",
                          "--length", "short"])
    assert code == 0, err
    doc = json.loads(out)
    assert doc["length"] == "short"
    by_id = {m["id"]: m for m in doc["milestones"]}
    assert by_id["congress_14_backs_majority"]["applicable"] is True  # turn 8 of 8
    late = by_id["trotsky_exiled"]
    assert late["applicable"] is False and late["share"] is None and late["within_2"] is None
    code, out, err = run(["check", "succession_1924", "--games", 1, "--jobs", 1, "--length",
                          "short"])
    assert "short length" in out and "n/a" in out and "not applicable" in out


def test_milestone_summary_counts_every_game():
    sc = load_scenario(ROOT / "scenarios" / "succession_1924.yaml")
    history = sc.calendar.turn_of(sc.milestones[0].when)  # 0-based
    games = [{sc.milestones[0].id: history}, {sc.milestones[0].id: history + 2}, {}, {}]
    m = harness.summarise_milestones(sc, games)[0]
    assert (m.games, m.reached, m.within_1, m.within_2) == (4, 2, 1, 2)
    assert m.median_turn == history + 1 + 1  # 1-based, the median of turns h+1 and h+3
    j = m.to_json()
    assert (j["share"], j["within_1"], j["within_2"]) == (0.5, 0.25, 0.5)


def test_a_seat_can_play_at_another_difficulty(run):
    code, out, err = run(["check", "succession_1924", "--games", 1, "--jobs", 1, "--json",
                          "--seat", "Trotsky=easy"])
    assert code == 0, err
    assert json.loads(out)["seats"] == {"trotsky": "easy"}
    easy = harness.play_one(load_scenario(ROOT / "scenarios" / "succession_1924.yaml"), 0,
                            overrides={"trotsky": "easy"})
    assert harness.GameRecord(0) != easy and easy.error is None


@pytest.mark.parametrize(
    ("args", "phrase"),
    [
        (["--seat", "lenin=easy"], "no contender 'lenin'"),
        (["--seat", "trotsky=genius"], "no difficulty 'genius'"),
        (["--seat", "trotsky"], "CONTENDER=DIFFICULTY"),
        (["--seat", "trotsky=easy", "--seat", "trotsky=strong"], "given twice"),
        (["--length", "epic"], "invalid choice"),
    ],
)
def test_bad_seats_and_lengths(run, args, phrase):
    code, out, err = run(["check", "succession_1924", "--games", 1, *args])
    assert code == 2 and out == ""
    assert err.startswith("politburo: error:") and err.count("\n") == 1 and phrase in err


def test_a_length_the_scenario_does_not_offer(run):
    code, out, err = run(["check", TWO, "--games", 1, "--length", "short"])
    assert code == 2 and "no 'short' length" in err


def test_each_event_and_choice_is_counted_over_the_games_played():
    sc = load_scenario(ROOT / "scenarios" / "succession_1924.yaml")
    card = next(e for e in sc.events if len(e.choices) >= 2)
    first, second = (ch.id for ch in card.choices[:2])
    records = [
        harness.GameRecord(0, fired=frozenset({card.id}), choices=frozenset({(card.id, first)})),
        harness.GameRecord(1, fired=frozenset({card.id}), choices=frozenset({(card.id, second)})),
        harness.GameRecord(2, fired=frozenset({card.id}), choices=frozenset({(card.id, first)})),
        harness.GameRecord(3, error="crashed"),  # a crashed game counts for nothing
    ]
    report = harness.Report(sc, records)
    events, choices = report.event_counts(), report.choice_counts()
    assert list(events) == [e.id for e in sc.events]
    assert events[card.id] == 3 and sum(events.values()) == 3
    assert choices[card.id][first] == 2 and choices[card.id][second] == 1
    assert set(choices) == {e.id for e in sc.events if e.choices}
    assert (card.id, first, card.choices[0].label) not in report.never_taken()
    assert all(e != card.id for e, _ in report.never_fired())


def test_json_report_counts_events_and_choices(run):
    code, out, err = run(["check", "succession_1924", "--games", 3, "--jobs", 1, "--json"])
    assert code == 0, err
    doc = json.loads(out)
    sc = load_scenario(ROOT / "scenarios" / "succession_1924.yaml")
    assert list(doc["events"]) == [e.id for e in sc.events]
    assert all(0 <= n <= 3 for n in doc["events"].values()) and any(doc["events"].values())
    for event, taken in doc["choices"].items():
        assert sum(taken.values()) <= doc["events"][event], event
