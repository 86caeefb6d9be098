"""What the lab's tests share: the fictional two-rivals scenario with what-ifs of every kind."""

from __future__ import annotations

from pathlib import Path

from game.content.loader import load_scenario_text
from game.engine import Scenario
from helpers import TWO_RIVALS

WHAT_IFS = """\
what_ifs:
  - id: no_patronage
    title: No patronage
    question: How far does the First Secretary's power to appoint explain her success?
    description: The First Secretary cannot appoint.
    patch:
      rules: {patronage: false}
  - id: no_drive
    title: No recruitment drive
    description: The council never opens its doors.
    patch:
      remove_events: [drive]
  - id: market_blamed
    title: The market blamed
    description: The bread crisis is blamed on the market, one quarter early.
    patch:
      force_events:
        - {event: crisis, choice: blame_market, when: 1950-Q2}
  - id: coup_rumour
    title: A coup rumour
    description: A rumour of a coup; Petrov starts as the Secretary and the mood is tense.
    patch:
      add_events:
        - id: rumour
          title: A rumour of a coup
          when: 1950-Q2
          factor: luck
          text: The garrison is restless.
          history: Fictional.
          source: None
          effects: [{quality: {who: ivan, quality: threat, amount: 20}}, {flag: {name: rumour}}]
        - id: crisis
          title: Bread crisis, blamed on the plan
          when: 1950-Q3
          text: Bread runs short and everybody blames the plan.
          history: Fictional.
          source: None
          effects: [{mood: {line: 0.3}}]
      opening:
        - grant_office: {who: ivan, office: secretary}
        - quality: {who: vera, quality: prestige, amount: -20}
        - flag: {name: opened, value: 2}
"""


def council_text() -> str:
    """two_rivals with the what-ifs above (its outcomes stay last but one: what_ifs at the end)."""
    return TWO_RIVALS.read_text(encoding="utf-8").rstrip("\n") + "\n" + WHAT_IFS


def council() -> Scenario:
    return load_scenario_text(council_text(), "council_what_ifs.yaml")


def write_council(folder: Path) -> Path:
    path = folder / "council_what_ifs.yaml"
    path.write_text(council_text(), encoding="utf-8")
    return path


# two_rivals with one milestone that patronage moves: the First Secretary's following passes
# half the party in 1951-Q3 in history; with her patronage at 0.15 it does so by 1950-Q3 in
# every game, at about 0.02 on time (a deliberately mistuned scenario for calibration).
MILESTONE = """\
milestones:
  - id: vera_half
    title: Orlova holds half the party
    when: 1951-Q3
    text: Half the members follow the First Secretary.
    condition: {support: {who: vera, at_least: 0.5}}
    source: Fictional.
"""


def mistuned_text() -> str:
    text = TWO_RIVALS.read_text(encoding="utf-8").rstrip("\n") + "\n" + MILESTONE
    return text.replace("calendar: {start_year: 1950, turns: 8}\n",
                        "calendar: {start_year: 1950, turns: 8}\n"
                        "rules: {patronage_strength: 0.15}\n")


def mistuned() -> Scenario:
    return load_scenario_text(mistuned_text(), "mistuned.yaml")


def write_mistuned(folder: Path) -> Path:
    path = folder / "mistuned.yaml"
    path.write_text(mistuned_text(), encoding="utf-8")
    return path
