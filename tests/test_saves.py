"""Saves: round trips to the identical state, clear errors for every bad file, atomic writes."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from game import files, paths, saves
from game.content.loader import find_scenario, load_scenario
from game.engine import Match, legal_actions, view
from game.saves import SCHEMA_VERSION, SaveError, SaveFile


@pytest.fixture(scope="module")
def scenario():
    return load_scenario(find_scenario("succession_1924"))


def simple_orders(match: Match) -> dict:
    """Deterministic, legal orders without the AI: each contender's first affordable options,
    at most one choice per event card."""
    orders = {}
    for c in match.scenario.contenders:
        ap = view(match.state, c.id).mine.action_points
        chosen, spent, cards = [], 0, set()
        for o in legal_actions(match.state, c.id):
            card = o.action.target if o.action.kind == "decide" else None
            if card in cards or spent + o.cost > ap:
                continue
            if card:
                cards.add(card)
            chosen.append(o.action)
            spent += o.cost
            if len(chosen) == 3:
                break
        orders[c.id] = chosen
    return orders


@pytest.fixture(scope="module")
def played(scenario) -> Match:
    match = Match.start(scenario, 11)
    for _ in range(4):
        match.play(simple_orders(match))
    return match


@pytest.fixture
def good_save(tmp_path, played) -> Path:
    path = tmp_path / "game.json"
    saves.save_match(path, played, ["stalin"], "standard")
    return path


def test_round_trip_reaches_identical_state(good_save, played, scenario):
    save = saves.load_save(good_save)
    assert save.schema_version == SCHEMA_VERSION
    assert save.scenario_id == scenario.id and save.scenario_hash == scenario.content_hash()
    assert save.seed == 11 and save.humans == ["stalin"] and save.turn == played.state.turn
    assert save.orders == played.orders
    resumed = saves.resume(save, scenario)
    assert resumed.state.fingerprint() == played.state.fingerprint()


def test_resumed_game_goes_on_identically(good_save, played, scenario):
    resumed = saves.resume(saves.load_save(good_save), scenario)
    a = played.state  # play one more turn on copies of both and compare
    m1 = Match(scenario, played.seed, a.copy(), list(played.orders))
    orders = simple_orders(m1)
    m1.play(orders)
    resumed.play(orders)
    assert m1.state.fingerprint() == resumed.state.fingerprint()


RESUME_AND_PRINT = """
import sys
from game import saves
from game.content.loader import find_scenario, load_scenario
save = saves.load_save(sys.argv[1])
print(saves.resume(save, load_scenario(find_scenario(save.scenario_id))).state.fingerprint())
"""


@pytest.mark.parametrize("hash_seed", ["0", "4242"])
def test_save_replays_identically_in_another_process(good_save, played, hash_seed):
    proc = subprocess.run(
        [sys.executable, "-c", RESUME_AND_PRINT, str(good_save)],
        env={**os.environ, "PYTHONHASHSEED": hash_seed},
        cwd=Path(__file__).resolve().parents[1],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == played.state.fingerprint()


def test_save_is_readable_json(good_save):
    data = json.loads(good_save.read_text(encoding="utf-8"))
    assert set(data) == set(SaveFile.model_fields) | {"checksum"}
    assert data["saved_at"].endswith("+00:00")


def one_line(e: pytest.ExceptionInfo) -> str:
    msg = str(e.value)
    assert msg and "\n" not in msg and "Traceback" not in msg
    return msg


@pytest.mark.parametrize(
    ("content", "phrase"),
    [
        (b"", "empty"),
        (b"   \n", "empty"),
        (b"\x00\x01\x02\xff\xfe binary", "binary"),
        (b"this is not json", "not valid JSON"),
        (b"[1, 2, 3]", "expected a JSON object"),
        (b'{"schema_version": 1}', "not a valid save file"),
        (b'"just a string"', "expected a JSON object"),
    ],
)
def test_bad_files_raise_clear_errors(tmp_path, content, phrase):
    p = tmp_path / "bad.json"
    p.write_bytes(content)
    with pytest.raises(SaveError) as e:
        saves.load_save(p)
    assert phrase in one_line(e)
    assert str(p) in str(e.value)


def test_missing_file(tmp_path):
    with pytest.raises(SaveError) as e:
        saves.load_save(tmp_path / "nope.json")
    assert "no such save file" in one_line(e)


def test_folder_is_not_a_save(tmp_path):
    with pytest.raises(SaveError) as e:
        saves.load_save(tmp_path)
    assert "folder" in one_line(e)


def test_truncated_file(good_save):
    raw = good_save.read_bytes()
    good_save.write_bytes(raw[: len(raw) // 2])
    with pytest.raises(SaveError) as e:
        saves.load_save(good_save)
    assert "truncated" in one_line(e)


def _reseal(data: dict) -> dict:
    """What a tool that edits a save does: the checksum of docs/saves.md over the new content."""
    body = {k: v for k, v in data.items() if k != "checksum"}
    text = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return {**body, "checksum": hashlib.sha256(text.encode("utf-8")).hexdigest()}


def _edit(path: Path, **changes) -> None:
    """Change fields of a save and re-seal it: every check but the checksum still applies."""
    data = json.loads(path.read_text(encoding="utf-8"))
    data.update(changes)
    path.write_text(json.dumps(_reseal(data)), encoding="utf-8")


def test_wrong_types(good_save):
    _edit(good_save, seed="eleven", orders="none")
    with pytest.raises(SaveError) as e:
        saves.load_save(good_save)
    msg = one_line(e)
    assert "seed" in msg and "orders" in msg


def test_unknown_field_is_refused(good_save):
    _edit(good_save, cheats=True)
    with pytest.raises(SaveError) as e:
        saves.load_save(good_save)
    assert "cheats" in one_line(e)


def test_newer_schema_version(good_save):
    _edit(good_save, schema_version=SCHEMA_VERSION + 1, new_field=[1])
    with pytest.raises(SaveError) as e:
        saves.load_save(good_save)
    assert "newer version" in one_line(e)


def test_foreign_scenario_id(good_save, scenario):
    _edit(good_save, scenario_id="war_of_the_roses")
    with pytest.raises(SaveError) as e:
        saves.resume(saves.load_save(good_save), scenario)
    assert "war_of_the_roses" in one_line(e)


def test_changed_scenario_hash(good_save, scenario):
    _edit(good_save, scenario_hash="0123456789abcdef")
    with pytest.raises(SaveError) as e:
        saves.resume(saves.load_save(good_save), scenario)
    assert "different version" in one_line(e)


def test_unknown_human(good_save, scenario):
    _edit(good_save, humans=["napoleon"])
    with pytest.raises(SaveError) as e:
        saves.resume(saves.load_save(good_save), scenario)
    assert "napoleon" in one_line(e)


def test_orders_that_no_longer_fit(good_save, scenario):
    data = json.loads(good_save.read_text(encoding="utf-8"))
    data["orders"][1]["stalin"] = ["accuse nobody_at_all"]
    good_save.write_text(json.dumps(_reseal(data)), encoding="utf-8")
    with pytest.raises(SaveError) as e:
        saves.resume(saves.load_save(good_save), scenario)
    assert "turn 2" in one_line(e)


def test_malformed_order_text(good_save, scenario):
    data = json.loads(good_save.read_text(encoding="utf-8"))
    data["orders"][0]["trotsky"] = ["fly to the moon"]
    good_save.write_text(json.dumps(_reseal(data)), encoding="utf-8")
    with pytest.raises(SaveError) as e:
        saves.resume(saves.load_save(good_save), scenario)
    assert "turn 1" in one_line(e)


def test_turn_mismatch(good_save, scenario):
    _edit(good_save, turn=17)
    with pytest.raises(SaveError) as e:
        saves.resume(saves.load_save(good_save), scenario)
    assert "turn 17" in one_line(e)


# ----- atomic writes ----------------------------------------------------------------------------


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.parametrize("where", ["fsync", "replace"])
def test_failed_write_keeps_old_file_whole(good_save, played, monkeypatch, where):
    before = good_save.read_bytes()

    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, where, boom)
    with pytest.raises(SaveError) as e:
        saves.save_match(good_save, played, ["trotsky"], "easy")
    assert "No space left" in one_line(e)
    monkeypatch.undo()
    assert good_save.read_bytes() == before
    assert _leftovers(good_save.parent) == []
    assert saves.load_save(good_save).humans == ["stalin"]


def test_interrupted_write_leaves_no_partial_file(tmp_path, played, monkeypatch):
    target = tmp_path / "new.json"
    real_fsync = os.fsync

    def interrupt(fd):
        real_fsync(fd)
        raise KeyboardInterrupt

    monkeypatch.setattr(files.os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        saves.save_match(target, played, ["stalin"], "standard")
    assert not target.exists()
    assert _leftovers(tmp_path) == []


def test_unwritable_folder(tmp_path, played):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(SaveError) as e:
        saves.save_match(blocker / "sub" / "save.json", played, [], "standard")
    assert "cannot write save" in one_line(e)


def test_autosaves_follow_politburo_home(tmp_path, monkeypatch):
    monkeypatch.setenv("POLITBURO_HOME", str(tmp_path))
    path = paths.new_autosave_path("succession_1924", ["stalin", "trotsky"])
    assert path.parent == tmp_path / "autosaves"
    assert re.fullmatch(r"\d{4}-\d\d-\d\d-\d{6}-succession_1924-stalin-trotsky\.json", path.name)
    monkeypatch.delenv("POLITBURO_HOME")
    assert "politburo" in str(paths.autosaves_dir()).lower()


def test_each_game_gets_its_own_autosave_and_the_oldest_go(tmp_path, monkeypatch):
    monkeypatch.setenv("POLITBURO_HOME", str(tmp_path))
    made = []
    for n in range(5):
        p = paths.new_autosave_path("x", ["a"])
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("{}")
        os.utime(p, (1000 + n, 1000 + n))
        made.append(p)
    assert len(set(made)) == 5  # the same second: a number is added
    (tmp_path / "autosave.json").write_text("{}")  # the single autosave of older versions
    os.utime(tmp_path / "autosave.json", (999, 999))
    assert paths.autosave_files() == [*reversed(made), tmp_path / "autosave.json"]
    assert paths.prune_autosaves(2, spare=made[0]) == [made[2], made[1]]
    assert set(paths.autosave_files()) == {made[0], made[3], made[4], tmp_path / "autosave.json"}
    assert paths.is_autosave(made[0]) and paths.is_autosave(tmp_path / "autosave.json")
    assert not paths.is_autosave(tmp_path / "mine.json")


def test_a_short_lesson_is_saved_and_resumed_at_its_length(tmp_path):
    from game.ai.autoplay import ai_orders
    from game.content.loader import find_scenario, load_scenario
    from game.engine import Match

    full = load_scenario(find_scenario("succession_1924"))
    short = full.with_length("short")
    assert short.calendar.turns == 8 < full.calendar.turns
    match = Match.start(short, 4)
    while not match.state.finished:
        match.play(ai_orders(match.state))
    path = tmp_path / "short.json"
    saves.save_match(path, match, ["stalin"], "standard", "short")
    save = saves.load_save(path)
    assert save.length == "short" and save.turn == 8
    again = saves.resume(save, full)  # the full scenario: the save says how far to cut it
    assert again.state.finished and again.state.fingerprint() == match.state.fingerprint()
    with pytest.raises(KeyError, match="offers"):
        full.with_length("tiny")


# ----- the sealed, versioned format (docs/saves.md) ---------------------------------------------

DOCS = Path(__file__).resolve().parents[1] / "docs" / "saves.md"


def _documented_reseal() -> str:
    """The Python that docs/saves.md gives tools to re-seal a save."""
    blocks = re.findall(r"```python\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.DOTALL)
    assert len(blocks) == 1
    return blocks[0]


def test_checksum_is_the_documented_sha256(good_save):
    data = json.loads(good_save.read_text(encoding="utf-8"))
    assert data["checksum"] == _reseal(data)["checksum"] == saves.checksum(data)
    assert re.fullmatch(r"[0-9a-f]{64}", data["checksum"])


def test_a_flipped_bit_is_refused(good_save):
    raw = bytearray(good_save.read_bytes())
    first_list = raw.index(b"[", raw.index(b'"orders"') + 12)  # the first seat's orders
    at = raw.index(b'"', first_list) + 2  # the second letter of its first order
    raw[at] ^= 0x01  # still a letter, still valid JSON: a different order
    good_save.write_bytes(bytes(raw))
    with pytest.raises(SaveError) as e:
        saves.load_save(good_save)
    assert "damaged or was edited by hand" in one_line(e)


def test_a_hand_edit_is_refused_and_the_documented_reseal_lets_it_in(good_save, scenario):
    data = json.loads(good_save.read_text(encoding="utf-8"))
    data["humans"] = ["trotsky"]
    good_save.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(SaveError, match="checksum does not match"):
        saves.load_save(good_save)
    exec(_documented_reseal(), {"path": str(good_save)})  # noqa: S102 - our own doc's code
    save = saves.load_save(good_save)
    assert save.humans == ["trotsky"] and saves.resume(save, scenario).state.turn == save.turn


def test_a_save_without_its_checksum_is_refused(good_save):
    data = json.loads(good_save.read_text(encoding="utf-8"))
    del data["checksum"]
    good_save.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(SaveError, match="no checksum"):
        saves.load_save(good_save)


def _as_version_1(data: dict) -> dict:
    """A save as Politburo wrote it before format 2: no checksum, names or seats."""
    old = {k: v for k, v in data.items()
           if k not in ("checksum", "names", "seats", "changes", "touches")}
    return {**old, "schema_version": 1}


def _as_version_2(data: dict) -> dict:
    """A save as Politburo wrote it before format 3: sealed, without console changes."""
    old = {k: v for k, v in data.items() if k not in ("checksum", "changes", "touches")}
    return _reseal({**old, "schema_version": 2})


def test_a_version_1_save_is_migrated_and_plays_the_same_game(good_save, played, scenario):
    data = json.loads(good_save.read_text(encoding="utf-8"))
    good_save.write_text(json.dumps(_as_version_1(data)), encoding="utf-8")
    save = saves.load_save(good_save)
    assert save.schema_version == SCHEMA_VERSION == 3
    assert save.names == {} and save.seats == {} and save.seat_difficulty("trotsky") == "standard"
    assert save.changes == [] and save.touches == [] and not save.touched
    assert saves.resume(save, scenario).state.fingerprint() == played.state.fingerprint()
    saves.write_save(good_save, save)  # written again: the current format, sealed
    again = json.loads(good_save.read_text(encoding="utf-8"))
    assert again["schema_version"] == SCHEMA_VERSION and again["checksum"] == _reseal(again)[
        "checksum"
    ]


def test_a_version_2_save_is_read_as_untouched(good_save, played, scenario):
    data = json.loads(good_save.read_text(encoding="utf-8"))
    good_save.write_text(json.dumps(_as_version_2(data)), encoding="utf-8")
    save = saves.load_save(good_save)
    assert save.schema_version == 3 and not save.touched
    assert saves.resume(save, scenario).state.fingerprint() == played.state.fingerprint()


def test_every_older_format_has_one_migration_step():
    assert sorted(saves.MIGRATIONS) == list(range(1, SCHEMA_VERSION))
    for version, step in saves.MIGRATIONS.items():
        assert step({"schema_version": version})["schema_version"] == version + 1


@pytest.mark.parametrize(
    ("changes", "phrase"),
    [
        ({"seed": -1}, "seed"),
        ({"seed": 2**64}, "seed"),
        ({"seed": True}, "seed"),
        ({"scenario_id": "s" * 10_000}, "scenario_id"),
        ({"scenario_id": "/etc/passwd"}, "scenario_id"),
        ({"scenario_id": "../../scenarios/tutorial"}, "scenario_id"),
        ({"difficulty": "godlike"}, "unknown difficulty 'godlike'"),
        ({"seats": {"trotsky": "godlike"}}, "unknown difficulty 'godlike'"),
        ({"seats": {"stalin": "easy"}}, "person's seat: stalin"),
        ({"names": {"stalin": "Iosif\x00"}}, "control characters"),
        ({"names": {"stalin": "I" * 1000}}, "names.stalin"),
        ({"humans": ["x" * 100]}, "humans.0"),
        ({"orders": [{"stalin": ["rest"] * 1000}]}, "more than 100 orders"),
        ({"turn": -3}, "turn"),
        ({"schema_version": 0}, "format number"),
        ({"schema_version": "2"}, "format number"),
    ],
)
def test_crafted_saves_get_one_clear_line(good_save, changes, phrase):
    _edit(good_save, **changes)
    with pytest.raises(SaveError) as e:
        saves.load_save(good_save)
    msg = one_line(e)
    assert phrase in msg and len(msg) < 400


@pytest.mark.parametrize(
    ("content", "phrase"),
    [
        (b'{"seed": ' + b"7" * 5000 + b"}", "digits"),
        (b'{"seed": -' + b"7" * 5000 + b"}", "digits"),
        (b'{"seed": NaN}', "NaN"),
        (b"[" * 1000 + b"]" * 1000, "nested deeper than 16 levels"),
        (b'{"a": ' + b"{" * 100_000, "nested deeper than 16 levels"),
        (b'{"a": "' + b'\\"' * 100_000 + b"[" * 5, "not valid JSON"),
        (b" " * (saves.MAX_BYTES + 1), "too large"),
    ],
)
def test_hostile_bytes_are_refused_before_they_are_parsed(tmp_path, content, phrase):
    p = tmp_path / "hostile.json"
    p.write_bytes(content)
    with pytest.raises(SaveError) as e:
        saves.load_save(p)
    assert phrase in one_line(e)


def test_json_depth_counts_brackets_outside_strings_only():
    assert saves.json_depth(b'{"a": [1, {"b": "[[[[{{"}], "c\\"[": []}') == 3
    assert saves.json_depth(b"[]" * 10_000) == 1
    assert saves.json_depth(b"") == 0


def _refused_promptly(path: Path) -> str:
    """load_save(path)'s error, or a failure if it has not answered within 10 seconds."""
    answer: list[str] = []

    def read() -> None:
        try:
            saves.load_save(path)
        except SaveError as e:
            answer.append(str(e))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(10)
    assert answer, f"load_save({path}) did not answer"
    return answer[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_is_refused_without_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "game.json"
    os.mkfifo(fifo)
    assert "not a regular file" in _refused_promptly(fifo)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_an_endless_device_is_refused_without_reading_it():
    assert "not a regular file" in _refused_promptly(Path("/dev/zero"))


def test_difficulties_are_those_the_ai_offers_when_the_save_is_read(good_save, monkeypatch):
    from game import ai

    _edit(good_save, difficulty="grandmaster", seats={"trotsky": "grandmaster"})
    with pytest.raises(SaveError, match="unknown difficulty 'grandmaster'"):
        saves.load_save(good_save)
    monkeypatch.setattr(ai, "SEAT_DIFFICULTIES", (*ai.SEAT_DIFFICULTIES, "grandmaster"))
    save = saves.load_save(good_save)
    assert save.difficulty == "grandmaster" and save.seat_difficulty("trotsky") == "grandmaster"


def test_names_and_seats_must_be_contenders_of_the_scenario(good_save, scenario):
    _edit(good_save, names={"napoleon": "N"})
    with pytest.raises(SaveError, match="napoleon"):
        saves.resume(saves.load_save(good_save), scenario)


def test_each_ai_seat_plays_at_its_own_difficulty_and_keeps_it(good_save, scenario, tmp_path):
    from game.ai import seat_orders
    from game.ui.session import GameSession

    _edit(good_save, names={"stalin": "Ana"}, seats={"trotsky": "easy", "zinoviev": "strong"})
    session = GameSession.resume(saves.load_save(good_save), scenario)
    session.autosave = False
    state = session.match.state
    expected = {
        cid: [str(a) for a in seat_orders(state, cid, level)]
        for cid, level in [("trotsky", "easy"), ("kamenev", "standard"), ("zinoviev", "strong")]
    }
    session.submit()
    played = session.match.orders[-1]
    assert {cid: played[cid] for cid in expected} == expected
    again = tmp_path / "again.json"
    assert session.save_to(again) is None
    kept = saves.load_save(again)
    assert kept.names == {"stalin": "Ana"}
    assert kept.seats == {"trotsky": "easy", "zinoviev": "strong"}


# ----- games changed with the debug console (format 3) -----------------------------------------


def test_a_touched_game_saves_its_changes_and_replays_to_the_same_state(tmp_path, scenario):
    match = Match.start(scenario, 11)
    match.intervene([{"quality": {"who": "trotsky", "quality": "health", "amount": -30}}])
    match.play(simple_orders(match))
    match.fire("trotsky_reads_testament", "read_it_out")
    match.note("turn 2: the AI played every seat up to turn 3 (debug console)")
    match.play(simple_orders(match))
    path = tmp_path / "touched.json"
    saves.save_match(path, match, ["stalin"], "standard")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["changes"][0] == {"turn": 0, "event": None, "choice": None, "effects": [
        {"type": "quality", "who": "trotsky", "quality": "health", "amount": -30.0,
         "to": None}]}
    assert data["changes"][1]["event"] == "trotsky_reads_testament"
    save = saves.load_save(path)
    assert save.touched and save.touches == match.touches and len(save.touches) == 3
    resumed = saves.resume(save, scenario)
    assert resumed.state.fingerprint() == match.state.fingerprint()
    assert resumed.touches == match.touches


def test_a_change_that_no_longer_fits_is_refused_in_one_line(tmp_path, scenario):
    match = Match.start(scenario, 11)
    match.play(simple_orders(match))
    path = tmp_path / "touched.json"
    saves.save_match(path, match, ["stalin"], "standard")
    _edit(path, changes=[{"turn": 0, "effects": [{"type": "quality", "who": "lenin",
                                                  "quality": "health", "amount": 5}]}])
    with pytest.raises(SaveError, match=r"no longer fit the game: the change of turn 1 .*lenin"):
        saves.resume(saves.load_save(path), scenario)
    _edit(path, changes=[{"turn": 0, "effects": [], "event": "x", "extra": 1}])
    with pytest.raises(SaveError, match="changes.0.extra"):
        saves.load_save(path)
