"""A game at the table: the people's seats, this turn's choices with undo, the AI's seats, saves.

No pygame here: the window's scenes are a thin skin over this, and tests drive it directly.
With several people (hotseat) each person's orders are gathered in turn, and the turn is
played when the last of them has finished.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from game import paths, saves
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
    summary: str  # "succession_1924, turn 7, saved 2026-11-22 10:04" or the reason it is broken
    ok: bool


def list_slots() -> list[Slot]:
    """The named saves, newest first, then the autosave; broken ones say why."""
    found: list[tuple[float, Slot]] = []
    files = sorted(slots_dir().glob("*.json")) if slots_dir().is_dir() else []
    auto = paths.autosave_path()
    for p in [*files, *([auto] if auto.is_file() else [])]:
        name = "Autosave" if p == auto else drawable(p.stem)
        try:
            s = saves.load_save(p)
            summary = f"{s.scenario_id}, turn {s.turn}, saved {s.saved_at[:16].replace('T', ' ')}"
            ok = True
        except saves.SaveError as e:
            summary, ok = drawable(_without_path(str(e), p)), False
        try:
            mtime = p.stat().st_mtime
        except OSError:
            mtime = 0.0
        found.append((mtime, Slot(name, p, summary, ok)))
    found.sort(key=lambda x: -x[0])
    return [s for _, s in found]


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
    last_events: tuple[GameEvent, ...] = ()
    notice: str | None = None  # a problem to show once (e.g. the autosave failed)
    autosaved: int | None = None  # the turn this game's autosave holds, once written
    autosave_problem: str | None = None  # why the last autosave failed, until one works
    _options: list[Option] | None = None

    @classmethod
    def new(
        cls,
        scenario: Scenario,
        humans: list[str],
        seed: int,
        difficulty: str = "standard",
        length: str = "full",
    ) -> GameSession:
        match = Match.start(scenario.with_length(length), seed)
        return cls(match, list(humans), difficulty, length)

    @classmethod
    def resume(cls, save: saves.SaveFile, scenario: Scenario) -> GameSession:
        """Resume a save already read; SaveError if it does not fit ``scenario``."""
        match = saves.resume(save, scenario)
        return cls(
            match,
            list(save.humans),
            save.difficulty,
            save.length,
            names=dict(save.names),
            seats=dict(save.seats),
        )

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
            return str(e)
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
        state, seed = self.match.state, self.match.seed
        orders: dict[str, list[Action]] = {}
        for c in self.scenario.contenders:
            if c.id in self.submitted:
                orders[c.id] = self.submitted[c.id]
            else:
                level = self.seats.get(c.id, self.difficulty)
                orders[c.id] = seat_orders(state, c.id, seed, level)
        self.last_events = self.match.play(orders)
        self.submitted = {}
        self.seat = 0
        self._options = None
        if self.autosave:
            self.autosave_problem = self.save_to(paths.autosave_path())
            if self.autosave_problem is None:
                self.autosaved = self.match.state.turn
            else:
                self.notice = f"Autosave failed: {self.autosave_problem}. {self.unsaved()}"

    def unsaved(self) -> str:
        """What the autosave holds, said when it has failed."""
        if self.autosaved is None:
            return "This game is not saved: save it under a name (S) once there is room."
        return (
            f"The autosave still holds turn {self.autosaved}: save under a name (S) to keep "
            "the turns since."
        )

    def visible_events(self, events: tuple[GameEvent, ...] | None = None) -> list[GameEvent]:
        """The events the people at the table may see: public ones, and with one person at
        the table their own private ones too."""
        events = self.last_events if events is None else events
        me = None if self.hotseat else self.scenario.contender_index(self.humans[0])
        return [e for e in events if e.public or (me is not None and me in e.actors)]

    def outcome(self) -> Result | None:
        return outcome(self.match.state)

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
