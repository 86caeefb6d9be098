"""`politburo lab --cluster`: the same games on a Dask cluster that the test starts here."""

from __future__ import annotations

import pytest

from game.lab.runner import arms_of, run_arms
from tests.lab.common import council, write_council

distributed = pytest.importorskip("distributed", reason="the test extra installs dask[distributed]")


@pytest.fixture(scope="module")
def cluster():
    """A local Dask cluster of two worker processes, for this module's tests."""
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as c:
        yield c.scheduler_address


def test_a_cluster_plays_the_same_games_as_local_processes(cluster):
    arms = arms_of(council(), ["no_patronage"])
    local = run_arms(arms, 6, seed=2, jobs=1)
    seen = []
    remote = run_arms(arms, 6, seed=2, cluster=cluster, progress=lambda d, t: seen.append(d))
    assert remote == local
    assert seen[0] == 0 and seen[-1] == 12


def test_the_lab_command_on_a_cluster_prints_the_same_report(run, tmp_path, cluster):
    path = write_council(tmp_path)
    args = ["lab", "--scenario", path, "--games", 3, "--what-if", "no_patronage"]
    code1, out1, err1 = run([*args, "--jobs", 1])
    code2, out2, err2 = run([*args, "--cluster", cluster])
    assert (code1, code2) == (0, 0), err1 + err2
    assert out1 == out2


def test_an_unreachable_scheduler_is_one_clear_line(run, tmp_path):
    path = write_council(tmp_path)
    code, out, err = run(
        ["lab", "--scenario", path, "--games", 2, "--cluster", "tcp://127.0.0.1:9"]
    )
    assert code == 1 and out == ""
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in err
    assert err.count("\n") == 1
