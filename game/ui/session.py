"""A game at the table: the people's seats, this turn's choices with undo, the AI's seats, saves.

No pygame here: the window's scenes are a thin skin over this, and tests drive it directly.
With several people (hotseat) each person's orders are gathered in turn, and the turn is
played when the last of them has finished.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from game import paths, resume, saves
from game.ai import seat_orders
from game.engine import (
    Action,
    ActionKind,
    GameEvent,
    IllegalAction,
    Match,
    Option,
    Result,
    Scenario,
    View,
    apply_turn,
    legal_actions,
    outcome,
    view,
)
from game.ui.explain import drawable
from game.words.actions import readable
from game.words.names import date_words

if TYPE_CHECKING:
    from game.net.report import Reporter

SLOT_NAME = re.compile(r"[^A-Za-z0-9 _-]+")
MAX_SLOT_NAME = 40


def slots_dir() -> Path:
    return paths.data_dir() / "saves"


def slot_path(name: str) -> Path:
    """The file of a named save slot; the name is cleaned to letters, digits, spaces, - and _."""
    clean = SLOT_NAME.sub("", name).strip()[:MAX_SLOT_NAME]
    if not clean:
        raise saves.SaveError("a save needs a name made of letters or digits")
    return slots_dir() / f"{clean}.json"


@dataclass(frozen=True)
class Slot:
    name: str
    path: Path
    summary: str  # "Stalin in The Succession, 1924-1929: Q3 1924, turn 3 of 24, saved ..." or
    # the reason it cannot be loaded
    ok: bool
    save: saves.SaveFile | None = None  # as read for the list (loading it reads it no more)


def list_slots(catalogue) -> list[Slot]:
    """The named saves and every game's autosave, newest first; broken ones say why."""
    named = sorted(slots_dir().glob("*.json")) if slots_dir().is_dir() else []
    found: list[tuple[float, Slot]] = []
    for p in [*named, *paths.autosave_files()]:
        name = "Autosave" if paths.is_autosave(p) else drawable(p.stem)
        try:
            game = resume.read(p, catalogue)
            summary, ok, save = f"{game.summary()}, saved {game.saved_at()}", True, game.save
        except saves.SaveError as e:
            summary, ok, save = drawable(_without_path(str(e), p)), False, None
        try:
            mtime = p.stat().st_mtime
        except OSError:
            mtime = 0.0
        found.append((mtime, Slot(name, p, summary, ok, save)))
    found.sort(key=lambda x: -x[0])
    return [s for _, s in found]


@dataclass(frozen=True)
class Reload:
    """What reloading the scenario file did: whether the game now plays the file's version
    (``scenario``, whole, before the lesson length cuts it) and what to tell the player."""

    done: bool
    message: str
    scenario: Scenario | None = None


def _without_path(message: str, path: Path) -> str:
    """A SaveError's message without the path it starts with (the list shows the name)."""
    return message.removeprefix(f"{path}: ")


@dataclass
class GameSession:
    """One game being played in the window."""

    match: Match
    humans: list[str]
    difficulty: str = "standard"
    length: str = "full"  # the lesson length: match.scenario is already cut to it
    names: dict[str, str] = field(default_factory=dict)  # a player's name per contender id
    seats: dict[str, str] = field(default_factory=dict)  # AI seats not at ``difficulty``
    autosave: bool = True
    seat: int = 0  # which of ``humans`` is choosing now
    picks: list[int] = field(default_factory=list)
    submitted: dict[str, list[Action]] = field(default_factory=dict)
    last_events: tuple[GameEvent, ...] = ()  # what the last turn played reported
    notice: str | None = None  # a problem to show once (e.g. the autosave failed)
    autosaver: resume.Autosaver = field(default_factory=resume.Autosaver)
    reporter: Reporter | None = None  # the class page this game reports to (play --class)
    _options: list[Option] | None = None

    @classmethod
    def new(
        cls,
        scenario: Scenario,
        humans: list[str],
        seed: int,
        difficulty: str = "standard",
        length: str = "full",
        names: dict[str, str] | None = None,
    ) -> GameSession:
        match = Match.start(scenario.with_length(length), seed)
        return cls(match, list(humans), difficulty, length, names=dict(names or {}))

    @classmethod
    def resume(
        cls, save: saves.SaveFile, scenario: Scenario, path: Path | None = None
    ) -> GameSession:
        """Resume a save already read (from ``path``: a game resumed from its own autosave goes
        on autosaving there); SaveError if it does not fit ``scenario``."""
        match = saves.resume(save, scenario)
        session = cls(
            match,
            list(save.humans),
            save.difficulty,
            save.length,
            names=dict(save.names),
            seats=dict(save.seats),
            last_events=tuple(resume.last_turn_events(match)),
        )
        if path is not None and paths.is_autosave(path):
            session.autosaver.path = path
        return session

    # -- what the person choosing now sees
    @property
    def scenario(self) -> Scenario:
        return self.match.scenario

    @property
    def me(self) -> str:
        return self.humans[self.seat]

    @property
    def finished(self) -> bool:
        return self.match.state.finished

    @property
    def hotseat(self) -> bool:
        return len(self.humans) > 1

    def view(self) -> View:
        return view(self.match.state, self.me)

    def options(self) -> list[Option]:
        if self._options is None:
            self._options = [] if self.finished else legal_actions(self.match.state, self.me)
        return self._options

    @property
    def ap(self) -> int:
        return self.view().mine.action_points

    @property
    def ap_left(self) -> int:
        opts = self.options()
        return self.ap - sum(opts[i].cost for i in self.picks)

    def chosen(self) -> list[Option]:
        opts = self.options()
        return [opts[i] for i in self.picks]

    def pending_cards(self) -> list[str]:
        """Titles of this turn's cards that are mine to decide and not yet decided."""
        decided = {o.action.target for o in self.chosen() if o.action.kind == ActionKind.DECIDE}
        return [c.title for c in self.view().cards if c.mine_to_decide and c.event not in decided]

    def why_not(self, index: int) -> str | None:
        """Why option ``index`` cannot be added now, or None if it can."""
        opts = self.options()
        if not 0 <= index < len(opts):
            return "There is no such action."
        o = opts[index]
        if index in self.picks:
            return "Already chosen this turn."
        if o.cost > self.ap_left:
            return f"Not enough action points: it costs {o.cost}, you have {self.ap_left} left."
        if o.action.kind == ActionKind.DECIDE and any(
            c.action.kind == ActionKind.DECIDE and c.action.target == o.action.target
            for c in self.chosen()
        ):
            return "You have already decided on that card; undo that choice first."
        return None

    def choose(self, index: int) -> str | None:
        """Add an option to this turn's orders; returns why not, or None when added."""
        problem = self.why_not(index)
        if problem is None:
            self.picks.append(index)
        return problem

    def undo(self, index: int | None = None) -> Option | None:
        """Take back the last choice (or the given one); returns what was taken back."""
        if not self.picks:
            return None
        pos = len(self.picks) - 1 if index is None else self.picks.index(index)
        return self.options()[self.picks.pop(pos)]

    def check_orders(self) -> str | None:
        """Ask the engine whether this turn's choices can be played together."""
        try:
            apply_turn(self.match.state, {self.me: [o.action for o in self.chosen()]})
        except IllegalAction as e:
            return readable(str(e), self.options())
        return None

    # -- ending a turn
    def submit(self) -> bool:
        """Hand in the current person's orders. Returns True if that played the turn (the
        last person has chosen), False if the next person at a hotseat table is to choose."""
        self.submitted[self.me] = [o.action for o in self.chosen()]
        self.picks = []
        self._options = None
        if self.seat + 1 < len(self.humans):
            self.seat += 1
            return False
        self._play()
        return True

    def _play(self) -> None:
        state = self.match.state
        orders: dict[str, list[Action]] = {}
        for c in self.scenario.contenders:
            if c.id in self.submitted:
                orders[c.id] = self.submitted[c.id]
            else:
                level = self.seats.get(c.id, self.difficulty)
                orders[c.id] = seat_orders(state, c.id, level)
        self.last_events = self.match.play(orders)
        self.submitted = {}
        self.seat = 0
        self._options = None
        if self.reporter is not None:
            self.reporter.send(saves.table_snapshot(self))
        if self.autosave:
            problem = self.autosaver.write(self)
            if problem:
                self.notice = f"Autosave failed: {problem}. {self.unsaved()}"

    def unsaved(self) -> str:
        """What the autosave holds, said when it has failed."""
        if self.autosaver.held is None:
            return "This game is not saved: save it under a name (S) once there is room."
        return (
            f"The autosave still holds turn {self.autosaver.held}: save under a name (S) to "
            "keep the turns since."
        )

    def played(self) -> str:
        """The turn the last report is about, in words: 'Q1 1924'."""
        cal = self.scenario.calendar
        return date_words(cal.label(max(0, self.match.state.turn - 1)))

    def visible_events(
        self, events: tuple[GameEvent, ...] | None = None, public: bool = False
    ) -> list[GameEvent]:
        """The events the person choosing now may see (``public``: only what everyone at the
        table may see)."""
        events = self.last_events if events is None else events
        me = None if public else self.scenario.contender_index(self.me)
        return resume.visible(events, me)

    def outcome(self) -> Result | None:
        return outcome(self.match.state)

    # -- the modder's reload (F5)
    def reload(self, path: Path) -> Reload:
        """Read the scenario again from ``path`` and, if it changed and is valid, go on with it:
        the game's record (seed, orders, console changes) is replayed on the new version from
        the start, so the game is what it would have been had it been played on it, and this
        turn's choices are made afresh. If the file is now invalid, holds another scenario, or
        the record no longer fits it, the game goes on with the scenario as it was."""
        from game.content.diff import scenario_changes
        from game.content.loader import ScenarioError, load_scenario
        from game.content.sources import one_line

        keep = "The game goes on with the scenario as it was."
        try:
            whole = load_scenario(path)
        except ScenarioError as e:
            return Reload(False, f"{path.name} is not valid now: {one_line(e)}. {keep}")
        if whole.id != self.scenario.id:
            return Reload(False, f"{path.name} now holds scenario {whole.id!r}, not "
                                 f"{self.scenario.id!r}. {keep}")
        try:
            new = whole.with_length(self.length)
        except KeyError:
            return Reload(False, f"{path.name} no longer offers the {self.length} length "
                                 f"this game plays. {keep}")
        changes = "; ".join(scenario_changes(self.scenario, new))
        if not changes:
            return Reload(False, f"{path.name} has not changed: nothing to reload.")
        old = self.match
        try:
            match = Match.replay(new, old.seed, old.orders, old.interventions)
        except IllegalAction as e:
            return Reload(False, f"{path.name} changed ({changes}), but this game's record no "
                                 f"longer fits it: {e}. {keep}")
        match.touches = [*old.touches, f"turn {old.state.turn + 1}: the scenario was reloaded "
                                       f"from its file ({changes})"]
        self.match, self.picks, self.submitted, self.seat = match, [], {}, 0
        self._options = None
        self.last_events = tuple(resume.last_turn_events(match))
        if self.autosave and self.autosaver.write(self):
            self.notice = f"Autosave failed. {self.unsaved()}"
        return Reload(True, f"Reloaded {path.name}: {changes}. The game was replayed on it from "
                            "the start, with the same seed and orders; your choices this turn "
                            "are cleared.", whole)

    # -- saving
    def save_to(self, path: Path) -> str | None:
        """Save the game as of the last completed turn; returns a problem or None."""
        try:
            saves.save_table(path, self)
        except saves.SaveError as e:
            return str(e)
        return None

    def save_slot(self, name: str) -> str | None:
        try:
            path = slot_path(name)
        except saves.SaveError as e:
            return str(e)
        return self.save_to(path)
