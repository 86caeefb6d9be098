"""The game in a plain terminal: the board as text tables, a numbered action menu, the turn log.

Reads commands line by line from any text stream and writes to any text stream, so it runs the
same in a terminal, in tmux, piped from a file or in a test. It uses only the engine's narrow
interface and :func:`game.ai.seat_orders` for the seats no person plays. Rendering functions
take a :class:`View` and a width and return text; they never change the game.

Output fits the terminal: its width (at least 60 columns) is read from ``COLUMNS`` when that is
set, else from the terminal itself, else 100 columns for a file or a pipe. With a person at the
keyboard the game waits at the end of each report until they press Enter.
"""

from __future__ import annotations

import os
import shlex
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from game import resume, saves
from game import tables as t
from game.cli.debugconsole import ConsoleError, DebugConsole, render_commands
from game.cli.screens import (
    date_line,
    render_board,
    render_cards,
    render_events,
    render_goal,
    render_menu,
    render_outcome,
    render_report,
    render_standing,
)
from game.engine import (
    Action,
    ActionKind,
    GameEvent,
    IllegalAction,
    Kind,
    Match,
    Option,
    Scenario,
    View,
    apply_turn,
    legal_actions,
    view,
)
from game.words import goal
from game.words.actions import action_labels, readable
from game.words.names import date_words
from game.words.odds import odds_text

if TYPE_CHECKING:
    from game.content.sources import Entry as SourceEntry
    from game.net.report import Reporter

W = t.WIDTH
MIN_WIDTH = 60  # narrower than this, the tables cannot be read
MAX_WIDTH = 120  # wider lines are hard to read, however wide the terminal

KEYS = (
    ("u", "undo your last choice"),
    ("d", "done: end your turn with these choices"),
    ("b", "show the board again"),
    ("m", "show the action menu again"),
    ("w N", "why: explain action N"),
    ("g", "the goal: how you win, and where you stand"),
    ("q", "save and quit"),
    ("?", "this help"),
)


def render_keys(width: int = W) -> str:
    """The help: how to choose, and every command, in ``width`` columns."""
    out = [
        t.wrap(
            "Type the number of an action to choose it; several at once work too: 3 7 12. Each "
            "action costs action points (AP). Where a vote or luck decides it, the line under it "
            "says what the odds are the chance of.",
            width,
        )
    ]
    out += [t.wrap(what, width, indent=" " * 8, first=f"  {key:<6}") for key, what in KEYS]
    return "\n".join(out)


class EndOfInput(Exception):
    """The input stream closed (Ctrl-D, or the end of a piped file)."""


class QuitRequested(Exception):
    """The player typed q."""


class GameChanged(Exception):
    """The debug console changed the game: the turn's orders are asked for again."""


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def terminal_width(out: TextIO) -> int:
    """The columns to fill: ``COLUMNS`` when it is set (as :func:`shutil.get_terminal_size`
    reads it, so output to a file or pipe can be sized), else the terminal's own width, else
    100; never under 60 nor over 120."""
    cols = W
    env = os.environ.get("COLUMNS", "").strip()
    if env.isdigit() and int(env) > 0:
        cols = int(env)
    elif _isatty(out):
        try:
            cols = os.get_terminal_size(out.fileno()).columns
        except (OSError, ValueError, AttributeError):
            pass
    return max(MIN_WIDTH, min(cols, MAX_WIDTH))


def resume_command(path: Path) -> str:
    """The command that resumes the game saved at ``path``, ready to paste into a shell."""
    return f"politburo play --text --load {shlex.quote(str(path))}"


@dataclass
class Console:
    """Where text goes and commands come from, with the glyphs this terminal can show."""

    out: TextIO
    inp: TextIO
    g: t.Glyphs = t.ASCII
    encoding: str | None = "ascii"
    fixed_width: int | None = None  # None: follow the terminal (it may be resized mid-game)

    @classmethod
    def of(cls, out: TextIO, inp: TextIO) -> Console:
        enc = getattr(out, "encoding", None)
        return cls(out, inp, t.UNICODE if t.can_encode(enc) else t.ASCII, enc)

    @property
    def width(self) -> int:
        return self.fixed_width or terminal_width(self.out)

    @property
    def interactive(self) -> bool:
        """A person types the input (not a file or a pipe)."""
        return _isatty(self.inp)

    def say(self, text: str = "", *, wrap: bool = True) -> None:
        """Print ``text``, any line wider than the terminal wrapped (``wrap=False`` for a line
        that must stay whole, such as a command to copy)."""
        if wrap:
            text = t.fit(text, self.width)
        self.out.write(t.ascii_safe(text, self.encoding) + "\n")

    def ask(self, prompt: str) -> str:
        self.out.write(t.ascii_safe(prompt, self.encoding))
        self.out.flush()
        line = self.inp.readline()
        if not line:
            self.out.write("\n")
            raise EndOfInput
        if not _isatty(self.inp):  # piped input: echo it so the transcript reads as a dialogue
            self.out.write(
                t.ascii_safe(line if line.endswith("\n") else line + "\n", self.encoding)
            )
        return line.strip()

    def choose(self, prompt: str, n: int, names: Sequence[Sequence[str]] = ()) -> int:
        """Ask for a number from 1 to n (or one of the ``names`` of an item, in any case) until
        given one; returns it 0-based."""
        known = {name.casefold(): i for i, item in enumerate(names) for name in item}
        while True:
            answer = self.ask(prompt)
            if answer.lower() in ("q", "quit"):
                raise QuitRequested
            if answer.isdigit() and 1 <= int(answer) <= n:
                return int(answer) - 1
            if " ".join(answer.split()).casefold() in known:
                return known[" ".join(answer.split()).casefold()]
            also = " or a name" if names else ""
            self.say(f"Please type a number from 1 to {n}{also} (q to quit).")

    def pause(self, prompt: str = "Press Enter to go on (q to save and quit): ") -> None:
        """With a person at the keyboard, wait until they have read what is on the screen."""
        if not self.interactive:
            return
        if self.ask(prompt).lower() in ("q", "quit"):
            raise QuitRequested


# ----- deterministic AI seats -------------------------------------------------------------------


def ai_orders(match: Match, cid: str, difficulty: str) -> list[Action]:
    """The AI's orders for one seat this turn."""
    from game.ai import seat_orders  # imported late: the CLI's other commands do not need it

    return seat_orders(match.state, cid, difficulty)


# ----- setup choices ----------------------------------------------------------------------------


def pick_scenario(con: Console, entries: Sequence[SourceEntry]) -> Scenario:
    """Let the player choose a scenario by number (or id): the shipped ones, then the player's
    own. Broken files are listed with their error but cannot be chosen; with only one scenario
    that loads, it is taken without asking."""
    from game.content.loader import ScenarioError

    width = con.width
    con.say("SCENARIOS")
    usable: list[Scenario] = []
    for e in entries:
        if e.scenario is None:
            con.say(
                t.wrap(
                    f"{e.path.name}: cannot be loaded: {e.error}",
                    width,
                    indent="        ",
                    first="   --   ",
                )
            )
            continue
        usable.append(e.scenario)
        mine = "  [your scenario]" if e.origin == "user" else ""
        con.say(f"  {len(usable):>2}. {scenario_title(e.scenario)}{mine}")
        con.say(
            t.wrap(
                t.clip(" ".join(e.scenario.description.split()), 300, con.g), width, indent="      "
            )
        )
    if not usable:
        raise ScenarioError("scenarios", ["no scenario can be loaded"])
    if len(usable) == 1:
        return usable[0]
    return usable[con.choose("Scenario number: ", len(usable), [[s.id] for s in usable])]


def pick_contender(con: Console, sc: Scenario) -> str:
    """Let the player choose a playable contender by number or name, seeing bio and
    difficulty."""
    width = con.width
    playable = [c for c in sc.contenders if c.playable]
    con.say("")
    con.say("CHOOSE YOUR CONTENDER")
    for n, c in enumerate(playable, start=1):
        con.say("")
        con.say(f"  {n}. {c.name} {con.g.dash} difficulty: {c.difficulty}")
        con.say(t.wrap(c.bio, width, indent="     "))
        if c.strengths:
            con.say(
                t.wrap("; ".join(c.strengths), width, indent="       ", first="     Strengths: ")
            )
        if c.weaknesses:
            con.say(
                t.wrap("; ".join(c.weaknesses), width, indent="       ", first="     Weaknesses: ")
            )
    con.say("")
    names = [[c.id, c.short, c.name] for c in playable]
    return playable[con.choose("Contender number (or name): ", len(playable), names)].id


def scenario_title(sc: Scenario) -> str:
    """The title with its dates, unless the title already gives them."""
    return sc.title if sc.dates in sc.title else f"{sc.title} ({sc.dates})"


def render_intro(sc: Scenario, width: int = W) -> str:
    out = [scenario_title(sc), t.wrap(sc.description, width, indent="  ")]
    lengths = sc.lesson_lengths()
    if len(lengths) > 1:
        offered = "; ".join(f"{n} {turns} turns, about {m} minutes" for n, turns, m, _ in lengths)
        out.append(t.wrap(f"Lengths (--length): {offered}.", width, indent="  "))
    if sc.learning_objectives:
        out.append("In this game you can learn:")
        out += [t.wrap(o, width, indent="    ", first="  - ") for o in sc.learning_objectives]
    return "\n".join(out)


# ----- the game loop ----------------------------------------------------------------------------


def _decides(option: Option, event: str | None) -> bool:
    """True if ``option`` is a choice on the card of ``event``."""
    return option.action.kind == ActionKind.DECIDE and option.action.target == event


@dataclass
class Session:
    """One game in the terminal: who plays which seat, and where it is saved."""

    match: Match
    con: Console
    humans: list[str] = field(default_factory=list)
    difficulty: str = "standard"
    length: str = "full"  # the lesson length; match.scenario is already cut to it
    names: dict[str, str] = field(default_factory=dict)  # a player's name per contender id
    seats: dict[str, str] = field(default_factory=dict)  # AI seats not at ``difficulty``
    save_path: Path | None = None
    autosave: bool = True
    err: TextIO = field(default_factory=lambda: sys.stderr)
    autosaver: resume.Autosaver = field(default_factory=resume.Autosaver)
    last_events: list[GameEvent] = field(default_factory=list)  # the last turn's report
    unread: set[str] = field(default_factory=set)  # people who have not yet read that report
    debug: bool = False  # the debug console is open (politburo play --text --debug)
    changed: bool = False  # the console has just changed the game (the board is not shown again)
    reporter: Reporter | None = None  # the class page this game reports to (play --class)

    def __post_init__(self) -> None:
        if not self.last_events:
            self.last_events = resume.last_turn_events(self.match)
        self.unread = set(self.humans) if self.last_events else set()

    @property
    def ids(self) -> list[str]:
        return [c.id for c in self.match.scenario.contenders]

    @property
    def hotseat(self) -> bool:
        return len(self.humans) > 1

    def seat_difficulty(self, cid: str) -> str:
        """How well the AI plays ``cid``'s seat."""
        return self.seats.get(cid, self.difficulty)

    def run(self) -> int:
        """Play to the end or until the player leaves; returns the exit code."""
        try:
            if self.humans:
                if not self.hotseat:
                    self.show_report(self.humans[0])  # a resumed game: where we were
                while not self.match.state.finished:
                    self.play_turn()
                if self.unread:
                    self.show_report(None if self.hotseat else self.humans[0], pause=False)
            else:
                self.run_auto()
            self.con.say("")
            self.con.say(
                render_outcome(
                    self.match,
                    self.con.g,
                    self.humans[0] if len(self.humans) == 1 else None,
                    self.con.width,
                )
            )
            return self.save_on_exit(final=True)
        except EndOfInput:
            self.con.say("Input closed: stopping the game.")
            return self.save_on_exit()
        except QuitRequested:
            return self.save_on_exit(explicit=True)
        except KeyboardInterrupt as e:  # Ctrl-C, or SIGTERM/SIGHUP (main.Terminated)
            signum = getattr(e, "signum", None)
            self.con.say(f"\nStopped by signal {signum}." if signum else "\nInterrupted.")
            code = self.save_on_exit()
            return code or getattr(e, "exit_code", 130)

    # -- one turn with people at the table
    def play_turn(self) -> None:
        orders: dict[str, list[Action]] = {}
        try:
            for cid in self.ids:
                if cid in self.humans:
                    orders[cid] = self.human_orders(cid)
        except GameChanged:  # the debug console changed the game: everyone chooses again
            self.autosave_now()
            return
        for cid in self.ids:
            if cid not in self.humans:
                orders[cid] = ai_orders(self.match, cid, self.seat_difficulty(cid))
        if self.hotseat and _isatty(self.con.out):
            self.con.out.write("\033[2J\033[3J\033[H")  # the last person's board goes
        self.last_events = list(self.match.play(orders))
        self.unread = set(self.humans)
        self.autosave_now()
        self.report_now()
        if not self.hotseat and not self.match.state.finished:
            self.show_report(self.humans[0])

    def show_report(self, cid: str | None, pause: bool = True) -> None:
        """The last turn's report as ``cid`` may see it (None: the public part only), then,
        with a person at the keyboard, a pause until they have read it."""
        if not self.last_events:
            return
        played = self.played_line()
        me = None if cid is None else self.match.scenario.contender_index(cid)
        self.con.say("")
        self.con.say(render_report(played, resume.visible(self.last_events, me), self.con.g,
                                   self.con.width, self.match.scenario, cid))
        self.unread.discard(cid or "")
        if cid is None:
            self.unread.clear()
        if pause:
            self.con.say("")
            self.con.pause()

    def played_line(self) -> str:
        """The turn the last report is about: 'Q1 1924 (turn 1 of 8)'."""
        cal = self.match.scenario.calendar
        turn = self.match.state.turn - 1
        return f"{date_words(cal.label(turn))} (turn {turn + 1} of {cal.turns})"

    def human_orders(self, cid: str) -> list[Action]:
        """Ask one person for their orders, one pick at a time."""
        con, state = self.con, self.match.state
        v = view(state, cid)
        options = legal_actions(state, cid)
        if self.hotseat:
            self.hand_over(v.mine.name)
            if cid in self.unread:
                self.show_report(cid)
        sc = self.match.scenario
        cards = render_cards(v, con.width)
        changed, self.changed = self.changed, False
        if not changed:
            con.say("")
            con.say(render_board(v, con.g, con.width, goal.standing(state, cid)))
            if cards:
                con.say("")
                con.say(cards)
        if not options:
            con.say("")
            con.say(f"You can take no actions now ({v.mine.status_name}). The turn passes.")
            return []
        if changed:
            con.say("The board and the menu are as the change left them: b shows the board, "
                    "m the menu.")
        else:
            con.say("")
            con.say(render_menu(options, [], v, sc, con.width))
            con.say("Type numbers to choose, d when done, ? for help.")
        picks: list[int] = []
        warned = False

        def decided(event: str) -> bool:
            return any(_decides(options[i], event) for i in picks)

        ap = v.mine.action_points
        while True:
            left = ap - sum(options[i].cost for i in picks)
            line = con.ask(f"[{v.mine.short}, {left} AP left] > ")
            cmd = line.lower()
            if self.debug and cmd.startswith(":"):
                self.debug_command(line[1:])
                continue
            if cmd in ("d", "done"):
                pending = [c.title for c in v.cards if c.mine_to_decide and not decided(c.event)]
                if pending and not warned:
                    warned = True
                    con.say(
                        f"You have not decided on: {'; '.join(pending)}. "
                        "Type d again to leave it undecided."
                    )
                    continue
                actions = [options[i].action for i in picks]
                try:
                    apply_turn(state, {cid: actions})  # a dry run: the engine says if it is legal
                except IllegalAction as e:
                    con.say(f"Not allowed: {readable(str(e), options)}. Type u to undo a choice.")
                    continue
                return actions
            if cmd == "u":
                con.say(f"Undone: {options[picks.pop()].label}" if picks else "Nothing to undo.")
            elif cmd in ("?", "h", "help"):
                con.say(render_keys(con.width))
                if self.debug:
                    con.say(render_commands(con.width))
                con.say("")
                con.say(render_goal(sc, cid, self.length, con.width))
                con.say(render_standing(goal.standing(state, cid), con.g, con.width))
            elif cmd == "g":
                con.say(render_goal(sc, cid, self.length, con.width))
                con.say(render_standing(goal.standing(state, cid), con.g, con.width))
            elif cmd == "b":
                con.say(render_board(v, con.g, con.width, goal.standing(state, cid)))
                if cards:
                    con.say(cards)
            elif cmd == "m":
                con.say(render_menu(options, picks, v, sc, con.width))
            elif cmd in ("q", "quit"):
                raise QuitRequested
            elif cmd.startswith("w"):
                self.explain(options, cmd[1:], v)
            elif cmd:
                self.pick(options, picks, cmd, ap)
            else:
                con.say("Type a number from the menu, d when done, or ? for help.")

    def hand_over(self, name: str) -> None:
        """Hotseat: clear what the last person saw and wait until only ``name`` is looking."""
        con = self.con
        if _isatty(con.out):
            con.out.write("\033[2J\033[3J\033[H")  # clear the screen and its scrollback
        con.say("")
        con.say(f"=== Pass the computer to {name}: everyone else, look away ===")
        answer = con.ask(f"{name}, press Enter when only you can see the screen (q to quit): ")
        if answer.lower() in ("q", "quit"):
            raise QuitRequested

    def explain(self, options: Sequence[Option], arg: str, v: View) -> None:
        nums = arg.replace(",", " ").split()
        if not nums or not all(n.isdigit() and 1 <= int(n) <= len(options) for n in nums):
            self.con.say(f"Type w and a menu number, for example: w 1 (1 to {len(options)}).")
            return
        width = self.con.width
        for n in nums:
            o = options[int(n) - 1]
            why = o.why or "(no explanation given)"
            odds = odds_text(o, v, self.match.scenario)
            if odds:
                why += f" Odds: {odds}."
            self.con.say(t.wrap(why, width, indent="     ", first=f"  {n}. {o.label}: "))

    def pick(self, options: Sequence[Option], picks: list[int], cmd: str, ap: int) -> None:
        """Add the numbered options in ``cmd`` to ``picks``, stopping at the first bad one."""
        for word in cmd.replace(",", " ").split():
            if not word.isdigit() or not 1 <= int(word) <= len(options):
                self.con.say(
                    f"{word!r} is not on the menu: type a number from 1 to "
                    f"{len(options)}, or ? for help."
                )
                return
            i = int(word) - 1
            o = options[i]
            left = ap - sum(options[k].cost for k in picks)
            if i in picks:
                self.con.say(f"Already chosen: {o.label}.")
                return
            if o.cost > left:
                self.con.say(
                    f"Not enough action points: {o.label} costs {o.cost}, you have {left} left."
                )
                return
            if o.action.kind == ActionKind.DECIDE and any(
                _decides(options[k], o.action.target) for k in picks
            ):
                self.con.say("You have already chosen on that card; type u to undo it first.")
                return
            picks.append(i)
            self.con.say(f"Chosen: {o.label} ({o.cost} AP). {left - o.cost} AP left.")

    # -- every seat played by the AI
    def run_auto(self) -> None:
        while not self.match.state.finished:
            self.auto_turn()

    def auto_turn(self) -> None:
        """Play one turn with the AI in every seat, and report it in a few lines."""
        con = self.con
        sc = self.match.scenario
        width = con.width
        state = self.match.state
        played = date_line(view(state, self.ids[0]))
        orders = {c: ai_orders(self.match, c, self.seat_difficulty(c)) for c in self.ids}
        labels = {c: action_labels(state, c, acts) for c, acts in orders.items()}
        events = self.match.play(orders)
        self.report_now()
        shown = resume.visible(events, None)
        con.say(played)
        for cid, chosen in labels.items():
            short = sc.contenders[sc.contender_index(cid)].short
            lead = f"  {short + ':':<10}"
            con.say(t.wrap("; ".join(chosen) or "nothing", width, " " * len(lead), lead))
        text = render_events(
            shown, con.g, width=width, blocs=False, skip=frozenset({Kind.ACTION})
        )
        if text:
            con.say(text)
        v = view(self.match.state, self.ids[0])
        con.say(
            t.wrap(
                "Support: " + ", ".join(f"{c.short} {t.pct(c.support)}" for c in v.contenders),
                width,
                indent="    ",
                first="  ",
            )
        )

    # -- the debug console
    def debug_command(self, line: str) -> None:
        """Do one debug console command (the line after ``:``); raises GameChanged when it
        changed the game, so that the turn's choices are made again on the new state."""
        console = DebugConsole(self.match, self.auto_turn)
        if not line.split() or line.split()[0].lower() in ("help", "?", "h"):
            self.con.say(render_commands(self.con.width))
            return
        try:
            changed, lines, events = console.run(line)
        except ConsoleError as e:
            self.con.say(f"Debug: {e}")
            return
        for text in lines:
            self.con.say(text)
        if not changed:
            return
        shown = render_events(list(events), self.con.g, width=self.con.width, blocs=False)
        if shown:
            self.con.say(shown)
        self.con.say(f"Debug: done ({self.match.touches[-1]}). Your choices this turn, if "
                     "any, are cleared.")
        # the board is shown again for a new turn, and in hotseat for the next person
        self.changed = not self.hotseat and line.split()[0].lower() != "jump"
        raise GameChanged

    # -- saving
    def report_now(self) -> None:
        """Send the game as it stands to the class page, if it reports to one."""
        if self.reporter is not None:
            self.reporter.send(saves.table_snapshot(self))

    def autosave_now(self) -> None:
        """Autosave the turn just played into this game's own autosave; when that fails, say so
        every time, with the turn the autosave (whole, as it was) still holds."""
        if not self.autosave:
            return
        problem = self.autosaver.write(self)
        if problem:
            self.err.write(
                f"politburo: warning: autosave failed ({problem}); {self.autosaver.unsaved()}\n"
            )

    def save_to(self, path: Path) -> None:
        """Save the game as of the last completed turn; raises SaveError."""
        saves.save_table(path, self)

    def save_on_exit(self, *, explicit: bool = False, final: bool = False) -> int:
        """Save where the player asked; returns 0, or 1 if the save could not be written."""
        if self.save_path is not None:
            try:
                self.save_to(self.save_path)
            except saves.SaveError as e:
                self.err.write(f"politburo: {e}\n")
                return 1
            self.con.say(self.saved_line(self.save_path, final), wrap=False)
            return 0
        if not (self.humans and (self.match.orders or explicit) and not final):
            return 0
        if not self.autosave and not explicit:
            return 0
        if explicit or self.autosaver.problem:
            self.autosaver.write(self)  # q saves now; a failed autosave gets one more try
        if self.autosaver.problem or self.autosaver.path is None:
            self.err.write(
                f"politburo: the game is not saved: {self.autosaver.problem} (play again "
                "with --save PATH on a disk with room)\n"
            )
            return 1
        path, held = self.autosaver.path, self.autosaver.held
        when = f"up to the end of turn {held}" if held else "at its start"
        self.con.say(f"The autosave holds the game {when}: {path}")
        self.con.say("Resume with this command (or run politburo play --text and choose "
                     "Continue):")
        self.con.say(f"  {resume_command(path)}", wrap=False)
        return 0

    def saved_line(self, path: Path, final: bool) -> str:
        """Where the game was saved and, unless it is over, the command that resumes it (on a
        line of its own, never wrapped, so it can be copied whole)."""
        if final:
            return f"Game saved to {path}."
        return (
            f"Saved to {path} (turn {self.match.state.turn}). Resume with:\n"
            f"  {resume_command(path)}"
        )
