"""`politburo calibrate`: CMA-ES really searches (it is asked, told the scores and moves towards
the better values), the fit beats a deliberately mistuned scenario on its milestones, the same
command gives the same fit, the overlay it writes is read back and played by `check --overlay`,
and every bad command line is one line."""

from __future__ import annotations

import json

import pytest

from game.content.overlay import read_overlay
from game.lab import calibrate as cal
from tests.lab.common import mistuned, write_council, write_mistuned

TUNE = "patronage_strength=0.005:0.3"


@pytest.fixture(scope="module")
def spied():
    """A calibration of the mistuned scenario, with every ask and tell of CMA-ES recorded."""
    cma = cal._cma()
    asked, told = [], []

    class Spy(cma.CMAEvolutionStrategy):
        def ask(self, *a, **k):
            x = super().ask(*a, **k)
            asked.append([list(v) for v in x])
            return x

        def tell(self, solutions, losses, *a, **k):
            told.append(list(losses))
            return super().tell(solutions, losses, *a, **k)

    mp = pytest.MonkeyPatch()
    mp.setattr(cma, "CMAEvolutionStrategy", Spy)
    try:
        result = cal.calibrate(mistuned(), [cal.parse_tune(TUNE)], games=4, budget=19, jobs=1)
    finally:
        mp.undo()
    return result, asked, told


def test_the_fit_is_far_better_than_the_mistuned_start(spied):
    result, _, _ = spied
    assert result.before.values == (("patronage_strength", 0.15),)
    assert result.before.loss > 1  # every game reaches the milestone 4 turns early or more
    assert result.best.loss < 0.25
    assert 0.005 <= dict(result.best.values)["patronage_strength"] < 0.06
    after = result.milestones(result.best)[0]
    before = result.milestones(result.before)[0]
    assert after.within_2 > before.within_2 == 0


def test_the_candidates_are_cma_es_s_and_it_learns_from_their_scores(spied):
    result, asked, told = spied
    assert len(result.evaluations) == 19 and result.generations >= 3
    played = [dict(e.values)["patronage_strength"] for e in result.evaluations[1:]]
    proposed = [cal.parse_tune(TUNE).value(x[0]) for gen in asked for x in gen]
    assert set(played) <= set(proposed)  # nothing is played that CMA-ES did not ask for
    losses = {e.values: e.loss for e in result.evaluations}
    assert told[0] == [losses[(("patronage_strength", cal.parse_tune(TUNE).value(x[0])),)]
                       for x in asked[0]]
    first, last = played[:6], played[-6:]
    assert sum(last) / len(last) < sum(first) / len(first) - 0.05  # it moved towards ~0.02


def test_the_same_command_gives_the_same_fit(spied):
    again = cal.calibrate(mistuned(), [cal.parse_tune(TUNE)], games=4, budget=19, jobs=2)
    assert [(e.values, e.loss) for e in again.evaluations] == [
        (e.values, e.loss) for e in spied[0].evaluations]


def test_the_objective_counts_on_time_early_and_never():
    sc = mistuned()  # vera_half: history's turn is 6 (0-based)
    assert cal.milestone_loss(sc, [{"vera_half": 6}, {"vera_half": 8}]) == 0
    assert cal.milestone_loss(sc, [{}]) == 1 + cal.UNREACHED_WEIGHT
    assert cal.milestone_loss(sc, [{"vera_half": 1}]) == 1 + cal.LATE_WEIGHT * 3 / 8
    assert cal.milestone_loss(sc, [{"vera_half": 6}, {}]) == (0.5 + cal.UNREACHED_WEIGHT / 2)


def test_the_command_prints_before_and_after_and_writes_an_overlay_check_plays(
    run, tmp_path, monkeypatch
):
    path = write_mistuned(tmp_path)
    monkeypatch.chdir(tmp_path)
    code, out, err = run(["calibrate", path, "--tune", TUNE, "--games", 4, "--budget", 19,
                          "--jobs", 1])
    assert code == 0, err
    written = tmp_path / "two_rivals.calibrated.yaml"
    assert f"wrote the fitted values to {written.name}" in err
    heads = "Milestone  History  Turn  Reached  Median  Within 1  Within 2"
    assert out.count(heads) == 2
    assert "BEFORE: the scenario's own values (objective 1." in out
    assert "AFTER: the fitted values (objective 0." in out
    overlay = read_overlay(written)
    value = overlay.rules["patronage_strength"]
    assert overlay.scenario == "two_rivals" and 0.005 <= value < 0.06
    text = written.read_text(encoding="utf-8")
    assert (f"  # before 0.15, after {value:g}; tuned within 0.005 to 0.3\n"
            f"  patronage_strength: {value:g}\n") in text
    assert f"politburo check {path} --overlay {written.name} --seed 1000 --games 200" in text

    def within_2(*extra):
        code, out, err = run(["check", path, "--games", 4, "--jobs", 1, "--json", *extra])
        assert code == 0, err
        return json.loads(out)["milestones"][0]["within_2"]

    assert within_2() == 0 and within_2("--overlay", written) > 0.5


def test_calibrate_never_writes_over_its_inputs(run, tmp_path):
    path = write_mistuned(tmp_path)
    before = path.read_bytes()
    code, out, err = run(["calibrate", path, "--budget", 2, "--games", 1, "-o", path])
    assert (code, out) == (1, "") and "it is the scenario calibrated" in err
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    "args, message",
    [
        (["--tune", "patronage_strenght=0:1"], "no rule 'patronage_strenght' (did you mean"),
        (["--tune", "patronage=0:1"], "rule 'patronage' is a switch"),
        (["--tune", "patronage_strength=0.2:0.1"], "LOW must be below HIGH"),
        (["--tune", "patronage_strength=0:2"], "2 is out of its bounds (from 0 to 1)"),
        (["--tune", "dossier_limit=0:2.5"], "2.5 is not a whole number"),
        (["--tune", "patronage_strength"], "write NAME=LOW:HIGH"),
        (["--tune", "patronage_strength=a:b"], "LOW and HIGH must be numbers"),
        (["--tune", TUNE, "--tune", "patronage_strength=0:0.1"], "patronage_strength is given "
                                                                 "twice"),
        (["--budget", 0], "the budget must be from 1"),
        (["--cluster", "nonsense"], "is not a Dask scheduler address"),
    ],
)
def test_a_bad_calibration_is_one_line_and_exit_2(run, tmp_path, args, message):
    path = write_mistuned(tmp_path)
    code, out, err = run(["calibrate", path, "--games", 1, *args])
    assert (code, out) == (2, "") and err.count("\n") == 1, err
    assert message in err


def test_a_scenario_without_milestones_cannot_be_calibrated(run, tmp_path):
    code, out, err = run(["calibrate", write_council(tmp_path), "--games", 1])
    assert (code, out) == (2, "") and err.count("\n") == 1
    assert "scenario two_rivals has no milestones: calibration fits rules to them" in err
