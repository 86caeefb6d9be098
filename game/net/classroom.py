"""Every game of a lesson as the host gathers it: the networked game and the solo games that
report to it (``politburo play --class``), each kept as a save in the host's saves folder, with
what the teacher's page shows of it.

A solo game reports its save after every turn; the host checks it as any save is checked,
replays it and keeps it under the game's own id, so the latest report of a game replaces the
one before. No pygame, no network here: the host's server calls it.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from game import saves
from game.content.sources import Catalogue, UnknownScenario, resolve_id
from game.debrief import (
    class_summary,
    debrief,
    render_class,
    render_debrief,
    render_slide,
)
from game.debrief.model import ClassSummary, Debrief
from game.engine import Match, outcome, standing, view
from game.teacher import TeacherDataError
from game.words.names import date_words

GAME_ID = re.compile(r"^[a-z0-9-]{1,64}$")
MAX_GAMES = 200  # games one lesson's page keeps; a class is 30


@dataclass(frozen=True)
class Standing:
    """One contender as the teacher's page lists it."""

    short: str
    human: bool  # a person plays them (the card names the people)
    support: float
    rung: str  # where they stand now: their outcome were the game to end now
    outcome: str | None  # once the game is over: how it ended for them


@dataclass(frozen=True)
class GameCard:
    """What the teacher's page shows of one game."""

    game: str
    kind: str  # "network" or "solo"
    title: str
    players: str
    turn: int  # turns played
    turns: int
    date: str
    finished: bool
    standings: tuple[Standing, ...]
    touched: bool
    begun: bool = True  # a networked game waits to begin until its seats are taken


def card_of(game: str, kind: str, save: saves.SaveFile, match: Match,
            begun: bool = True) -> GameCard:
    """The page's card of a game from its save and its replayed match."""
    sc, state = match.scenario, match.state
    result = outcome(state)
    v = view(state, sc.contenders[0].id)
    rows = []
    for c, info in zip(sc.contenders, v.contenders, strict=True):
        now = standing(state, c.id)
        rows.append(Standing(c.short, c.id in save.humans, info.support, now.name,
                             result.of(c.id).name if result is not None else None))
    people = [save.names.get(c, sc.contenders[sc.contender_index(c)].short)
              for c in save.humans]
    label = sc.calendar.label(min(state.turn, sc.calendar.turns - 1))
    return GameCard(game, kind, sc.title, ", ".join(people) or "the AI", state.turn,
                    sc.calendar.turns, date_words(label), state.finished, tuple(rows),
                    save.touched, begun)


@dataclass
class Classroom:
    """The lesson's games, by id, with their saves in ``folder`` (None: kept in memory)."""

    catalogue: Catalogue
    folder: Path | None = None
    cards: dict[str, GameCard] = field(default_factory=dict)
    save_files: dict[str, saves.SaveFile] = field(default_factory=dict)
    changes: int = 0  # counts every change, for the page's live updates
    finishes: int = 0  # counts the finished games put (the summary changes with them)
    _summary: tuple[int, ClassSummary | None] | None = None  # the last summary, and when
    _debriefs: dict[str, tuple[saves.SaveFile, Debrief]] = field(default_factory=dict)
    _summary_lock: threading.Lock = field(default_factory=threading.Lock)

    def put(self, game: str, kind: str, save: saves.SaveFile, match: Match,
            begun: bool = True) -> None:
        self.cards[game] = card_of(game, kind, save, match, begun)
        self.save_files[game] = save
        self.changes += 1
        self.finishes += match.state.finished

    def report(self, game: str, raw: bytes) -> str:
        """Take a solo game's report (its save's bytes); returns the game's id. SaveError
        saying why a report is refused (not a save, a scenario the host lacks, too many
        games)."""
        if not GAME_ID.match(game):
            raise saves.SaveError("a game id is lower-case letters, digits and -")
        if game not in self.cards and len(self.cards) >= MAX_GAMES:
            raise saves.SaveError(f"this lesson already has {MAX_GAMES} games")
        save = saves.parse_save(raw, f"game {game}")
        match = saves.resume(save, self._scenario(save))
        if self.folder is not None:
            self.folder.mkdir(parents=True, exist_ok=True)
            saves.write_save(self.folder / f"solo-{game}.json", save)
        self.put(game, "solo", save, match)
        return game

    def _scenario(self, save: saves.SaveFile):
        try:
            entry = resolve_id(save.scenario_id, self.catalogue)
        except UnknownScenario:
            entry = None
        if entry is None or entry.scenario is None:
            raise saves.SaveError(f"scenario {save.scenario_id!r} is not installed on the host")
        return entry.scenario

    def debrief_page(self, game: str) -> str | None:
        """The debrief of a finished game (None: no such game, or not over yet: a debrief
        mid-game would show the other seats' secrets)."""
        card, save = self.cards.get(game), self.save_files.get(game)
        if card is None or save is None or not card.finished:
            return None
        return render_debrief(self._debrief(game, save))

    def _debrief(self, game: str, save: saves.SaveFile) -> Debrief:
        """The debrief of a finished game, made once for each save of it."""
        kept = self._debriefs.get(game)
        if kept is not None and kept[0] is save:
            return kept[1]
        made = debrief(saves.resume(save, self._scenario(save)), save.humans, save.length,
                       save.names)
        self._debriefs[game] = (save, made)
        return made

    def summary(self) -> ClassSummary | None:
        """The class summary of the finished games of the scenario most of them play; made
        again only when a game has finished (or a finished game was reported again), each
        game's debrief made once."""
        with self._summary_lock:
            finishes = self.finishes
            if self._summary is None or self._summary[0] != finishes:
                cards = dict(self.cards)  # as it is now: reports come in from other threads
                done = [(g, s) for g, s in list(self.save_files.items())
                        if g in cards and cards[g].finished]
                self._summary = (finishes, self._summarise(done))
            return self._summary[1]

    def _summarise(self, done: list[tuple[str, saves.SaveFile]]) -> ClassSummary | None:
        if not done:
            return None
        most = Counter(s.scenario_id for _, s in done).most_common(1)[0][0]
        try:
            scenario = self._scenario(next(s for _, s in done if s.scenario_id == most))
            summary = class_summary(done, scenario, self._debrief)
        except (TeacherDataError, saves.SaveError):
            return None
        return summary if summary.games else None

    def class_page(self, slide: bool = False) -> str | None:
        s = self.summary()
        return None if s is None else (render_slide if slide else render_class)(s)
