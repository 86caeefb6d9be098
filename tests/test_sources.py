"""Where scenarios come from: the shipped folder, the user's folder (under POLITBURO_HOME here),
and files named on the command line; broken user scenarios are listed and never stop a game."""

from __future__ import annotations

from pathlib import Path

import pytest

from game import paths
from game.content import loader, sources

ROOT = Path(__file__).resolve().parents[1]
TWO = ROOT / "tests" / "data" / "two_rivals.yaml"
MAIN = "succession_1924"


@pytest.fixture
def user_dir(home) -> Path:
    d = home / "scenarios"
    d.mkdir(parents=True)
    return d


@pytest.fixture
def only_main_shipped(monkeypatch):
    """Pin the shipped list to the main scenario, whatever else is shipped by now."""
    main_path = loader.SCENARIO_DIR / f"{MAIN}.yaml"
    monkeypatch.setattr(loader, "shipped_scenarios", lambda: [main_path])


def two_rivals_as(path: Path, new_id: str | None = None, title: str | None = None) -> Path:
    text = TWO.read_text(encoding="utf-8")
    if new_id:
        text = text.replace("id: two_rivals", f"id: {new_id}", 1)
    if title:
        text = text.replace("title: The Iron Council", f"title: {title}", 1)
    path.write_text(text, encoding="utf-8")
    return path


# ----- discovery --------------------------------------------------------------------------------


def test_user_dir_follows_politburo_home(home, monkeypatch):
    assert sources.user_scenario_dir() == home / "scenarios"
    monkeypatch.delenv("POLITBURO_HOME")
    assert sources.user_scenario_dir().parent == paths.data_dir()


def test_shipped_only_when_the_user_folder_is_missing(home):
    cat = sources.discover()
    assert not (home / "scenarios").exists()
    entry = cat.get(MAIN)
    assert entry and entry.ok and entry.origin == "shipped"
    assert entry.title == entry.scenario.title and entry.path.name == f"{MAIN}.yaml"
    assert all(e.origin == "shipped" for e in cat.entries)
    assert cat.warnings == []


def test_user_scenarios_are_listed_after_the_shipped(user_dir, only_main_shipped):
    two_rivals_as(user_dir / "council.yaml")
    (user_dir / "notes.txt").write_text("not a scenario")
    cat = sources.discover()
    assert cat.ids() == [MAIN, "two_rivals"]
    mine = cat.get("two_rivals")
    assert mine.origin == "user" and mine.title == "The Iron Council"
    assert mine.path == user_dir / "council.yaml"


def test_broken_user_scenario_is_listed_with_its_error(user_dir, only_main_shipped):
    (user_dir / "broken.yaml").write_text("id: [unclosed\n")
    (user_dir / "binary.yml").write_bytes(b"\x89PNG\x00\xff")
    cat = sources.discover()
    assert [e.id for e in cat.usable] == [MAIN]
    broken = {e.id: e for e in cat.broken}
    assert set(broken) == {"broken", "binary"}
    assert "not valid YAML" in broken["broken"].error
    assert "UTF-8" in broken["binary"].error
    assert all("\n" not in e.error and e.scenario is None for e in broken.values())


def test_user_scenario_wins_over_shipped_with_a_warning(user_dir, only_main_shipped):
    two_rivals_as(user_dir / "mine.yaml", new_id=MAIN, title="My own succession")
    cat = sources.discover()
    entry = cat.get(MAIN)
    assert entry.origin == "user" and entry.title == "My own succession"
    assert len(cat.entries) == 1
    assert len(cat.warnings) == 1 and "yours is used instead" in cat.warnings[0]


def test_same_id_twice_in_the_user_folder(user_dir, only_main_shipped):
    two_rivals_as(user_dir / "a.yaml", title="First")
    two_rivals_as(user_dir / "b.yaml", title="Second")
    cat = sources.discover()
    assert cat.get("two_rivals").title == "First"
    assert len(cat.warnings) == 1 and "b.yaml" in cat.warnings[0] and "ignored" in cat.warnings[0]


def test_broken_file_never_hides_a_scenario_that_loads(user_dir, only_main_shipped):
    (user_dir / f"{MAIN}.yaml").write_text("title: 3\n")
    cat = sources.discover()
    assert cat.get(MAIN).ok and cat.get(MAIN).origin == "shipped"
    assert [e.path.parent for e in cat.broken] == [user_dir]


def test_resolve_by_id_path_and_file_name(user_dir, only_main_shipped):
    two_rivals_as(user_dir / "council.yaml")
    cat = sources.discover()
    assert sources.resolve("two_rivals", cat).origin == "user"
    assert sources.resolve("council", cat).id == "two_rivals"  # the file's name works too
    by_path = sources.resolve(str(TWO))
    assert by_path.origin == "file" and by_path.ok and by_path.id == "two_rivals"
    missing = sources.resolve(str(user_dir / "nope.yaml"))
    assert not missing.ok and "cannot read file" in missing.error
    with pytest.raises(sources.UnknownScenario) as e:
        sources.resolve("fall_of_rome", cat)
    assert "two_rivals (yours)" in str(e.value) and MAIN in str(e.value)


# ----- through the command line -----------------------------------------------------------------


def test_game_starts_with_a_broken_user_scenario(run, user_dir, only_main_shipped):
    (user_dir / "broken.yaml").write_text("id: [unclosed\n")
    code, out, err = run(["play", "--auto", "--seed", "1"])
    assert code == 0 and "THE OUTCOME" in out and err == ""
    # in the menu it is shown with its error and cannot be chosen; the good one is taken
    code, out, err = run(["play", "--text", "--seed", "1", "--no-autosave"], "1\nq\n")
    assert code == 0, err
    assert "broken.yaml: cannot be loaded: not valid YAML" in out
    assert "CHOOSE YOUR CONTENDER" in out and "You are " in out


def test_menu_lists_user_scenarios(run, user_dir, only_main_shipped):
    two_rivals_as(user_dir / "council.yaml")
    (user_dir / "broken.yaml").write_text("- a list\n")
    code, out, _ = run(["play", "--text", "--seed", "1", "--no-autosave"], "3\n2\n1\nq\n")
    assert code == 0
    menu = out.split("CHOOSE YOUR CONTENDER")[0]
    assert "1. The Succession" in menu and "2. The Iron Council" in menu
    assert "[your scenario]" in menu and "broken.yaml: cannot be loaded" in menu
    assert "Please type a number from 1 to 2" in menu  # the broken one has no number
    assert "You are Vera Orlova" in out or "You are Ivan Petrov" in out


def test_play_a_user_scenario_by_id_and_resume_its_save(run, user_dir, tmp_path):
    two_rivals_as(user_dir / "council.yaml")
    save = tmp_path / "s.json"
    code, out, err = run(
        [
            "play",
            "--text",
            "--scenario",
            "two_rivals",
            "--contender",
            "vera",
            "--seed",
            "2",
            "--save",
            save,
        ],
        "d\nd\nq\n",
    )
    assert code == 0, err
    assert "The Iron Council" in out
    code, out, err = run(["play", "--text", "--load", save, "--auto"])  # finds it by the save's id
    assert code == 0, err
    assert "Resumed The Iron Council" in out and "THE OUTCOME" in out


def test_duplicate_id_warns_on_stderr_and_plays_the_users(run, user_dir):
    two_rivals_as(user_dir / "mine.yaml", new_id=MAIN, title="My own succession")
    code, out, err = run(["play", "--auto", "--seed", "1"])
    assert code == 0
    assert err.startswith("politburo: warning:") and "yours is used" in err
    assert "My own succession" in out


def test_unknown_scenario_id_is_a_usage_error(run, user_dir):
    two_rivals_as(user_dir / "council.yaml")
    code, out, err = run(["play", "--text", "--scenario", "atlantis"])
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "'atlantis'" in err and "two_rivals (yours)" in err


def test_broken_user_scenario_by_id_exits_1(run, user_dir):
    (user_dir / "broken.yaml").write_text("id: [unclosed\n")
    code, _, err = run(["play", "--auto", "--scenario", "broken"])
    assert code == 1 and err.count("\n") == 1 and "broken.yaml" in err


def test_no_scenario_loads(run, monkeypatch, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("nonsense: true\n")
    monkeypatch.setattr(loader, "shipped_scenarios", lambda: [bad])
    code, _, err = run(["play", "--auto"])
    assert code == 1 and "no scenario can be loaded" in err and err.count("\n") == 1
    monkeypatch.setattr(loader, "shipped_scenarios", lambda: [])
    code, _, err = run(["play", "--auto"])
    assert code == 1 and "no scenarios are installed" in err


def test_main_scenario_comes_first_in_the_menu(monkeypatch):
    main_path = loader.SCENARIO_DIR / f"{MAIN}.yaml"
    monkeypatch.setattr(loader, "shipped_scenarios", lambda: [TWO, main_path])
    assert sources.discover().ids() == [MAIN, "two_rivals"]
