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


@pytest.mark.parametrize(
    "arms", [["--what-if", "no_patronage"], ["--sweep", "speech_strength=0:0.4:0.2"]],
    ids=["what-if", "sweep"],
)
def test_the_lab_command_on_a_cluster_prints_the_same_report(run, tmp_path, cluster, arms):
    path = write_council(tmp_path)
    args = ["lab", "--scenario", path, "--games", 3, *arms]
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


@pytest.mark.parametrize(
    "address", ["nonsense", "tcp://", "tcp://127.0.0.1:99999", "inproc://x", "ucx://10.0.0.1:1"]
)
def test_what_is_not_a_scheduler_address_is_a_usage_error(run, tmp_path, address):
    path = write_council(tmp_path)
    code, out, err = run(["lab", "--scenario", path, "--games", 1, "--cluster", address])
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "is not a Dask scheduler address" in err


def _server(reply: bytes | None) -> tuple[str, list]:
    """A local TCP server that is no Dask scheduler: it sends ``reply`` to each connection, or
    nothing at all (``None``), and keeps it open."""
    import socket
    import threading

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    kept: list = [listener]

    def serve() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            kept.append(conn)
            if reply is not None:
                conn.sendall(reply)

    threading.Thread(target=serve, daemon=True).start()
    return f"tcp://127.0.0.1:{listener.getsockname()[1]}", kept


@pytest.mark.parametrize(
    ("reply", "phrase"),
    [(b"HTTP/1.1 200 OK\r\n\r\n" + b"<html>" * 200, "cannot reach"), (None, "no answer from")],
    ids=["a web server", "a silent server"],
)
def test_a_server_that_is_not_a_scheduler_is_one_clear_line(
    run, tmp_path, monkeypatch, reply, phrase
):
    from game.lab import runner

    monkeypatch.setattr(runner, "CONNECT_SECONDS", 1)
    address, kept = _server(reply)
    path = write_council(tmp_path)
    try:
        code, out, err = run(["lab", "--scenario", path, "--games", 1, "--cluster", address])
    finally:
        for s in kept:
            s.close()
    assert code == 1 and out == "" and err.count("\n") == 1
    assert phrase in err and address in err



def test_calibrate_on_a_cluster_fits_the_same_values(run, tmp_path, cluster):
    from tests.lab.common import write_mistuned

    path = write_mistuned(tmp_path)
    args = ["calibrate", path, "--tune", "patronage_strength=0.005:0.3", "--games", 2,
            "--budget", 7, "-o", tmp_path / "fit.yaml"]
    code1, out1, err1 = run([*args, "--jobs", 1])
    first = (tmp_path / "fit.yaml").read_text(encoding="utf-8")
    code2, out2, err2 = run([*args, "--cluster", cluster])
    assert (code1, code2) == (0, 0), err1 + err2
    assert out1 == out2 and "AFTER: the fitted values" in out1
    assert (tmp_path / "fit.yaml").read_text(encoding="utf-8") == first
