"""The debug console of the terminal game (``politburo play --text --debug``): while playing, a
modder fires event cards, sets values, jumps ahead and reads any part of the state, to test a
scenario without waiting for the dice.

Every change goes through the engine's interventions (:meth:`Match.intervene`,
:meth:`Match.fire`), so the match records it and a saved game replays to the same state, and
the save, the debrief and the class summary say the game was changed. A value is set with an
effect of the scenario format that sets it (``to``), or for a region's loyalty moves it by
what brings it to the value asked. A bad
command gets one line saying why, and the game goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import yaml

from game import tables as t
from game.engine import (
    GameEvent,
    IllegalAction,
    Match,
    Readings,
    cards_fired,
    readings,
    view,
)
from game.words.names import find_contender

COMMANDS = (
    ("show", "what can be shown"),
    ("show contender WHO", "a contender: rung, offices, support, qualities, line, trust..."),
    ("show region ID", "a region: members, secretary, who its members are loyal to"),
    ("show office ID", "an office: its holder, powers and rank"),
    ("show organs", "who sits in the top organ, and the committee's and congress's shares"),
    ("show flags | rules | mood | cards", "the scenario's flags, its rules, the party's mood, "
     "this turn's cards and every card fired so far"),
    ("fire EVENT [CHOICE]", "fire an event card now: with CHOICE it applies at once; without, "
     "its deciders choose with this turn's orders"),
    ("set quality WHO QUALITY N", "prestige, oratory, organisation, health or threat (0-100)"),
    ("set line WHO N", "a contender's line, -1 (Left) to 1 (Right)"),
    ("set trust WHO TOWARD N", "how far WHO trusts TOWARD, -1 to 1"),
    ("set loyalty REGION WHO SHARE", "the share of a region's members loyal to WHO, 0 to 1"),
    ("set rung WHO RUNG", "put a contender on a rung of the ladder (its organ seats follow)"),
    ("set flag NAME N", "one of the scenario's flags"),
    ("set rule NAME VALUE", "one of the rules: true, false or a number"),
    ("set mood line|unity N", "the party's mood: its line (-1 to 1) or unity (0 to 1)"),
    ("effect EFFECTS", "effects written as in a scenario file, e.g. "
     "{grant_office: {who: stalin, office: general_secretary}}"),
    ("jump TURN", "the AI plays every seat, yours too, until turn TURN begins"),
    ("help", "this list"),
)
SHOWN = ("contender", "region", "office", "organs", "flags", "rules", "mood", "cards")


class ConsoleError(Exception):
    """A command that cannot be done; the message says why in one line."""


def render_commands(width: int) -> str:
    """The console's commands, each with what it does, in ``width`` columns."""
    out = ["DEBUG CONSOLE: type : and a command, e.g. :show organs (changes are recorded, and "
           "the save and debrief say the game was changed)"]
    out += [t.wrap(what, width, indent=" " * 6, first=f"  :{cmd}\n      ")
            for cmd, what in COMMANDS]
    return "\n".join(out)


def _number(text: str, lo: float, hi: float, what: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise ConsoleError(f"{what}: {text!r} is not a number") from None
    if not lo <= value <= hi:
        raise ConsoleError(f"{what} runs from {lo:g} to {hi:g}, not {value:g}")
    return value


def _words(args: Sequence[str], n: int, usage: str) -> Sequence[str]:
    if len(args) != n:
        raise ConsoleError(f"write :{usage}")
    return args


@dataclass
class DebugConsole:
    """The console of one game. ``ai_turn`` plays one turn with the AI in every seat (the
    terminal game's, so it is reported as the game reports an all-AI turn)."""

    match: Match
    ai_turn: Callable[[], None]

    # ----- names
    def _who(self, typed: str) -> str:
        found = find_contender(self.match.scenario, typed)
        if found is None:
            ids = ", ".join(c.id for c in self.match.scenario.contenders)
            raise ConsoleError(f"no contender {typed!r}; contenders are: {ids}")
        return found

    def _region(self, typed: str) -> int:
        ids = [r.id for r in self.match.scenario.regions]
        if typed.lower() not in ids:
            raise ConsoleError(f"no region {typed!r}; regions are: {', '.join(ids)}")
        return ids.index(typed.lower())

    def _office(self, typed: str):
        for o in self.match.scenario.offices:
            if typed.lower() == o.id:
                return o
        ids = ", ".join(o.id for o in self.match.scenario.offices)
        raise ConsoleError(f"no office {typed!r}; offices are: {ids}")

    # ----- commands
    def run(self, line: str) -> tuple[bool, list[str], tuple[GameEvent, ...]]:
        """Do one command: (whether the game changed, the lines to print, the events the change
        brought). ConsoleError saying why a command cannot be done."""
        words = line.split()
        if not words or words[0].lower() in ("help", "?", "h"):
            return False, [], ()
        verb, args = words[0].lower(), words[1:]
        if verb == "show":
            return False, self.show(args), ()
        if verb == "fire":
            if len(args) not in (1, 2):
                raise ConsoleError("write :fire EVENT or :fire EVENT CHOICE")
            return True, [], self._change(lambda: self.match.fire(args[0].lower(), *[
                a.lower() for a in args[1:]]))
        if verb == "set":
            effect = self.setting(args)
            return True, [], self._change(lambda: self.match.intervene([effect]))
        if verb == "effect":
            effects = self.effects(line.split(None, 1)[1] if len(words) > 1 else "")
            return True, [], self._change(lambda: self.match.intervene(effects))
        if verb == "jump":
            return True, self.jump(args), ()
        known = ", ".join(dict.fromkeys(c.split()[0] for c, _ in COMMANDS))
        raise ConsoleError(f"no command {verb!r}; commands are: {known} (:help explains them)")

    @staticmethod
    def _change(do: Callable[[], tuple[GameEvent, ...]]) -> tuple[GameEvent, ...]:
        try:
            return do()
        except IllegalAction as e:
            raise ConsoleError(str(e)) from None

    def effects(self, text: str) -> list:
        """Effects typed as YAML, as a scenario file writes them (one, or a list)."""
        if not text.strip():
            raise ConsoleError("write :effect and effects, e.g. :effect {mood: {line: -0.2}}")
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as e:
            mark = getattr(e, "problem_mark", None)
            where = f" at column {mark.column + 1}" if mark else ""
            raise ConsoleError(f"cannot read the effects{where}: "
                               f"{getattr(e, 'problem', None) or e}") from None
        return data if isinstance(data, list) else [data]

    def setting(self, args: Sequence[str]) -> dict:  # noqa: C901 - one case per value
        """The effect that sets a value (``set WHAT ...``) to what the command says."""
        if not args:
            raise ConsoleError("write :set and quality, line, trust, loyalty, rung, flag, rule or "
                               "mood")
        what, rest, state = args[0].lower(), args[1:], self.match.state
        now: Readings = readings(state)
        if what == "quality":
            who, quality, n = _words(rest, 3, "set quality WHO QUALITY N")
            cid, quality = self._who(who), quality.lower()
            if quality not in now.qualities[cid]:
                raise ConsoleError(f"no quality {quality!r}; qualities are: "
                                   f"{', '.join(now.qualities[cid])}")
            return {"quality": {"who": cid, "quality": quality,
                                "to": _number(n, 0, 100, quality)}}
        if what == "line":
            who, n = _words(rest, 2, "set line WHO N")
            return {"line": {"who": self._who(who), "to": _number(n, -1, 1, "a line")}}
        if what == "trust":
            who, toward, n = _words(rest, 3, "set trust WHO TOWARD N")
            a, b = self._who(who), self._who(toward)
            if a == b:
                raise ConsoleError("a contender's trust in themselves is always 1")
            return {"trust": {"who": a, "toward": b, "to": _number(n, -1, 1, "trust")}}
        if what == "loyalty":
            region, who, n = _words(rest, 3, "set loyalty REGION WHO SHARE")
            r, cid = self._region(region), self._who(who)
            share = _number(n, 0, 1, "a share")
            v = view(state, cid).regions[r].loyalty[state.scenario.contender_index(cid)]
            amount = (share - v) / (1 - v) if share > v else share / v - 1 if v > 0 else 0.0
            rid = state.scenario.regions[r].id
            return {"loyalty": {"who": cid, "regions": [rid], "amount": amount}}
        if what == "flag":
            name, n = _words(rest, 2, "set flag NAME N")
            if name not in now.flags:
                known = ", ".join(now.flags) or "none: no card or meeting of it sets one"
                raise ConsoleError(f"no flag {name!r} in this scenario; its flags are: {known}")
            return {"flag": {"name": name, "value": _number(n, -1e9, 1e9, "a flag")}}
        if what == "rule":
            name, n = _words(rest, 2, "set rule NAME VALUE")
            if name.lower() not in now.rules:
                raise ConsoleError(f"no rule {name!r}; rules are: {', '.join(now.rules)}")
            switch = {"true": True, "yes": True, "on": True, "false": False, "no": False,
                      "off": False}
            value = switch.get(n.lower())
            if value is None:
                value = _number(n, -1e9, 1e9, f"rule {name}")
            return {"rule": {"name": name.lower(), "value": value}}
        if what == "mood":
            which, n = _words(rest, 2, "set mood line|unity N")
            if which.lower() == "line":
                return {"mood": {"line_to": _number(n, -1, 1, "the mood's line")}}
            if which.lower() == "unity":
                return {"mood": {"unity_to": _number(n, 0, 1, "unity")}}
            raise ConsoleError("write :set mood line N or :set mood unity N")
        if what == "rung":
            who, rung = _words(rest, 2, "set rung WHO RUNG")
            return {"rung": {"who": self._who(who), "to": rung.lower()}}
        raise ConsoleError(f"cannot set {what!r}; values are: quality, line, trust, loyalty, "
                           "rung, flag, rule, mood")

    def jump(self, args: Sequence[str]) -> list[str]:
        """Let the AI play every seat until turn ``args[0]`` (shown from 1) begins."""
        (n,) = _words(args, 1, "jump TURN")
        state, turns = self.match.state, self.match.scenario.calendar.turns
        if not n.isdigit() or not state.turn + 1 < int(n) <= turns:
            raise ConsoleError(f"jump to a turn after this one ({state.turn + 1}) and at most "
                               f"{turns}")
        first = state.turn
        while self.match.state.turn < int(n) - 1 and not self.match.state.finished:
            self.ai_turn()
        self.match.note(f"turn {first + 1}: the AI played every seat, the people's too, up to "
                        f"turn {self.match.state.turn + 1} (debug console)")
        return [f"The AI played turns {first + 1} to {self.match.state.turn} for every seat."]

    # ----- reading
    def show(self, args: Sequence[str]) -> list[str]:  # noqa: C901 - one case per part
        if not args:
            return [f"show what? {', '.join(SHOWN)} (contender, region and office take a name)"]
        what, rest = args[0].lower(), args[1:]
        if what in ("contender", "region", "office") and len(rest) != 1:
            raise ConsoleError(f"write :show {what} and its id")
        if what == "contender":
            return self.show_contender(self._who(rest[0]))
        if what == "region":
            return self.show_region(self._region(rest[0]))
        if what == "office":
            return self.show_office(rest[0])
        state = self.match.state
        v = view(state, state.scenario.contenders[0].id)
        if what == "organs":
            return self.show_organs()
        if what == "flags":
            flags = readings(state).flags
            return [f"  {k} = {x:g}" for k, x in flags.items()] or ["This scenario has no flags."]
        if what == "rules":
            return [f"  {k} = {x:g}" for k, x in readings(state).rules.items()]
        if what == "mood":
            return [f"Mood: line {v.mood_line:+.2f} (-1 Left, +1 Right), unity "
                    f"{v.mood_unity:.2f}; the party line {v.party_line:+.2f}"]
        if what == "cards":
            fired = cards_fired(state)
            return [
                "This turn's cards: " + (", ".join(c.event for c in v.cards) or "none"),
                "Fired so far: " + (", ".join(f"{e} ({c})" if c else e
                                              for e, c in fired.items()) or "none"),
            ]
        raise ConsoleError(f"cannot show {what!r}; parts are: {', '.join(SHOWN)}")

    def _short(self, c: int) -> str:
        return self.match.scenario.contenders[c].short

    def show_contender(self, cid: str) -> list[str]:
        state = self.match.state
        v = view(state, cid)
        me = v.mine
        q = readings(state).qualities[cid]
        others = [c for c in range(len(v.contenders)) if c != me.index]
        return [
            f"{me.name} ({cid}): {me.status_name}; offices: {', '.join(me.offices) or 'none'}; "
            f"support {t.pct(me.support)}; {me.action_points} action points",
            "  " + ", ".join(f"{k} {x:.0f}" for k, x in q.items())
            + f" (threat as rivals see it: {me.threat:.0f})",
            f"  line {me.line:+.2f}; platform {'open' if me.platform else 'none'}; "
            f"{'exposed' if me.exposed else 'not exposed'}",
            "  allies: " + (", ".join(self._short(a) for a in me.allies) or "none"),
            "  trusts: " + ", ".join(f"{self._short(c)} {v.trust[c]:+.2f}" for c in others),
            "  dossiers on: " + (", ".join(f"{self._short(c)} {k}"
                                           for c, k in v.dossiers.items()) or "nobody"),
        ]

    def show_region(self, r: int) -> list[str]:
        v = view(self.match.state, self.match.scenario.contenders[0].id)
        region = v.regions[r]
        patron = self._short(region.patron) if region.patron >= 0 else "none"
        shares = [f"{self._short(c)} {t.pct(x)}" for c, x in enumerate(region.loyalty[:-1])]
        return [f"{region.name} ({region.id}, {region.kind}): {region.members:,} members; "
                f"secretary: {patron}",
                "  loyal to: " + ", ".join(shares)
                + f"; uncommitted {t.pct(region.loyalty[-1])}"]

    def show_office(self, typed: str) -> list[str]:
        office = self._office(typed)
        v = view(self.match.state, self.match.scenario.contenders[0].id)
        held = [c.name for c in v.contenders if office.id in c.office_ids]
        return [f"{office.name} ({office.id}): held by {', '.join(held) or 'nobody'}; rank "
                f"{office.rank}; powers: {', '.join(office.powers) or 'none'}; "
                f"{'elected' if office.elected else 'appointed'}"]

    def show_organs(self) -> list[str]:
        v = view(self.match.state, self.match.scenario.contenders[0].id)
        names = v.organ_names
        seats = [f"{s.name} ({self._short(s.faction) if s.faction >= 0 else 'uncommitted'})"
                 for s in v.politburo]
        cc = ", ".join(f"{self._short(c)} {t.pct(x)}" for c, x in enumerate(v.cc_share[:-1]))
        return [
            f"{names['politburo']} ({len(v.politburo)} seats): " + "; ".join(seats),
            f"{names['central_committee']} ({v.cc_seats} seats), its following: {cc}; "
            f"uncommitted {t.pct(v.cc_share[-1])}",
            f"{names['congress']}: {v.congress_delegates} delegates; meeting this turn: "
            + ", ".join(names.get(m, m) for m in v.meetings_this_turn),
        ]
