"""`politburo validate --upgrade`: a scenario written for the older, looser reading (numbers in
quotes, YAML 1.1's yes/no/on/off) is rewritten in place, only where the format wants a number or a
switch, with the old file kept as FILE.bak; bad input is one line and exit 1."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.cli.main import main
from game.content.upgrade import upgraded_text
from game.content.validate import validate_text
from helpers import TWO_RIVALS

TODAY = TWO_RIVALS.read_text(encoding="utf-8").replace(
    "calendar: {start_year: 1950, turns: 8}", "calendar: {start_year: 1950, turns: 8}  # two years"
)
# (today's spelling, the older one): every kind of loose value, in flow and block mappings,
# inside an effect, a what-if's rule and a merged anchor
OLDER = [
    ("turns: 8}", 'turns: "8"}'),
    ("line: 0.2, politburo: true}", "line: '0.20', politburo: yes}"),
    ("members: 5000,", "members: '5000',"),
    ("{rule: {name: enrolment_open, value: true}}", "{rule: {name: enrolment_open, value: on}}"),
    ("effects: [{mood: {line: -0.3}}]", "effects: [{mood: {line: \"-0.3\"}}]"),
]


def older(text: str = TODAY) -> str:
    for new, old in OLDER:
        assert text.count(new) == 1, new
        text = text.replace(new, old)
    return text


def test_the_older_spelling_is_refused_with_a_hint_on_each_value():
    problems = [p for p in validate_text(older()) if p.severity == "error"]
    assert len(problems) == len(OLDER) + 1  # '0.20' and yes are on one line
    assert all(p.hint and p.hint.startswith("write ") for p in problems), problems
    hints = {p.hint.split(":")[0] for p in problems}
    assert {'write 8, not "8"', "write true, not yes", "write 0.20, not '0.20'"} <= hints


def test_upgrade_writes_each_value_as_it_was_meant_and_nothing_else():
    text, changes = upgraded_text(older())
    assert text == TODAY.replace("line: 0.2, politburo", "line: 0.20, politburo")
    assert [(c.old, c.new) for c in changes] == [
        ('"8"', "8"), ("'0.20'", "0.20"), ("yes", "true"), ("'5000'", "5000"), ("on", "true"),
        ('"-0.3"', "-0.3")]
    assert all(older().splitlines()[c.line - 1][c.col - 1:].startswith(c.old) for c in changes)
    assert not [p for p in validate_text(text) if p.severity == "error"]


def test_upgrade_leaves_text_fields_and_unconvertible_values_alone():
    text = TODAY.replace("name: Olga Sedova", "name: 'yes'").replace("members: 5000,",
                                                                       "members: many,")
    assert upgraded_text(text) == (text, [])


def test_upgrade_follows_anchors_and_keeps_line_endings():
    text = older().replace("qualities: {prestige: 50,", "qualities: &q {prestige: '50',", 1)
    text = text.replace("qualities: {prestige: 70,", "qualities: {<<: *q, prestige: 70,", 1)
    new, changes = upgraded_text(text.replace("\n", "\r\n"))
    assert ("'50'", "50") in [(c.old, c.new) for c in changes]
    assert "\r\n" in new and "\n" not in new.replace("\r\n", "")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["validate", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_command_rewrites_in_place_keeps_a_backup_and_says_what_changed(tmp_path, capsys):
    path = tmp_path / "old.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + older().encode("utf-8"))
    code, out, err = run(capsys, "--upgrade", str(path))
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == f'{path}:7:37: upgraded: "8" -> 8'
    assert lines[-2] == f"{path}: 6 values upgraded; the old file is {path}.bak"
    assert lines[-1] == f"{path}: ok"
    assert Path(f"{path}.bak").read_bytes() == b"\xef\xbb\xbf" + older().encode("utf-8")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf# yaml-language-server")
    assert "# two years" in path.read_text(encoding="utf-8")
    # again: nothing to do, nothing written
    before = path.stat().st_mtime_ns
    Path(f"{path}.bak").unlink()
    assert run(capsys, "--upgrade", str(path)) == (0, f"{path}: ok\n", "")
    assert path.stat().st_mtime_ns == before and not Path(f"{path}.bak").exists()


def test_without_upgrade_the_older_file_is_refused(tmp_path, capsys):
    path = tmp_path / "old.yaml"
    path.write_text(older(), encoding="utf-8")
    code, out, _ = run(capsys, str(path))
    assert code == 1 and 'calendar.turns must be a whole number, not \'8\'' in out
    assert path.read_text(encoding="utf-8") == older()


@pytest.mark.parametrize("content, message", [
    (None, "cannot read file: No such file or directory"),
    ("a: [\n", "not valid YAML, so not upgraded"),
    ("\x00\x01binary", "file is binary"),
])
def test_bad_input_is_one_line_and_exit_1(tmp_path, capsys, content, message):
    path = tmp_path / "x.yaml"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    code, out, err = run(capsys, "--upgrade", str(path))
    assert code == 1 and out == ""
    assert len(err.splitlines()) == 1 and message in err and str(path) in err
    assert not Path(f"{path}.bak").exists()


def test_an_existing_backup_is_never_overwritten(tmp_path, capsys):
    path = tmp_path / "old.yaml"
    path.write_text(older(), encoding="utf-8")
    Path(f"{path}.bak").write_text("precious", encoding="utf-8")
    code, out, err = run(capsys, "--upgrade", str(path))
    assert code == 1 and len(err.splitlines()) == 1 and "already exists" in err
    assert Path(f"{path}.bak").read_text(encoding="utf-8") == "precious"
    assert path.read_text(encoding="utf-8") == older()


def test_usage_errors_exit_2(capsys):
    assert run(capsys, "--upgrade")[0] == 2
