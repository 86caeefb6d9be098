"""Coming back to a game: each game's own autosave, the newest unfinished one that Continue
resumes (in the window and the terminal alike), and the report of the last turn played.

No pygame here; the window and the terminal both keep a game at the table (:class:`Table`) and
autosave it after every turn with an :class:`Autosaver`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from game import paths, saves
from game.content.sources import Catalogue, UnknownScenario, resolve_id
from game.engine import GameEvent, Kind, Match, Scenario
from game.words.names import date_words


@dataclass
class Autosaver:
    """The autosave of one game: a file of its own, chosen at its first autosave (or the
    autosave it was resumed from), the turn it holds, and why the last write failed."""

    path: Path | None = None
    held: int | None = None  # the turn the file holds, once written by this game
    problem: str | None = None  # why the last autosave failed, until one works

    def write(self, table: saves.Table) -> str | None:
        """Autosave the game at ``table``; returns the problem, or None when it is saved."""
        if self.path is None:
            self.path = paths.new_autosave_path(table.match.scenario.id, table.humans)
            paths.prune_autosaves(paths.MAX_AUTOSAVES - 1, spare=self.path)
        try:
            saves.save_table(self.path, table)
        except saves.SaveError as e:
            self.problem = str(e)
            return self.problem
        self.held, self.problem = table.match.state.turn, None
        return None

    def unsaved(self) -> str:
        """What the autosave holds, said when it has failed."""
        if self.held is None:
            return "this game is not saved yet"
        return f"the autosave still holds turn {self.held}"


@dataclass(frozen=True)
class SavedGame:
    """A save file as read for a list or for Continue: its save, and the scenario it plays
    (cut to its length; None when that scenario is not installed or the save does not fit)."""

    path: Path
    save: saves.SaveFile
    scenario: Scenario | None

    @property
    def finished(self) -> bool:
        return self.scenario is not None and self.save.turn >= self.scenario.calendar.turns

    def summary(self) -> str:
        """'Stalin in The Succession, 1924-1929, short game: Q3 1924, turn 3 of 8' (or what it
        can say without the scenario)."""
        s, sc = self.save, self.scenario
        if sc is None:
            return f"scenario {s.scenario_id} (not installed), turn {s.turn}"
        people = [c.short for c in sc.contenders if c.id in s.humans] or ["the AI"]
        length = "" if s.length == "full" else f", {s.length} game"
        turns = sc.calendar.turns
        if self.finished:
            where = f"finished after {turns} turns"
        else:
            where = f"{date_words(sc.calendar.label(s.turn))}, turn {s.turn + 1} of {turns}"
        return f"{' and '.join(people)} in {sc.title}{length}: {where}"

    def saved_at(self) -> str:
        """When it was saved, to the minute, in UTC: '2026-12-07 03:49'."""
        return self.save.saved_at[:16].replace("T", " ")


def read(path: Path, catalogue: Catalogue) -> SavedGame:
    """A save read once and matched with its scenario; raises SaveError if it cannot be read."""
    save = saves.load_save(path)
    return SavedGame(path, save, _scenario_of(save, catalogue))


def _scenario_of(save: saves.SaveFile, catalogue: Catalogue) -> Scenario | None:
    try:
        entry = resolve_id(save.scenario_id, catalogue)
    except UnknownScenario:
        return None
    if entry.scenario is None:
        return None
    try:
        return saves.played_scenario(save, entry.scenario)
    except saves.SaveError:
        return None


def last_unfinished(catalogue: Catalogue) -> SavedGame | None:
    """The newest autosave of a game not yet over whose scenario is installed (what Continue
    resumes); None if there is none. Unreadable autosaves are passed over."""
    for path in paths.autosave_files():
        try:
            game = read(path, catalogue)
        except saves.SaveError:
            continue
        if game.scenario is not None and not game.finished and game.save.humans:
            return game
    return None


def last_turn_events(match: Match) -> list[GameEvent]:
    """What the last turn played reported (as ``Match.play`` returned it): its own events and
    the cards then drawn for the turn now beginning. Empty before the first turn is played."""
    now = match.state.turn
    if now == 0:
        return []
    return [
        e
        for e in match.events
        if (e.turn == now - 1 and e.kind != Kind.CARD) or (e.turn == now and e.kind == Kind.CARD)
    ]


def visible(events: Sequence[GameEvent], me: int | None) -> list[GameEvent]:
    """What the person in seat ``me`` may see (``None``: only public events)."""
    return [e for e in events if e.public or (me is not None and me in e.actors)]
