"""The game in a plain terminal: the board as text tables, a numbered action menu, the turn log.

Reads commands line by line from any text stream and writes to any text stream, so it runs the
same in a terminal, in tmux, piped from a file or in a test. It uses only the engine's narrow
interface and :func:`game.ai.choose_orders` for the seats no person plays. Rendering functions
take a :class:`View` and return text; they never change the game.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from game import paths, saves
from game.cli import tables as t
from game.engine import (
    Action,
    ActionKind,
    GameEvent,
    IllegalAction,
    Kind,
    Match,
    Scenario,
    View,
    apply_turn,
    legal_actions,
    outcome,
    view,
)

if TYPE_CHECKING:
    from game.content.sources import Entry as SourceEntry

W = t.WIDTH

HELP = """\
Type the number of an action to choose it; several at once work too: 3 7 12.
Each action costs action points (AP); the odds are the chance that a vote carries.
  u     undo your last choice          d     done: end your turn with these choices
  b     show the board again           m     show the action menu again
  w N   why: explain action N          q     save and quit (resume with --load)
  ?     this help"""


class EndOfInput(Exception):
    """The input stream closed (Ctrl-D, or the end of a piped file)."""


class QuitRequested(Exception):
    """The player typed q."""


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


@dataclass
class Console:
    """Where text goes and commands come from, with the glyphs this terminal can show."""

    out: TextIO
    inp: TextIO
    g: t.Glyphs = t.ASCII
    encoding: str | None = "ascii"

    @classmethod
    def of(cls, out: TextIO, inp: TextIO) -> Console:
        enc = getattr(out, "encoding", None)
        return cls(out, inp, t.UNICODE if t.can_encode(enc) else t.ASCII, enc)

    def say(self, text: str = "") -> None:
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

    def choose(self, prompt: str, n: int) -> int:
        """Ask for a number from 1 to n until given one; returns it 0-based."""
        while True:
            answer = self.ask(prompt)
            if answer.lower() in ("q", "quit"):
                raise QuitRequested
            if answer.isdigit() and 1 <= int(answer) <= n:
                return int(answer) - 1
            self.say(f"Please type a number from 1 to {n} (q to quit).")


# ----- deterministic AI seats -------------------------------------------------------------------


def ai_orders(match: Match, cid: str, difficulty: str) -> list[Action]:
    """The AI's orders for one seat this turn."""
    from game.ai import seat_orders  # imported late: the CLI's other commands do not need it

    return seat_orders(match.state, cid, match.seed, difficulty)


# ----- rendering --------------------------------------------------------------------------------


def date_line(v: View) -> str:
    """'Q2 1924 (turn 2 of 24)' from the view's '1924-Q2'."""
    m = re.fullmatch(r"(\d+)-(\D*)(\d+)", v.date)
    date = f"{m.group(2)}{m.group(3)} {m.group(1)}" if m else v.date
    shown = min(v.turn + 1, v.turns)
    return f"{date} (turn {shown} of {v.turns})"


def line_word(x: float) -> str:
    """A line on the left-right axis in words and numbers: 'Left 0.40', 'centre'."""
    if abs(x) < 0.05:
        return "centre"
    return f"{'Left' if x < 0 else 'Right'} {abs(x):.2f}"


def faction_name(v: View, c: int) -> str:
    return v.contenders[c].short if 0 <= c < len(v.contenders) else "uncommitted"


def render_board(v: View, g: t.Glyphs = t.ASCII) -> str:
    """The whole board as one contender sees it."""
    shorts = [c.short for c in v.contenders]
    marks = t.unique_marks(shorts)
    out: list[str] = []
    out.append(g.rule * W)
    head = date_line(v)
    if v.meetings_this_turn:
        head += "   Meeting this turn: " + ", ".join(
            v.organ_names.get(m, m.replace("_", " ")) for m in v.meetings_this_turn
        )
    out.append(head)
    out.append(g.rule * W)

    # the mood
    out.append("THE MOOD OF THE PARTY")
    out.append(
        "  " + t.axis([(v.party_line, "P"), (v.mood_line, "M")], 70) + "   M mood, P party line"
    )
    out.append(
        "  "
        + t.axis(list(zip([c.line for c in v.contenders], marks, strict=True)), 70)
        + "   contenders' lines"
    )
    out.append(
        f"  Unity [{t.bar(v.mood_unity, 20, g)}] {t.pct(v.mood_unity)}   "
        f"(mood {line_word(v.mood_line)}, party line {line_word(v.party_line)})"
    )
    out.append("  Key: " + ", ".join(f"{m} {s}" for m, s in zip(marks, shorts, strict=True)))
    out.append("")

    # the Politburo
    out.append(f"THE {v.organ_names['politburo'].upper()} ({len(v.politburo)} members)")
    seats = [f"{s.name} [{faction_name(v, s.faction)}]" for s in v.politburo]
    out.append("  " + t.columns(seats, W - 2).replace("\n", "\n  "))
    counts: dict[int, int] = {}
    for s in v.politburo:
        counts[s.faction] = counts.get(s.faction, 0) + 1
    out.append(
        "  Votes by faction: "
        + ", ".join(
            f"{faction_name(v, k)} {n}" for k, n in sorted(counts.items(), key=lambda kv: -kv[1])
        )
    )
    out.append("")

    # Central Committee and Congress
    support = [c.support for c in v.contenders]
    support.append(max(0.0, 1.0 - sum(support)))
    rows = []
    names = shorts + ["uncommitted"]
    for i, name in enumerate(names):
        cc = v.cc_share[i] if i < len(v.cc_share) else 0.0
        rows.append(
            [
                name,
                t.pct(cc),
                f"{cc * v.cc_seats:.0f}",
                t.bar(cc, 20, g),
                t.pct(support[i]),
                f"{support[i] * v.congress_delegates:,.0f}",
                t.bar(support[i], 20, g),
            ]
        )
    cc_name, congress_name = v.organ_names["central_committee"], v.organ_names["congress"]
    out.append(f"THE {cc_name.upper()} AND THE {congress_name.upper()} (the delegates) BY FACTION")
    out.append(
        t.table(
            [
                "Faction",
                "CC",
                f"of {v.cc_seats}",
                "",
                "Congress",
                f"of {v.congress_delegates:,}",
                "",
            ],
            rows,
            align="lrrlrrl",
            g=g,
        )
    )
    out.append("")

    # regions
    out.append("THE REGIONS (Secretary: who appointed the regional secretary; then the loyalty")
    out.append("             of the members to each contender, Unc = uncommitted)")
    rows = []
    for r in v.regions:
        patron = faction_name(v, r.patron) if r.patron >= 0 else "-"
        if r.fief_of >= 0:  # mark whose fief it is, beside the patron if that is someone else
            fief = faction_name(v, r.fief_of) + "+"
            patron = fief if r.patron in (-1, r.fief_of) else f"{patron}, {fief}"
        rows.append(
            [
                r.name,
                f"{r.members:,}",
                patron,
                *[t.pct(x) for x in r.loyalty],
                t.stacked(r.loyalty[:-1], marks, 12),
            ]
        )
    out.append(
        t.table(
            ["Region", "Members", "Secretary", *marks, "Unc", "Loyalty"],
            rows,
            align="lrl" + "r" * (len(marks) + 1) + "l",
            g=g,
            shrink=0,
        )
    )
    if any(r.fief_of >= 0 for r in v.regions):
        out.append(
            "  + a fief: while the contender marked + keeps the office, nobody else appoints there"
        )
    out.append("")

    # contenders
    out.append("THE CONTENDERS (prestige, health and threat run from 0 to 100)")
    rows = [
        [
            c.short + (" (you)" if c.index == v.me else ""),
            c.status_name,
            t.pct(c.support),
            f"{c.prestige:.0f}",
            f"{c.health:.0f}",
            f"{c.threat:.0f}",
            line_word(c.line),
            str(c.action_points),
        ]
        for c in v.contenders
    ]
    headers = ["Contender", "Status", "Support", "Prestige", "Health", "Threat", "Line", "AP"]
    out.append(t.table(headers, rows, align="llrrrrlr", g=g, shrink=1))
    for c in v.contenders:
        notes = [", ".join(c.offices) if c.offices else "no office"]
        if c.allies:
            notes.append("allied with " + ", ".join(shorts[a] for a in c.allies))
        if c.platform:
            notes.append("has an open opposition platform")
        out.append(t.wrap("; ".join(notes) + ".", W, indent=" " * 4, first=f"  {c.short}: "))
    out.append("")

    # my own affairs
    me = v.mine
    mine = [f"You are {me.name}: {me.status_name}, {me.action_points} action points this turn."]
    if v.dossiers:
        mine.append(
            "Your dossiers: "
            + ", ".join(f"{shorts[k]} {n}" for k, n in sorted(v.dossiers.items()))
            + "."
        )
    if v.offers_to_me:
        mine.append(
            "Alliance offered to you by: "
            + ", ".join(shorts[k] for k in v.offers_to_me)
            + " (accept it from the menu)."
        )
    if v.offers_from_me:
        mine.append(
            "You offered an alliance to: " + ", ".join(shorts[k] for k in v.offers_from_me) + "."
        )
    others = [(shorts[k], x) for k, x in enumerate(v.trust) if k != v.me]
    if others:
        mine.append("Your trust in them: " + ", ".join(f"{n} {x:+.1f}" for n, x in others) + ".")
    out.extend(t.wrap(s, W, indent="    ", first="  ") for s in mine)
    if v.motions:
        office_names = {
            o: n for c in v.contenders for o, n in zip(c.office_ids, c.offices, strict=True)
        }
        out.append("")
        out.append("MOTIONS WAITING FOR A VOTE")
        for m in v.motions:
            what = "accuses " if m.kind == "accuse" else "offers to resign as "
            office = office_names.get(m.office or "", m.office or "")
            tail = shorts[m.target] if m.kind == "accuse" else office
            out.append(f"  {shorts[m.sponsor]} {what}{tail} (to the {v.organ_names[m.organ]})")
    return "\n".join(out)


def render_cards(v: View) -> str:
    """This turn's event cards, each with its text, historical note and source."""
    if not v.cards:
        return ""
    out = ["EVENTS THIS TURN"]
    for card in v.cards:
        out.append("")
        out.append(f"  == {card.title} ==")
        out.append(t.wrap(card.text, W, indent="  "))
        if card.history:
            out.append(t.wrap(card.history, W, indent="    ", first="  History: "))
        if card.source:
            out.append(t.wrap(card.source, W, indent="    ", first="  Source: "))
        if card.choices:
            who = "Your decision" if card.mine_to_decide else "To be decided by others"
            out.append(
                t.wrap(" / ".join(label for _, label in card.choices), W, "    ", f"  {who}: ")
            )
    return "\n".join(out)


def option_line(n: int, opt, chosen: bool) -> str:
    """One menu entry: '*' if chosen, number, cost, odds of any vote, and the label."""
    odds = t.pct(opt.odds) if opt.odds is not None else ""
    mark = "*" if chosen else " "
    return t.wrap(opt.label, W, indent=" " * 21, first=f" {mark}{n:>3}. {opt.cost} AP  {odds:>4}  ")


def render_menu(options: Sequence, picks: Sequence[int]) -> str:
    """The numbered action menu: decisions first, then actions, in the engine's order."""
    lines = []
    decisions = [i for i, o in enumerate(options) if o.action.kind == ActionKind.DECIDE]
    rest = [i for i, o in enumerate(options) if o.action.kind != ActionKind.DECIDE]
    for title, group in (("YOUR DECISIONS", decisions), ("YOUR ACTIONS", rest)):
        if group:
            lines.append(f"{title}   (No.  cost  odds  what)")
            lines += [option_line(i + 1, options[i], i in picks) for i in group]
    return "\n".join(lines)


def vote_lines(e: GameEvent, g: t.Glyphs, blocs: bool = True) -> list[str]:
    tally = e.tally
    assert tally is not None
    verdict = "carried" if tally.passed else "defeated"
    out = [f"{tally.organ}: {tally.motion} {g.dash} {verdict} {tally.yes} to {tally.no}"]
    if blocs:
        out += [f"{b.label}: {b.yes} for, {b.no} against {g.dash} {b.reason}" for b in tally.blocs]
    return out


def render_events(
    events: Sequence[GameEvent],
    g: t.Glyphs = t.ASCII,
    *,
    blocs: bool = True,
    skip: frozenset[Kind] = frozenset(),
) -> str:
    """A turn's events, one tagged entry each; votes with their bloc-by-bloc breakdown."""
    out = []
    for e in events:
        if e.kind in skip:
            continue
        tag = f"  {Kind(e.kind).tag:<9}"
        if e.kind == Kind.VOTE and e.tally is not None:
            first, *more = vote_lines(e, g, blocs)
            out.append(t.wrap(first, W, indent=" " * 13, first=tag + " "))
            out += [t.wrap(s, W, indent=" " * 17, first=" " * 13) for s in more]
        else:
            out.append(t.wrap(e.text, W, indent=" " * 13, first=tag + " "))
    return "\n".join(out)


def visible(events: Sequence[GameEvent], me: int | None) -> list[GameEvent]:
    """What a person in seat ``me`` may see (``None``: only public events)."""
    return [e for e in events if e.public or (me is not None and me in e.actors)]


def render_outcome(match: Match, g: t.Glyphs = t.ASCII, me: str | None = None) -> str:
    """Every contender's outcome, best first, and the scenario's epilogue."""
    result = outcome(match.state)
    if result is None:
        return ""
    sc = match.scenario
    v = view(match.state, sc.contenders[0].id)
    info = {c.id: c for c in v.contenders}
    ranked = result.ranked()
    rows = [
        [
            info[o.contender].name + (" (you)" if o.contender == me else ""),
            o.name,
            str(o.rank),
            t.pct(info[o.contender].support),
            info[o.contender].status_name,
        ]
        for o in ranked
    ]
    out = [
        "THE OUTCOME",
        t.table(["Contender", "Outcome", "Rank", "Support", "Status"], rows, align="llrrl", g=g),
        f"  Best placed: {info[result.winner].name} ({result.of(result.winner).name}).",
        "",
    ]
    for o in ranked:
        if o.description:
            short = info[o.contender].short
            out.append(t.wrap(o.description, W, indent="    ", first=f"  {short}: "))
    if sc.epilogue:
        out += ["", "WHAT FOLLOWED IN HISTORY", t.wrap(sc.epilogue, W, indent="  ")]
    return "\n".join(out)


# ----- setup choices ----------------------------------------------------------------------------


def pick_scenario(con: Console, entries: Sequence[SourceEntry]) -> Scenario:
    """Let the player choose a scenario by number: the shipped ones, then the player's own.
    Broken files are listed with their error but cannot be chosen; with only one scenario that
    loads, it is taken without asking."""
    from game.content.loader import ScenarioError

    con.say("SCENARIOS")
    usable: list[Scenario] = []
    for e in entries:
        if e.scenario is None:
            con.say(
                t.wrap(
                    f"{e.path.name}: cannot be loaded: {e.error}",
                    W,
                    indent="        ",
                    first="   --   ",
                )
            )
            continue
        usable.append(e.scenario)
        mine = "  [your scenario]" if e.origin == "user" else ""
        con.say(f"  {len(usable):>2}. {scenario_title(e.scenario)}{mine}")
        con.say(
            t.wrap(t.clip(" ".join(e.scenario.description.split()), 300, con.g), W, indent="      ")
        )
    if not usable:
        raise ScenarioError("scenarios", ["no scenario can be loaded"])
    if len(usable) == 1:
        return usable[0]
    return usable[con.choose("Scenario number: ", len(usable))]


def pick_contender(con: Console, sc: Scenario) -> str:
    """Let the player choose a playable contender by number, seeing bio and difficulty."""
    playable = [c for c in sc.contenders if c.playable]
    con.say("")
    con.say("CHOOSE YOUR CONTENDER")
    for n, c in enumerate(playable, start=1):
        con.say("")
        con.say(f"  {n}. {c.name} {con.g.dash} difficulty: {c.difficulty}")
        con.say(t.wrap(c.bio, W, indent="     "))
        if c.strengths:
            con.say(t.wrap("; ".join(c.strengths), W, indent="       ", first="     Strengths: "))
        if c.weaknesses:
            con.say(t.wrap("; ".join(c.weaknesses), W, indent="       ", first="     Weaknesses: "))
    con.say("")
    return playable[con.choose("Contender number: ", len(playable))].id


def scenario_title(sc: Scenario) -> str:
    """The title with its dates, unless the title already gives them."""
    return sc.title if sc.dates in sc.title else f"{sc.title} ({sc.dates})"


def render_intro(sc: Scenario) -> str:
    out = [scenario_title(sc), t.wrap(sc.description, W, indent="  ")]
    lengths = sc.lesson_lengths()
    if len(lengths) > 1:
        offered = "; ".join(f"{n} {turns} turns, about {m} minutes" for n, turns, m, _ in lengths)
        out.append(t.wrap(f"Lengths (--length): {offered}.", W, indent="  "))
    if sc.learning_objectives:
        out.append("In this game you can learn:")
        out += [t.wrap(o, W, indent="    ", first="  - ") for o in sc.learning_objectives]
    return "\n".join(out)


# ----- the game loop ----------------------------------------------------------------------------


def _decides(option, event: str | None) -> bool:
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
    _autosaved: int | None = None  # the turn this game's autosave holds, once written
    _autosave_problem: str | None = None  # why the last autosave failed, until one works

    @property
    def ids(self) -> list[str]:
        return [c.id for c in self.match.scenario.contenders]

    def seat_difficulty(self, cid: str) -> str:
        """How well the AI plays ``cid``'s seat."""
        return self.seats.get(cid, self.difficulty)

    def run(self) -> int:
        """Play to the end or until the player leaves; returns the exit code."""
        try:
            if self.humans:
                while not self.match.state.finished:
                    self.play_turn()
            else:
                self.run_auto()
            self.con.say("")
            self.con.say(
                render_outcome(
                    self.match, self.con.g, self.humans[0] if len(self.humans) == 1 else None
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
        state = self.match.state
        orders: dict[str, list[Action]] = {}
        for cid in self.ids:
            if cid in self.humans:
                orders[cid] = self.human_orders(cid)
        for cid in self.ids:
            if cid not in self.humans:
                orders[cid] = ai_orders(self.match, cid, self.seat_difficulty(cid))
        played = date_line(view(state, self.humans[0]))
        if len(self.humans) > 1 and _isatty(self.con.out):
            self.con.out.write("\033[2J\033[3J\033[H")  # the last person's board goes
        events = self.match.play(orders)
        me = self.match.scenario.contender_index(self.humans[0]) if len(self.humans) == 1 else None
        self.con.say("")
        self.con.say(f"WHAT HAPPENED IN {played.upper()}")
        self.con.say(render_events(visible(events, me), self.con.g) or "  Nothing of note.")
        self.autosave_now()

    def human_orders(self, cid: str) -> list[Action]:
        """Ask one person for their orders, one pick at a time."""
        con, state = self.con, self.match.state
        v = view(state, cid)
        options = legal_actions(state, cid)
        if len(self.humans) > 1:
            self.hand_over(v.mine.name)
        con.say("")
        con.say(render_board(v, con.g))
        cards = render_cards(v)
        if cards:
            con.say("")
            con.say(cards)
        if not options:
            con.say("")
            con.say(f"You can take no actions now ({v.mine.status_name}). The turn passes.")
            return []
        con.say("")
        con.say(render_menu(options, []))
        con.say("Type numbers to choose, d when done, ? for help.")
        picks: list[int] = []
        warned = False

        def decided(event: str) -> bool:
            return any(_decides(options[i], event) for i in picks)

        ap = v.mine.action_points
        while True:
            left = ap - sum(options[i].cost for i in picks)
            cmd = con.ask(f"[{v.mine.short}, {left} AP left] > ").lower()
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
                    con.say(f"Not allowed: {e}. Type u to undo a choice.")
                    continue
                return actions
            if cmd == "u":
                con.say(f"Undone: {options[picks.pop()].label}" if picks else "Nothing to undo.")
            elif cmd in ("?", "h", "help"):
                con.say(HELP)
            elif cmd == "b":
                con.say(render_board(v, con.g))
                if cards:
                    con.say(cards)
            elif cmd == "m":
                con.say(render_menu(options, picks))
            elif cmd in ("q", "quit"):
                raise QuitRequested
            elif cmd.startswith("w"):
                self.explain(options, cmd[1:])
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

    def explain(self, options: Sequence, arg: str) -> None:
        nums = arg.replace(",", " ").split()
        if not nums or not all(n.isdigit() and 1 <= int(n) <= len(options) for n in nums):
            self.con.say(f"Type w and a menu number, for example: w 1 (1 to {len(options)}).")
            return
        for n in nums:
            o = options[int(n) - 1]
            self.con.say(
                t.wrap(
                    o.why or "(no explanation given)",
                    W,
                    indent="     ",
                    first=f"  {n}. {o.label}: ",
                )
            )

    def pick(self, options: Sequence, picks: list[int], cmd: str, ap: int) -> None:
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
        con = self.con
        while not self.match.state.finished:
            first = self.ids[0]
            played = date_line(view(self.match.state, first))
            orders = {c: ai_orders(self.match, c, self.seat_difficulty(c)) for c in self.ids}
            events = self.match.play(orders)
            shown = visible(events, None)
            con.say(played)
            for cid, acts in orders.items():
                short = self.match.scenario.contenders[self.match.scenario.contender_index(cid)]
                chosen = ", ".join(str(a) for a in acts) or "nothing"
                con.say(f"  {short.short + ':':<10}{chosen}")
            text = render_events(shown, con.g, blocs=False, skip=frozenset({Kind.ACTION}))
            if text:
                con.say(text)
            v = view(self.match.state, first)
            con.say(
                "  Support: " + ", ".join(f"{c.short} {t.pct(c.support)}" for c in v.contenders)
            )

    # -- saving
    def autosave_now(self) -> None:
        """Autosave the turn just played; when that fails, say so every time, with the turn the
        autosave (whole, as it was) still holds."""
        if not self.autosave:
            return
        try:
            self.save_to(paths.autosave_path())
        except saves.SaveError as e:
            self._autosave_problem = str(e)
            held = (
                "this game is not saved yet"
                if self._autosaved is None
                else f"the autosave still holds turn {self._autosaved}"
            )
            self.err.write(f"politburo: warning: autosave failed ({e}); {held}\n")
            return
        self._autosaved, self._autosave_problem = self.match.state.turn, None

    def save_to(self, path: Path) -> None:
        """Save the game as of the last completed turn; raises SaveError."""
        saves.save_table(path, self)

    def save_on_exit(self, *, explicit: bool = False, final: bool = False) -> int:
        """Save where the player asked; returns 0, or 1 if the save could not be written."""
        target = self.save_path
        if target is None and explicit:
            target = paths.autosave_path()
        if target is None:
            if not (self.autosave and self.humans and self.match.orders and not final):
                return 0
            if self._autosave_problem:
                self.autosave_now()  # one more try: the disk may have room again
            if self._autosave_problem:
                self.err.write(
                    f"politburo: the game is not saved: {self._autosave_problem} (play again "
                    "with --save PATH on a disk with room)\n"
                )
                return 1
            self.con.say(
                f"The autosave at {paths.autosave_path()} holds the game up to the "
                "last completed turn."
            )
            return 0
        try:
            self.save_to(target)
        except saves.SaveError as e:
            self.err.write(f"politburo: {e}\n")
            return 1
        verb = "Game saved" if final else "Saved"
        self.con.say(
            f"{verb} to {target} (turn {self.match.state.turn}). "
            f"Resume with: politburo play --load {target}"
            if not final
            else f"{verb} to {target}."
        )
        return 0
