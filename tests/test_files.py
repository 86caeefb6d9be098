"""Writes that lose nothing (game.files): own inputs refused, atomic replacement with no temporary
file left behind, symbolic links written through, devices and pipes written in place, the umask
honoured, and a full disk reported in one line while the last good autosave stays whole."""

from __future__ import annotations

import errno
import os
import stat
import threading
from pathlib import Path

import pytest

from game import files, saves
from game.content.loader import find_scenario, load_scenario
from game.engine import Match
from helpers import autosaves

MAIN = "succession_1924"


def _temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(files.TEMP_SUFFIX))


def test_a_new_file_is_written_whole(tmp_path):
    target = tmp_path / "sub" / "report.html"
    files.write_text(target, "<p>Привет</p>\n")
    assert target.read_text(encoding="utf-8") == "<p>Привет</p>\n"
    assert _temps(target.parent) == []


def test_an_input_of_the_command_is_never_overwritten(tmp_path):
    source = tmp_path / "game.json"
    source.write_text("the save")
    link = tmp_path / "link.json"
    link.symlink_to(source)
    hard = tmp_path / "hard.json"
    os.link(source, hard)
    for target in (source, link, hard, tmp_path / "." / "game.json"):
        with pytest.raises(OSError, match="input of this command"):
            files.write_text(target, "a report", inputs=[source])
    assert source.read_text() == "the save" and _temps(tmp_path) == []
    files.write_text(tmp_path / "other.html", "a report", inputs=[source])  # others are fine


def test_a_symbolic_link_is_written_through(tmp_path):
    real = tmp_path / "real" / "save.json"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / "save.json"
    link.symlink_to(real)
    files.write_text(link, "new")
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text() == "new" and _temps(real.parent) == [] and _temps(tmp_path) == []


def test_a_dangling_link_gets_its_target_created(tmp_path):
    link = tmp_path / "out.html"
    link.symlink_to(tmp_path / "made.html")
    files.write_text(link, "made")
    assert link.is_symlink() and (tmp_path / "made.html").read_text() == "made"


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_a_new_file_honours_the_umask(tmp_path, umask, mode):
    old = os.umask(umask)
    try:
        files.write_text(tmp_path / "f.json", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "f.json").stat().st_mode) == mode


def test_a_replaced_file_keeps_its_permissions(tmp_path):
    target = tmp_path / "shared.html"
    target.write_text("old")
    target.chmod(0o640)
    files.write_text(target, "new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640 and target.read_text() == "new"


def _char_device(tmp_path: Path, name: str, major: int, minor: int) -> Path:
    """A copy of a /dev node in a temporary folder (never the real one: if a write ever replaced
    it, only the copy would be lost)."""
    node = tmp_path / name
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(major, minor))
        with open(node, "wb"):
            pass
    except (AttributeError, OSError) as e:
        pytest.skip(f"cannot make a device node here: {e}")
    return node


def test_a_full_device_is_written_in_place_and_the_failure_said(tmp_path):
    full = _char_device(tmp_path, "full", 1, 7)  # as /dev/full
    with pytest.raises(OSError) as e:
        files.write_text(full, "x" * 100_000)
    assert e.value.errno == errno.ENOSPC and e.value.strerror == "No space left on device"
    assert stat.S_ISCHR(full.stat().st_mode) and _temps(tmp_path) == []


def test_a_null_device_stays_a_device(tmp_path):
    null = _char_device(tmp_path, "null", 1, 3)  # as /dev/null
    files.write_text(null, "gone")
    assert stat.S_ISCHR(null.stat().st_mode) and _temps(tmp_path) == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_is_written_to_its_reader_and_refused_without_one(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(OSError, match="nothing reads"):
        files.write_text(fifo, "nobody listens")
    got: list[bytes] = []
    fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader is there before the writer
    reader = threading.Thread(target=lambda: got.append(_read_all(fd)), daemon=True)
    files.write_text(fifo, "hello")
    reader.start()
    reader.join(10)
    assert got == [b"hello"] and stat.S_ISFIFO(fifo.stat().st_mode)


def _read_all(fd: int) -> bytes:
    os.set_blocking(fd, True)
    with os.fdopen(fd, "rb") as f:
        return f.read()


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(IsADirectoryError, match="folder"):
        files.write_text(tmp_path, "x")


def test_a_name_at_the_length_limit_still_gets_a_temporary_file(tmp_path):
    target = tmp_path / ("n" * 250 + ".html")
    files.write_text(target, "long")
    assert target.read_text() == "long" and _temps(tmp_path) == []


def test_text_that_cannot_be_written_touches_nothing(tmp_path):
    target = tmp_path / "f.txt"
    target.write_text("old")
    with pytest.raises(UnicodeEncodeError):
        files.write_text(target, "bad \udc80 text")
    assert target.read_text() == "old" and _temps(tmp_path) == []


# ----- the commands that write --------------------------------------------------------------


@pytest.fixture(scope="module")
def finished_save(tmp_path_factory) -> Path:
    from game.ai import ai_orders

    scenario = load_scenario(find_scenario(MAIN)).with_length("short")
    match = Match.start(scenario, 2)
    while not match.state.finished:
        match.play(ai_orders(match.state))
    path = tmp_path_factory.mktemp("finished") / "game.json"
    saves.save_match(path, match, ["stalin"], "standard", "short")
    return path


def test_debrief_onto_its_own_save_refuses_and_keeps_the_save(run, finished_save, tmp_path):
    before = finished_save.read_bytes()
    link = tmp_path / "also.json"
    link.symlink_to(finished_save)
    for output in (finished_save, link):
        code, _, err = run(["debrief", finished_save, "-o", output])
        assert code == 1 and "input of this command" in err and err.count("\n") == 1
        code, _, err = run(["debrief", finished_save.parent, "--class", "-o", output])
        assert code == 1 and "input of this command" in err
    assert finished_save.read_bytes() == before
    assert run(["debrief", finished_save, "-o", tmp_path / "r.html"])[0] == 0


def test_lab_onto_its_own_scenario_refuses_before_playing(run, tmp_path):
    scenario = tmp_path / "mine.yaml"
    scenario.write_text(find_scenario(MAIN).read_text(encoding="utf-8"), encoding="utf-8")
    before = scenario.read_bytes()
    code, out, err = run(
        ["lab", "--scenario", scenario, "--games", "1", "--jobs", "1", "-o", scenario]
    )
    assert code == 1 and "it is the scenario the lab plays" in err and out == ""
    assert scenario.read_bytes() == before


def test_schema_output_is_written_atomically_through_a_link(run, tmp_path, monkeypatch):
    real = tmp_path / "schema.json"
    real.write_text("{}")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    assert run(["schema", "-o", link])[0] == 0
    assert link.is_symlink() and real.read_text().startswith("{\n")

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    kept = real.read_text()
    monkeypatch.setattr(files.os, "fsync", full)
    code, _, err = run(["schema", "-o", real])
    assert code == 1 and "No space left on device" in err and err.count("\n") == 1
    assert real.read_text() == kept and _temps(tmp_path) == []


def _disk_full_after(monkeypatch, good_writes: int) -> None:
    """Let ``good_writes`` fsyncs through, then fail every write as a full disk does (until the
    ``monkeypatch`` context ends)."""
    real_fsync = os.fsync
    count = {"n": 0}

    def fsync(fd):
        count["n"] += 1
        if count["n"] > good_writes:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(files.os, "fsync", fsync)


def test_a_full_disk_in_the_terminal_keeps_the_last_autosave_and_says_so(run, home, monkeypatch):
    with monkeypatch.context() as m:
        _disk_full_after(m, 2)  # the autosave and its folder after turn 1; then no room
        code, out, err = run(
            ["play", "--text", "--contender", "stalin", "--seed", "4"], "d\nd\n" * 4
        )
    assert code == 1
    warnings = [line for line in err.splitlines() if "autosave failed (" in line]
    assert len(warnings) >= 3  # said after every turn that could not be saved, and at the end
    assert all("No space left on device); the autosave still holds turn 1" in w for w in warnings)
    assert "politburo: the game is not saved: " in err
    assert "holds the game up to the last completed turn" not in out
    (autosave,) = autosaves(home)
    assert saves.load_save(autosave).turn == 1


def test_a_full_disk_in_the_window_says_what_the_autosave_holds(monkeypatch):
    from game.ui.session import GameSession

    scenario = load_scenario(find_scenario(MAIN))
    session = GameSession.new(scenario, ["stalin"], 4)
    with monkeypatch.context() as m:
        _disk_full_after(m, 2)
        session.submit()
        assert session.notice is None and session.autosaver.held == 1
        session.submit()
        assert "No space left on device" in session.notice
        assert "still holds turn 1" in session.notice and session.autosaver.problem
    assert saves.load_save(session.autosaver.path).turn == 1
    session.submit()  # room again: the autosave catches up
    assert session.autosaver.problem is None and session.autosaver.held == 3


def test_play_refuses_to_save_over_its_scenario_file(run, tmp_path):
    scenario = tmp_path / "mine.yaml"
    scenario.write_text(find_scenario(MAIN).read_text(encoding="utf-8"), encoding="utf-8")
    before = scenario.read_bytes()
    code, out, err = run(["play", "--auto", "--scenario", scenario, "--save", scenario])
    assert code == 2 and "is the scenario file itself" in err and out == ""
    assert scenario.read_bytes() == before
