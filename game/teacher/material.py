"""Everything a teacher needs for one scenario, complete: its teacher file where it has one,
sections borrowed from another scenario's file where it says so, and for the rest material
built from the scenario's own data (lesson lengths, contenders' biographies, strengths and
weaknesses, learning objectives, the teacher's note).

:func:`material` is what the teacher pack and the debrief read; they never look at the files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from game.engine import Factor, Scenario

from .data import (
    ASSETS,
    Common,
    Essay,
    FactorNote,
    LessonPlan,
    Phase,
    Reading,
    RoleCard,
    Simplification,
    SourceDoc,
    common,
    scenario_file,
)

# Minutes of a lesson around the play itself, for the plans built from a scenario's lengths.
STARTER, SETUP, DEBRIEF, PLENARY = 8, 7, 13, 10
LESSON_MINUTES = 60  # one class period; longer games are split over several


@dataclass(frozen=True)
class Material:
    """One scenario's teacher material, every section filled (``from_file`` says which came
    from a teacher file rather than being built from the scenario)."""

    scenario: Scenario
    summary: str
    content_note: str
    lessons: list[LessonPlan]
    roles: list[RoleCard]
    factors: dict[str, FactorNote]
    essay: Essay
    simplifications: list[Simplification]
    reading: list[Reading]
    common: Common
    from_file: frozenset[str]

    def role(self, contender: str) -> RoleCard:
        return next(r for r in self.roles if r.contender == contender)

    def source(self, title: str) -> SourceDoc | None:
        return self.common.source(title)


def material(scenario: Scenario, folder: Path = ASSETS) -> Material:
    """The complete material of ``scenario`` (TeacherDataError for a broken teacher file)."""
    sc = scenario
    shared = common(folder)
    own = scenario_file(sc.id, folder)
    lender = scenario_file(own.borrow_from, folder) if own and own.borrow_from else None

    def section(name: str):
        for f in (own, lender if own and name in own.borrow else None):
            if f is not None and getattr(f, name):
                return getattr(f, name)
        return None

    offered = [x[0] for x in sc.lesson_lengths()]
    ids = [c.id for c in sc.contenders]
    lessons = [p for p in section("lessons") or [] if p.length in offered]
    lessons += [_plan(sc, x) for x in offered if x not in {p.length for p in lessons}]
    roles = [r for r in section("roles") or [] if r.contender in ids]
    roles += [_role(sc, c) for c in ids if c not in {r.contender for r in roles}]
    notes = {n.factor: n for n in section("factors") or []}
    factors = {str(f): notes.get(str(f)) or _factor(sc, str(f)) for f in Factor}
    filled = {
        name
        for name in ("content_note", "lessons", "roles", "factors", "essay", "simplifications",
                     "reading")
        if section(name)
    }
    return Material(
        scenario=sc,
        summary=(own.summary if own and own.summary else " ".join(sc.description.split())),
        content_note=section("content_note") or _content_note(sc),
        lessons=sorted(lessons, key=lambda p: offered.index(p.length)),
        roles=sorted(roles, key=lambda r: ids.index(r.contender)),
        factors=factors,
        essay=section("essay") or _essay(sc),
        simplifications=section("simplifications") or _simplifications(sc),
        reading=[shared.work(r) for r in section("reading") or []],
        common=shared,
        from_file=frozenset(filled),
    )


# ----- built from the scenario ------------------------------------------------------------------


def _objectives(sc: Scenario) -> list[int]:
    return list(range(1, len(sc.learning_objectives) + 1))


def _plan(sc: Scenario, length: str) -> LessonPlan:
    """A lesson plan from a length's turns and minutes: starter, set-up, play, debrief and
    plenary, over as many class periods as the play needs."""
    _, turns, minutes, description = next(x for x in sc.lesson_lengths() if x[0] == length)
    around = STARTER + SETUP + DEBRIEF + PLENARY
    lessons = max(1, -(-(minutes + around) // LESSON_MINUTES))
    flag = f" --length {length}" if length != "full" else ""
    first = sc.contenders[0].id
    phases = [
        Phase(
            name="Starter",
            minutes=STARTER,
            what=f"Introduce {sc.title} ({sc.dates}): read the learning objectives and one "
            "line of each role card, and ask the class who they expect to come out on top.",
        ),
        Phase(
            name="Set-up",
            minutes=SETUP,
            what="Hand out the role cards. Every group starts the game with the same seed, so "
            f"that their games can be compared (politburo play --text --scenario {sc.id}"
            f"{flag} --seed 1924 --contender {first} --name NAMES, or the window's setup "
            "screen).",
        ),
        Phase(
            name="Play",
            minutes=minutes,
            what=f"{turns} turns"
            + (f" ({' '.join(description.split())})" if description else "")
            + ". Circulate and ask groups why they chose their orders and what each vote's "
            "tally tells them."
            + (" Save at the end of the first lesson and resume in the next." if lessons > 1
               else ""),
        ),
        Phase(
            name="Debrief",
            minutes=DEBRIEF,
            what="Each group makes its handout (politburo debrief SAVE --handout -o "
            "handout.html) and answers its first question from the game it played.",
        ),
        Phase(
            name="Plenary",
            minutes=PLENARY,
            what="Project the class slide (politburo debrief SAVES_FOLDER --class --slide -o "
            "slide.html) and compare the class's games with each other and with history.",
        ),
    ]
    return LessonPlan(
        length=length,  # type: ignore[arg-type]
        title=f"{sc.title}: the {length} game",
        lessons=lessons,
        objectives=_objectives(sc),
        prepare=["Check that the game runs on the room's computers; print a role card per "
                 "group."],
        phases=phases,
        seats="Spread the groups across the contenders, so that the comparison at the end "
        "covers every seat.",
        homework="Answer the first question of your handout in full.",
    )


# A contender's best and worst quality, in words, for a role card built from the numbers.
QUALITY_WORDS = {
    "prestige": ("Great prestige: a famous revolutionary record", "Little prestige or fame"),
    "oratory": ("A powerful speaker and writer", "A poor speaker"),
    "organisation": ("A tireless organiser of committees", "No taste for committee work"),
    "health": ("Good health and stamina", "Often ill"),
}


def _role(sc: Scenario, cid: str) -> RoleCard:
    """A role card from the contender's biography, strengths and weaknesses."""
    c = next(x for x in sc.contenders if x.id == cid)
    offices = {o.id: o.name for o in sc.offices}
    held = ", ".join(offices.get(o, o) for o in c.offices)
    bio = " ".join(c.bio.split())
    first = re.split(r"(?<=[.!?])\s+", bio)
    position = " ".join(first[:2]) + (f" Holds: {held}." if held else "")
    q = c.qualities.model_dump()
    ranked = sorted(QUALITY_WORDS, key=lambda k: -q[k])
    assets = list(c.strengths) or (
        [f"Holds: {offices.get(o, o)}" for o in c.offices][:2] + [QUALITY_WORDS[ranked[0]][0]]
    )
    weaknesses = list(c.weaknesses) or [QUALITY_WORDS[ranked[-1]][1]]
    return RoleCard(
        contender=cid,
        position=position,
        assets=assets,
        weaknesses=weaknesses,
        wanted=f"To come out of {sc.dates} on top, or at least still in the "
        f"{sc.organs.politburo.name}.",
    )


def _factor(sc: Scenario, factor: str) -> FactorNote:
    return FactorNote(
        factor=factor,
        for_=sc.factor_description(factor),
        against="Weigh it against the others with evidence from the game: no factor works "
        "alone.",
    )


def _question(sc: Scenario) -> str:
    for text in [w.question for w in sc.what_ifs] + list(sc.learning_objectives):
        m = re.search(r"\bHow far\b[^?]*\?", text)
        if m:
            return m.group(0)
    return (
        f"How far does the power of appointment explain the outcome of the struggle of "
        f"{sc.dates}?"
    )


def _essay(sc: Scenario) -> Essay:
    question = _question(sc)
    return Essay(
        question=question,
        scaffold=[
            "Introduction: say what the question's factor was and give your answer in one "
            "sentence.",
            "For: the factor at work, with a vote, a turning point or the factor shares of "
            "your game as evidence.",
            "Against: two other factors, each with evidence, and how they worked on the first.",
            "Conclusion: answer \u201chow far\u201d: the main cause, a condition of the "
            "others, or one among equals?",
        ],
        model_answer=[
            "A strong answer states a clear line of argument at the start and keeps to it.",
            "It explains how the named factor worked, with precise evidence from the game (the "
            "factor's share, a vote's blocs) and from what happened in history.",
            "It weighs at least two other factors against it, and shows how they depended on "
            "each other, before reaching a judgement that follows from the argument.",
        ],
        indicative=[
            f"{sc.factor_name(f)}: {sc.factor_description(f)}" for f in Factor
        ][:6],
    )


def _simplifications(sc: Scenario) -> list[Simplification]:
    """The scenario's teacher note, sentence by sentence where it speaks of simplifying."""
    note = " ".join(sc.teacher_note.split())
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", note) if s]
    picked = [s for s in sentences if re.search(r"simplif|in fact|in history|actually", s, re.I)]
    out = [
        Simplification(
            topic="From the scenario's teacher note",
            game=s,
            history="See the scenario's historical notes and the debrief's timeline.",
            why="To keep the game playable in a lesson.",
        )
        for s in picked
    ]
    return out or [
        Simplification(
            topic="Every scenario",
            game="Turns, votes and loyalties are counted with rules and numbers.",
            history="People acted from beliefs, fears and friendships that no rule can count.",
            why="So that students can see why things happened and test what mattered.",
        )
    ]


def _content_note(sc: Scenario) -> str:
    text = f"{sc.teacher_note} {sc.epilogue}".lower()
    if any(w in text for w in ("famine", "terror", "shot", "executed", "murder")):
        return (
            "The epilogue describes the violence that followed (famine, terror, executions): "
            "tell students before the end of the game and give them a moment to read it."
        )
    return ""
