"""Names inside sentences: dates in words, a region or an office in the middle of a sentence,
lists joined with "and", and the ids a player types, in any case.

Scenario files name things as they appear on their own ("The Urals", "Leningrad party
organisation", "People's Commissar for War"); a sentence needs them in another form ("in the
Urals", "relieves Zinoviev of the Leningrad party organisation", "the post of People's Commissar
for War"). These helpers make that form, so generated sentences read as written ones.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from game.engine import Scenario
from game.engine.explain import in_sentence  # noqa: F401 - one rule, shared
from game.engine.scenario import OfficeDef, post_of

_DATE = re.compile(r"(\d+)-(\D*)(\d+)")

# The last word before "of", "for", "in"... of an office's name says what kind of thing it is:
# a person's title (the holder *is* the General Secretary) or a body the holder leads.
TITLES = frozenset(
    """secretary commissar chairman chair chairwoman editor leader liaison head chief president
    minister director commander premier governor marshal commissioner general treasurer""".split()
)
BODIES = frozenset(
    """organisation organization inspectorate commissariat secretariat committee commission
    bureau soviet comintern council department army union unions government ministry office
    party politburo orgburo newspaper press""".split()
)
_HEAD_END = re.compile(r"\s+(?:of|for|in|at|to|on|with)\s+|,")


def date_words(label: str) -> str:
    """A calendar label in words: '1924-Q2' -> 'Q2 1924', '1925-M3' -> 'M3 1925'."""
    m = _DATE.fullmatch(label)
    return f"{m.group(2)}{m.group(3)} {m.group(1)}" if m else label


def head_word(office: str) -> str:
    """The word that says what an office is: 'People's Commissar for War' -> 'commissar',
    'Leningrad party organisation' -> 'organisation'."""
    head = _HEAD_END.split(office.strip(), maxsplit=1)[0]
    words = re.split(r"[\s-]+", head)
    return words[-1].lower().strip("'\u2019") if words else ""


def office_post(office: str | OfficeDef) -> str:
    """An office as the object of a sentence ("holds ...", "relieves Trotsky of ...", "resign
    ..."): the scenario's own words for it where the office is given (``OfficeDef.post``);
    from a name alone, a title becomes 'the post of General Secretary', a body 'the Leningrad
    party organisation', and any other name is quoted whole, so it never reads wrongly."""
    if isinstance(office, OfficeDef):
        return post_of(office)
    head = head_word(office)
    if head in TITLES:
        return f"the post of {office}"
    if head in BODIES:
        return office if office.startswith("the ") else f"the {office}"
    return f"\u201c{office}\u201d"


def holding(office: str | OfficeDef, you: bool, negated: bool = False) -> str:
    """What holding an office is called, after its holder: 'hold the post of General
    Secretary', 'leads the Leningrad party organisation', 'does not hold “Friends in the Control
    Commission”' (``you``: the verb for 'you', else for one other person)."""
    name = office.name if isinstance(office, OfficeDef) else office
    leads = head_word(name) in BODIES
    verb = "lead" if leads else "hold"
    if negated:
        verb = f"{'do' if you else 'does'} not {verb}"
    elif not you:
        verb += "s"
    return f"{verb} {office_post(office)}"


def join(items: Iterable[str], word: str = "and") -> str:
    """'a', 'a and b', 'a, b and c'."""
    parts = list(items)
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + f" {word} " + parts[-1]


def ordinal(n: int) -> str:
    """'1st', '2nd', '3rd', '4th', '11th', '22nd'."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def plural(n: int, word: str, many: str | None = None) -> str:
    """'1 turn', '3 turns' ('1 bloc', '2 blocs'; give ``many`` for irregular plurals)."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


def find_contender(scenario: Scenario, typed: str) -> str | None:
    """The id of the contender a player means by ``typed``: an id, a short name or a full name,
    in any case and with spaces around it ('Stalin', 'TROTSKY', 'leon trotsky'); None if no
    contender matches."""
    key = " ".join(typed.split()).casefold()
    for c in scenario.contenders:
        if key in (c.id.casefold(), c.short.casefold(), c.name.casefold()):
            return c.id
    return None



def lowered(name: str) -> str:
    """A name that starts a heading, as it reads after other words: 'Personal rivalries' ->
    'personal rivalries', 'The First Secretaryship' -> 'the First Secretaryship'; a name that
    opens with someone's possessive ("Lenin's legacy") keeps its capital."""
    first = name.split(" ", 1)[0]
    if not name or first.endswith(("'s", "\u2019s")) or first.isupper():
        return name
    return name[0].lower() + name[1:]
