"""The terminal game's debug console (`politburo play --text --debug`), driven through stdin and
stdout as a modder types it: it reads any part of the state, sets values, fires event cards and
jumps ahead; a bad command gets one line and the game goes on; the save records every change
and replays to the same game, and the debrief says the game was changed."""

from __future__ import annotations

import json
import re

import pytest

from game import saves
from game.content.loader import find_scenario, load_scenario

GAME = ["play", "--text", "--debug", "--contender", "trotsky", "--seed", "3"]


def answers(out: str) -> dict[str, str]:
    """What the game printed after each console command (the echoed line up to the next
    prompt), by command."""
    parts = re.split(r"^\[Trotsky, \d+ AP left\] > ", out, flags=re.MULTILINE)
    found = {}
    for part in parts[1:]:
        line, _, rest = part.partition("\n")
        found[line] = " ".join(rest.split())
    return found


def test_the_console_reads_the_state(run):
    typed = [":help", ":show organs", ":show contender Stalin", ":show region leningrad",
             ":show office general_secretary", ":show flags", ":show rules", ":show mood",
             ":show cards", "q"]
    code, out, _ = run(GAME, "\n".join(typed) + "\n")
    assert code == 0
    said = answers(out)
    assert ":jump TURN the AI plays every seat, yours too, until turn TURN begins" in said[":help"]
    assert said[":show organs"].startswith("Politburo (7 seats): Stalin (Stalin); Trotsky")
    assert "Joseph Stalin (stalin): Politburo member; offices: General Secretary" in said[
        ":show contender Stalin"]
    assert "prestige 50, oratory 30, organisation 92, health 80, threat 20" in said[
        ":show contender Stalin"]
    assert "Zinoviev 65%" in said[":show region leningrad"]
    assert "held by Joseph Stalin" in said[":show office general_secretary"]
    assert "funeral_trick = 0" in said[":show flags"]
    assert "patronage = 1" in said[":show rules"]
    assert said[":show mood"].startswith("Mood: line +0.30")
    assert said[":show cards"].startswith("This turn's cards: lenin_dies")


@pytest.mark.parametrize("command, words", [
    (":frobnicate", "Debug: no command 'frobnicate'; commands are: show, fire, set"),
    (":show nothing", "Debug: cannot show 'nothing'; parts are: contender, region"),
    (":show contender lenin", "Debug: no contender 'lenin'; contenders are: stalin"),
    (":set quality stalin charm 5", "Debug: no quality 'charm'; qualities are: prestige"),
    (":set quality stalin prestige 500", "Debug: prestige runs from 0 to 100, not 500"),
    (":set line stalin left", "Debug: a line: 'left' is not a number"),
    (":set flag nosuch 1", "Debug: no flag 'nosuch' in this scenario; its flags are: "),
    (":set rule nosuch 1", "Debug: no rule 'nosuch'; rules are: patronage"),
    (":set trust stalin stalin 1", "Debug: a contender's trust in themselves is always 1"),
    (":set", "Debug: write :set and quality, line, trust"),
    (":set rung stalin tsar", "Debug: rung: unknown ladder rung 'tsar'; known: "),
    (":fire nothing", "Debug: no event 'nothing'; events are: lenin_dies"),
    (":fire testament burn", "Debug: event 'testament' has no choice 'burn'; its choices are"),
    (":effect {mood: {line: -5}}", "Debug: not an effect: mood.line: Input should be greater"),
    (":effect {grant_office: {who: stalin, office: tsar}}", "Debug: grant_office: unknown office "
     "'tsar'; known: "),
    (":effect {mood: [", "Debug: cannot read the effects at column"),
    (":jump 1", "Debug: jump to a turn after this one (1) and at most 24"),
    (":jump 99", "Debug: jump to a turn after this one (1) and at most 24"),
])
def test_a_bad_command_gets_one_line_and_the_game_goes_on(run, command, words):
    code, out, err = run(GAME, f"{command}\n:show mood\nq\n")
    assert code == 0 and err == ""
    said = answers(out)
    assert said[command].startswith(words), said[command]
    assert said[command].count("Debug:") == 1
    assert said[":show mood"].startswith("Mood: line")  # the game went on


def test_values_set_and_cards_fired(run, tmp_path):
    path = tmp_path / "touched.json"
    typed = [":set quality stalin prestige 90", ":show contender stalin",
             ":set loyalty leningrad zinoviev 0.9", ":show region leningrad",
             ":set mood unity 0.2", ":show mood", ":set rule patronage false", ":show rules",
             ":set flag funeral_trick 2", ":show flags",
             ":set trust trotsky stalin -1", ":show contender trotsky",
             ":set line bukharin -0.5", ":show contender bukharin",
             ":set rung zinoviev expelled", ":show organs",
             ":fire trotsky_reads_testament read_it_out", ":show cards",
             ":effect {grant_office: {who: trotsky, office: general_secretary}}",
             ":show office general_secretary", "q"]
    code, out, _ = run([*GAME, "--save", path], "\n".join(typed) + "\n")
    assert code == 0
    said = answers(out)
    assert "prestige 90," in said[":show contender stalin"]
    assert "Zinoviev 90%" in said[":show region leningrad"]
    assert "unity 0.20" in said[":show mood"]
    assert "funeral_trick = 2" in said[":show flags"]
    assert "patronage = 0" in said[":show rules"]
    assert "held by Leon Trotsky" in said[":show office general_secretary"]
    assert "Stalin -1.00" in said[":show contender trotsky"]
    assert "line -0.50" in said[":show contender bukharin"]
    assert "Zinoviev (Zinoviev)" not in said[":show organs"]
    assert "trotsky_reads_testament (read_it_out)" in said[":show cards"]
    assert "Decided The letter in Trotsky's hands: Read the whole letter" in said[
        ":fire trotsky_reads_testament read_it_out"]
    assert "Office Trotsky now holds the post of General Secretary." in said[
        ":effect {grant_office: {who: trotsky, office: general_secretary}}"]
    assert "Debug: done (turn 1: quality who=stalin quality=prestige to=90)" in said[
        ":set quality stalin prestige 90"]
    assert out.count("YOUR ACTIONS") == 1  # a change does not print the whole board again
    save = saves.load_save(path)
    assert len(save.changes) == 10 and len(save.touches) == 10


def test_jump_then_resume_and_debrief(run, tmp_path):
    path = tmp_path / "jumped.json"
    code, out, _ = run([*GAME, "--save", path],
                       ":set quality trotsky health 100\n:jump 4\n:show mood\nq\n")
    assert code == 0
    said = answers(out)
    assert "The AI played turns 1 to 3 for every seat." in said[":jump 4"]
    assert "Q4 1924 (turn 4 of 24)" in said[":jump 4"]
    save = saves.load_save(path)
    assert save.turn == 3 and len(save.orders) == 3
    assert save.touches[0] == "turn 1: quality who=trotsky quality=health to=100"
    assert save.touches[1:] == [
        "turn 1: the AI played every seat, the people's too, up to turn 4 (debug console)"]
    data = json.loads(path.read_text(encoding="utf-8"))
    scenario = load_scenario(find_scenario("succession_1924"))
    before = saves.resume(save, scenario).state.fingerprint()
    # Resumed with the console: the changes are replayed, and new ones add to the record.
    code, out, _ = run(["play", "--text", "--debug", "--load", path, "--save", path],
                       ":fire scissors_close\nq\n")
    assert code == 0
    again = saves.load_save(path)
    assert again.changes[0].model_dump() == data["changes"][0]
    assert len(again.touches) == 3 and again.touches[2].startswith("turn 4: fired event")
    assert saves.resume(again, scenario).state.fingerprint() != before
    report = tmp_path / "debrief.html"
    code, _, _ = run(["debrief", path, "-o", report])
    assert code == 0
    html = report.read_text(encoding="utf-8")
    assert "This game was changed with the debug console" in html
    assert "the AI played every seat, the people&#x27;s too" in html or \
        "the AI played every seat, the people's too" in html


def test_debug_needs_the_terminal_and_a_person(run):
    code, _, err = run(["play", "--debug"])
    assert code == 2 and "--debug opens the terminal game's console: add --text" in err
    code, _, err = run(["play", "--text", "--auto", "--debug"])
    assert code == 2 and "--debug needs a person at the table" in err
