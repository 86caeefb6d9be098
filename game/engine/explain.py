"""Why things happened, in words a student reads: the reasons of every bloc of a vote.

The rules name what decided each part of a vote (:func:`votes.merit_terms`,
:func:`votes.stand_and_why`); this module only puts those names into words, with the numbers
that decided them, so that a tally explains itself and never contradicts its own count.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol


class Context(Protocol):
    """Whatever names the contenders in these sentences
    (:class:`game.engine.narrate_rows.Names`)."""

    def name(self, c: int) -> str: ...


def signed(x: float) -> str:
    """A number to one decimal with its sign, never '-0.0': '+0.4', '-1.2', '+0.0'."""
    return f"{round(x, 1) + 0.0:+.1f}"


def titled(title: str, text: str) -> str:
    """A line under a card's title: 'The date of the funeral: Tell him', 'Strike first? Accept'
    (after a title that ends in its own mark, no colon, and a new sentence)."""
    if title.endswith(("?", "!", ".")):
        return f"{title} {text[:1].upper()}{text[1:]}"
    return f"{title}: {text}"


def in_sentence(name: str) -> str:
    """A name as it reads inside a sentence: 'The Urals' -> 'the Urals' (other names as they
    are)."""
    return "the " + name[4:] if name.startswith("The ") else name


def _term(key: str, value: float, q, ctx: Context) -> str:
    """One thing that swayed the members who judged for themselves, in words."""
    sponsor = ctx.name(q.sponsor)
    aimed = q.target >= 0
    target = ctx.name(q.target) if aimed else ""
    up = value > 0
    if key == "mood":
        words = (f"{sponsor if up else target}'s line suits the mood better" if aimed
                 else f"the new line suits the mood {'better' if up else 'worse'}")
    elif key == "line":
        words = (f"their own line, nearer {sponsor if up else target}'s" if aimed
                 else f"their own line, nearer the {'new' if up else 'present'} one")
    elif key == "fear":
        words = f"fear of {target if up else sponsor}" if aimed else f"fear of {sponsor}'s power"
    elif key == "agenda":
        words = f"{sponsor if up else target} controls the agenda"
    elif key == "standing":
        words = (f"{sponsor}'s standing {'above' if up else 'below'} {target}'s" if aimed
                 else f"{sponsor}'s standing")
    else:
        words = {
            "presumption": "the party's reluctance to turn on a comrade",
            "no_case": f"no case against {target}: no open platform, no evidence",
            "ban": f"{target}'s open platform, forbidden by the Ban on Factions",
            "exposed": f"the evidence against {target}, now public",
            "files": f"{sponsor}'s files on {target}",
            "defence": f"{target}'s answer to the charge",
            "habit": ("the habit of approving the leadership's report" if q.kind == "confidence"
                      else "the habit of keeping a comrade in his post"),
        }.get(key, key)
    return f"{words} ({signed(value)})"


def judged(ctx: Context, q, terms: Sequence[tuple[str, float]], room: float) -> str:
    """What swayed the members who judged for themselves: the largest parts for and against,
    and the mood in the room (the vote's one draw of chance)."""
    shown = sorted((t for t in terms if abs(t[1]) >= 0.05), key=lambda t: -abs(t[1]))[:4]
    pros = [_term(k, v, q, ctx) for k, v in shown if v > 0]
    cons = [_term(k, v, q, ctx) for k, v in shown if v < 0]
    parts = []
    if pros:
        parts.append("for it: " + ", ".join(pros))
    if cons:
        parts.append("against it: " + ", ".join(cons))
    parts.append(f"the mood in the room {signed(room)}")
    return "; ".join(parts)


def chosen(labels: Sequence[str], lean: Sequence[float], room: Sequence[float],
           swayed_by: str) -> str:
    """Why those who chose for themselves between options chose as they did: each option's
    pull on them (what ``swayed_by`` names, and the mood in the room), strongest first."""
    pulls = sorted(zip(labels, lean, room, strict=True), key=lambda x: -(x[1] + x[2]))
    each = "; ".join(f"\u201c{label}\u201d {swayed_by} {signed(a)}, the mood in the room "
                     f"{signed(b)}" for label, a, b in pulls)
    return f"judged for themselves, drawn most to the first of these ({each})"


STANCE_WORDS = {
    "moved": "he moved it",
    "offered": "he offered it, and wants to stay",
    "target": "he is its target",
    "ally_keeps": "an ally, who wants him kept",
    "ally_of_sponsor": "an ally of {sponsor}",
    "ally_of_target": "an ally of {target}",
    "trusts": "trusts {sponsor}",
    "distrusts": "distrusts {sponsor}",
    "opposition": "in open opposition",
    "nearer_line": "the new line is nearer his own",
    "farther_line": "the new line is further from his own",
    "trust": "trusts {sponsor} more than {target}",
    "fear": "fears {target} more than {sponsor}",
    "line": "stands nearer {sponsor}'s line than {target}'s",
}


def stance_words(ctx: Context, q, k: int, sign: int, why: str) -> str:
    """Why contender ``k`` stands for or against the motion (without saying which)."""
    if why in ("trust", "fear", "line") and sign < 0:
        why = {"trust": "trust_back", "fear": "fear_back", "line": "line_back"}[why]
    sponsor = ctx.name(q.sponsor)
    target = ctx.name(q.target) if q.target >= 0 else ""
    backwards = {
        "trust_back": "trusts {target} more than {sponsor}",
        "fear_back": "fears {sponsor} more than {target}",
        "line_back": "stands nearer {target}'s line than {sponsor}'s",
    }
    text = STANCE_WORDS.get(why) or backwards.get(why, why)
    return text.format(sponsor=sponsor, target=target)
