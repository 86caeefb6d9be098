"""Which actions a contender may take, at what cost, and with what odds of any vote: the rules'
menu (:mod:`game.rules.legality`) with each option's words; and the check of a turn's orders."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from game.rules import actions as rule_actions
from game.rules import layout as lay
from game.rules import legality as menu
from game.rules import persuasion
from game.rules import reasons as why

from . import narrate_actions as words
from .actions import SPECS, Action, ActionKind, IllegalAction
from .explain import titled
from .orders import KIND_CODES, decode, encode
from .state import GameState


@dataclass(frozen=True, slots=True)
class Option:
    """A legal action with what a player needs to choose it."""

    action: Action
    cost: int
    odds: float | None  # chance that the vote it leads to carries, or that it works
    label: str
    why: str


WHY = {  # what each kind of action does, in a sentence, for menus and tooltips; {politburo},
    # {central_committee} and {congress} are the scenario's names of its organs
    ActionKind.APPOINT: "Your secretary will pull the region's members to you every turn, and "
    "they choose its delegates to the next {congress}.",
    ActionKind.SUBVERT: "Without the power to appoint: win the region's secretary over by "
    "favours and promises. It may fail, and then their patron hears of it.",
    ActionKind.RECRUIT: "New members owe their careers to the region's secretary and follow "
    "their patron.",
    ActionKind.SPEECH: "Wins over members across the regions: more with oratory, a line that "
    "fits the mood, and twice as much from an open platform.",
    ActionKind.ARTICLE: "Wins over members through the press; a newspaper of your own "
    "multiplies its reach.",
    ActionKind.SHIFT: "Moves your line. Costs credibility (prestige): less when you move with "
    "the mood, double if you shifted last turn too.",
    ActionKind.RESOLUTION: "The {politburo} votes this turn. If carried, the official line moves; "
    "contenders far from it lose members. Wins prestige when it suits the mood.",
    ActionKind.ALLY: "A secret offer; if accepted next turn (or offered back now), your "
    "factions vote together.",
    ActionKind.ACCEPT: "Your factions will vote together, and neither of you can accuse the "
    "other.",
    ActionKind.BREAK: "Frees you to attack; costs trust with everyone, and much more with the "
    "betrayed.",
    ActionKind.PLATFORM: "Speaks to the whole party and wins members who share your line; under "
    "the Ban on Factions it also hands your rivals the charge of factionalism.",
    ActionKind.RECANT: "Closes your platform and drops accusations against you, at a cost in "
    "prestige; if you were expelled, you are readmitted.",
    ActionKind.DOSSIER: "Secret leverage: each dossier makes an accusation against them "
    "likelier to carry.",
    ActionKind.ACCUSE: "Goes to the organ that decides their next step down, at its next "
    "meeting. An open platform under the Ban, your dossiers and their perceived threat all "
    "help.",
    ActionKind.CHALLENGE: "The {central_committee} votes at its next meeting. Carried, your rival "
    "loses the office and the power base behind it; lost, you lose prestige.",
    ActionKind.DEFEND: "At the vote, your oratory sways the members who judge for themselves.",
    ActionKind.APPEAL: "Sways the vote on the charges against you (the rank and file by your "
    "following, the Comintern by your prestige), but makes you feared.",
    ActionKind.ARMY: "Wins the army's communists, but every step feeds the fear of a Bonaparte "
    "(threat).",
    ActionKind.RESIGN: "A gamble at the next plenum: refused, it wins prestige and trust; "
    "accepted, you lose the office.",
    ActionKind.REST: "Restores health; ill contenders have fewer action points.",
    ActionKind.CONVENE: "Whoever sets the agenda chooses when the organs meet: bring waiting "
    "votes on now.",
}


def _note(state: GameState, c: int, kind: ActionKind, target: int) -> str:
    """What the menu says about the vote (or the cost) that follows the action."""
    sc = state.scenario
    if kind in (ActionKind.ACCUSE, ActionKind.CHALLENGE):
        organ = "central_committee" if kind is ActionKind.CHALLENGE else lay.ORGAN_IDS[
            int(state.tables.removed_by[state.arrays.status[target]])]
        return f"Decided by the {getattr(sc.organs, organ).name} at its next meeting. "
    if kind is ActionKind.RESOLUTION:
        return f"The {sc.organs.politburo.name} votes this turn. "
    if kind is ActionKind.RESIGN:
        return "The odds are those of the resignation being accepted. "
    if kind is ActionKind.SHIFT:
        cost = persuasion.shift_cost(state.arrays, c, -1 if target == lay.LEFT else 1)
        return f"Costs {cost:.0f} prestige. "
    return ""


def _decision_why(state: GameState, event: int) -> str:
    s = state.arrays
    waiting = s.decisions[: s.ints[lay.N_DECISIONS]].tolist()
    deciders = int(s.deciders[waiting.index(event)].sum())
    if deciders > 1:
        cc = state.scenario.organs.central_committee.name
        return f"On the card: your vote, weighted by your {cc} following."
    return "On the card: your decision."


def rows(state: GameState, c: int) -> tuple[np.ndarray, np.ndarray]:
    """``c``'s menu as the rules number it: ``rows[i] = (kind, target, option, cost)`` in menu
    order (docs/core.md's orders) and ``odds[i]`` (NaN: no vote or chance follows); remembered
    with the state, and not to be changed."""
    menus = state.derived.setdefault("rows", {})
    found = menus.get(c)
    if found is None:
        if state.finished:
            found = (np.zeros((0, 4), np.int64), np.zeros(0))
        else:
            out, chances = np.zeros((menu.MOST, 4), np.int64), np.zeros(menu.MOST)
            count = menu.options(state.arrays, state.tables, c, out, chances)
            found = (out[:count].copy(), chances[:count].copy())
        menus[c] = found
    return found


def _options(state: GameState, c: int) -> tuple[Option, ...]:
    """``c``'s options, with the words a player reads."""
    sc, s = state.scenario, state.arrays
    table, chances = rows(state, c)
    organs = {k: o.name for k, o in sc.organs}
    options = []
    for (kind, target, option, cost), p in zip(table.tolist(), chances.tolist(), strict=True):
        action = decode(sc, kind, target, option)
        if action.kind is ActionKind.DECIDE:
            e = sc.events[target]
            options.append(Option(action, 0, None, titled(e.title, e.choices[option].label),
                                  _decision_why(state, target)))
            continue
        seen = int(rule_actions.seen(s, kind, target))
        why_text = _note(state, c, action.kind, target) + WHY[action.kind].format_map(organs)
        options.append(Option(action, cost, None if np.isnan(p) else p,
                              words.label(sc, c, kind, target, seen), why_text))
    return tuple(options)


def options(state: GameState, c: int) -> list[Option]:
    """``c``'s options in this state, with costs and odds (remembered with the state)."""
    known = state.derived.setdefault("options", {})
    found = known.get(c)
    if found is None:
        found = known[c] = _options(state, c)
    return list(found)


_UNKNOWN = {"region": why.NO_REGION, "contender": why.NO_CONTENDER, "office": why.NO_OFFICE,
            "post": why.NO_OFFICE, "direction": why.SAY_DIRECTION, "organ": why.SAY_ORGAN,
            "forum": why.SAY_FORUM}


def why_illegal(state: GameState, c: int, action: Action) -> str | None:
    """None if ``action`` is legal for ``c`` now, otherwise the reason."""
    sc, s, t = state.scenario, state.arrays, state.tables
    if not t.rung[s.status[c], lay.CAN_ACT]:
        return f"{sc.contenders[c].short} can no longer act"
    if action.kind is ActionKind.DECIDE:
        legal = {o.action for o in options(state, c) if o.action.kind is ActionKind.DECIDE}
        return None if action in legal else "there is no such decision for you to make now"
    spec = SPECS[action.kind]
    if (spec.arg == "none") != (action.target is None) or action.option is not None:
        return f"{action.kind.value!r} takes {'no argument' if spec.arg == 'none' else spec.arg}"
    try:
        kind, target, _ = encode(sc, action)
    except ValueError:  # a name the scenario does not know
        code = _UNKNOWN[spec.arg]
        if code in (why.SAY_DIRECTION, why.SAY_ORGAN, why.SAY_FORUM):
            return words.reason(sc, KIND_CODES[action.kind], -1, code, -1)
        return f"no {'office' if spec.arg == 'post' else spec.arg} {action.target!r}"
    code, arg = rule_actions.check(s, t, c, kind, target)
    return None if code == why.OK else words.reason(sc, kind, target, int(code), int(arg))


def check_orders(state: GameState, c: int, actions: Sequence[Action]) -> None:
    """Raise IllegalAction, saying why, unless ``actions`` is a legal set of orders for ``c``."""
    sc = state.scenario
    name = sc.contenders[c].short
    seen = Counter(actions)
    for action, count in seen.items():
        if count > 1:
            raise IllegalAction(f"{name}: {action} is ordered twice")
        reason = why_illegal(state, c, action)
        if reason:
            raise IllegalAction(f"{name}: cannot {action}: {reason}")
    decided = Counter(a.target for a in actions if a.kind is ActionKind.DECIDE)
    if any(n > 1 for n in decided.values()):
        raise IllegalAction(f"{name}: one choice per event card")
    total = sum(int(state.tables.cost[KIND_CODES[a.kind]]) for a in actions)
    budget = int(state.arrays.action_points[c])
    if total > budget:
        raise IllegalAction(f"{name}: the orders cost {total} action points; {budget} available")
