"""Every sentence the window and the terminal make from scenario names, rendered for every
office, region, contender and length of every shipped scenario, and read for the slips a
machine makes: 'in The Urals', 'the post of Leningrad party organisation', 'the the', ids, a
stray brace. (The engine's own messages are the engine's; these are the front ends'.)"""

from __future__ import annotations

import html
import re
from dataclasses import replace
from types import SimpleNamespace

import pytest

from game.cli import screens
from game.content import sources
from game.engine import Match, legal_actions, view
from game.engine.view import MotionInfo
from game.ui import explain
from game.words import goal
from game.words.names import BODIES, TITLES, head_word, holding, office_post
from game.words.odds import odds_text


def shipped():
    return [e.scenario for e in sources.discover().usable if e.origin == "shipped"]


def option(kind: str, target: str, odds: float = 0.5):
    action = SimpleNamespace(kind=SimpleNamespace(value=kind), target=target, option=None)
    return SimpleNamespace(action=action, odds=odds, label="", cost=1, why="")


def sentences(sc) -> list[str]:
    """Every generated sentence about this scenario's names."""
    out: list[str] = []
    state = Match.start(sc, 1).state
    for length, *_ in sc.lesson_lengths():
        cut = sc.with_length(length)
        cut_state = Match.start(cut, 1).state
        for c in cut.contenders:
            out.append(screens.render_goal(cut, c.id, length, 200))
            out.append(explain.goal_html(cut, c.id, length, goal.standing(cut_state, c.id), True))
            out.append(screens.render_standing(goal.standing(cut_state, c.id), width=200))
    for me in sc.contenders:
        v = view(state, me.id)
        for c in v.contenders:
            out += [explain.support(v, c, None), explain.offices(c), explain.status(c, v),
                    explain.line(c, v), explain.threat(c), explain.prestige(c)]
        for r in v.regions:
            out.append(explain.region(v, r))
        for o in legal_actions(state, me.id):  # (the label and the why are the engine's words)
            odds = odds_text(o, v, sc)
            if odds:
                out.append(odds)
        for office in sc.offices:
            holder = next((c for c in v.contenders if office.id in c.office_ids), None)
            if holder is not None:
                out.append(odds_text(option("challenge", office.id), v, sc))
                motion = MotionInfo("resign", holder.index, -1, "central_committee", office.id)
                out += screens.motion_lines(replace(v, motions=(motion,)))
        for c in v.contenders:
            out.append(odds_text(option("accuse", c.id), v, sc))
            motion = MotionInfo("accuse", me.index if hasattr(me, "index") else 0, c.index,
                                "central_committee", None)
            out += screens.motion_lines(replace(v, motions=(motion,)))
    for office in sc.offices:
        for you in (True, False):
            for negated in (True, False):
                out.append(f"{'You' if you else 'Trotsky'} {holding(office.name, you, negated)}.")
    return out


SLIPS = {
    "a name's 'The' inside a sentence": re.compile(r"[a-z,;:] The [A-Z]"),
    "a word twice": re.compile(r"\b(\w+) \1\b", re.IGNORECASE),
    "an id": re.compile(r"\b[a-z]+_[a-z0-9_]+\b"),
    "a brace or None": re.compile(r"[{}]|\bNone\b"),
    "a space before a stop": re.compile(r" [.,;:]"),
    "two stops": re.compile(r"\.\."),
}


def plain(text: str) -> str:
    text = re.sub(r"<[^>]+>", "", text.replace("<br>", " "))
    return " ".join(html.unescape(text).split())


@pytest.mark.parametrize("sc", shipped(), ids=lambda sc: sc.id)
def test_generated_sentences_read_well_for_every_name(sc):
    found = []
    for text in sentences(sc):
        said = plain(text)
        for slip, pattern in SLIPS.items():
            m = pattern.search(said)
            if m and not (slip == "a word twice" and m.group(1).isdigit()):
                found.append(f"{slip}: ...{said[max(0, m.start() - 40):m.end() + 40]}...")
        for office in sc.offices:
            if head_word(office.name) not in TITLES and f"post of {office.name}" in said:
                found.append(f"'post of' a body: {said}")
    assert not found, "\n".join(dict.fromkeys(found))


@pytest.mark.parametrize("sc", shipped(), ids=lambda sc: sc.id)
def test_every_office_reads_as_a_post_or_a_body(sc):
    for office in sc.offices:
        post = office_post(office.name)
        head = head_word(office.name)
        if head in TITLES:
            assert post == f"the post of {office.name}"
        elif head in BODIES:
            assert post.startswith("the ") and "post of" not in post
        else:
            assert post == f"\u201c{office.name}\u201d"
