"""The words a scenario that renames its world must never show: those of the 1924 scenario
(tests/test_scenario_words.py and tests/ui/test_scenario_words.py look for them)."""

from __future__ import annotations

import html
import re

from game.engine import Factor
from game.engine.scenario import FACTOR_NAMES
from helpers import ROOT

FICTIONAL = ROOT / "tests" / "data" / "fictional_council.yaml"
BRAND = ("Politburo \u00b7", "Made by Politburo")  # the game's own name on its printed pages

# Words of the 1924 scenario that a renamed scenario must never show, as patterns.
FOREIGN = [
    r"Politburo", r"Central Committee", r"Congress", r"\bCC\b", r"\bNEP\b", r"Lenin",
    r"General Secretar", r"to the (Left|Right)\b", r"\b(Left|Right) \[", r"\] (Left|Right)\b",
    r"\b(mood|line) (Left|Right)\b", r"\b(Left|Right) \d\.\d\d", r"(?<!AP )\bLEFT\b", r"\bRIGHT\b",
    *(re.escape(FACTOR_NAMES[f]) for f in (Factor.PATRONAGE, Factor.LENINS_LEGACY,
                                            Factor.IDEOLOGY)),
]


def foreign_words(text: str) -> list[str]:
    """Each foreign word found in ``text``, with a little of the text around it."""
    for brand in BRAND:
        text = text.replace(brand, "")
    found = []
    for pattern in FOREIGN:
        for m in re.finditer(pattern, text):
            found.append(" ".join(text[max(0, m.start() - 60): m.end() + 40].split()))
    return found


def visible_text(page: str) -> str:
    """What a reader of an HTML page sees: no tags, styles or scripts."""
    page = re.sub(r"<(style|script)[^>]*>.*?</\1>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))
